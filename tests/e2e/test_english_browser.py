"""?lang=en in Chromium: the ID/EN switch writes lang into the address beside the other filters, the language
survives navigation, <html lang> follows it, and screenshots of the English pages at desktop and phone sizes."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import browser_page
from tests.e2e.test_browser import open_page, screenshot_whole_page


def _wait_title(page, title: str) -> None:
    page.wait_for_function(
        "t => { const h = document.querySelector('[data-testid=\"stMainBlockContainer\"] h1');"
        " return h && h.textContent.trim() === t; }", arg=title, timeout=60_000)


def test_the_switch_writes_lang_into_the_address_and_navigation_keeps_it(server_url, page):
    open_page(page, f"{server_url}/?tahun=2016&kecamatan=Waru")
    assert page.locator("h1").first.inner_text().strip() == "Ringkasan"
    assert page.evaluate("document.documentElement.lang") == "id"
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("radio", name=re.compile("^en$", re.I)).click()
    _wait_title(page, "Summary")
    page.wait_for_function("() => location.search.includes('lang=en')")
    assert "tahun=2016" in page.url and "kecamatan=Waru" in page.url
    assert page.evaluate("document.documentElement.lang") == "en"
    sidebar.get_by_role("link", name="Cooperatives").first.click()
    _wait_title(page, "Active and inactive cooperatives")
    page.wait_for_function("() => location.search.includes('lang=en')")
    assert "tahun=2016" in page.url
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
@pytest.mark.parametrize("slug", ["", "koperasi"])
def test_english_pages_screenshots(server_url, browser, screenshots_dir, slug, width, height):
    for page in browser_page(browser, width, height):
        open_page(page, f"{server_url}/{slug}?lang=en&tahun=2016")
        assert page.locator("h1").first.inner_text().strip() in ("Summary", "Active and inactive cooperatives")
        screenshot_whole_page(page, screenshots_dir / f"english-{slug or 'ringkasan'}-{width}x{height}.png")


def test_the_language_switch_works_with_the_keyboard(server_url, page):
    open_page(page, f"{server_url}/?tahun=2016")
    chosen = page.locator('.st-key-lang [role="radio"][aria-checked="true"]')
    chosen.focus()
    assert chosen.inner_text().strip().lower() == "id"
    page.keyboard.press("ArrowRight")  # focus moves to EN ...
    page.keyboard.press("Space")  # ... and Space chooses it
    _wait_title(page, "Summary")
    page.wait_for_function("() => location.search.includes('lang=en')")
    assert page.locator('.st-key-lang [role="radio"][aria-checked="true"]').inner_text().strip().lower() == "en"
