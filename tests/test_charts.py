"""Charts: the title states the finding, numbers read the Indonesian way, the table and text stand behind it."""

from __future__ import annotations

import inspect
import re

import pandas as pd
import pytest

from koperasi_data import charts, kemitraan, metrics, schema


def title(chart: charts.Chart) -> str:
    """The title as one line (charts break long titles with <br> for Plotly)."""
    return chart.title.replace("<br>", " ")


@pytest.fixture
def by_kecamatan() -> pd.DataFrame:
    return pd.DataFrame({
        "kecamatan": ["Pasean", "Waru"],
        "aktif": [500, 1200],
        "tidak_aktif": [40, 34],
        "total": [540, 1234],
        "persen_aktif": [500 / 540 * 100, 1200 / 1234 * 100],
    })


@pytest.fixture
def umkm_by_kecamatan() -> pd.DataFrame:
    return pd.DataFrame({
        "kecamatan": ["Pasean", "Waru", "Kadur"],
        "unit_usaha": [51, 110, 0],
        "tenaga_kerja": [78, 165, 0],
        "tenaga_kerja_per_unit": [78 / 51, 1.5, None],
    })


def trend_frame(points: list[tuple[int, str, float, str]]) -> pd.DataFrame:
    """A koperasi_trend frame from (tahun, kode_indikator, nilai, status)."""
    return pd.DataFrame([
        {"tahun": tahun, "kode_indikator": kode, "label": schema.label(kode), "nilai": nilai,
         "periode": str(tahun), "tanggal_terbit": None, "penerbit": "Media", "url": "https://contoh.id",
         "status": status, "catatan": None, "presisi": "tepat"}
        for tahun, kode, nilai, status in points
    ])


# titles state the finding ----------------------------------------------------------


def test_kecamatan_title_names_the_kecamatan_with_most_and_most_inactive_cooperatives(by_kecamatan):
    chart = charts.koperasi_by_kecamatan(by_kecamatan)
    assert title(chart) == "Koperasi terbanyak di Waru (1.234); tidak aktif terbanyak di Pasean (40)"


def test_kecamatan_title_leaves_out_inactive_when_there_are_none(by_kecamatan):
    chart = charts.koperasi_by_kecamatan(by_kecamatan.assign(tidak_aktif=0, total=by_kecamatan["aktif"]))
    assert title(chart) == "Koperasi terbanyak di Waru (1.200)"


def test_kecamatan_chart_with_zero_cooperatives_says_nothing_matched(by_kecamatan):
    empty = by_kecamatan.assign(aktif=0, tidak_aktif=0, total=0, persen_aktif=None)
    assert title(charts.koperasi_by_kecamatan(empty)) == "Tidak ada koperasi yang cocok dengan filter"


def test_jenis_title_names_the_largest_type_with_its_share():
    by_jenis = pd.DataFrame({"jenis": ["Jasa", "KSPPS", "Konsumen"], "aktif": [1, 1, 1], "tidak_aktif": [2, 0, 0],
                             "total": [3, 1, 1]})
    assert title(charts.koperasi_by_jenis(by_jenis)) == "Jasa adalah jenis terbanyak: 3 koperasi (60,0 %)"


def test_rat_title_gives_the_share_on_time_and_the_lowest_kecamatan():
    rat = pd.DataFrame({"kecamatan": ["Pasean", "Waru"], metrics.RAT_CATEGORIES[0]: [1, 1],
                        metrics.RAT_CATEGORIES[1]: [0, 1], metrics.RAT_CATEGORIES[2]: [1, 1],
                        "persen_rat_tepat_waktu": [50.0, 100 / 3]})
    assert title(charts.rat_compliance(rat, 2016)) == "40,0 % koperasi menggelar RAT 2016; terendah di Waru (33,3 %)"


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([(2016, "koperasi_aktif", 563, "resmi"), (2024, "koperasi_aktif", 444, "turunan")],
         "Koperasi aktif turun dari 563 (2016) menjadi 444 (2024)"),
        ([(2016, "koperasi_aktif", 563, "resmi"), (2024, "koperasi_aktif", 1200, "resmi")],
         "Koperasi aktif naik dari 563 (2016) menjadi 1.200 (2024)"),
        # One year, or no change, is not a fall.
        ([(2016, "koperasi_aktif", 563, "resmi"), (2016, "koperasi_tidak_aktif", 22, "resmi")],
         "Koperasi aktif: 563 (2016)"),
        ([(2016, "koperasi_aktif", 563, "resmi"), (2019, "koperasi_aktif", 563, "resmi")],
         "Koperasi aktif: 563 (2016–2019)"),
    ],
)
def test_trend_title_says_whether_active_cooperatives_rose_or_fell(points, expected):
    assert title(charts.koperasi_trend(trend_frame(points))) == expected


