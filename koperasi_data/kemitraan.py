"""Partnerships (kemitraan), pure pandas: what BPN, Pegadaian and banks, STAIN Pamekasan and the UMKM did.

The office's strategy of July 2016 names three obstacles and answers each with partners:
modal usaha (BPN certifies land so it can be pledged; Pegadaian and banks lend against
it), SDM (STAIN Pamekasan trains cooperative boards) and jaringan (the UMKM the office
supports). Frames in, frames and numbers out; nothing here formats for display.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from koperasi_data import schema
from koperasi_data.metrics import share

# Steps from a proposed parcel to a loan obtained against it, in order.
COLLATERAL_STEPS = ("diusulkan", "terbit", "dijaminkan", "pinjaman_diperoleh")


def strategy_statement(values: pd.DataFrame) -> pd.Series | None:
    """The published value whose article stated the strategy (Hari Koperasi 2016), for its source and link.

    The office named the three obstacles and their partners in the same statement in which
    it gave the cooperative total of 12 July 2016, so that value's source is the strategy's.
    """
    rows = values[(values["kode_indikator"] == schema.KOPERASI_TOTAL) & (values["periode"] == schema.REGISTER_DATE)]
    return None if rows.empty else rows.iloc[0]


def in_kecamatan(frame: pd.DataFrame, koperasi: pd.DataFrame, kecamatan: Sequence[str]) -> pd.DataFrame:
    """Rows (with an ``id_koperasi``) whose cooperative lies in the chosen kecamatan; all rows when none is chosen."""
    if not kecamatan:
        return frame
    ids = koperasi.loc[koperasi["kecamatan"].isin(list(kecamatan)), "id_koperasi"]
    return frame[frame["id_koperasi"].isin(ids)]


def obtained(loans: pd.DataFrame) -> pd.DataFrame:
    """Loans the cooperative actually received (disbursed or already repaid)."""
    return loans[loans["status"].isin(schema.PEMBIAYAAN_DIPEROLEH)]


# Modal usaha: certified land as collateral ------------------------------------------------


def collateral_funnel(parcels: pd.DataFrame, loans: pd.DataFrame) -> pd.DataFrame:
    """Parcels proposed, certified, pledged for a loan, and with a loan obtained; share of certified (0-100)."""
    issued = parcels[parcels["tahap"] == "terbit"]
    counts = [len(parcels), len(issued),
              int(issued["id_bidang"].isin(loans["id_bidang"]).sum()),
              int(issued["id_bidang"].isin(obtained(loans)["id_bidang"]).sum())]
    result = pd.DataFrame({"langkah": list(COLLATERAL_STEPS), "bidang": counts})
    # Share of certified parcels; not defined for the proposals, which come before certification.
    result["persen_dari_terbit"] = [None] + [share(n, counts[1]) for n in counts[1:]]
    return result


def loan_totals(parcels: pd.DataFrame, loans: pd.DataFrame) -> dict[str, float | int | None]:
    """Certified parcels, those with a loan obtained and their share (0-100), loans applied, obtained, refused, rupiah."""
    issued = parcels.loc[parcels["tahap"] == "terbit", "id_bidang"]
    received = obtained(loans)
    with_loan = int(issued.isin(received["id_bidang"]).sum())
    return {
        "bidang_terbit": len(issued),
        "bidang_dengan_pinjaman": with_loan,
        "persen_terbit_dengan_pinjaman": share(with_loan, len(issued)),
        "pengajuan": len(loans),
        "pinjaman_diperoleh": len(received),
        "ditolak": int((loans["status"] == schema.DITOLAK_PINJAMAN).sum()),
        "nilai_rp": int(received["nilai_rp"].sum()),
        "koperasi": int(received["id_koperasi"].nunique()),
    }


def loans_by_lembaga(loans: pd.DataFrame) -> pd.DataFrame:
    """Per kind of lender: applications, loans obtained, refused, rupiah obtained; largest amount first."""
    received = obtained(loans)
    result = pd.DataFrame({"lembaga": list(schema.LEMBAGA_PEMBIAYAAN)})
    result["pengajuan"] = result["lembaga"].map(loans["lembaga"].value_counts()).fillna(0).astype(int)
    result["pinjaman_diperoleh"] = result["lembaga"].map(received["lembaga"].value_counts()).fillna(0).astype(int)
    refused = loans[loans["status"] == schema.DITOLAK_PINJAMAN]["lembaga"].value_counts()
    result["ditolak"] = result["lembaga"].map(refused).fillna(0).astype(int)
    amounts = received.groupby("lembaga")["nilai_rp"].sum()
    result["nilai_rp"] = result["lembaga"].map(amounts).fillna(0).astype(int)
    return result.sort_values(["nilai_rp", "lembaga"], ascending=[False, True], kind="stable").reset_index(drop=True)


# SDM: boards trained by STAIN Pamekasan --------------------------------------------------


def training_by_year(training: pd.DataFrame) -> pd.DataFrame:
    """Per year: training sessions (distinct dates), cooperatives whose boards took part, board members trained."""
    years = training["tanggal"].dt.year.rename("tahun")
    grouped = training.groupby(years).agg(sesi=("tanggal", "nunique"), koperasi=("id_koperasi", "nunique"),
                                          pengurus=("peserta", "sum"))
    result = grouped.reset_index()
    result["tahun"] = result["tahun"].astype(int)
    for column in ("sesi", "koperasi", "pengurus"):
        result[column] = result[column].astype(int)
    return result


def training_totals(training: pd.DataFrame) -> dict[str, int]:
    """Sessions, cooperatives (each counted once) and board members trained over the whole period."""
    return {"sesi": int(training["tanggal"].nunique()), "koperasi": int(training["id_koperasi"].nunique()),
            "pengurus": int(training["peserta"].sum())}


# Jaringan: cooperatives linked with UMKM -------------------------------------------------


def network_totals(network: pd.DataFrame) -> dict[str, int]:
    """Cooperatives linked with UMKM and the UMKM they work with."""
    return {"koperasi": len(network), "umkm_mitra": int(network["jumlah_umkm_mitra"].sum())}


def network_by_kecamatan(network: pd.DataFrame, koperasi: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """Per kecamatan in ``names``: active cooperatives, those linked with UMKM, share linked (0-100), UMKM partners."""
    active = koperasi[koperasi["status"] == schema.AKTIF]["kecamatan"].value_counts()
    linked = network["kecamatan"].value_counts()
    partners = network.groupby("kecamatan")["jumlah_umkm_mitra"].sum()
    result = pd.DataFrame({"kecamatan": list(names)})
    result["koperasi_aktif"] = result["kecamatan"].map(active).fillna(0).astype(int)
    result["koperasi_bermitra"] = result["kecamatan"].map(linked).fillna(0).astype(int)
    result["persen_bermitra"] = [share(n, a) for n, a in zip(result["koperasi_bermitra"], result["koperasi_aktif"])]
    result["umkm_mitra"] = result["kecamatan"].map(partners).fillna(0).astype(int)
    return result


# All three, per kecamatan ------------------------------------------------------------------


def partnership_by_kecamatan(koperasi: pd.DataFrame, parcels: pd.DataFrame, loans: pd.DataFrame,
                             training: pd.DataFrame, network: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """Per kecamatan: certified parcels, loans obtained and rupiah, cooperatives and board members trained,
    cooperatives linked and their UMKM partners."""
    home = koperasi.set_index("id_koperasi")["kecamatan"]

    def per_kecamatan(frame: pd.DataFrame, how: str, column: str = "id_koperasi") -> pd.Series:
        grouped = frame.assign(kecamatan=frame["id_koperasi"].map(home)).groupby("kecamatan")[column]
        return getattr(grouped, how)()

    received = obtained(loans)
    result = pd.DataFrame({"kecamatan": list(names)})
    columns = {
        "bidang_terbit": per_kecamatan(parcels[parcels["tahap"] == "terbit"], "size"),
        "pinjaman_diperoleh": per_kecamatan(received, "size"),
        "nilai_rp": per_kecamatan(received, "sum", "nilai_rp"),
        "koperasi_dilatih": per_kecamatan(training, "nunique"),
        "pengurus_dilatih": per_kecamatan(training, "sum", "peserta"),
        "koperasi_bermitra": per_kecamatan(network, "size"),
        "umkm_mitra": per_kecamatan(network, "sum", "jumlah_umkm_mitra"),
    }
    for column, series in columns.items():
        result[column] = result["kecamatan"].map(series).fillna(0).astype(int)
    return result


def has_records(*frames: pd.DataFrame) -> bool:
    """Whether any of the partnership tables has a row (after filtering)."""
    return any(not frame.empty for frame in frames)
