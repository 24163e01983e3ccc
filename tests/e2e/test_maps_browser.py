"""Maps in the real app, in Debian's Chromium with every non-local request blocked: drawn, and clickable."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browser import open_page

pytestmark = pytest.mark.e2e

# Page, tab label, chart key, number of filled areas the map draws (13 kecamatan; the desa map: the grey
# desa layer as one area plus the four unmeasured SHAT villages, or the three outlet sites without land).
MAPS = [
    ("koperasi", "Peta: jumlah", "peta-koperasi", 13),
    ("koperasi", "Peta: persen aktif", "peta-koperasi-aktif", 13),
    ("kopdes", "Peta", "peta-kopdes", 13),
    ("kopdes", "Peta: tanpa lahan", "peta-kopdes-gerai", 4),
    ("sertifikasi", "Peta", "peta-sertifikasi", 13),
    ("sertifikasi", "Peta desa", "peta-shat-desa", 5),
    ("umkm", "Peta: unit usaha", "peta-umkm", 13),
    ("umkm", "Peta: tenaga kerja", "peta-umkm-tenaga-kerja", 13),
    ("umkm", "Peta", "peta-halal", 13),
]


@pytest.fixture()
def offline_page(browser):
    """A 1280×900 page that may reach the dashboard's own server and nothing else; records what it tried."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    tried = []

    def only_local(route):
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            tried.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.tried = tried
    try:
        yield page
    finally:
        context.close()


def show_map(page, tab: str, key: str, position: int = 0):
    """Open a map's tab and wait until Plotly has drawn its areas; the map's plot element."""
    # Tab labels are unique on a page; only the chosen tab is drawn, so the map arrives after the click's rerun.
    page.get_by_role("tab", name=tab, exact=True).click()
    plot = page.locator(f".st-key-grafik-{key} .js-plotly-plot")
    plot.scroll_into_view_if_needed()
    page.wait_for_function("key => document.querySelectorAll(`.st-key-grafik-${key} .js-plotly-plot path.js-fill`)"
                           ".length > 0", arg=key)
    return plot


@pytest.mark.parametrize(("path", "tab", "key", "areas"), MAPS, ids=[m[2] for m in MAPS])
def test_map_draws_its_areas_with_no_network(offline_page, server_url, screenshots_dir, path, tab, key, areas):
    open_page(offline_page, f"{server_url}/{path}?tahun=2016")
    plot = show_map(offline_page, tab, key)
    offline_page.wait_for_timeout(500)
    plot.screenshot(path=str(screenshots_dir / f"{key}.png"))
    drawn = plot.evaluate("p => [...p.querySelectorAll('path.js-fill')].filter(f => (f.getAttribute('d') || '')"
                          ".length > 20 && f.getBoundingClientRect().width > 2).length")
    assert drawn == areas
    assert plot.bounding_box()["width"] > 300
    # The boundary source stands under the map.
    container = offline_page.locator(f".st-key-grafik-{key}").locator("xpath=..")
    expect(offline_page.get_by_text("Batas wilayah: github.com/cahyadsn/wilayah_boundaries").first).to_be_attached()
    assert container.count() == 1
    assert offline_page.tried == []


def test_clicking_a_kecamatan_on_the_map_selects_it_in_the_filter_and_the_url(offline_page, server_url,
                                                                              screenshots_dir):
    open_page(offline_page, f"{server_url}/umkm?tahun=2016")
    plot = show_map(offline_page, "Peta: unit usaha", "peta-umkm")
    label = plot.locator("g.textpoint text", has_text="Waru").first
    box = label.bounding_box()
    # The clickable point sits just under its name.
    offline_page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] + 7)
    offline_page.wait_for_url(lambda url: "kecamatan=Waru" in url)
    expect(offline_page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')).to_contain_text("Waru")
    open_page(offline_page, offline_page.url)
    show_map(offline_page, "Peta: unit usaha", "peta-umkm").screenshot(
        path=str(screenshots_dir / "peta-umkm-waru.png"))
    # The map now shows the filter's choice: Waru in colour, the other twelve grey.
    expect(offline_page.get_by_role("heading", name=re.compile("^Unit UMKM terbanyak di Waru"))).to_be_visible()
    assert offline_page.tried == []


def test_map_fits_a_phone_screen(browser, server_url, screenshots_dir):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    try:
        open_page(page, f"{server_url}/koperasi?tahun=2016")
        plot = show_map(page, "Peta: jumlah", "peta-koperasi")
        page.wait_for_timeout(500)
        page.screenshot(path=str(screenshots_dir / "phone-390x844-peta-koperasi.png"))
        box = plot.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        legend, areas = plot.locator(".legend").bounding_box(), plot.locator(".scatterlayer").bounding_box()
        assert legend["y"] >= areas["y"] + areas["height"] - 1
    finally:
        context.close()


def test_the_chosen_tab_is_in_the_address_and_a_shared_link_opens_it(offline_page, server_url):
    open_page(offline_page, f"{server_url}/umkm?tahun=2016")
    show_map(offline_page, "Peta: unit usaha", "peta-umkm")
    offline_page.wait_for_url(lambda url: "umkm-kecamatan=Peta%3A+unit+usaha" in url)
    # Only the chosen tab is drawn: the bar chart beside it is not.
    assert offline_page.locator(".st-key-grafik-umkm-kecamatan").count() == 0
    open_page(offline_page, f"{server_url}/umkm?tahun=2016&umkm-kecamatan=Peta%3A+tenaga+kerja")
    expect(offline_page.locator(".st-key-grafik-peta-umkm-tenaga-kerja .js-plotly-plot")).to_have_count(1)
    assert offline_page.tried == []
