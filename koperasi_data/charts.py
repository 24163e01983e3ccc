"""Plotly figures: metric frames in, figures out. Titles state the finding.

Every figure uses the Indonesian separators and a projector-friendly template
(large type, Okabe-Ito colours that stay distinct for colour-blind viewers).
Each builder returns a ``Chart``: the figure, the table behind it and a text
alternative for screen readers.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from koperasi_data import fmt, metrics, schema
from koperasi_data.schema import label
from koperasi_data.i18n import N_, _

BLUE, VERMILLION, ORANGE, SKY, GREEN, GREY, PURPLE = (
    "#0072B2", "#D55E00", "#E69F00", "#56B4E9", "#009E73", "#6E6E6E", "#CC79A7")
STATUS_COLOURS = {schema.AKTIF: BLUE, schema.TIDAK_AKTIF: VERMILLION}
STAGE_COLOURS = {"diusulkan": SKY, "diverifikasi": "#3A8FC7", "diukur": BLUE, "terbit": GREEN,
                 "dalam_proses": SKY, "ditunda": ORANGE, "ditolak": VERMILLION}
FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"

pio.templates["dasbor"] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=16, color="#1F2933"),
        separators=fmt.PLOTLY_SEPARATORS,
        colorway=[BLUE, VERMILLION, ORANGE, GREEN, SKY, PURPLE, GREY],
        paper_bgcolor="white", plot_bgcolor="white",
        xaxis=dict(gridcolor="#E4E7EB", zerolinecolor="#9AA5B1", tickformat=fmt.PLOTLY_TICKFORMAT, automargin=True,
                   ticklabelstandoff=6),
        yaxis=dict(gridcolor="#E4E7EB", zerolinecolor="#9AA5B1", tickformat=fmt.PLOTLY_TICKFORMAT, automargin=True,
                   ticklabelstandoff=6),
        # Under the chart, at the foot of the figure: on a phone it wraps downwards instead of into
        # the plot or under Plotly's mode bar (top right).
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0, title_text="",
                    traceorder="normal"),
        margin=dict(l=10, r=30, t=56, b=40),
        hoverlabel=dict(font_size=15),
    )
)


# Two short lines: one long line is cut off on a phone-wide chart.
DERIVED_LINES = (N_("Titik berlubang: angka turunan"), N_("(jumlah − tidak aktif)"))


def derived_note() -> str:
    """The note on hollow points under the trend's year axis, in the current language."""
    return "<br>".join(f'<span style="font-size:13px;color:{GREY}">{_(line)}</span>' for line in DERIVED_LINES)


DERIVED_NOTE = derived_note()  # Indonesian, as before (kept for callers outside a build)


@dataclass(frozen=True)
class Chart:
    """A figure with the table behind it and a text alternative."""

    figure: go.Figure
    table: pd.DataFrame
    alt: str
    title: str


def _layout(fig: go.Figure, height: int = 460, **layout) -> go.Figure:
    """Apply the template. The finding is not drawn inside the figure: the page shows it as a
    heading above the chart, where it wraps on any screen and reads as text."""
    # Separators on the figure itself, not only in the template: Streamlit's agent view and
    # its theme handling may drop or replace the template, and 1.234 must never read as 1,234.
    layout["margin"] = {"t": 16, **layout.get("margin", {})}
    fig.update_layout(template="dasbor", separators=fmt.plotly_separators(), height=height, **layout)
    _wrap_categories(fig)
    _fit_for_narrow_screens(fig)
    return fig


# Phones and projectors ------------------------------------------------------------------------------
# Plotly cannot know the screen width when a figure is built, so each rule below works from 390 px
# (a phone: the plot is ~150-250 px wide) up to 1920 px.

# Most categories a chart draws one bar each; beyond this, the smallest share one "Lainnya" bar (the
# table behind the chart keeps every row).
TOP_N = 15
OTHER = N_("Lainnya")
# The label of the "Lainnya" bar per kind of category, whole, so that each language says its own plural.
OTHER_LABELS = {"kecamatan": N_("Lainnya ({0} kecamatan)"), "jenis": N_("Lainnya ({0} jenis)"),
                "lembaga": N_("Lainnya ({0} lembaga)"), "desa": N_("Lainnya ({0} desa)"),
                "sektor": N_("Lainnya ({0} sektor)")}
# Characters per line of the text written beside a bar, of a bar category and of an axis title.
# A phone's chart is ~330 px wide: category labels (~150 px at most), the plot (Plotly keeps 64 px at least) and
# the text beside the longest bar (~130 px at most) must share it.
TEXT_LINE, CATEGORY_LINE_H, CATEGORY_LINE_V, TITLE_LINE = 14, 16, 10, 26
TEXT_SHORT = 8  # text beside a bar up to this long stays on one line
# A 0-100 % axis labelled at 0 and 100 only (three labels crowd a phone's plot), with a grid line every 25.
PERCENT_GRID = dict(dtick=25, showgrid=True, gridcolor="#E4E7EB")
# Width of an average glyph of the chart font, as a share of the font size (measured ~0.5 in Chromium; a little
# more, so that the margin is never short).
GLYPH = 0.56
# Most year labels a linear year axis writes (beyond, every second or third year is labelled).
YEAR_LABELS = 5


def wrap_label(text: str, width: int) -> str:
    """A category label broken into lines of at most ``width`` characters (existing <br> breaks kept)."""
    parts = str(text).split("<br>")
    return "<br>".join("<br>".join(textwrap.wrap(part, width)) or part for part in parts)


