"""Uploads a clumsy clerk or a careful attacker would send: control characters, formulas without results,
number cells, .ods and .xls, ambiguous dates, and the dashboard's own exports coming back unchanged."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koperasi_data import exports, ingest, schema, template
from koperasi_data.store import Store
from tests.test_ingest import (ACTIVE, INACTIVE, KOPERASI_HEADER, csv_data, reference, typed_rows,  # noqa: F401
                               with_cell, xlsx)

NAMA = "Nama koperasi"


def koperasi_csv(*rows: list[str]) -> bytes:
    return csv_data([KOPERASI_HEADER, *rows])


def messages(prepared: ingest.Prepared) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message) for p in prepared.problems]


# Control characters -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_carriage_return_inside_a_cell_is_a_problem_with_an_indonesian_reason(reference, kind):
    bad = with_cell(ACTIVE, KOPERASI_HEADER, NAMA, "Kop A\r=1+1")
    content = koperasi_csv(bad, INACTIVE) if kind == "csv" else xlsx({"Koperasi": [KOPERASI_HEADER, bad, INACTIVE]})
    result = ingest.prepare(content, f"kop.{kind}", None, reference)
    assert result.tables is None
    assert messages(result) == [(2, NAMA, "sel berisi karakter kendali yang tidak terlihat (U+000D); hapus karakter "
                                          "itu (baris baru di dalam sel boleh)")]


def test_a_line_break_inside_a_cell_is_kept_as_one_newline(reference):
    typed = with_cell(ACTIVE, KOPERASI_HEADER, NAMA, "Koperasi\r\nSumber Rejeki")
    result = ingest.prepare(koperasi_csv(typed, INACTIVE), "kop.csv", None, reference)
    assert result.problems == []
    assert result.tables[schema.KOPERASI]["nama"].iloc[0] == "Koperasi\nSumber Rejeki"


# Workbook cells -----------------------------------------------------------------------------------------


def test_a_formula_without_a_saved_result_is_reported_never_imported_empty(reference):
    # openpyxl, like any script, writes formulas without computing them: no cached value in the file.
    workbook = xlsx({"Koperasi": [KOPERASI_HEADER, ACTIVE[:9] + ["=10+20", "20", "2016"], INACTIVE]})
    result = ingest.prepare(workbook, "kop.xlsx", None, reference)
    assert result.tables is None
    assert [(p.row, p.column, p.value, p.message) for p in result.problems] == [
        (2, "Anggota laki-laki", "=10+20", ingest.FORMULA_WITHOUT_VALUE_MESSAGE)]


def test_a_formula_with_its_saved_result_is_read_as_that_result(reference):
    buffer = io.BytesIO(xlsx({"Koperasi": [KOPERASI_HEADER, ACTIVE[:9] + ["=10+20", "20", "2016"], INACTIVE]}))
    # What Excel writes after calculating: the formula and its cached value side by side.
    import zipfile

    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(name for name in parts if name.startswith("xl/worksheets/"))
    parts[sheet] = parts[sheet].replace(b"<f>10+20</f><v></v>", b"<f>10+20</f><v>30</v>")
    assert b"<v>30</v>" in parts[sheet]
    saved = io.BytesIO()
    with zipfile.ZipFile(saved, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = ingest.prepare(saved.getvalue(), "kop.xlsx", None, reference)
    assert result.problems == []
    assert result.tables[schema.KOPERASI]["anggota_laki"].iloc[0] == 30


def test_a_number_cell_is_read_as_a_number_not_by_the_text_rule_for_thousands(reference):
    # 1.234 typed as a number in a whole-number column is not 1234.
    workbook = xlsx({"Koperasi": [KOPERASI_HEADER, ACTIVE[:9] + [1.234, 20, 2016], INACTIVE]})
    result = ingest.prepare(workbook, "kop.xlsx", None, reference)
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2, "Anggota laki-laki", "'1,234' bukan bilangan bulat")]
    # ... while the same text in a CSV is the Indonesian grouping of 1234.
    text = ingest.prepare(koperasi_csv(with_cell(ACTIVE, KOPERASI_HEADER, "Anggota laki-laki", "1.234"), INACTIVE),
                          "kop.csv", None, reference)
    assert text.problems == [] and text.tables[schema.KOPERASI]["anggota_laki"].iloc[0] == 1234


@pytest.mark.parametrize(("value", "expected"), [(1234.0, "1234"), (1.5, "1,5"), (1e-05, "0,00001"), (7, "7"),
                                                 (dt.datetime(2016, 7, 12), "2016-07-12"), (None, "")])
def test_number_and_date_cells_become_text_the_indonesian_rules_read_back_as_the_same_value(value, expected):
    assert ingest._cell_text(value) == expected


# Dates ----------------------------------------------------------------------------------------------------


def test_a_date_that_reads_two_ways_is_a_problem_not_a_guess(reference):
    inactive = with_cell(INACTIVE, KOPERASI_HEADER, "Tanggal usulan pembubaran", "07/12/2016")
    result = ingest.prepare(koperasi_csv(ACTIVE, inactive), "kop.csv", None, reference)
    assert messages(result) == [(3, "Tanggal usulan pembubaran",
                                 "tanggal '07/12/2016' dapat berarti 7 Desember 2016 atau 12 Juli 2016; tulis "
                                 "TTTT-BB-HH (mis. 2016-12-07) atau pakai sel bertipe tanggal")]


def test_a_real_date_cell_and_an_unambiguous_day_first_text_are_read(reference):
    cell = xlsx({"Koperasi": [KOPERASI_HEADER, ACTIVE, INACTIVE[:7] + [dt.datetime(2016, 12, 7)] + INACTIVE[8:]]})
    text = koperasi_csv(ACTIVE, with_cell(INACTIVE, KOPERASI_HEADER, "Tanggal usulan pembubaran", "31/12/2016"))
    for content, name, expected in [(cell, "kop.xlsx", "2016-12-07"), (text, "kop.csv", "2016-12-31")]:
        result = ingest.prepare(content, name, None, reference)
        assert result.problems == []
        assert result.tables[schema.KOPERASI]["tanggal_usulan_pembubaran"].iloc[1] == pd.Timestamp(expected)


# LibreOffice and old Excel ---------------------------------------------------------------------------------


def ods(sheets: dict[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="odf") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, header=False, index=False)
    return buffer.getvalue()


def test_an_ods_workbook_is_read_under_the_same_rules_as_xlsx(reference):
    rows = [KOPERASI_HEADER, ACTIVE[:8] + [1990, 30, 20, 2016],
            INACTIVE[:7] + [dt.datetime(2016, 5, 2), 2001, 5, 7, 2010]]
    from_ods = ingest.prepare(ods({"Koperasi": rows, "Catatan": [["bebas"]]}), "kop.ods", None, reference)
    from_xlsx = ingest.prepare(xlsx({"Koperasi": rows}), "kop.xlsx", None, reference)
    assert from_ods.problems == [] and from_xlsx.problems == []
    pd.testing.assert_frame_equal(from_ods.tables[schema.KOPERASI], from_xlsx.tables[schema.KOPERASI])


def test_an_ods_workbook_with_problems_reports_them_by_sheet_row_and_header(reference):
    rows = [KOPERASI_HEADER, with_cell(ACTIVE, KOPERASI_HEADER, "Status", "hidup"), INACTIVE]
    result = ingest.prepare(ods({"Koperasi": rows}), "kop.ods", None, reference)
    assert [(p.table, p.row, p.column) for p in result.problems] == [("Koperasi", 2, "Status")]


def test_the_template_saved_as_ods_round_trips(dataset):
    """The office opens the template in Calc and saves it in Calc's own format."""
    reference = dataset
    workbook = openpyxl.load_workbook(io.BytesIO(template.workbook_bytes(reference, with_rows=True)))
    sheets = {name: [[cell for cell in row] for row in workbook[name].iter_rows(values_only=True)]
              for name in workbook.sheetnames if name != template.LISTS_SHEET}
    result = ingest.prepare(ods(sheets), "templat.ods", None, reference)
    assert result.problems == []
    for name in schema.REGISTER_RESOURCES:
        pd.testing.assert_frame_equal(result.tables[name].reset_index(drop=True),
                                      reference[name].reset_index(drop=True))