def test_trend_with_no_published_figures_says_so():
    chart = charts.koperasi_trend(trend_frame([]).reindex(columns=["tahun", "kode_indikator", "label", "nilai",
                                                                   *metrics.SOURCE_COLUMNS]))
    assert title(chart) == "Belum ada angka koperasi yang terbit"


def test_funnel_title_gives_certificates_out_of_proposals():
    funnel = pd.DataFrame({"tahap": list(schema.PROGRESS_STAGES), "bidang": [7, 4, 2, 1],
                           "persen_dari_usulan": [100.0, 400 / 7, 200 / 7, 100 / 7]})
    chart = charts.parcel_funnel(funnel)
    assert title(chart) == "1 dari 7 bidang yang diusulkan sudah bersertipikat (14,3 %)"
    assert title(charts.parcel_funnel(funnel.assign(bidang=0))) == "Belum ada bidang yang diusulkan"


def test_over_time_title_gives_the_last_month_in_indonesian():
    months = pd.to_datetime(["2016-11-01", "2016-12-01"])
    over_time = pd.DataFrame([{"bulan": m, "tahap": stage, "bidang": n}
                              for stage, counts in {"diusulkan": [6, 1234], "diverifikasi": [4, 4],
                                                    "diukur": [2, 2], "terbit": [1, 1]}.items()
                              for m, n in zip(months, counts)])
    chart = charts.parcels_over_time(over_time)
    assert title(chart) == "Sampai Desember 2016: 1 sertipikat terbit dari 1.234 usulan"
    assert chart.table["bulan"].tolist() == ["2016-11", "2016-12"]
    assert list(chart.table.columns) == ["bulan", *schema.PROGRESS_STAGES]


def test_over_time_on_an_empty_frame_gives_the_empty_state_without_raising():
    chart = charts.parcels_over_time(pd.DataFrame(columns=["bulan", "tahap", "bidang"]))
    assert title(chart) == "Belum ada bidang yang diusulkan"
    assert chart.table.empty


def test_stuck_title_counts_parcels_without_certificate_and_names_the_worst_kecamatan():
    stuck = pd.DataFrame({"kecamatan": ["Pasean", "Waru"], "terbit": [0, 1], "dalam_proses": [1, 2],
                          "ditunda": [2, 0], "ditolak": [0, 1], "total": [3, 4]})
    assert title(charts.stuck_by_kecamatan(stuck)) == "5 bidang belum bersertipikat; terbanyak di Pasean (3)"
    empty = stuck.assign(terbit=0, dalam_proses=0, ditunda=0, ditolak=0, total=0)
    assert title(charts.stuck_by_kecamatan(empty)) == "Tidak ada bidang di kecamatan yang dipilih"


def test_umkm_title_names_the_kecamatan_with_most_units_and_its_share(umkm_by_kecamatan):
    chart = charts.umkm_by(umkm_by_kecamatan, "kecamatan", "Kecamatan")
    assert title(chart) == "Kecamatan Waru menampung UMKM terbanyak: 110 unit (68,3 %), 165 tenaga kerja"
    empty = umkm_by_kecamatan.assign(unit_usaha=0, tenaga_kerja=0)
    assert title(charts.umkm_by(empty, "kecamatan", "Kecamatan")) == "Tidak ada UMKM yang cocok dengan filter"


def test_workers_per_unit_title_compares_the_largest_and_smallest_scale():
    by_skala = pd.DataFrame({"skala": ["mikro", "kecil", "menengah"], "unit_usaha": [150, 10, 1],
                             "tenaga_kerja": [180, 45, 18], "tenaga_kerja_per_unit": [1.2, 4.5, 18.0]})
    chart = charts.workers_per_unit(by_skala, "skala")
    assert title(chart) == "Usaha menengah mempekerjakan 18,0 orang per unit, usaha mikro 1,2"


