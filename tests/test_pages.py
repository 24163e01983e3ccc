"""Page tests: the real pages run through the entry point with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from koperasi_data import schema, views
from koperasi_data.store import Store

ENTRY = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PAGES = ["pages/ringkasan.py", "pages/koperasi.py", "pages/kopdes.py", "pages/sertifikasi.py", "pages/kemitraan.py", "pages/umkm.py",
         "pages/sumber.py"]
ILLUSTRATIVE_PAGES = ["pages/koperasi.py", "pages/sertifikasi.py", "pages/kemitraan.py", "pages/umkm.py",
                      "pages/sumber.py"]


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


def open_tables(app: AppTest) -> AppTest:
    """The page again with every view's "Tabel data dan unduhan" (and every other on-demand box) open, as a
    reader who opens them all: tables and downloads are drawn only when asked for."""
    from koperasi_data import ui, views

    for slug in views.slugs():
        app.session_state[ui.table_key(slug)] = True
    app.session_state[ui.DEFINITIONS_KEY] = True
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def choose_tab(app: AppTest, group: str, label: str) -> AppTest:
    """The page again with tab ``label`` chosen in the tab group named by its first view's slug (only the chosen
    tab is drawn), every table open."""
    app.session_state[group] = label
    return open_tables(app)


# Every view drawn only in a tab other than the first: (tab group, tab label), by page.
OTHER_TABS = {
    "pages/koperasi.py": [("koperasi-kecamatan", "Peta: jumlah"), ("koperasi-kecamatan", "Peta: persen aktif")],
    "pages/kopdes.py": [("kopdes-musdesus", "Peta"), ("kopdes-gerai", "Peta: tanpa lahan")],
    "pages/sertifikasi.py": [("sertifikasi-kecamatan", "Peta"), ("shat-belum-diukur", "Peta desa")],
    "pages/umkm.py": [("umkm-kecamatan", "Peta: unit usaha"), ("umkm-kecamatan", "Peta: tenaga kerja"),
                      ("umkm-halal", "Peta")],
}


def every_tab(page: str, **params: str):
    """The page with every table open, then again with each tab beyond the first chosen in turn."""
    app = open_tables(run_page(page, **params))
    yield app
    for group, label in OTHER_TABS.get(page, []):
        yield choose_tab(app, group, label)


def chart_slugs_drawn(app: AppTest) -> list[str]:
    """The slugs of the chart views drawn on this run, found by their findings' anchors."""
    return re.findall(r'<h3 data-anchor="([^"]+)"', markdown_text(app))


CARD = re.compile(r'<div class="card"><dt class="card-label">(.*?)</dt><dd class="card-value">(.*?)</dd>'
                  r'<dd class="card-source">(.*?)</dd></div>')


def shown_cards(app: AppTest) -> list[tuple[str, str, str]]:
    """Every headline card on the page, in order: (label, value, source line) as a reader sees them."""
    return [tuple(html.unescape(part) for part in card) for block in app.markdown for card in CARD.findall(block.value)]


def metric_values(app: AppTest) -> dict[str, str]:
    return {label: value for label, value, _ in shown_cards(app)}


def card_labels(app: AppTest) -> list[str]:
    return [label for label, _, _ in shown_cards(app)]


def card_captions(app: AppTest) -> list[str]:
    return [caption for _, _, caption in shown_cards(app)]


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
    assert values["Unit UMKM tercatat"] == "195.554"
    assert values["Tenaga kerja UMKM"] == "257.481"


def test_each_headline_card_names_its_source_and_date():
    app = run_page("pages/ringkasan.py", tahun="2016")
    captions = card_captions(app)
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
    # Only the register's own cards (whatever the year); no published figure is shown as zero.
    assert card_labels(app) == ["Koperasi dalam register", "Aktif", "Tidak aktif", "Persentase aktif"]
    assert "Belum ada angka koperasi yang terbit untuk tahun 2025" in app.info[0].value


def test_ringkasan_shows_the_register_totals_with_their_date_and_status():
    app = run_page("pages/ringkasan.py", tahun="2016")
    register = [card for card in shown_cards(app) if card[0] == "Koperasi dalam register"][0]
    assert register[1] == "585"
    assert register[2] == "register ilustratif, 12 Juli 2016 · Ilustratif"


