"""The Hari Koperasi deck as data: one message per slide, every figure with its source.

The presentation page, the PowerPoint deck and the PDF deck are all drawn from
``deck(dataset, values, year)``, so the three always show the same figures.
"""

from __future__ import annotations

import copy
import dataclasses
import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from koperasi_data import cards, charts, fmt, i18n, kemitraan, metrics, schema, views
from koperasi_data.load import Dataset
from koperasi_data.schema import label
from koperasi_data.i18n import N_, _

TITLE, BIG_NUMBERS, CHART, TEXT = "title", "big-numbers", "chart", "text"
HARI_KOPERASI = "07-12"
OFFICE = N_("Dinas Koperasi dan UKM Kabupaten Pamekasan")

# Published statements of what the office will do next (plans and proposals, not results),
# each with the sentence a slide title makes of it.
PLAN_PHRASES = {
    # Newest first: the first plan found for the year leads the slide's title.
    "kopdes_gerai_tanpa_lahan": N_("{n} titik gedung gerai Koperasi Merah Putih menunggu lahan (skema sinergi dengan SPPG)"),
    "koperasi_upaya_aktif": N_("{n} koperasi tidak aktif akan diupayakan aktif kembali"),
    "koperasi_usulan_bubar": N_("{n} koperasi tidak aktif diusulkan untuk dibubarkan"),
    schema.SHAT_USULAN: N_("{n} bidang tanah UMKM diusulkan untuk sertifikasi SHAT {tahun}"),
    schema.SHAT_KUOTA_PERKIRAAN: N_("kuota SHAT {tahun} dari BPN diperkirakan {n} bidang"),
    "dana_bergulir_target_pad": N_("target pendapatan dana bergulir {tahun}: {n}"),
}
PLAN_INDICATORS = tuple(PLAN_PHRASES)
# A plan's heading over its figure is "Sasaran <tahun>", except where the figure is not a target.
PLAN_HEADINGS = {"kopdes_gerai_tanpa_lahan": N_("Tertahan: menunggu lahan")}


@dataclass(frozen=True)
class BigNumber:
    """One figure as the audience reads it, with where it comes from."""

    value: str
    label: str
    source: str
    status: str
    heading: str = ""
    url: str | None = None

    @property
    def note(self) -> str:
        """Speaker-note line: the figure, then publisher, date, URL and status."""
        where = f"{self.source}, {self.url}" if self.url else self.source
        return _("{0}{1}: {2} ({3}; status {4})").format(self.heading + ': ' if self.heading else '', self.label, self.value, where, label(self.status))


@dataclass(frozen=True)
class Slide:
    """One slide: a one-message title, then big numbers, a chart or bullets, and a source line."""

    key: str
    kind: str
    title: str
    source: str
    numbers: tuple[BigNumber, ...] = ()
    chart: views.BuiltView | None = None  # a view of the catalogue (figure, table, alt, title)
    bullets: tuple[str, ...] = ()
    subtitle: str = ""
    notes: tuple[str, ...] = ()
    illustrative: bool = False


@dataclass(frozen=True)
class Partnership:
    """One obstacle, the partner that answers it, and one headline figure (value may be '–')."""

    obstacle: str
    partners: str
    value: str
    label: str
    source: str
    status: str
    url: str | None = None
    spoken: str = ""  # the figure as the speaker notes say it, when the slide splits it ("Rp4,4 miliar …")


# Helpers ---------------------------------------------------------------------------


def _number(card: cards.Card, url: str | None = None, heading: str = "") -> BigNumber:
    return BigNumber(card.value, card.label, card.source, card.status, heading, url)


def _row_number(row: pd.Series, title: str, heading: str = "") -> BigNumber:
    return BigNumber(fmt.qualifier(row["presisi"]) + fmt.number(row["nilai"]), title, cards.source_text(row), row["status"], heading,
                     row["url"])


def _status_line(statuses) -> str:
    return _("Status: ") + ", ".join(label(s) for s in dict.fromkeys(statuses) if s)


def _source_line(numbers: tuple[BigNumber, ...]) -> str:
    sources = "; ".join(dict.fromkeys(n.source for n in numbers if n.value != fmt.MISSING))
    return _("Sumber: {0} · {1}").format(sources or '–', _status_line((n.status for n in numbers)))