# every chart on the real data ------------------------------------------------------

CHART_NAMES = ["trend", "kecamatan", "jenis", "rat", "funnel", "over_time", "stuck", "quota", "unmeasured",
               "umkm_kecamatan", "umkm_sektor", "workers_per_unit", "halal", "umkm_measures", "musdesus",
               "collateral", "lembaga", "training", "network", "kopdes", "madura", "wub"]


def chart_inputs(dataset, values) -> dict[str, tuple]:
    """Each chart the pages draw: (builder, the frame it is given, extra arguments), on the shipped data."""
    names = list(dataset[schema.KECAMATAN]["nama"])
    koperasi, umkm = dataset[schema.KOPERASI], dataset[schema.UMKM]
    located = metrics.parcels_with_kecamatan(dataset[schema.CERTIFICATION], koperasi)
    return {
        "trend": (charts.koperasi_trend, metrics.koperasi_trend(values), ()),
        "kecamatan": (charts.koperasi_by_kecamatan, metrics.koperasi_by_kecamatan(koperasi, names), ()),
        "jenis": (charts.koperasi_by_jenis, metrics.koperasi_by_jenis(koperasi), ()),
        "rat": (charts.rat_compliance, metrics.rat_compliance(koperasi, names, 2016), (2016,)),
        "funnel": (charts.parcel_funnel, metrics.parcel_funnel(located), ()),
        "over_time": (charts.parcels_over_time, metrics.parcels_over_time(located), ()),
        "stuck": (charts.stuck_by_kecamatan, metrics.stuck_by_kecamatan(located, names), ()),
        "quota": (charts.shat_quota, metrics.indicator_series(
            values, [schema.SHAT_KUOTA, schema.SHAT_USULAN, schema.SHAT_KUOTA_PERKIRAAN]), ()),
        "unmeasured": (charts.shat_unmeasured, metrics.village_values(values, schema.SHAT_BELUM_DIUKUR), ()),
        "umkm_kecamatan": (charts.umkm_by, metrics.umkm_by(umkm, "kecamatan", names), ("kecamatan", "Kecamatan")),
        "umkm_sektor": (charts.umkm_by, metrics.umkm_by(umkm, "sektor", schema.SEKTOR), ("sektor", "Sektor")),
        "workers_per_unit": (charts.workers_per_unit, metrics.umkm_by(umkm, "skala", schema.SKALA), ("skala",)),
        "halal": (charts.halal_by_kecamatan,
                  metrics.by_kecamatan_values(values, schema.PRODUK_HALAL, dataset[schema.KECAMATAN]), ()),
        "umkm_measures": (charts.umkm_measures, metrics.indicator_series(
            values, [schema.UMKM_UNIT, schema.UMKM_PELAKU, schema.UMKM_BERIZIN, schema.UMKM_NIB]), ()),
        "musdesus": (charts.village_coverage, metrics.coverage_by_kecamatan(
            values, "kopdes_musdesus", dataset[schema.KECAMATAN]), ("menggelar musyawarah desa khusus",)),
        "collateral": (charts.collateral_funnel, kemitraan.collateral_funnel(
            dataset[schema.CERTIFICATION], dataset[schema.FINANCING]), ()),
        "lembaga": (charts.loans_by_lembaga, kemitraan.loans_by_lembaga(dataset[schema.FINANCING]), ()),
        "training": (charts.training_by_year, kemitraan.training_by_year(dataset[schema.TRAINING]),
                     (kemitraan.training_totals(dataset[schema.TRAINING]),)),
        "network": (charts.network_by_kecamatan,
                    kemitraan.network_by_kecamatan(dataset[schema.NETWORK], koperasi, names), ()),
        "kopdes": (charts.kopdes_timeline, metrics.kopdes_timeline(values), ()),
        "madura": (charts.madura_share, metrics.madura_active_share(values), ()),
        "wub": (charts.wub_participants, metrics.indicator_series(values, ("wub_peserta",)), ()),
    }


