"""Deterministic generator of the illustrative register (cooperatives, parcels, UMKM 2016, partnerships).

The office's record-level register is not public. This module builds a plausible
stand-in that reproduces the official totals of 12 July 2016 exactly: 585
cooperatives (563 aktif, 22 tidak aktif and proposed for dissolution), 195.554 UMKM
units employing 257.481 workers. Names are fictional and say "Ilustrasi" so they
cannot be mistaken for real cooperatives. Python's ``random.Random`` is used because
its sequence for a given seed is stable across Python versions, so the same seed
writes the same bytes.

The partnership tables (loans against certified parcels, training of boards by STAIN
Pamekasan, links between cooperatives and UMKM) were added later. Each draws from its
own generator seeded from the main seed and its name, so adding them left the
earlier files unchanged byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
from pathlib import Path

import numpy as np
import pandas as pd

from koperasi_data import schema

SEED = 20160712

TOTAL_KOPERASI = 585
TIDAK_AKTIF_KOPERASI = 22
TOTAL_UMKM_UNIT = 195_554
TOTAL_UMKM_TENAGA_KERJA = 257_481

# Shares of cooperative types, loosely following the national registry's mix.
JENIS_SHARE = {
    "Simpan Pinjam": 0.30,
    "Konsumen": 0.24,
    "Produsen": 0.14,
    "Pemasaran": 0.08,
    "Jasa": 0.12,
    "KSPPS": 0.12,
}
JENIS_PREFIX = {
    "Simpan Pinjam": "KSP",
    "Konsumen": "Koperasi Konsumen",
    "Produsen": "Koperasi Produsen",
    "Pemasaran": "Koperasi Pemasaran",
    "Jasa": "Koperasi Jasa",
    "KSPPS": "KSPPS",
}
NAME_WORDS = (
    "Melati", "Mawar", "Anggrek", "Kenanga", "Cempaka", "Teratai", "Seroja",
    "Flamboyan", "Kamboja", "Bougenvil", "Tanjung", "Dahlia", "Asoka", "Lavender",
)

# Parcels of cooperative land put forward for BPN certification, by final stage.
PARCEL_STAGE_COUNTS = {
    "terbit": 62,
    "diukur": 24,
    "diverifikasi": 18,
    "diusulkan": 12,
    "ditunda": 22,
    "ditolak": 12,
}
POSTPONE_REASONS = {
    # reason -> last stage the parcel reached before it stopped
    "Dokumen tanah belum lengkap": "diusulkan",
    "Kepala desa berhalangan, pengukuran dijadwalkan ulang": "diverifikasi",
    "Batas bidang belum disepakati pemilik tanah sebelah": "diverifikasi",
}
REJECT_REASONS = (
    "Tanah dalam sengketa",
    "Tanah sudah bersertipikat",
    "Bukan aset milik koperasi",
)
INACTIVE_NOTE = "Ilustrasi: pengurus tidak dapat dihubungi; belum RAT tiga tahun berturut-turut"
PENGGUNAAN = ("Kantor koperasi", "Tempat usaha", "Gudang")
PROPOSAL_START = dt.date(2016, 8, 1)
PROPOSAL_END = dt.date(2017, 6, 30)

# UMKM 2016: share of units by scale and workers per unit by scale.
SKALA_SHARE = {"mikro": 0.978, "kecil": 0.019, "menengah": 0.003}
WORKERS_PER_UNIT = {"mikro": 1.2, "kecil": 4.5, "menengah": 18.0}
SEKTOR_SHARE = {
    "Perdagangan": 0.34,
    "Industri pengolahan": 0.16,
    "Makanan dan minuman": 0.14,
    "Pertanian dan peternakan": 0.20,
    "Perikanan": 0.06,
    "Jasa": 0.10,
}
# The town (kecamatan Pamekasan) has more enterprises per village.
URBAN_WEIGHT = {"Pamekasan": 2.5}


def largest_remainder(weights: list[float], total: int) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` that sum exactly to it."""
    weight_sum = sum(weights)
    if total == 0 or weight_sum == 0:
        return [0] * len(weights)
    quotas = [w / weight_sum * total for w in weights]
    counts = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def read_kecamatan(data_dir: Path) -> list[dict]:
    """The 13 kecamatan rows from the curated reference file."""
    with open(data_dir / "kecamatan.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["villages"] = int(row["jumlah_desa"]) + int(row["jumlah_kelurahan"])
    return rows


def _random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _kecamatan_weights(kecamatan: list[dict]) -> list[float]:
    return [row["villages"] * URBAN_WEIGHT.get(row["nama"], 1.0) for row in kecamatan]


def koperasi_rows(kecamatan: list[dict], rng: random.Random) -> list[dict]:
    """585 cooperatives: 563 aktif, 22 tidak aktif and proposed for dissolution."""
    counts = largest_remainder(_kecamatan_weights(kecamatan), TOTAL_KOPERASI)
    jenis_pool = [
        jenis
        for jenis, n in zip(
            JENIS_SHARE, largest_remainder(list(JENIS_SHARE.values()), TOTAL_KOPERASI)
        )
        for _ in range(n)
    ]
    rng.shuffle(jenis_pool)
    inactive = set(rng.sample(range(TOTAL_KOPERASI), TIDAK_AKTIF_KOPERASI))
    rows = []
    index = 0
    for kec, n in zip(kecamatan, counts):
        for _ in range(n):
            jenis = jenis_pool[index]
            aktif = index not in inactive
            members = max(20, int(rng.lognormvariate(math.log(70), 0.7)))
            female_share = rng.uniform(0.55, 0.95) if jenis == "KSPPS" else rng.uniform(0.15, 0.55)
            female = round(members * female_share)
            if aktif:
                founded = rng.randint(1978, 2015)
                last_rat = 2016 if rng.random() < 0.86 else 2015
                usulan, tanggal_usulan = schema.TIDAK_DIUSULKAN, ""
            else:
                founded = rng.randint(1982, 2008)
                # No RAT for at least three years running (Permenkop UKM 10/2015).
                last_rat = "" if rng.random() < 0.3 else rng.randint(max(founded, 2005), 2012)
                usulan = schema.DIUSULKAN
                tanggal_usulan = _random_date(
                    rng, dt.date(2016, 3, 1), dt.date(2016, 7, 11)
                ).isoformat()
            rows.append(
                {
                    "id_koperasi": f"KOP-{index + 1:04d}",
                    "nama": f"{JENIS_PREFIX[jenis]} Ilustrasi {rng.choice(NAME_WORDS)} {index + 1:03d}",
                    "kecamatan": kec["nama"],
                    "desa": f"Desa Ilustrasi {rng.randint(1, kec['villages']):02d}",
                    "jenis": jenis,
                    "status": schema.AKTIF if aktif else schema.TIDAK_AKTIF,
                    "status_pembubaran": usulan,
                    "tanggal_usulan_pembubaran": tanggal_usulan,
                    "tahun_berdiri": founded,
                    "anggota_laki": members - female,
                    "anggota_perempuan": female,
                    "tahun_rat_terakhir": last_rat,
                    # Internal columns: the office's register names a contact for each cooperative.
                    # Fictional and visibly so; public mode never shows them.
                    "nama_ketua": f"Ketua Ilustrasi {index + 1:03d}",
                    "telepon": f"0324-ILUSTRASI-{index + 1:03d}",
                    "catatan_internal": "" if aktif else INACTIVE_NOTE,
                }
            )
            index += 1
    return rows


def sertifikasi_rows(koperasi: list[dict], rng: random.Random) -> list[dict]:
    """Cooperative land parcels proposed for BPN certification, each with its stage dates."""
    active_ids = [row["id_koperasi"] for row in koperasi if row["status"] == schema.AKTIF]
    stages = [stage for stage, n in PARCEL_STAGE_COUNTS.items() for _ in range(n)]
    rng.shuffle(stages)
    owners = sorted(rng.sample(active_ids, len(stages)))
    snapshot = dt.date.fromisoformat(schema.CERTIFICATION_SNAPSHOT)
    rows = []
    for number, (owner, stage) in enumerate(zip(owners, stages), start=1):
        reached = stage
        alasan = ""
        if stage == "ditunda":
            alasan = rng.choice(sorted(POSTPONE_REASONS))
            reached = POSTPONE_REASONS[alasan]
        elif stage == "ditolak":
            alasan = rng.choice(REJECT_REASONS)
            reached = "diusulkan"
        dates = {}
        day = _random_date(rng, PROPOSAL_START, PROPOSAL_END)
        for progress in schema.PROGRESS_STAGES[: schema.PROGRESS_STAGES.index(reached) + 1]:
            dates[schema.STAGE_DATE_COLUMNS[progress]] = day.isoformat()
            day = min(day + dt.timedelta(days=rng.randint(20, 120)), snapshot)
        row = {
            "id_bidang": f"BID-{number:03d}",
            "id_koperasi": owner,
            "penggunaan": rng.choice(PENGGUNAAN),
            "luas_m2": rng.randrange(120, 2500, 10),
            "tahap": stage,
            "alasan": alasan,
        }
        for column in schema.STAGE_DATE_COLUMNS.values():
            row[column] = dates.get(column, "")
        rows.append(row)
    return rows


def umkm_rows(kecamatan: list[dict], rng: random.Random) -> list[dict]:
    """UMKM 2016 by kecamatan, sector and scale; units and workers sum to the official totals."""
    cells = []
    weights = []
    for kec, kec_weight in zip(kecamatan, _kecamatan_weights(kecamatan)):
        kec_weight *= rng.uniform(0.85, 1.15)
        for sektor, sektor_share in SEKTOR_SHARE.items():
            sektor_weight = sektor_share * rng.uniform(0.6, 1.4)
            for skala, skala_share in SKALA_SHARE.items():
                cells.append((kec["nama"], sektor, skala))
                weights.append(kec_weight * sektor_weight * skala_share)
    units = largest_remainder(weights, TOTAL_UMKM_UNIT)
    expected_workers = [
        n * WORKERS_PER_UNIT[skala] * rng.uniform(0.9, 1.1)
        for n, (_, _, skala) in zip(units, cells)
    ]
    workers = largest_remainder(expected_workers, TOTAL_UMKM_TENAGA_KERJA)
    return [
        {
            "kecamatan": kec,
            "sektor": sektor,
            "skala": skala,
            "unit_usaha": n_units,
            "tenaga_kerja": n_workers,
        }
        for (kec, sektor, skala), n_units, n_workers in zip(cells, units, workers)
    ]


# Partnerships ----------------------------------------------------------------------

# Lenders and their share of loans; typical loan in rupiah (median) and spread by lender.
LEMBAGA_SHARE = {"Pegadaian": 0.40, "Bank BUMN": 0.25, "Bank daerah": 0.20, "BPR": 0.15}
LOAN_MEDIAN_RP = {"Pegadaian": 50_000_000, "Bank BUMN": 175_000_000, "Bank daerah": 150_000_000,
                  "BPR": 75_000_000}
LOAN_STEP_RP = 5_000_000
# Share of certified parcels pledged for a first loan, and the days from certificate to application.
PLEDGED_SHARE = 0.7
DAYS_TO_FIRST_LOAN = (14, 300)
# Board training by STAIN Pamekasan: sessions per year (from the strategy of July 2016 on).
TRAINING_SESSIONS = {2016: 3, 2017: 5, 2018: 5}
COOPERATIVES_PER_SESSION = (8, 16)
BOARD_MEMBERS_TRAINED = (1, 4)
# Share of active cooperatives linked with UMKM, and the usual link by cooperative type.
LINKED_SHARE = 0.22
BENTUK_BY_JENIS = {
    "Simpan Pinjam": "Pembiayaan usaha",
    "KSPPS": "Pembiayaan usaha",
    "Konsumen": "Penyaluran barang",
    "Produsen": "Pasokan bahan baku",
    "Pemasaran": "Pemasaran produk",
    "Jasa": "Pemasaran produk",
}


def _loan(rng: random.Random, lembaga: str, day: dt.date, snapshot: dt.date) -> tuple[int, str]:
    amount = rng.lognormvariate(math.log(LOAN_MEDIAN_RP[lembaga]), 0.5)
    amount = max(LOAN_STEP_RP, round(amount / LOAN_STEP_RP) * LOAN_STEP_RP)
    if (snapshot - day).days < 60:
        status = schema.DIAJUKAN
    elif rng.random() < 0.12:
        status = schema.DITOLAK_PINJAMAN
    elif (snapshot - day).days > 365 and rng.random() < 0.3:
        status = schema.LUNAS
    else:
        status = schema.CAIR
    return amount, status


def pembiayaan_rows(sertifikasi: list[dict], rng: random.Random) -> list[dict]:
    """Loans pledging a certified parcel, dated after its certificate; a refused or repaid loan may be followed by another."""
    snapshot = dt.date.fromisoformat(schema.KEMITRAAN_SNAPSHOT)
    lenders, weights = list(LEMBAGA_SHARE), list(LEMBAGA_SHARE.values())
    loans = []
    for parcel in sertifikasi:
        if parcel["tahap"] != "terbit" or rng.random() >= PLEDGED_SHARE:
            continue
        day = dt.date.fromisoformat(parcel["tanggal_terbit"]) + dt.timedelta(days=rng.randint(*DAYS_TO_FIRST_LOAN))
        lembaga = rng.choices(lenders, weights)[0]
        while day <= snapshot:
            amount, status = _loan(rng, lembaga, day, snapshot)
            loans.append({"id_koperasi": parcel["id_koperasi"], "id_bidang": parcel["id_bidang"],
                          "lembaga": lembaga, "tanggal": day.isoformat(), "nilai_rp": amount, "status": status})
            again = {schema.DITOLAK_PINJAMAN: 0.6, schema.LUNAS: 0.5}.get(status, 0)
            if rng.random() >= again:
                break
            day += dt.timedelta(days=rng.randint(30, 200))
            if status == schema.DITOLAK_PINJAMAN:
                lembaga = rng.choice([other for other in lenders if other != lembaga])
    loans.sort(key=lambda loan: (loan["tanggal"], loan["id_bidang"]))
    return [{"id_pembiayaan": f"PBY-{number:03d}", **loan} for number, loan in enumerate(loans, start=1)]


def pelatihan_rows(koperasi: list[dict], rng: random.Random) -> list[dict]:
    """Board members of active cooperatives trained by STAIN Pamekasan, one row per cooperative and session."""
    active = [row["id_koperasi"] for row in koperasi if row["status"] == schema.AKTIF]
    attended: set[tuple[str, str]] = set()
    rows = []
    session = 0
    for year, sessions in TRAINING_SESSIONS.items():
        start = dt.date(year, 8, 1) if year == schema.REGISTER_YEAR else dt.date(year, 2, 1)
        days = sorted(_random_date(rng, start, dt.date(year, 12, 15)) for _ in range(sessions))
        for day in days:
            materi = schema.MATERI_PELATIHAN[session % len(schema.MATERI_PELATIHAN)]
            session += 1
            chosen = sorted(rng.sample(active, rng.randint(*COOPERATIVES_PER_SESSION)))
            for id_koperasi in chosen:
                if (id_koperasi, materi) in attended:
                    continue
                attended.add((id_koperasi, materi))
                rows.append({"id_pelatihan": f"LAT-{len(rows) + 1:03d}", "id_koperasi": id_koperasi,
                             "mitra": schema.MITRA_PELATIHAN[0], "tanggal": day.isoformat(), "materi": materi,
                             "peserta": rng.randint(*BOARD_MEMBERS_TRAINED)})
    return rows


def jejaring_rows(koperasi: list[dict], rng: random.Random) -> list[dict]:
    """Active cooperatives working with UMKM: how many UMKM, in what form, since when."""
    active = [row for row in koperasi if row["status"] == schema.AKTIF]
    linked = sorted(rng.sample(active, round(len(active) * LINKED_SHARE)), key=lambda row: row["id_koperasi"])
    rows = []
    for row in linked:
        bentuk = BENTUK_BY_JENIS[row["jenis"]] if rng.random() < 0.7 else rng.choice(schema.BENTUK_JEJARING)
        rows.append({"id_koperasi": row["id_koperasi"], "kecamatan": row["kecamatan"],
                     "jumlah_umkm_mitra": max(2, int(rng.lognormvariate(math.log(15), 0.8))),
                     "bentuk": bentuk, "tahun_mulai": rng.randint(schema.REGISTER_YEAR, 2018)})
    return rows


def to_csv(rows: list[dict]) -> str:
    """CSV text with a header row, LF line endings and minimal quoting."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _own_rng(seed: int, table: str) -> random.Random:
    """A generator for one later-added table: seeded from the main seed and the table's name
    (string seeds hash with SHA-512, stable across Python versions)."""
    return random.Random(f"{seed}:{table}")


def generate(data_dir: Path = schema.DATA_DIR, seed: int = SEED) -> dict[str, str]:
    """CSV text of each illustrative resource, keyed by file name."""
    rng = random.Random(seed)
    kecamatan = read_kecamatan(data_dir)
    koperasi = koperasi_rows(kecamatan, rng)
    sertifikasi = sertifikasi_rows(koperasi, rng)
    return {
        "koperasi.csv": to_csv(koperasi),
        "sertifikasi.csv": to_csv(sertifikasi),
        "umkm_2016.csv": to_csv(umkm_rows(kecamatan, rng)),
        "pembiayaan.csv": to_csv(pembiayaan_rows(sertifikasi, _own_rng(seed, schema.FINANCING))),
        "pelatihan.csv": to_csv(pelatihan_rows(koperasi, _own_rng(seed, schema.TRAINING))),
        "jejaring.csv": to_csv(jejaring_rows(koperasi, _own_rng(seed, schema.NETWORK))),
    }


def write(out_dir: Path, data_dir: Path = schema.DATA_DIR, seed: int = SEED) -> list[Path]:
    """Write the illustrative register into ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate(data_dir, seed).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


# Scaled registers ------------------------------------------------------------------
#
# A register N times larger, for measuring the dashboard at a provincial or national size
# (East Java counts about 50 times Pamekasan's cooperatives; the national registry over 200
# times). It is the register above repeated N times with every id renumbered, so it follows
# the same rules and reconciles in proportion: N x 585 cooperatives, N x 563 aktif, N x 22
# tidak aktif, N x 150 parcels; the UMKM table keeps one row per kecamatan, sector and scale
# (its key) with N times the units and workers. Built with whole-column pandas operations, so
# N = 220 (128.700 cooperatives) takes seconds; N = 1 writes the shipped files byte for byte.

# Id columns renumbered per copy: table -> {column: (prefix, table whose rows the ids count)}.
SCALED_IDS = {
    schema.KOPERASI: {"id_koperasi": ("KOP-", schema.KOPERASI)},
    schema.CERTIFICATION: {"id_bidang": ("BID-", schema.CERTIFICATION), "id_koperasi": ("KOP-", schema.KOPERASI)},
    schema.FINANCING: {"id_pembiayaan": ("PBY-", schema.FINANCING), "id_koperasi": ("KOP-", schema.KOPERASI),
                       "id_bidang": ("BID-", schema.CERTIFICATION)},
    schema.TRAINING: {"id_pelatihan": ("LAT-", schema.TRAINING), "id_koperasi": ("KOP-", schema.KOPERASI)},
    schema.NETWORK: {"id_koperasi": ("KOP-", schema.KOPERASI)},
}
# Text columns that end in the cooperative's number ("KSP Ilustrasi Melati 001"): renumbered too.
SCALED_NUMBERED_TEXT = ("nama", "nama_ketua", "telepon")
SCALED_SUMS = {schema.UMKM: ("unit_usaha", "tenaga_kerja")}


def _renumbered(ids: pd.Series, prefix: str, offsets: np.ndarray) -> pd.Series:
    """'KOP-0007' in copy k -> 'KOP-' + (7 + k x rows of the table), zero-padded as wide as the original."""
    numbers = ids.str.slice(len(prefix)).astype("int64")
    width = int(ids.str.len().max()) - len(prefix)
    return prefix + pd.Series(numbers.to_numpy() + offsets, index=ids.index).astype(str).str.zfill(width)


def scaled_frames(scale: int, data_dir: Path = schema.DATA_DIR, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The register repeated ``scale`` times, ids renumbered; every cell as CSV text, keyed by resource."""
    if scale < 1:
        raise ValueError("Skala harus bilangan bulat 1 atau lebih.")
    base = {Path(name).stem: pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
            for name, text in generate(data_dir, seed).items()}
    sizes = {name: len(frame) for name, frame in base.items()}
    frames = {}
    for name, frame in base.items():
        if name in SCALED_SUMS:
            scaled = frame.copy()
            for column in SCALED_SUMS[name]:
                scaled[column] = (frame[column].astype("int64") * scale).astype(str)
            frames[name] = scaled
            continue
        copy_of_row = np.repeat(np.arange(scale, dtype="int64"), len(frame))
        scaled = pd.concat([frame] * scale, ignore_index=True)
        for column, (prefix, counted) in SCALED_IDS.get(name, {}).items():
            scaled[column] = _renumbered(scaled[column], prefix, copy_of_row * sizes[counted])
        if name == schema.KOPERASI:
            numbers = scaled["id_koperasi"].str.slice(len("KOP-")).astype("int64")
            for column in SCALED_NUMBERED_TEXT:
                width = int(frame[column].str.extract(r"(\d+)$", expand=False).str.len().max())
                scaled[column] = (scaled[column].str.replace(r"\d+$", "", regex=True)
                                  + numbers.astype(str).str.zfill(width))
        frames[name] = scaled
    return frames


def write_scaled(out_dir: Path, scale: int, data_dir: Path = schema.DATA_DIR, seed: int = SEED) -> list[Path]:
    """Write the register ``scale`` times larger as one CSV per table (``import out_dir`` takes them all)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in scaled_frames(scale, data_dir, seed).items():
        path = out_dir / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    return written
