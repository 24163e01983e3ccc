"""Choropleth maps by kecamatan and desa, drawn with no network: our own polygons on plain axes.

Plotly's ``geo`` traces fetch a world topojson from a CDN and tile maps fetch tiles; the
``choroplethmap`` trace needs WebGL, which headless and older phone browsers may lack. So a map
here is a set of filled SVG polygons (``go.Scatter(fill="toself")``) on hidden axes with an equal
aspect: it draws the same in any browser, in kaleido (PNG, the PPTX/PDF deck) and offline. Each
kecamatan also gets a labelled point at its centre: the name is readable on the map, and clicking
it is a Plotly point selection that the page turns into the kecamatan filter.

Values fall into a few classes with Indonesian labels (``0–99``, ``100–199``); an area without a
value is grey and says so, never counted as zero. Every map's source line ends with the boundary
source (``BOUNDARY_LINE``), as the MIT licence of the boundaries asks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from koperasi_data import fmt, metrics
from koperasi_data.charts import FONT, Chart
from koperasi_data.i18n import N_, _

KECAMATAN_BOUNDARIES = "batas_kecamatan"
DESA_BOUNDARIES = "batas_desa"
BOUNDARY_LINE = N_("Batas wilayah: github.com/cahyadsn/wilayah_boundaries, menurut Kepmendagri No 300.2.2-2430 "
                 "Tahun 2025, disederhanakan (MIT, © 2024 Cahya DSN).")
# Sequential blues (ColorBrewer Blues 5): light to dark, distinct in greyscale and for colour-blind readers.
CLASS_COLOURS = ("#DEEBF7", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
NO_VALUE_COLOUR = "#EEEEEE"
NO_VALUE_LABEL = N_("Tidak ada angka")
EDGE_COLOUR = "#FFFFFF"
SELECTED_EDGE = "#1F2933"
MAP_HEIGHT = 560
HALO = "-1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff, 1px 1px 2px #fff"
# Pamekasan lies near 7° S: one degree of longitude is cos(7°) of a degree of latitude.
ASPECT = 1 / math.cos(math.radians(7.07))


def with_boundary_source(source: str) -> str:
    """A map's source line: the data source, then where the boundaries come from."""
    source = source.rstrip()
    # Two sentences: "… (3 Februari 2026). Batas wilayah: …", never run together.
    end = "." if source and not source.endswith(".") else ""
    return f"{source}{end} {_(BOUNDARY_LINE)}".strip()


