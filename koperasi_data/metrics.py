"""Pure pandas: frames in, frames and numbers out. Nothing here formats for display."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from koperasi_data import i18n, schema
from koperasi_data.i18n import N_, _
from koperasi_data.load import Dataset

# When two published values answer the same question, prefer the more trustworthy.
STATUS_RANK = {schema.RESMI: 0, schema.TURUNAN: 1, schema.DITANDAI: 2}
SOURCE_COLUMNS = ["periode", "tanggal_terbit", "penerbit", "url", "status", "catatan", "presisi"]


# Published values ---------------------------------------------------------------


def published_values(dataset: Dataset) -> pd.DataFrame:
    """Every published value with its indicator's label and unit and its area's name (and their English
    columns, ``label_en``/``satuan_en``, which ``in_language`` puts in their place for an English view)."""
    indicators = dataset[schema.INDICATORS]
    english = [c for c in ENGLISH_COLUMNS if c in indicators]
    values = dataset[schema.VALUES].merge(
        indicators[["kode", "kelompok", "label", "satuan", *english]],
        left_on="kode_indikator", right_on="kode", how="left",
    ).drop(columns="kode")
    names = dict(zip(dataset[schema.KECAMATAN]["kode"], dataset[schema.KECAMATAN]["nama"]))
    names[schema.REGENCY_CODE] = schema.REGENCY_NAME
    names.update(schema.OTHER_AREAS)
    values["wilayah"] = values["kode_wilayah"].map(names)
    return values


def glossary(terms: pd.DataFrame, lang: str = i18n.DEFAULT) -> dict[str, tuple[str, str]]:
    """Glossary term (as pages name it, Indonesian) -> (term, definition) in ``lang``: istilah.csv's English
    columns (istilah_en, definisi_en) for English, falling back to the Indonesian text where one is empty."""
    english = i18n.normalise(lang) == "en" and "istilah_en" in terms and "definisi_en" in terms
    result = {}
    for row in terms.itertuples(index=False):
        term, definition = row.istilah, row.definisi
        if english:
            term = row.istilah_en if isinstance(row.istilah_en, str) and row.istilah_en else term
            definition = row.definisi_en if isinstance(row.definisi_en, str) and row.definisi_en else definition
        result[row.istilah] = (term, definition)
    return result


# indikator.csv's English columns: label_en replaces label, satuan_en replaces satuan in an English view.
ENGLISH_COLUMNS = ("label_en", "satuan_en")


def in_language(values: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The published values with the indicator labels, units and area names of ``lang`` (default: the current
    language). Indonesian: the frame itself, unchanged."""
    lang = i18n.normalise(lang or i18n.current())
    if lang == i18n.DEFAULT or values.empty:
        return values
    translate = i18n.translator(lang)
    changed = {}
    for column in ENGLISH_COLUMNS:
        if column in values:
            base = column.removesuffix("_en")
            changed[base] = values[column].where(values[column].notna() & (values[column] != ""), values[base])
    if "wilayah" in values:
        changed["wilayah"] = values["wilayah"].map(lambda name: translate(name) if isinstance(name, str) else name)
    return values.assign(**changed)


def years_with_values(values: pd.DataFrame) -> list[int]:
    """Every year that some published value refers to, ascending."""
    return sorted(int(y) for y in values["tahun"].dropna().unique())


def _regency_rows(values: pd.DataFrame, kode: str) -> pd.DataFrame:
    return values[(values["kode_indikator"] == kode) & (values["kode_wilayah"] == schema.REGENCY_CODE)
                  & values["desa"].isna()]


def _best(rows: pd.DataFrame) -> pd.Series | None:
    """The most trustworthy, then the latest, of several values for one question."""
    if rows.empty:
        return None
    ranked = rows.assign(_rank=rows["status"].map(STATUS_RANK))
    ranked = ranked.sort_values(["_rank", "periode"], ascending=[True, False], kind="stable")
    return ranked.iloc[0].drop(labels="_rank")


def koperasi_snapshot_periods(values: pd.DataFrame) -> pd.Series:
    """For each year, the period whose cooperative total the dashboard uses.

    That is the latest period in the year with a total that is not flagged; a
    year's active and inactive figures are taken from that same period so that
    they add up.
    """
    totals = _regency_rows(values, schema.KOPERASI_TOTAL)
    totals = totals[totals["status"] != schema.DITANDAI].dropna(subset=["tahun"])
    latest = totals.sort_values("periode").groupby("tahun")["periode"].last()
    latest.index = latest.index.astype(int)
    return latest


