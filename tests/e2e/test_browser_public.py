"""The public instance on the real server: no traceback ever reaches the browser, a broken store is one
sentence, and a first request for the admin page's address never runs admin code."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from koperasi_data.ui import status
from tests.e2e.conftest import ARTIFACTS, ROOT
from tests.e2e.test_browser_admin import _start

pytestmark = pytest.mark.e2e

FAILING_APP = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from koperasi_data.ui import status

status.hide_error_details()
st.title("Uji")
raise RuntimeError("rincian rahasia /srv/dasbor/koperasi_data/store.py host=10.1.2.3 port=5432")
"""


def _stop(started) -> None:
    process, log, _ = started
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)
    log.close()


@pytest.fixture()
def failing_app(tmp_path):
    path = tmp_path / "gagal.py"
    path.write_text(FAILING_APP, encoding="utf-8")
    return path


@pytest.mark.parametrize(("mode", "shows_details"), [("publik", False), ("internal", True)])
def test_an_uncaught_error_shows_no_details_on_the_public_server(failing_app, page, mode, shows_details):
    """The mechanism dashboard.py uses (status.hide_error_details), on a real server: internal still shows."""
    import subprocess
    import sys

    from tests.e2e.conftest import _free_port, _wait_healthy

    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / f"streamlit-gagal-{mode}.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(failing_app), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=failing_app.parent, stdout=log, stderr=subprocess.STDOUT,
        env={**__import__("os").environ, "KOPERASI_MODE": mode})
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", process)
        page.goto(f"http://127.0.0.1:{port}")
        expect(page.locator('[data-testid="stException"], [data-testid="stAlert"]').first).to_be_visible(
            timeout=30_000)
        page.wait_for_timeout(1000)
        body = page.locator("body").inner_text()
        assert ("rincian rahasia" in body) is shows_details
        assert ("10.1.2.3" in body) is shows_details
        assert ("store.py" in body) is shows_details
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
    assert "rincian rahasia" in (ARTIFACTS / f"streamlit-gagal-{mode}.log").read_text()  # the server log has it


def test_a_broken_store_on_the_public_server_is_one_sentence(tmp_path, page):
    broken = tmp_path / "rusak.sqlite"
    broken.write_bytes(b"bukan basis data " * 400)
    started = _start({"DATABASE_URL": f"sqlite:///{broken}", "KOPERASI_MODE": "publik"}, "streamlit-rusak.log")
    try:
        page.goto(started[2])
        expect(page.get_by_text(status.PUBLIC_SENTENCE)).to_be_visible(timeout=30_000)
        body = page.locator("body").inner_text()
        for internal in ("Traceback", "sqlite", str(tmp_path), "OperationalError", "File \""):
            assert internal not in body
    finally:
        _stop(started)
    assert "could not be loaded" in (ARTIFACTS / "streamlit-rusak.log").read_text()


def test_a_fresh_public_servers_first_request_for_the_admin_address_runs_no_admin_code(tmp_path, page):
    """Streamlit's pages-folder mode serves a first request for /name from pages/name.py on its own."""
    started = _start({"DATABASE_URL": f"sqlite:///{tmp_path / 'publik.sqlite'}", "KOPERASI_MODE": "publik"},
                     "streamlit-publik-segar.log")
    try:
        page.goto(f"{started[2]}/kelola_data")
        expect(page.get_by_role("heading", name="Ringkasan")).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1000)
        body = page.locator("body").inner_text()
        assert "Halaman ini tidak tersedia" not in body and "Masuk untuk mengelola data" not in body
        expect(page.get_by_label("Kata sandi")).to_have_count(0)
    finally:
        _stop(started)
    log = (ARTIFACTS / "streamlit-publik-segar.log").read_text()
    assert "kelola_data" not in log and "Traceback" not in log