# The dashboard's own exports come back unchanged ---------------------------------------------------------------

FORMULA_LIKE = ["+62 812 3456 7890", "=1+1", "-", "@SUM(A1)", "Kop A;=1+1", "Kop B,+1", "＝SUM(A1)", "'=sudah",
                "'biasa", "Koperasi 'Maju'"]


def register_named(reference, names: list[str]) -> pd.DataFrame:
    frame = reference[schema.KOPERASI].iloc[[0] * len(names)].reset_index(drop=True)
    frame["id_koperasi"] = [f"KOP-{i:04d}" for i in range(1, len(names) + 1)]
    frame["nama"] = pd.array(names, dtype="str")
    return frame


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_reimports_with_exactly_the_values_it_was_made_from(reference, kind):
    frame = register_named(reference, FORMULA_LIKE)
    content = exports.csv_bytes(frame) if kind == "csv" else exports.xlsx_bytes(frame, "Koperasi")
    if kind == "csv":
        text = content.decode("utf-8-sig")
        assert "\"'+62 812 3456 7890\"" in text and "\"'Kop A;=1+1\"" in text and "\"'＝SUM(A1)\"" in text
    result = ingest.prepare(content, f"ekspor.{kind}", schema.KOPERASI if kind == "csv" else None, reference)
    assert result.problems == []
    assert list(result.tables[schema.KOPERASI]["nama"]) == FORMULA_LIKE


