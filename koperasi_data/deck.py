"""The deck as files: PowerPoint with native, editable charts, and PDF for printing and WhatsApp."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from fpdf import FPDF
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Emu, Inches, Pt

from koperasi_data import fmt, images, schema, slides
from koperasi_data.slides import Slide
from koperasi_data.i18n import N_, _

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
INK, MUTED, ACCENT, WARN = "1F2933", "52606D", "0072B2", "B35900"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
ILLUSTRATIVE_BADGE = N_("Data ilustratif")
# Chart images in the PDF: CSS pixels of the drawing, doubled for print.
PDF_CHART_PX = (1500, 560)


# Native charts -----------------------------------------------------------------------


@dataclass(frozen=True)
class NativeChart:
    """What PowerPoint needs to draw a chart itself: type, categories, named series, colours and labels.

    Every data label is written as text (``labels``: Indonesian "63.482", or None for no label):
    a number format such as ``#,##0`` is drawn with the viewer's locale, so an English-locale PC
    would show "63,482" under a title that says "63.482".
    """

    chart_type: XL_CHART_TYPE
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    colours: list[str | list[str] | None]
    number_format: str
    labels: list[list[str | None]] = field(default_factory=list)
    # XY charts (the trend): the x value of each point, per series, and which points are drawn hollow.
    x_values: list[list[float]] = field(default_factory=list)
    hollow: list[list[bool]] = field(default_factory=list)
    notes: tuple[str, ...] = ()


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


def _label(value, text=None) -> str | None:
    """A data label in Indonesian: the trace's own text when it has one; nothing for an empty or zero value."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or float(value) == 0:
        return None
    text = _category(text) if text not in (None, "") else fmt.number(value, 0 if float(value).is_integer() else 1)
    # A label is one line: "150 bidang (100,0 %)" must not break inside the chart.
    return text.replace(" ", "\u00a0")


def _texts(trace, count: int) -> list:
    texts = _array(trace.text) if isinstance(trace.text, (list, tuple, dict)) else []
    return texts if len(texts) == count else [None] * count