def wrap_text(text: str, width: int = TEXT_LINE) -> str:
    """A label written beside a bar, on lines of at most ``width`` characters: broken first before a bracket and
    after a '·' ('38 (61,3 %)' -> '38<br>(61,3 %)'; '460 UMKM · 29 koperasi' -> '460 UMKM ·<br>29 koperasi'),
    then between words."""
    text = str(text)
    if len(text) <= TEXT_SHORT or "<" in text.replace("<br>", ""):
        return text
    text = text.replace(" (", "<br>(").replace(" · ", " ·<br>")
    return "<br>".join(wrap_label(part, width) for part in text.split("<br>"))


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of the longest line of ``text`` at font ``size``."""
    return max((len(line) for line in str(text).split("<br>")), default=0) * size * GLYPH


def _wrap_categories(fig: go.Figure) -> None:
    """Long bar categories written on several lines, so that on a phone they do not take half the chart
    and vertical ones need not rotate into each other. The data keep the full names (hover, table)."""
    for trace in fig.data:
        if trace.type not in ("bar", "funnel"):
            continue
        horizontal = trace.orientation == "h" or trace.type == "funnel"
        categories = trace.y if horizontal else trace.x
        width = CATEGORY_LINE_H if horizontal else CATEGORY_LINE_V
        if categories is None or not all(isinstance(c, str) for c in categories):
            continue
        if max((len(part) for c in categories for part in c.split("<br>")), default=0) <= width:
            continue
        axis = fig.layout.yaxis if horizontal else fig.layout.xaxis
        axis.update(tickmode="array", tickvals=list(categories), ticktext=[wrap_label(c, width) for c in categories],
                    tickangle=0)


def fit_text(fig: go.Figure) -> bool:
    """Text beside bars wrapped and never clipped: drawn over the plot's edge (cliponaxis off) into a right margin
    as wide as the longest line at the trace's text size, or a top margin as tall as its lines. Run again after
    the text grows (the projector's copy). True when horizontal bars carry text beside them."""
    right = top = 0.0
    horizontal_text = False
    for trace in fig.data:
        if trace.type not in ("bar", "funnel") or trace.text is None or isinstance(trace.text, str):
            continue
        size = trace.textfont.size or 16
        texts = [wrap_text(t) for t in trace.text]
        trace.update(text=texts, cliponaxis=False)
        if trace.type == "funnel":
            continue  # centred bars: a small stage's label has room beside it, inside the plot
        if trace.orientation == "h" and trace.textposition in ("outside", "auto"):
            horizontal_text = True
            right = max(right, max((text_width(t, size) for t in texts), default=0) + 12)
        elif trace.textposition == "outside":
            lines = max((t.count("<br>") + 1 for t in texts), default=1)
            top = max(top, lines * size * 1.25 + 6)
    margin = fig.layout.margin
    if right:
        fig.update_layout(margin_r=max(margin.r or 30, right))
    if top:
        fig.update_layout(margin_t=max(margin.t or 0, top))
    return horizontal_text


def _fit_for_narrow_screens(fig: go.Figure) -> None:
    """Text beside bars that fits (``fit_text``), value axes of horizontal bars with few unrotated ticks, long axis
    titles on two lines, and horizontal charts tall enough for their wrapped categories."""
    horizontal_text = fit_text(fig)
    if any(t.type == "funnel" or (t.type == "bar" and t.orientation == "h") for t in fig.data):
        value_axis = fig.layout.xaxis
        if horizontal_text and not value_axis.ticksuffix:
            # Every bar carries its number: ticks would only crowd a phone's narrow plot.
            value_axis.update(showticklabels=False, showgrid=False)
        else:
            value_axis.update(nticks=3, tickangle=0)
        _fit_height(fig)
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        title = axis.title.text
        if title and "<" not in title and len(title) > TITLE_LINE:
            axis.title.text = wrap_label(title, TITLE_LINE)


def _fit_height(fig: go.Figure) -> None:
    """A horizontal bar chart at least as tall as its categories need: each wrapped line ~22 px, each bar of a
    group ~20 px, so that neighbouring labels never overlap."""
    bars = [t for t in fig.data if t.type in ("bar", "funnel")]
    categories = list(dict.fromkeys(c for t in bars for c in (t.y if t.y is not None else [])))
    if not categories:
        return
    ticks = dict(zip(fig.layout.yaxis.tickvals or (), fig.layout.yaxis.ticktext or ()))
    lines = max(str(ticks.get(c, c)).count("<br>") + 1 for c in categories)
    texts = max((str(t).count("<br>") + 1 for b in bars if b.text is not None and not isinstance(b.text, str)
                 for t in b.text), default=1)
    grouped = len(bars) if fig.layout.barmode == "group" else 1
    per_category = max(22 * lines + 12, 20 * grouped + 12, 20 * texts + 14)
    named = {b.name for b in bars if b.name}
    legend = 40 + 24 * len(named) if fig.layout.showlegend is not False and len(bars) > 1 else 0
    needed = per_category * len(categories) + 90 + legend
    if (fig.layout.height or 0) < needed:
        fig.update_layout(height=int(needed))


def top_categories(data: pd.DataFrame, name: str, rank: str, sums: list[str], noun: str,
                   n: int = TOP_N) -> pd.DataFrame:
    """``data`` (rows in drawing order, the bottom bar first) cut to its ``n - 1`` largest rows by ``rank``, kept in
    that order, after one row "Lainnya (k noun)" summing ``sums`` over the other k; unchanged with at most ``n`` rows.
    Ties are broken by name, so the cut does not depend on row order."""
    if len(data) <= n:
        return data
    data = data.reset_index(drop=True)
    largest = data.sort_values([rank, name], ascending=[False, True], kind="stable").index[: n - 1]
    kept, rest = data.loc[sorted(largest)], data.drop(index=largest)
    other = {column: rest[column].sum() for column in sums}
    other[name] = _(OTHER_LABELS.get(noun, "Lainnya ({0} " + noun + ")")).format(fmt.number(len(rest)))
    return pd.concat([pd.DataFrame([other]), kept], ignore_index=True)


def _labelled_bars(names, counts, colour: str, unit: str) -> go.Bar:
    """Horizontal bars with each count written at the end of its bar."""
    return go.Bar(y=list(names), x=list(counts), orientation="h", marker_color=colour,
                  text=[fmt.number(v) for v in counts], textposition="outside", textfont=dict(size=16),
                  hovertemplate="%{y}: %{x:,d} " + unit + "<extra></extra>")


def _texted_bars(names, values, colour: str, text: list[str]) -> go.Bar:
    """Horizontal bars with a sentence of their own at the end of each bar (and as its hover text)."""
    return go.Bar(y=list(names), x=list(values), orientation="h", marker_color=colour, text=text,
                  textposition="outside", textfont=dict(size=16), cliponaxis=False,
                  hovertemplate=_("%{y}: %{text}<extra></extra>"))


def _ranked_bars(data: pd.DataFrame, name_column: str, colour: str, unit: str, axis_title: str, height: int,
                 table: pd.DataFrame, finding, empty_title: str, noun: str) -> Chart:
    """One published count per name (``data``: ascending ``nilai``, so the largest is drawn at the top), titled
    by ``finding(largest row)``, or ``empty_title`` when there is nothing to draw."""
    title = empty_title if data.empty else finding(data.iloc[-1])
    bars = top_categories(data, name_column, "nilai", ["nilai"], noun)
    fig = go.Figure(_labelled_bars(bars[name_column], bars["nilai"], colour, unit))
    axis = _count_axis(bars["nilai"].max()) if not data.empty else {}  # "Lainnya" may be the longest bar
    fig = _layout(fig, height=height, xaxis=dict(title_text=axis_title, **axis), showlegend=False)
    pairs = [(getattr(r, name_column), fmt.number(r.nilai)) for r in data.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik batang"), title, pairs), title)


def _alt(kind: str, title: str, pairs: list[tuple[str, str]]) -> str:
    listed = "; ".join(f"{name}: {value}" for name, value in pairs)
    return f"{kind}. {title}. {listed}."


def year_axis(years) -> dict:
    """A linear year axis whose labels never rotate: a tick every year, labelled every year up to
    ``YEAR_LABELS`` labels, else every second (third...) year, which fits 390 px and reads well at 1920 px."""
    years = [int(y) for y in pd.Series(years).dropna()]
    if not years:
        return dict(tickformat="d", tickangle=0)
    span = max(years) - min(years) + 1
    return dict(tickmode="linear", tick0=min(years), dtick=1, tickformat="d", tickangle=0,
                ticklabelstep=max(1, math.ceil(span / YEAR_LABELS)), range=[min(years) - 0.5, max(years) + 0.5])


# Cooperatives ---------------------------------------------------------------------


def _trend_positions(values: list[float], upper: bool, highest: float) -> list[str]:
    """Where each point's number goes on the trend chart (see koperasi_trend)."""
    positions = []
    for i, v in enumerate(values):
        inner = 0 < i < len(values) - 1
        if upper:
            dip = inner and values[i - 1] > v < values[i + 1]
            positions.append("bottom right" if dip else "top center")
        else:
            # A peak, or the last point reached from below: the line arrives from the lower left.
            peak = i > 0 and values[i - 1] < v and (i == len(values) - 1 or values[i + 1] < v)
            positions.append("top left" if peak else "top center" if v < 0.15 * highest else "bottom center")
    return positions


def koperasi_trend(trend: pd.DataFrame) -> Chart:
    """Active and inactive cooperatives per published year, every point with its source."""
    fig = go.Figure()
    highest = float(trend["nilai"].max()) if not trend.empty else 1.0
    for kode, colour in ((schema.KOPERASI_AKTIF, BLUE), (schema.KOPERASI_TIDAK_AKTIF, VERMILLION)):
        rows = trend[trend["kode_indikator"] == kode]
        if rows.empty:
            continue
        derived = rows["status"] == schema.TURUNAN
        # The lower line writes its numbers under its points (above them near the axis), so that on a phone they
        # do not run into the upper line's points where the two come close (2020). In a dip of the upper line
        # (or on a peak of the lower one) a number centred above (below) sits in the V the line draws: there it
        # goes to the side the line leaves open, right and below for the upper line, left and above for the lower.
        positions = _trend_positions(rows["nilai"].tolist(), upper=kode == schema.KOPERASI_AKTIF, highest=highest)
        fig.add_trace(go.Scatter(
            x=rows["tahun"], y=rows["nilai"], name=rows["label"].iloc[0], mode="lines+markers+text",
            line=dict(color=colour, width=4),
            marker=dict(size=14, color=["white" if d else colour for d in derived],
                        line=dict(color=colour, width=3)),
            text=[fmt.number(v) for v in rows["nilai"]], textposition=positions,
            textfont=dict(size=16, color=colour),
            customdata=list(zip(rows["penerbit"], [fmt.period(p) for p in rows["periode"]],
                                [label(s) for s in rows["status"]])),
            hovertemplate=_("%{y:,d} koperasi<br>Periode: %{customdata[1]}<br>Sumber: %{customdata[0]}"
                            "<br>Status data: %{customdata[2]}<extra>%{fullData.name}</extra>"),
        ))
    if trend.empty:
        title = _("Belum ada angka koperasi yang terbit")
    else:
        aktif = trend[trend["kode_indikator"] == schema.KOPERASI_AKTIF].sort_values("tahun")
        first, last = aktif.iloc[0], aktif.iloc[-1]
        if last["nilai"] == first["nilai"]:
            # One year, or no change: "turun" would state a finding the data does not show.
            span = f"{first['tahun']}" if first["tahun"] == last["tahun"] else f"{first['tahun']}–{last['tahun']}"
            title = _("Koperasi aktif: {0} ({1})").format(fmt.number(last['nilai']), span)
        else:
            rose = last["nilai"] > first["nilai"]
            template = (_("Koperasi aktif naik dari {0} ({1}) menjadi {2} ({3})") if rose else
                        _("Koperasi aktif turun dari {0} ({1}) menjadi {2} ({3})"))
            title = template.format(fmt.number(first['nilai']), first['tahun'], fmt.number(last['nilai']), last['tahun'])
    top = float(trend["nilai"].max()) if not trend.empty else 1.0
    # The note on hollow points is the axis title's second line: automargin keeps it below the tick labels on
    # any width (a free annotation under the plot collided with "Tahun" and, on phones, with the ticks).
    fig = _layout(fig, xaxis=dict(title_text=_("Tahun<br>{0}").format(derived_note()), **year_axis(trend["tahun"])),
                  yaxis=dict(title_text=_("Koperasi"), range=[0, top * 1.18]))
    table = trend[["tahun", "label", "nilai", "periode", "penerbit", "url", "status", "catatan"]]
    pairs = [(f"{r.label} {r.tahun}", fmt.number(r.nilai)) for r in trend.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik garis"), title, pairs), title)


def koperasi_by_kecamatan(by_kecamatan: pd.DataFrame) -> Chart:
    """Active and inactive cooperatives per kecamatan, stacked, largest at the top."""
    data = top_categories(by_kecamatan.sort_values("total"), "kecamatan", "total",
                          [*schema.STATUS_KOPERASI, "total"], "kecamatan")
    fig = go.Figure()
    for status in schema.STATUS_KOPERASI:
        fig.add_trace(go.Bar(
            y=data["kecamatan"], x=data[status], name=label(status), orientation="h",
            marker_color=STATUS_COLOURS[status],
            hovertemplate=_("%{y}: %{x:,d} koperasi ") + label(status).lower() + "<extra></extra>",
        ))
    if by_kecamatan["total"].sum() == 0:
        title = _("Tidak ada koperasi yang cocok dengan filter")
    else:
        top = metrics.largest(by_kecamatan, "total")
        inactive = metrics.largest(by_kecamatan, schema.TIDAK_AKTIF)
        title = _("Koperasi terbanyak di {0} ({1})").format(top['kecamatan'], fmt.number(top['total']))
        if inactive[schema.TIDAK_AKTIF] > 0:
            title += (_("; tidak aktif terbanyak di {0} "
                        "({1})").format(inactive['kecamatan'], fmt.number(inactive[schema.TIDAK_AKTIF])))
    fig = _layout(fig, height=560, barmode="stack",
                  xaxis=dict(title_text=_("Koperasi")), yaxis=dict(title_text=""))
    pairs = [(r.kecamatan, _("{0} aktif, {1} tidak aktif").format(fmt.number(r.aktif), fmt.number(r.tidak_aktif)))
             for r in by_kecamatan.itertuples()]
    return Chart(fig, by_kecamatan, _alt(_("Grafik batang bertumpuk"), title, pairs), title)


def koperasi_by_jenis(by_jenis: pd.DataFrame) -> Chart:
    """Cooperatives per type, stacked by status."""
    data = top_categories(by_jenis.sort_values("total"), "jenis", "total", [*schema.STATUS_KOPERASI, "total"], "jenis")
    fig = go.Figure()
    for status in schema.STATUS_KOPERASI:
        fig.add_trace(go.Bar(y=[label(v) for v in data["jenis"]], x=data[status], name=label(status), orientation="h",
                             marker_color=STATUS_COLOURS[status],
                             hovertemplate=_("%{y}: %{x:,d} koperasi<extra>") + label(status) + "</extra>"))
    total = by_jenis["total"].sum()
    if total == 0:
        title = _("Tidak ada koperasi yang cocok dengan filter")
    else:
        top = by_jenis.iloc[0]
        title = (_("{0} adalah jenis terbanyak: {1} koperasi "
                   "({2})").format(label(top['jenis']), fmt.number(top['total']), fmt.percent(metrics.share(top['total'], total))))
    fig = _layout(fig, height=420, barmode="stack", xaxis=dict(title_text=_("Koperasi")))
    pairs = [(label(r.jenis), fmt.number(r.total)) for r in by_jenis.itertuples()]
    return Chart(fig, by_jenis, _alt(_("Grafik batang bertumpuk"), title, pairs), title)


def rat_compliance(rat: pd.DataFrame, year: int) -> Chart:
    """Cooperatives per kecamatan by when they last held their RAT."""
    categories = [c for c in metrics.RAT_CATEGORIES if c in rat.columns]
    colours = dict(zip(metrics.RAT_CATEGORIES, [BLUE, SKY, VERMILLION, GREY]))
    data = rat.sort_values("persen_rat_tepat_waktu", na_position="first").assign(
        _koperasi=rat[categories].sum(axis=1))
    data = top_categories(data, "kecamatan", "_koperasi", categories, "kecamatan")
    fig = go.Figure()
    for category in categories:
        fig.add_trace(go.Bar(y=data["kecamatan"], x=data[category], name=_(category), orientation="h",
                             marker_color=colours[category],
                             hovertemplate=_("%{y}: %{x:,d} koperasi<extra>") + _(category) + "</extra>"))
    on_time = rat[metrics.RAT_CATEGORIES[0]].sum()
    total = rat[categories].to_numpy().sum()
    ranked = rat.dropna(subset=["persen_rat_tepat_waktu"])
    if total == 0 or ranked.empty:
        title = _("Tidak ada koperasi yang cocok dengan filter")
    else:
        low = ranked.sort_values(["persen_rat_tepat_waktu", "kecamatan"]).iloc[0]
        title = (_("{0} koperasi menggelar RAT {1}; "
                   "terendah di {2} ({3})").format(fmt.percent(metrics.share(on_time, total)), year, low['kecamatan'], fmt.percent(low['persen_rat_tepat_waktu'])))
    fig = _layout(fig, height=560, barmode="stack", xaxis=dict(title_text=_("Koperasi")))
    pairs = [(r["kecamatan"], fmt.percent(r["persen_rat_tepat_waktu"])) for _i, r in rat.iterrows()]
    return Chart(fig, rat, _alt(_("Grafik batang bertumpuk"), title, pairs), title)


# Certification --------------------------------------------------------------------


def parcel_funnel(funnel: pd.DataFrame) -> Chart:
    """Parcels that reached each stage, from proposal to certificate."""
    fig = go.Figure(go.Funnel(
        y=[label(t) for t in funnel["tahap"]], x=funnel["bidang"],
        marker=dict(color=[STAGE_COLOURS[t] for t in funnel["tahap"]]),
        text=[_("{0} bidang ({1})").format(fmt.number(n), fmt.percent(p)) for n, p in zip(funnel["bidang"],
                                                                             funnel["persen_dari_usulan"])],
        textinfo="text", textposition="auto", textfont=dict(size=17),
        hovertemplate=_("%{y}: %{x:,d} bidang<extra></extra>"),
    ))
    proposed, issued = funnel["bidang"].iloc[0], funnel["bidang"].iloc[-1]
    if proposed == 0:
        title = _("Belum ada bidang yang diusulkan")
    else:
        title = (_("{0} dari {1} bidang yang diusulkan sudah "
                   "bersertipikat ({2})").format(fmt.number(issued), fmt.number(proposed), fmt.percent(metrics.share(issued, proposed))))
    fig = _layout(fig, height=420, showlegend=False)
    pairs = [(label(r.tahap), fmt.number(r.bidang)) for r in funnel.itertuples()]
    return Chart(fig, funnel, _alt(_("Grafik corong"), title, pairs), title)


def parcels_over_time(over_time: pd.DataFrame) -> Chart:
    """Cumulative parcels per stage, month by month."""
    fig = go.Figure()
    for stage in schema.PROGRESS_STAGES:
        rows = over_time[over_time["tahap"] == stage]
        fig.add_trace(go.Scatter(x=rows["bulan"], y=rows["bidang"], name=label(stage), mode="lines",
                                 line=dict(color=STAGE_COLOURS[stage], width=4),
                                 hovertemplate=_("%{x|%m/%Y}: %{y:,d} bidang<extra>") + label(stage) + "</extra>"))
    if over_time.empty:
        title = _("Belum ada bidang yang diusulkan")
    else:
        last = over_time[over_time["bulan"] == over_time["bulan"].max()].set_index("tahap")["bidang"]
        title = (_("Sampai {0}: "
                   "{1} sertipikat terbit dari {2} usulan").format(fmt.period(over_time['bulan'].max().strftime('%Y-%m')), fmt.number(last['terbit']), fmt.number(last['diusulkan'])))
    fig = _layout(fig, xaxis=dict(title_text=_("Bulan"), tickformat="%m/%Y"),
                  yaxis=dict(title_text=_("Bidang (kumulatif)"), rangemode="tozero"))
    table = over_time.pivot(index="bulan", columns="tahap", values="bidang").reindex(
        columns=list(schema.PROGRESS_STAGES)).reset_index() if not over_time.empty else over_time
    if not over_time.empty:
        table.columns.name = None
        table["bulan"] = table["bulan"].dt.strftime("%Y-%m")
    pairs = [(label(s), fmt.number(over_time[over_time["tahap"] == s]["bidang"].max()))
             for s in schema.PROGRESS_STAGES] if not over_time.empty else []
    return Chart(fig, table, _alt(_("Grafik garis kumulatif"), title, pairs), title)


def stuck_by_kecamatan(stuck: pd.DataFrame) -> Chart:
    """Parcels per kecamatan: issued, in progress, postponed, rejected."""
    data = top_categories(stuck.sort_values("total"), "kecamatan", "total",
                          ["terbit", "dalam_proses", "ditunda", "ditolak", "total"], "kecamatan")
    groups = {"terbit": _("Sertipikat terbit"), "dalam_proses": _("Masih diproses"), "ditunda": _("Ditunda"),
              "ditolak": _("Ditolak")}
    fig = go.Figure()
    for column, name in groups.items():
        fig.add_trace(go.Bar(y=data["kecamatan"], x=data[column], name=name, orientation="h",
                             marker_color=STAGE_COLOURS[column],
                             hovertemplate=_("%{y}: %{x:,d} bidang<extra>") + name + "</extra>"))
    blocked = stuck["dalam_proses"] + stuck["ditunda"]
    if stuck["total"].sum() == 0:
        title = _("Tidak ada bidang di kecamatan yang dipilih")
    else:
        worst = metrics.largest(stuck.assign(tertahan=blocked), "tertahan")
        title = (_("{0} bidang belum bersertipikat; terbanyak di "
                   "{1} ({2})").format(fmt.number(blocked.sum()), worst['kecamatan'], fmt.number(worst['tertahan'])))
    fig = _layout(fig, height=560, barmode="stack", xaxis=dict(title_text=_("Bidang")))
    pairs = [(r.kecamatan, _("{0} diproses, {1} ditunda").format(fmt.number(r.dalam_proses), fmt.number(r.ditunda)))
             for r in stuck.itertuples()]
    return Chart(fig, stuck, _alt(_("Grafik batang bertumpuk"), title, pairs), title)


def shat_quota(series: pd.DataFrame) -> Chart:
    """SHAT UMKM quota by year, then the office's proposal and the quota expected for the next year."""
    data = series.dropna(subset=["tahun"]).sort_values(["tahun", "kode_indikator"]).reset_index(drop=True)
    names = {schema.SHAT_KUOTA: _("kuota"), schema.SHAT_USULAN: _("usulan Dinas"),
             schema.SHAT_KUOTA_PERKIRAAN: _("perkiraan kuota BPN")}
    colours = {schema.SHAT_KUOTA: BLUE, schema.SHAT_USULAN: ORANGE, schema.SHAT_KUOTA_PERKIRAAN: SKY}
    categories = [f"{int(r.tahun)}<br>{names.get(r.kode_indikator, r.label)}" for r in data.itertuples()]
    # Horizontal: "2025 perkiraan kuota BPN" and its neighbours overlapped as columns on a phone. The last year
    # first, so that the years read downwards (here and in the deck's native chart alike).
    fig = go.Figure(go.Bar(
        y=categories[::-1], x=data["nilai"][::-1], orientation="h",
        marker_color=[colours.get(k, GREY) for k in data["kode_indikator"]][::-1],
        text=[fmt.number(v) for v in data["nilai"]][::-1], textposition="outside", textfont=dict(size=16),
        customdata=data["penerbit"][::-1],
        hovertemplate=_("%{y}: %{x:,d} bidang<br>Sumber: %{customdata}<extra></extra>")))
    quota = data[data["kode_indikator"] == schema.SHAT_KUOTA]
    if quota.empty:
        title = _("Belum ada kuota SHAT UMKM yang terbit")
    else:
        peak = quota.sort_values("nilai", ascending=False).iloc[0]
        title = _("Kuota SHAT UMKM tertinggi pada {0}: {1} bidang").format(int(peak['tahun']), fmt.number(peak['nilai']))
        zero = quota[quota["nilai"] == 0]
        if not zero.empty:
            title += _("; {0} tanpa kuota").format(int(zero['tahun'].iloc[0]))
    fig = _layout(fig, showlegend=False, yaxis=dict(type="category", title_text=""),
                  xaxis=dict(title_text=_("Bidang"), **_count_axis(data["nilai"].max() if not data.empty else 0)))
    table = data[["tahun", "label", "nilai", "periode", "penerbit", "url", "status", "catatan"]]
    pairs = [(f"{r.label} {int(r.tahun)}", fmt.number(r.nilai)) for r in data.itertuples()]
    return Chart(fig, table, _alt(_("Grafik batang"), title, pairs), title)


def shat_unmeasured(villages: pd.DataFrame) -> Chart:
    """Parcels not yet measured, per village, at the latest published date."""
    latest = villages[villages["periode"] == villages["periode"].max()] if not villages.empty else villages
    data = latest.sort_values("nilai")
    table = villages[["periode", "desa", "wilayah", "nilai", "penerbit", "url", "catatan"]]

    def finding(top: pd.Series) -> str:
        return (_("Per {0}: {1} bidang "
                  "belum diukur, terbanyak di {2} ({3})").format(fmt.period(latest['periode'].iloc[0]), fmt.number(latest['nilai'].sum()), top['desa'], fmt.number(top['nilai'])))

    return _ranked_bars(data, "desa", ORANGE, _("bidang belum diukur"), _("Bidang"), 380, table, finding,
                        _("Tidak ada bidang SHAT yang tercatat belum diukur"), "desa")


# Partnerships (kemitraan) ----------------------------------------------------------

def _count_axis(top: float, headroom: float = 1.02) -> dict:
    """A count axis from 0 to just past the longest bar (the labels beside the bars are drawn in the right margin,
    never clipped); whole-number ticks when counts are small."""
    axis = {"range": [0, max(float(top), 1.0) * headroom]}
    if top < 8:
        axis["dtick"] = 1
    return axis


COLLATERAL_LABELS = {"diusulkan": N_("Diusulkan untuk sertifikasi"), "terbit": N_("Sertipikat terbit (BPN)"),
                     "dijaminkan": N_("Dijadikan agunan pinjaman"), "pinjaman_diperoleh": N_("Pinjaman diperoleh")}


def collateral_funnel(funnel: pd.DataFrame) -> Chart:
    """From parcels proposed to certificates issued to loans obtained against them, top to bottom."""
    texts = [fmt.number(n) + ("" if pd.isna(p) or t == "terbit" else f" ({fmt.percent(p)})")
             for t, n, p in zip(funnel["langkah"], funnel["bidang"], funnel["persen_dari_terbit"])]
    fig = go.Figure(go.Bar(
        y=[_(COLLATERAL_LABELS[t]) for t in funnel["langkah"]], x=funnel["bidang"], orientation="h",
        marker_color=[SKY, GREEN, BLUE, ORANGE][: len(funnel)], text=texts, textposition="outside",
        textfont=dict(size=16), cliponaxis=False, hovertemplate=_("%{y}: %{x:,d} bidang<extra></extra>")))
    counts = funnel.set_index("langkah")["bidang"]
    if counts.get("terbit", 0) == 0:
        title = _("Belum ada bidang bersertipikat yang dapat dijadikan agunan")
    else:
        title = (_("{0} dari {1} bidang bersertipikat "
                   "sudah menghasilkan pinjaman "
                   "({2})").format(fmt.number(counts['pinjaman_diperoleh']), fmt.number(counts['terbit']), fmt.percent(metrics.share(counts['pinjaman_diperoleh'], counts['terbit']))))
    fig = _layout(fig, height=360, showlegend=False,
                  xaxis=dict(title_text=_("Bidang (persen: dari bidang bersertipikat)"),
                             **_count_axis(funnel["bidang"].max() if len(funnel) else 0)),
                  yaxis=dict(autorange="reversed"))
    pairs = [(_(COLLATERAL_LABELS[r.langkah]), fmt.number(r.bidang)) for r in funnel.itertuples()]
    return Chart(fig, funnel, _alt(_("Grafik batang"), title, pairs), title)


def loans_by_lembaga(by_lembaga: pd.DataFrame) -> Chart:
    """Rupiah obtained per kind of lender, with the number of loans on each bar."""
    data = top_categories(by_lembaga.sort_values(["nilai_rp", "lembaga"], ascending=[True, False]), "lembaga",
                          "nilai_rp", ["nilai_rp", "pinjaman_diperoleh"], "lembaga")
    fig = go.Figure(_texted_bars(
        [label(v) for v in data["lembaga"]], data["nilai_rp"] / 1e6, BLUE,
        [_("{0} · {1} pinjaman").format(fmt.rupiah(v), fmt.number(n))
         for v, n in zip(data["nilai_rp"], data["pinjaman_diperoleh"])]))
    total = by_lembaga["nilai_rp"].sum()
    if total == 0:
        title = _("Belum ada pinjaman yang diperoleh dengan agunan tanah bersertipikat")
    else:
        top = metrics.largest(by_lembaga, "nilai_rp", "lembaga")
        title = (_("{0} menyalurkan pinjaman terbesar: {1} dari "
                   "{2} ({3} pinjaman)").format(label(top['lembaga']), fmt.rupiah(top['nilai_rp']), fmt.rupiah(total), fmt.number(top['pinjaman_diperoleh'])))
    fig = _layout(fig, height=340, showlegend=False,
                  xaxis=dict(title_text=_("Pinjaman diperoleh (juta rupiah)"), **_count_axis(
                      data["nilai_rp"].max() / 1e6 if total else 0)))
    pairs = [(label(r.lembaga), _("{0}, {1} pinjaman").format(fmt.rupiah(r.nilai_rp), fmt.number(r.pinjaman_diperoleh)))
             for r in by_lembaga.itertuples()]
    return Chart(fig, by_lembaga, _alt(_("Grafik batang"), title, pairs), title)


def training_by_year(by_year: pd.DataFrame, totals: dict) -> Chart:
    """Cooperatives and board members trained by STAIN Pamekasan per year, side by side."""
    fig = go.Figure()
    for column, name, colour in (("koperasi", _("Koperasi"), BLUE), ("pengurus", _("Pengurus dilatih"), ORANGE)):
        fig.add_trace(go.Bar(x=[str(y) for y in by_year["tahun"]], y=by_year[column], name=name, marker_color=colour,
                             text=[fmt.number(v) for v in by_year[column]], textposition="outside",
                             textfont=dict(size=16), hovertemplate=_("%{x}: %{y:,d}<extra>") + name + "</extra>"))
    if by_year.empty:
        title = _("Belum ada pengurus koperasi yang dilatih")
    else:
        years = by_year["tahun"]
        span = str(years.min()) if years.min() == years.max() else f"{years.min()}–{years.max()}"
        title = (_("STAIN Pamekasan melatih {0} pengurus dari "
                   "{1} koperasi ({2})").format(fmt.number(totals['pengurus']), fmt.number(totals['koperasi']), span))
    fig = _layout(fig, height=400, barmode="group", xaxis=dict(type="category", title_text=_("Tahun")),
                  yaxis=dict(title_text=_("Jumlah"), **_count_axis(by_year["pengurus"].max() if len(by_year) else 0, 1.2)))
    pairs = [(str(r.tahun), _("{0} koperasi, {1} pengurus").format(fmt.number(r.koperasi), fmt.number(r.pengurus)))
             for r in by_year.itertuples()]
    return Chart(fig, by_year, _alt(_("Grafik batang"), title, pairs), title)


def network_by_kecamatan(by_kecamatan: pd.DataFrame) -> Chart:
    """UMKM partners per kecamatan, with the cooperatives that link them written on each bar."""
    ranked = by_kecamatan.sort_values(["umkm_mitra", "kecamatan"], ascending=[True, False])
    data = top_categories(ranked, "kecamatan", "umkm_mitra", ["umkm_mitra", "koperasi_bermitra"], "kecamatan")
    fig = go.Figure(_texted_bars(
        data["kecamatan"], data["umkm_mitra"], GREEN,
        [_("{0} UMKM · {1} koperasi").format(fmt.number(u), fmt.number(k))
         for u, k in zip(data["umkm_mitra"], data["koperasi_bermitra"])]))
    total = by_kecamatan["umkm_mitra"].sum()
    if total == 0:
        title = _("Tidak ada koperasi yang bermitra dengan UMKM di kecamatan yang dipilih")
    else:
        top = ranked.iloc[-1]
        title = (_("{0} koperasi bermitra dengan "
                   "{1} UMKM; terbanyak di {2} ({3} UMKM)").format(fmt.number(by_kecamatan['koperasi_bermitra'].sum()), fmt.number(total), top['kecamatan'], fmt.number(top['umkm_mitra'])))
    fig = _layout(fig, height=560 if len(by_kecamatan) > 6 else 320, showlegend=False,
                  xaxis=dict(title_text=_("UMKM mitra"), **_count_axis(
                      data["umkm_mitra"].max() if total else 0)))
    pairs = [(r.kecamatan, _("{0} UMKM, {1} koperasi").format(fmt.number(r.umkm_mitra), fmt.number(r.koperasi_bermitra)))
             for r in by_kecamatan.itertuples()]
    return Chart(fig, by_kecamatan, _alt(_("Grafik batang"), title, pairs), title)


# UMKM -----------------------------------------------------------------------------


def umkm_by(by: pd.DataFrame, column: str, column_label: str) -> Chart:
    """UMKM units and workers grouped by one column, side by side."""
    data = top_categories(by.sort_values("unit_usaha"), column, "unit_usaha", ["unit_usaha", "tenaga_kerja"],
                          column)
    fig = go.Figure()
    for measure, name, colour in (("unit_usaha", _("Unit usaha"), BLUE), ("tenaga_kerja", _("Tenaga kerja"), ORANGE)):
        fig.add_trace(go.Bar(y=[label(v) for v in data[column]], x=data[measure], name=name, orientation="h",
                             marker_color=colour,
                             hovertemplate=_("%{y}: %{x:,d}<extra>") + name + "</extra>"))
    if by["unit_usaha"].sum() == 0:
        title = _("Tidak ada UMKM yang cocok dengan filter")
    else:
        top = by.sort_values("unit_usaha", ascending=False).iloc[0]
        total = by["unit_usaha"].sum()
        title = (_("{0} {1} menampung UMKM terbanyak: {2} unit "
                   "({3}), "
                   "{4} tenaga kerja").format(column_label, label(top[column]), fmt.number(top['unit_usaha']), fmt.percent(metrics.share(top['unit_usaha'], total)), fmt.number(top['tenaga_kerja'])))
    height = 560 if len(by) > 6 else 380
    fig = _layout(fig, height=height, barmode="group", xaxis=dict(title_text=_("Jumlah")))
    pairs = [(label(getattr(r, column)), _("{0} unit, {1} tenaga kerja").format(fmt.number(r.unit_usaha), fmt.number(r.tenaga_kerja)))
             for r in by.itertuples()]
    return Chart(fig, by, _alt(_("Grafik batang"), title, pairs), title)


def workers_per_unit(by: pd.DataFrame, column: str) -> Chart:
    """Workers per UMKM unit, by one column."""
    data = by.dropna(subset=["tenaga_kerja_per_unit"]).sort_values("tenaga_kerja_per_unit")
    fig = go.Figure(go.Bar(y=[label(v) for v in data[column]], x=data["tenaga_kerja_per_unit"], orientation="h",
                           marker_color=GREEN, text=[fmt.number(v, 2) for v in data["tenaga_kerja_per_unit"]],
                           textposition="outside", textfont=dict(size=16),
                           hovertemplate=_("%{y}: %{x:,.2f} tenaga kerja per unit<extra></extra>")))
    if data.empty:
        title = _("Tidak ada UMKM yang cocok dengan filter")
    else:
        top, low = data.iloc[-1], data.iloc[0]
        title = (_("Usaha {0} mempekerjakan {1} "
                   "orang per unit, usaha {2} {3}").format(label(top[column]).lower(), fmt.number(top['tenaga_kerja_per_unit'], 1), label(low[column]).lower(), fmt.number(low['tenaga_kerja_per_unit'], 1)))
    fig = _layout(fig, height=340, xaxis=dict(title_text=_("Tenaga kerja per unit"), tickformat=",.1f"),
                  showlegend=False)
    pairs = [(label(getattr(r, column)), fmt.number(r.tenaga_kerja_per_unit, 2)) for r in data.itertuples()]
    return Chart(fig, by, _alt(_("Grafik batang"), title, pairs), title)


def village_coverage(coverage: pd.DataFrame, activity: str) -> Chart:
    """Share of each kecamatan's villages that have done something, with 'n dari m' on each bar."""
    data = top_categories(coverage.sort_values(["persen", "kecamatan"], ascending=[True, False]), "kecamatan",
                          "desa_kelurahan", ["nilai", "desa_kelurahan"], "kecamatan")
    if len(data) and str(data["kecamatan"].iloc[0]).startswith(_(OTHER)):
        data.loc[0, "persen"] = metrics.share(data.loc[0, "nilai"], data.loc[0, "desa_kelurahan"])
    fig = go.Figure(go.Bar(
        y=data["kecamatan"], x=data["persen"], orientation="h", marker_color=BLUE,
        text=[_("{0} dari {1}").format(fmt.number(n), fmt.number(v)) for n, v in zip(data["nilai"], data["desa_kelurahan"])],
        textposition="outside", textfont=dict(size=16),
        hovertemplate=_("%{y}: %{text} desa/kelurahan<extra></extra>")))
    if coverage.empty:
        title = _("Tidak ada angka per kecamatan untuk wilayah yang dipilih")
    else:
        none = sorted(coverage[coverage["nilai"] == 0]["kecamatan"])
        total, villages = coverage["nilai"].sum(), coverage["desa_kelurahan"].sum()
        title = (_("Per {0}: {1} dari {2} "
                   "desa/kelurahan sudah {3}").format(fmt.period(coverage['periode'].iloc[0]), fmt.number(total), fmt.number(villages), activity))
        if none:
            title += _("; belum ada di {0}").format(', '.join(none))
    fig = _layout(fig, height=560, showlegend=False,
                  xaxis=dict(title_text=_("Persen desa/kelurahan"), range=[0, 101], tickformat=",d", ticksuffix=" %",
                             dtick=100, minor=PERCENT_GRID))
    table = coverage[["kecamatan", "nilai", "desa_kelurahan", "persen", "periode", "penerbit", "url"]]
    pairs = [(r.kecamatan, _("{0} dari {1}").format(fmt.number(r.nilai), fmt.number(r.desa_kelurahan))) for r in coverage.itertuples()]
    return Chart(fig, table, _alt(_("Grafik batang"), title, pairs), title)


def halal_by_kecamatan(halal: pd.DataFrame) -> Chart:
    """Halal-certified products per kecamatan (published)."""
    data = halal.sort_values("nilai")
    table = halal[["kecamatan", "nilai", "periode", "penerbit", "url", "status"]]

    def finding(top: pd.Series) -> str:
        return (_("{0} memimpin sertifikasi halal: {1} produk dari "
                  "{2} di {3} kecamatan yang dilaporkan").format(top['kecamatan'], fmt.number(top['nilai']), fmt.number(halal['nilai'].sum()), len(halal)))

    return _ranked_bars(data, "kecamatan", GREEN, _("produk"), _("Produk"), 460, table, finding,
                        _("Tidak ada data produk halal untuk kecamatan yang dipilih"), "kecamatan")


def umkm_measures(series: pd.DataFrame) -> Chart:
    """Each published UMKM count as its own bar: they measure different things."""
    data = series.copy()
    data["kategori"] = [f"{r.label}<br>{fmt.period(r.periode)}" for r in data.itertuples()]
    prefix = [fmt.qualifier(p) for p in data["presisi"]]
    # Horizontal: six long names (each with its date) side by side overlapped on a phone. Drawn from the last
    # row up, so that the first reads at the top (here and in the deck's native chart alike).
    colours = [BLUE, SKY, GREEN, ORANGE, PURPLE, GREY][: len(data)]
    fig = go.Figure(go.Bar(
        y=data["kategori"][::-1], x=data["nilai"][::-1], orientation="h", marker_color=colours[::-1] or BLUE,
        text=[p + fmt.number(v) for p, v in zip(prefix, data["nilai"])][::-1], textposition="outside",
        textfont=dict(size=16), customdata=data["penerbit"][::-1],
        hovertemplate=_("%{y}: %{x:,d}<br>Sumber: %{customdata}<extra></extra>")))
    title = _("Angka UMKM yang terbit mengukur hal berbeda: jangan dibaca sebagai satu deret")
    fig = _layout(fig, height=480, showlegend=False, xaxis=dict(title_text=_("Jumlah"), rangemode="tozero"),
                  yaxis=dict(type="category"))
    table = data[["label", "periode", "nilai", "presisi", "satuan", "penerbit", "url", "status", "catatan"]]
    pairs = [(f"{r.label} ({fmt.period(r.periode)})", fmt.number(r.nilai)) for r in data.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik batang"), title, pairs), title)


# Koperasi Merah Putih, people, comparisons (2017-2026 figures) --------------------------------


def kopdes_timeline(steps: pd.DataFrame) -> Chart:
    """The Merah Putih programme step by step: each step's latest published count of the 189, with its date."""
    data = steps.sort_values("urutan", ascending=False)
    categories = [f"{r.tahap}<br>{fmt.period(r.periode)}" for r in data.itertuples()]
    colours = [GREEN if k.startswith("kopdes_gerai") else (VERMILLION if k == "kopdes_beroperasi" else BLUE)
               for k in data["kode_indikator"]]
    fig = go.Figure(go.Bar(
        y=categories, x=data["nilai"], orientation="h", marker_color=colours,
        text=[_("{0}{1} dari {2}").format(fmt.qualifier(p), fmt.number(v), fmt.number(d)) if not k.startswith("kopdes_gerai")
              else _("{0}{1} gedung").format(fmt.qualifier(p), fmt.number(v)) for v, d, p, k in
              zip(data["nilai"], data["dari"], data["presisi"], data["kode_indikator"])],
        textposition="outside", textfont=dict(size=16), customdata=data["penerbit"],
        hovertemplate=_("%{y}: %{text}<br>Sumber: %{customdata}<extra></extra>")))
    by = dict(zip(steps["kode_indikator"], steps["nilai"]))
    if steps.empty:
        title = _("Belum ada angka Koperasi Merah Putih yang terbit")
    elif "kopdes_diluncurkan" in by and "kopdes_beroperasi" in by:
        title = (_("Koperasi Merah Putih: {0} diluncurkan, baru "
                   "{1} yang sudah berjalan menurut angka terakhir").format(fmt.number(by['kopdes_diluncurkan']), fmt.number(by['kopdes_beroperasi'])))
        if "kopdes_gerai_selesai" in by:
            title += _("; {0} gedung gerai selesai").format(fmt.number(by['kopdes_gerai_selesai']))
    else:
        last = steps.iloc[-1]
        title = _("Koperasi Merah Putih: {0} {1}").format(last['tahap'].lower(), fmt.number(last['nilai']))
    # Seven steps, the first on four lines: tall enough that neighbouring labels do not overlap.
    fig = _layout(fig, height=640, showlegend=False,
                  xaxis=dict(title_text=_("Desa/kelurahan (dari 189) atau gedung gerai"), range=[0, 189]),
                  yaxis=dict(type="category"))
    table = steps[["tahap", "nilai", "presisi", "dari", "periode", "penerbit", "url", "status", "catatan"]]
    pairs = [(f"{r.tahap} ({fmt.period(r.periode)})", f"{fmt.qualifier(r.presisi)}{fmt.number(r.nilai)}")
             for r in steps.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik batang bertahap"), title, pairs), title)


def madura_share(shares: pd.DataFrame) -> Chart:
    """Share of cooperatives active in each Madura regency, each bar at its own date."""
    data = shares.sort_values("persen")
    # The counts on the category's third line and only the share beside the bar: beside it, "49,5 % (774 dari
    # 1.565)" left a phone's plot too narrow to draw.
    categories = [f"{r.wilayah.removeprefix('Kabupaten ').removesuffix(' Regency')}<br>{fmt.period(r.periode)}<br>"
                  + _("({0} dari {1})").format(fmt.number(r.aktif), fmt.number(r.jumlah)) for r in data.itertuples()]
    fig = go.Figure(go.Bar(
        y=categories, x=data["persen"], orientation="h",
        marker_color=[BLUE if c == schema.REGENCY_CODE else GREY for c in data["kode_wilayah"]],
        text=[fmt.percent(p) for p in data["persen"]],
        textposition="outside", textfont=dict(size=16), customdata=data["penerbit"],
        hovertemplate=_("%{y}: %{text}<br>Sumber: %{customdata}<extra></extra>")))
    if shares.empty:
        title = _("Belum ada angka pembanding")
    else:
        top = data.iloc[-1]
        title = (_("Bagian koperasi aktif tertinggi di {0} "
                   "({1}); tanggal angka tiap kabupaten berbeda").format(top['wilayah'].removeprefix('Kabupaten ').removesuffix(' Regency'), fmt.percent(top['persen'])))
    fig = _layout(fig, height=460, showlegend=False, yaxis=dict(type="category"),
                  xaxis=dict(title_text=_("Persen koperasi aktif (menggelar RAT)"), range=[0, 101], ticksuffix=" %",
                             dtick=100, minor=PERCENT_GRID))
    table = shares[["wilayah", "periode", "jumlah", "aktif", "persen", "penerbit", "url", "status"]]
    pairs = [(f"{r.wilayah} ({fmt.period(r.periode)})", fmt.percent(r.persen)) for r in shares.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik batang"), title, pairs), title)


def wub_participants(series: pd.DataFrame) -> Chart:
    """Participants in the regency's new-entrepreneur training (WUB) per year."""
    data = series.sort_values("periode")
    fig = go.Figure(go.Bar(
        x=[str(int(t)) for t in data["tahun"]], y=data["nilai"], marker_color=GREEN,
        text=[fmt.number(v) for v in data["nilai"]], textposition="outside", textfont=dict(size=16),
        hovertemplate=_("%{x}: %{y:,d} peserta<extra></extra>")))
    if data.empty:
        title = _("Belum ada angka peserta pelatihan Wirausaha Baru")
    else:
        top = data.sort_values("nilai").iloc[-1]
        title = (_("{0} calon wirausaha dilatih Pemkab {1}–"
                   "{2}; terbanyak {3} pada {4}").format(fmt.number(data['nilai'].sum()), int(data['tahun'].min()), int(data['tahun'].max()), fmt.number(top['nilai']), int(top['tahun'])))
    top = float(data["nilai"].max()) if not data.empty else 1.0
    fig = _layout(fig, height=420, showlegend=False, xaxis=dict(type="category", title_text=_("Tahun")),
                  yaxis=dict(title_text=_("Peserta"), range=[0, top * 1.2]))
    table = data[["tahun", "label", "nilai", "periode", "penerbit", "url", "status", "catatan"]]
    pairs = [(str(int(r.tahun)), fmt.number(r.nilai)) for r in data.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik batang"), title, pairs), title)