def test_ringkasan_choosing_a_year_changes_the_cards():
    app = run_page("pages/ringkasan.py")
    app.selectbox(key="tahun").set_value(2020).run()
    values = metric_values(app)
    assert values["Jumlah koperasi"] == "667"
    assert values["Koperasi tidak aktif"] == "298"
    # The first share is the published one; the register's own cards follow under their heading.
    assert [value for label, value, _ in shown_cards(app) if label == "Persentase aktif"][0] == "55,3 %"


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
    app = open_tables(run_page("pages/umkm.py", tahun="2016", kecamatan="Pasean"))
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


@pytest.mark.parametrize("page", ["pages/koperasi.py", "pages/kopdes.py", "pages/sertifikasi.py", "pages/umkm.py"])
def test_every_chart_has_a_source_line_a_text_alternative_and_its_downloads(page):
    drawn = []
    for app in every_tab(page, tahun="2016"):
        charts = app.get("plotly_chart")
        # The source line, then the text alternative for screen readers, in one caption under each chart.
        lines = [c.value for c in app.caption if c.value.startswith("Sumber:") and
                 '<span class="sr-only" role="note"> Teks alternatif: ' in c.value]
        labels = [d.proto.label for d in app.get("download_button")]
        assert len(lines) == len(charts) == len(chart_slugs_drawn(app))
        # Behind each chart (its table open): Excel, CSV and PNG.
        assert labels.count("Unduh PNG") == len(charts)
        assert len([label for label in labels if label.startswith("Unduh CSV")]) >= len(charts)
        drawn += chart_slugs_drawn(app)
    # Koperasi: trend, Madura comparison, three register charts, and two maps (in tabs beside the kecamatan
    # chart); Koperasi Merah Putih: musdesus and steps, and two maps. Every chart of the catalogue's page is drawn
    # in one tab or another.
    name = Path(page).stem
    assert sorted(set(drawn)) == sorted(views.chart_slugs(name))
    if name == "koperasi":
        assert len(set(drawn)) == 7
    if name == "kopdes":
        assert len(set(drawn)) == 4


def test_a_page_draws_only_the_chosen_tab_and_keeps_the_choice_in_the_url():
    app = run_page("pages/umkm.py", tahun="2016")
    assert "umkm-kecamatan" in chart_slugs_drawn(app) and "peta-umkm" not in chart_slugs_drawn(app)
    app = choose_tab(app, "umkm-kecamatan", "Peta: unit usaha")
    assert "peta-umkm" in chart_slugs_drawn(app) and "umkm-kecamatan" not in chart_slugs_drawn(app)
    # The choice is bound to the URL (?umkm-kecamatan=Peta: tenaga kerja; the browser writes it): a shared link
    # opens the same tab.
    shared = run_page("pages/umkm.py", tahun="2016", **{"umkm-kecamatan": "Peta: tenaga kerja"})
    assert "peta-umkm-tenaga-kerja" in chart_slugs_drawn(shared) and "umkm-kecamatan" not in chart_slugs_drawn(shared)


def test_a_closed_table_is_not_drawn_and_opening_it_shows_the_same_numbers():
    app = run_page("pages/umkm.py", tahun="2016")
    assert not app.dataframe and not [d for d in app.get("download_button") if d.proto.label.startswith("Unduh")]
    opened = open_tables(app)
    by_kecamatan = table_with(opened, "Unit usaha")
    assert len(by_kecamatan) == 13


def test_a_rerun_sends_each_chart_as_built_without_encoding_its_figure_again(monkeypatch, dataset):
    import json

    import plotly.io as pio

    from koperasi_data import ui

    app = run_page("pages/ringkasan.py", tahun="2016")
    encoded = []
    monkeypatch.setattr(ui, "_plotly_to_json", lambda *args, **kwargs: encoded.append(args) or "{}")
    app.run()
    assert not app.exception
    assert encoded == []  # the figure's JSON was written once, when the view was built
    sent = json.loads(app.get("plotly_chart")[0].proto.spec)
    monkeypatch.undo()
    expected = json.loads(pio.to_json(views.build("tren-koperasi", dataset, views.Filters(2016)).figure))
    assert sent == expected and sent["data"]


def test_definitions_box_explains_aktif_when_opened():
    app = run_page("pages/koperasi.py", tahun="2016")
    assert "**Koperasi aktif**" not in markdown_text(app)  # drawn only while open, like a chart's table
    text = markdown_text(open_tables(app))
    assert "**Koperasi aktif**" in text
    assert "Rapat Anggota Tahunan" in text