def rings(geometry: dict) -> list[list[list[float]]]:
    """The outer rings of a Polygon or MultiPolygon (holes are left out: a filled map does not need them)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def outline(features: Sequence[dict]) -> tuple[list, list]:
    """Longitudes and latitudes of every ring of ``features``, rings separated by None (one Plotly trace)."""
    xs, ys = [], []
    for feature in features:
        for ring in rings(feature["geometry"]):
            xs.extend([point[0] for point in ring] + [None])
            ys.extend([point[1] for point in ring] + [None])
    return xs, ys


def _nice_step(span: float, classes: int) -> float:
    raw = max(span, 1e-9) / classes
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def class_edges(values: Sequence[float], classes: int = len(CLASS_COLOURS), whole: bool = True,
                percent: bool = False) -> list[float]:
    """Equal class edges on a round step, enough to hold the largest value (last edge > max, or 100 for shares).

    Counts start at 0. Shares (0-100) start at the round step below the smallest share, so that
    shares between 92 % and 100 % are told apart rather than all falling into 80-100 %.
    """
    present = [float(v) for v in values if v is not None and pd.notna(v)]
    if percent:
        low = min(present, default=0.0)
        step = _nice_step(100 - low, classes)
        start = math.floor(low / step) * step
        count = max(1, math.ceil((100 - start) / step - 1e-9))
        return [start + i * step for i in range(count + 1)]
    top = max(present, default=0.0)
    step = _nice_step(top, classes)
    if whole:
        step = max(1.0, math.ceil(step))
    count = max(1, min(classes, math.floor(top / step) + 1))
    return [i * step for i in range(count + 1)]


def class_of(value, edges: Sequence[float]) -> int | None:
    """Index of the class a value falls in (lower edge included), None when there is no value."""
    if value is None or pd.isna(value):
        return None
    for index in range(len(edges) - 1):
        if value < edges[index + 1]:
            return index
    return len(edges) - 2


def _edge(value: float) -> str:
    return fmt.number(value, 0 if float(value).is_integer() else 1)


def class_label(edges: Sequence[float], index: int, unit: str, percent: bool = False) -> str:
    """Legend text of one class in Indonesian numbers: '100–199 koperasi', '80–90 %'."""
    low, high = edges[index], edges[index + 1]
    if percent:
        return f"{_edge(low)}–{_edge(high)} %"
    top = high - 1 if float(high).is_integer() and float(low).is_integer() else high
    text = fmt.number(low) if top <= low else f"{fmt.number(low)}–{fmt.number(top)}"
    return f"{text} {unit}".strip()


def _colour(value, edges: Sequence[float]) -> str:
    index = class_of(value, edges)
    return NO_VALUE_COLOUR if index is None else CLASS_COLOURS[index]


def label_positions(points: Sequence[tuple[float, float]], near: float = 0.03) -> list[str]:
    """Text positions for labelled points: below instead of above when an earlier label sits close by."""
    positions = []
    for index, (x, y) in enumerate(points):
        crowded = any(abs(x - ox) < near * 2 and abs(y - oy) < near
                      for (ox, oy), position in zip(points[:index], positions) if position == "top center")
        positions.append("bottom center" if crowded else "top center")
    return positions


def _legend_entry(name: str, colour: str) -> go.Scatter:
    # A legend swatch only: the areas themselves stay out of the legend (one per area would flood it).
    return go.Scatter(x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
                      marker=dict(symbol="square", size=16, color=colour, line=dict(color="#9AA5B1", width=1)))


def _map_layout(fig: go.Figure, height: int) -> go.Figure:
    hidden = dict(visible=False, showgrid=False, zeroline=False, fixedrange=True)
    fig.update_layout(
        template="dasbor", separators=fmt.plotly_separators(), height=height, font=dict(family=FONT),
        xaxis=hidden, yaxis=dict(hidden, scaleanchor="x", scaleratio=ASPECT),
        # Legend under the map: it wraps on a phone instead of squeezing the map.
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0, title_text="",
                    itemclick=False, itemdoubleclick=False),
        margin=dict(l=4, r=4, t=8, b=8), hovermode="closest", dragmode=False, clickmode="event+select",
    )
    return fig


def choropleth(features: Sequence[dict], values: dict[str, float], *, unit: str, percent: bool = False,
               hover: dict[str, str] | None = None, labels: dict[str, tuple[float, float]] | None = None,
               selected: Sequence[str] = (), base: Sequence[dict] = (), height: int = MAP_HEIGHT) -> go.Figure:
    """Filled areas coloured by class of ``values`` (area name -> value).

    ``features`` are GeoJSON features named by ``properties.nama``; areas without a value are grey.
    ``hover`` gives each area's hover text (default: name and value); ``labels`` puts a clickable,
    labelled point at each named centre; ``selected`` areas get a dark edge; ``base`` features are
    drawn first, grey, for orientation (the kecamatan under a desa map).
    """
    edges = class_edges(list(values.values()), whole=not percent, percent=percent)
    fig = go.Figure()
    if base:
        xs, ys = outline(base)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=NO_VALUE_COLOUR,
                                 line=dict(color="#C8CDD2", width=0.6), hoverinfo="skip", showlegend=False))
    used: set[int | None] = set()
    for feature in features:
        name = feature["properties"]["nama"]
        value = values.get(name)
        index = class_of(value, edges)
        used.add(index)
        if hover and name in hover:
            text = hover[name]
        elif index is None:
            text = f"{name}: {_(NO_VALUE_LABEL).lower()}"
        else:
            text = f"{name}: {fmt.percent(value) if percent else fmt.number(value)} {'' if percent else unit}".strip()
        xs, ys = outline([feature])
        chosen = name in selected
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", name=text, showlegend=False, hoveron="fills",
            fillcolor=NO_VALUE_COLOUR if index is None else CLASS_COLOURS[index],
            line=dict(color=SELECTED_EDGE if chosen else EDGE_COLOUR, width=2.5 if chosen else 0.8),
            hoverinfo="name", hoverlabel=dict(namelength=-1)))
    if labels:
        names = list(labels)
        texts = [hover.get(n, n) if hover else n for n in names]
        if base:  # a few named desa: a point in the class colour, big enough to see on a tiny desa
            marker = dict(size=14, color=[_colour(values.get(n), edges) for n in names],
                          line=dict(color="#1F2933", width=1.5))
        else:
            marker = dict(size=9, color="#1F2933", line=dict(color="white", width=1.5))
        fig.add_trace(go.Scatter(
            x=[labels[n][0] for n in names], y=[labels[n][1] for n in names], mode="markers+text", text=names,
            textposition=label_positions([labels[n] for n in names]),
            # A white halo keeps the name readable on the darkest class.
            textfont=dict(size=12, color="#1F2933", shadow=HALO),
            customdata=names, marker=marker, showlegend=False,
            hovertext=texts, hovertemplate="%{hovertext}<extra></extra>", name="kecamatan",
            selected=dict(marker=dict(color="#D55E00", size=13)), unselected=dict(marker=dict(opacity=1))))
    for index in range(len(edges) - 1):
        fig.add_trace(_legend_entry(class_label(edges, index, unit, percent), CLASS_COLOURS[index]))
    if None in used:
        fig.add_trace(_legend_entry(_(NO_VALUE_LABEL), NO_VALUE_COLOUR))
    return _map_layout(fig, height)


def _centres(features: Sequence[dict]) -> dict[str, tuple[float, float]]:
    return {f["properties"]["nama"]: (f["properties"]["lng"], f["properties"]["lat"]) for f in features}


def _alt(title: str, pairs: list[tuple[str, str]]) -> str:
    listed = "; ".join(f"{name}: {value}" for name, value in pairs)
    return _("Peta. {0}. {1}.").format(title, listed)


def kecamatan_map(frame: pd.DataFrame, value: str, boundaries: dict, *, unit: str, title: str,
                  percent: bool = False, detail: pd.Series | None = None, selected: Sequence[str] = (),
                  table_columns: Sequence[str] | None = None) -> Chart:
    """A map of one value column of a per-kecamatan frame (``kecamatan`` holds the names).

    Kecamatan missing from ``frame`` (outside the filter, or with no published figure) are grey.
    ``detail`` (indexed by kecamatan) adds a line to each hover text.
    """
    features = boundaries["features"]
    rows = frame.dropna(subset=[value])
    values = dict(zip(rows["kecamatan"], rows[value]))

    def shown(v) -> str:
        return fmt.percent(v) if percent else f"{fmt.number(v)} {unit}"

    hover = {}
    for feature in features:
        name = feature["properties"]["nama"]
        text = f"{name}: {shown(values[name])}" if name in values else f"{name}: {_(NO_VALUE_LABEL).lower()}"
        if detail is not None and name in detail.index and pd.notna(detail[name]):
            text += f"<br>{detail[name]}"
        hover[name] = text
    fig = choropleth(features, values, unit=unit, percent=percent, hover=hover, labels=_centres(features),
                     selected=selected)
    order = rows.sort_values([value, "kecamatan"], ascending=[False, True])
    pairs = [(r["kecamatan"], shown(r[value])) for _i, r in order.iterrows()]
    missing = sorted(set(_centres(features)) - set(values))
    if missing:
        pairs.append((_("tanpa angka"), ", ".join(missing)))
    table = frame[list(table_columns)] if table_columns else frame
    return Chart(fig, table.reset_index(drop=True), _alt(title, pairs), title)


# The maps the dashboard shows ------------------------------------------------------------


def koperasi_total_map(by_kecamatan: pd.DataFrame, boundaries: dict, selected: Sequence[str] = ()) -> Chart:
    """Cooperatives per kecamatan (register), from ``metrics.koperasi_by_kecamatan``."""
    data = by_kecamatan[by_kecamatan["total"] > 0]
    if data.empty:
        title = _("Tidak ada koperasi yang cocok dengan filter")
    else:
        order = data.sort_values(["total", "kecamatan"], ascending=[False, True])
        top, low = order.iloc[0], order.iloc[-1]
        if len(order) == 1:
            title = _("{0} koperasi di {1}").format(fmt.number(top['total']), top['kecamatan'])
        else:
            title = (_("Koperasi terbanyak di {0} ({1}), paling sedikit di "
                       "{2} ({3})").format(top['kecamatan'], fmt.number(top['total']), low['kecamatan'], fmt.number(low['total'])))
    detail = pd.Series({r.kecamatan: _("{0} aktif, {1} tidak aktif").format(fmt.number(r.aktif), fmt.number(r.tidak_aktif))
                        for r in by_kecamatan.itertuples()}, dtype="object")
    return kecamatan_map(by_kecamatan, "total", boundaries, unit=_("koperasi"), title=title, detail=detail,
                         selected=selected)


def koperasi_active_share_map(by_kecamatan: pd.DataFrame, boundaries: dict, selected: Sequence[str] = ()) -> Chart:
    """Share of active cooperatives per kecamatan (0-100), from ``metrics.koperasi_by_kecamatan``."""
    data = by_kecamatan.dropna(subset=["persen_aktif"])
    if data.empty:
        title = _("Tidak ada koperasi yang cocok dengan filter")
    else:
        order = data.sort_values(["persen_aktif", "kecamatan"], ascending=[True, True])
        low, high = order.iloc[0], order.iloc[-1]
        title = _("Koperasi aktif paling rendah di {0} ({1})").format(low['kecamatan'], fmt.percent(low['persen_aktif']))
        if len(order) > 1:
            title += _(", paling tinggi di {0} ({1})").format(high['kecamatan'], fmt.percent(high['persen_aktif']))
    detail = pd.Series({r.kecamatan: _("{0} dari {1} koperasi aktif").format(fmt.number(r.aktif), fmt.number(r.total))
                        for r in by_kecamatan.itertuples()}, dtype="object")
    return kecamatan_map(by_kecamatan, "persen_aktif", boundaries, unit="%", percent=True, title=title,
                         detail=detail, selected=selected)


def parcels_map(stuck: pd.DataFrame, boundaries: dict, selected: Sequence[str] = ()) -> Chart:
    """Cooperative land parcels in certification per kecamatan, from ``metrics.stuck_by_kecamatan``."""
    data = stuck[stuck["total"] > 0]
    waiting = stuck["dalam_proses"] + stuck["ditunda"]
    if data.empty:
        title = _("Tidak ada bidang di kecamatan yang dipilih")
    else:
        top = metrics.largest(data, "total")
        title = (_("{0} bidang diusulkan untuk sertifikasi, terbanyak di "
                   "{1} ({2}); {3} belum bersertipikat").format(fmt.number(stuck['total'].sum()), top['kecamatan'], fmt.number(top['total']), fmt.number(waiting.sum())))
    detail = pd.Series({r.kecamatan: (_("{0} terbit, {1} diproses, "
                                        "{2} ditunda, {3} ditolak").format(fmt.number(r.terbit), fmt.number(r.dalam_proses), fmt.number(r.ditunda), fmt.number(r.ditolak)))
                        for r in stuck.itertuples()}, dtype="object")
    return kecamatan_map(stuck, "total", boundaries, unit=_("bidang"), title=title, detail=detail, selected=selected)


UMKM_MEASURES = {"unit_usaha": (N_("unit usaha"), N_("Unit UMKM")), "tenaga_kerja": (N_("orang"), N_("Tenaga kerja UMKM"))}


def umkm_map(by_kecamatan: pd.DataFrame, measure: str, boundaries: dict, selected: Sequence[str] = ()) -> Chart:
    """UMKM units or workers per kecamatan, from ``metrics.umkm_by(umkm, "kecamatan", ...)``."""
    unit, name = (_(text) for text in UMKM_MEASURES[measure])
    data = by_kecamatan[by_kecamatan[measure] > 0]
    if data.empty:
        title = _("Tidak ada UMKM di kecamatan yang dipilih")
    else:
        top = metrics.largest(data, measure)
        share = 100 * top[measure] / data[measure].sum()
        title = (_("{0} terbanyak di {1}: {2} {3}, "
                   "{4} dari {5}").format(name, top['kecamatan'], fmt.number(top[measure]), unit, fmt.percent(share), fmt.number(data[measure].sum())))
    other = "tenaga_kerja" if measure == "unit_usaha" else "unit_usaha"
    detail = pd.Series({r["kecamatan"]: f"{fmt.number(r[other])} {_(UMKM_MEASURES[other][0])}"
                        for _i, r in by_kecamatan.iterrows()}, dtype="object")
    return kecamatan_map(by_kecamatan, measure, boundaries, unit=unit, title=title, detail=detail,
                         selected=selected)


def halal_map(halal: pd.DataFrame, boundaries: dict, selected: Sequence[str] = ()) -> Chart:
    """Halal-certified products per kecamatan (published), from ``metrics.by_kecamatan_values``."""
    if halal.empty:
        title = _("Tidak ada data produk halal untuk kecamatan yang dipilih")
    else:
        top = metrics.largest(halal, "nilai")
        title = (_("{0} memimpin sertifikasi halal: {1} dari "
                   "{2} produk di {3} kecamatan yang dilaporkan").format(top['kecamatan'], fmt.number(top['nilai']), fmt.number(halal['nilai'].sum()), len(halal)))
    return kecamatan_map(halal, "nilai", boundaries, unit=_("produk"), title=title, selected=selected,
                         table_columns=["kecamatan", "nilai", "periode", "penerbit", "url", "status"])


def village_coverage_map(coverage: pd.DataFrame, boundaries: dict, activity: str,
                         selected: Sequence[str] = ()) -> Chart:
    """Share of each kecamatan's villages that did something (0-100), from ``metrics.coverage_by_kecamatan``."""
    if coverage.empty:
        title = _("Tidak ada angka per kecamatan untuk wilayah yang dipilih")
    else:
        none = sorted(coverage[coverage["nilai"] == 0]["kecamatan"])
        title = (_("Per {0}: {1} dari "
                   "{2} desa/kelurahan sudah {3}").format(fmt.period(coverage['periode'].iloc[0]), fmt.number(coverage['nilai'].sum()), fmt.number(coverage['desa_kelurahan'].sum()), activity))
        if none:
            title += _("; belum ada di {0}").format(', '.join(none))
    detail = pd.Series({r.kecamatan: _("{0} dari {1} desa/kelurahan").format(fmt.number(r.nilai), fmt.number(r.desa_kelurahan))
                        for r in coverage.itertuples()}, dtype="object")
    return kecamatan_map(coverage, "persen", boundaries, unit="%", percent=True, title=title, detail=detail,
                         selected=selected,
                         table_columns=["kecamatan", "nilai", "desa_kelurahan", "persen", "periode", "penerbit", "url"])


