"""The shipped data/: valid, documented, sourced, and pinned to the official 2016 totals."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from koperasi_data import metrics, schema
from koperasi_data.load import read_descriptor, resource_descriptor, tabular_resources
from koperasi_data.validate import check_dataset, validate_package

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTOR = read_descriptor()
RESOURCES = [resource["name"] for resource in tabular_resources(DESCRIPTOR)]
FIELDS = [(resource["name"], field["name"]) for resource in tabular_resources(DESCRIPTOR)
          for field in resource["schema"]["fields"]]
GEO_RESOURCES = [resource["name"] for resource in DESCRIPTOR["resources"] if resource.get("format") == "geojson"]


def field(resource: str, name: str) -> dict:
    return next(f for f in resource_descriptor(DESCRIPTOR, resource)["schema"]["fields"] if f["name"] == name)


def test_shipped_package_passes_schema_validation():
    assert [p.as_line() for p in validate_package()] == []


def test_shipped_package_passes_the_cross_column_rules(dataset):
    assert [p.as_line() for p in check_dataset(dataset, dt.date.today().year)] == []


# documentation ------------------------------------------------------------------------


@pytest.mark.parametrize("name", RESOURCES)
def test_csv_header_is_exactly_the_described_fields_in_order(name):
    resource = resource_descriptor(DESCRIPTOR, name)
    with open(schema.DATA_DIR / resource["path"], encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [f["name"] for f in resource["schema"]["fields"]]


@pytest.mark.parametrize(("resource", "name"), FIELDS)
def test_every_field_has_a_title_and_a_description(resource, name):
    spec = field(resource, name)
    assert spec.get("title", "").strip() and spec.get("description", "").strip()


@pytest.mark.parametrize("name", RESOURCES)
def test_every_resource_has_a_title_a_description_and_an_explicit_illustrative_flag(name):
    resource = resource_descriptor(DESCRIPTOR, name)
    assert resource["title"].strip() and resource["description"].strip()
    assert resource["ilustratif"] is (name in schema.ILLUSTRATIVE_RESOURCES)


@pytest.mark.parametrize("name", schema.ILLUSTRATIVE_RESOURCES)
def test_illustrative_resources_say_so_in_their_title_and_description(name):
    resource = resource_descriptor(DESCRIPTOR, name)
    assert "(ilustratif)" in resource["title"]
    assert "Data ilustratif" in resource["description"]


@pytest.mark.parametrize(
    ("resource", "column", "named_in_schema"),
    [
        ("koperasi", "status", schema.STATUS_KOPERASI),
        ("koperasi", "status_pembubaran", schema.STATUS_PEMBUBARAN),
        ("koperasi", "jenis", schema.JENIS_KOPERASI),
        ("sertifikasi", "tahap", schema.TAHAP),
        ("umkm_2016", "skala", schema.SKALA),
        ("umkm_2016", "sektor", schema.SEKTOR),
        ("nilai_indikator", "status", schema.STATUS_DATA),
        ("nilai_indikator", "presisi", schema.PRESISI),
        ("pembiayaan", "lembaga", schema.LEMBAGA_PEMBIAYAAN),
        ("pembiayaan", "status", schema.STATUS_PEMBIAYAAN),
        ("pelatihan", "mitra", schema.MITRA_PELATIHAN),
        ("pelatihan", "materi", schema.MATERI_PELATIHAN),
        ("jejaring", "bentuk", schema.BENTUK_JEJARING),
    ],
)
def test_values_named_in_schema_are_exactly_those_the_data_package_allows(resource, column, named_in_schema):
    assert list(named_in_schema) == field(resource, column)["constraints"]["enum"]


@pytest.mark.parametrize("kode", [
    schema.KOPERASI_TOTAL, schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF, schema.UMKM_UNIT,
    schema.UMKM_TENAGA_KERJA, schema.UMKM_PELAKU, schema.UMKM_BERIZIN, schema.UMKM_NIB, schema.PRODUK_HALAL,
    schema.SHAT_KUOTA, schema.SHAT_BELUM_DIUKUR, schema.SHAT_DITUNDA, schema.SHAT_USULAN,
    schema.SHAT_KUOTA_PERKIRAAN, schema.SHT_KUOTA,
])
def test_indicator_code_named_in_schema_is_defined_and_has_values(dataset, kode):
    assert kode in set(dataset[schema.INDICATORS]["kode"])
    assert kode in set(dataset[schema.VALUES]["kode_indikator"])


def test_every_stage_date_column_exists_in_the_certification_register():
    columns = [f["name"] for f in resource_descriptor(DESCRIPTOR, schema.CERTIFICATION)["schema"]["fields"]]
    assert set(schema.STAGE_DATE_COLUMNS.values()) <= set(columns)


# headline totals and provenance --------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "official"),
    [
        ("koperasi_total", 585),
        ("koperasi_aktif", 563),
        ("koperasi_tidak_aktif", 22),
        ("umkm_unit", 195_554),
        ("umkm_tenaga_kerja", 257_481),
    ],
)
def test_register_reproduces_the_official_figure_of_12_july_2016(dataset, kode, official):
    row = metrics.reconcile_register(dataset).set_index("kode_indikator").loc[kode]
    assert (row["angka_resmi"], row["register"], row["selisih"]) == (official, official, 0)
    assert row["sumber"].startswith("https://jatim.antaranews.com/")


def test_every_published_value_has_a_web_source_and_a_publisher(dataset):
    values = dataset[schema.VALUES]
    no_url = values.loc[~values["url"].fillna("").str.match(r"https?://\S+$"), "id"].tolist()
    no_publisher = values.loc[values["penerbit"].fillna("").str.strip() == "", "id"].tolist()
    assert (no_url, no_publisher) == ([], [])


def test_every_derived_value_states_its_formula_and_the_formula_holds(dataset):
    values = dataset[schema.VALUES].set_index("id")
    derived = values[values["status"] == schema.TURUNAN]
    assert len(derived) >= 3
    for id_, row in derived.iterrows():
        # "Dihitung: 692 − 189 (total − tidak aktif; koperasi_total-2021-08-02, koperasi_tidak_aktif-2021-08-02)"
        match = re.match(r"Dihitung: ([\d.]+) − ([\d.]+) \([^;]*; ([\w.-]+), ([\w.-]+)\)", row["catatan"] or "")
        assert match, f"{id_}: catatan does not give the formula"
        left, right, left_id, right_id = match.groups()
        left, right = int(left.replace(".", "")), int(right.replace(".", ""))
        assert (values.loc[left_id, "nilai"], values.loc[right_id, "nilai"]) == (left, right), id_
        assert row["nilai"] == left - right, id_


def test_every_flagged_value_says_why(dataset):
    values = dataset[schema.VALUES]
    flagged = values[values["status"] == schema.DITANDAI]
    assert len(flagged) >= 1
    assert flagged.loc[flagged["catatan"].fillna("").str.strip() == "", "id"].tolist() == []


def test_the_13_kecamatan_have_178_desa_and_11_kelurahan(dataset):
    kecamatan = dataset[schema.KECAMATAN]
    assert (len(kecamatan), kecamatan["jumlah_desa"].sum(), kecamatan["jumlah_kelurahan"].sum()) == (13, 178, 11)


# boundaries ---------------------------------------------------------------------------


def test_package_ships_kecamatan_and_desa_boundaries():
    assert GEO_RESOURCES == ["batas_kecamatan", "batas_desa"]


@pytest.mark.parametrize("name", GEO_RESOURCES)
def test_boundaries_carry_their_mit_licence_text_and_source(name):
    resource = resource_descriptor(DESCRIPTOR, name)
    (licence,) = resource["licenses"]
    text = (schema.DATA_DIR / licence["path"]).read_text(encoding="utf-8")
    assert licence["name"] == "MIT" and "Copyright (c) 2024 Cahya DSN" in text and "MIT License" in text
    assert resource["sources"][0]["path"] == "https://github.com/cahyadsn/wilayah_boundaries"
    assert "Kepmendagri No 300.2.2-2430 Tahun 2025" in resource["description"]


def test_kecamatan_boundaries_are_exactly_the_13_kecamatan_by_code_and_name(dataset):
    features = dataset.geojson("batas_kecamatan")["features"]
    shapes = sorted((f["properties"]["kode"], f["properties"]["nama"]) for f in features)
    assert shapes == sorted(zip(dataset[schema.KECAMATAN]["kode"], dataset[schema.KECAMATAN]["nama"]))


def test_every_desa_boundary_lies_in_a_known_kecamatan(dataset):
    codes = [f["properties"]["kode"] for f in dataset.geojson("batas_desa")["features"]]
    assert len(codes) == len(set(codes)) == 185
    assert {code[:8] for code in codes} == set(dataset[schema.KECAMATAN]["kode"])


# glossary ---------------------------------------------------------------------------


def terms_asked_by_pages() -> dict[str, list[str]]:
    """Every literal term list passed to ``ui.definitions(dataset, [...])`` in pages/*.py, by page."""
    asked = {}
    for page in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "definitions" and len(node.args) >= 2
                    and isinstance(node.args[1], ast.List)):
                asked.setdefault(page.name, []).extend(
                    element.value for element in node.args[1].elts if isinstance(element, ast.Constant))
    return asked


def test_pages_ask_for_glossary_terms():
    # Guards the test below against passing vacuously if the call is renamed.
    assert sum(len(terms) for terms in terms_asked_by_pages().values()) >= 10


def test_every_glossary_term_a_page_asks_for_is_defined(dataset):
    glossary = set(dataset[schema.GLOSSARY]["istilah"])
    missing = {page: [t for t in terms if t not in glossary] for page, terms in terms_asked_by_pages().items()}
    assert {page: terms for page, terms in missing.items() if terms} == {}
