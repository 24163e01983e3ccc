"""The English interface: message catalogue complete, English formats, views built per language, English metadata."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from koperasi_data import cards, fmt, i18n, metrics, schema, views

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "koperasi_data" / "locale" / "en" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list:
    """Every message of the interface, extracted from the code and datapackage.json exactly as `make messages` does."""
    pot = tmp_path_factory.mktemp("messages") / "messages.pot"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_",
                    "--no-wrap", "-o", str(pot), "."], cwd=ROOT, env=env, check=True, capture_output=True)
    with pot.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


@pytest.fixture(scope="module")
def english() -> dict:
    with PO.open("rb") as handle:
        return {message.id: message for message in read_po(handle, locale="en") if message.id}


def test_extraction_finds_the_interface_messages(extracted):
    ids = {message.id for message in extracted}
    # one of each kind: page text, a chart finding, a category label, a data package field title
    for expected in ("Sumber dan unduh data", "Koperasi terbanyak di {0} ({1})", "Simpan Pinjam", "Tanggal terbit"):
        assert expected in ids
    assert len(ids) > 500


def test_every_interface_message_has_an_english_translation(extracted, english):
    missing = [m.id for m in extracted
               if m.id not in english or not english[m.id].string or english[m.id].fuzzy]
    assert not missing, f"{len(missing)} messages without an English translation (make messages, then translate " \
                        f"them in {PO.relative_to(ROOT)}): {missing[:10]}"


def test_translations_keep_every_placeholder(english):
    broken = [(m.id, m.string) for m in english.values()
              if m.string and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))]
    assert not broken


@pytest.mark.parametrize(("call", "indonesian", "english"), [
    (lambda loc: fmt.number(257481, locale=loc), "257.481", "257,481"),
    (lambda loc: fmt.percent(96.239, locale=loc), "96,2 %", "96.2 %"),
    (lambda loc: fmt.date("2016-07-12", loc), "12 Juli 2016", "12 July 2016"),
    (lambda loc: fmt.period("2020-07", loc), "Juli 2020", "July 2020"),
    (lambda loc: fmt.rupiah(1.5e9, loc), "Rp1,5 miliar", "Rp1.5 billion"),
    (lambda loc: fmt.number(1.3206, 2, loc), "1,32", "1.32"),
])
def test_formats_follow_the_language(call, indonesian, english):
    assert call("id") == indonesian
    assert call("en") == english
    assert call(None) == indonesian  # outside any English build: Indonesian, as always
    with i18n.use("en"):
        assert call(None) == english


def test_unknown_language_falls_back_to_indonesian():
    assert i18n.normalise("fr") == "id"
    assert i18n.normalise(None) == "id"
    assert i18n.translator("xx")("Ringkasan") == "Ringkasan"
    assert i18n.translator("en")("Ringkasan") == "Summary"


def test_a_view_is_built_in_each_language_from_the_same_numbers(dataset, values):
    indonesian = views.build("koperasi-kecamatan", dataset, views.Filters(2016), values)
    english_view = views.build("koperasi-kecamatan", dataset, views.Filters(2016, lang="en"), values)
    assert indonesian.title == "Koperasi terbanyak di Pamekasan (122); tidak aktif terbanyak di Pademawu (4)"
    assert english_view.title == "Most cooperatives in Pamekasan (122); most inactive in Pademawu (4)"
    assert english_view.table.equals(indonesian.table)  # the same numbers, written for another reader
    assert english_view.alt.startswith("Stacked bar chart. Most cooperatives")
    assert english_view.figure.layout.separators == ".,"
    assert indonesian.figure.layout.separators == ",."
    assert "Tahun" not in english_view.display.columns


def test_the_language_is_part_of_the_cache_key():
    assert views.normalised("angka-terbit", views.Filters(2016, lang="en")) != \
        views.normalised("angka-terbit", views.Filters(2016))
    assert views.card_filters("koperasi-terbit", views.Filters(2016, lang="en")).lang == "en"


def test_english_cards_pin_the_formats(dataset, values):
    umkm = {c.label: c for c in views.build_cards("umkm-terbit", dataset, views.Filters(2016, lang="en"), values)}
    assert umkm["SME workers"].value == "257,481"
    assert umkm["SME workers"].caption == "Antara Jatim, 12 July 2016 · Official"
    koperasi = {c.label: c.value for c in views.build_cards("koperasi-terbit", dataset,
                                                            views.Filters(2016, lang="en"), values)}
    assert koperasi["Share active"] == "96.2 %"
    assert koperasi["Active cooperatives"] == "563"


def test_english_building_leaves_the_indonesian_defaults_alone(dataset, values):
    views.build("tren-koperasi", dataset, views.Filters(2016, lang="en"), values)
    assert i18n.current() == "id"
    assert cards.official_day() == "12 Juli 2016"
    assert schema.label(schema.TIDAK_AKTIF) == "Tidak aktif"


def test_every_indicator_and_glossary_term_has_its_english_text(dataset):
    indicators = dataset[schema.INDICATORS]
    for column in ("label_en", "satuan_en", "definisi_en"):
        assert indicators[column].fillna("").str.strip().ne("").all(), column
    glossary = metrics.glossary(dataset[schema.GLOSSARY], "en")
    assert glossary["Koperasi aktif"][0] == "Active cooperative"
    assert all(term != shown or term.isupper() or "(" in term or term in {"Pegadaian", "STAIN Pamekasan"}
               for term, (shown, _definition) in glossary.items())
    assert metrics.glossary(dataset[schema.GLOSSARY])["Koperasi aktif"][0] == "Koperasi aktif"


def test_english_values_swap_labels_units_and_area_names(values):
    english_values = metrics.in_language(values, "en")
    row = english_values[english_values["kode_indikator"] == schema.UMKM_TENAGA_KERJA].iloc[0]
    assert (row["label"], row["satuan"], row["wilayah"]) == ("SME workers", "people", "Pamekasan Regency")
    assert metrics.in_language(values, "id") is values
