"""The deck as files: PowerPoint with native, editable charts, and PDF for printing and WhatsApp."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from fpdf import FPDF
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from koperasi_data import images, schema, slides
from koperasi_data.slides import Slide

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
INK, MUTED, ACCENT, WARN = "1F2933", "52606D", "0072B2", "B35900"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
ILLUSTRATIVE_BADGE = "Data ilustratif"
# Chart images in the PDF: CSS pixels of the drawing, doubled for print.
PDF_CHART_PX = (1500, 560)


# Native charts -----------------------------------------------------------------------


@dataclass(frozen=True)
class NativeChart:
    """What PowerPoint needs to draw a chart itself: type, categories, named series and colours."""

    chart_type: XL_CHART_TYPE
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    colours: list[str | list[str] | None]
    number_format: str


def _array(value) -> list:
    """A trace's data as a list; a figure that went through a cache holds arrays as base64 ("bdata")."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist()
    return [] if value is None else list(value)


def _category(value) -> str:
    return str(value).replace("<br>", " ")


def _colour(value) -> str | list[str] | None:
    if isinstance(value, str) and value.startswith("#"):
        return value.lstrip("#").upper()
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and v.startswith("#") for v in value):
        return [v.lstrip("#").upper() for v in value]
    return None


def _number_format(values: list) -> str:
    fractional = any(v is not None and float(v) != int(float(v)) for v in values)
    return "#,##0.00" if fractional else "#,##0"