def years_of(values: pd.DataFrame, kode: str) -> list[int]:
    """Years with a regency-level value of one indicator, ascending."""
    return sorted(int(y) for y in _regency_rows(values, kode)["tahun"].dropna().unique())


def latest_koperasi_year(values: pd.DataFrame) -> int:
    """The latest year with a published cooperative total: the default view."""
    return int(koperasi_snapshot_periods(values).index.max())


def koperasi_headline(values: pd.DataFrame, year: int) -> dict[str, pd.Series | None]:
    """Total, active and inactive cooperatives of one year, each a row with its source."""
    periods = koperasi_snapshot_periods(values)
    result: dict[str, pd.Series | None] = {}
    for kode in (schema.KOPERASI_TOTAL, schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF):
        rows = _regency_rows(values, kode)
        if year in periods.index:
            rows = rows[rows["periode"] == periods[year]]
        else:
            rows = rows.iloc[0:0]
        result[kode] = _best(rows)
    return result


def largest(frame: pd.DataFrame, column: str, name: str = "kecamatan") -> pd.Series:
    """The row with the largest ``column``; ties go to the first ``name`` in alphabetical order."""
    return frame.sort_values([column, name], ascending=[False, True]).iloc[0]


def share(part, whole) -> float | None:
    """``part`` as a share of ``whole``, 0-100; None when either is missing or whole is 0."""
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or whole == 0:
        return None
    return float(part) / float(whole) * 100


def koperasi_trend(values: pd.DataFrame) -> pd.DataFrame:
    """Active and inactive cooperatives per year with each point's source (long format)."""
    rows = []
    for year in koperasi_snapshot_periods(values).index:
        headline = koperasi_headline(values, year)
        for kode in (schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF):
            row = headline[kode]
            if row is not None:
                rows.append({"tahun": year, "kode_indikator": kode, "label": row["label"],
                             "nilai": row["nilai"], **{c: row[c] for c in SOURCE_COLUMNS}})
    return pd.DataFrame(rows, columns=["tahun", "kode_indikator", "label", "nilai", *SOURCE_COLUMNS])


def values_of_topic(values: pd.DataFrame, kelompok: str | None) -> pd.DataFrame:
    """Published values of one topic (kelompok); every value when no topic is given."""
    return values[values["kelompok"] == kelompok] if kelompok else values


def flagged_values(values: pd.DataFrame, kelompok: str) -> pd.DataFrame:
    """Published values of one topic that conflict with another source."""
    return values[(values["kelompok"] == kelompok) & (values["status"] == schema.DITANDAI)]


def indicator_value(values: pd.DataFrame, kode: str, year: int) -> pd.Series | None:
    """The best regency-level value of one indicator for one year."""
    rows = _regency_rows(values, kode)
    return _best(rows[rows["tahun"] == year])


def indicator_series(values: pd.DataFrame, kodes: Sequence[str]) -> pd.DataFrame:
    """All regency-level values of some indicators, sorted by indicator and period."""
    rows = values[values["kode_indikator"].isin(kodes) & (values["kode_wilayah"] == schema.REGENCY_CODE)
                  & values["desa"].isna()]
    order = {kode: i for i, kode in enumerate(kodes)}
    return rows.sort_values(["kode_indikator", "periode"], key=lambda s: s.map(order) if s.name == "kode_indikator" else s,
                            na_position="first").reset_index(drop=True)


def by_kecamatan_values(values: pd.DataFrame, kode: str, kecamatan: pd.DataFrame) -> pd.DataFrame:
    """Kecamatan-level values of one indicator, one row per kecamatan that has one."""
    rows = values[(values["kode_indikator"] == kode) & (values["kode_wilayah"] != schema.REGENCY_CODE)
                  & values["desa"].isna()]
    return rows.merge(kecamatan[["kode", "nama"]], left_on="kode_wilayah", right_on="kode").rename(
        columns={"nama": "kecamatan"}).drop(columns="kode").sort_values("nilai", ascending=False).reset_index(drop=True)