def _table_notes(table: pd.DataFrame) -> tuple[str, ...]:
    """One note per published value behind a chart: label, value, publisher, date, URL, status."""
    notes = []
    for _index, row in table.iterrows():
        name = row.get("label") or ""
        year = f" {int(row['tahun'])}" if "tahun" in row and pd.notna(row["tahun"]) else ""
        notes.append(_("{0}{1}: {2} ({3}, {4}, "
                       "{5}; status {6})").format(name, year, fmt.number(row['nilai']), row['penerbit'], fmt.period(row['periode']), row['url'], label(row['status'])))
    return tuple(notes)


def _register_note(dataset: Dataset, resource: str) -> str:
    """Speaker note of a chart on a register resource: what it is, as of when, and its status."""
    as_of = fmt.date(dataset.as_of(resource))
    if not dataset.is_illustrative(resource):
        return _("{0} Status Resmi (register Dinas)").format(cards.register_line(dataset, resource).removeprefix('Sumber: '))
    return (_("{0}, keadaan {1}: register ilustratif yang totalnya sama "
              "dengan angka resmi Dinas (Antara Jatim, {2}); rinciannya dibangkitkan, bukan data nyata; "
              "status Ilustratif").format(_(dataset.title_of(resource)), as_of, cards.official_day()))


def presentation_date(year: int) -> str:
    """Hari Koperasi of the year, ISO: the day the office presents."""
    return f"{year}-{HARI_KOPERASI}"


# Slides ----------------------------------------------------------------------------


def title_slide(dataset: Dataset, values: pd.DataFrame, year: int) -> Slide:
    """Title and date (Hari Koperasi of the year), and the date the cooperative figures refer to."""
    periods = metrics.koperasi_snapshot_periods(values)
    if year in periods.index:
        as_of = _("Angka koperasi per {0}").format(fmt.period(periods[year]))
    elif len(periods) and year > periods.index.max():
        as_of = _("Angka koperasi terakhir yang terbit: per {0}").format(fmt.period(periods[periods.index.max()]))
    else:
        as_of = _("Belum ada angka koperasi yang terbit untuk {0}").format(year)
    descriptor = dataset.descriptor
    return Slide(
        "judul", TITLE, _("Koperasi dan UMKM Kabupaten Pamekasan {0}").format(year),
        _("Sumber: paket data {0} versi {1}; setiap angka menyebut "
          "sumber, tanggal dan statusnya").format(_(descriptor['title']), descriptor['version']),
        subtitle=_("Hari Koperasi, {0} · {1}").format(fmt.date(presentation_date(year)), _(OFFICE)),
        bullets=(as_of,),
        notes=(_("Data: {0} versi {1} (sidik {2}), "
                 "lisensi {3}.").format(_(descriptor['title']), descriptor['version'], dataset.version[:12], descriptor['licenses'][0]['title']),),
    )


def koperasi_slide(values: pd.DataFrame, year: int) -> Slide:
    """Total, active and inactive cooperatives as big numbers; the title states the active share."""
    earlier = [y for y in metrics.years_of(values, schema.KOPERASI_TOTAL) if y < year]
    if earlier and year > max(metrics.years_of(values, schema.KOPERASI_TOTAL)):
        # The deck for a year after the last published count (the coming Hari Koperasi) shows that latest
        # count, saying which year it is; a gap between published years stays an empty state.
        slide = koperasi_slide(values, earlier[-1])
        return dataclasses.replace(slide, subtitle=_("Angka terakhir yang terbit: {0} (belum ada angka {1}). ").format(earlier[-1], year)
                                   + slide.subtitle)
    headline = metrics.koperasi_headline(values, year)
    found = [c for c in cards.koperasi_cards(values, year) if c.kode is not None]  # the published ones
    if not found:
        text = cards.missing_year_text("koperasi", year, metrics.years_of(values, schema.KOPERASI_TOTAL))
        return Slide("koperasi", TEXT, _("Belum ada angka koperasi untuk {0}").format(year), _("Sumber: –"), bullets=(text,))
    numbers = tuple(_number(c, headline[c.kode]["url"]) for c in found)
    total, aktif = headline[schema.KOPERASI_TOTAL], headline[schema.KOPERASI_AKTIF]
    if total is not None and aktif is not None:
        title = (_("{0} dari {1} koperasi aktif "
                   "({2})").format(fmt.number(aktif['nilai']), fmt.number(total['nilai']), fmt.percent(metrics.share(aktif['nilai'], total['nilai']))))
    else:
        title = _("Koperasi di Kabupaten Pamekasan, {0}").format(year)
    notes = tuple(n.note for n in numbers)
    if any(n.status == schema.TURUNAN for n in numbers):
        notes += (_("Angka turunan dihitung pasti dari angka resmi: aktif = jumlah − tidak aktif."),)
    return Slide("koperasi", BIG_NUMBERS, title, _source_line(numbers), numbers=numbers,
                 subtitle=_("Koperasi dihitung aktif bila menyelenggarakan Rapat Anggota Tahunan (RAT)"), notes=notes)


