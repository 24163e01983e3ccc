"""Kelola Data in the browser: log in, a bad file is refused with its problems, a good one becomes the new
version everywhere, including on the public instance that shares the store and has no admin page."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from koperasi_data import auth, schema

from tests.e2e.conftest import ARTIFACTS, ROOT, _free_port, _wait_healthy
from tests.e2e.test_browser import open_page, screenshot_whole_page

pytestmark = pytest.mark.e2e

PASSWORD = "kata-sandi-uji-123"


def _start(env: dict, log_name: str, *args: str):
    port = _free_port()
    log = open(ARTIFACTS / log_name, "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false", *args],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, process)
    return process, log, url


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    """(internal URL, public URL): two servers side by side on one fresh store, as the README describes."""
    folder = tmp_path_factory.mktemp("instances")
    secrets = folder / "secrets.toml"
    auth.add_user(secrets, "admin", PASSWORD, rounds=4)
    store_url = f"sqlite:///{folder / 'bersama.sqlite'}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    started = []
    try:
        started.append(_start({"DATABASE_URL": store_url, "KOPERASI_MODE": "internal"}, "streamlit-internal.log",
                              "--secrets.files", str(secrets)))
        started.append(_start({"DATABASE_URL": store_url, "KOPERASI_MODE": "publik"}, "streamlit-publik.log"))
        yield started[0][2], started[1][2]
    finally:
        for process, log, _ in started:
            process.terminate()
            process.wait(timeout=10)
            log.close()


def _register_rows() -> list[dict]:
    with open(schema.DATA_DIR / "koperasi.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _csv(rows: list[dict], delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict:
    """A register with two mistakes, and the same register corrected with 15 new active cooperatives."""
    folder = tmp_path_factory.mktemp("unggah")
    rows = _register_rows()
    new = [{**rows[0], "id_koperasi": f"KOP-{586 + i:04d}", "nama": f"Koperasi Baru Uji {i + 1:02d}"}
           for i in range(15)]
    bad = [dict(row) for row in rows + new]
    bad[3]["kecamatan"] = "Atlantis"         # Excel row 5
    bad[10]["id_koperasi"] = bad[9]["id_koperasi"]  # Excel row 12 repeats row 11
    paths = {"salah": folder / "register-salah.csv", "benar": folder / "register-benar.csv"}
    paths["salah"].write_bytes(_csv(bad))
    paths["benar"].write_bytes(_csv(rows + new))
    return paths


def _upload(page, path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def test_admin_replaces_the_register_and_both_instances_show_the_new_totals(instances, files, page,
                                                                            screenshots_dir):
    internal, public = instances
    open_page(page, f"{internal}/kelola_data")
    page.get_by_label("Nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill("salah-sekali-123")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Versi yang sedang dipakai: #1")).to_be_visible()

    _upload(page, files["salah"])
    expect(page.get_by_text("Berkas ditolak: 2 masalah ditemukan")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("baris 5, kolom kecamatan: 'Atlantis'")).to_be_visible()
    expect(page.get_by_text("baris 12, kolom id_koperasi")).to_be_visible()
    screenshot_whole_page(page, screenshots_dir / "kelola-data-ditolak.png")

    _upload(page, files["benar"])
    expect(page.get_by_text("Berkas valid")).to_be_visible(timeout=60_000)
    screenshot_whole_page(page, screenshots_dir / "kelola-data-pratinjau.png")
    page.get_by_role("button", name="Terapkan sebagai versi baru (menggantikan #1)").click()
    expect(page.get_by_text("Versi #2 sekarang dipakai di semua halaman.")).to_be_visible(timeout=60_000)

    for url in (internal, public):
        open_page(page, f"{url}/?tahun=2016")
        register = page.locator('.card', has_text="Koperasi dalam register")
        expect(register.locator('dd.card-value')).to_have_text("600")
        expect(page.get_by_text("Versi data register #2")).to_be_visible()
    screenshot_whole_page(page, screenshots_dir / "ringkasan-publik-versi-2.png")


def test_public_instance_does_not_serve_the_admin_page(instances, page):
    _, public = instances
    open_page(page, f"{public}/kelola_data")
    expect(page.get_by_label("Kata sandi")).to_have_count(0)
    expect(page.get_by_role("link", name="Kelola Data")).to_have_count(0)
    expect(page.get_by_role("heading", name="Ringkasan")).to_be_visible()
