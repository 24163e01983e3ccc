"""Page tests (AppTest) for the 2017-2026 figures and for the office's own published-value form."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from koperasi_data import auth, schema
from koperasi_data.store import Store
from tests.test_pages import open_tables

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
    app.switch_page("admin/kelola_data.py").run()
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


def run_page(page: str, **params: str) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=90)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != "pages/ringkasan.py":
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def tables(app: AppTest) -> list:
    return [d.value for d in app.dataframe]


def table_with(app: AppTest, text: str):
    """The first table on the page one of whose cells reads ``text``."""
    return next(t for t in tables(app) if (t.astype(str) == text).any().any())


def texts(app: AppTest) -> str:
    return "\n".join([m.value for m in app.markdown] + [i.value for i in app.info] + [c.value for c in app.caption]
                     + [s.value for s in app.subheader] + [h.value for h in app.header])


@pytest.fixture(scope="module")
def koperasi_page():
    return open_tables(run_page("pages/koperasi.py", tahun="2024"))


@pytest.fixture(scope="module")
def kopdes_page():
    return open_tables(run_page("pages/kopdes.py", tahun="2024"))


def test_kopdes_page_shows_the_merah_putih_steps_with_their_latest_counts_and_dates(kopdes_page):
    steps = table_with(kopdes_page, "Diluncurkan")
    rows = {r[0]: list(r) for r in steps.itertuples(index=False)}
    assert {"Musyawarah desa/kelurahan khusus", "Berbadan hukum", "Diluncurkan", "Sudah berjalan",
            "Gedung gerai mulai dibangun", "Gedung gerai selesai"} <= set(rows)
    assert "189" in rows["Diluncurkan"] and "21 Juli 2025" in rows["Diluncurkan"]
    assert "7" in rows["Sudah berjalan"] and "2" in rows["Gedung gerai selesai"]
    text = texts(kopdes_page)
    assert "Koperasi Merah Putih: 189 diluncurkan, baru 7 yang sudah berjalan" in text
    assert "Berapa yang berjalan hari ini belum dipublikasikan" in text


def test_kopdes_page_lists_the_outlet_sites_without_land_by_kecamatan_and_desa(kopdes_page):
    sites = table_with(kopdes_page, "Akor")
    without_land = sites[sites.eq("Belum dibangun: lahan belum ada").any(axis=1)]
    assert {"Barurambat Kota", "Parteker", "Akor"} <= set(without_land.stack())
    assert {"Pegantenan", "Waru", "Pasean", "Batumarmar"} <= set(without_land.stack())
    assert "Samatan" in set(sites.stack())


def test_koperasi_page_compares_madura_each_point_with_its_own_date(koperasi_page):
    shares = table_with(koperasi_page, "Kabupaten Sumenep")
    cells = set(shares.stack())
    assert {"Kabupaten Pamekasan", "Kabupaten Sumenep", "Kabupaten Sampang", "Kabupaten Bangkalan"} <= cells
    assert {"31 Desember 2024", "19 Maret 2025", "9 Juli 2019", "Mei 2024"} <= cells
    assert "tanggal yang berbeda" in texts(koperasi_page)
    # Never joined: Pamekasan's trend has only Pamekasan's figures.
    trend = table_with(koperasi_page, "Koperasi aktif")
    assert "774" not in set(trend.stack()) and "305" not in set(trend.stack())


def test_approximate_and_flagged_2023_figures_read_sekitar(koperasi_page):
    flagged = table_with(koperasi_page, "sekitar 500")
    assert "sekitar 200" in set(flagged.stack())


def test_kemitraan_page_shows_the_wub_participants_as_entrepreneurs_trained_by_the_regency():
    app = open_tables(run_page("pages/kemitraan.py", tahun="2024"))
    text = texts(app)
    assert "bukan pelatihan pengurus koperasi oleh STAIN Pamekasan" in text
    wub = table_with(app, "1.532")
    assert {"1.532", "1.843", "3.375", "1.055"} <= set(wub.stack())
    others = table_with(app, "7.805")
    cells = set(others.stack())
    assert {"10.000", "sekitar 112", "5", "19.536.884"} <= cells
    assert any("dana bergulir" in c.lower() or "PAD" in c for c in cells)


def test_ringkasan_states_the_latest_merah_putih_state_in_one_line():
    text = texts(run_page("pages/ringkasan.py", tahun="2024"))
    assert "Koperasi Merah Putih: 189 koperasi diluncurkan (Antara Jatim, 21 Juli 2025); 7 yang sudah berjalan" in text
    assert "13 titik gerai belum dibangun karena lahan" in text
