"""Plotly figures: metric frames in, figures out. Titles state the finding.

Every figure uses the Indonesian separators and a projector-friendly template
(large type, Okabe-Ito colours that stay distinct for colour-blind viewers).
Each builder returns a ``Chart``: the figure, the table behind it and a text
alternative for screen readers.
"""

from __future__ import annotations

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
    return fig


def wrap_label(text: str, width: int) -> str:
    """A category label broken into lines of at most ``width`` characters (existing <br> breaks kept)."""
    parts = str(text).split("<br>")
    return "<br>".join("<br>".join(textwrap.wrap(part, width)) or part for part in parts)


def _wrap_categories(fig: go.Figure) -> None:
    """Long bar categories written on several lines, so that on a phone they do not take half the chart
    and vertical ones need not rotate into each other. The data keep the full names (hover, table)."""
    for trace in fig.data:
        if trace.type != "bar":
            continue
        horizontal = trace.orientation == "h"
        categories = trace.y if horizontal else trace.x
        width = 16 if horizontal else 10
        if categories is None or not all(isinstance(c, str) for c in categories):
            continue
        if max((len(part) for c in categories for part in c.split("<br>")), default=0) <= width:
            continue
        axis = fig.layout.yaxis if horizontal else fig.layout.xaxis
        axis.update(tickmode="array", tickvals=list(categories), ticktext=[wrap_label(c, width) for c in categories],
                    tickangle=0)


def _labelled_bars(names, counts, colour: str, unit: str) -> go.Bar:
    """Horizontal bars with each count written at the end of its bar."""
    return go.Bar(y=list(names), x=list(counts), orientation="h", marker_color=colour,
                  text=[fmt.number(v) for v in counts], textposition="outside", textfont=dict(size=16),
                  hovertemplate="%{y}: %{x:,d} " + unit + "<extra></extra>")


