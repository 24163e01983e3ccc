"""Metrics on frames small enough to sum by hand, and on the published values."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_data import metrics, schema

KECAMATAN = ["Pasean", "Waru", "Kadur"]  # Kadur has no cooperative in the fixture
RAT = metrics.RAT_CATEGORIES


@pytest.fixture
def koperasi() -> pd.DataFrame:
    """Five cooperatives in two kecamatan: three aktif, two tidak aktif and proposed for dissolution."""
    return pd.DataFrame({
        "id_koperasi": ["KOP-1", "KOP-2", "KOP-3", "KOP-4", "KOP-5"],
        "nama": ["KSP A", "KSPPS B", "Koperasi Jasa C", "Koperasi Konsumen D", "Koperasi Jasa E"],
        "kecamatan": ["Waru", "Waru", "Waru", "Pasean", "Pasean"],
        "desa": ["Desa 1", "Desa 2", "Desa 1", "Desa 3", "Desa 4"],
        "jenis": ["Jasa", "KSPPS", "Jasa", "Konsumen", "Jasa"],
        "status": ["aktif", "aktif", "tidak_aktif", "aktif", "tidak_aktif"],
        "status_pembubaran": ["tidak_diusulkan", "tidak_diusulkan", "diusulkan_bubar", "tidak_diusulkan",
                              "diusulkan_bubar"],
        "tanggal_usulan_pembubaran": pd.to_datetime([None, None, "2016-05-02", None, "2016-03-01"]),
        "tahun_berdiri": pd.array([1990, 2001, 1985, 2010, 1995], dtype="Int64"),
        "tahun_rat_terakhir": pd.array([2016, 2015, 2010, 2016, None], dtype="Int64"),
    })


@pytest.fixture
def parcels() -> pd.DataFrame:
    """Seven parcels: 1 issued, 1 measured, 1 verified, 1 proposed, 2 postponed, 1 rejected."""
    def dates(*values):
        return pd.to_datetime(list(values))

    return pd.DataFrame({
        "id_bidang": ["BID-1", "BID-2", "BID-3", "BID-4", "BID-5", "BID-6", "BID-7"],
        "id_koperasi": ["KOP-1", "KOP-1", "KOP-2", "KOP-4", "KOP-4", "KOP-2", "KOP-4"],
        "tahap": ["terbit", "diukur", "diverifikasi", "diusulkan", "ditunda", "ditolak", "ditunda"],
        "alasan": [None, None, None, None, "Dokumen tanah belum lengkap", "Tanah dalam sengketa",
                   "Dokumen tanah belum lengkap"],
        "tanggal_usulan": dates("2016-08-01", "2016-08-10", "2016-09-05", "2016-10-01", "2016-08-20",
                                "2016-09-01", "2016-11-01"),
        "tanggal_verifikasi": dates("2016-09-01", "2016-09-20", "2016-10-05", None, "2016-09-25", None, None),
        "tanggal_pengukuran": dates("2016-10-01", "2016-12-01", None, None, None, None, None),
        "tanggal_terbit": dates("2016-11-15", None, None, None, None, None, None),
    })


@pytest.fixture
def umkm() -> pd.DataFrame:
    """161 units employing 243 workers in two kecamatan."""
    return pd.DataFrame({
        "kecamatan": ["Waru", "Waru", "Pasean", "Pasean"],
        "sektor": ["Perdagangan", "Jasa", "Perdagangan", "Perdagangan"],
        "skala": ["mikro", "kecil", "mikro", "menengah"],
        "unit_usaha": pd.array([100, 10, 50, 1], dtype="Int64"),
        "tenaga_kerja": pd.array([120, 45, 60, 18], dtype="Int64"),
    })


# share ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (3, 5, 60.0),
        (0, 5, 0.0),
        (563, 585, 563 / 585 * 100),
        (5, 0, None),
        (None, 5, None),
        (5, None, None),
        (float("nan"), 5, None),
        (pd.NA, 5, None),
    ],
)
def test_share_is_part_of_whole_on_a_0_to_100_scale_or_none(part, whole, expected):
    assert metrics.share(part, whole) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=20).filter(lambda parts: sum(parts) > 0))
def test_shares_of_the_parts_of_a_whole_sum_to_100(parts):
    total = sum(parts)
    assert sum(metrics.share(part, total) for part in parts) == pytest.approx(100)


# cooperative register ------------------------------------------------------------


def test_koperasi_totals_counts_active_inactive_and_share_active(koperasi):
    assert metrics.koperasi_totals(koperasi) == {"total": 5, "aktif": 3, "tidak_aktif": 2, "persen_aktif": 60.0}


def test_share_active_is_none_when_total_is_zero(koperasi):
    assert metrics.koperasi_totals(koperasi.iloc[0:0]) == {
        "total": 0, "aktif": 0, "tidak_aktif": 0, "persen_aktif": None}


def test_koperasi_by_kecamatan_lists_every_kecamatan_in_the_given_order_even_with_zero(koperasi):
    expected = pd.DataFrame({
        "kecamatan": KECAMATAN,
        "aktif": [1, 2, 0],
        "tidak_aktif": [1, 1, 0],
        "total": [2, 3, 0],
        "persen_aktif": [50.0, 2 / 3 * 100, None],
    })
    pd.testing.assert_frame_equal(metrics.koperasi_by_kecamatan(koperasi, KECAMATAN), expected)


def test_koperasi_by_kecamatan_on_an_empty_register_gives_zero_rows_not_an_error(koperasi):
    result = metrics.koperasi_by_kecamatan(koperasi.iloc[0:0], ["Waru", "Pasean"])
    assert result["kecamatan"].tolist() == ["Waru", "Pasean"]
    assert result["total"].tolist() == [0, 0]


def test_koperasi_by_jenis_lists_all_six_types_largest_first_then_by_name(koperasi):
    expected = pd.DataFrame({
        "jenis": ["Jasa", "KSPPS", "Konsumen", "Pemasaran", "Produsen", "Simpan Pinjam"],
        "aktif": [1, 1, 1, 0, 0, 0],
        "tidak_aktif": [2, 0, 0, 0, 0, 0],
        "total": [3, 1, 1, 0, 0, 0],
    })
    pd.testing.assert_frame_equal(metrics.koperasi_by_jenis(koperasi), expected)


@pytest.mark.parametrize(
    ("last_rat", "expected"),
    [
        (2016, RAT[0]),  # held this year
        (2017, RAT[0]),  # a later year counts as on time, not as overdue
        (2015, RAT[1]),
        (2014, RAT[3]),  # two years ago: neither on time nor three years overdue
        (2013, RAT[2]),
        (2000, RAT[2]),
        (None, RAT[2]),  # never held
    ],
)
def test_rat_category_as_of_2016(last_rat, expected):
    result = metrics.rat_category(pd.Series(pd.array([last_rat], dtype="Int64")), 2016)
    assert result.tolist() == [expected]


def test_rat_compliance_counts_per_kecamatan_and_drops_the_empty_other_group(koperasi):
    expected = pd.DataFrame({
        "kecamatan": ["Pasean", "Waru"],
        RAT[0]: [1, 1],
        RAT[1]: [0, 1],
        RAT[2]: [1, 1],
        "persen_rat_tepat_waktu": [50.0, 100 / 3],
    })
    pd.testing.assert_frame_equal(metrics.rat_compliance(koperasi, ["Pasean", "Waru"], 2016), expected)


def test_rat_compliance_share_on_time_is_none_for_a_kecamatan_without_cooperatives(koperasi):
    result = metrics.rat_compliance(koperasi, KECAMATAN, 2016).set_index("kecamatan")
    assert pd.isna(result.loc["Kadur", "persen_rat_tepat_waktu"])


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        ({"kecamatan": ["Waru"]}, ["KOP-1", "KOP-2", "KOP-3"]),
        ({"jenis": ["Jasa"]}, ["KOP-1", "KOP-3", "KOP-5"]),
        ({"status": ["tidak_aktif"]}, ["KOP-3", "KOP-5"]),
        ({"kecamatan": ["Waru"], "jenis": ["Jasa"], "status": ["aktif"]}, ["KOP-1"]),
        ({"kecamatan": ["Waru", "Pasean"], "jenis": ["Konsumen", "KSPPS"]}, ["KOP-2", "KOP-4"]),
        ({"kecamatan": ["Kadur"]}, []),
    ],
)
def test_filter_koperasi_keeps_rows_matching_every_non_empty_filter(koperasi, filters, expected_ids):
    assert metrics.filter_koperasi(koperasi, **filters)["id_koperasi"].tolist() == expected_ids


def test_filter_koperasi_with_empty_filters_keeps_everything(koperasi):
    pd.testing.assert_frame_equal(metrics.filter_koperasi(koperasi, [], [], []), koperasi)


def test_filter_kecamatan_with_no_choice_keeps_everything(umkm):
    pd.testing.assert_frame_equal(metrics.filter_kecamatan(umkm, []), umkm)
    assert metrics.filter_kecamatan(umkm, ["Pasean"])["unit_usaha"].sum() == 51


def test_dissolution_list_has_only_proposed_cooperatives_oldest_proposal_first(koperasi):
    result = metrics.dissolution_list(koperasi)
    assert result["id_koperasi"].tolist() == ["KOP-5", "KOP-3"]
    assert result["tanggal_usulan_pembubaran"].dt.strftime("%Y-%m-%d").tolist() == ["2016-03-01", "2016-05-02"]


def test_dissolution_list_includes_cooperatives_already_dissolved(koperasi):
    koperasi.loc[koperasi["id_koperasi"] == "KOP-3", "status_pembubaran"] = schema.DIBUBARKAN
    assert metrics.dissolution_list(koperasi)["status_pembubaran"].tolist() == [schema.DIUSULKAN, schema.DIBUBARKAN]


def test_dissolution_list_names_whom_to_call_when_the_register_has_contacts(koperasi):
    koperasi["nama_ketua"] = [f"Ketua {i}" for i in range(len(koperasi))]
    koperasi["telepon"] = "0324-1"
    result = metrics.dissolution_list(koperasi)
    assert result.columns[-2:].tolist() == ["nama_ketua", "telepon"]
    assert "nama_ketua" not in metrics.dissolution_list(koperasi.drop(columns=["nama_ketua", "telepon"])).columns


# certification register ------------------------------------------------------------


def test_parcel_funnel_counts_a_parcel_in_every_stage_it_passed(parcels):
    expected = pd.DataFrame({
        "tahap": ["diusulkan", "diverifikasi", "diukur", "terbit"],
        "bidang": [7, 4, 2, 1],
        "persen_dari_usulan": [100.0, 4 / 7 * 100, 2 / 7 * 100, 1 / 7 * 100],
    })
    pd.testing.assert_frame_equal(metrics.parcel_funnel(parcels), expected)


def test_parcel_funnel_share_is_none_when_nothing_was_proposed(parcels):
    result = metrics.parcel_funnel(parcels.iloc[0:0])
    assert result["bidang"].tolist() == [0, 0, 0, 0]
    assert result["persen_dari_usulan"].isna().all()


def test_parcels_over_time_is_cumulative_per_month(parcels):
    result = metrics.parcels_over_time(parcels)
    wide = result.pivot(index="bulan", columns="tahap", values="bidang")
    assert [m.strftime("%Y-%m") for m in wide.index] == ["2016-08", "2016-09", "2016-10", "2016-11", "2016-12"]
    assert wide["diusulkan"].tolist() == [3, 5, 6, 7, 7]
    assert wide["diverifikasi"].tolist() == [0, 3, 4, 4, 4]
    assert wide["diukur"].tolist() == [0, 0, 1, 1, 2]
    assert wide["terbit"].tolist() == [0, 0, 0, 1, 1]


def test_parcels_over_time_never_decreases_and_ends_at_the_funnel(parcels):
    result = metrics.parcels_over_time(parcels)
    funnel = metrics.parcel_funnel(parcels).set_index("tahap")["bidang"]
    for stage, rows in result.groupby("tahap"):
        counts = rows.sort_values("bulan")["bidang"]
        assert counts.is_monotonic_increasing, stage
        assert counts.iloc[-1] == funnel[stage]


def test_parcels_over_time_is_empty_when_no_parcel_has_a_date(parcels):
    result = metrics.parcels_over_time(parcels.iloc[0:0])
    assert result.empty
    assert list(result.columns) == ["bulan", "tahap", "bidang"]


def test_parcels_with_kecamatan_adds_the_cooperative_name_and_place(parcels, koperasi):
    located = metrics.parcels_with_kecamatan(parcels, koperasi)
    assert located.set_index("id_bidang").loc["BID-4", ["nama", "kecamatan", "desa"]].tolist() == [
        "Koperasi Konsumen D", "Pasean", "Desa 3"]


def test_stuck_parcels_excludes_issued_and_rejected_and_counts_days_to_as_of(parcels, koperasi):
    located = metrics.parcels_with_kecamatan(parcels, koperasi)
    result = metrics.stuck_parcels(located, "2017-01-01")
    # Days from the last dated step to 1 January 2017, longest wait first.
    assert list(zip(result["id_bidang"], result["hari_sejak_langkah_terakhir"])) == [
        ("BID-5", 98), ("BID-4", 92), ("BID-3", 88), ("BID-7", 61), ("BID-2", 31)]
    assert list(result.columns) == ["id_bidang", "nama", "kecamatan", "desa", "tahap", "alasan",
                                    "hari_sejak_langkah_terakhir"]


def test_stuck_by_kecamatan_groups_open_stages_as_in_progress(parcels, koperasi):
    located = metrics.parcels_with_kecamatan(parcels, koperasi)
    expected = pd.DataFrame({
        "kecamatan": KECAMATAN,
        "terbit": [0, 1, 0],
        "dalam_proses": [1, 2, 0],
        "ditunda": [2, 0, 0],
        "ditolak": [0, 1, 0],
        "total": [3, 4, 0],
    })
    pd.testing.assert_frame_equal(metrics.stuck_by_kecamatan(located, KECAMATAN), expected, check_dtype=False)


def test_postponement_reasons_most_frequent_first(parcels):
    expected = pd.DataFrame({
        "tahap": ["ditunda", "ditolak"],
        "alasan": ["Dokumen tanah belum lengkap", "Tanah dalam sengketa"],
        "bidang": [2, 1],
    })
    pd.testing.assert_frame_equal(metrics.postponement_reasons(parcels), expected, check_dtype=False)


# UMKM ---------------------------------------------------------------------------------


def test_umkm_totals_gives_workers_per_unit(umkm):
    assert metrics.umkm_totals(umkm) == {"unit_usaha": 161, "tenaga_kerja": 243,
                                         "tenaga_kerja_per_unit": 243 / 161}


def test_umkm_workers_per_unit_is_none_when_there_are_no_units(umkm):
    assert metrics.umkm_totals(umkm.iloc[0:0])["tenaga_kerja_per_unit"] is None


def test_umkm_by_kecamatan_keeps_the_given_order_and_lists_empty_kecamatan(umkm):
    expected = pd.DataFrame({
        "kecamatan": KECAMATAN,
        "unit_usaha": [51, 110, 0],
        "tenaga_kerja": [78, 165, 0],
        "tenaga_kerja_per_unit": [78 / 51, 1.5, None],
    })
    pd.testing.assert_frame_equal(metrics.umkm_by(umkm, "kecamatan", KECAMATAN), expected, check_dtype=False)


def test_umkm_by_scale_gives_workers_per_unit_of_each_scale(umkm):
    result = metrics.umkm_by(umkm, "skala", schema.SKALA)
    assert result["skala"].tolist() == ["mikro", "kecil", "menengah"]
    assert result["unit_usaha"].tolist() == [150, 10, 1]
    assert result["tenaga_kerja_per_unit"].tolist() == [1.2, 4.5, 18.0]


# published values, hand-made ------------------------------------------------------------

VALUE_COLUMNS = ["id", "kode_indikator", "tahun", "periode", "tanggal_terbit", "nilai", "presisi", "kode_wilayah",
                 "desa", "penerbit", "url", "status", "catatan", "kelompok", "label", "satuan", "wilayah"]


def published(*rows: tuple) -> pd.DataFrame:
    """A frame shaped like ``metrics.published_values``.

    Each row is (kode, tahun, periode, nilai, status) and optionally kode_wilayah and desa.
    """
    records = []
    for kode, tahun, periode, nilai, status, *where in rows:
        kode_wilayah = where[0] if where else schema.REGENCY_CODE
        desa = where[1] if len(where) > 1 else None
        records.append({
            "id": f"{kode}-{periode}-{kode_wilayah}-{desa}", "kode_indikator": kode, "tahun": tahun,
            "periode": periode, "tanggal_terbit": pd.NaT, "nilai": float(nilai), "presisi": "tepat",
            "kode_wilayah": kode_wilayah, "desa": desa, "penerbit": f"Media {periode}",
            "url": "https://contoh.id/berita", "status": status, "catatan": None, "kelompok": "koperasi",
            "label": kode.replace("_", " ").capitalize(), "satuan": "koperasi", "wilayah": None,
        })
    frame = pd.DataFrame(records, columns=VALUE_COLUMNS)
    frame["tahun"] = frame["tahun"].astype("Int64")
    frame["nilai"] = frame["nilai"].astype("Float64")
    return frame


TOTAL, AKTIF, TIDAK = schema.KOPERASI_TOTAL, schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF


@pytest.fixture
def koperasi_values() -> pd.DataFrame:
    """2020 has three totals (the November one flagged); 2021 has only a flagged one."""
    return published(
        (TOTAL, 2020, "2020-03", 650, "resmi"),
        (AKTIF, 2020, "2020-03", 400, "resmi"),
        (TIDAK, 2020, "2020-03", 250, "resmi"),
        (TOTAL, 2020, "2020-07", 667, "resmi"),
        (AKTIF, 2020, "2020-07", 369, "turunan"),
        (TIDAK, 2020, "2020-07", 298, "resmi"),
        (TOTAL, 2020, "2020-11", 900, "ditandai"),
        (AKTIF, 2020, "2020-11", 800, "ditandai"),
        (TOTAL, 2021, "2021-08", 1000, "ditandai"),
        (TOTAL, 2019, "2019", 623, "resmi"),
        (AKTIF, 2019, "2019", 484, "resmi"),
        (TOTAL, 2022, "2022", 5, "resmi", "35.28.10"),  # a kecamatan figure, not a regency total
    )


def test_snapshot_period_is_the_latest_unflagged_total_of_each_year(koperasi_values):
    result = metrics.koperasi_snapshot_periods(koperasi_values)
    assert result.to_dict() == {2019: "2019", 2020: "2020-07"}


def test_headline_takes_total_active_and_inactive_from_the_same_period(koperasi_values):
    headline = metrics.koperasi_headline(koperasi_values, 2020)
    assert {kode: row["nilai"] for kode, row in headline.items()} == {TOTAL: 667, AKTIF: 369, TIDAK: 298}
    assert headline[AKTIF]["status"] == "turunan"


def test_headline_is_none_for_a_figure_not_published_in_the_snapshot_period(koperasi_values):
    headline = metrics.koperasi_headline(koperasi_values, 2019)
    assert headline[TOTAL]["nilai"] == 623
    assert headline[TIDAK] is None


@pytest.mark.parametrize("year", [2021, 2022, 2030])
def test_headline_is_all_none_for_a_year_without_an_unflagged_regency_total(koperasi_values, year):
    assert metrics.koperasi_headline(koperasi_values, year) == {TOTAL: None, AKTIF: None, TIDAK: None}


def test_latest_koperasi_year_ignores_years_with_only_flagged_totals(koperasi_values):
    assert metrics.latest_koperasi_year(koperasi_values) == 2020


def test_years_of_counts_only_regency_level_values(koperasi_values):
    assert metrics.years_of(koperasi_values, TOTAL) == [2019, 2020, 2021]
    assert metrics.years_of(koperasi_values, "tidak_ada") == []


def test_years_with_values_lists_every_year_of_any_value_and_skips_undated_ones():
    values = published((TOTAL, 2024, "2024", 1, "resmi"), (AKTIF, None, None, 1, "resmi"),
                       (TOTAL, 2016, "2016", 1, "resmi", "35.28.01"))
    assert metrics.years_with_values(values) == [2016, 2024]


def test_koperasi_trend_has_one_active_and_one_inactive_point_per_snapshot_year(koperasi_values):
    result = metrics.koperasi_trend(koperasi_values)
    assert list(zip(result["tahun"], result["kode_indikator"], result["nilai"])) == [
        (2019, AKTIF, 484), (2020, AKTIF, 369), (2020, TIDAK, 298)]


def test_indicator_value_prefers_official_over_derived_over_flagged():
    values = published((AKTIF, 2024, "2024-01", 766, "ditandai"), (AKTIF, 2024, "2024-05", 444, "turunan"),
                       (AKTIF, 2024, "2024-02", 450, "resmi"))
    assert metrics.indicator_value(values, AKTIF, 2024)["nilai"] == 450
    assert metrics.indicator_value(values, AKTIF, 2023) is None


def test_indicator_series_keeps_the_requested_indicator_order_then_period_with_undated_first():
    values = published(
        ("shat_kuota", 2024, "2024", 3100, "resmi"),
        ("shat_usulan", 2025, "2025", 2700, "resmi"),
        ("shat_kuota", 2022, "2022", 1470, "resmi"),
        ("shat_kuota", None, None, 2300, "resmi"),
        ("shat_kuota", 2024, "2024", 50, "resmi", "35.28.10"),
        ("shat_kuota", 2024, "2024", 20, "resmi", "35.28", "Klampar"),
        ("umkm_unit", 2016, "2016", 1, "resmi"),
    )
    result = metrics.indicator_series(values, ["shat_usulan", "shat_kuota"])
    assert list(zip(result["kode_indikator"], result["nilai"])) == [
        ("shat_usulan", 2700), ("shat_kuota", 2300), ("shat_kuota", 1470), ("shat_kuota", 3100)]


def test_by_kecamatan_values_names_each_kecamatan_and_puts_the_largest_first():
    values = published(
        ("produk_halal", 2024, "2024-02", 222, "resmi", "35.28.01"),
        ("produk_halal", 2024, "2024-02", 2075, "resmi", "35.28.07"),
        ("produk_halal", 2024, "2024-02", 5000, "resmi"),  # regency total: not a kecamatan
        ("produk_halal", 2024, "2024-02", 9, "resmi", "35.28.07", "Desa X"),  # village: not a kecamatan
    )
    kecamatan = pd.DataFrame({"kode": ["35.28.01", "35.28.07"], "nama": ["Tlanakan", "Pegantenan"]})
    result = metrics.by_kecamatan_values(values, "produk_halal", kecamatan)
    assert list(zip(result["kecamatan"], result["nilai"])) == [("Pegantenan", 2075), ("Tlanakan", 222)]


def test_village_values_has_only_village_rows_latest_period_first_then_largest():
    values = published(
        ("shat_belum_diukur", 2024, "2024-10-23", 300, "resmi"),
        ("shat_belum_diukur", 2024, "2024-10-23", 50, "resmi", "35.28.10", "Tlonto Ares"),
        ("shat_belum_diukur", 2024, "2024-11-13", 50, "resmi", "35.28.11", "Blaban"),
        ("shat_belum_diukur", 2024, "2024-11-13", 200, "resmi", "35.28.11", "Batubintang"),
    )
    result = metrics.village_values(values, "shat_belum_diukur")
    assert list(zip(result["periode"], result["desa"])) == [
        ("2024-11-13", "Batubintang"), ("2024-11-13", "Blaban"), ("2024-10-23", "Tlonto Ares")]


# published values, the real data -------------------------------------------------------


def _headline_numbers(values, year):
    return {kode: (None if row is None else (row["nilai"], row["status"]))
            for kode, row in metrics.koperasi_headline(values, year).items()}


def test_headline_2016_is_585_total_563_active_22_inactive(values):
    assert _headline_numbers(values, 2016) == {TOTAL: (585, "resmi"), AKTIF: (563, "resmi"), TIDAK: (22, "resmi")}


def test_headline_2024_uses_the_may_total_and_derived_active_not_the_flagged_january_figures(values):
    assert _headline_numbers(values, 2024) == {TOTAL: (791, "resmi"), AKTIF: (444, "turunan"),
                                               TIDAK: (347, "resmi")}


def test_latest_koperasi_year_is_2024(values):
    assert metrics.latest_koperasi_year(values) == 2024


def test_koperasi_trend_has_an_active_and_an_inactive_point_for_each_published_year(values):
    trend = metrics.koperasi_trend(values)
    points = trend.groupby("tahun")["kode_indikator"].apply(sorted).to_dict()
    assert points == {year: [AKTIF, TIDAK] for year in (2016, 2019, 2020, 2021, 2023, 2024)}
    assert 766 not in trend["nilai"].tolist() and 270 not in trend["nilai"].tolist()


def test_trend_points_add_up_to_the_total_of_their_year(values):
    trend = metrics.koperasi_trend(values)
    for year, rows in trend.groupby("tahun"):
        assert rows["nilai"].sum() == metrics.koperasi_headline(values, year)[TOTAL]["nilai"], year


def test_flagged_values_of_koperasi_are_the_conflicting_figures_the_facts_name(values):
    flagged = metrics.flagged_values(values, "koperasi")
    assert sorted(flagged["id"].tolist()) == [
        "koperasi_aktif-2023-10-18", "koperasi_aktif-2024-01-18", "koperasi_aktif-2024-08-01",
        "koperasi_dilatih_persen-2020-08-05", "koperasi_disebut_bupati-2020-08-05",
        "koperasi_tidak_aktif-2023-10-18", "koperasi_tidak_aktif-2024-01-18",
        "koperasi_tidak_berjalan_persen-2020-10-06", "koperasi_total-2024-08-01"]


def test_published_values_name_the_regency_and_each_kecamatan(values):
    names = values.set_index("id")["wilayah"]
    assert names["koperasi_total-2016-07-12"] == "Kabupaten Pamekasan"
    assert names["produk_halal-2024-02-24-35.28.07"] == "Pegantenan"
    assert values["label"].notna().all()


# Published counts per kecamatan and other topic values -------------------------------


def test_coverage_by_kecamatan_sets_each_count_against_its_villages(values, dataset):
    coverage = metrics.coverage_by_kecamatan(values, "kopdes_musdesus", dataset[schema.KECAMATAN])
    rows = coverage.set_index("kecamatan")
    assert len(coverage) == 13
    assert coverage["nilai"].sum() == 98
    assert coverage["desa_kelurahan"].sum() == 189
    assert (rows.loc["Batumarmar", "nilai"], rows.loc["Batumarmar", "desa_kelurahan"]) == (13, 13)
    assert rows.loc["Pademawu", "persen"] == pytest.approx(3 / 22 * 100)
    assert rows.loc["Proppo", "persen"] == 0
    assert list(coverage["persen"]) == sorted(coverage["persen"], reverse=True)


def test_latest_value_prefers_the_latest_trustworthy_figure(values):
    assert metrics.latest_value(values, schema.KOPERASI_TOTAL)["nilai"] == 791
    assert metrics.latest_value(values, "kopdes_berbadan_hukum")["nilai"] == 189
    assert metrics.latest_value(values, "tidak_ada") is None


def test_other_values_leave_out_what_the_charts_already_show(values):
    shown = [schema.KOPERASI_TOTAL, schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF]
    others = metrics.other_values(values, "koperasi", shown)
    assert not set(others["kode_indikator"]) & set(shown)
    assert {"koperasi_dibubarkan", "koperasi_nik_persen", "koperasi_pesantren_total"} <= set(others["kode_indikator"])
    assert set(others["kelompok"]) == {"koperasi"}


@pytest.mark.parametrize("kelompok", ["koperasi", "umkm", "sertifikasi", "kopdes_merah_putih"])
def test_values_of_topic_keeps_only_that_topic(values, kelompok):
    result = metrics.values_of_topic(values, kelompok)
    assert len(result) > 0
    assert set(result["kelompok"]) == {kelompok}


def test_values_of_no_topic_is_every_value(values):
    assert len(metrics.values_of_topic(values, "")) == len(values)


def test_parcels_by_stage_lists_every_stage_in_pipeline_order():
    parcels = pd.DataFrame({"tahap": ["terbit", "ditunda", "terbit", "diusulkan"]})
    result = metrics.parcels_by_stage(parcels)
    assert result["tahap"].tolist() == list(schema.TAHAP)
    assert result["bidang"].tolist() == [1, 0, 0, 2, 1, 0]


def test_register_headlines_of_the_shipped_register_match_the_official_2016_totals(dataset):
    result = metrics.register_headlines(dataset[schema.KOPERASI], dataset[schema.CERTIFICATION],
                                        dataset[schema.UMKM]).set_index("kode")["nilai"]
    assert result[[schema.KOPERASI_TOTAL, schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF,
                   schema.UMKM_UNIT, schema.UMKM_TENAGA_KERJA]].tolist() == [585, 563, 22, 195554, 257481]
    assert result[[f"bidang_{t}" for t in schema.TAHAP]].sum() == len(dataset[schema.CERTIFICATION])


@pytest.mark.parametrize("rows,expected", [
    ([("Waru", 3), ("Kadur", 5), ("Pakong", 1)], "Kadur"),
    ([("Waru", 5), ("Kadur", 5)], "Kadur"),  # a tie goes to the first name in alphabetical order
])
def test_largest_is_the_row_with_the_largest_value_ties_by_name(rows, expected):
    frame = pd.DataFrame(rows, columns=["kecamatan", "total"])
    assert metrics.largest(frame, "total")["kecamatan"] == expected