def _view_slide(key: str, view: views.BuiltView, notes: tuple[str, ...]) -> Slide:
    return Slide(key, CHART, view.title.replace("<br>", " "), view.source, chart=view, notes=notes,
                 illustrative=view.illustrative)


def trend_slide(dataset: Dataset, values: pd.DataFrame) -> Slide:
    """Active and inactive cooperatives over every published year (the catalogue's koperasi-tren)."""
    view = views.build("koperasi-tren", dataset, views.Filters(0, lang=i18n.current()), values)
    slide = _view_slide("tren", view, _table_notes(view.table))
    return dataclasses.replace(slide, source=f"{view.source} · {_status_line(s['status'] for s in view.sources)}")


def _register_slide(key: str, slug: str, dataset: Dataset, values: pd.DataFrame) -> Slide:
    """A chart of the catalogue built on a register, for the whole regency, with the register's speaker note."""
    view = views.build(slug, dataset, views.Filters(0, lang=i18n.current()), values)
    return _view_slide(key, view, (_register_note(dataset, view.register),))


def koperasi_kecamatan_slide(dataset: Dataset, values: pd.DataFrame) -> Slide:
    """Cooperatives per kecamatan from the register (illustrative)."""
    return _register_slide("koperasi-kecamatan", "koperasi-kecamatan", dataset, values)


def certification_slide(dataset: Dataset, values: pd.DataFrame) -> Slide:
    """Cooperative land parcels through BPN's stages, from proposal to certificate (register)."""
    return _register_slide("sertifikasi", "sertifikasi-corong", dataset, values)


def umkm_slide(values: pd.DataFrame, year: int) -> Slide:
    """UMKM units and the workers they employ; other published UMKM counts of the year when those are missing."""
    years = sorted({y for kode in (schema.UMKM_UNIT, schema.UMKM_PELAKU, schema.UMKM_BERIZIN, schema.UMKM_NIB)
                    for y in metrics.years_of(values, kode)})
    if years and year > years[-1]:
        # The coming year's deck: the latest published UMKM figures, saying which year they are.
        slide = umkm_slide(values, years[-1])
        return dataclasses.replace(slide, subtitle=_("Angka terakhir yang terbit: {0} (belum ada angka "
                                                     "{1}). ").format(years[-1], year) + slide.subtitle)
    found = cards.umkm_cards(values, year)
    if found:
        rows = {kode: metrics.indicator_value(values, kode, year) for kode in (schema.UMKM_UNIT, schema.UMKM_TENAGA_KERJA)}
        numbers = tuple(_number(c, rows[c.kode]["url"] if rows.get(c.kode) is not None else None) for c in found)
        units, workers = rows[schema.UMKM_UNIT], rows[schema.UMKM_TENAGA_KERJA]
        title = (_("{0} UMKM mempekerjakan {1} orang").format(fmt.number(units['nilai']), fmt.number(workers['nilai']))
                 if units is not None and workers is not None else _("UMKM dan tenaga kerja, {0}").format(year))
    else:
        others = [(kode, metrics.indicator_value(values, kode, year))
                  for kode in (schema.UMKM_PELAKU, schema.UMKM_BERIZIN, schema.UMKM_NIB)]
        numbers = tuple(_row_number(row, row["label"]) for _i, row in others if row is not None)
        if not numbers:
            text = cards.missing_year_text(_("UMKM"), year, metrics.years_of(values, schema.UMKM_UNIT))
            return Slide("umkm", TEXT, _("Belum ada angka UMKM untuk {0}").format(year), _("Sumber: –"), bullets=(text,))
        title = _("UMKM {0}: angka yang terbit").format(year)
    subtitle = (_("Unit usaha tercatat (2016) dan pelaku UMKM (tahun kemudian) adalah ukuran berbeda; "
                  "jangan dibandingkan sebagai satu deret"))
    return Slide("umkm", BIG_NUMBERS, title, _source_line(numbers), numbers=numbers, subtitle=subtitle,
                 notes=tuple(n.note for n in numbers))