# Villages -------------------------------------------------------------------------------


def _key(name: str) -> str:
    # "Batubintang" in the news is "Batu Bintang" in the boundaries; "Akor" is "Akkor" (Madurese doubled
    # consonants are spelled either way): spaces and doubled letters are ignored (no two desa collide).
    return re.sub(r"(.)\1+", r"\1", "".join(name.lower().split()))


def match_villages(rows: pd.DataFrame, desa: dict) -> pd.DataFrame:
    """Village rows (``desa``, ``kode_wilayah``) with the code and name of their boundary, where one fits.

    A village matches by name (ignoring case and spaces) inside its kecamatan when the source names
    one (``kode_wilayah`` 35.28.xx), else by name in the whole regency when that name is unique.
    Unmatched rows keep ``kode_desa`` empty: they are listed, never guessed.
    """
    by_name: dict[str, list[tuple[str, str]]] = {}
    for feature in desa["features"]:
        props = feature["properties"]
        by_name.setdefault(_key(props["nama"]), []).append((props["kode"], props["nama"]))
    codes, names = [], []
    for row in rows.itertuples():
        candidates = by_name.get(_key(row.desa), [])
        within = str(row.kode_wilayah or "")
        if within.count(".") >= 2:
            candidates = [c for c in candidates if c[0].startswith(within + ".")]
        code, name = candidates[0] if len(candidates) == 1 else (None, None)
        codes.append(code)
        names.append(name)
    return rows.assign(kode_desa=codes, nama_batas=names)


