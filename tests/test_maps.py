"""Maps: our own polygons on plain axes, classes in Indonesian numbers, drawn with no network."""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import pytest

from koperasi_data import images, maps, metrics, schema

needs_chromium = pytest.mark.skipif(not images.chromium_available(), reason="no Chromium for kaleido")

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
TWO_ISLANDS = {"type": "MultiPolygon", "coordinates": [
    [[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]]}


def feature(name: str, geometry: dict = SQUARE, kode: str = "35.28.99", lat: float = 0.5, lng: float = 0.5) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": {"nama": name, "kode": kode, "lat": lat, "lng": lng}}


@pytest.fixture(scope="module")
def kecamatan_shapes(dataset):
    return dataset.geojson(maps.KECAMATAN_BOUNDARIES)


@pytest.fixture(scope="module")
def desa_shapes(dataset):
    return dataset.geojson(maps.DESA_BOUNDARIES)


def area_traces(figure: go.Figure) -> list:
    return [t for t in figure.data if t.fill == "toself" and t.hoveron == "fills"]


# classes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("values", "options", "expected"), [
    ([24, 46, 122], {}, [0, 25, 50, 75, 100, 125]),
    ([3, 7], {}, [0, 2, 4, 6, 8]),
    ([0, 0], {}, [0, 1]),
    ([48_274, 5_000], {}, [0, 10_000, 20_000, 30_000, 40_000, 50_000]),
    ([0, 13.6, 100], {"whole": False, "percent": True}, [0, 20, 40, 60, 80, 100]),
    ([91.7, 100], {"whole": False, "percent": True}, [90, 92, 94, 96, 98, 100]),
])
def test_class_edges_are_round_and_hold_the_largest_value(values, options, expected):
    assert maps.class_edges(values, **options) == expected


@pytest.mark.parametrize(("value", "expected"), [(0, 0), (24, 0), (25, 1), (124, 4), (125, 4), (None, None),
                                                 (float("nan"), None)])
def test_class_of_includes_the_lower_edge_and_has_none_for_no_value(value, expected):
    assert maps.class_of(value, [0, 25, 50, 75, 100, 125]) == expected


@pytest.mark.parametrize(("edges", "index", "unit", "percent", "expected"), [
    ([0, 25, 50], 1, "koperasi", False, "25–49 koperasi"),
    ([0, 10_000, 20_000], 1, "unit usaha", False, "10.000–19.999 unit usaha"),
    ([0, 1, 2], 0, "bidang", False, "0 bidang"),
    ([90, 92.5, 95], 0, "%", True, "90–92,5 %"),
])
def test_class_labels_use_indonesian_numbers(edges, index, unit, percent, expected):
    assert maps.class_label(edges, index, unit, percent) == expected


# drawing with no network ---------------------------------------------------------------------


def test_polygons_become_one_ring_per_part_separated_by_gaps():
    xs, ys = maps.outline([feature("A"), feature("B", TWO_ISLANDS)])
    assert xs.count(None) == 3 and len(xs) == len(ys) == 5 + 4 + 4 + 3


def test_a_map_is_plain_svg_scatter_with_no_url_to_fetch(dataset, kecamatan_shapes):
    by_kecamatan = metrics.koperasi_by_kecamatan(dataset[schema.KOPERASI], list(dataset[schema.KECAMATAN]["nama"]))
    figure = maps.koperasi_total_map(by_kecamatan, kecamatan_shapes).figure
    # No geo, map or mapbox trace (those fetch a topojson, tiles or a style), no WebGL trace.
    assert {trace.type for trace in figure.data} == {"scatter"}
    text = figure.to_json()
    assert "http" not in text and "topojson" not in text and '"mapbox"' not in text
    assert figure.layout.yaxis.scaleanchor == "x" and figure.layout.xaxis.visible is False
    # The legend at the foot of the figure, inside it (a legend below the container would not be drawn).
    assert (figure.layout.legend.yref, figure.layout.legend.y, figure.layout.legend.yanchor) == ("container", 0, "bottom")


def test_kecamatan_map_colours_every_kecamatan_and_greys_those_without_a_figure(dataset, values, kecamatan_shapes):
    halal = metrics.by_kecamatan_values(values, schema.PRODUK_HALAL, dataset[schema.KECAMATAN])
    chart = maps.halal_map(halal, kecamatan_shapes)
    areas = area_traces(chart.figure)
    assert len(areas) == 13
    grey = sorted(t.name.split(":")[0] for t in areas if t.fillcolor == maps.NO_VALUE_COLOUR)
    # The 2024 source names nine kecamatan; the other four are "no figure", never zero.
    assert grey == ["Batumarmar", "Pakong", "Pasean", "Waru"]
    hover = {t.name.split(":")[0]: t.name for t in areas}
    assert hover["Pegantenan"] == "Pegantenan: 2.075 produk"
    assert maps.NO_VALUE_LABEL in [t.name for t in chart.figure.data if t.showlegend is not False]
    assert chart.title == ("Pegantenan memimpin sertifikasi halal: 2.075 dari 5.266 produk di 9 kecamatan "
                           "yang dilaporkan")
    assert chart.alt.startswith("Peta. Pegantenan memimpin") and "Proppo: 1.032 produk" in chart.alt
    assert "tanpa angka: Batumarmar, Pakong, Pasean, Waru" in chart.alt
    assert list(chart.table["nilai"]) == list(halal["nilai"])