def umkm_kecamatan_slide(dataset: Dataset, values: pd.DataFrame) -> Slide:
    """UMKM units and workers per kecamatan from the 2016 register (illustrative)."""
    return _register_slide("umkm-kecamatan", "umkm-kecamatan", dataset, values)


def partnerships(dataset: Dataset, values: pd.DataFrame, year: int) -> list[Partnership]:
    """The three obstacles, their partners and one headline figure each, as the Kemitraan page states them.

    No partnership figure is published, so they come from the partnership register as of its own
    snapshot date whatever the year (their status says ilustratif while the package marks it so).
    """
    statement = kemitraan.strategy_statement(values)
    url = None if statement is None else statement["url"]
    result = []
    for item in cards.kemitraan_summary(dataset, values):
        # "Rp4,4 miliar" is one figure: a no-break space keeps the scale word with it on every output,
        # and the slide sizes its figures so that the widest fits its column.
        figure = item.figure.replace(" ", "\u00a0")
        result.append(Partnership(item.obstacle, item.partners, figure, item.unit, item.source, item.status, url,
                                  spoken=f"{item.unit}: {item.figure}"))
    return result


def partnership_slide(items: list[Partnership]) -> Slide:
    """Three obstacles to cooperative growth, each answered by a partner, with one figure each."""
    numbers = tuple(BigNumber(p.value, p.label, p.source, p.status, f"{p.obstacle} → {p.partners}", p.url)
                    for p in items)
    return Slide("kemitraan", BIG_NUMBERS, _("Tiga hambatan koperasi, tiga jalur kemitraan"), _source_line(numbers),
                 numbers=numbers, subtitle=_("Modal usaha, SDM dan jaringan: masing-masing dijawab bersama mitra"),
                 notes=tuple(_spoken_note(n, p) for n, p in zip(numbers, items)),
                 illustrative=any(p.status == schema.ILUSTRATIF for p in items))


def _spoken_note(number: BigNumber, item: Partnership) -> str:
    """The speaker-note line with the figure whole, as it is read out ("…: Rp4,4 miliar")."""
    if not item.spoken:
        return number.note
    where = f"{number.source}, {number.url}" if number.url else number.source
    return _("{0}: {1} ({2}; status {3})").format(number.heading, item.spoken, where, label(number.status))


def _plan_number(row: pd.Series) -> BigNumber:
    """A plan's figure; its source is the day it was announced when that differs from the year it aims at."""
    announced = row["tanggal_terbit"] if pd.notna(row["tanggal_terbit"]) else None
    source = (_("{0}, diumumkan {1}").format(row['penerbit'], fmt.date(announced.date())) if announced is not None
              else cards.source_text(row))
    return BigNumber(fmt.published(row["nilai"], row["presisi"], row["satuan"]), row["label"], source, row["status"],
                     _(PLAN_HEADINGS.get(row["kode_indikator"], "")) or _("Sasaran {0}").format(int(row['tahun'])), row["url"])


def next_steps_slide(values: pd.DataFrame, year: int) -> Slide:
    """Published plans and proposals stated for the year or the year after."""
    plans = metrics.indicator_series(values, PLAN_INDICATORS)
    plans = plans[plans["tahun"].isin([year, year + 1])]
    if plans.empty:
        return Slide("berikutnya", TEXT, _("Langkah berikutnya: belum ada target yang terbit untuk {0}").format(year + 1),
                     _("Sumber: –"),
                     bullets=(_("Belum ada usulan atau target Dinas untuk {0} atau {1} yang terbit. "
                                "Target baru akan tampil di sini begitu dipublikasikan.").format(year, year + 1),))
    # At most four plans fit a slide; the newest kinds come first (PLAN_PHRASES order).
    numbers = tuple(_plan_number(row) for _i, row in plans.head(4).iterrows())
    lead = plans.iloc[0]
    title = _("Langkah berikutnya: ") + _(PLAN_PHRASES[lead["kode_indikator"]]).format(
        n=fmt.published(lead["nilai"], lead["presisi"], lead["satuan"]), tahun=int(lead["tahun"]))
    return Slide("berikutnya", BIG_NUMBERS, title, _source_line(numbers), numbers=numbers,
                 subtitle=_("Rencana dan usulan yang diumumkan Dinas: sasaran, belum hasil"),
                 notes=tuple(n.note for n in numbers))