def native_chart(figure: go.Figure) -> NativeChart | None:
    """The figure as a native PowerPoint chart, or None when no native type fits."""
    traces = list(figure.data)
    if not traces:
        return None
    kinds = {t.type for t in traces}
    x_values, hollow = [], []
    if kinds == {"bar"}:
        horizontal = all(t.orientation == "h" for t in traces)
        stacked = figure.layout.barmode == "stack"
        chart_type = {(True, True): XL_CHART_TYPE.BAR_STACKED, (True, False): XL_CHART_TYPE.BAR_CLUSTERED,
                      (False, True): XL_CHART_TYPE.COLUMN_STACKED,
                      (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED}[(horizontal, stacked)]
        pairs = [(_array(t.y), _array(t.x)) if horizontal else (_array(t.x), _array(t.y)) for t in traces]
        categories = list(dict.fromkeys(c for cats, _ in pairs for c in cats))
        series, labels = [], []
        for trace, (cats, vals) in zip(traces, pairs):
            by_category = dict(zip(cats, vals))
            text_of = dict(zip(cats, _texts(trace, len(cats))))
            series.append((trace.name or "Jumlah", [by_category.get(c) for c in categories]))
            labels.append([_label(by_category.get(c), text_of.get(c)) for c in categories])
        colours = [_colour(t.marker.color) for t in traces]
    elif kinds == {"funnel"} and len(traces) == 1:
        # A funnel reads top-down; PowerPoint draws a bar chart's first category at the bottom.
        trace = traces[0]
        categories, vals = _array(trace.y)[::-1], _array(trace.x)[::-1]
        texts = _texts(trace, len(vals))[::-1]
        colour = _colour(trace.marker.color)
        chart_type = XL_CHART_TYPE.BAR_CLUSTERED
        series = [(trace.name or "Jumlah", vals)]
        labels = [[_label(v, t) for v, t in zip(vals, texts)]]
        colours = [colour[::-1] if isinstance(colour, list) else colour]
    elif kinds == {"scatter"}:
        # An XY chart, so that 2016 -> 2019 takes three years of width, not one.
        chart_type = XL_CHART_TYPE.XY_SCATTER_LINES
        categories = sorted(dict.fromkeys(x for t in traces for x in _array(t.x)))
        series, labels = [], []
        for trace in traces:
            xs, ys = _array(trace.x), _array(trace.y)
            series.append((trace.name, ys))
            labels.append([_label(y, t) for y, t in zip(ys, _texts(trace, len(ys)))])
            x_values.append([float(x) for x in xs])
            marker_colours = trace.marker.color if isinstance(trace.marker.color, (list, tuple)) else []
            hollow.append([c == "white" for c in marker_colours] if len(marker_colours) == len(xs) else
                          [False] * len(xs))
        colours = [_colour(t.line.color) for t in traces]
    else:
        return None
    values = [v for _, vals in series for v in vals]
    notes = tuple(a.text for a in figure.layout.annotations if a.text)
    if any(h for points in hollow for h in points):
        notes = (_(DERIVED_CAPTION),) + tuple(n for n in notes if not n.startswith(_("Titik berlubang")))
    return NativeChart(chart_type, [_category(c) for c in categories],
                       [(name, [None if v is None else float(v) for v in vals]) for name, vals in series],
                       colours, _number_format(values), labels, x_values, hollow, notes)


def _dark(colour: str) -> bool:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 140


def _hide_label(point, index: int) -> None:
    """No label on this point (an empty segment must not read "0")."""
    dlbl = point.data_label._get_or_add_dLbl()
    for child in list(dlbl):
        if not child.tag.endswith("}idx"):
            dlbl.remove(child)
    dlbl.append(parse_xml(f'<c:delete {nsdecls("c")} val="1"/>'))


def _write_labels(series, texts: list[str | None], size: int, colour: str, position) -> None:
    for index, text in enumerate(texts):
        point = series.points[index]
        if text is None:
            _hide_label(point, index)
            continue
        label = point.data_label
        label.text_frame.text = text
        label.text_frame.word_wrap = False
        run = label.text_frame.paragraphs[0].runs[0]
        run.font.size = Pt(size)
        run.font.color.rgb = RGBColor.from_string(colour)
        if position is not None:
            label.position = position


# A derived point is drawn hollow (PowerPoint) and its label carries this mark as well: LibreOffice
# ignores a single point's marker fill in an XY chart.
DERIVED_MARK = "*"
DERIVED_CAPTION = N_("Titik berlubang dan tanda *: angka turunan (jumlah − tidak aktif)")


def _xy_chart_data(spec: NativeChart) -> XyChartData:
    data = XyChartData()
    for (name, values), xs in zip(spec.series, spec.x_values):
        series = data.add_series(name, number_format="0")
        for x, y in zip(xs, values):
            if y is not None:
                series.add_data_point(x, y)
    return data


def _add_native_chart(slide, spec: NativeChart, left, top, width, height) -> None:
    xy = spec.chart_type == XL_CHART_TYPE.XY_SCATTER_LINES
    if xy:
        data = _xy_chart_data(spec)
    else:
        data = CategoryChartData(number_format=spec.number_format)
        data.categories = spec.categories
        for name, values in spec.series:
            data.add_series(name, values)
    chart = slide.shapes.add_chart(spec.chart_type, left, top, width, height, data).chart
    # No automatic title: a one-series chart would otherwise be titled with its series name ("Jumlah").
    chart.has_title = False
    chart.font.size = Pt(16)
    chart.font.color.rgb = RGBColor.from_string(INK)
    chart.has_legend = len(chart.plots[0].series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    if spec.chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED):
        plot.gap_width = 60
    # The value axis carries no numbers (they would follow the viewer's locale); every bar and point
    # is labelled in Indonesian instead.
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    if xy:
        years = [x for xs in spec.x_values for x in xs]
        axis = chart.category_axis
        # Whole years at both ends: the axis labels its ticks from the minimum, so a half year would be
        # rounded into a wrong label.
        axis.minimum_scale, axis.maximum_scale = min(years), max(years)
        axis.major_unit = 1
        # "0" has no grouping separator: 2016 reads 2016 in every locale.
        axis.tick_labels.number_format = "0"
        axis.tick_labels.number_format_is_linked = False
        axis.has_major_gridlines = False
        chart.value_axis.minimum_scale = 0
    stacked = spec.chart_type in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED)
    for index, (series, colour) in enumerate(zip(plot.series, spec.colours)):
        texts = spec.labels[index] if index < len(spec.labels) else []
        if xy:
            points = [t for t, v in zip(texts, spec.series[index][1]) if v is not None]
            line_colour = colour if isinstance(colour, str) else INK
            series.format.line.color.rgb = RGBColor.from_string(line_colour)
            series.format.line.width = Pt(3.5)
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 11
            series.marker.format.line.color.rgb = RGBColor.from_string(line_colour)
            hollow = [h for h, v in zip(spec.hollow[index], spec.series[index][1]) if v is not None]
            for point_index, is_hollow in enumerate(hollow):
                point = series.points[point_index]
                point.marker.style = XL_MARKER_STYLE.CIRCLE
                point.marker.size = 11
                point.marker.format.fill.solid()
                point.marker.format.fill.fore_color.rgb = RGBColor.from_string("FFFFFF" if is_hollow else line_colour)
                point.marker.format.line.color.rgb = RGBColor.from_string(line_colour)
                point.marker.format.line.width = Pt(2.5)
            points = [f"{t}{DERIVED_MARK}" if t and h else t for t, h in zip(points, hollow)]
            _write_labels(series, points, 14, line_colour, XL_LABEL_POSITION.ABOVE)
            continue
        if isinstance(colour, list):
            for point_index, point_colour in enumerate(colour[: len(spec.categories)]):
                point = series.points[point_index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = RGBColor.from_string(point_colour)
        elif colour is not None:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = RGBColor.from_string(colour)
        if stacked:
            # Inside a segment: white on a dark fill, ink on a light one.
            fill = colour if isinstance(colour, str) else ACCENT
            _write_labels(series, texts, 13, "FFFFFF" if _dark(fill) else INK, XL_LABEL_POSITION.CENTER)
        else:
            _write_labels(series, texts, 14, INK, XL_LABEL_POSITION.OUTSIDE_END)


# PowerPoint ------------------------------------------------------------------------


def _text(slide, left, top, width, height, text: str, size: int, colour: str = INK, bold: bool = False,
          align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, wrap: bool = True) -> None:
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = wrap
    frame.vertical_anchor = anchor
    if not wrap:
        # A figure never wraps; in a viewer with a wider fallback font it shrinks into its box instead.
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(colour)


# Average advance of a character in em: ~0.55 for DejaVu Sans text; digits in bold are wider, and a
# viewer without the font falls back to something wider still, so the figures are sized at 0.72.
TEXT_EM, BOLD_EM, FIGURE_EM = 0.56, 0.64, 0.72


def _lines(text: str, width_in: float, size: float, em: float = TEXT_EM) -> int:
    """Lines a text takes at this size and width (estimated, word by word)."""
    per_line = max(int(width_in * 72 / (em * size)), 1)
    count = 0
    for paragraph in text.split("\n"):
        line = 0
        count += 1
        for word in paragraph.split():
            needed = len(word) + (1 if line else 0)
            if line and line + needed > per_line:
                count += 1
                line = len(word)
            else:
                line += needed
    return count


def _height(text: str, width_in: float, size: float, spacing: float = 1.2, em: float = TEXT_EM) -> float:
    """Inches a wrapped text takes, with a little room for the box's own margins."""
    return _lines(text, width_in - 0.2, size, em) * size * spacing / 72 + 0.1


def _fit_size(texts: list[str], width_in: float, largest: int) -> int:
    """Largest type size (pt) at which the longest figure stays on one line, even in a wider fallback font."""
    longest = max((len(t) for t in texts), default=1)
    return int(min(largest, (width_in - 0.2) * 72 / (FIGURE_EM * longest)))


def _title_size(text: str, width_in: float, largest: int = 32, smallest: int = 24, lines: int = 2) -> int:
    """The largest title size at which the finding takes at most two lines."""
    for size in range(largest, smallest - 1, -2):
        if _lines(text, width_in, size, BOLD_EM) <= lines:
            return size
    return smallest


def _pptx_numbers(page, item: Slide, top: float) -> None:
    count = len(item.numbers)
    gap, left, width = 0.3, 0.6, WIDTH_IN - 1.2
    column = (width - gap * (count - 1)) / count
    bottom = HEIGHT_IN - 0.9  # the source line's top
    value_largest = 96
    for label_size in (22, 20, 18, 16, 14):
        value_size = _fit_size([n.value for n in item.numbers], column, value_largest)
        heading_h = max((_height(n.heading, column, 18, em=BOLD_EM) for n in item.numbers if n.heading), default=0)
        label_h = max(_height(n.label, column, label_size) for n in item.numbers)
        source_h = max(_height(n.source + " · Ilustratif", column, 12) for n in item.numbers)
        value_h = value_size * 1.25 / 72
        needed = heading_h + value_h + label_h + source_h + 0.2
        if top + needed <= bottom:
            break
        value_largest = max(int(value_size * 0.85), 36)
    # What is left over goes above the figures, so they sit in the middle of the free space.
    top = top + max((bottom - top - needed) / 3, 0)
    for index, number in enumerate(item.numbers):
        x = left + index * (column + gap)
        y = top
        if heading_h:
            _text(page, x, y, column, heading_h, number.heading, 18, ACCENT, bold=True)
            y += heading_h
        _text(page, x, y, column, value_h, number.value, value_size, ACCENT if number.value != "–" else MUTED,
              bold=True, wrap=False)
        y += value_h
        _text(page, x, y, column, label_h, number.label, label_size)
        y += label_h + 0.1
        status = f" · {schema.label(number.status)}" if number.status else ""
        if number.value != "–":
            _text(page, x, y, column, source_h, f"{number.source}{status}", 12, MUTED)


def _pptx_slide(presentation, item: Slide) -> None:
    page = presentation.slides.add_slide(presentation.slide_layouts[6])
    if item.kind == slides.TITLE:
        _text(page, 0.8, 2.0, WIDTH_IN - 1.6, 1.8, item.title, 44, INK, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        _text(page, 0.8, 3.95, WIDTH_IN - 1.6, 0.8, item.subtitle, 24, ACCENT)
        _text(page, 0.8, 4.8, WIDTH_IN - 1.6, 0.8, "\n".join(item.bullets), 20, MUTED)
    else:
        title_width = WIDTH_IN - 2.9 if item.illustrative else WIDTH_IN - 1.2
        size = _title_size(item.title, title_width)
        title_h = max(_height(item.title, title_width, size, 1.2, BOLD_EM), 0.8)
        _text(page, 0.6, 0.3, title_width, title_h, item.title, size, INK, bold=True, anchor=MSO_ANCHOR.TOP)
        if item.illustrative:
            _text(page, WIDTH_IN - 2.2, 0.45, 1.7, 0.5, _(ILLUSTRATIVE_BADGE), 14, WARN, bold=True, align=PP_ALIGN.RIGHT)
        top = 0.3 + title_h + 0.05
        if item.subtitle:
            subtitle_h = _height(item.subtitle, WIDTH_IN - 1.2, 18)
            _text(page, 0.6, top, WIDTH_IN - 1.2, subtitle_h, item.subtitle, 18, MUTED)
            top += subtitle_h
        bottom = HEIGHT_IN - 0.85
        if item.kind == slides.BIG_NUMBERS:
            _pptx_numbers(page, item, top + 0.2)
        elif item.kind == slides.CHART and item.chart is not None:
            spec = native_chart(item.chart.figure)
            caption = " · ".join(spec.notes) if spec is not None else ""
            chart_bottom = bottom - (0.4 if caption else 0)
            box = (Inches(0.6), Inches(top + 0.1), Inches(WIDTH_IN - 1.2), Inches(chart_bottom - top - 0.1))
            if spec is not None:
                _add_native_chart(page, spec, *box)
                if caption:
                    _text(page, 0.6, chart_bottom, WIDTH_IN - 1.2, 0.35, caption, 12, MUTED)
            else:
                picture = images.png_bytes(item.chart.figure, *PDF_CHART_PX)
                page.shapes.add_picture(io.BytesIO(picture), *box)
        elif item.kind == slides.TEXT:
            _text(page, 0.8, max(top + 0.4, 2.4), WIDTH_IN - 1.6, 3.5, "\n".join(item.bullets), 28)
    source_size = 11 if _lines(item.source, WIDTH_IN - 1.2, 11) <= 3 else 9
    _text(page, 0.6, HEIGHT_IN - 0.8, WIDTH_IN - 1.2, 0.7, item.source, source_size, MUTED, anchor=MSO_ANCHOR.BOTTOM)
    notes = [_("Sumber setiap angka:"), *item.notes]
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


def _pdf_numbers(pdf: _DeckPDF, item: Slide, top: float) -> None:
    count = len(item.numbers)
    gap, left, width = 0.3, 0.6, WIDTH_IN - 1.2
    column = (width - gap * (count - 1)) / count
    bottom = HEIGHT_IN - 0.85  # the source line's top
    statuses = [f" · {schema.label(n.status)}" if n.status else "" for n in item.numbers]

    def height(text: str, size: float, bold: bool = False, line: float = 1.25) -> float:
        pdf.set_font("DejaVu", "B" if bold else "", size)
        return len(pdf.multi_cell(column, size / 72 * line, text, dry_run=True, output="LINES")) * size / 72 * line

    value_largest = 110
    for label_size in (22, 20, 18, 16, 14):
        pdf.set_font("DejaVu", "B", value_largest)
        widest = max(pdf.get_string_width(n.value) for n in item.numbers) or 1
        # One size for every figure on the page, the largest at which the widest stays on one line.
        value_size = min(value_largest, int(value_largest * (column - 0.1) / widest))
        heading_h = max((height(n.heading, 16, True) for n in item.numbers if n.heading), default=0)
        value_h = value_size / 72 * 1.15
        label_h = max(height(n.label, label_size) for n in item.numbers)
        source_h = max(height(n.source + s, 11) for n, s in zip(item.numbers, statuses))
        needed = heading_h + value_h + label_h + source_h + 0.35
        if top + needed <= bottom:
            break
        value_largest = max(int(value_size * 0.85), 36)
    top += max((bottom - top - needed) / 3, 0)
    for index, (number, status) in enumerate(zip(item.numbers, statuses)):
        x = left + index * (column + gap)
        y = top
        if heading_h:
            pdf.write_block(x, y, column, number.heading, 16, ACCENT, bold=True)
            y += heading_h + 0.1
        pdf.write_block(x, y, column, number.value, value_size, ACCENT if number.value != "–" else MUTED, bold=True,
                        line=1.1)
        y += value_h
        y = pdf.write_block(x, y, column, number.label, label_size) + 0.12
        if number.value != "–":
            pdf.write_block(x, y, column, f"{number.source}{status}", 11, MUTED)


def _pdf_chart(pdf: _DeckPDF, item: Slide, top: float) -> None:
    x, w = 0.6, WIDTH_IN - 1.2
    y = max(top + 0.1, 1.5)
    if not images.chromium_available():
        pdf.write_block(x, y, w, f"{images.UNAVAILABLE_TEXT}.\n{item.chart.alt}", 16, MUTED)
        return
    picture = images.png_bytes(slides.projector_figure(item.chart.figure, font_size=26), *PDF_CHART_PX)
    # Below the finding, above the source line: a longer title makes the chart smaller, never overlapped.
    height = min(w * PDF_CHART_PX[1] / PDF_CHART_PX[0], HEIGHT_IN - 0.85 - y)
    pdf.image(io.BytesIO(picture), x=x + (w - height * PDF_CHART_PX[0] / PDF_CHART_PX[1]) / 2, y=y,
              h=height)


def pdf_lines(pdf: _DeckPDF, text: str, width: float, size: float, bold: bool = True) -> int:
    """Lines a text takes in the PDF at this size and width (measured with the font itself)."""
    pdf.set_font("DejaVu", "B" if bold else "", size)
    return len(pdf.multi_cell(width, size / 72, text, dry_run=True, output="LINES"))


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
            size = 28 if pdf_lines(pdf, item.title, width, 28) <= 2 else 24
            below = pdf.write_block(0.6, 0.4, width, item.title, size, bold=True)
            if item.illustrative:
                pdf.write_block(WIDTH_IN - 2.3, 0.5, 1.7, _(ILLUSTRATIVE_BADGE), 14, WARN, bold=True, align="R")
            if item.subtitle:
                below = pdf.write_block(0.6, below + 0.05, WIDTH_IN - 1.2, item.subtitle, 16, MUTED)
            if item.kind == slides.BIG_NUMBERS:
                _pdf_numbers(pdf, item, below + 0.2)
            elif item.kind == slides.CHART and item.chart is not None:
                _pdf_chart(pdf, item, below)
            elif item.kind == slides.TEXT:
                pdf.write_block(0.8, max(below + 0.4, 2.5), WIDTH_IN - 1.6, "\n".join(item.bullets), 26)
        source_size = 10 if pdf_lines(pdf, item.source, WIDTH_IN - 1.2, 10, bold=False) <= 3 else 8
        source_h = pdf_lines(pdf, item.source, WIDTH_IN - 1.2, source_size, bold=False) * source_size / 72 * 1.25
        pdf.write_block(0.6, HEIGHT_IN - 0.2 - source_h, WIDTH_IN - 1.2, item.source, source_size, MUTED)
    return bytes(pdf.output())
