"""Metrics of the 2017-2026 figures: the Merah Putih steps, outlet sites, the Madura comparison."""

from __future__ import annotations

import pytest

from koperasi_data import cards, metrics


def test_kopdes_timeline_takes_each_steps_latest_published_count(values):
    steps = metrics.kopdes_timeline(values).set_index("kode_indikator")
    result = {k: (int(r["nilai"]), r["periode"]) for k, r in steps.iterrows()}
    assert result == {
        "kopdes_musdesus": (98, "2025-05-20"), "kopdes_terbentuk": (120, "2025-05"),
        "kopdes_berbadan_hukum": (189, "2025-07-07"), "kopdes_diluncurkan": (189, "2025-07-21"),
        "kopdes_beroperasi": (7, "2025"), "kopdes_gerai_mulai_dibangun": (6, "2025-10-17"),
        "kopdes_gerai_selesai": (2, "2026-02-03")}


@pytest.mark.parametrize(("wilayah", "periode", "jumlah", "aktif", "persen"), [
    ("Kabupaten Pamekasan", "2024-05", 791, 444, 56.1),
    ("Kabupaten Sumenep", "2024-12-31", 1565, 774, 49.5),
    ("Kabupaten Sampang", "2025-03-19", 482, 305, 63.3),
    ("Kabupaten Bangkalan", "2019-07-09", 805, 387, 48.1),
])
def test_madura_share_active_keeps_each_regency_at_its_own_latest_date(values, wilayah, periode, jumlah, aktif,
                                                                       persen):
    row = metrics.madura_active_share(values).set_index("wilayah").loc[wilayah]
    assert (row["periode"], row["jumlah"], row["aktif"], round(row["persen"], 1)) == (periode, jumlah, aktif, persen)


def test_outlet_sites_name_kecamatan_and_desa_for_each_state(values, dataset):
    sites = metrics.outlet_sites(values, dataset["kecamatan"])
    without_land = sites[(sites["keadaan"] == "Belum dibangun: lahan belum ada") & sites["desa"].isna()]
    assert dict(zip(without_land["kecamatan"], without_land["nilai"])) == {
        "Pamekasan": 2, "Pegantenan": 3, "Waru": 2, "Palengaan": 1, "Pasean": 2, "Batumarmar": 3}
    finished = sites[(sites["keadaan"] == "Selesai")]
    assert set(finished["desa"]) == {"Samatan", "Tentenan"}


def test_pamekasan_series_never_holds_a_comparison_figure(values):
    trend = metrics.koperasi_trend(values)
    assert set(trend["url"]) & set(values[values["kelompok"] == "pembanding"]["url"]) == set()


def test_kopdes_line_says_what_is_not_published(values):
    line = cards.kopdes_line(values)
    assert line.startswith("Koperasi Merah Putih: 189 koperasi diluncurkan (Antara Jatim, 21 Juli 2025); "
                           "7 yang sudah berjalan (Klik Madura, 2025)")
    assert line.endswith("Berapa yang berjalan hari ini belum dipublikasikan: angka terakhir per 2025 "
                         "(artikelnya tanpa tanggal).")
