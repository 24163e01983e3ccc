"""The presentation page with AppTest: slide from the URL, previous/next, year from the URL, deck downloads."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_pages import ENTRY, run_page


def present(**params: str) -> AppTest:
    """The bare presentation (?mode=presentasi&...), as a projector would open it."""
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.query_params["mode"] = "presentasi"
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def slide_html(app: AppTest) -> str:
    return "\n".join(h.proto.body for h in app.get("html") if not h.proto.body.startswith("<style>"))


def slide_title(app: AppTest) -> str:
    return re.search(r'class="slide-title">([^<]*)<', slide_html(app)).group(1)


def counter(app: AppTest) -> str:
    return next(m.value for m in app.markdown if "slide-counter" in m.value)


def test_bare_url_opens_the_first_slide_of_the_latest_year():
    app = present()
    assert slide_title(app) == "Koperasi dan UMKM Kabupaten Pamekasan 2024"
    assert ">1 / 7<" in counter(app)


@pytest.mark.parametrize("tahun,slide,title", [
    ("2016", "2", "563 dari 585 koperasi aktif (96,2 %)"),
    ("2024", "2", "444 dari 791 koperasi aktif (56,1 %)"),
    ("2016", "6", "195.554 UMKM mempekerjakan 257.481 orang"),
    ("2016", "99", "Langkah berikutnya: 22 koperasi tidak aktif diusulkan untuk dibubarkan"),
    ("2016", "abc", "Koperasi dan UMKM Kabupaten Pamekasan 2016"),
])
def test_year_and_slide_come_from_the_url(tahun, slide, title):
    assert slide_title(present(tahun=tahun, slide=slide)) == title


def test_big_numbers_show_the_figures_and_the_source_line():
    html = slide_html(present(tahun="2016", slide="2"))
    values = re.findall(r'class="number-value"[^>]*>([^<]*)<', html)
    assert values == ["585", "563", "22"]
    assert '<p class="slide-source">Sumber: Antara Jatim, 12 Juli 2016 · Status: Resmi</p>' in html


def test_next_and_previous_change_the_slide_and_the_url():
    app = present(tahun="2016", slide="2")
    app.button(key="slide-next").click().run()
    assert app.query_params["slide"] == ["3"] or app.query_params["slide"] == "3"
    assert slide_title(app) == "Koperasi aktif turun dari 563 (2016) menjadi 444 (2024)"
    # The projector's chart in projector type, and the phone's (shown below 640 px) as the dashboard draws it.
    layouts = [json.loads(c.proto.spec)["layout"] for c in app.get("plotly_chart")]
    fonts = [layout.get("font", layout["template"]["layout"]["font"])["size"] for layout in layouts]
    assert fonts == [24, 16] and layouts[1]["height"] >= 400, (fonts, layouts[1].get("height"))
    app.button(key="slide-prev").click().run()
    assert slide_title(app) == "563 dari 585 koperasi aktif (96,2 %)"
    assert ">2 / 9<" in counter(app)


def test_first_and_last_slide_disable_the_way_out():
    first = present(tahun="2016", slide="1")
    assert first.button(key="slide-prev").disabled and not first.button(key="slide-next").disabled
    last = present(tahun="2016", slide="9")
    assert last.button(key="slide-next").disabled


def test_illustrative_chart_slide_carries_the_badge():
    html = slide_html(present(tahun="2016", slide="4"))
    assert '<span class="slide-badge">Data ilustratif</span>' in html
    assert "Data ilustratif: totalnya sama dengan angka resmi" in html


def test_presentation_mode_hides_the_chrome_and_the_footer():
    app = present(tahun="2016")
    styles = "\n".join(h.proto.body for h in app.get("html"))
    assert '[data-testid="stSidebar"]' in styles and "display: none" in styles
    assert not [c for c in app.caption if "Sumber data" in c.value]


def test_presentation_is_also_a_normal_page_with_a_link_to_full_screen():
    app = run_page("pages/presentasi.py", tahun="2016")
    assert slide_title(app) == "Koperasi dan UMKM Kabupaten Pamekasan 2016"
    assert any("?mode=presentasi&tahun=2016&slide=1" in m.value for m in app.markdown)


def test_deck_downloads_appear_once_prepared():
    app = present(tahun="2016")
    assert not app.get("download_button")
    app.button(key="siapkan-deck").click().run()
    labels = [d.proto.label for d in app.get("download_button")]
    assert labels == ["Unduh PPTX", "Unduh PDF"]


def test_auto_advance_is_off_by_default():
    app = present(tahun="2016")
    assert app.toggle(key="maju-otomatis").value is False