def village_map(villages: pd.DataFrame, desa: dict, kecamatan: dict, *, unit: str, title: str,
                height: int = MAP_HEIGHT) -> Chart:
    """Desa named by a published figure, coloured by their value, over every desa and kecamatan in grey.

    ``villages`` is one period of ``metrics.village_values`` (columns ``desa``, ``kode_wilayah``, ``nilai``).
    """
    matched = match_villages(villages, desa)
    located = matched.dropna(subset=["kode_desa"])
    by_code = {f["properties"]["kode"]: f for f in desa["features"]}
    features = [{**by_code[c], "properties": {**by_code[c]["properties"], "nama": n}}
                for c, n in zip(located["kode_desa"], located["desa"])]
    values = dict(zip(located["desa"], located["nilai"]))
    fig = choropleth(features, values, unit=unit, base=desa["features"], height=height,
                     labels={f["properties"]["nama"]: (f["properties"]["lng"], f["properties"]["lat"])
                             for f in features})
    # The kecamatan edges on top, for orientation.
    xs, ys = outline(kecamatan["features"])
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#7B8794", width=1.2), hoverinfo="skip",
                             showlegend=False))
    pairs = [(r.desa, f"{fmt.number(r.nilai)} {unit}") for r in matched.itertuples()]
    unplaced = matched[matched["kode_desa"].isna()]["desa"].tolist()
    if unplaced:
        pairs.append((_("tidak ada di peta"), ", ".join(unplaced)))
    table = matched.rename(columns={"kode_desa": "kode_desa_batas"}).drop(columns=["nama_batas"])
    return Chart(fig, table.reset_index(drop=True), _alt(title, pairs), title)


