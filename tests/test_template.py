"""The Excel template: what a clerk sees when opening it, and that what they type comes back unchanged."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from koperasi_data import ingest, schema, template
from koperasi_data.load import resource_descriptor


@pytest.fixture(scope="module")
def blank(dataset) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template.workbook_bytes(dataset)))


@pytest.fixture(scope="module")
def filled(dataset) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template.workbook_bytes(dataset, with_rows=True)))


def test_sheets_are_petunjuk_then_one_per_register_then_the_hidden_lists(blank):
    assert blank.sheetnames == ["Petunjuk", "Koperasi", "Sertifikasi", "UMKM", "Pembiayaan", "Pelatihan", "Jejaring",
                               "Daftar"]
    assert [blank[name].sheet_state for name in blank.sheetnames] == ["visible"] * 7 + ["hidden"]
    assert blank.active.title == "Petunjuk"


@pytest.mark.parametrize("resource", schema.REGISTER_RESOURCES)
def test_header_is_the_field_titles_styled_and_frozen(blank, dataset, resource):
    sheet = blank[schema.REGISTER_SHEETS[resource]]
    fields = resource_descriptor(dataset.descriptor, resource)["schema"]["fields"]
    assert [c.value for c in sheet[1]] == [f["title"] for f in fields]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1
    widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, len(fields) + 1)]
    assert all(template.MIN_WIDTH <= w <= template.MAX_WIDTH for w in widths)


def dropdowns(workbook: openpyxl.Workbook, sheet_name: str) -> dict[str, list[str]]:
    """Header title -> the values its dropdown offers, resolved through the Daftar sheet."""
    sheet, lists = workbook[sheet_name], workbook["Daftar"]
    titles = {c.column_letter: c.value for c in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type == "date":
            continue
        assert validation.type == "list" and validation.showErrorMessage
        column, first, last = re.fullmatch(r"Daftar!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)", validation.formula1).groups()
        values = [lists[f"{column}{row}"].value for row in range(int(first), int(last) + 1)]
        for cells in validation.sqref.ranges:
            assert cells.min_row == 2 and cells.max_row >= 2 + template.SPARE_ROWS - 1
            found[titles[openpyxl.utils.get_column_letter(cells.min_col)]] = values
    return found


KECAMATAN = "the 13 kecamatan names, in the order of kecamatan.csv"


@pytest.mark.parametrize(("sheet", "expected"), [
    ("Koperasi", {"Kecamatan": KECAMATAN, "Jenis koperasi": list(schema.JENIS_KOPERASI),
                  "Status": list(schema.STATUS_KOPERASI), "Usulan pembubaran": list(schema.STATUS_PEMBUBARAN)}),
    ("Sertifikasi", {"Penggunaan": ["Kantor koperasi", "Tempat usaha", "Gudang"], "Tahap": list(schema.TAHAP)}),
    ("UMKM", {"Kecamatan": KECAMATAN, "Sektor": list(schema.SEKTOR), "Skala usaha": list(schema.SKALA)}),
])
def test_coded_columns_and_kecamatan_have_dropdowns_with_exactly_the_allowed_values(blank, dataset, sheet, expected):
    names = dataset[schema.KECAMATAN]["nama"].tolist()
    assert len(names) == 13 and "Waru" in names
    expected = {title: names if values == KECAMATAN else values for title, values in expected.items()}
    assert dropdowns(blank, sheet) == expected


def petunjuk_text(workbook: openpyxl.Workbook) -> str:
    return "\n".join(str(c.value) for row in workbook["Petunjuk"].iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("fragment", [
    "Satu sheet per tabel: Koperasi, Sertifikasi, UMKM",
    "MENGGANTI seluruh isi tabel",
    "Sheet yang dibiarkan kosong tidak mengubah tabel yang berlaku",
    "07/12/2016, yang dapat berarti 7 Desember atau 12 Juli, ditolak",
    "1.234 dibaca 1234",
    "judul = baris 1, data pertama = baris 2",
    "judul kolom yang tidak dikenal ditolak",
    "pemisah koma atau titik koma",
    "paling besar 10 MB",
    # the field table: every field with its allowed values
    "nilai yang diizinkan: aktif, tidak_aktif",
    "nilai yang diizinkan: Tlanakan, Pademawu",
    "id_koperasi",
    "Nama ketua",
])
def test_petunjuk_explains_the_rules_the_import_applies(blank, fragment):
    assert fragment in petunjuk_text(blank)


def test_exported_workbook_says_its_rows_are_illustrative(filled, blank):
    assert "berisi DATA ILUSTRATIF" in petunjuk_text(filled)
    assert "ILUSTRATIF" not in petunjuk_text(blank)


def test_filled_workbook_holds_every_row_with_typed_cells(filled, dataset):
    sheet = filled["Koperasi"]
    assert sheet.max_row == len(dataset[schema.KOPERASI]) + 1
    first = [c.value for c in sheet[2]][:12]
    row = dataset[schema.KOPERASI].iloc[0]
    assert first[0] == row["id_koperasi"] and first[8] == row["tahun_berdiri"] and isinstance(first[8], int)
    proposed = dataset[schema.KOPERASI]["tanggal_usulan_pembubaran"].notna().idxmax()
    date_cell = sheet.cell(row=proposed + 2, column=8)
    assert date_cell.is_date and date_cell.number_format == "DD/MM/YYYY"


FORMULA_LIKE = ["=HYPERLINK(\"http://x\",\"klik\")", "+6281234", "-Ilustrasi", "@SUM(A1)"]


def test_formula_looking_text_stays_text_and_reads_back_unchanged(dataset):
    koperasi = dataset[schema.KOPERASI].copy()
    koperasi.loc[0:3, "nama"] = FORMULA_LIKE
    hostile = dataclasses.replace(dataset, tables={**dataset.tables, schema.KOPERASI: koperasi})
    content = template.workbook_bytes(hostile, with_rows=True)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Koperasi"]
    cells = [sheet.cell(row=r, column=2) for r in range(2, 6)]
    assert [c.value for c in cells] == FORMULA_LIKE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    result = ingest.prepare(content, "ekspor.xlsx", None, hostile)
    assert result.problems == []
    pd.testing.assert_frame_equal(result.tables[schema.KOPERASI], koperasi)


def test_public_dataset_template_has_no_internal_columns(dataset):
    from koperasi_data.access import public_dataset

    workbook = openpyxl.load_workbook(io.BytesIO(template.workbook_bytes(public_dataset(dataset), with_rows=True)))
    headers = [c.value for c in workbook["Koperasi"][1]]
    assert "Nama ketua" not in headers and "Telepon pengurus" not in headers
    assert "ID koperasi" in headers


@pytest.mark.parametrize("resource", schema.REGISTER_RESOURCES)
def test_date_columns_are_date_cells_shown_day_first_with_a_date_validation(dataset, resource):
    workbook = openpyxl.load_workbook(io.BytesIO(template.workbook_bytes(dataset, with_rows=True)))
    sheet = workbook[schema.REGISTER_SHEETS[resource]]
    fields = resource_descriptor(dataset.descriptor, resource)["schema"]["fields"]
    dates = {openpyxl.utils.get_column_letter(i): f["title"] for i, f in enumerate(fields, start=1)
             if f["type"] == "date"}
    validated = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type == "date":
            assert validation.operator == "between" and validation.showErrorMessage
            assert (validation.formula1, validation.formula2) == ("1", "73415")  # 1900-01-01 .. 2100-12-31
            assert "HH/BB/TTTT" in validation.error
            for cells in validation.sqref.ranges:
                assert cells.min_row == 2 and cells.max_row >= 1 + template.SPARE_ROWS
                validated[openpyxl.utils.get_column_letter(cells.min_col)] = True
    assert set(validated) == set(dates)
    for letter in dates:
        assert sheet.column_dimensions[letter].number_format == "DD/MM/YYYY"
        written = [c for c in sheet[letter][1:] if c.value is not None]
        assert all(c.is_date and c.number_format == "DD/MM/YYYY" for c in written)
