"""?lang=en on the real pages (AppTest): no Indonesian interface text, English formats, the switch and the URL."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from koperasi_data import load, schema

from tests.test_pages import open_tables, ENTRY, PAGES, chart_slugs_drawn, metric_values, run_page, shown_cards

ALL_PAGES = PAGES + ["pages/presentasi.py"]

# Common Indonesian words of the interface. None of them is an English word, so any of them in an English page is
# text that was not translated. Phrases are checked as written; single words as whole words.
INDONESIAN_WORDS = {
    "dan", "yang", "tahun", "sumber", "jumlah", "aktif", "tidak", "belum", "sudah", "dari", "untuk", "dengan", "pada",
    "unduh", "tabel", "grafik", "angka", "bidang", "terbit", "keadaan", "menurut", "atau", "ini", "itu", "bukan",
    "ada", "di", "ke", "oleh", "lain", "semua", "ilustratif", "resmi", "turunan", "ditandai", "pengurus",
    "pinjaman", "usaha", "tanah", "peta", "tanggal", "wilayah", "sekitar", "lebih", "hampir", "dibangun", "gerai",
    "tertahan", "ditunda", "ditolak", "diusulkan", "sertipikat", "kemitraan", "ringkasan", "presentasi", "salindia",
    "dinas", "berapa", "setiap", "masih", "baru", "terbanyak", "persen", "tenaga", "kerja", "pelatihan", "mitra",
    "desa/kelurahan", "kecamatan", "kabupaten", "definisi", "istilah", "rincian", "koperasi", "sejak", "bawaan",
    "berkas", "impor", "oleh", "versi", "dikembalikan", "juta", "miliar", "orang", "produk", "titik", "gedung",
}
PHRASES = ("koperasi aktif", "tidak aktif", "tenaga kerja", "data ilustratif", "angka terbit")
# Proper names kept in English text: the office's own name, programme names and place names.
ALLOWED = ("Dinas Koperasi dan UKM Kabupaten Pamekasan", "Dinas Koperasi dan UKM",
           "Koperasi Desa/Kelurahan Merah Putih", "Koperasi Simpan Pinjam dan Pembiayaan Syariah", "Koperasi Merah Putih",
           "Badan Pertanahan Nasional", "Rapat Anggota Tahunan", "Kabupaten Pamekasan", "Nomor Induk Koperasi",
           "Wirausaha Baru", "Pendapatan Asli Daerah", "wilayah_boundaries", "KOPERASI_SITE_URL")
# Table columns whose cells are interface labels (coded values, stages, units); other cells are data as published.
# The data dictionary's rules and descriptions name the codes a file must hold (aktif, tidak_aktif): data, not labels.
LABEL_COLUMNS = {"Label", "Data status", "Status", "Stage", "State", "Precision", "Type of cooperative", "Sector",
                 "Business scale", "Unit", "Indicator", "Title", "Type", "Lender", "Loan status", "Topic",
                 "Form of partnership", "Dissolution proposal"}


def _names() -> set[str]:
    dataset = load.load_dataset()
    names = set(dataset[schema.KECAMATAN]["nama"])
    for resource in (schema.KOPERASI, schema.VALUES):
        names |= set(dataset[resource]["desa"].dropna())
    names |= set(dataset[schema.KOPERASI]["nama"])
    return {n for n in names if isinstance(n, str)}


NAMES = sorted(_names(), key=len, reverse=True)


def run_english(page: str, **params: str) -> AppTest:
    return run_page(page, lang="en", **params)


def _figure_texts(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    texts = []
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title = axis.get("title")
            texts.append(title.get("text", "") if isinstance(title, dict) else str(title or ""))
            texts += [str(t) for t in axis.get("ticktext") or []]
    title = layout.get("title")
    texts.append(title.get("text", "") if isinstance(title, dict) else str(title or ""))
    for trace in spec.get("data", []):
        if trace.get("showlegend") is not False:  # a hidden trace's name is never shown
            texts.append(str(trace.get("name") or ""))
        for key in ("x", "y", "text"):
            values = trace.get(key)
            if isinstance(values, list):
                texts += [v for v in values if isinstance(v, str)]
            elif isinstance(values, str):
                texts.append(values)
        texts.append(str(trace.get("hovertemplate") or ""))
    return texts


def visible_text(app: AppTest) -> list[str]:
    """Everything a reader sees: headings, text, captions, cards, alerts, controls, table headers and label cells,
    and the words of every chart (titles, axes, ticks, legend, bar labels, hover)."""
    texts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning")
             for e in getattr(app, kind)]
    texts += [e.value for e in app.get("badge")] if app.get("badge") else []
    texts += [part for card in shown_cards(app) for part in card]
    texts += [e.label for e in app.expander] + [t.label for t in app.tabs]
    for kind in ("selectbox", "multiselect", "button", "toggle", "number_input"):
        for widget in getattr(app, kind):
            texts += [widget.label, getattr(widget, "placeholder", "") or "", widget.help or ""]
    texts += [b.proto.label for b in app.get("download_button")]
    for frame in app.dataframe:
        table = frame.value
        texts += [str(c) for c in table.columns]
        if not any(str(c).endswith("(English)") for c in table.columns):  # raw metadata: both languages by design
            for column in table.columns:
                if column in LABEL_COLUMNS:
                    texts += [str(v) for v in table[column].dropna().unique()]
    for chart in app.get("plotly_chart"):
        texts += _figure_texts(json.loads(chart.proto.spec))
    return [t for t in texts if t]


def indonesian_words(text: str) -> set[str]:
    """The Indonesian interface words left in ``text`` once proper names, links and markup are taken out."""
    # Markup, links, code and file names (kecamatan.csv) are not words of the interface.
    text = re.sub(r"<[^>]+>|%\{[^}]*\}|\]\([^)]*\)|https?://\S+|`[^`]*`|[\w/.-]+\.(?:csv|geojson|json|txt|xlsx|zip)\b",
                  " ", text)
    for name in ALLOWED + tuple(NAMES):
        text = text.replace(name, " ")
    lowered = text.lower()
    found = {phrase for phrase in PHRASES if phrase in lowered}
    found |= {word for word in re.findall(r"[a-z_/]+", lowered) if word in INDONESIAN_WORDS}
    return found


@pytest.mark.parametrize("page", ALL_PAGES)
@pytest.mark.parametrize("tahun", ["2016", "2025"])
def test_english_pages_show_no_indonesian_interface_text(page, tahun):
    # With every table and the definitions open: what a reader who opens everything sees.
    app = open_tables(run_english(page, tahun=tahun))
    leftovers = {text[:120]: sorted(words) for text in visible_text(app) if (words := indonesian_words(text))}
    assert not leftovers, leftovers


def test_the_stop_list_catches_indonesian_text():
    app = AppTest.from_file(ENTRY, default_timeout=90)
    app.query_params["tahun"] = "2016"
    app.run()
    assert sum(bool(indonesian_words(t)) for t in visible_text(app)) > 20
    assert indonesian_words("Most cooperatives in Pamekasan (122)") == set()
    assert indonesian_words("Office (Dinas Koperasi dan UKM Kabupaten Pamekasan); jumlah koperasi") == \
        {"jumlah", "koperasi"}


def test_english_figures_and_dates_are_written_the_english_way():
    app = run_english(PAGES[0], tahun="2016")
    values = metric_values(app)
    assert values["SME workers"] == "257,481"
    assert values["Share active"] == "96.2 %"
    assert values["Registered SME units"] == "195,554"
    assert "Antara Jatim, 12 July 2016 · Official" in [caption for _, _, caption in shown_cards(app)]
    assert app.title[0].value == "Summary"


def test_indonesian_stays_the_default():
    app = AppTest.from_file(ENTRY, default_timeout=90)
    app.query_params["tahun"] = "2016"
    app.run()
    assert app.title[0].value == "Ringkasan"
    assert metric_values(app)["Tenaga kerja UMKM"] == "257.481"
    assert "lang" not in app.query_params


def test_the_switch_keeps_the_other_filters_and_the_language_survives_navigation():
    app = AppTest.from_file(ENTRY, default_timeout=90)
    app.query_params["tahun"] = "2016"
    app.query_params["kecamatan"] = "Waru"
    app.run()
    assert app.title[0].value == "Ringkasan"
    app.button_group(key="lang").set_value("en").run()
    assert app.title[0].value == "Summary"
    # The year and kecamatan chosen stay chosen (the address itself is checked in the browser: tests/e2e).
    assert app.selectbox(key="tahun").value == 2016 and app.multiselect(key="kecamatan").value == ["Waru"]
    assert metric_values(app)["SME workers"] == "257,481"
    app.switch_page("pages/koperasi.py").run()
    assert not app.exception
    assert app.title[0].value == "Active and inactive cooperatives"
    assert app.button_group(key="lang").value == "en"
    app.button_group(key="lang").set_value("id").run()
    assert app.title[0].value == "Koperasi aktif dan tidak aktif"


def test_a_link_made_in_one_language_keeps_its_page_filters_in_the_other():
    # The bound filters write their options' labels into the address: ?status=Aktif is what an Indonesian reader
    # shares. Opened in English it still filters (it used to fall back to every cooperative: 585).
    app = run_english("pages/koperasi.py", tahun="2016", status="Aktif", jenis="Simpan Pinjam")
    assert app.multiselect(key="status").value == ["aktif"]
    assert app.query_params["status"] in ("Active", ["Active"])  # a link copied from the page says it in English
    assert app.multiselect(key="jenis").value == ["Simpan Pinjam"]
    assert run_english("pages/koperasi.py", tahun="2016", status="Aktif").multiselect(key="status").value == ["aktif"]
    assert metric_values(run_english("pages/koperasi.py", tahun="2016", status="Aktif"))[
        "Cooperatives (as filtered)"] == "563"
    # And the other way, and the Sumber page's topic.
    assert run_page("pages/koperasi.py", tahun="2016", status="Inactive").multiselect(key="status").value == \
        ["tidak_aktif"]
    assert run_english("pages/sumber.py", topik="Sertifikasi tanah").selectbox(key="topik").value == "sertifikasi"
    # The chosen tab of a view too: ?umkm-kecamatan=Peta: unit usaha opens the map in English.
    drawn = chart_slugs_drawn(run_english("pages/umkm.py", tahun="2016", **{"umkm-kecamatan": "Peta: unit usaha"}))
    assert "peta-umkm" in drawn and "umkm-kecamatan" not in drawn
    # A label of no language is left alone (the widget ignores it, as before).
    assert run_english("pages/koperasi.py", tahun="2016", status="Entah").multiselect(key="status").value == []
