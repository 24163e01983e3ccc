"""The presentation on a projector-sized screen in Debian's Chromium: big figures, nothing overflows."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import browser_page

pytestmark = pytest.mark.e2e

SLIDES_2016 = 9
# Everything on screen that belongs to the slide or its controls (not Plotly's own SVG internals).
OUTSIDE_VIEWPORT = """() => {
  const selectors = '.st-key-slide [data-testid="stElementContainer"], .st-key-slide .slide-title, '
    + '.st-key-slide .number, .st-key-slide .slide-source, .st-key-slide-controls button, .slide-counter';
  return [...document.querySelectorAll(selectors)].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5);
  }).map(e => (e.className || e.tagName).toString().slice(0, 60));
}"""


def open_slide(page, url: str) -> None:
    """Load one slide and wait until its script run and any chart on it are done."""
    page.goto(url)
    page.wait_for_selector(".st-key-slide .slide-title")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')"
        " && [...document.querySelectorAll('.st-key-slide .js-plotly-plot')].every(p => p.querySelector('svg.main-svg'))")
    page.wait_for_timeout(700)


@pytest.fixture()
def screen(browser, request):
    """A browser page of the asked size (width, height)."""
    yield from browser_page(browser, *request.param)


@pytest.mark.parametrize("screen", [(1920, 1080)], indirect=True)
def test_headline_number_is_at_least_96_px_tall_at_1920x1080(screen, server_url, screenshots_dir):
    for number in range(1, SLIDES_2016 + 1):
        open_slide(screen, f"{server_url}/?mode=presentasi&tahun=2016&slide={number}")
        screen.screenshot(path=str(screenshots_dir / f"presentasi-1920x1080-{number:02d}.png"))
        values = screen.locator(".number-value")
        for index in range(values.count()):
            box = values.nth(index).bounding_box()
            assert box["height"] >= 96, (number, values.nth(index).inner_text(), box)
        if number == 2:
            assert values.all_inner_texts() == ["585", "563", "22"]


@pytest.mark.parametrize("screen", [(1280, 720)], indirect=True)
def test_no_slide_overflows_at_1280x720(screen, server_url, screenshots_dir):
    for number in range(1, SLIDES_2016 + 1):
        open_slide(screen, f"{server_url}/?mode=presentasi&tahun=2016&slide={number}")
        screen.screenshot(path=str(screenshots_dir / f"presentasi-1280x720-{number:02d}.png"))
        heights = screen.evaluate(
            "() => { const s = document.querySelector('.st-key-slide'); return [s.scrollHeight, s.clientHeight]; }")
        assert heights[0] <= heights[1], (number, heights)
        assert screen.evaluate(OUTSIDE_VIEWPORT) == [], number
        assert screen.evaluate("() => document.documentElement.scrollWidth") <= 1280
        assert screen.locator(".slide-source").first.is_visible()


@pytest.mark.parametrize("screen", [(1280, 720)], indirect=True)
def test_presentation_mode_shows_no_sidebar_and_moves_on_with_the_arrow_key(screen, server_url):
    open_slide(screen, f"{server_url}/?mode=presentasi&tahun=2016&slide=2")
    assert not screen.locator('[data-testid="stSidebar"]').is_visible()
    assert not screen.locator('[data-testid="stHeader"]').is_visible()
    assert screen.locator("h1, h2").first.inner_text() == "563 dari 585 koperasi aktif (96,2 %)"
    screen.keyboard.press("ArrowRight")
    expect(screen.locator(".slide-title")).to_have_text("Koperasi aktif turun dari 563 (2016) menjadi 444 (2024)")
    screen.wait_for_url("**slide=3**")
    screen.get_by_role("button", name="Sebelumnya").click()
    expect(screen.locator(".slide-title")).to_have_text("563 dari 585 koperasi aktif (96,2 %)")


@pytest.mark.parametrize("screen", [(1440, 900)], indirect=True)
def test_png_download_of_a_chart(screen, server_url, tmp_path):
    screen.goto(f"{server_url}/?tahun=2016")
    # The chart's downloads sit with its table, drawn when the reader opens them.
    screen.get_by_text("Tabel data dan unduhan").first.click()
    button = screen.locator("[data-testid=\"stDownloadButton\"] button", has_text="Unduh PNG").first
    expect(button).to_be_visible()
    with screen.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert info.value.suggested_filename == "tren-koperasi.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 20_000


@pytest.mark.parametrize("screen", [(1280, 720)], indirect=True)
def test_auto_advance_turns_the_slide_by_itself_and_stops_when_switched_off(screen, server_url):
    open_slide(screen, f"{server_url}/?mode=presentasi&tahun=2016&slide=2")
    screen.get_by_role("button", name="Menu").click()
    screen.get_by_text("Maju otomatis").click()
    # The interval is the shortest on offer (5 s) moved to with the keyboard on the slider.
    slider = screen.get_by_role("slider")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowLeft")
    expect(screen.locator(".slide-title")).to_have_text("Koperasi aktif turun dari 563 (2016) menjadi 444 (2024)",
                                                       timeout=20_000)
    screen.wait_for_url("**slide=3**")
    screen.keyboard.press("Escape")
    screen.get_by_role("button", name="Menu").click()
    screen.get_by_text("Maju otomatis").click()
    title = screen.locator(".slide-title").inner_text()
    screen.wait_for_timeout(8_000)
    assert screen.locator(".slide-title").inner_text() == title