def latest_value(values: pd.DataFrame, kode: str) -> pd.Series | None:
    """The most trustworthy, then latest, regency-level value of an indicator, whatever its year."""
    return _best(_regency_rows(values, kode))


def coverage_by_kecamatan(values: pd.DataFrame, kode: str, kecamatan: pd.DataFrame) -> pd.DataFrame:
    """Per kecamatan: a published count of villages next to the kecamatan's desa + kelurahan (share 0-100)."""
    rows = by_kecamatan_values(values, kode, kecamatan)[["kecamatan", "nilai", "periode", "penerbit", "url"]]
    villages = kecamatan.assign(desa_kelurahan=kecamatan["jumlah_desa"] + kecamatan["jumlah_kelurahan"])
    result = rows.merge(villages[["nama", "desa_kelurahan"]], left_on="kecamatan", right_on="nama").drop(columns="nama")
    result["persen"] = [share(n, v) for n, v in zip(result["nilai"], result["desa_kelurahan"])]
    return result.sort_values(["persen", "kecamatan"], ascending=[False, True]).reset_index(drop=True)


def other_values(values: pd.DataFrame, kelompok: str, shown: Sequence[str]) -> pd.DataFrame:
    """Regency-level values of a topic that no chart shows, oldest first."""
    rows = values[(values["kelompok"] == kelompok) & ~values["kode_indikator"].isin(list(shown))
                  & (values["kode_wilayah"] == schema.REGENCY_CODE) & values["desa"].isna()]
    return rows.sort_values(["periode", "kode_indikator"], na_position="last").reset_index(drop=True)


def village_values(values: pd.DataFrame, kode: str) -> pd.DataFrame:
    """Village-level values of one indicator, latest period first."""
    rows = values[(values["kode_indikator"] == kode) & values["desa"].notna()]
    return rows.sort_values(["periode", "nilai"], ascending=[False, False]).reset_index(drop=True)


# Cooperative register ------------------------------------------------------------


def filter_koperasi(koperasi: pd.DataFrame, kecamatan: Sequence[str] = (), jenis: Sequence[str] = (),
                    status: Sequence[str] = ()) -> pd.DataFrame:
    """Cooperatives matching every non-empty filter."""
    mask = pd.Series(True, index=koperasi.index)
    for column, chosen in (("kecamatan", kecamatan), ("jenis", jenis), ("status", status)):
        if chosen:
            mask &= koperasi[column].isin(list(chosen))
    return koperasi[mask]


def koperasi_totals(koperasi: pd.DataFrame) -> dict[str, float | int | None]:
    """Total, active, inactive and share active (0-100) of a set of cooperatives."""
    aktif = int((koperasi["status"] == schema.AKTIF).sum())
    total = len(koperasi)
    return {"total": total, "aktif": aktif, "tidak_aktif": total - aktif, "persen_aktif": share(aktif, total)}


