"""Page tests (AppTest) for the 2017-2026 figures and for the office's own published-value form."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from koperasi_data import auth, schema
from koperasi_data.store import Store

ENTRY = str(Path(__file__).resolve().parents[1] / "dashboard.py")
ADMIN_PASSWORD = "kata-sandi-uji-456"


@pytest.fixture(autouse=True)
def entry_point_runs_first(monkeypatch):
    """As in test_pages: keep AppTest out of the legacy pages-folder mode so form submits reach the page."""
    from streamlit.runtime import pages_manager

    original = pages_manager.PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(pages_manager.PagesManager, "__init__", init)


@pytest.fixture()
def admin(monkeypatch, tmp_path):
    """The Kelola Data page, logged in, on a fresh store; returns (app, store)."""
    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    url = f"sqlite:///{tmp_path / 'angka.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = Store(url)
    store.ensure_seeded()
    app = AppTest.from_file(ENTRY, default_timeout=90)
    app.secrets.update({"kelola_data": {"pengguna": {"admin": auth.hash_password(ADMIN_PASSWORD, rounds=4)}}})
    app.run()
    app.switch_page("pages/kelola_data.py").run()
    app.text_input[0].input("admin")
    app.text_input[1].input(ADMIN_PASSWORD)
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app, store


def fill(app: AppTest, **fields) -> AppTest:
    for key, value in fields.items():
        if key in ("indikator", "wilayah", "status", "presisi"):
            app.selectbox(key=f"angka_{key}").set_value(value)
        elif key == "nilai":
            app.number_input(key="angka_nilai").set_value(value)
        elif key == "catatan":
            widget = next(w for w in app.text_area if w.key == "angka_catatan")
            widget.input(value)
        else:
            app.text_input(key=f"angka_{key}").input(value)
    next(b for b in app.button if b.label == "Simpan sebagai versi baru").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_admin_adds_a_published_value_as_a_new_version(admin):
    app, store = admin
    fill(app, indikator="kopdes_beroperasi", periode="2026-07-10", nilai=25.0, penerbit="Antara Jatim",
         url="https://jatim.antaranews.com/berita/3")
    assert store.current_version().id == 2
    assert any("Versi #2: kopdes_beroperasi-2026-07-10 disimpan (Resmi)." in s.value for s in app.success)
    added = store.added_values()
    assert list(added["id"]) == ["kopdes_beroperasi-2026-07-10"] and list(added["nilai"]) == [25]


def test_admin_form_refuses_a_bad_value_and_keeps_the_data(admin):
    app, store = admin
    fill(app, indikator="koperasi_aktif", periode="2024", nilai=5.0, penerbit="", url="jatim.antaranews.com")
    assert store.current_version().id == 1
    assert app.error and app.error[0].value.startswith("Angka tidak disimpan:")
    text = "\n".join(m.value for m in app.markdown)
    assert "kolom **penerbit**: wajib diisi" in text and "kolom **url**" in text


def test_admin_form_keeps_and_flags_a_conflicting_value(admin):
    app, store = admin
    fill(app, indikator="koperasi_aktif", periode="2024-05", nilai=450.0, penerbit="Radar Madura",
         url="https://radarmadura.jawapos.com/x")
    assert any("keduanya disimpan dan ditandai" in s.value for s in app.success)
    shown = store.dataset()[schema.VALUES].set_index("id")
    assert shown.loc["koperasi_aktif-2024-05", "status"] == schema.DITANDAI
    assert shown.loc["koperasi_aktif-2024-05-dinas-2", "status"] == schema.DITANDAI
    assert shown.loc["koperasi_aktif-2024-05", "nilai"] == 444