def test_provenance_footer_names_the_data_version_and_licence():
    store = Store()
    expected_key = store.dataset_key()
    captions = " ".join(c.value for c in run_page("pages/ringkasan.py").caption)
    assert f"(sidik `{expected_key}`)" in captions
    assert expected_key.startswith(f"v{store.current_version().id}-")
    assert "Creative Commons Attribution 4.0" in captions


# public and internal instances -------------------------------------------------------


def dissolution_table(app: AppTest):
    return table_with(app, "Usulan pembubaran")


def test_internal_instance_lists_whom_to_call_about_dissolution(monkeypatch):
    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    table = dissolution_table(open_tables(run_page("pages/koperasi.py", tahun="2016")))
    assert len(table) == 22
    assert table["Telepon pengurus"].str.startswith("0324-ILUSTRASI").all()


def test_public_instance_shows_no_names_phones_or_notes(monkeypatch):
    monkeypatch.setenv("KOPERASI_MODE", "publik")
    app = open_tables(run_page("pages/koperasi.py", tahun="2016"))
    shown = [d.value for d in app.dataframe]
    assert len(dissolution_table(app)) == 22
    for frame in shown:
        assert not {"Nama ketua", "Telepon pengurus", "Catatan internal Dinas"} & set(frame.columns)
        assert not frame.astype(str).apply(lambda c: c.str.contains("ILUSTRASI-")).any().any()


# Kemitraan ------------------------------------------------------------------------------------


def test_kemitraan_shows_the_three_obstacles_with_their_partners_and_the_strategys_source():
    app = run_page("pages/kemitraan.py", tahun="2016")
    text = markdown_text(app)
    for obstacle, partner in (("Modal usaha", "BPN; Pegadaian dan bank"), ("SDM", "STAIN Pamekasan"),
                              ("Jaringan", "UMKM binaan Dinas")):
        assert obstacle in text and partner in text
    assert any(c.value.startswith("Sumber: [Antara Jatim, 12 Juli 2016](https://jatim.antaranews.com/")
               for c in app.caption)


def test_kemitraan_shows_published_figures_then_the_register_figures():
    app = run_page("pages/kemitraan.py", tahun="2016")
    labels = card_labels(app)
    values = metric_values(app)
    assert (values["Kuota SHAT UMKM"], values["Unit UMKM tercatat"]) == ("3.100", "195.554")
    assert (values["Bidang bersertipikat"], values["Bidang dengan pinjaman"]) == ("62", "34")
    assert (values["Nilai pinjaman diperoleh"], values["Pengurus dilatih"], values["UMKM mitra"]) == (
        "Rp4,4 miliar", "399", "2.194")
    # Published first: every resmi card comes before the first illustrative one.
    assert labels.index("Unit UMKM tercatat") < labels.index("Bidang bersertipikat")
    captions = card_captions(app)
    assert "Kabar Madura, 2024 · Resmi" in captions
    assert "register kemitraan ilustratif, 31 Desember 2018 · Ilustratif" in captions


def test_kemitraan_kecamatan_filter_narrows_the_register_but_not_the_published_figures(dataset):
    network = dataset[schema.NETWORK]
    waru = str(int(network.loc[network["kecamatan"] == "Waru", "jumlah_umkm_mitra"].sum()))
    app = run_page("pages/kemitraan.py", tahun="2016")
    assert metric_values(app)["UMKM mitra"] == "2.194"
    app.multiselect(key="kecamatan").set_value(["Waru"]).run()
    values = metric_values(app)
    assert values["UMKM mitra"] == waru != "2.194"
    assert values["Kuota SHAT UMKM"] == "3.100"
    assert list(table_with(app, "Pengurus dilatih")["Kecamatan"]) == ["Waru"]
    assert "Angka terbit berlaku untuk seluruh kabupaten" in app.info[0].value


def test_kemitraan_charts_each_have_a_badge_source_line_text_alternative_and_download():
    app = run_page("pages/kemitraan.py", tahun="2016")
    charts = app.get("plotly_chart")
    text = markdown_text(app)
    assert len(charts) == 5  # the published WUB participants, then four register charts
    # Badges on the four register charts, the register section and its table; none on the published WUB chart.
    assert text.count(":orange-badge[:material/science: Data ilustratif") == 4 + 2
    assert len([c for c in app.caption if "Teks alternatif: " in c.value]) == 5
    assert len([c for c in app.caption if c.value.startswith("Sumber: Pinjaman koperasi")]) == 2
    labels = [b.label for b in open_tables(app).get("download_button")]
    assert labels.count("Unduh PNG") == 5  # one per chart
    # Five charts, the published SDM/capital table and the partnership table.
    assert len([label for label in labels if label.startswith("Unduh CSV")]) == 7