def outlets_without_land_map(villages: pd.DataFrame, total: pd.Series | None, desa: dict, kecamatan: dict) -> Chart:
    """Koperasi Merah Putih outlet sites still without land, on the desa the source names (latest date).

    ``villages`` is ``metrics.village_values``; ``total`` the regency-level count of the same date, if published.
    """
    latest = villages[villages["periode"] == villages["periode"].max()] if not villages.empty else villages
    if latest.empty:
        title = _("Tidak ada titik gedung gerai tanpa lahan yang desanya disebut sumber")
    else:
        named = fmt.number(latest["nilai"].sum())
        whole = (_("{0} titik gedung gerai belum dibangun karena lahan belum ada; ").format(fmt.number(total['nilai']))
                 if total is not None and total["periode"] == latest["periode"].iloc[0] else "")
        title = (_("Per {0}: {1}sumber menyebut desanya untuk {2} titik "
                   "({3})").format(fmt.period(latest['periode'].iloc[0]), whole, named, ', '.join(latest.sort_values('desa')['desa'])))
    columns = [c for c in ("periode", "desa", "kode_wilayah", "nilai", "penerbit", "url", "catatan") if c in latest]
    return village_map(latest[columns], desa, kecamatan, unit=_("titik"), title=title)


def shat_unmeasured_map(villages: pd.DataFrame, desa: dict, kecamatan: dict) -> Chart:
    """SHAT UMKM parcels not yet measured per village at the latest published date (``metrics.village_values``)."""
    latest = villages[villages["periode"] == villages["periode"].max()] if not villages.empty else villages
    if latest.empty:
        title = _("Tidak ada bidang SHAT yang tercatat belum diukur")
    else:
        top = metrics.largest(latest, "nilai", "desa")
        title = (_("Per {0}: {1} bidang SHAT "
                   "belum diukur di {2} desa, terbanyak di {3} ({4})").format(fmt.period(latest['periode'].iloc[0]), fmt.number(latest['nilai'].sum()), len(latest), top['desa'], fmt.number(top['nilai'])))
    columns = [c for c in ("periode", "desa", "kode_wilayah", "nilai", "penerbit", "url", "catatan") if c in latest]
    return village_map(latest[columns], desa, kecamatan, unit=_("bidang"), title=title)