clean_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30).filter(
    lambda t: t == t.strip() and t.strip() != "")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(clean_text, min_size=1, max_size=3))
def test_any_text_survives_export_import_store_read_and_export(reference, tmp_path_factory, names):
    frame = register_named(reference, names)
    prepared = ingest.prepare(exports.csv_bytes(frame), "ekspor.csv", schema.KOPERASI, reference)
    assert prepared.problems == [], prepared.problems
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('jalur') / 'store.sqlite'}")
    store.import_tables(prepared.tables, user_name="admin", file_name="ekspor.csv", file_sha256="0" * 64)
    again = exports.csv_bytes(store.dataset()[schema.KOPERASI])
    assert again == exports.csv_bytes(frame)
    store.close()


# Limits: the web page and the command line ---------------------------------------------------------------


def test_the_command_line_limits_read_more_rows_than_the_web_page(reference):
    rows = [(n, ["x", "y"]) for n in range(1, ingest.MAX_ROWS + 3)]
    with pytest.raises(ingest.UnreadableFile, match="lebih dari 100.000 baris"):
        ingest._sheet_from_rows("besar.csv", iter(rows), set())
    sheet = ingest._sheet_from_rows("besar.csv", iter(rows), set(), ingest.COMMAND_LINE_LIMITS.max_rows)
    assert len(sheet.rows) == ingest.MAX_ROWS + 1


def test_the_control_character_patterns_are_exactly_unicode_category_cc():
    import unicodedata

    from koperasi_data import ingest

    cc = {chr(i) for i in range(0x110000) if unicodedata.category(chr(i)) == "Cc"}
    sample = [chr(i) for i in range(0x3000)]
    assert {c for c in sample if ingest.CELL_CONTROLS.fullmatch(c)} == cc - {"\n"}
    assert {c for c in sample if ingest.FILE_CONTROLS.fullmatch(c)} == cc - set("\t\r\n")