def test_kemitraan_definitions_explain_agunan_and_stain():
    text = markdown_text(open_tables(run_page("pages/kemitraan.py", tahun="2016")))
    assert "**Agunan**" in text and "**STAIN Pamekasan**" in text


def test_every_chart_offers_a_png_drawn_only_when_clicked():
    app = open_tables(run_page("pages/koperasi.py", tahun="2016"))
    png = [d for d in app.get("download_button") if d.proto.label == "Unduh PNG"]
    assert len(png) == len(app.get("plotly_chart"))
    # Deferred: the file exists only once the reader clicks, so no PNG is drawn on page load.
    assert all(d.proto.deferred_file_id and not d.proto.url for d in png)


def test_without_chromium_the_png_control_says_so(monkeypatch):
    from koperasi_data import images

    monkeypatch.setattr(images, "chromium_available", lambda: False)
    app = open_tables(run_page("pages/ringkasan.py", tahun="2016"))
    assert not [d for d in app.get("download_button") if d.proto.label == "Unduh PNG"]
    unavailable = [b for b in app.button if b.label == images.UNAVAILABLE_TEXT]
    assert len(unavailable) == len(app.get("plotly_chart")) == 1
    assert unavailable[0].disabled

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
    assert "register Dinas, 1 November 2026 · Resmi" in card_captions(app)
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


# Kelola Data (admin) -------------------------------------------------------------------


ADMIN_PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(scope="module")
def admin_secrets() -> dict:
    from koperasi_data import auth

    return {"kelola_data": {"pengguna": {"admin": auth.hash_password(ADMIN_PASSWORD, rounds=4)}}}


@pytest.fixture(autouse=True)
def entry_point_runs_first(monkeypatch):
    """AppTest switches Streamlit back to its legacy pages-folder mode on every run; the page then runs
    alone first and reruns through the entry point, which drops a button click on the way. Keep the
    mode off, as a running server does after its first request, so clicks reach the page."""
    from streamlit.runtime import pages_manager

    original = pages_manager.PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(pages_manager.PagesManager, "__init__", init)


def admin_app(secrets: dict | None) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60)
    if secrets:
        app.secrets.update(secrets)
    app.run()
    app.switch_page("admin/kelola_data.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def log_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input[0].input(name)
    app.text_input[1].input(password)
    app.button[0].click().run()
    return app


def test_admin_page_without_accounts_says_how_to_create_one(monkeypatch):
    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    app = admin_app(None)
    assert "python -m koperasi_data add-user NAMA" in app.warning[0].value
    assert not app.get("file_uploader")


def test_admin_page_refuses_a_wrong_password_and_opens_for_the_right_one(monkeypatch, admin_secrets):
    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    app = log_in(admin_app(admin_secrets), "admin", "salah-salah-salah")
    assert app.error[0].value == "Nama pengguna atau kata sandi salah."
    assert not app.get("file_uploader")
    log_in(app, "admin", ADMIN_PASSWORD)
    assert not app.exception
    assert app.info[0].value.startswith("Versi yang sedang dipakai: \\#1 data bawaan")
    assert len(app.get("file_uploader")) == 1
    # The register for people comes first, as Excel; then the empty template.
    assert [b.label for b in app.get("download_button")][:2] == ["Register saat ini (Excel)", "Templat Excel kosong"]
    app.button(key="keluar").click().run()
    assert not app.get("file_uploader") and app.text_input[1].label == "Kata sandi"


def test_admin_page_lists_versions_and_rolls_back(monkeypatch, admin_secrets, tmp_path, dataset):
    from koperasi_data.store import Store

    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    url = f"sqlite:///{tmp_path / 'admin.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = Store(url)
    store.ensure_seeded()
    smaller = dataset[schema.KOPERASI].head(500)
    store.import_tables({schema.KOPERASI: smaller}, user_name="staf", file_name="register.xlsx",
                        file_sha256="0" * 64, note="uji")
    app = log_in(admin_app(admin_secrets), "admin", ADMIN_PASSWORD)
    history = table_with(app, "Versi")
    assert list(history["Versi"]) == ["#2 (dipakai)", "#1"]
    assert list(history["Pengguna"])[0] == "staf"
    app.selectbox(key="versi_pulih").set_value(1)
    app.text_input(key="alasan_pulih").input("berkas salah")
    next(b for b in app.button if b.label == "Pulihkan sebagai versi baru").click().run()
    assert store.current_version().id == 3 and store.current_version().restored_from == 1
    assert len(store.dataset()[schema.KOPERASI]) == 585
    assert "Versi #3 sekarang dipakai di semua halaman." in [s.value for s in app.success]


def test_public_instance_does_not_register_the_admin_page(monkeypatch):
    monkeypatch.setenv("KOPERASI_MODE", "publik")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_page("pages/ringkasan.py").switch_page("admin/kelola_data.py")


def test_sumber_after_an_import_no_longer_calls_the_register_illustrative(monkeypatch, tmp_path, dataset):
    from koperasi_data.store import Store

    url = f"sqlite:///{tmp_path / 'sumber.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    Store(url).import_tables({schema.KOPERASI: dataset[schema.KOPERASI].head(585)}, user_name="staf",
                             file_name="register.xlsx", file_sha256="0" * 64, data_date=dt.date(2026, 11, 1))
    app = run_page("pages/sumber.py")
    headers = [h.value for h in app.header]
    assert "Register Dinas di samping angka resmi 12 Juli 2016" in headers
    assert "Register ilustratif dicocokkan dengan angka resmi" not in headers
    assert "1 November 2026" in markdown_text(app)