@pytest.fixture(scope="module")
def real_charts(dataset, values) -> dict[str, tuple[charts.Chart, pd.DataFrame]]:
    """Every chart on the shipped data, with the frame it was given."""
    return {name: (build(frame, *args), frame) for name, (build, frame, args) in chart_inputs(dataset, values).items()}


def test_every_chart_builder_is_exercised_on_the_real_data(dataset, values):
    builders = {name for name, function in inspect.getmembers(charts, inspect.isfunction)
                if function.__module__ == charts.__name__ and not name.startswith("_")
                and inspect.signature(function).return_annotation in ("Chart", charts.Chart)}
    assert builders == {build.__name__ for build, _, _ in chart_inputs(dataset, values).values()}
    assert sorted(chart_inputs(dataset, values)) == sorted(CHART_NAMES)


@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_uses_indonesian_separators_on_the_figure_itself(real_charts, name):
    chart, _ = real_charts[name]
    assert chart.figure.layout.separators == ",."


@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_title_and_alt_text_have_no_leaked_missing_values(real_charts, name):
    chart, _ = real_charts[name]
    text = f"{title(chart)} {chart.alt}"
    assert chart.title and chart.alt.startswith("Grafik")
    assert re.findall(r"\bnan\b|\bNone\b|<NA>|\bNaT\b", text) == []


@pytest.mark.parametrize("name", ["kecamatan", "jenis", "rat", "funnel", "stuck", "umkm_kecamatan", "umkm_sektor",
                                  "workers_per_unit", "collateral", "lembaga", "training", "network"])
def test_chart_table_is_the_frame_it_was_given(real_charts, name):
    chart, frame = real_charts[name]
    pd.testing.assert_frame_equal(chart.table, frame)


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("trend", ["tahun", "label", "nilai", "periode", "penerbit", "url", "status", "catatan"]),
        ("quota", ["tahun", "label", "nilai", "periode", "penerbit", "url", "status", "catatan"]),
        ("unmeasured", ["periode", "desa", "wilayah", "nilai", "penerbit", "url", "catatan"]),
        ("halal", ["kecamatan", "nilai", "periode", "penerbit", "url", "status"]),
        ("umkm_measures", ["label", "periode", "nilai", "presisi", "satuan", "penerbit", "url", "status", "catatan"]),
    ],
)
def test_chart_table_of_published_values_keeps_each_value_with_its_source(real_charts, name, columns):
    chart, frame = real_charts[name]
    assert list(chart.table.columns) == columns
    assert sorted(chart.table["nilai"].tolist()) == sorted(frame.dropna(subset=["tahun"])["nilai"].tolist()
                                                           if name in ("trend", "quota") else frame["nilai"].tolist())


@pytest.mark.parametrize(
    ("name", "column"),
    [("kecamatan", "kecamatan"), ("rat", "kecamatan"), ("stuck", "kecamatan"), ("umkm_kecamatan", "kecamatan"),
     ("jenis", "jenis"), ("halal", "kecamatan"), ("unmeasured", "desa"), ("lembaga", "lembaga"),
     ("network", "kecamatan")],
)
def test_alt_text_mentions_every_category(real_charts, name, column):
    chart, frame = real_charts[name]
    assert [c for c in frame[column].unique() if f"{c}: " not in chart.alt] == []


def test_alt_text_of_the_funnel_and_trend_lists_every_stage_and_year(real_charts):
    funnel, _ = real_charts["funnel"]
    assert all(f"{schema.label(stage)}: " in funnel.alt for stage in schema.PROGRESS_STAGES)
    trend, frame = real_charts["trend"]
    assert all(str(year) in trend.alt for year in frame["tahun"].unique())


def test_real_trend_title_states_the_fall_from_2016_to_2024(real_charts):
    chart, _ = real_charts["trend"]
    assert title(chart) == "Koperasi aktif turun dari 563 (2016) menjadi 444 (2024)"


def test_derived_trend_points_are_drawn_hollow(real_charts):
    chart, frame = real_charts["trend"]
    aktif = next(trace for trace in chart.figure.data if trace.name == "Koperasi aktif")
    derived = frame[frame["kode_indikator"] == schema.KOPERASI_AKTIF]["status"].eq(schema.TURUNAN).tolist()
    assert [colour == "white" for colour in aktif.marker.color] == derived