def kopdes_slide(values: pd.DataFrame, year: int) -> Slide | None:
    """Koperasi Merah Putih where it stands: launched, running, outlet buildings finished (latest published)."""
    steps = metrics.kopdes_timeline(values)
    steps = steps[steps["periode"].str[:4].astype(int) <= year]
    if steps.empty:
        return None
    by = steps.set_index("kode_indikator")
    shown = [(kode, title) for kode, title in (("kopdes_diluncurkan", _("Koperasi Merah Putih diluncurkan")),
                                               ("kopdes_beroperasi", _("sudah berjalan (angka terakhir)")),
                                               ("kopdes_gerai_selesai", _("gedung gerai selesai"))) if kode in by.index]
    if not shown:
        shown = [(steps.iloc[-1]["kode_indikator"], steps.iloc[-1]["tahap"])]
    numbers = tuple(_row_number(by.loc[kode].copy(), _("{0} (dari {1} desa/kelurahan)").format(title, metrics.KOPDES_TARGET)
                                if not kode.startswith("kopdes_gerai") else title) for kode, title in shown)
    if "kopdes_diluncurkan" in by.index and "kopdes_beroperasi" in by.index:
        title = (_("Koperasi Merah Putih: {0} diluncurkan, baru "
                   "{1} yang berjalan").format(fmt.number(by.loc['kopdes_diluncurkan', 'nilai']), fmt.number(by.loc['kopdes_beroperasi', 'nilai'])))
    else:
        title = _("Koperasi Merah Putih: {0} {1}").format(numbers[0].value, numbers[0].label)
    blocked = metrics.latest_value(values, "kopdes_gerai_tanpa_lahan")
    subtitle = _("Berapa yang berjalan hari ini belum dipublikasikan")
    if blocked is not None and int(blocked["tahun"]) <= year:
        subtitle = (_("{0} titik gedung gerai belum dibangun karena lahan belum ada "
                      "({1}). ").format(fmt.number(blocked['nilai']), cards.source_text(blocked)) + subtitle)
    return Slide("kopdes", BIG_NUMBERS, title, _source_line(numbers), numbers=numbers, subtitle=subtitle,
                 notes=tuple(n.note for n in numbers))


def deck(dataset: Dataset, values: pd.DataFrame, year: int) -> list[Slide]:
    """The whole deck for one year, in presentation order."""
    # A register's breakdown belongs to the year it describes (the shipped one: 12 July 2016).
    slides = [title_slide(dataset, values, year), koperasi_slide(values, year), trend_slide(dataset, values)]
    if year == dataset.as_of(schema.KOPERASI).year:
        slides.append(koperasi_kecamatan_slide(dataset, values))
    kopdes = kopdes_slide(values, year)
    if kopdes is not None:
        slides.append(kopdes)
    slides += [certification_slide(dataset, values), umkm_slide(values, year)]
    if year == dataset.as_of(schema.UMKM).year:
        slides.append(umkm_kecamatan_slide(dataset, values))
    slides += [partnership_slide(partnerships(dataset, values, year)), next_steps_slide(values, year)]
    return slides


# Projector -------------------------------------------------------------------------


def projector_figure(figure: go.Figure, font_size: int = 24) -> go.Figure:
    """A copy of a chart for the back of a hall: larger type everywhere, no fixed height."""
    fig = copy.deepcopy(figure)
    small = font_size - 4
    fig.update_layout(font_size=font_size, legend_font_size=font_size, height=None, autosize=True,
                      hoverlabel_font_size=small)
    fig.update_xaxes(tickfont_size=small, title_font_size=small)
    fig.update_yaxes(tickfont_size=small, title_font_size=small)
    fig.update_traces(textfont_size=small, selector=lambda t: hasattr(t, "textfont"))
    charts.fit_text(fig)  # the larger text beside bars gets a margin as wide as it, never clipped
    fig.update_annotations(font_size=small - 2)
    if fig.layout.annotations:
        # Notes under the plot (e.g. "titik berlubang") would be cut off at the larger size: top right instead.
        fig.update_annotations(x=1, xanchor="right", y=1.02, yanchor="bottom", xref="paper", yref="paper")
        fig.update_layout(margin_b=40)
    return fig


