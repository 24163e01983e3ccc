"""The catalogue of views: every slug builds, the CSV is the table, the status is the weakest number's."""

from __future__ import annotations

import copy
import dataclasses
import io
import re

import pandas as pd
import pytest

from koperasi_data import schema, views
from koperasi_data.load import Dataset

YEAR_2016 = views.Filters(2016)
WARU = views.Filters(2016, kecamatan=("Waru",))

# Chart keys the pages used before the catalogue: download file names and anchors, kept as slugs.
PAGE_CHARTS = {
    "ringkasan": ["tren-koperasi"],
    "koperasi": ["koperasi-tren", "madura-aktif",
                 "koperasi-kecamatan", "peta-koperasi", "peta-koperasi-aktif", "koperasi-jenis", "koperasi-rat"],
    "kopdes": ["kopdes-musdesus", "peta-kopdes", "kopdes-tahapan", "peta-kopdes-gerai"],
    "sertifikasi": ["sertifikasi-corong", "sertifikasi-waktu", "sertifikasi-kecamatan", "peta-sertifikasi",
                    "shat-kuota", "shat-belum-diukur", "peta-shat-desa"],
    "kemitraan": ["sdm-wub", "kemitraan-agunan", "kemitraan-lembaga", "kemitraan-pelatihan", "kemitraan-jejaring"],
    "umkm": ["umkm-kecamatan", "peta-umkm", "peta-umkm-tenaga-kerja", "umkm-sektor", "umkm-skala", "umkm-ukuran",
             "umkm-halal", "peta-halal"],
    "sumber": [],
}


def with_register_imported(dataset: Dataset, resource: str) -> Dataset:
    """The dataset as it is after the office imported its own ``resource`` (no longer illustrative)."""
    descriptor = copy.deepcopy(dataset.descriptor)
    for item in descriptor["resources"]:
        if item["name"] == resource:
            item["ilustratif"] = False
    return dataclasses.replace(dataset, descriptor=descriptor, version=dataset.version + "-impor")


@pytest.mark.parametrize("page", views.PAGES)
def test_each_page_lists_its_charts_in_page_order(page):
    assert views.chart_slugs(page) == PAGE_CHARTS[page]


def test_slugs_are_all_pages_in_navigation_order():
    pages = [views.CATALOGUE[s].page for s in views.slugs()]
    assert pages == sorted(pages, key=views.PAGES.index)
    assert views.slugs() == [s for page in views.PAGES for s in views.slugs(page)]


@pytest.mark.parametrize("slug", views.slugs())
@pytest.mark.parametrize("filters", [YEAR_2016, WARU], ids=["kabupaten", "Waru"])
def test_every_slug_builds_a_complete_view(slug, filters, dataset, values):
    view = views.build(slug, dataset, filters, values)
    assert view.slug == slug and view.page in views.PAGES
    assert view.title and view.source.startswith("Sumber:")
    assert (view.figure is not None) == views.CATALOGUE[slug].chart
    if view.figure is not None:
        assert view.alt.startswith("Peta" if views.CATALOGUE[slug].boundaries else "Grafik")
    assert view.status in views.STATUS_ORDER
    assert list(view.display.columns) and len(view.display) == len(view.table)
    for source in view.sources:
        assert set(source) == {"penerbit", "url", "tanggal", "periode", "status"}