def test_village_coverage_title_counts_villages_and_names_kecamatan_without_any(values, dataset):
    coverage = metrics.coverage_by_kecamatan(values, "kopdes_musdesus", dataset[schema.KECAMATAN])
    chart = charts.village_coverage(coverage, "menggelar musyawarah desa khusus")
    assert title(chart) == ("Per 20 Mei 2025: 98 dari 189 desa/kelurahan sudah menggelar musyawarah desa khusus; "
                            "belum ada di Galis, Proppo, Tlanakan")
    assert "Pademawu: 3 dari 22" in chart.alt


def test_every_trend_point_names_its_source_period_and_status_in_its_hover(values):
    chart = charts.koperasi_trend(metrics.koperasi_trend(values))
    active = next(t for t in chart.figure.data if t.name == "Koperasi aktif")
    hover = dict(zip(active.x, active.customdata))
    assert tuple(hover[2016]) == ("Antara Jatim", "12 Juli 2016", "Resmi")
    assert tuple(hover[2024]) == ("Kabar Madura", "Mei 2024", "Turunan")
    assert "%{customdata[0]}" in active.hovertemplate and "%{customdata[2]}" in active.hovertemplate
    assert len(active.x) == 6


# phones ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("Dijadikan agunan pinjaman", 16, "Dijadikan agunan<br>pinjaman"),
    ("Waru", 16, "Waru"),
    ("2025<br>perkiraan kuota BPN", 10, "2025<br>perkiraan<br>kuota BPN"),
])
def test_wrap_label_breaks_long_categories_between_words(text, width, expected):
    assert charts.wrap_label(text, width) == expected


def test_long_bar_categories_are_wrapped_on_the_axis_but_kept_whole_in_the_data():
    by = pd.DataFrame({"sektor": ["Perdagangan", "Pertanian dan peternakan"], "unit_usaha": [10, 5], "tenaga_kerja": [20, 9],
                       "tenaga_kerja_per_unit": [2.0, 1.8]})
    figure = charts.umkm_by(by, "sektor", "Sektor").figure
    names = list(figure.data[0].y)
    ticks = dict(zip(figure.layout.yaxis.tickvals, figure.layout.yaxis.ticktext))
    assert "Pertanian dan peternakan" in names
    assert ticks["Pertanian dan peternakan"] == "Pertanian dan<br>peternakan"
    assert all(len(line) <= 16 for text in ticks.values() for line in text.split("<br>"))


def test_legend_sits_under_the_chart_where_a_phone_has_room():
    figure = charts.koperasi_by_kecamatan(pd.DataFrame({
        "kecamatan": ["Waru"], "aktif": [3], "tidak_aktif": [1], "total": [4], "persen_aktif": [75.0]})).figure
    legend = figure.layout.template.layout.legend
    assert (legend.yref, legend.y, legend.yanchor, legend.orientation) == ("container", 0, "bottom", "h")


# phones and projectors: labels never clipped, never rotated into each other -------------------------------


def bar_traces(figure):
    return [t for t in figure.data if t.type in ("bar", "funnel")]


def horizontal(trace) -> bool:
    return trace.orientation == "h" or trace.type == "funnel"


@pytest.mark.parametrize("name", CHART_NAMES)
def test_text_beside_bars_is_never_clipped_and_has_room_in_the_right_margin(real_charts, name):
    figure = real_charts[name][0].figure
    for trace in bar_traces(figure):
        if trace.text is None or isinstance(trace.text, str):
            continue
        assert trace.cliponaxis is False, trace.name
        if horizontal(trace) and trace.type == "bar" and trace.textposition in ("outside", "auto"):
            needed = max(charts.text_width(t, trace.textfont.size or 16) for t in trace.text)
            assert figure.layout.margin.r >= needed, (figure.layout.margin.r, needed)
            # Room right of the longest bar is the margin's, not the axis's: no bar drawn short by headroom.
            top = figure.layout.xaxis.range[1] if figure.layout.xaxis.range else None
            assert top is None or top <= 1.05 * max(max(trace.x), 1) or top == 101


