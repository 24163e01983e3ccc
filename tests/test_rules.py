"""A field's constraints are said in one wording: where a rule is stated (data dictionary, template)
and where it is broken (the checks of an import)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from koperasi_data import exports, rules, schema, template
from koperasi_data.load import read_descriptor, resource_descriptor
from koperasi_data.validate import validate_rows

DESCRIPTOR = read_descriptor()


def field(resource: str, name: str) -> dict:
    return next(f for f in resource_descriptor(DESCRIPTOR, resource)["schema"]["fields"] if f["name"] == name)


@pytest.mark.parametrize(("resource", "name", "expected"), [
    ("koperasi", "id_koperasi", "wajib diisi; harus unik"),
    ("koperasi", "status", "wajib diisi; nilai yang diizinkan: aktif, tidak_aktif"),
    ("koperasi", "tahun_berdiri", "wajib diisi; batas bawah 1945; batas atas 2100"),
    ("koperasi", "tahun_rat_terakhir", "batas bawah 1945; batas atas 2100"),
    ("koperasi", "desa", ""),
    ("nilai_indikator", "periode", "format [0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"),
])
def test_rule_text_states_every_constraint_in_one_order(resource, name, expected):
    assert rules.rule_text(field(resource, name)) == expected


def test_rule_text_for_a_template_cell_leaves_required_out_and_cuts_long_lists():
    spec = {"name": "x", "constraints": {"required": True, "minimum": 1}}
    assert rules.rule_text(spec, with_required=False) == "batas bawah 1"
    names = [f"Kecamatan {i}" for i in range(20)]
    text = rules.rule_text({"name": "kecamatan"}, names, short=True)
    assert text == "nilai yang diizinkan: " + ", ".join(names[:15]) + ", …"


@pytest.mark.parametrize(("constraint", "limit", "cell", "expected"), [
    ("required", "True", "", "wajib diisi"),
    ("enum", "['aktif', 'tidak_aktif']", "Bubar", "'Bubar' tidak termasuk nilai yang diizinkan (aktif, tidak_aktif)"),
    ("minimum", "0", "-3", "-3 lebih kecil dari batas bawah 0"),
    ("maximum", "2100", "2200", "2200 lebih besar dari batas atas 2100"),
    ("pattern", "35\\.28\\.[0-9]{2}", "36.01", "'36.01' tidak sesuai format yang diminta"),
    ("unique", "True", "KOP-0001", "'KOP-0001' muncul lebih dari sekali; nilai kolom ini harus unik"),
])
def test_a_broken_rule_is_said_in_the_words_that_state_it(constraint, limit, cell, expected):
    assert rules.broken_rule(constraint, limit, cell) == expected


def test_dictionary_template_and_checks_use_the_same_words():
    spec = field(schema.KOPERASI, "anggota_laki")
    stated = rules.rule_text(spec)
    assert exports.data_dictionary(resource_descriptor(DESCRIPTOR, schema.KOPERASI)).set_index("kolom").loc[
        "anggota_laki", "aturan"] == stated == "wajib diisi; batas bawah 0"
    row = {"id_koperasi": "KOP-0001", "nama": "K", "kecamatan": "Waru", "jenis": "Jasa", "status": "aktif",
           "status_pembubaran": "tidak_diusulkan", "tahun_berdiri": "1990", "anggota_laki": "-3",
           "anggota_perempuan": "2"}
    [problem] = validate_rows(schema.KOPERASI, [row], DESCRIPTOR)
    assert problem.message.endswith("batas bawah 0") and "batas bawah 0" in stated


def test_the_template_petunjuk_states_the_rules_in_the_same_words(dataset):
    book = openpyxl.load_workbook(io.BytesIO(template.workbook_bytes(dataset)))
    text = "\n".join(str(c.value) for row in book["Petunjuk"].iter_rows() for c in row if c.value is not None)
    assert "batas bawah 1945; batas atas 2100" in text
    assert "nilai yang diizinkan: aktif, tidak_aktif" in text
    assert "bilangan bulat" in text  # the type, named as the checks name it