def native_chart(figure: go.Figure) -> NativeChart | None:
    """The figure as a native PowerPoint chart, or None when no native type fits."""
    traces = list(figure.data)
    if not traces:
        return None
    kinds = {t.type for t in traces}
    if kinds == {"bar"}:
        horizontal = all(t.orientation == "h" for t in traces)
        stacked = figure.layout.barmode == "stack"
        chart_type = {(True, True): XL_CHART_TYPE.BAR_STACKED, (True, False): XL_CHART_TYPE.BAR_CLUSTERED,
                      (False, True): XL_CHART_TYPE.COLUMN_STACKED,
                      (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED}[(horizontal, stacked)]
        pairs = [(_array(t.y), _array(t.x)) if horizontal else (_array(t.x), _array(t.y)) for t in traces]
        categories = list(dict.fromkeys(c for cats, _ in pairs for c in cats))
        series = [(t.name or "Jumlah", [dict(zip(cats, vals)).get(c) for c in categories])
                  for t, (cats, vals) in zip(traces, pairs)]
        colours = [_colour(t.marker.color) for t in traces]
    elif kinds == {"funnel"} and len(traces) == 1:
        # A funnel reads top-down; PowerPoint draws a bar chart's first category at the bottom.
        trace = traces[0]
        categories, vals = _array(trace.y)[::-1], _array(trace.x)[::-1]
        colour = _colour(trace.marker.color)
        chart_type = XL_CHART_TYPE.BAR_CLUSTERED
        series = [(trace.name or "Jumlah", vals)]
        colours = [colour[::-1] if isinstance(colour, list) else colour]
    elif kinds == {"scatter"}:
        chart_type = XL_CHART_TYPE.LINE_MARKERS
        categories = sorted(dict.fromkeys(x for t in traces for x in _array(t.x)))
        series = [(t.name, [dict(zip(_array(t.x), _array(t.y))).get(c) for c in categories]) for t in traces]
        colours = [_colour(t.line.color) for t in traces]
    else:
        return None
    values = [v for _, vals in series for v in vals]
    return NativeChart(chart_type, [_category(c) for c in categories],
                       [(name, [None if v is None else float(v) for v in vals]) for name, vals in series],
                       colours, _number_format(values))


def _add_native_chart(slide, spec: NativeChart, left, top, width, height) -> None:
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for name, values in spec.series:
        data.add_series(name, values)
    chart = slide.shapes.add_chart(spec.chart_type, left, top, width, height, data).chart
    chart.font.size = Pt(16)
    chart.font.color.rgb = RGBColor.from_string(INK)
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = spec.number_format
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.font.size = Pt(14)
    if spec.chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED):
        plot.gap_width = 60
    chart.value_axis.tick_labels.number_format = spec.number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string("E4E7EB")
    for series, colour in zip(plot.series, spec.colours):
        if colour is None:
            continue
        if spec.chart_type == XL_CHART_TYPE.LINE_MARKERS:
            series.format.line.color.rgb = RGBColor.from_string(colour)
            series.format.line.width = Pt(3.5)
            series.smooth = False
        elif isinstance(colour, list):
            for index, point_colour in enumerate(colour[: len(spec.categories)]):
                point = series.points[index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = RGBColor.from_string(point_colour)
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = RGBColor.from_string(colour)


# PowerPoint ------------------------------------------------------------------------


def _text(slide, left, top, width, height, text: str, size: int, colour: str = INK, bold: bool = False,
          align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP) -> None:
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(colour)


def _fit_size(texts: list[str], width_in: float, largest: int) -> int:
    """Largest type size (pt) at which the longest figure stays on one line; bold digits are ~0.62 em wide."""
    longest = max((len(t) for t in texts), default=1)
    return int(min(largest, width_in * 72 / (0.62 * longest)))


def _pptx_numbers(page, item: Slide) -> None:
    count = len(item.numbers)
    gap, left, width = 0.3, 0.6, WIDTH_IN - 1.2
    column = (width - gap * (count - 1)) / count
    value_size = _fit_size([n.value for n in item.numbers], column - 0.2, 80)
    for index, number in enumerate(item.numbers):
        x = left + index * (column + gap)
        top = 2.2
        if number.heading:
            _text(page, x, top, column, 0.9, number.heading, 18, ACCENT, bold=True)
            top += 0.9
        _text(page, x, top, column, 1.5, number.value, value_size, ACCENT if number.value != "–" else MUTED,
              bold=True)
        _text(page, x, top + 1.55, column, 1.1, number.label, 20)
        status = f" · {schema.label(number.status)}" if number.status else ""
        if number.value != "–":
            _text(page, x, top + 2.55, column, 0.8, f"{number.source}{status}", 12, MUTED)


def _pptx_slide(presentation, item: Slide) -> None:
    page = presentation.slides.add_slide(presentation.slide_layouts[6])
    if item.kind == slides.TITLE:
        _text(page, 0.8, 2.0, WIDTH_IN - 1.6, 1.8, item.title, 44, INK, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        _text(page, 0.8, 3.95, WIDTH_IN - 1.6, 0.8, item.subtitle, 24, ACCENT)
        _text(page, 0.8, 4.8, WIDTH_IN - 1.6, 0.8, "\n".join(item.bullets), 20, MUTED)
    else:
        _text(page, 0.6, 0.35, WIDTH_IN - 2.9 if item.illustrative else WIDTH_IN - 1.2, 1.2, item.title, 32, INK,
              bold=True, anchor=MSO_ANCHOR.MIDDLE)
        if item.illustrative:
            _text(page, WIDTH_IN - 2.2, 0.55, 1.7, 0.5, ILLUSTRATIVE_BADGE, 14, WARN, bold=True, align=PP_ALIGN.RIGHT)
        if item.subtitle:
            _text(page, 0.6, 1.5, WIDTH_IN - 1.2, 0.6, item.subtitle, 18, MUTED)
        if item.kind == slides.BIG_NUMBERS:
            _pptx_numbers(page, item)
        elif item.kind == slides.CHART and item.chart is not None:
            spec = native_chart(item.chart.figure)
            box = (Inches(0.6), Inches(1.6), Inches(WIDTH_IN - 1.2), Inches(5.0))
            if spec is not None:
                _add_native_chart(page, spec, *box)
            else:
                picture = images.png_bytes(item.chart.figure, *PDF_CHART_PX)
                page.shapes.add_picture(io.BytesIO(picture), *box)
        elif item.kind == slides.TEXT:
            _text(page, 0.8, 2.4, WIDTH_IN - 1.6, 3.5, "\n".join(item.bullets), 28)
    _text(page, 0.6, HEIGHT_IN - 0.75, WIDTH_IN - 1.2, 0.6, item.source, 11, MUTED, anchor=MSO_ANCHOR.BOTTOM)
    notes = ["Sumber setiap angka:", *item.notes]
    if item.chart is not None:
        notes += ["", item.chart.alt]
    page.notes_slide.notes_text_frame.text = "\n".join(notes)


def pptx_bytes(deck: list[Slide]) -> bytes:
    """The deck as a 16:9 PowerPoint file: figures as text, charts native, sources in the notes."""
    presentation = Presentation()
    # PowerPoint's own 16:9 size, exactly: 13.333 × 7.5 in.
    presentation.slide_width, presentation.slide_height = Emu(12_192_000), Emu(6_858_000)
    for item in deck:
        _pptx_slide(presentation, item)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


# PDF -------------------------------------------------------------------------------


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


class _DeckPDF(FPDF):
    def write_block(self, x: float, y: float, w: float, text: str, size: float, colour: str = INK,
                    bold: bool = False, align: str = "L", line: float = 1.25) -> float:
        """Wrapped text at (x, y) in inches; returns the y below it."""
        self.set_font("DejaVu", "B" if bold else "", size)
        self.set_text_color(*_rgb(colour))
        self.set_xy(x, y)
        self.multi_cell(w, size / 72 * line, text, align=align, new_x="LMARGIN", new_y="NEXT")
        return self.get_y()


def _pdf_numbers(pdf: _DeckPDF, item: Slide) -> None:
    count = len(item.numbers)
    gap, left, width = 0.3, 0.6, WIDTH_IN - 1.2
    column = (width - gap * (count - 1)) / count
    value_size = 72
    pdf.set_font("DejaVu", "B", value_size)
    widest = max(pdf.get_string_width(n.value) for n in item.numbers)
    # One size for every figure on the page, the largest at which the widest stays on one line.
    value_size = min(value_size, int(value_size * (column - 0.1) / widest)) if widest else value_size
    for index, number in enumerate(item.numbers):
        x = left + index * (column + gap)
        y = 2.3
        if number.heading:
            pdf.write_block(x, y, column, number.heading, 16, ACCENT, bold=True)
            y += 0.9
        pdf.write_block(x, y, column, number.value, value_size, ACCENT if number.value != "–" else MUTED, bold=True,
                        line=1.1)
        below = pdf.write_block(x, y + 1.3, column, number.label, 18)
        status = f" · {schema.label(number.status)}" if number.status else ""
        if number.value != "–":
            pdf.write_block(x, max(below + 0.1, y + 2.3), column, f"{number.source}{status}", 11, MUTED)


def _pdf_chart(pdf: _DeckPDF, item: Slide) -> None:
    x, y, w, h = 0.6, 1.7, WIDTH_IN - 1.2, 4.9
    if not images.chromium_available():
        pdf.write_block(x, y, w, f"{images.UNAVAILABLE_TEXT}.\n{item.chart.alt}", 16, MUTED)
        return
    picture = images.png_bytes(slides.projector_figure(item.chart.figure, font_size=26), *PDF_CHART_PX)
    pdf.image(io.BytesIO(picture), x=x, y=y, w=w, h=w * PDF_CHART_PX[1] / PDF_CHART_PX[0])


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made on this machine; the message says why, in one Indonesian sentence."""


def pdf_available() -> bool:
    """Whether the DejaVu fonts the PDF is set in are installed (Debian's fonts-dejavu-core)."""
    return all((FONT_DIR / name).exists() for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))


PDF_UNAVAILABLE_TEXT = ("PDF tidak tersedia: huruf DejaVu belum terpasang di server "
                        "(apt-get install fonts-dejavu-core); PPTX tetap dapat diunduh.")


def pdf_bytes(deck: list[Slide]) -> bytes:
    """The deck as a PDF: one 16:9 page per slide, text as text, charts as images."""
    if not pdf_available():
        raise PdfUnavailable(PDF_UNAVAILABLE_TEXT)
    pdf = _DeckPDF(orientation="L", unit="in", format=(HEIGHT_IN, WIDTH_IN))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0.6, 0.35, 0.6)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(deck[0].title if deck else "Dasbor Koperasi & UMKM Pamekasan")
    for item in deck:
        pdf.add_page()
        if item.kind == slides.TITLE:
            pdf.write_block(0.8, 2.3, WIDTH_IN - 1.6, item.title, 40, bold=True)
            pdf.write_block(0.8, 3.9, WIDTH_IN - 1.6, item.subtitle, 22, ACCENT)
            pdf.write_block(0.8, 4.7, WIDTH_IN - 1.6, "\n".join(item.bullets), 18, MUTED)
        else:
            width = WIDTH_IN - 3.0 if item.illustrative else WIDTH_IN - 1.2
            below = pdf.write_block(0.6, 0.45, width, item.title, 28, bold=True)
            if item.illustrative:
                pdf.write_block(WIDTH_IN - 2.3, 0.55, 1.7, ILLUSTRATIVE_BADGE, 14, WARN, bold=True, align="R")
            if item.subtitle:
                pdf.write_block(0.6, max(below, 1.2) + 0.05, WIDTH_IN - 1.2, item.subtitle, 16, MUTED)
            if item.kind == slides.BIG_NUMBERS:
                _pdf_numbers(pdf, item)
            elif item.kind == slides.CHART and item.chart is not None:
                _pdf_chart(pdf, item)
            elif item.kind == slides.TEXT:
                pdf.write_block(0.8, 2.5, WIDTH_IN - 1.6, "\n".join(item.bullets), 26)
        pdf.write_block(0.6, HEIGHT_IN - 0.7, WIDTH_IN - 1.2, item.source, 10, MUTED)
    return bytes(pdf.output())