@pytest.mark.parametrize("name", CHART_NAMES)
def test_no_label_line_is_longer_than_a_phone_can_hold(real_charts, name):
    figure = real_charts[name][0].figure
    for trace in bar_traces(figure):
        width = charts.CATEGORY_LINE_H if horizontal(trace) else charts.CATEGORY_LINE_V
        axis = figure.layout.yaxis if horizontal(trace) else figure.layout.xaxis
        categories = axis.ticktext or [c for c in (trace.y if horizontal(trace) else trace.x) if isinstance(c, str)]
        assert [c for c in categories if any(len(line) > width for line in str(c).split("<br>"))] == []
        texts = [] if trace.text is None or isinstance(trace.text, str) else trace.text
        assert [t for t in texts if any(len(line) > charts.TEXT_LINE for line in t.split("<br>"))] == []
    for axis in (figure.layout.xaxis, figure.layout.yaxis):
        text = axis.title.text or ""
        if "<span" not in text:
            assert all(len(line) <= charts.TITLE_LINE for line in text.split("<br>")), text


@pytest.mark.parametrize("name", CHART_NAMES)
def test_value_ticks_of_horizontal_bars_do_not_rotate(real_charts, name):
    figure = real_charts[name][0].figure
    if not any(horizontal(t) and t.type == "bar" for t in bar_traces(figure)):
        return
    axis = figure.layout.xaxis
    assert axis.showticklabels is False or (axis.tickangle == 0 and (axis.nticks or 99) <= 3 or axis.dtick), axis


@pytest.mark.parametrize("years", [[2016, 2019, 2020, 2021, 2023, 2024], [2020], list(range(2000, 2027))])
def test_year_axis_labels_at_most_five_years_and_never_rotates(years):
    axis = charts.year_axis(years)
    labelled = range(min(years), max(years) + 1, axis["ticklabelstep"])
    assert len(labelled) <= charts.YEAR_LABELS and axis["tickangle"] == 0 and axis["dtick"] == 1
    assert labelled[0] == min(years)


def test_trend_labels_every_second_year_between_2016_and_2024(real_charts):
    axis = real_charts["trend"][0].figure.layout.xaxis
    assert (axis.tick0, axis.dtick, axis.ticklabelstep, axis.tickangle) == (2016, 1, 2, 0)


@pytest.mark.parametrize(("text", "expected"), [
    ("2.075", "2.075"),
    ("98 dari 189", "98 dari 189"),
    ("38 (61,3 %)", "38<br>(61,3 %)"),
    ("150 bidang (100,0 %)", "150 bidang<br>(100,0 %)"),
    ("460 UMKM · 11 koperasi", "460 UMKM ·<br>11 koperasi"),
    ("Rp2,2 miliar · 10 pinjaman", "Rp2,2 miliar ·<br>10 pinjaman"),
    ("lebih dari 49.000", "lebih dari<br>49.000"),
])
def test_text_beside_a_bar_breaks_between_words_and_before_a_bracket(text, expected):
    assert charts.wrap_text(text) == expected