def koperasi_by_kecamatan(koperasi: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """Active and inactive cooperatives per kecamatan, every name in ``names`` listed, in that order."""
    counts = pd.crosstab(koperasi["kecamatan"], koperasi["status"])
    counts = counts.reindex(index=pd.Index(list(names), name="kecamatan"), columns=list(schema.STATUS_KOPERASI),
                            fill_value=0)
    result = counts.reset_index()
    result.columns.name = None
    result["total"] = result[schema.AKTIF] + result[schema.TIDAK_AKTIF]
    result["persen_aktif"] = [share(a, t) for a, t in zip(result[schema.AKTIF], result["total"])]
    return result


def koperasi_by_jenis(koperasi: pd.DataFrame) -> pd.DataFrame:
    """Active and inactive cooperatives per type, largest type first."""
    counts = pd.crosstab(koperasi["jenis"], koperasi["status"]).reindex(
        index=list(schema.JENIS_KOPERASI), columns=list(schema.STATUS_KOPERASI), fill_value=0)
    result = counts.reset_index()
    result.columns.name = None
    result["total"] = result[schema.AKTIF] + result[schema.TIDAK_AKTIF]
    return result.sort_values(["total", "jenis"], ascending=[False, True]).reset_index(drop=True)


RAT_CATEGORIES = (N_("RAT tahun berjalan"), N_("RAT tahun lalu"), N_("Tidak RAT 3 tahun atau lebih"), N_("Lainnya"))


def rat_category(last_rat: pd.Series, year: int) -> pd.Series:
    """Which RAT group each cooperative falls in, as of ``year``."""
    gap = year - last_rat
    category = pd.Series(RAT_CATEGORIES[3], index=last_rat.index, dtype="str")
    category[gap <= 0] = RAT_CATEGORIES[0]
    category[gap == 1] = RAT_CATEGORIES[1]
    category[(gap >= 3) | last_rat.isna()] = RAT_CATEGORIES[2]
    return category


def rat_compliance(koperasi: pd.DataFrame, names: Sequence[str], year: int) -> pd.DataFrame:
    """Cooperatives per kecamatan by when they last held their RAT, with the share on time (0-100)."""
    groups = rat_category(koperasi["tahun_rat_terakhir"], year)
    counts = pd.crosstab(koperasi["kecamatan"], groups).reindex(
        index=pd.Index(list(names), name="kecamatan"), columns=list(RAT_CATEGORIES), fill_value=0)
    counts = counts.loc[:, (counts.sum() > 0) | (counts.columns != RAT_CATEGORIES[3])]
    result = counts.reset_index()
    result.columns.name = None
    total = counts.sum(axis=1).to_numpy()
    result["persen_rat_tepat_waktu"] = [share(a, t) for a, t in zip(counts[RAT_CATEGORIES[0]], total)]
    return result


def dissolution_list(koperasi: pd.DataFrame) -> pd.DataFrame:
    """Cooperatives proposed for or already dissolved, oldest proposal first.

    The contact columns come along when the frame has them (the internal instance), so the office
    knows whom to call; the public instance's frames no longer hold them.
    """
    proposed = koperasi[koperasi["status_pembubaran"] != schema.TIDAK_DIUSULKAN]
    columns = ["id_koperasi", "nama", "kecamatan", "desa", "jenis", "tahun_berdiri", "tahun_rat_terakhir",
               "status_pembubaran", "tanggal_usulan_pembubaran"]
    columns += [c for c in schema.KOPERASI_CONTACT_COLUMNS if c in koperasi.columns]
    return proposed[columns].sort_values(["tanggal_usulan_pembubaran", "id_koperasi"]).reset_index(drop=True)


def reconcile_register(dataset: Dataset) -> pd.DataFrame:
    """The register's totals next to the official figures of 12 July 2016, with the difference."""
    values = published_values(dataset)
    register = koperasi_totals(dataset[schema.KOPERASI])
    umkm = dataset[schema.UMKM]
    computed = {
        schema.KOPERASI_TOTAL: register["total"],
        schema.KOPERASI_AKTIF: register["aktif"],
        schema.KOPERASI_TIDAK_AKTIF: register["tidak_aktif"],
        schema.UMKM_UNIT: int(umkm["unit_usaha"].sum()),
        schema.UMKM_TENAGA_KERJA: int(umkm["tenaga_kerja"].sum()),
    }
    rows = []
    for kode, from_register in computed.items():
        official = _regency_rows(values, kode)
        official = official[official["periode"] == schema.REGISTER_DATE]
        row = _best(official)
        rows.append({"kode_indikator": kode, "label": None if row is None else row["label"],
                     "angka_resmi": None if row is None else row["nilai"], "register": from_register,
                     "selisih": None if row is None else from_register - row["nilai"],
                     "sumber": None if row is None else row["url"]})
    return pd.DataFrame(rows)


# Certification register ------------------------------------------------------------


def parcels_with_kecamatan(parcels: pd.DataFrame, koperasi: pd.DataFrame) -> pd.DataFrame:
    """Parcels with their cooperative's name, kecamatan and desa."""
    return parcels.merge(koperasi[["id_koperasi", "nama", "kecamatan", "desa"]], on="id_koperasi", how="left")


def parcel_funnel(parcels: pd.DataFrame) -> pd.DataFrame:
    """How many parcels reached each progress stage (a parcel that reached a stage passed the earlier ones)."""
    rows = [{"tahap": stage, "bidang": int(parcels[column].notna().sum())}
            for stage, column in schema.STAGE_DATE_COLUMNS.items()]
    result = pd.DataFrame(rows)
    result["persen_dari_usulan"] = [share(n, result["bidang"].iloc[0]) for n in result["bidang"]]
    return result


def parcels_over_time(parcels: pd.DataFrame) -> pd.DataFrame:
    """Cumulative parcels that had reached each progress stage at the end of each month."""
    dates = parcels[list(schema.STAGE_DATE_COLUMNS.values())]
    if dates.notna().sum().sum() == 0:
        return pd.DataFrame(columns=["bulan", "tahap", "bidang"])
    months = pd.period_range(dates.min().min(), dates.max().max(), freq="M")
    rows = []
    for stage, column in schema.STAGE_DATE_COLUMNS.items():
        reached = parcels[column].dropna().dt.to_period("M").value_counts()
        cumulative = reached.reindex(months, fill_value=0).cumsum()
        rows.extend({"bulan": month.to_timestamp(), "tahap": stage, "bidang": int(n)}
                    for month, n in cumulative.items())
    return pd.DataFrame(rows)


def stuck_parcels(located: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """Parcels still waiting (not issued, not rejected), longest wait first, with days since the last step.

    ``located`` is the output of ``parcels_with_kecamatan``.
    """
    waiting = located[~located["tahap"].isin(["terbit", "ditolak"])].copy()
    last_step = waiting[list(schema.STAGE_DATE_COLUMNS.values())].max(axis=1)
    waiting["hari_sejak_langkah_terakhir"] = (pd.Timestamp(as_of) - last_step).dt.days.astype("Int64")
    columns = ["id_bidang", "nama", "kecamatan", "desa", "tahap", "alasan", "hari_sejak_langkah_terakhir"]
    return waiting[columns].sort_values(["hari_sejak_langkah_terakhir", "id_bidang"],
                                        ascending=[False, True]).reset_index(drop=True)


def stuck_by_kecamatan(located: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """Per kecamatan in ``names``: parcels issued, still in progress, postponed and rejected."""
    group = located["tahap"].map(lambda t: t if t in ("terbit", "ditunda", "ditolak") else "dalam_proses")
    counts = pd.crosstab(located["kecamatan"], group).reindex(
        index=pd.Index(list(names), name="kecamatan"), columns=["terbit", "dalam_proses", "ditunda", "ditolak"],
        fill_value=0)
    result = counts.reset_index()
    result.columns.name = None
    result["total"] = counts.sum(axis=1).to_numpy()
    return result


def postponement_reasons(parcels: pd.DataFrame) -> pd.DataFrame:
    """Why parcels were postponed or rejected, most frequent first."""
    stopped = parcels[parcels["tahap"].isin(schema.STOPPED_STAGES)]
    return (stopped.groupby(["tahap", "alasan"]).size().rename("bidang").reset_index()
            .sort_values(["bidang", "alasan"], ascending=[False, True]).reset_index(drop=True))


def parcels_by_stage(parcels: pd.DataFrame) -> pd.DataFrame:
    """Parcels per stage they are at now (every stage listed, in pipeline order)."""
    counts = parcels["tahap"].value_counts().reindex(list(schema.TAHAP), fill_value=0)
    return pd.DataFrame({"tahap": list(schema.TAHAP), "bidang": [int(n) for n in counts]})


# UMKM -----------------------------------------------------------------------------


def umkm_totals(umkm: pd.DataFrame) -> dict[str, float | int | None]:
    """Units, workers and workers per unit of a set of UMKM rows."""
    units = int(umkm["unit_usaha"].sum())
    workers = int(umkm["tenaga_kerja"].sum())
    return {"unit_usaha": units, "tenaga_kerja": workers,
            "tenaga_kerja_per_unit": workers / units if units else None}


def umkm_by(umkm: pd.DataFrame, column: str, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Units, workers and workers per unit grouped by one column (kecamatan, sektor or skala)."""
    grouped = umkm.groupby(column, sort=False)[["unit_usaha", "tenaga_kerja"]].sum()
    if order is not None:
        grouped = grouped.reindex(list(order), fill_value=0)
    result = grouped.reset_index().rename(columns={"index": column})
    result["tenaga_kerja_per_unit"] = [w / u if u else None for w, u in zip(result["tenaga_kerja"], result["unit_usaha"])]
    result["unit_usaha"] = result["unit_usaha"].astype(int)
    result["tenaga_kerja"] = result["tenaga_kerja"].astype(int)
    return result


def filter_kecamatan(frame: pd.DataFrame, kecamatan: Sequence[str]) -> pd.DataFrame:
    """Rows of the chosen kecamatan; every row when none is chosen."""
    return frame[frame["kecamatan"].isin(list(kecamatan))] if kecamatan else frame


# The three registers together ------------------------------------------------------


def register_headlines(koperasi: pd.DataFrame, parcels: pd.DataFrame, umkm: pd.DataFrame) -> pd.DataFrame:
    """Headline counts of the registers (kode, indikator, nilai): cooperatives by status and dissolution
    proposal, parcels per current stage, UMKM units and workers."""
    cooperatives = koperasi_totals(koperasi)
    rows = [
        (schema.KOPERASI_TOTAL, _("Jumlah koperasi"), cooperatives["total"]),
        (schema.KOPERASI_AKTIF, _("Koperasi aktif"), cooperatives["aktif"]),
        (schema.KOPERASI_TIDAK_AKTIF, _("Koperasi tidak aktif"), cooperatives["tidak_aktif"]),
        ("koperasi_diusulkan_bubar", _("Koperasi diusulkan untuk dibubarkan"),
         int((koperasi["status_pembubaran"] == schema.DIUSULKAN).sum())),
    ]
    rows += [(f"bidang_{stage}", _("Bidang tanah: {stage}").format(stage=schema.label(stage)), n)
             for stage, n in parcels_by_stage(parcels).itertuples(index=False)]
    units = umkm_totals(umkm)
    rows += [(schema.UMKM_UNIT, _("Unit UMKM"), units["unit_usaha"]),
             (schema.UMKM_TENAGA_KERJA, _("Tenaga kerja UMKM"), units["tenaga_kerja"])]
    return pd.DataFrame(rows, columns=["kode", "indikator", "nilai"])


# Koperasi Merah Putih, people and capital, comparisons (2017-2026 figures) -----------------------

# The programme's steps in the order a village goes through them, each with the indicator that counts it.
KOPDES_STEPS = (
    (N_("Musyawarah desa/kelurahan khusus"), "kopdes_musdesus"),
    (N_("Koperasi terbentuk"), "kopdes_terbentuk"),
    (N_("Berbadan hukum"), "kopdes_berbadan_hukum"),
    (N_("Diluncurkan"), "kopdes_diluncurkan"),
    (N_("Sudah berjalan"), "kopdes_beroperasi"),
    (N_("Gedung gerai mulai dibangun"), "kopdes_gerai_mulai_dibangun"),
    (N_("Gedung gerai selesai"), "kopdes_gerai_selesai"),
)
KOPDES_TARGET = 189  # every desa and kelurahan of Pamekasan
OUTLET_STATES = (("kopdes_gerai_selesai", N_("Selesai")), ("kopdes_gerai_hampir_selesai", N_("Hampir selesai")),
                 ("kopdes_gerai_dibangun", N_("Sedang dibangun")), ("kopdes_gerai_mulai_dibangun", N_("Mulai dibangun")),
                 ("kopdes_gerai_tanpa_lahan", N_("Belum dibangun: lahan belum ada")))


def kopdes_timeline(values: pd.DataFrame) -> pd.DataFrame:
    """One row per programme step with its latest published regency count and that count's source."""
    rows = []
    for order, (step, kode) in enumerate(KOPDES_STEPS):
        row = _latest_published(values, kode)
        if row is not None:
            rows.append({"urutan": order + 1, "tahap": _(step), "kode_indikator": kode, "nilai": row["nilai"],
                         "dari": KOPDES_TARGET, **{c: row[c] for c in SOURCE_COLUMNS}})
    return pd.DataFrame(rows, columns=["urutan", "tahap", "kode_indikator", "nilai", "dari", *SOURCE_COLUMNS])


def _latest_published(values: pd.DataFrame, kode: str) -> pd.Series | None:
    """The latest regency-level value of an indicator, flagged ones left out (a programme moves on: newest first)."""
    rows = _regency_rows(values, kode)
    rows = rows[rows["status"] != schema.DITANDAI]
    if rows.empty:
        return None
    return rows.sort_values("periode", kind="stable").iloc[-1]


def outlet_sites(values: pd.DataFrame, kecamatan: pd.DataFrame) -> pd.DataFrame:
    """Every published outlet-building site by kecamatan and desa, latest state first, with its source."""
    codes = [kode for kode, _ in OUTLET_STATES]
    rows = values[values["kode_indikator"].isin(codes) & (values["kode_wilayah"] != schema.REGENCY_CODE)]
    names = dict(zip(kecamatan["kode"], kecamatan["nama"]))
    result = rows.assign(keadaan=rows["kode_indikator"].map({kode: _(text) for kode, text in OUTLET_STATES}),
                         kecamatan=rows["kode_wilayah"].map(names))
    result = result.sort_values(["periode", "kode_indikator", "kecamatan", "desa"], ascending=[False, True, True, True],
                                na_position="first")
    return result[["periode", "keadaan", "kecamatan", "desa", "nilai", "penerbit", "url", "status", "catatan"]
                  ].reset_index(drop=True)


def madura_active_share(values: pd.DataFrame) -> pd.DataFrame:
    """Share of cooperatives active (0-100) in each Madura regency at its own latest published date.

    Pamekasan's point is its own latest snapshot; the others come from the comparison indicators.
    The dates differ: every row keeps its own period and source, and none joins Pamekasan's series.
    """
    rows = []
    year = latest_koperasi_year(values)
    headline = koperasi_headline(values, year)
    total, active = headline[schema.KOPERASI_TOTAL], headline[schema.KOPERASI_AKTIF]
    if total is not None and active is not None:
        rows.append({"wilayah": _(schema.REGENCY_NAME), "kode_wilayah": schema.REGENCY_CODE, "periode": total["periode"],
                     "jumlah": total["nilai"], "aktif": active["nilai"], "persen": share(active["nilai"], total["nilai"]),
                     "penerbit": total["penerbit"], "url": total["url"],
                     "status": active["status"] if active["status"] != schema.RESMI else total["status"]})
    compared = values[values["kode_indikator"].isin(["pembanding_koperasi_total", "pembanding_koperasi_aktif"])
                      & (values["kode_wilayah"].str.count(r"\.") == 1)]
    for code, area in compared.groupby("kode_wilayah"):
        wide = area.pivot_table(index="periode", columns="kode_indikator", values="nilai", aggfunc="first").dropna()
        if wide.empty:
            continue
        periode = wide.index.max()
        source = area[(area["periode"] == periode)].iloc[0]
        total_n, active_n = wide.loc[periode, "pembanding_koperasi_total"], wide.loc[periode, "pembanding_koperasi_aktif"]
        rows.append({"wilayah": _(schema.OTHER_AREAS[code]), "kode_wilayah": code, "periode": periode, "jumlah": total_n,
                     "aktif": active_n, "persen": share(active_n, total_n), "penerbit": source["penerbit"],
                     "url": source["url"], "status": source["status"]})
    return pd.DataFrame(rows, columns=["wilayah", "kode_wilayah", "periode", "jumlah", "aktif", "persen", "penerbit",
                                       "url", "status"])


PROVINCE_CONTEXT = ("ods_koperasi_aktif", "ods_koperasi_simpan_pinjam", "ods_koperasi_sektor_riil",
                    "pembanding_kopdes_berbadan_hukum", "pembanding_kopdes_beroperasi")


def province_context(values: pd.DataFrame) -> pd.DataFrame:
    """East Java's figures (ODS, Merah Putih) shown as context, never as a point of a Pamekasan series."""
    rows = values[values["kode_indikator"].isin(PROVINCE_CONTEXT) & (values["kode_wilayah"] == "35")]
    order = {kode: i for i, kode in enumerate(PROVINCE_CONTEXT)}
    return rows.sort_values("kode_indikator", key=lambda s: s.map(order)).reset_index(drop=True)


SDM_MODAL_OTHERS = ("wub_peserta_total", "wub_target", "pelatihan_pengganti", "pelatihan_pengganti_peserta",
                    "pelatihan_pengganti_anggaran", "dana_bergulir_target_pad", "dana_bergulir_capaian_persen",
                    "dana_bergulir_pad")


def sdm_modal_values(values: pd.DataFrame) -> pd.DataFrame:
    """The published people and capital figures other than the yearly WUB participants, oldest first."""
    return indicator_series(values, SDM_MODAL_OTHERS).sort_values(["periode", "kode_indikator"]).reset_index(drop=True)
