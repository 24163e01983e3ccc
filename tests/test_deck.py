"""The deck files: PowerPoint with the figures as text and native charts, PDF with one page per slide."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from types import SimpleNamespace

import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from koperasi_data import deck, images, slides

HEADLINE_2016 = ["585", "563", "22", "195.554", "257.481"]


@pytest.fixture(scope="module")
def deck_2016(dataset, values):
    return slides.deck(dataset, values, 2016)


@pytest.fixture(scope="module")
def pptx_2016(deck_2016):
    return Presentation(io.BytesIO(deck.pptx_bytes(deck_2016)))


def slide_text(slide) -> list[str]:
    return [p.text for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs]


def test_pptx_is_16_to_9_with_one_slide_per_slide(pptx_2016, deck_2016):
    assert (pptx_2016.slide_width, pptx_2016.slide_height) == (Emu(12_192_000), Emu(6_858_000))
    assert len(pptx_2016.slides) == len(deck_2016)


def test_pptx_holds_the_2016_headline_figures_as_text(pptx_2016):
    texts = {t for slide in pptx_2016.slides for t in slide_text(slide)}
    for figure in HEADLINE_2016:
        assert figure in texts


def test_pptx_titles_are_the_slide_messages(pptx_2016, deck_2016):
    for slide, item in zip(pptx_2016.slides, deck_2016):
        assert item.title in slide_text(slide)
        assert item.source in slide_text(slide)


def test_pptx_charts_are_native_and_carry_the_numbers(pptx_2016):
    charts = {i: shape.chart for i, slide in enumerate(pptx_2016.slides) for shape in slide.shapes if shape.has_chart}
    assert len(charts) >= 3
    assert not [s for slide in pptx_2016.slides for s in slide.shapes if s.shape_type == 13]  # no pictures
    trend = charts[2]
    # An XY chart: 2016 -> 2019 is three years of width, not one category step.
    assert trend.chart_type == XL_CHART_TYPE.XY_SCATTER_LINES
    aktif = next(s for s in trend.plots[0].series if s.name == "Koperasi aktif")
    assert list(aktif.values)[0] == 563
    assert list(aktif.iter_values())[:2] == [563, 484]
    x_values = [float(v) for v in aktif._element.xpath("./c:xVal//c:v/text()")]
    assert x_values[:3] == [2016.0, 2019.0, 2020.0]


def test_pptx_notes_name_each_figures_source(pptx_2016):
    notes = pptx_2016.slides[1].notes_slide.notes_text_frame.text
    assert "Jumlah koperasi: 585 (Antara Jatim, 12 Juli 2016, https://jatim.antaranews.com/" in notes
    assert "status Resmi" in notes
    for slide in pptx_2016.slides:
        assert slide.notes_slide.notes_text_frame.text.startswith("Sumber setiap angka:")


@pytest.mark.parametrize("figure,chart_type,categories,series", [
    (go.Figure([go.Bar(y=["Waru", "Pasean"], x=[5, 7], orientation="h", name="Aktif"),
                go.Bar(y=["Waru", "Pasean"], x=[1, 0], orientation="h", name="Tidak aktif")]).update_layout(
        barmode="stack"), XL_CHART_TYPE.BAR_STACKED, ["Waru", "Pasean"], [("Aktif", [5, 7]), ("Tidak aktif", [1, 0])]),
    (go.Figure(go.Bar(x=["2022<br>kuota", "2024<br>kuota"], y=[1470, 3100])), XL_CHART_TYPE.COLUMN_CLUSTERED,
     ["2022 kuota", "2024 kuota"], [("Jumlah", [1470, 3100])]),
    (go.Figure(go.Funnel(y=["Diusulkan", "Terbit"], x=[150, 62])), XL_CHART_TYPE.BAR_CLUSTERED,
     ["Terbit", "Diusulkan"], [("Jumlah", [62, 150])]),
    (go.Figure([go.Scatter(x=[2016, 2019], y=[563, 484], name="Aktif"), go.Scatter(x=[2019], y=[139], name="Tidak")]),
     XL_CHART_TYPE.XY_SCATTER_LINES, ["2016", "2019"], [("Aktif", [563, 484]), ("Tidak", [139])]),
])
def test_native_chart_reads_the_figures_traces(figure, chart_type, categories, series):
    spec = deck.native_chart(figure)
    assert spec.chart_type == chart_type
    assert spec.categories == categories
    assert spec.series == series


def test_a_chart_with_no_native_type_has_no_native_spec():
    assert deck.native_chart(go.Figure(go.Scattergeo(lat=[-7.1], lon=[113.4]))) is None


def test_pdf_has_one_page_per_slide_and_the_figures_as_text(deck_2016):
    reader = PdfReader(io.BytesIO(deck.pdf_bytes(deck_2016)))
    assert len(reader.pages) == len(deck_2016)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for figure in HEADLINE_2016:
        assert figure in text
    assert "Antara Jatim, 12 Juli 2016" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(float(width) / float(height), 2) == round(16 / 9, 2)


def test_pdf_without_chromium_says_so_on_chart_pages(deck_2016, monkeypatch):
    monkeypatch.setattr(images, "chromium_available", lambda: False)
    reader = PdfReader(io.BytesIO(deck.pdf_bytes(deck_2016)))
    assert "Chromium tidak terpasang di server" in reader.pages[2].extract_text()


def test_native_chart_reads_figures_that_went_through_a_cache():
    import pickle

    import numpy as np

    figure = go.Figure(go.Bar(y=np.array(["Waru", "Pasean"]), x=np.array([5, 7]), orientation="h"))
    cached = pickle.loads(pickle.dumps(figure))
    assert "bdata" in cached.data[0].x  # what st.cache_data hands back
    spec = deck.native_chart(cached)
    assert spec.categories == ["Waru", "Pasean"]
    assert spec.series == [("Jumlah", [5.0, 7.0])]


def test_pdf_without_its_fonts_says_so_in_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setattr(deck, "FONT_DIR", tmp_path)
    assert not deck.pdf_available()
    with pytest.raises(deck.PdfUnavailable, match="fonts-dejavu-core"):
        deck.pdf_bytes([])


# What a viewer of the PowerPoint file sees, whatever the locale of the PC ----------------------


def label_texts(pptx, index: int) -> list[str]:
    chart = next(shape.chart for shape in pptx.slides[index].shapes if shape.has_chart)
    return [t.replace("\u00a0", " ") for t in chart._chartSpace.xpath(".//c:dLbl//a:t/text()")]


def test_chart_labels_are_indonesian_text_not_a_locale_number_format(pptx_2016, deck_2016):
    umkm = next(i for i, s in enumerate(deck_2016) if s.key == "umkm-kecamatan")
    labels = label_texts(pptx_2016, umkm)
    assert "63.482" in labels and "48.274" in labels
    # No axis or label shows a number through a format code the viewer's locale would render as 63,482.
    chart = next(shape.chart for shape in pptx_2016.slides[umkm].shapes if shape.has_chart)
    assert chart.value_axis.visible is False and not chart.value_axis.has_major_gridlines


def test_stacked_segments_have_no_zero_labels_and_light_labels_on_dark_bars():
    figure = go.Figure([go.Bar(y=["Waru", "Pasean"], x=[5, 7], orientation="h", name="Aktif", marker_color="#0072B2"),
                        go.Bar(y=["Waru", "Pasean"], x=[1, 0], orientation="h", name="Tidak aktif",
                               marker_color="#F0E442")]).update_layout(barmode="stack")
    spec = deck.native_chart(figure)
    assert spec.labels == [["5", "7"], ["1", None]]
    pptx = Presentation(io.BytesIO(deck.pptx_bytes([slides.Slide("x", slides.CHART, "Judul", "Sumber: –",
                                                                 chart=SimpleNamespace(figure=figure, alt="alt"))])))
    series = next(s.chart for s in pptx.slides[0].shapes if s.has_chart).plots[0].series
    dark, light = (s._element for s in series)
    assert set(dark.xpath(".//c:dLbl//a:solidFill/a:srgbClr/@val")) == {"FFFFFF"}
    assert set(light.xpath(".//c:dLbl//a:solidFill/a:srgbClr/@val")) == {deck.INK}
    # Pasean's empty "tidak aktif" segment: its label is deleted, not "0".
    assert light.xpath('.//c:dLbl[c:idx/@val="1"]/c:delete/@val') == ["1"]


def test_charts_have_no_automatic_title(pptx_2016):
    for slide in pptx_2016.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                assert shape.chart._chartSpace.xpath("./c:chart/c:autoTitleDeleted/@val") == ["1"]


def test_trend_marks_derived_points_hollow_and_with_a_star(pptx_2016, deck_2016):
    labels = label_texts(pptx_2016, 2)
    assert "503*" in labels and "563" in labels and "563*" not in labels
    captions = [p.text for shape in pptx_2016.slides[2].shapes if shape.has_text_frame
                for p in shape.text_frame.paragraphs]
    assert deck.DERIVED_CAPTION in captions


def test_big_figures_never_wrap_and_shrink_to_fit_their_box(pptx_2016):
    figures = [shape for slide in pptx_2016.slides for shape in slide.shapes
               if shape.has_text_frame and shape.text_frame.text in HEADLINE_2016]
    assert {shape.text_frame.text for shape in figures} == set(HEADLINE_2016)
    for shape in figures:
        body = shape.text_frame._txBody.bodyPr
        assert body.get("wrap") == "none" and body.xpath("./a:normAutofit")


def test_pdf_keeps_rp_and_its_scale_word_on_one_line(deck_2016):
    reader = PdfReader(io.BytesIO(deck.pdf_bytes(deck_2016)))
    page = next(p for p in reader.pages if "Tiga hambatan" in p.extract_text())
    lines = page.extract_text().splitlines()
    assert any("Rp4,4" in line and "miliar" in line for line in lines)


# LibreOffice Impress: the file as an English-locale office PC renders it ------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                    reason="LibreOffice Impress is not installed (make test installs Debian's libreoffice-impress)")
def test_libreoffice_renders_the_deck_with_indonesian_numbers(deck_2016, tmp_path):
    assert SOFFICE, "CI must have LibreOffice Impress: the Makefile installs libreoffice-impress"
    source = tmp_path / "dek.pptx"
    source.write_bytes(deck.pptx_bytes(deck_2016))
    environment = {**os.environ, "HOME": str(tmp_path), "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180, env=environment)
    reader = PdfReader(tmp_path / "dek.pdf")
    assert len(reader.pages) == len(deck_2016)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "63.482" in text and "63,482" not in text
    assert "Jumlah" not in reader.pages[4].extract_text()  # no automatic chart title on the funnel
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "dek.pdf"), str(tmp_path / "halaman")],
                       check=True, timeout=120)
        assert len(list(tmp_path.glob("halaman-*.png"))) == len(deck_2016)
