"""Page tests: the real pages run through the entry point with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from koperasi_data import schema
from koperasi_data.store import Store

ENTRY = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PAGES = ["pages/ringkasan.py", "pages/koperasi.py", "pages/sertifikasi.py", "pages/umkm.py", "pages/sumber.py"]
ILLUSTRATIVE_PAGES = ["pages/koperasi.py", "pages/sertifikasi.py", "pages/umkm.py", "pages/sumber.py"]


def run_page(page: str, **params: str) -> AppTest:
    """Run the entry point with URL parameters, then switch to ``page`` as a click would."""
    app = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != PAGES[0]:
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metric_values(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def table_with(app: AppTest, column: str):
    """The first table on the page that has ``column`` (tables are titled the Indonesian way)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def markdown_text(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("tahun", ["2016", "2020", "2024", "2025"])
def test_every_page_runs_for_every_kind_of_year(page, tahun):
    app = run_page(page, tahun=tahun)
    assert app.title[0].value


def test_koperasi_2016_shows_the_official_figures():
    values = metric_values(run_page("pages/koperasi.py", tahun="2016"))
    assert values["Jumlah koperasi"] == "585"
    assert values["Koperasi aktif"] == "563"
    assert values["Koperasi tidak aktif"] == "22"
    assert values["Persentase aktif"] == "96,2 %"


def test_umkm_2016_shows_units_and_workers():
    values = metric_values(run_page("pages/umkm.py", tahun="2016"))
    assert values["Unit UMKM"] == "195.554"
    assert values["Tenaga kerja UMKM"] == "257.481"


def test_each_headline_card_names_its_source_and_date():
    app = run_page("pages/ringkasan.py", tahun="2016")
    captions = [c.value for c in app.caption]
    assert captions.count("Antara Jatim, 12 Juli 2016 · Resmi") == 5
    assert "dihitung dari Antara Jatim, 12 Juli 2016 · Turunan" in captions


def test_bare_url_opens_the_latest_year_with_cooperative_figures():
    app = run_page("pages/ringkasan.py")
    assert app.selectbox(key="tahun").value == 2024
    values = metric_values(app)
    assert values["Jumlah koperasi"] == "791"
    assert values["Koperasi aktif"] == "444"


def test_year_without_figures_says_so_instead_of_showing_zero():
    app = run_page("pages/ringkasan.py", tahun="2025")
    assert not app.metric
    assert "Belum ada angka koperasi yang terbit untuk tahun 2025" in app.info[0].value


def test_ringkasan_choosing_a_year_changes_the_cards():
    app = run_page("pages/ringkasan.py")
    app.selectbox(key="tahun").set_value(2020).run()
    values = metric_values(app)
    assert values["Jumlah koperasi"] == "667"
    assert values["Koperasi tidak aktif"] == "298"
    assert values["Persentase aktif"] == "55,3 %"


def test_koperasi_status_filter_narrows_the_register():
    app = run_page("pages/koperasi.py", tahun="2016")
    app.multiselect(key="status").set_value([schema.TIDAK_AKTIF]).run()
    values = metric_values(app)
    assert values["Koperasi (sesuai filter)"] == "22"
    assert values["Aktif"] == "0"
    # The published figures above the register do not follow register filters.
    assert values["Jumlah koperasi"] == "585"


def test_koperasi_kecamatan_from_the_url_filters_the_register(dataset):
    waru = dataset[schema.KOPERASI]
    expected = str(int((waru["kecamatan"] == "Waru").sum()))
    app = run_page("pages/koperasi.py", tahun="2016", kecamatan="Waru")
    assert app.multiselect(key="kecamatan").value == ["Waru"]
    assert metric_values(app)["Koperasi (sesuai filter)"] == expected


def test_sertifikasi_kecamatan_filter_changes_the_stuck_list():
    everywhere = run_page("pages/sertifikasi.py", tahun="2016")
    waru = run_page("pages/sertifikasi.py", tahun="2016", kecamatan="Waru")
    stuck_all = table_with(everywhere, "Hari sejak langkah terakhir")
    stuck_waru = table_with(waru, "Hari sejak langkah terakhir")
    assert len(stuck_waru) < len(stuck_all)
    assert set(stuck_waru["Kecamatan"]) == {"Waru"}


def test_umkm_kecamatan_filter_leaves_one_kecamatan_in_its_table():
    app = run_page("pages/umkm.py", tahun="2016", kecamatan="Pasean")
    by_kecamatan = table_with(app, "Kecamatan")
    assert list(by_kecamatan["Kecamatan"]) == ["Pasean"]


def test_sumber_topic_filter_shows_only_that_topic():
    app = run_page("pages/sumber.py")
    app.selectbox(key="topik").set_value("umkm").run()
    shown = app.dataframe[0].value
    assert len(shown) > 0
    assert "Koperasi aktif" not in set(shown["Label"])


@pytest.mark.parametrize("page", ILLUSTRATIVE_PAGES)
def test_views_on_the_illustrative_register_say_so(page):
    text = markdown_text(run_page(page, tahun="2016"))
    assert ":orange-badge[:material/science: Data ilustratif" in text


def test_every_chart_has_a_source_line_a_text_alternative_and_a_download():
    app = run_page("pages/koperasi.py", tahun="2016")
    charts = app.get("plotly_chart")
    alts = [m.value for m in app.markdown if "Teks alternatif" in m.value]
    sources = [c.value for c in app.caption if c.value.startswith("Sumber:")]
    downloads = app.get("download_button")
    assert len(charts) == 5
    assert len(alts) == len(charts)
    assert len(sources) >= len(charts)
    assert len(downloads) >= len(charts)


def test_definitions_box_explains_aktif():
    text = markdown_text(run_page("pages/koperasi.py", tahun="2016"))
    assert "**Koperasi aktif**" in text
    assert "Rapat Anggota Tahunan" in text


def test_provenance_footer_names_the_data_version_and_licence():
    store = Store()
    expected_key = store.dataset_key()
    captions = " ".join(c.value for c in run_page("pages/ringkasan.py").caption)
    assert f"(sidik `{expected_key}`)" in captions
    assert expected_key.startswith(f"v{store.current_version().id}-")
    assert "Creative Commons Attribution 4.0" in captions


# The register comes from the store: an import shows on the next run, without the illustrative marks --------


def unescaped(text: str) -> str:
    """Markdown source as a reader sees it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", text)


@pytest.fixture()
def fresh_store(monkeypatch, tmp_path) -> Store:
    """The dashboard pointed at a store of its own, so importing into it leaves the other page tests alone."""
    url = f"sqlite:///{tmp_path / 'halaman.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = Store(url)
    store.ensure_seeded()
    return store


def imported_register(store: Store) -> None:
    register = store.dataset()[schema.KOPERASI].head(3).copy()
    register.loc[:, "nama"] = ["Koperasi Sumber Rejeki", "KSPPS Al-Amin", "Koperasi <b>Maju</b>"]
    store.import_tables({schema.KOPERASI: register}, user_name="admin", file_name="register_2026.xlsx",
                        file_sha256="ab" * 32, data_date=dt.date(2026, 11, 1))


def test_an_import_shows_on_the_next_run_of_an_open_page(fresh_store):
    app = run_page("pages/koperasi.py", tahun="2016")
    assert metric_values(app)["Koperasi (sesuai filter)"] == "585"
    imported_register(fresh_store)
    app.run()
    assert not app.exception
    assert metric_values(app)["Koperasi (sesuai filter)"] == "3"


def test_an_imported_register_loses_its_illustrative_badges_and_names_its_version(fresh_store):
    imported_register(fresh_store)
    app = run_page("pages/koperasi.py", tahun="2016")
    assert ":material/science: Data ilustratif" not in markdown_text(app)
    captions = [unescaped(c.value) for c in app.caption]
    assert "register Dinas, 1 November 2026 · Resmi" in captions
    assert any(c.startswith("Sumber: Register koperasi, keadaan 1 November 2026 (Register Dinas Koperasi dan UKM "
                            "Kabupaten Pamekasan, impor versi 2)") for c in captions)
    footer = captions[-1]
    assert "**Versi data register** #2 (impor oleh admin, " in footer
    assert "; berkas register_2026.xlsx)" in footer
    # The other register resources are still the generated ones and still say so.
    assert ":orange-badge[:material/science: Data ilustratif" in markdown_text(run_page("pages/umkm.py"))


def test_footer_of_the_shipped_data_says_version_1_is_the_built_in_data(fresh_store):
    footer = unescaped(run_page("pages/ringkasan.py").caption[-1].value)
    assert "**Versi data register** #1 data bawaan (sejak " in footer
    assert "**Data ilustratif**: Register koperasi (ilustratif)" in footer
