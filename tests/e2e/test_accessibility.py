"""Accessibility checked by a machine: axe-core on every page at desktop and phone size, and the keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import browser_page
from tests.e2e.test_browser import open_page

pytestmark = pytest.mark.e2e

# Every page of the internal instance, the presentation as a projector opens it, and the admin login.
PAGES = ["", "koperasi", "kopdes", "sertifikasi", "kemitraan", "umkm", "sumber", "presentasi", "kelola_data"]
SIZES = [(1280, 900), (390, 844)]
FAILING_IMPACTS = {"critical", "serious"}
# Moderate in axe's scale, but a screen-reader user navigates by headings: keep their order too.
ALSO_FAILING = {"heading-order"}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()  # axe-core ships inside the package: nothing is downloaded


@pytest.fixture()
def screen(browser, request):
    """A browser page of the asked size (width, height)."""
    yield from browser_page(browser, *request.param)


def blocking(violations: list[dict]) -> list[str]:
    """One line per failing violation: rule, impact, how many elements, and the first element."""
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — {v['nodes'][0]['target']}"
            for v in violations if v["impact"] in FAILING_IMPACTS or v["id"] in ALSO_FAILING]


@pytest.mark.parametrize("screen", SIZES, indirect=True, ids=["1280x900", "390x844"])
@pytest.mark.parametrize("path", PAGES, ids=[p or "ringkasan" for p in PAGES])
def test_page_has_no_critical_or_serious_axe_violation(screen, server_url, axe, path):
    open_page(screen, f"{server_url}/{path}?tahun=2016")
    # The page at rest: Streamlit fades elements in, and a half-faded caption is not what a reader sees.
    screen.add_style_tag(content="*, *::before, *::after {animation: none !important; transition: none !important;}")
    screen.wait_for_timeout(1500)  # charts drawn: their SVG is part of what axe checks
    # Our page CSS in force (captions solid, not Streamlit's 0.6 opacity): without it this wait fails the test.
    screen.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stCaptionContainer\"]')]"
                             ".every(e => getComputedStyle(e).opacity === '1')")
    violations = axe.run(screen).response["violations"]
    assert blocking(violations) == []


@pytest.mark.parametrize("screen", SIZES, indirect=True, ids=["1280x900", "390x844"])
def test_presentation_slide_has_no_critical_or_serious_axe_violation(screen, server_url, axe):
    screen.goto(f"{server_url}/?mode=presentasi&tahun=2016&slide=2")
    screen.wait_for_selector(".st-key-slide .number-value")
    screen.wait_for_timeout(1000)
    assert blocking(axe.run(screen).response["violations"]) == []


def test_the_checker_fails_on_the_contrast_the_source_lines_had(page, server_url, axe):
    # Guards the test above against passing vacuously: Streamlit's own caption grey (3.88:1) must fail it.
    open_page(page, f"{server_url}/?tahun=2016")
    page.add_style_tag(content='[data-testid="stCaptionContainer"] p {color: #828180 !important;}')
    rules = [line.split(" ")[0] for line in blocking(axe.run(page).response["violations"])]
    assert "color-contrast" in rules


FOCUSABLE = """() => {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea,'
    + ' summary, [tabindex]:not([tabindex="-1"])';
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[aria-hidden="true"], .modebar-container'); };
  // tabindex=-1: a part of a control reached through the control (a combobox's "Open" arrow), not a stop.
  // A radio group (the ID/EN switch) is one stop: its other options are reached with the arrow keys (WAI-ARIA),
  // which test_the_language_switch_works_with_the_keyboard checks.
  // Left out: a table's hover toolbar (reached through the table itself) and the inside of a closed expander.
  const all = [...document.querySelectorAll(selector)].filter(e => e.getAttribute('tabindex') !== '-1'
    && !e.closest('[data-testid="stStatusWidget"], [data-testid="stElementToolbar"]')
    && !e.closest('details:not([open]) > :not(summary)')
    && !(e.getAttribute('role') === 'radio' && e.getAttribute('aria-checked') !== 'true'
         && e.closest('[role="radiogroup"]')?.querySelector('[role="radio"][aria-checked="true"]'))).filter(shown);
  all.forEach((e, i) => e.dataset.kbd = String(i));
  return all.map(e => (e.getAttribute('aria-label') || e.innerText || e.tagName).trim().slice(0, 40));
}"""


@pytest.mark.parametrize("path", ["koperasi", "umkm"])
def test_every_control_is_reached_with_the_tab_key(page, server_url, path):
    open_page(page, f"{server_url}/{path}?tahun=2016")
    names = page.evaluate(FOCUSABLE)
    assert len(names) >= 10
    reached = set()
    # Enough presses for the stops the list leaves out too: each chart's Plotly mode bar (eight buttons), a
    # table's toolbar and cells; the loop ends as soon as every listed control has been reached.
    for _ in range(len(names) * 2 + 20 + 12 * page.locator(".js-plotly-plot, [data-testid='stDataFrame']").count()):
        page.keyboard.press("Tab")
        index = page.evaluate("() => document.activeElement && document.activeElement.dataset.kbd")
        if index is not None:
            reached.add(int(index))
        if len(reached) == len(names):
            break
    missing = [names[i] for i in range(len(names)) if i not in reached]
    assert missing == []


def test_kecamatan_filter_is_operated_with_the_keyboard_alone(page, server_url):
    open_page(page, f"{server_url}/umkm?tahun=2016")
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Kecamatan":
            break
    else:
        pytest.fail("the Kecamatan filter was never reached with Tab")
    page.keyboard.type("Waru")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "kecamatan=Waru" in url)