def test_kecamatan_map_of_the_2016_register_reproduces_the_totals(dataset, kecamatan_shapes):
    names = list(dataset[schema.KECAMATAN]["nama"])
    by_kecamatan = metrics.koperasi_by_kecamatan(dataset[schema.KOPERASI], names)
    chart = maps.koperasi_total_map(by_kecamatan, kecamatan_shapes, selected=["Waru"])
    assert chart.table["total"].sum() == 585
    edges = [t for t in area_traces(chart.figure) if t.line.color == maps.SELECTED_EDGE]
    assert [t.name.split(":")[0] for t in edges] == ["Waru"]
    (labels,) = [t for t in chart.figure.data if t.mode == "markers+text"]
    # The clickable points carry the kecamatan name: a selection event says which one was clicked.
    assert sorted(labels.customdata) == sorted(names)


def test_share_map_says_where_active_share_is_lowest(kecamatan_shapes):
    frame = pd.DataFrame({"kecamatan": ["Waru", "Pasean"], "aktif": [9, 3], "tidak_aktif": [1, 1],
                          "total": [10, 4], "persen_aktif": [90.0, 75.0]})
    chart = maps.koperasi_active_share_map(frame, kecamatan_shapes)
    assert chart.title == "Koperasi aktif paling rendah di Pasean (75,0 %), paling tinggi di Waru (90,0 %)"
    legend = [t.name for t in chart.figure.data if t.showlegend is not False]
    assert legend[0] == "75–80 %" and legend[-1] == maps.NO_VALUE_LABEL


def test_filtered_map_leaves_the_other_kecamatan_grey(dataset, kecamatan_shapes):
    umkm = metrics.filter_kecamatan(dataset[schema.UMKM], ["Waru"])
    chart = maps.umkm_map(metrics.umkm_by(umkm, "kecamatan", ["Waru"]), "tenaga_kerja", kecamatan_shapes)
    coloured = [t.name for t in area_traces(chart.figure) if t.fillcolor != maps.NO_VALUE_COLOUR]
    assert len(coloured) == 1 and coloured[0].startswith("Waru: ") and "orang<br>" in coloured[0]


def test_source_line_of_a_map_ends_with_the_boundary_source_and_licence():
    line = maps.with_boundary_source("Sumber: Kemenag, 24 Februari 2024.")
    assert line.startswith("Sumber: Kemenag") and line.endswith("(MIT, © 2024 Cahya DSN).")
    assert "Batas wilayah: github.com/cahyadsn/wilayah_boundaries" in line


# villages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("desa", "kode_wilayah", "expected"), [
    ("Batubintang", "35.28.11", "35.28.11.2009"),  # written as one word in the news
    ("Tlonto Ares", "35.28.10", "35.28.10.2011"),
    ("Nyalabu Laok", "35.28", "35.28.04.2009"),  # kecamatan not named, name unique in the regency
    ("Blaban", "35.28.10", None),  # Blaban lies in Batumarmar, not in Waru
    ("Tanjung", "35.28", None),  # two desa of that name: never guessed
    ("Desa Tidak Ada", "35.28", None),
])
def test_villages_match_their_boundary_by_name_within_the_named_kecamatan(desa_shapes, desa, kode_wilayah, expected):
    rows = pd.DataFrame({"desa": [desa], "kode_wilayah": [kode_wilayah], "nilai": [1]})
    result = maps.match_villages(rows, desa_shapes)["kode_desa"].iloc[0]
    assert (None if pd.isna(result) else result) == expected


def test_unmeasured_shat_villages_are_drawn_at_the_latest_date(values, desa_shapes, kecamatan_shapes):
    villages = metrics.village_values(values, schema.SHAT_BELUM_DIUKUR)
    chart = maps.shat_unmeasured_map(villages, desa_shapes, kecamatan_shapes)
    assert chart.title == ("Per 13 November 2024: 600 bidang SHAT belum diukur di 4 desa, terbanyak di "
                           "Nyalabu Laok (300)")
    assert sorted(chart.table["desa"]) == ["Batubintang", "Blaban", "Nyalabu Laok", "Tlonto Ares"]
    assert chart.table["kode_desa_batas"].notna().all()
    assert sorted(t.name for t in area_traces(chart.figure)) == [
        "Batubintang: 200 bidang", "Blaban: 50 bidang", "Nyalabu Laok: 300 bidang", "Tlonto Ares: 50 bidang"]


def test_label_positions_move_a_crowded_label_below():
    assert maps.label_positions([(0, 0), (0.01, 0.01), (1, 1)]) == ["top center", "bottom center", "top center"]


# kaleido --------------------------------------------------------------------------------------


@needs_chromium
def test_map_png_is_drawn_by_kaleido_with_the_class_colours(dataset, kecamatan_shapes):
    from PIL import Image

    names = list(dataset[schema.KECAMATAN]["nama"])
    chart = maps.umkm_map(metrics.umkm_by(dataset[schema.UMKM], "kecamatan", names), "unit_usaha", kecamatan_shapes)
    png = images.png_bytes(chart.figure, 600, maps.MAP_HEIGHT, scale=1)
    colours = {colour for _, colour in Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 20)}
    darkest = tuple(int(maps.CLASS_COLOURS[-1][i:i + 2], 16) for i in (1, 3, 5))
    lightest = tuple(int(maps.CLASS_COLOURS[0][i:i + 2], 16) for i in (1, 3, 5))
    # Pamekasan (48.274 units) fills the darkest class; the smallest kecamatan the lightest.
    assert darkest in colours and lightest in colours