def phone_figure(figure: go.Figure) -> go.Figure:
    """A copy of a chart for a slide on a phone: the dashboard's own figure (its type and height are made for 390 px),
    with a funnel's stage text inside its bar: beside the narrow bars of a phone ('auto') it ran past the screen."""
    fig = copy.deepcopy(figure)
    fig.update_traces(textposition="inside", selector={"type": "funnel"})
    return fig


# On screen -------------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def value_font_css(values: list[str]) -> str:
    """CSS size of a slide's big figures: up to a quarter of the screen height (they fill a projector slide),
    less when the widest would not fit its column."""
    longest = max((_shown_length(v) for v in values), default=1)
    columns = max(len(values), 1)
    return "min(24vh, calc(86vw / {0:.2f}))".format(columns * 0.66 * longest)


def narrow_value_font_css(values: list[str]) -> str:
    """CSS size of the big figures on a phone, where they stand one under another: the widest fits the width."""
    longest = max((_shown_length(v) for v in values), default=1)
    return "min(72px, calc(78vw / {0:.2f}))".format(0.66 * longest)


# The scale word of an amount ("miliar" in "Rp4,4 miliar") is set at half size, on the same line as its figure.
SCALE_EM = 0.5


def _shown_length(value: str) -> float:
    """Width of a figure in characters of the figure's size: the scale word after a no-break space counts half."""
    figure, _, scale = value.partition("\u00a0")
    return len(figure) + SCALE_EM * (len(scale) + 1 if scale else 0)


def _value_html(value: str) -> str:
    figure, _, scale = value.partition("\u00a0")
    if not scale:
        return _esc(value)
    return f'{_esc(figure)}<span class="number-scale" style="font-size:{SCALE_EM}em">&nbsp;{_esc(scale)}</span>'


def slide_head_html(slide: Slide) -> str:
    """Title, the illustrative badge when the slide stands on the register, and the subtitle."""
    badge = '<span class="slide-badge">Data ilustratif</span>' if slide.illustrative else ""
    subtitle = f'<p class="slide-subtitle">{_esc(slide.subtitle)}</p>' if slide.subtitle else ""
    tag = "h1" if slide.kind == TITLE else "h2"
    return (f'<div class="slide-head kind-{slide.kind}"><{tag} class="slide-title">{_esc(slide.title)}</{tag}>'
            f"{badge}</div>{subtitle}")


def slide_body_html(slide: Slide) -> str:
    """Big numbers or bullets (chart slides draw their chart in between head and source)."""
    if slide.numbers:
        size = value_font_css([n.value for n in slide.numbers])
        # The phone's size as a custom property: the stylesheet's narrow-screen rule uses it instead.
        size += "; --narrow-size: " + narrow_value_font_css([n.value for n in slide.numbers])
        parts = []
        for number in slide.numbers:
            heading = f'<div class="number-heading">{_esc(number.heading)}</div>' if number.heading else ""
            status = f" · {label(number.status)}" if number.status else ""
            source = (f'<div class="number-source">{_esc(number.source)}{_esc(status)}</div>'
                      if number.value != fmt.MISSING else "")
            parts.append(f'<div class="number">{heading}<div class="number-value" style="font-size:{size}">'
                         f'{_value_html(number.value)}</div><div class="number-label">{_esc(number.label)}</div>'
                         f'{source}</div>')
        return f'<div class="numbers">{"".join(parts)}</div>'
    if slide.bullets:
        items = "".join(f"<li>{_esc(b)}</li>" for b in slide.bullets)
        return '<ul class="slide-bullets slide-bullets-{0}">{1}</ul>'.format(slide.kind, items)
    return ""


def slide_source_html(slide: Slide) -> str:
    """The small source line every slide carries."""
    return f'<p class="slide-source">{_esc(slide.source)}</p>'