@pytest.mark.parametrize("slug", views.slugs())
def test_the_csv_holds_exactly_the_table(slug, dataset, values):
    view = views.build(slug, dataset, YEAR_2016, values)
    expected = pd.read_csv(io.StringIO(view.table.to_csv(index=False)), dtype=str, keep_default_na=False)
    result = pd.read_csv(io.BytesIO(view.csv), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    # Only formula-like text gets an apostrophe; every number is the same.
    result = result.apply(lambda c: c.str.removeprefix("'"))
    pd.testing.assert_frame_equal(result, expected)


def test_display_writes_numbers_the_indonesian_way(dataset, values):
    view = views.build("umkm-kecamatan", dataset, YEAR_2016, values)
    pamekasan = view.display[view.display["Kecamatan"] == "Pamekasan"].iloc[0]
    assert pamekasan["Unit usaha"] == "48.274"
    assert "Unit usaha" in view.numeric_columns
    assert view.table.loc[view.table["kecamatan"] == "Pamekasan", "unit_usaha"].iloc[0] == 48274


@pytest.mark.parametrize("slug, status", [
    ("koperasi-tren", schema.TURUNAN),  # some active counts are derived (total − inactive)
    ("koperasi-ditandai", schema.DITANDAI),
    ("shat-kuota", schema.RESMI),
    ("koperasi-kecamatan", schema.ILUSTRATIF),
    ("kemitraan-agunan", schema.ILUSTRATIF),
])
def test_status_is_the_weakest_among_the_numbers(slug, status, dataset, values):
    assert views.build(slug, dataset, YEAR_2016, values).status == status


def test_views_on_the_illustrative_register_carry_the_badge(dataset, values):
    view = views.build("koperasi-kecamatan", dataset, YEAR_2016, values)
    assert view.illustrative and view.badge == "Data ilustratif" and view.register == schema.KOPERASI
    assert views.build("shat-kuota", dataset, YEAR_2016, values).badge is None


def test_an_imported_register_makes_its_views_resmi_without_badge(dataset, values):
    imported = with_register_imported(dataset, schema.KOPERASI)
    view = views.build("koperasi-jenis", imported, YEAR_2016, values)
    assert (view.status, view.illustrative, view.badge) == (schema.RESMI, False, None)
    assert "Data ilustratif" not in view.source
    # Sertifikasi still stands on the generated parcels as well: still illustrative.
    assert views.build("sertifikasi-corong", imported, YEAR_2016, values).status == schema.ILUSTRATIF


def test_sources_are_distinct_each_with_date_status_and_link(dataset, values):
    view = views.build("koperasi-tren", dataset, YEAR_2016, values)
    keys = [tuple(s.values()) for s in view.sources]
    assert len(keys) == len(set(keys))
    assert {(s["penerbit"], s["periode"]) for s in view.sources} >= {("Antara Jatim", "2016-07-12")}
    assert {s["status"] for s in view.sources} == {schema.RESMI, schema.TURUNAN}
    assert all(s["url"].startswith("http") for s in view.sources)


def test_register_sources_give_the_day_the_register_describes(dataset, values):
    (source,) = views.build("umkm-sektor", dataset, YEAR_2016, values).sources
    assert (source["tanggal"], source["status"]) == ("2016-07-12", schema.ILUSTRATIF)


def test_filters_a_view_does_not_use_do_not_split_it():
    assert views.normalised("koperasi-tren", WARU) == views.normalised("koperasi-tren", views.Filters(2024))
    assert views.normalised("koperasi-kecamatan", WARU).kecamatan == ("Waru",)


def test_a_kecamatan_filter_narrows_a_register_view(dataset, values):
    everywhere = views.build("koperasi-kecamatan", dataset, YEAR_2016, values)
    waru = views.build("koperasi-kecamatan", dataset, WARU, values)
    assert list(waru.table["kecamatan"]) == ["Waru"]
    assert len(everywhere.table) == 13


@pytest.mark.parametrize("name", list(views.CARDS))
def test_every_card_row_builds(name, dataset, values):
    items = views.build_cards(name, dataset, YEAR_2016, values)
    assert items and all(card.value and card.source for card in items)


def test_koperasi_cards_of_2016_are_the_official_figures(dataset, values):
    items = {c.label: c.value for c in views.build_cards("koperasi-terbit", dataset, YEAR_2016, values)}
    assert items == {"Jumlah koperasi": "585", "Koperasi aktif": "563", "Koperasi tidak aktif": "22",
                     "Persentase aktif": "96,2 %"}


# maps ----------------------------------------------------------------------------------------


def test_every_area_chart_has_a_map_beside_it():
    assert views.map_slugs() == ["peta-koperasi", "peta-koperasi-aktif", "peta-kopdes", "peta-kopdes-gerai", "peta-sertifikasi",
                                 "peta-shat-desa", "peta-umkm", "peta-umkm-tenaga-kerja", "peta-halal"]


@pytest.mark.parametrize("slug", views.map_slugs())
def test_a_map_view_names_its_data_source_then_the_boundary_source(slug, dataset, values):
    view = views.build(slug, dataset, WARU, values)
    assert view.source.startswith("Sumber:")
    assert view.source.endswith("Batas wilayah: github.com/cahyadsn/wilayah_boundaries, menurut Kepmendagri No "
                                "300.2.2-2430 Tahun 2025, disederhanakan (MIT, © 2024 Cahya DSN).")
    assert {trace.type for trace in view.figure.data} == {"scatter"}


def test_map_and_bar_chart_of_the_same_metric_show_the_same_numbers(dataset, values):
    bars = views.build("koperasi-kecamatan", dataset, YEAR_2016, values)
    peta = views.build("peta-koperasi", dataset, YEAR_2016, values)
    pd.testing.assert_frame_equal(peta.table, bars.table)
    assert peta.illustrative and peta.badge == views.BADGE and peta.status == schema.ILUSTRATIF


def test_halal_map_is_official_and_leaves_unreported_kecamatan_grey(dataset, values):
    view = views.build("peta-halal", dataset, YEAR_2016, values)
    assert view.status == schema.RESMI and not view.illustrative
    assert "tanpa angka: Batumarmar, Pakong, Pasean, Waru" in view.alt


def test_a_view_of_published_values_takes_its_unit_from_indikator_csv(dataset, values):
    units = dict(zip(dataset[schema.INDICATORS]["kode"], dataset[schema.INDICATORS]["satuan"]))
    assert views.build("umkm-halal", dataset, YEAR_2016, values).unit == units[schema.PRODUK_HALAL]
    assert views.build("shat-belum-diukur", dataset, YEAR_2016, values).unit == units[schema.SHAT_BELUM_DIUKUR]


def test_a_resource_the_package_gains_later_still_has_its_dictionary_and_data_views(dataset, values):
    descriptor = copy.deepcopy(dataset.descriptor)
    extra = copy.deepcopy(next(r for r in descriptor["resources"] if r["name"] == schema.KECAMATAN))
    extra.update(name="wilayah_baru", title="Wilayah baru")
    descriptor["resources"].append(extra)
    grown = dataclasses.replace(dataset, descriptor=descriptor,
                                tables={**dataset.tables, "wilayah_baru": dataset[schema.KECAMATAN]})
    assert "data-wilayah_baru" not in views.CATALOGUE
    view = views.build("data-wilayah_baru", grown, YEAR_2016, values)
    assert (view.title, len(view.table), view.status) == ("Wilayah baru", 13, schema.RESMI)
    assert views.build("kamus-wilayah_baru", grown, YEAR_2016, values).page == "sumber"
    with pytest.raises(KeyError):
        views.build("grafik-tak-ada", dataset, YEAR_2016, values)


# display_table writes whole columns at once; it must write exactly what the cell-by-cell writer wrote.

def _display_table_cell_by_cell(frame: pd.DataFrame, descriptor: dict):
    """The former ``views.display_table``: each cell through its formatter, one at a time (the reference)."""
    from koperasi_data import exports, fmt

    titles = exports.column_titles(descriptor)
    formats = exports.display_formats(frame)
    shown, numeric, links = {}, [], []
    for column in frame.columns:
        title = exports.column_title(column, titles)
        series = frame[column]
        if column in ("url", "sumber"):
            shown[title] = series.astype(object).where(series.notna(), None)
            links.append(title)
            continue
        formatter = formats.get(column)
        if column == "nilai" and "presisi" in frame and formatter is not None:
            shown[title] = [fmt.MISSING if views._missing(v) else fmt.qualifier(p) + formatter(v)
                            for v, p in zip(series, frame["presisi"])]
            numeric.append(title)
            continue
        if formatter is None:
            shown[title] = series
            continue
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            numeric.append(title)
        shown[title] = [fmt.MISSING if views._missing(v) else formatter(v) for v in series]
    return pd.DataFrame(shown, index=range(len(frame)), columns=list(shown)), tuple(numeric), tuple(links)


def _assert_same_display(frame: pd.DataFrame, descriptor: dict) -> None:
    got, numeric, links = views.display_table(frame, descriptor)
    want, want_numeric, want_links = _display_table_cell_by_cell(frame, descriptor)
    assert (numeric, links) == (want_numeric, want_links)
    assert list(got.columns) == list(want.columns)
    for column in want.columns:
        assert got[column].tolist() == want[column].tolist(), column


def test_display_table_writes_every_view_and_register_as_cell_by_cell_did(dataset, values):
    for slug in views.slugs():
        _assert_same_display(views.build(slug, dataset, YEAR_2016, values).table, dataset.descriptor)
    for name, frame in dataset.tables.items():
        _assert_same_display(frame, dataset.descriptor)


def test_display_table_writes_a_scaled_register_as_cell_by_cell_did(dataset):
    from koperasi_data import generate, load

    for name, text in generate.scaled_frames(3).items():
        frame = load.typed_frame(text, load.resource_descriptor(dataset.descriptor, name))
        assert len(frame) > len(dataset[name]) or len(frame) == len(dataset[name]) > 0
        _assert_same_display(frame, dataset.descriptor)


def test_display_table_writes_edge_values_as_cell_by_cell_did():
    frame = pd.DataFrame({
        "jumlah": pd.array([0, 7, -1234567, None, 1000, 999, 10**12], dtype="Int64"),
        "nilai_besar": pd.array([1, 2, 3, 4, 5, 6, 7], dtype="int64") * -1001,
        "pangsa": [0.15, 2.25, -0.05, None, 96.239, 1e6 + 0.45, 0.0],
        "bulat": [1.0, -2.0, None, 1e7, 0.0, 3.0, 5.0],
        "tahun": pd.array([2016, None, 2020, 2021, 2022, 2023, 2024], dtype="Int64"),
        "tanggal": pd.to_datetime(["2016-07-12", None, "2020-01-01", "2020-01-01", "2024-12-31", "2021-03-05",
                                   "2019-08-17"]),
        "status": ["aktif", "tidak_aktif", None, "kode tanpa label", "", "aktif", "sudah_rat"],
        "setuju": [True, False, True, True, False, False, True],
        "nilai": [500.0, 33000.0, None, 12.5, 1.0, 2.0, 3.0],
        "presisi": ["sekitar", "lebih_dari", "sekitar", None, "", "tepat", None],
        "url": ["https://contoh.go.id", None, "", "http://a", None, None, None],
    })
    _assert_same_display(frame, {"resources": []})
    _assert_same_display(frame.iloc[0:0], {"resources": []})
    _assert_same_display(frame.assign(jumlah=pd.array([None] * 7, dtype="Int64")), {"resources": []})


def test_a_long_table_shows_its_first_rows_with_a_note_and_downloads_every_row(dataset, values, monkeypatch):
    register = dataset[schema.KOPERASI]
    monkeypatch.setattr(views, "DISPLAY_ROWS", 100)
    view = views.build("data-koperasi", dataset, YEAR_2016, values)
    assert len(register) > 100
    assert len(view.display) == 100 and len(view.table) == view.rows == len(register)
    assert pd.read_csv(io.BytesIO(view.csv), encoding="utf-8-sig").shape[0] == len(register)
    whole, _, _ = views.display_table(view.table, dataset.descriptor)
    pd.testing.assert_frame_equal(view.display, whole.head(100))
    assert view.display_note == (f"Menampilkan 100 dari {len(register):,} baris; unduh CSV/Excel untuk semuanya"
                                 .replace(",", "."))


def test_a_table_within_the_limit_shows_every_row_without_a_note(dataset, values):
    view = views.build("umkm-kecamatan", dataset, YEAR_2016, values)
    assert len(view.display) == len(view.table) == view.rows and view.display_note is None


def test_the_note_writes_counts_the_indonesian_way():
    assert views.display_note(1000, 128700) == "Menampilkan 1.000 dari 128.700 baris; unduh CSV/Excel untuk semuanya"
    assert views.display_note(1000, 1000) is None


@pytest.mark.parametrize("year", [2016, 2025])
def test_no_displayed_table_writes_a_date_the_iso_way(dataset, values, year):
    iso = re.compile(r"\d{4}-\d{2}(-\d{2})?")  # a whole cell: notes may quote ids such as koperasi_total-2024-05
    written = {}
    for slug in views.slugs():
        display = views.build(slug, dataset, views.Filters(year=year), values).display
        for column in display.columns:
            cells = [c for c in display[column] if isinstance(c, str) and iso.fullmatch(c)]
            if cells:
                written[(slug, column)] = cells[:2]
    assert written == {}
    period = views.build("angka-terbit", dataset, views.Filters(year=year), values).display["Periode acuan"]
    assert "12 Juli 2016" in set(period)
