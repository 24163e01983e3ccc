"""On a phone (390×844): the page is readable on load, navigation and filters one tap away, charts legible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import browser_page
from tests.e2e.test_browser import open_page, screenshot_whole_page

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 390, 844
PAGES = ["", "koperasi", "kopdes", "sertifikasi", "kemitraan", "umkm", "sumber"]
# Ringkasan opens with three rows of headline figures (published cooperatives, UMKM, the register) and
# Kemitraan with the three obstacles and their partners in words: their first chart is one scroll down.
CHART_ON_FIRST_SCREEN = ["koperasi", "sertifikasi", "umkm"]


@pytest.fixture()
def phone(browser):
    """A phone-sized, touch browser page."""
    yield from browser_page(browser, WIDTH, HEIGHT, phone=True)


def box_in_viewport(page, selector: str) -> dict:
    """The first match's box, and whether its top is on the first screen and nothing covers its centre."""
    return page.evaluate("""selector => {
      const e = document.querySelector(selector);
      if (!e) return null;
      const r = e.getBoundingClientRect();
      const x = Math.min(r.left + r.width / 2, innerWidth - 1), y = Math.min(r.top + 10, innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      return {top: r.top, left: r.left, right: r.right, onScreen: r.top >= 0 && r.top < innerHeight,
              uncovered: !!hit && (e === hit || e.contains(hit))};
    }""", selector)


@pytest.mark.parametrize("path", PAGES, ids=[p or "ringkasan" for p in PAGES])
def test_page_is_readable_on_load_with_the_sidebar_closed(phone, server_url, screenshots_dir, path):
    open_page(phone, f"{server_url}/{path}?tahun=2016")
    phone.wait_for_timeout(800)
    phone.screenshot(path=str(screenshots_dir / f"phone-390x844-{path or 'ringkasan'}.png"))
    # The sidebar starts closed: it does not cover the page.
    sidebar = phone.locator('[data-testid="stSidebar"]')
    assert sidebar.bounding_box() is None or sidebar.bounding_box()["x"] + sidebar.bounding_box()["width"] <= 0
    heading = box_in_viewport(phone, '[data-testid="stMainBlockContainer"] h1')
    assert heading["onScreen"] and heading["uncovered"], heading
    # Nothing wider than the screen: no sideways scrolling of the whole page.
    assert phone.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= WIDTH
    if path in CHART_ON_FIRST_SCREEN:
        chart = box_in_viewport(phone, ".js-plotly-plot")
        assert chart is not None and chart["onScreen"] and chart["uncovered"], chart
        assert chart["left"] >= 0 and chart["right"] <= WIDTH


def test_first_chart_fits_the_screen_with_legend_below_and_no_mode_bar(phone, server_url, screenshots_dir):
    open_page(phone, f"{server_url}/koperasi?tahun=2016")
    # Active and inactive per kecamatan: a legend of two ("Aktif", "Tidak aktif").
    plot = phone.locator(".js-plotly-plot").filter(
        has=phone.locator(".legendtext", has_text=re.compile(r"^Aktif$"))).first
    plot.scroll_into_view_if_needed()
    phone.wait_for_timeout(500)
    plot.hover()
    phone.screenshot(path=str(screenshots_dir / "phone-390x844-koperasi-grafik.png"))
    box = plot.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    legend, area = plot.locator(".legend").bounding_box(), plot.locator(".nsewdrag").first.bounding_box()
    assert legend["y"] >= area["y"] + area["height"]
    assert not plot.locator(".modebar-container").is_visible()


def test_navigation_and_filters_are_one_tap_away(phone, server_url, screenshots_dir):
    open_page(phone, f"{server_url}/koperasi?tahun=2016")
    phone.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button').first.tap()
    sidebar = phone.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("link", name="UMKM & Tenaga Kerja")).to_be_visible()
    expect(sidebar.locator('[data-testid="stMultiSelect"]')).to_be_visible()
    phone.screenshot(path=str(screenshots_dir / "phone-390x844-sidebar.png"))
    sidebar.get_by_role("link", name="UMKM & Tenaga Kerja").tap()
    phone.wait_for_url(lambda url: "/umkm" in url)
    expect(phone.locator("h1").first).to_have_text("UMKM dan tenaga kerja")


def test_wide_table_scrolls_inside_its_frame(phone, server_url):
    open_page(phone, f"{server_url}/sumber?tahun=2016")
    frame = phone.locator('[data-testid="stDataFrame"]').first
    box = frame.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH


# Every text written beside, inside or above a bar, every point label, tick label and axis title: fully inside its
# chart's drawing.
OUTSIDE_TEXT = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const svg = plot.querySelector('svg.main-svg');
  if (!svg || !plot.offsetParent) return [];  // a map or chart in a hidden tab is not drawn at its size
  const box = svg.getBoundingClientRect();
  const texts = 'text.bartext, .textpoint text, .xtick text, .ytick text, .g-xtitle text, .g-ytitle text';
  return [...plot.querySelectorAll(texts)].map(text => {
    const r = text.getBoundingClientRect();
    return {cls: text.getAttribute('class'), text: text.textContent, left: r.left - box.left,
            right: r.right - box.left, top: r.top - box.top, bottom: r.bottom - box.top, width: box.width,
            height: box.height, size: parseFloat(getComputedStyle(text).fontSize)};
  });
})"""


@pytest.mark.parametrize("path", ["", "koperasi", "sertifikasi", "kemitraan", "umkm"])
@pytest.mark.parametrize("year", [2016, 2025])
def test_no_label_of_a_chart_is_cut_at_the_edge_of_a_phone_screen(phone, server_url, screenshots_dir, path, year):
    open_page(phone, f"{server_url}/{path}?tahun={year}")
    phone.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                            ".every(p => p.querySelector('svg.main-svg'))")
    phone.wait_for_timeout(800)
    labels = phone.evaluate(OUTSIDE_TEXT)
    screenshot_whole_page(phone, screenshots_dir / f"phone-390-{path or 'ringkasan'}-{year}-halaman-penuh.png")
    assert labels, "no chart labels found: the selector no longer matches Plotly's text"
    cut = [label for label in labels if label["text"] and (
        label["left"] < -1 or label["top"] < -1 or label["right"] > label["width"] + 1
        or label["bottom"] > label["height"] + 1)]
    assert cut == []
    # Legible: Plotly shrinks a label that does not fit its bar; never below 11 px on a phone.
    assert [label for label in labels if label["text"] and label["size"] < 11] == []
