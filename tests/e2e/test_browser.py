"""The real server in Debian's Chromium: pages draw their charts, URLs reproduce views."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# Page path -> how many Plotly charts it draws on the default data with no filter. The maps sit in tabs beside
# their bar chart (or table) and are drawn when their tab is chosen (tests/e2e/test_maps_browser.py).
PAGES = {
    "": 1,
    "koperasi": 5,  # trend, Madura comparison, three register charts
    "kopdes": 2,  # musdesus, Merah Putih steps (and two maps in tabs)
    "sertifikasi": 5,  # five charts (and two maps in tabs)
    "kemitraan": 5,  # WUB participants, four register charts
    "umkm": 5,  # five charts (and three maps in tabs)
    "sumber": 0,
    "presentasi": 0,
}


def open_page(page, url: str) -> None:
    """Load a page and wait until Streamlit has finished running the script."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
    # Finished: no "running" status and no element left over (stale) from an earlier run.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')"
        # Cached views still being built show skeletons (pages with maps build more on a busy machine).
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
        # A cold page builds its views first (Koperasi: eleven charts and maps); 30 s is tight on a loaded machine.
        timeout=60_000,
    )
    page.wait_for_timeout(500)


def screenshot_whole_page(page, path) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content before the shot."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(int(height) + 40, 16000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path), full_page=True)


@pytest.mark.parametrize("path,charts", PAGES.items())
def test_page_draws_every_chart(page, server_url, screenshots_dir, path, charts):
    open_page(page, f"{server_url}/{path}?tahun=2016")
    if charts:
        page.wait_for_function(
            f"() => [...document.querySelectorAll('.js-plotly-plot')]"
            f".filter(p => p.querySelector('svg.main-svg')).length >= {charts}")
    drawn = page.locator(".js-plotly-plot").count()
    screenshot_whole_page(page, screenshots_dir / f"{path or 'ringkasan'}.png")
    assert drawn == charts
    assert page.get_by_text("Traceback").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


def test_koperasi_2016_shows_the_official_figures(page, server_url):
    open_page(page, f"{server_url}/koperasi?tahun=2016")
    values = page.locator('dd.card-value')
    expect(values.nth(0)).to_have_text("585")
    assert values.all_inner_texts()[:4] == ["585", "563", "22", "96,2 %"]
    assert page.get_by_text("Antara Jatim, 12 Juli 2016").first.is_visible()


def test_bare_url_opens_latest_year_with_cooperative_figures(page, server_url):
    open_page(page, server_url)
    expect(page.locator('dd.card-value').first).to_have_text("791")


def test_filters_follow_the_reader_to_another_page(page, server_url):
    open_page(page, f"{server_url}/koperasi?tahun=2016&kecamatan=Waru")
    # A reader clicks once the filter shows the chosen kecamatan; clicking while the sidebar is still
    # being drawn can reach the server before the bound widget has taken its value from the URL.
    expect(page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')).to_contain_text("Waru")
    page.get_by_role("link", name="UMKM & Tenaga Kerja").click()
    # Streamlit writes the bound filters into the URL after the new page's script has run, so wait for them.
    page.wait_for_url(lambda url: "/umkm" in url and "tahun=2016" in url and "kecamatan=Waru" in url)
    expect(page.locator('dd.card-value').first).to_have_text("195.554")


def test_illustrative_views_carry_a_visible_badge(page, server_url):
    open_page(page, f"{server_url}/koperasi?tahun=2016")
    badges = page.locator("span.stMarkdownBadge", has_text="Data ilustratif")
    # Register header, three register charts, the dissolution list.
    expect(badges).to_have_count(5)
    assert badges.first.is_visible()
    # A map in a tab beside a register chart carries it too, once its tab is chosen.
    page.get_by_role("tab", name="Peta: jumlah", exact=True).click()
    page.locator(".st-key-grafik-peta-koperasi .js-plotly-plot").wait_for()
    # The bar chart's tab is no longer drawn: its badge went with it and the map's stands in its place.
    expect(badges).to_have_count(5)


def test_shared_page_link_works_as_the_first_request_after_a_restart(page, fresh_server_url):
    # Streamlit's legacy pages/ mode used to run the page without the entry point here.
    open_page(page, f"{fresh_server_url}/koperasi?tahun=2016")
    expect(page.locator("h1").first).to_have_text("Koperasi aktif dan tidak aktif")
    expect(page.locator('dd.card-value').first).to_have_text("585")
    assert page.locator('[data-testid="stException"]').count() == 0