def test_maps_name_the_boundary_source_under_them():
    boundary = set()
    for app in every_tab("pages/umkm.py", tahun="2016"):
        boundary |= {c.value for c in app.caption if "Batas wilayah: github.com/cahyadsn/wilayah_boundaries" in c.value}
    # Units, workers and halal products per kecamatan, each map under its own tab.
    assert len(boundary) == 3 and all(line.startswith("Sumber:") for line in boundary)
    assert [t.label for t in app.tabs][:3] == ["Grafik", "Peta: unit usaha", "Peta: tenaga kerja"]


# Built views are cached by data version -------------------------------------------------------------------


def views_on_shelf(version: str) -> dict:
    """slug -> built view for every view the process has built from one data version (any filters)."""
    from koperasi_data import ui

    items = ui.shelf()._items
    return {key[4]: value.built for key, value in list(items.items()) if key[1] == version and key[3] == "view"}


def chart_heading(app: AppTest, slug: str) -> str:
    """The finding above a chart, found by its anchor (the slug)."""
    return next(m.value for m in app.markdown if f'<h3 data-anchor="{slug}"' in m.value)


def test_a_rerun_reuses_the_built_views_and_an_import_builds_them_again(fresh_store):
    app = run_page("pages/koperasi.py", tahun="2016")
    first = fresh_store.dataset_key()
    built = views_on_shelf(first)["koperasi-kecamatan"]
    assert "Koperasi terbanyak di Pamekasan (122)" in chart_heading(app, "koperasi-kecamatan")
    app.run()
    assert views_on_shelf(first)["koperasi-kecamatan"] is built  # same object: nothing built again
    imported_register(fresh_store)
    app.run()
    second = fresh_store.dataset_key()
    assert second != first
    rebuilt = views_on_shelf(second)["koperasi-kecamatan"]
    assert rebuilt is not built and int(rebuilt.table["total"].sum()) == 3 != int(built.table["total"].sum())
    assert rebuilt.title in chart_heading(app, "koperasi-kecamatan") and not rebuilt.illustrative


def test_sumber_shows_a_long_register_table_capped_with_the_note(monkeypatch):
    import streamlit as st

    from koperasi_data import ui, views

    monkeypatch.setattr(views, "DISPLAY_ROWS", 100)
    st.cache_resource.clear()
    st.cache_data.clear()
    ui.shelf().clear()
    try:
        app = run_page("pages/sumber.py")
        app.selectbox(key="topik").set_value("koperasi")
        open_tables(app)
        notes = [c.value for c in app.caption if c.value.startswith("Menampilkan 100 dari ")]
        assert notes and notes[0].endswith(" baris; unduh CSV/Excel untuk semuanya")
        assert 100 in {len(frame.value) for frame in app.dataframe}
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
        ui.shelf().clear()