def _ranked_bars(data: pd.DataFrame, name_column: str, colour: str, unit: str, axis_title: str, height: int,
                 table: pd.DataFrame, finding, empty_title: str) -> Chart:
    """One published count per name (``data``: ascending ``nilai``, so the largest is drawn at the top), titled
    by ``finding(largest row)``, or ``empty_title`` when there is nothing to draw."""
    title = empty_title if data.empty else finding(data.iloc[-1])
    fig = go.Figure(_labelled_bars(data[name_column], data["nilai"], colour, unit))
    # Room right of the longest bar for its label (300 was cut at the plot's edge).
    axis = _count_axis(data["nilai"].max(), 1.3) if not data.empty else {}
    fig = _layout(fig, height=height, xaxis=dict(title_text=axis_title, **axis), showlegend=False)
    pairs = [(getattr(r, name_column), fmt.number(r.nilai)) for r in data.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik batang"), title, pairs), title)


def _alt(kind: str, title: str, pairs: list[tuple[str, str]]) -> str:
    listed = "; ".join(f"{name}: {value}" for name, value in pairs)
    return f"{kind}. {title}. {listed}."


# Cooperatives ---------------------------------------------------------------------


def koperasi_trend(trend: pd.DataFrame) -> Chart:
    """Active and inactive cooperatives per published year, every point with its source."""
    fig = go.Figure()
    for kode, colour in ((schema.KOPERASI_AKTIF, BLUE), (schema.KOPERASI_TIDAK_AKTIF, VERMILLION)):
        rows = trend[trend["kode_indikator"] == kode]
        if rows.empty:
            continue
        derived = rows["status"] == schema.TURUNAN
        fig.add_trace(go.Scatter(
            x=rows["tahun"], y=rows["nilai"], name=rows["label"].iloc[0], mode="lines+markers+text",
            line=dict(color=colour, width=4),
            marker=dict(size=14, color=["white" if d else colour for d in derived],
                        line=dict(color=colour, width=3)),
            text=[fmt.number(v) for v in rows["nilai"]], textposition="top center",
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
    fig = _layout(fig, xaxis=dict(dtick=1, tickformat="d", title_text=_("Tahun<br>{0}").format(derived_note())),
                  yaxis=dict(title_text=_("Koperasi"), range=[0, top * 1.18]))
    table = trend[["tahun", "label", "nilai", "periode", "penerbit", "url", "status", "catatan"]]
    pairs = [(f"{r.label} {r.tahun}", fmt.number(r.nilai)) for r in trend.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik garis"), title, pairs), title)


def koperasi_by_kecamatan(by_kecamatan: pd.DataFrame) -> Chart:
    """Active and inactive cooperatives per kecamatan, stacked, largest at the top."""
    data = by_kecamatan.sort_values("total")
    fig = go.Figure()
    for status in schema.STATUS_KOPERASI:
        fig.add_trace(go.Bar(
            y=data["kecamatan"], x=data[status], name=label(status), orientation="h",
            marker_color=STATUS_COLOURS[status],
            hovertemplate=_("%{y}: %{x:,d} koperasi ") + label(status).lower() + "<extra></extra>",
        ))
    if data["total"].sum() == 0:
        title = _("Tidak ada koperasi yang cocok dengan filter")
    else:
        top = metrics.largest(data, "total")
        inactive = metrics.largest(data, schema.TIDAK_AKTIF)
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
    data = by_jenis.sort_values("total")
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
    data = rat.sort_values("persen_rat_tepat_waktu", na_position="first")
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
        textinfo="text", textfont=dict(size=17),
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
    data = stuck.sort_values("total")
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
    fig = go.Figure(go.Bar(
        x=categories, y=data["nilai"], marker_color=[colours.get(k, GREY) for k in data["kode_indikator"]],
        text=[fmt.number(v) for v in data["nilai"]], textposition="outside", textfont=dict(size=16),
        customdata=data["penerbit"], hovertemplate=_("%{x}: %{y:,d} bidang<br>Sumber: %{customdata}<extra></extra>")))
    quota = data[data["kode_indikator"] == schema.SHAT_KUOTA]
    if quota.empty:
        title = _("Belum ada kuota SHAT UMKM yang terbit")
    else:
        peak = quota.sort_values("nilai", ascending=False).iloc[0]
        title = _("Kuota SHAT UMKM tertinggi pada {0}: {1} bidang").format(int(peak['tahun']), fmt.number(peak['nilai']))
        zero = quota[quota["nilai"] == 0]
        if not zero.empty:
            title += _("; {0} tanpa kuota").format(int(zero['tahun'].iloc[0]))
    top = float(data["nilai"].max()) if not data.empty else 1.0
    fig = _layout(fig, showlegend=False, xaxis=dict(type="category", title_text=""),
                  yaxis=dict(title_text=_("Bidang"), range=[0, top * 1.15]))
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
                        _("Tidak ada bidang SHAT yang tercatat belum diukur"))


# Partnerships (kemitraan) ----------------------------------------------------------

def _count_axis(top: float, headroom: float) -> dict:
    """A count axis from 0 with room for the labels outside the bars; whole-number ticks when counts are small."""
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
        textfont=dict(size=17), cliponaxis=False, hovertemplate=_("%{y}: %{x:,d} bidang<extra></extra>")))
    counts = funnel.set_index("langkah")["bidang"]
    if counts.get("terbit", 0) == 0:
        title = _("Belum ada bidang bersertipikat yang dapat dijadikan agunan")
    else:
        title = (_("{0} dari {1} bidang bersertipikat "
                   "sudah menghasilkan pinjaman "
                   "({2})").format(fmt.number(counts['pinjaman_diperoleh']), fmt.number(counts['terbit']), fmt.percent(metrics.share(counts['pinjaman_diperoleh'], counts['terbit']))))
    fig = _layout(fig, height=360, showlegend=False,
                  xaxis=dict(title_text=_("Bidang (persen: dari bidang bersertipikat)"),
                             **_count_axis(funnel["bidang"].max() if len(funnel) else 0, 1.3)),
                  yaxis=dict(autorange="reversed"))
    pairs = [(_(COLLATERAL_LABELS[r.langkah]), fmt.number(r.bidang)) for r in funnel.itertuples()]
    return Chart(fig, funnel, _alt(_("Grafik batang"), title, pairs), title)


def loans_by_lembaga(by_lembaga: pd.DataFrame) -> Chart:
    """Rupiah obtained per kind of lender, with the number of loans on each bar."""
    data = by_lembaga.sort_values(["nilai_rp", "lembaga"], ascending=[True, False])
    fig = go.Figure(go.Bar(
        y=[label(v) for v in data["lembaga"]], x=data["nilai_rp"] / 1e6, orientation="h", marker_color=BLUE,
        text=[_("{0} · {1} pinjaman").format(fmt.rupiah(v), fmt.number(n)) for v, n in zip(data["nilai_rp"], data["pinjaman_diperoleh"])],
        textposition="outside", textfont=dict(size=16), cliponaxis=False,
        hovertemplate=_("%{y}: %{text}<extra></extra>")))
    total = by_lembaga["nilai_rp"].sum()
    if total == 0:
        title = _("Belum ada pinjaman yang diperoleh dengan agunan tanah bersertipikat")
    else:
        top = metrics.largest(by_lembaga, "nilai_rp", "lembaga")
        title = (_("{0} menyalurkan pinjaman terbesar: {1} dari "
                   "{2} ({3} pinjaman)").format(label(top['lembaga']), fmt.rupiah(top['nilai_rp']), fmt.rupiah(total), fmt.number(top['pinjaman_diperoleh'])))
    fig = _layout(fig, height=340, showlegend=False,
                  xaxis=dict(title_text=_("Pinjaman diperoleh (juta rupiah)"), **_count_axis(
                      by_lembaga["nilai_rp"].max() / 1e6 if total else 0, 1.8)))
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
    data = by_kecamatan.sort_values(["umkm_mitra", "kecamatan"], ascending=[True, False])
    fig = go.Figure(go.Bar(
        y=data["kecamatan"], x=data["umkm_mitra"], orientation="h", marker_color=GREEN,
        text=[_("{0} UMKM · {1} koperasi").format(fmt.number(u), fmt.number(k))
              for u, k in zip(data["umkm_mitra"], data["koperasi_bermitra"])],
        textposition="outside", textfont=dict(size=16), cliponaxis=False,
        hovertemplate=_("%{y}: %{text}<extra></extra>")))
    total = by_kecamatan["umkm_mitra"].sum()
    if total == 0:
        title = _("Tidak ada koperasi yang bermitra dengan UMKM di kecamatan yang dipilih")
    else:
        top = data.iloc[-1]
        title = (_("{0} koperasi bermitra dengan "
                   "{1} UMKM; terbanyak di {2} ({3} UMKM)").format(fmt.number(by_kecamatan['koperasi_bermitra'].sum()), fmt.number(total), top['kecamatan'], fmt.number(top['umkm_mitra'])))
    fig = _layout(fig, height=560 if len(by_kecamatan) > 6 else 320, showlegend=False,
                  xaxis=dict(title_text=_("UMKM mitra"), **_count_axis(
                      by_kecamatan["umkm_mitra"].max() if total else 0, 1.6)))
    pairs = [(r.kecamatan, _("{0} UMKM, {1} koperasi").format(fmt.number(r.umkm_mitra), fmt.number(r.koperasi_bermitra)))
             for r in by_kecamatan.itertuples()]
    return Chart(fig, by_kecamatan, _alt(_("Grafik batang"), title, pairs), title)


# UMKM -----------------------------------------------------------------------------


def umkm_by(by: pd.DataFrame, column: str, column_label: str) -> Chart:
    """UMKM units and workers grouped by one column, side by side."""
    data = by.sort_values("unit_usaha")
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
    data = coverage.sort_values(["persen", "kecamatan"], ascending=[True, False])
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
                  xaxis=dict(title_text=_("Persen desa/kelurahan"), range=[0, 118], tickformat=",d", ticksuffix=" %"))
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
                        _("Tidak ada data produk halal untuk kecamatan yang dipilih"))


