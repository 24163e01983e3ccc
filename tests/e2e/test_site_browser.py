"""The baked public site in Debian's Chromium: every page, served by a plain file server, with no other request."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


from tests.e2e.conftest import browser_page

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def baked(baked_site):
    """The session's bake (tests/conftest.py), shared with tests/test_site.py."""
    return baked_site


@pytest.fixture(scope="module")
def site_url(baked):
    """The baked folder served by `python -m http.server` on a free loopback port."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(baked.out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("http.server did not start")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


class Guard:
    """Blocks every request outside the local server and records it, and every console error."""

    def __init__(self, page, local: str):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.local = local

        def route(route):
            if route.request.url.startswith(local) or route.request.url.startswith("data:"):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def check(self, where: str) -> None:
        assert not self.outside, (where, self.outside)
        assert not self.errors, (where, self.errors)


def _draw_all(page) -> int:
    """Scroll through the page so every lazily drawn chart is drawn; returns how many charts it has."""
    count = page.locator("[data-figure]").count()
    if count:
        height = page.evaluate("document.body.scrollHeight")
        for y in range(0, height + 800, 600):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(30)
        page.wait_for_function(f"document.querySelectorAll('.chart.drawn').length === {count}", timeout=30_000)
        page.evaluate("window.scrollTo(0, 0)")
    return count


@pytest.fixture()
def phone(browser):
    yield from browser_page(browser, 390, 844)


def every_kind_of_page(pages: list[str], views: list[str]) -> list[str]:
    """The pages that together hold every chart and every kind of page, from the baked ``pages`` (HTML paths).

    Every view's own page in Indonesian (each chart drawn once), one embed, and in both languages: home, the
    catalogue, the open-data page, every page of the earliest and the latest year, the summary of every other
    year. The other pages repeat these templates with other years' numbers (tests/test_site.py reads every file);
    opening all of them took 200 s of the suite for no further check."""
    years = sorted({int(m.group(2)) for p in pages if (m := re.match(r"^(en/)?(\d{4})/", p))})
    chosen = {f"grafik/{slug}/index.html" for slug in views} | {f"grafik/{views[0]}/embed.html"}
    for prefix in ("", "en/"):
        chosen |= {f"{prefix}index.html", f"{prefix}grafik/index.html", f"{prefix}sumber/index.html"}
        chosen |= {p for p in pages if p.startswith(f"{prefix}{years[0]}/") or p.startswith(f"{prefix}{years[-1]}/")}
        chosen |= {f"{prefix}{year}/index.html" for year in years}
    return sorted(chosen & set(pages))


def test_every_kind_of_page_loads_with_no_request_outside_the_site_and_no_console_error(baked, site_url, phone):
    guard = Guard(phone, site_url)
    pages = sorted({p.relative_to(baked.out).as_posix() for p in baked.out.rglob("*.html")})
    assert len(pages) >= len(baked.pages)
    sample = every_kind_of_page(pages, baked.views)
    # Every view's page, both languages' year pages, home, catalogue and open data are among them.
    assert {f"grafik/{slug}/index.html" for slug in baked.views} <= set(sample)
    assert {"index.html", "en/index.html", "sumber/index.html", "en/sumber/index.html"} <= set(sample)
    drawn = 0
    for path in sample:
        phone.goto(f"{site_url}/{path}")
        drawn += _draw_all(phone)
        guard.check(path)
    assert drawn >= len(baked.views)


def test_2016_summary_shows_the_published_figures_and_its_chart(site_url, phone):
    guard = Guard(phone, site_url)
    phone.goto(f"{site_url}/2016/")
    text = phone.locator("main").inner_text()
    for figure in ("585", "563", "22", "195.554", "257.481"):
        assert figure in text
    assert _draw_all(phone) >= 1
    assert phone.locator(".js-plotly-plot .main-svg").first.is_visible()
    guard.check("2016")


def test_an_embed_renders_inside_an_iframe_of_another_page(baked, site_url, page):
    guard = Guard(page, site_url)
    slug = next(s for s in baked.views if (baked.out / "grafik" / s / "embed.html").read_text().count("data-figure"))
    page.set_content(f'<!doctype html><html lang="id"><body><h1>Berita desa</h1>'
                     f'<iframe src="{site_url}/grafik/{slug}/embed.html" title="grafik" width="100%" height="620" '
                     'style="border:0"></iframe></body></html>')
    frame = page.frame_locator("iframe")
    frame.locator(".js-plotly-plot .main-svg").first.wait_for(state="visible")
    assert frame.locator("h1.finding").inner_text()
    assert frame.locator("footer a[target=_top]").get_attribute("href").endswith(f"/grafik/{slug}/")
    assert frame.locator("nav").count() == 0
    guard.check("embed")


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_home_page_screenshots(site_url, browser, screenshots_dir, width, height):
    for page in browser_page(browser, width, height):
        guard = Guard(page, site_url)
        page.goto(site_url + "/")
        _draw_all(page)
        page.screenshot(path=str(screenshots_dir / f"situs-beranda-{width}x{height}.png"), full_page=True)
        # Nothing wider than the screen: a phone never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        guard.check("home")


# The English site (en/) ----------------------------------------------------------------------


def test_english_summary_shows_english_figures_and_the_switch_leads_to_the_same_page(site_url, phone):
    guard = Guard(phone, site_url)
    phone.goto(f"{site_url}/en/2016/")
    assert phone.locator("html").get_attribute("lang") == "en"
    text = phone.locator("main").inner_text()
    for figure in ("585", "563", "195,554", "257,481"):
        assert figure in text
    assert _draw_all(phone) >= 1
    assert phone.locator(".js-plotly-plot .main-svg").first.is_visible()
    switch = phone.locator("nav.languages a[hreflang=id]")
    assert switch.is_visible()
    switch.click()
    phone.wait_for_url(f"{site_url}/2016/")
    assert phone.locator("html").get_attribute("lang") == "id"
    assert "257.481" in phone.locator("main").inner_text()
    phone.locator("nav.languages a[hreflang=en]").click()
    phone.wait_for_url(f"{site_url}/en/2016/")
    guard.check("en/2016")


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_english_page_has_no_serious_axe_violation_and_screenshots(site_url, browser, screenshots_dir, width, height):
    from axe_playwright_python.sync_playwright import Axe

    from tests.e2e.test_accessibility import blocking

    for page in browser_page(browser, width, height):
        guard = Guard(page, site_url)
        page.goto(f"{site_url}/en/2016/koperasi/")
        _draw_all(page)
        page.screenshot(path=str(screenshots_dir / f"situs-en-koperasi-{width}x{height}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert blocking(Axe().run(page).response["violations"]) == []
        guard.check("en/2016/koperasi")
