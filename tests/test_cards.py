"""Headline cards and source lines: the figure, where it comes from, and how far to trust it."""

from __future__ import annotations

import pandas as pd
import pytest

from koperasi_data import cards, metrics, schema

ANTARA = "Antara Jatim, 12 Juli 2016"


def as_rows(items: list[cards.Card]) -> list[tuple[str, str, str, str]]:
    return [(c.label, c.value, c.source, c.status) for c in items]


def test_koperasi_cards_2016_show_585_563_22_and_96_2_percent_with_their_source(values):
    assert as_rows(cards.koperasi_cards(values, 2016)) == [
        ("Jumlah koperasi", "585", ANTARA, "resmi"),
        ("Koperasi aktif", "563", ANTARA, "resmi"),
        ("Koperasi tidak aktif", "22", ANTARA, "resmi"),
        ("Persentase aktif", "96,2 %", f"dihitung dari {ANTARA}", "turunan"),
    ]


def test_koperasi_cards_2024_mark_the_active_figure_as_derived(values):
    assert as_rows(cards.koperasi_cards(values, 2024))[:3] == [
        ("Jumlah koperasi", "791", "Kabar Madura, Mei 2024", "resmi"),
        ("Koperasi aktif", "444", "Kabar Madura, Mei 2024", "turunan"),
        ("Koperasi tidak aktif", "347", "Kabar Madura, Mei 2024", "resmi"),
    ]


@pytest.mark.parametrize("year", [2025, 2022, 1999])
def test_koperasi_cards_are_empty_for_a_year_without_a_published_total(values, year):
    assert cards.koperasi_cards(values, year) == []


def test_umkm_cards_2016_show_units_workers_and_workers_per_unit(values):
    assert as_rows(cards.umkm_cards(values, 2016)) == [
        ("Unit UMKM tercatat", "195.554", ANTARA, "resmi"),
        ("Tenaga kerja UMKM", "257.481", ANTARA, "resmi"),
        ("Tenaga kerja per unit", "1,32", f"dihitung dari {ANTARA}", "turunan"),
    ]


def test_umkm_cards_are_empty_for_a_year_without_units_or_workers(values):
    assert cards.umkm_cards(values, 2019) == []


def test_a_figure_published_as_more_than_reads_lebih_dari(values):
    changed = values.copy()
    changed.loc[changed["id"] == "umkm_unit-2016-07-12", "presisi"] = "lebih_dari"
    assert [c.value for c in cards.umkm_cards(changed, 2016)][:2] == ["lebih dari 195.554", "257.481"]


def test_card_caption_gives_source_and_status_label():
    card = cards.Card("Koperasi aktif", "444", "Kabar Madura, Mei 2024", schema.TURUNAN)
    assert card.caption == "Kabar Madura, Mei 2024 · Turunan"


def test_register_cards_are_marked_illustrative_and_show_a_dash_for_no_share():
    items = cards.register_cards({"total": 0, "aktif": 0, "tidak_aktif": 0, "persen_aktif": None})
    assert [c.value for c in items] == ["0", "0", "0", "–"]
    assert {c.status for c in items} == {schema.ILUSTRATIF}
    assert {c.source for c in items} == {"register ilustratif, 12 Juli 2016"}


def test_register_cards_format_counts_and_share():
    items = cards.register_cards({"total": 1234, "aktif": 1000, "tidak_aktif": 234, "persen_aktif": 1000 / 1234 * 100})
    assert [c.value for c in items] == ["1.234", "1.000", "234", "81,0 %"]


def test_sources_line_lists_each_publisher_and_date_once_in_order():
    table = pd.DataFrame({
        "penerbit": ["Antara Jatim", "Antara Jatim", "Koran Madura", "Kabar Madura"],
        "periode": ["2016-07-12", "2016-07-12", "2019-07-23", None],
    })
    assert cards.sources_line(table) == (
        "Sumber: Antara Jatim (12 Juli 2016); Koran Madura (23 Juli 2019); Kabar Madura (tahun tidak disebutkan)")


@pytest.mark.parametrize("table", [pd.DataFrame({"penerbit": [], "periode": []}), pd.DataFrame({"nilai": [1]})])
def test_sources_line_is_a_dash_without_published_values(table):
    assert cards.sources_line(table) == "Sumber: –"


def test_illustrative_line_names_the_resource_and_its_date_and_says_it_is_not_real():
    line = cards.illustrative_line("Register koperasi (ilustratif)", "2016-07-12")
    assert line.startswith("Sumber: Register koperasi (ilustratif), keadaan 12 Juli 2016.")
    assert "bukan data nyata" in line


def test_missing_year_text_lists_the_years_that_have_figures(values):
    years = metrics.years_of(values, schema.KOPERASI_TOTAL)
    assert cards.missing_year_text("koperasi", 2025, years) == (
        "Belum ada angka koperasi yang terbit untuk tahun 2025. "
        "Tahun yang memiliki angka: 2016, 2019, 2020, 2021, 2023, 2024.")


def test_latest_cards_show_each_indicator_with_its_own_date(values):
    result = cards.latest_cards(values, ["kopdes_musdesus", "kopdes_berbadan_hukum", "tidak_ada"])
    # Titled by indikator.csv's labels, as the tables and the site name the same indicators.
    assert [(c.label, c.value) for c in result] == [("Desa/kelurahan sudah musdesus", "98"),
                                                    ("Kopdes Merah Putih berbadan hukum", "189")]
    assert result[0].source == "Beritajatim, 20 Mei 2025"


def test_village_list_names_each_village_with_its_count_and_note():
    rows = pd.DataFrame({"desa": ["Klampar", "Blaban"], "nilai": [200.0, 1234.0], "catatan": ["kades meninggal", None]})
    assert cards.village_list(rows, "bidang") == "Klampar 200 bidang (kades meninggal); Blaban 1.234 bidang"


def test_a_row_of_cards_is_one_list_with_each_label_value_and_source_escaped():
    row = cards.row_html([cards.Card("Aktif", "563", "Antara Jatim, 12 Juli 2016", "resmi"),
                          cards.Card("Catatan <b>", "1 & 2", "Dinas <script>", "ilustratif")])
    assert row.startswith('<dl class="card-row">') and row.count('<div class="card">') == 2
    assert ('<dt class="card-label">Aktif</dt><dd class="card-value">563</dd>'
            '<dd class="card-source">Antara Jatim, 12 Juli 2016 · Resmi</dd>') in row
    assert "<script>" not in row and "<b>" not in row
    assert "Catatan &lt;b&gt;" in row and "1 &amp; 2" in row