def umkm_measures(series: pd.DataFrame) -> Chart:
    """Each published UMKM count as its own bar: they measure different things."""
    data = series.copy()
    data["kategori"] = [f"{r.label}<br>{fmt.period(r.periode)}" for r in data.itertuples()]
    prefix = [fmt.qualifier(p) for p in data["presisi"]]
    fig = go.Figure(go.Bar(
        x=data["kategori"], y=data["nilai"], marker_color=[BLUE, SKY, GREEN, ORANGE, PURPLE, GREY][: len(data)] or BLUE,
        text=[p + fmt.number(v) for p, v in zip(prefix, data["nilai"])], textposition="outside",
        textfont=dict(size=16), customdata=data["penerbit"],
        hovertemplate=_("%{x}: %{y:,d}<br>Sumber: %{customdata}<extra></extra>")))
    title = _("Angka UMKM yang terbit mengukur hal berbeda: jangan dibaca sebagai satu deret")
    fig = _layout(fig, height=480, showlegend=False, yaxis=dict(title_text=_("Jumlah"), rangemode="tozero"),
                  xaxis=dict(type="category"))
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
                  xaxis=dict(title_text=_("Desa/kelurahan (dari 189) atau gedung gerai"), range=[0, 189 * 1.3]),
                  yaxis=dict(type="category"))
    table = steps[["tahap", "nilai", "presisi", "dari", "periode", "penerbit", "url", "status", "catatan"]]
    pairs = [(f"{r.tahap} ({fmt.period(r.periode)})", f"{fmt.qualifier(r.presisi)}{fmt.number(r.nilai)}")
             for r in steps.itertuples()]
    return Chart(fig, table.reset_index(drop=True), _alt(_("Grafik batang bertahap"), title, pairs), title)


def madura_share(shares: pd.DataFrame) -> Chart:
    """Share of cooperatives active in each Madura regency, each bar at its own date."""
    data = shares.sort_values("persen")
    categories = [f"{r.wilayah.removeprefix('Kabupaten ').removesuffix(' Regency')}<br>{fmt.period(r.periode)}" for r in data.itertuples()]
    fig = go.Figure(go.Bar(
        y=categories, x=data["persen"], orientation="h",
        marker_color=[BLUE if c == schema.REGENCY_CODE else GREY for c in data["kode_wilayah"]],
        text=[_("{0} ({1} dari {2})").format(fmt.percent(p), fmt.number(a), fmt.number(j))
              for p, a, j in zip(data["persen"], data["aktif"], data["jumlah"])],
        textposition="outside", textfont=dict(size=16), customdata=data["penerbit"],
        hovertemplate=_("%{y}: %{text}<br>Sumber: %{customdata}<extra></extra>")))
    if shares.empty:
        title = _("Belum ada angka pembanding")
    else:
        top = data.iloc[-1]
        title = (_("Bagian koperasi aktif tertinggi di {0} "
                   "({1}); tanggal angka tiap kabupaten berbeda").format(top['wilayah'].removeprefix('Kabupaten ').removesuffix(' Regency'), fmt.percent(top['persen'])))
    fig = _layout(fig, height=420, showlegend=False, yaxis=dict(type="category"),
                  xaxis=dict(title_text=_("Persen koperasi aktif (menggelar RAT)"), range=[0, 118], ticksuffix=" %"))
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
