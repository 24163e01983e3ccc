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


# Phones -----------------------------------------------------------------------------------------------------------

PHONE = (390, 844)
# The slide's text blocks: no two may overlap, and the chart's box overlaps none of them.
TEXT_BLOCKS = ('.st-key-slide .slide-title, .st-key-slide .slide-badge, .st-key-slide .slide-subtitle, '
               '.st-key-slide .number-heading, .st-key-slide .number-value, .st-key-slide .number-label, '
               '.st-key-slide .number-source, .st-key-slide .slide-bullets li, .st-key-slide .slide-source, '
               '.st-key-slide [data-testid="stPlotlyChart"]')
PHONE_LAYOUT = """selector => {
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const name = e => (e.getAttribute('class') || e.tagName).split(' ')[0] + ' "' + (e.textContent || '').trim().slice(0, 30) + '"';
  const blocks = [...document.querySelectorAll(selector)].filter(e => e.getBoundingClientRect().width > 0);
  const overlaps = [];
  blocks.forEach((a, i) => blocks.slice(i + 1).forEach(b => {
    if (a.contains(b) || b.contains(a)) return;
    const p = box(a), q = box(b);
    if (Math.min(p.r, q.r) - Math.max(p.l, q.l) > 1 && Math.min(p.b, q.b) - Math.max(p.t, q.t) > 1)
      overlaps.push(name(a) + ' × ' + name(b));
  }));
  // Everything of the slide, its controls and the chart's own texts lies within the screen's width, and each
  // chart text within its chart (a label past the chart's edge is cut off).
  const wide = [...document.querySelectorAll('.st-key-slide *, .st-key-slide-controls *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5);
  }).map(name);
  const cut = [...document.querySelectorAll('.st-key-slide .main-svg text')].filter(t => {
    const r = t.getBoundingClientRect(), s = t.closest('.js-plotly-plot').getBoundingClientRect();
    if (s.height === 0) return false;  // the projector's chart, not drawn on a phone
    return r.width > 0 && (r.left < s.left - 0.5 || r.right > s.right + 0.5);
  }).map(name);
  const plots = [...document.querySelectorAll('.st-key-slide .js-plotly-plot')].filter(p => p.getBoundingClientRect().height > 0).map(p => Math.round(p._fullLayout._size.h));
  return {overlaps, wide, cut, plots, pageWidth: document.documentElement.scrollWidth,
          mainWidth: document.querySelector('[data-testid="stMain"]').scrollWidth};
}"""
PHONE_PLOT_MIN_HEIGHT = 240  # px of plot area (inside the axes) that each chart slide keeps on a phone


@pytest.fixture()
def phone(browser):
    """A phone-sized, touch browser page (390×844)."""
    yield from browser_page(browser, *PHONE, phone=True)


def open_phone_slide(page, url: str) -> None:
    """Load one slide on a phone; a chart slide's phone chart (drawn after the projector's) is drawn too."""
    open_slide(page, url)
    if page.locator(".st-key-slide-phone-chart").count():
        page.wait_for_selector(".st-key-slide-phone-chart .js-plotly-plot svg.main-svg")
        page.wait_for_timeout(300)


@pytest.mark.parametrize("path,lang", [("?mode=presentasi&", ""), ("presentasi?", "&lang=en")],
                         ids=["presentasi-id", "page-en"])
def test_every_slide_is_readable_on_a_phone(phone, server_url, screenshots_dir, path, lang):
    """At 390×844 the slide grows with its content: no text over other text, nothing past the screen's width,
    each chart with a plot area tall enough to read; the bare presentation and the page, in both languages."""
    charts = {}
    for number in range(1, SLIDES_2016 + 1):
        open_phone_slide(phone, f"{server_url}/{path}tahun=2016&slide={number}{lang}")
        name = f"presentasi-phone-{'en' if lang else 'id'}-{'page' if path.startswith('presentasi') else 'bare'}"
        phone.locator(".st-key-slide").screenshot(path=str(screenshots_dir / f"{name}-{number:02d}.png"))
        layout = phone.evaluate(PHONE_LAYOUT, TEXT_BLOCKS)
        assert layout["overlaps"] == [], (number, layout["overlaps"])
        assert layout["wide"] == [] and layout["cut"] == [], (number, layout["wide"], layout["cut"])
        assert layout["pageWidth"] <= PHONE[0] and layout["mainWidth"] <= PHONE[0], (number, layout)
        assert all(height >= PHONE_PLOT_MIN_HEIGHT for height in layout["plots"]), (number, layout["plots"])
        charts[number] = layout["plots"]
        # The figures stand one under another, the slide's source line below them.
        values = phone.locator(".number-value")
        lefts = {round(values.nth(i).bounding_box()["x"]) for i in range(values.count())}
        assert len(lefts) <= 1, (number, lefts)
    # One chart each on the trend, cooperatives per kecamatan, certification funnel and UMKM per kecamatan.
    assert [n for n, plots in charts.items() if len(plots) == 1] == [3, 4, 5, 7], charts


def test_slide_on_a_phone_scrolls_to_its_controls_and_keeps_the_arrow_keys(phone, server_url):
    """The bare presentation on a phone: the slide is taller than the screen, the page scrolls to the controls,
    and ← → still move between slides."""
    open_phone_slide(phone, f"{server_url}/?mode=presentasi&tahun=2016&slide=4")
    assert phone.evaluate("() => document.querySelector('.st-key-slide').getBoundingClientRect().height") > PHONE[1] * 0.8
    next_button = phone.get_by_role("button", name="Berikutnya")
    next_button.scroll_into_view_if_needed()
    expect(next_button).to_be_in_viewport()
    phone.keyboard.press("ArrowRight")
    phone.wait_for_url("**slide=5**")
    expect(phone.locator(".slide-title")).to_have_text("62 dari 150 bidang yang diusulkan sudah bersertipikat (41,3 %)")