@pytest.mark.parametrize(("name", "column", "sums"), [
    ("kecamatan", "kecamatan", ["aktif", "tidak_aktif"]),
    ("jenis", "jenis", ["aktif", "tidak_aktif"]),
    ("stuck", "kecamatan", ["terbit", "dalam_proses", "ditunda", "ditolak"]),
    ("umkm_kecamatan", "kecamatan", ["unit_usaha", "tenaga_kerja"]),
    ("halal", "kecamatan", ["nilai"]),
    ("network", "kecamatan", ["umkm_mitra"]),
    ("lembaga", "lembaga", ["nilai_rp"]),
    ("unmeasured", "desa", ["nilai"]),
    ("musdesus", "kecamatan", ["nilai"]),
    ("rat", "kecamatan", list(metrics.RAT_CATEGORIES[:3])),
])
def test_many_categories_draw_the_top_ones_and_one_lainnya_bar_with_the_rest(dataset, values, name, column, sums):
    build, frame, args = chart_inputs(dataset, values)[name]
    # The categories grow (a province, not a regency): each row four times under new names.
    grown = pd.concat([frame.assign(**{column: frame[column].astype(str) + f" {k}"}) for k in range(4)],
                      ignore_index=True)
    chart = build(grown, *args)
    traces = bar_traces(chart.figure)
    categories = list(traces[0].y)
    assert len(categories) == min(len(grown[column].unique()), charts.TOP_N)
    other = [c for c in categories if c.startswith(charts.OTHER)]
    assert other == [categories[0]]  # one bar, drawn at the bottom
    assert other[0].endswith(f"({len(grown[column].unique()) - charts.TOP_N + 1} {other[0].split()[-1]}")
    # What the bars draw adds up to the whole: the largest one by one, the rest in "Lainnya".
    drawn = {t.name: sum(v for v in t.x if v == v) for t in traces}
    scale = 1e6 if name == "lembaga" else 1
    if name == "musdesus":
        persen = dict(zip(categories, traces[0].x))[other[0]]
        kept = grown[grown[column].isin(categories)]
        rest = grown[~grown[column].isin(categories)]
        assert persen == pytest.approx(rest["nilai"].sum() / rest["desa_kelurahan"].sum() * 100)
        assert kept["nilai"].sum() + rest["nilai"].sum() == grown["nilai"].sum()
    else:
        # The SHAT chart draws the latest published date only.
        shown = grown[grown["periode"] == grown["periode"].max()] if name == "unmeasured" else grown
        assert sum(drawn.values()) * scale == pytest.approx(shown[sums].to_numpy().sum())
    # Every bar, "Lainnya" included (often the longest), fits the value axis: a bar past its end hides its label.
    axis = chart.figure.layout.xaxis
    stacked = chart.figure.layout.barmode == "stack"
    lengths = [sum(bar) if stacked else max(bar) for bar in zip(*[[v if v == v else 0 for v in t.x] for t in traces])]
    assert axis.range is None or max(lengths) <= axis.range[1]
    # The table behind the chart keeps every category.
    assert len(chart.table) == len(grown)


def test_top_categories_breaks_ties_by_name_and_keeps_small_frames_whole():
    frame = pd.DataFrame({"kecamatan": list("EDCBA"), "nilai": [1, 1, 1, 5, 5]})
    assert charts.top_categories(frame, "kecamatan", "nilai", ["nilai"], "kecamatan", n=5) is frame
    cut = charts.top_categories(frame, "kecamatan", "nilai", ["nilai"], "kecamatan", n=3)
    assert cut["kecamatan"].tolist() == ["Lainnya (3 kecamatan)", "B", "A"]
    assert cut["nilai"].tolist() == [3, 5, 5]


def test_the_projector_copy_widens_the_margin_for_its_larger_text(real_charts):
    from koperasi_data import slides

    figure = real_charts["network"][0].figure
    big = slides.projector_figure(figure)
    trace = big.data[0]
    assert trace.cliponaxis is False
    widest = max(charts.text_width(t, trace.textfont.size) for t in trace.text)
    assert big.layout.margin.r >= widest > figure.layout.margin.r


# A phone's chart is ~330 px: the text beside the bars may take ~140 px, so that category labels (~150 px) and
# Plotly's smallest plot (64 px) still fit; with Plotly squeezed below that, labels are cut at the left edge.
PHONE_TEXT_MARGIN = 140


@pytest.mark.parametrize("scale", [1, 220])
@pytest.mark.parametrize("name", CHART_NAMES)
def test_text_beside_bars_leaves_a_phone_room_for_the_plot_even_on_a_register_220_times_larger(
        dataset, values, name, scale):
    build, frame, args = chart_inputs(dataset, values)[name]
    counts = [c for c in frame.columns if pd.api.types.is_integer_dtype(frame[c]) and not c.startswith("tahun")]
    figure = build(frame.assign(**{c: frame[c] * scale for c in counts}), *args).figure
    assert (figure.layout.margin.r or 0) <= PHONE_TEXT_MARGIN


def test_trend_numbers_leave_the_v_of_a_dip_or_a_peak():
    # The published series 2016-2024: the active line dips to 369 in 2020 while the inactive one peaks at 298.
    active = charts._trend_positions([563, 484, 369, 503, 487, 444], upper=True, highest=563)
    inactive = charts._trend_positions([22, 139, 298, 189, 276, 347], upper=False, highest=563)
    assert active == ["top center", "top center", "bottom right", "top center", "top center", "top center"]
    # 22 sits near the axis (number above); 298 is a peak and 347 is reached from below (number above, left).
    assert inactive == ["top center", "bottom center", "top left", "bottom center", "bottom center", "top left"]
