"""Uploads: every problem of a bad file where the user finds it in Excel, one sentence for an unreadable
file, good files become the frames the dashboard reads, and the preview counts what an import changes."""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from koperasi_data import ingest, preview, schema, template
from koperasi_data.load import Dataset, resource_descriptor, typed_frame
from koperasi_data.validate import Problem

KOPERASI_HEADER = ["ID koperasi", "Nama koperasi", "Kecamatan", "Desa/kelurahan", "Jenis koperasi", "Status",
                   "Usulan pembubaran", "Tanggal usulan pembubaran", "Tahun berdiri", "Anggota laki-laki",
                   "Anggota perempuan", "RAT terakhir"]
ACTIVE = ["KOP-0001", "KSP Ilustrasi Melati", "Waru", "Desa Ilustrasi 01", "Simpan Pinjam", "aktif",
          "tidak_diusulkan", "", "1990", "30", "20", "2016"]
INACTIVE = ["KOP-0002", "Koperasi Jasa Ilustrasi", "Pegantenan", "", "Jasa", "tidak_aktif", "diusulkan_bubar",
            "2016-05-02", "2001", "5", "7", "2010"]
PARCEL_HEADER = ["ID bidang", "ID koperasi", "Penggunaan", "Luas (m²)", "Tahap", "Alasan", "Tanggal usulan",
                 "Tanggal verifikasi", "Tanggal pengukuran", "Tanggal sertipikat terbit"]
PARCEL = ["BID-001", "KOP-0001", "Gudang", "300", "terbit", "", "2016-08-01", "2016-09-01", "2016-10-01",
          "2016-11-15"]
UMKM_HEADER = ["Kecamatan", "Sektor", "Skala usaha", "Unit usaha", "Tenaga kerja"]
UMKM_ROWS = [["Waru", "Jasa", "mikro", "10", "12"], ["Waru", "Jasa", "kecil", "2", "9"]]


def with_cell(row: list[str], header: list[str], column: str, value: str) -> list[str]:
    """A copy of ``row`` with one cell changed, by header."""
    changed = list(row)
    changed[header.index(column)] = value
    return changed


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook of plain cells, one sheet per entry (rows start at Excel row 1)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_data(rows: list[list[str]], delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def typed_rows(dataset: Dataset, name: str, header: list[str], rows: list[list[str]]) -> pd.DataFrame:
    """Rows under template titles, typed exactly as the loader types the resource."""
    resource = resource_descriptor(dataset.descriptor, name)
    names = {f.get("title"): f["name"] for f in resource["schema"]["fields"]}
    frame = pd.DataFrame(rows, columns=[names[h] for h in header], dtype=str)
    return typed_frame(frame, resource)


@pytest.fixture(scope="module")
def reference(dataset) -> Dataset:
    """The real curated tables with a register small enough to count by hand.

    Cooperatives KOP-0001 and KOP-0003; parcel BID-001 belongs to KOP-0001; two UMKM rows.
    """
    koperasi = typed_rows(dataset, schema.KOPERASI, KOPERASI_HEADER,
                          [ACTIVE, with_cell(ACTIVE, KOPERASI_HEADER, "ID koperasi", "KOP-0003")])
    tables = {**dataset.tables, schema.KOPERASI: koperasi,
              schema.CERTIFICATION: typed_rows(dataset, schema.CERTIFICATION, PARCEL_HEADER, [PARCEL]),
              schema.UMKM: typed_rows(dataset, schema.UMKM, UMKM_HEADER, UMKM_ROWS)}
    # These three stand for records the office has already imported (no longer illustrative).
    descriptor = copy.deepcopy(dataset.descriptor)
    for resource in descriptor["resources"]:
        if resource["name"] in (schema.KOPERASI, schema.CERTIFICATION, schema.UMKM):
            resource["ilustratif"] = False
    return dataclasses.replace(dataset, descriptor=descriptor, tables=tables)


def test_illustrative_tables_do_not_block_the_first_real_register(dataset):
    """The generated parcels and loans point at fictional ids; a real register replaces them all."""
    result = ingest.prepare(koperasi_sheet(ACTIVE, INACTIVE), "register.xlsx", None, dataset)
    assert result.problems == []
    assert list(result.tables) == [schema.KOPERASI]


# A table of bad files --------------------------------------------------------------------------------------

GOOD_KOPERASI = [KOPERASI_HEADER, ACTIVE, INACTIVE]


def koperasi_sheet(*rows: list[str], header: list[str] = KOPERASI_HEADER) -> bytes:
    return xlsx({"Koperasi": [header, *rows]})


def bad(column: str, value: str, row: list[str] = ACTIVE) -> list[str]:
    return with_cell(row, KOPERASI_HEADER, column, value)


BAD_FILES = [
    ("unknown kecamatan", koperasi_sheet(ACTIVE, bad("Kecamatan", "Atlantis", INACTIVE)), None,
     [("Koperasi", 3, "Kecamatan", "Atlantis", "'Atlantis' tidak dikenal di tabel kecamatan yang berlaku "
                                               "(nilai yang dikenal: ")]),
    ("status outside the allowed values", koperasi_sheet(bad("Status", "bubar"), INACTIVE), None,
     [("Koperasi", 2, "Status", "bubar", "'bubar' tidak termasuk nilai yang diizinkan (aktif, tidak_aktif)")]),
    ("type outside the allowed values", koperasi_sheet(ACTIVE, bad("Jenis koperasi", "Arisan", INACTIVE)), None,
     [("Koperasi", 3, "Jenis koperasi", "Arisan", "(Simpan Pinjam, Konsumen, Produsen, Pemasaran, Jasa, KSPPS)")]),
    ("duplicate ids, each repeat reported with the first row",
     koperasi_sheet(ACTIVE, INACTIVE, bad("Nama koperasi", "Kembar"), bad("Nama koperasi", "Kembar lagi")), None,
     [("Koperasi", 4, "ID koperasi", "KOP-0001", "'KOP-0001' sudah ada di baris 2; ID koperasi harus unik"),
      ("Koperasi", 5, "ID koperasi", "KOP-0001", "sudah ada di baris 2")]),
    ("negative count", koperasi_sheet(ACTIVE, bad("Anggota laki-laki", "-3", INACTIVE)), None,
     [("Koperasi", 3, "Anggota laki-laki", "-3", "-3 lebih kecil dari batas bawah 0")]),
    ("non-numeric count", koperasi_sheet(bad("Anggota perempuan", "dua puluh"), INACTIVE), None,
     [("Koperasi", 2, "Anggota perempuan", "dua puluh", "'dua puluh' bukan bilangan bulat")]),
    ("count too large for any register", koperasi_sheet(bad("Anggota perempuan", "99999999999999999999")), None,
     [("Koperasi", 2, "Anggota perempuan", "99999999999999999999", "terlalu besar")]),
    ("empty required cell", koperasi_sheet(ACTIVE, bad("Nama koperasi", "", INACTIVE)), None,
     [("Koperasi", 3, "Nama koperasi", "", "wajib diisi")]),
    ("missing required column, reported once in row 1",
     koperasi_sheet(*[[c for h, c in zip(KOPERASI_HEADER, r) if h != "Status"] for r in (ACTIVE, INACTIVE)],
                    header=[h for h in KOPERASI_HEADER if h != "Status"]), None,
     [("Koperasi", 1, "Status", None, "kolom wajib tidak ada di baris judul")]),
    ("unknown extra column", koperasi_sheet(ACTIVE + ["x"], INACTIVE + [""], header=KOPERASI_HEADER + ["Catatan lain"]),
     None, [("Koperasi", 1, "Catatan lain", None, "kolom tidak dikenal (kolom M)")]),
    ("column twice", koperasi_sheet(ACTIVE + ["aktif"], INACTIVE + ["tidak_aktif"],
                                    header=KOPERASI_HEADER + ["status"]), None,
     [("Koperasi", 1, "status", None, "kolom ini muncul dua kali (kolom F dan M)")]),
    ("empty register (CSV with a header only)", csv_data([KOPERASI_HEADER]), None,
     [("upload", None, None, None, "tabel kosong")]),
    ("active cooperative proposed for dissolution",
     koperasi_sheet(bad("Usulan pembubaran", "diusulkan_bubar", bad("Tanggal usulan pembubaran", "2016-01-05"))),
     None, [("Koperasi", 2, "Usulan pembubaran", "diusulkan_bubar",
             "koperasi aktif tidak dapat diusulkan untuk dibubarkan")]),
    ("dissolution proposal without its date",
     koperasi_sheet(ACTIVE, with_cell(INACTIVE, KOPERASI_HEADER, "Tanggal usulan pembubaran", "")), None,
     [("Koperasi", 3, "Tanggal usulan pembubaran", None, "memerlukan tanggal usulan")]),
    ("date of a proposal that was not made", koperasi_sheet(bad("Tanggal usulan pembubaran", "2016-01-05")), None,
     [("Koperasi", 2, "Tanggal usulan pembubaran", "2016-01-05", "padahal koperasi tidak diusulkan")]),
    ("last RAT before founding", koperasi_sheet(bad("RAT terakhir", "1989")), None,
     [("Koperasi", 2, "RAT terakhir", "1989", "RAT terakhir sebelum koperasi berdiri (1990)")]),
    ("impossible date", koperasi_sheet(ACTIVE, bad("Tanggal usulan pembubaran", "31/02/2016", INACTIVE)), None,
     [("Koperasi", 3, "Tanggal usulan pembubaran", "31/02/2016", "bukan tanggal berformat TTTT-BB-HH")]),
    ("date outside 1900-2100", koperasi_sheet(ACTIVE, bad("Tanggal usulan pembubaran", "1850-01-01", INACTIVE)),
     None, [("Koperasi", 3, "Tanggal usulan pembubaran", "1850-01-01", "di luar rentang tahun 1900-2100")]),
    ("fewer UMKM workers than units", xlsx({"UMKM": [UMKM_HEADER, ["Waru", "Jasa", "mikro", "10", "4"]]}), None,
     [("UMKM", 2, "Tenaga kerja", "4", "tenaga kerja lebih sedikit dari unit usaha (10)")]),
    ("UMKM workers without units", xlsx({"UMKM": [UMKM_HEADER, ["Waru", "Jasa", "mikro", "0", "4"]]}), None,
     [("UMKM", 2, "Tenaga kerja", "4", "ada tenaga kerja padahal unit usaha 0")]),
    ("UMKM row repeated (composite key)", xlsx({"UMKM": [UMKM_HEADER, *UMKM_ROWS, UMKM_ROWS[0]]}), None,
     [("UMKM", 4, "Kecamatan, Sektor, Skala usaha", "Waru, Jasa, mikro", "sudah ada di baris 2")]),
    ("certification stage dates out of order",
     xlsx({"Sertifikasi": [PARCEL_HEADER, with_cell(PARCEL, PARCEL_HEADER, "Tanggal sertipikat terbit",
                                                    "2016-07-01")]}), None,
     [("Sertifikasi", 2, "Tahap", "terbit", "tanggal tahap tidak berurutan")]),
    ("parcel of a cooperative not in the uploaded register",
     xlsx({"Koperasi": GOOD_KOPERASI, "Sertifikasi": [PARCEL_HEADER, PARCEL,
                                                      with_cell(with_cell(PARCEL, PARCEL_HEADER, "ID koperasi",
                                                                          "KOP-7777"), PARCEL_HEADER, "ID bidang",
                                                                "BID-002")]}),
     None, [("Sertifikasi", 3, "ID koperasi", "KOP-7777", "'KOP-7777' tidak dikenal di sheet Koperasi yang diunggah")]),
    ("parcel of a cooperative not in the current register",
     csv_data([PARCEL_HEADER, with_cell(PARCEL, PARCEL_HEADER, "ID koperasi", "KOP-0002")]), "sertifikasi",
     [("upload", 2, "ID koperasi", "KOP-0002", "'KOP-0002' tidak dikenal di tabel Koperasi yang berlaku")]),
    ("new register drops a cooperative that current parcels belong to", koperasi_sheet(INACTIVE), None,
     [("Koperasi", None, "ID koperasi", "KOP-0001",
       "'KOP-0001' dipakai 1 baris di tabel Sertifikasi yang berlaku (BID-001) tetapi tidak ada di tabel ini")]),
    ("rows keep their Excel numbers across blank rows and a header lower down",
     xlsx({"Koperasi": [["Register koperasi 2025"], [], KOPERASI_HEADER, ACTIVE, [], bad("Status", "bubar",
                                                                                            INACTIVE)]}), None,
     [("Koperasi", 6, "Status", "bubar", "tidak termasuk nilai yang diizinkan")]),
]


@pytest.mark.parametrize(("content", "table", "expected"), [case[1:] for case in BAD_FILES],
                         ids=[case[0] for case in BAD_FILES])
def test_bad_file_reports_exactly_its_problems(reference, content, table, expected):
    result = ingest.prepare(content, "upload", table, reference)
    assert result.tables is None
    found = [(p.table, p.row, p.column, p.value) for p in result.problems]
    assert found == [case[:4] for case in expected]
    for problem, case in zip(result.problems, expected):
        assert case[4] in problem.message


def test_every_problem_of_a_file_is_collected_not_only_the_first(reference):
    content = koperasi_sheet(bad("Status", "bubar"), bad("Kecamatan", "Atlantis", INACTIVE),
                             bad("ID koperasi", "KOP-0002", bad("Anggota laki-laki", "-1")))
    result = ingest.prepare(content, "upload.xlsx", None, reference)
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "Status"), (3, "Kecamatan"), (4, "Anggota laki-laki"), (4, "ID koperasi")]


def test_problems_carry_the_file_name_for_a_csv_and_the_sheet_name_for_a_workbook(reference):
    rows = [KOPERASI_HEADER, bad("Status", "bubar")]
    assert ingest.prepare(csv_data(rows), "register 2025.csv", None, reference).problems[0].table == "register 2025.csv"
    assert ingest.prepare(xlsx({" koperasi ": rows}), "x.xlsx", None, reference).problems[0].table == " koperasi "


# Unreadable files -----------------------------------------------------------------------------------------


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
UNREADABLE = [
    ("empty file", b"", "data.csv", "Berkas kosong."),
    ("only blank lines", b"\r\n  \r\n", "data.csv", "tidak berisi baris judul maupun data"),
    ("PNG renamed .xlsx", PNG, "register.xlsx", "Berkas ini gambar PNG, bukan buku kerja Excel (.xlsx), .ods atau CSV."),
    ("PDF renamed .csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "register.csv", "Berkas ini dokumen PDF"),
    ("old .xls or encrypted workbook", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "register.xls",
     "buku kerja Excel lama (.xls) atau berkas berkata sandi; buka di Excel atau LibreOffice lalu simpan sebagai "
     "Excel (.xlsx)"),
    ("binary garbage", bytes(range(256)) * 4, "register.csv", "bukan lembar kerja Excel (.xlsx) atau CSV"),
    ("text named .xlsx", b"a,b\n1,2\n", "register.xlsx", "isinya bukan buku kerja Excel"),
    ("CSV in Latin-1", "ID koperasi;Nama koperasi\nKOP-1;Koperasi Caf\u00e9\n".encode("latin-1"), "r.csv",
     "tidak berenkode UTF-8"),
    ("CSV in UTF-16", "ID koperasi\tNama\n".encode("utf-16"), "r.csv", "berenkode UTF-16"),
    ("zip that is not a workbook", zip_of({"word/document.xml": b"<w/>"}), "r.xlsx", "bukan buku kerja Excel"),
    ("damaged OpenDocument spreadsheet", zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                                 "content.xml": b"<office:document"}), "r.ods",
     "Lembar kerja LibreOffice (.ods) ini rusak"),
    ("OpenDocument text", zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
     "r.odt", "bukan lembar kerja (.ods)"),
    ("zip bomb", zip_of({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>",
                         "xl/worksheets/sheet1.xml": b"\x00" * (20 * 1024 * 1024)}), "r.xlsx", "(bom zip)"),
    ("damaged workbook", None, "r.xlsx", "rusak"),
    ("workbook without a register sheet", xlsx({"Sheet1": [KOPERASI_HEADER, ACTIVE], "Rekap": [["x"]]}), "r.xlsx",
     "tidak memiliki sheet register (Koperasi, Sertifikasi, UMKM, Pembiayaan, Pelatihan, Jejaring); sheet yang ada: Sheet1, Rekap."),
]


@pytest.mark.parametrize(("content", "file_name", "sentence"), [case[1:] for case in UNREADABLE],
                         ids=[case[0] for case in UNREADABLE])
def test_unreadable_file_gets_one_indonesian_sentence(reference, content, file_name, sentence):
    if content is None:
        whole = template.workbook_bytes(reference, with_rows=True)
        content = whole[: len(whole) // 2]
    with pytest.raises(ingest.UnreadableFile) as caught:
        ingest.prepare(content, file_name, None, reference)
    message = str(caught.value)
    assert sentence in message
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message


def test_file_over_the_size_limit_is_refused_before_it_is_read(reference):
    content = b"ID koperasi\n" + b"x" * ingest.MAX_BYTES
    with pytest.raises(ingest.UnreadableFile, match=r"^Berkas berukuran 10,0 MB, melebihi batas 10 MB\.$"):
        ingest.prepare(content, "besar.csv", None, reference)


def test_workbook_that_unpacks_beyond_the_limit_is_refused(reference, monkeypatch):
    content = template.workbook_bytes(reference, with_rows=True)
    with pytest.raises(ingest.UnreadableFile, match="bom zip"):
        ingest.prepare(content, "r.xlsx", None, reference, ingest.Limits(max_uncompressed_bytes=10_000))


def test_unknown_table_name_is_one_sentence(reference):
    with pytest.raises(ingest.UnreadableFile, match="Tabel 'anggota' tidak dikenal"):
        ingest.prepare(csv_data(GOOD_KOPERASI), "r.csv", "anggota", reference)


# Good files -----------------------------------------------------------------------------------------------


def test_exported_workbook_reads_back_to_the_dataset_frames(dataset):
    content = template.workbook_bytes(dataset, with_rows=True)
    result = ingest.prepare(content, "ekspor.xlsx", None, dataset)
    assert result.problems == []
    assert set(result.tables) == set(schema.REGISTER_RESOURCES)
    for name, frame in result.tables.items():
        pd.testing.assert_frame_equal(frame, dataset[name])
    assert preview.compare(dataset, result.tables).unchanged


def test_shipped_csv_files_read_back_unchanged_and_find_their_table(dataset):
    for name in schema.REGISTER_RESOURCES:
        path = schema.DATA_DIR / resource_descriptor(dataset.descriptor, name)["path"]
        result = ingest.prepare(path.read_bytes(), path.name, None, dataset)
        assert list(result.tables) == [name]
        pd.testing.assert_frame_equal(result.tables[name], dataset[name])


def test_semicolon_csv_with_bom_and_indonesian_numbers(reference):
    rows = [[h.upper() for h in UMKM_HEADER], ["Waru", "Jasa", "mikro", "1.234", "2.345,0"],
            ["waru ", " JASA", "Kecil", "12", "1.000"]]
    result = ingest.prepare(csv_data(rows, delimiter=";", bom=True), "umkm.csv", "umkm_2016", reference)
    assert result.problems == []
    expected = typed_rows(reference, schema.UMKM, UMKM_HEADER, [["Waru", "Jasa", "mikro", "1234", "2345"],
                                                                 ["Waru", "Jasa", "kecil", "12", "1000"]])
    pd.testing.assert_frame_equal(result.tables[schema.UMKM], expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("1.234,5", "1234.5"), ("0,25", "0.25"), ("-1,5", "-1.5"), ("1.234.567", "1234567"), ("1.234", "1.234"),
    ("12.5", "12.5"), ("abc", "abc"),
])
def test_decimal_rule_for_number_columns(text, expected):
    assert ingest._number_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("1.234", "1234"), ("12.345.678", "12345678"), ("12,0", "12"), ("1.234,00", "1234"), ("2.5", "2.5"),
    ("1,5", "1,5"), ("-1.000", "-1000"), ("12", "12"),
])
def test_grouping_rule_for_integer_columns(text, expected):
    assert ingest._integer_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2016-07-12", "2016-07-12"), ("2016-7-2", "2016-07-02"), ("13/07/2016", "2016-07-13"),
    ("31-7-2016", "2016-07-31"), ("7/7/2016", "2016-07-07"), ("2016-07-12 00:00:00", "2016-07-12"),
    ("31/02/2016", "31/02/2016"), ("07/2016", "07/2016"), ("12/7/16", "12/7/16"),
    # Day and month both 12 or less, and different: either reading is a real date, so none is guessed.
    ("12/07/2016", "12/07/2016"), ("2-7-2016", "2-7-2016"),
])
def test_date_cells_are_read_day_first_into_iso(text, expected):
    assert ingest._date_text(text) == expected


def test_headers_match_names_and_titles_in_any_case_and_spacing_and_labels_match_codes(reference):
    header = ["  id_KOPERASI ", "NAMA KOPERASI", "kecamatan", "Desa / Kelurahan", "jenis_koperasi", "status",
              "Usulan  Pembubaran", "tanggal_usulan_pembubaran", "Tahun_Berdiri", "ANGGOTA LAKI LAKI",
              "anggota_perempuan", "rat terakhir"]
    rows = [header, ["KOP-0001", "KSP Ilustrasi Melati", "waru", "Desa Ilustrasi 01", "simpan pinjam", "Aktif",
                     "Tidak diusulkan", "", "1990", "30", "20", "2016"],
            ["KOP-0002", "Koperasi Jasa Ilustrasi", "PEGANTENAN", "", "jasa", "Tidak aktif",
             "Diusulkan untuk dibubarkan", "2016-5-2", "2001", "5", "7", "2010"]]
    result = ingest.prepare(csv_data(rows), "kop.csv", None, reference)
    assert result.problems == []
    pd.testing.assert_frame_equal(result.tables[schema.KOPERASI],
                                  typed_rows(reference, schema.KOPERASI, KOPERASI_HEADER, [ACTIVE, INACTIVE]))


def test_excel_number_and_date_cells_become_the_same_values(reference):
    active = [*ACTIVE[:8], 1990, 30.0, 20, 2016]
    inactive = [*INACTIVE[:7], dt.datetime(2016, 5, 2), 2001.0, 5, 7, 2010]
    result = ingest.prepare(koperasi_sheet(active, inactive), "kop.xlsx", None, reference)
    assert result.problems == []
    pd.testing.assert_frame_equal(result.tables[schema.KOPERASI],
                                  typed_rows(reference, schema.KOPERASI, KOPERASI_HEADER, [ACTIVE, INACTIVE]))


def test_workbook_with_one_register_sheet_replaces_only_that_table(reference):
    content = xlsx({"Petunjuk": [["abaikan"]], "Koperasi": [KOPERASI_HEADER], "UMKM": [UMKM_HEADER, *UMKM_ROWS],
                    "Rekap": [["bukan register"]]})
    result = ingest.prepare(content, "umkm.xlsx", None, reference)
    assert result.problems == []
    assert list(result.tables) == [schema.UMKM]


def test_internal_columns_are_optional_and_kept_when_present(reference):
    without = ingest.prepare(koperasi_sheet(ACTIVE, INACTIVE), "k.xlsx", None, reference).tables[schema.KOPERASI]
    assert without["nama_ketua"].isna().all()
    header = KOPERASI_HEADER + ["Nama ketua", "telepon"]
    with_them = ingest.prepare(koperasi_sheet(ACTIVE + ["Bu Siti", "0812"], INACTIVE + ["", ""], header=header),
                               "k.xlsx", None, reference).tables[schema.KOPERASI]
    assert with_them[["nama_ketua", "telepon"]].fillna("-").values.tolist() == [["Bu Siti", "0812"], ["-", "-"]]


def test_prepared_carries_the_sha256_and_name_of_the_upload(reference):
    content = csv_data(GOOD_KOPERASI)
    result = ingest.prepare(content, "kop.csv", None, reference)
    assert result.sha256 == __import__("hashlib").sha256(content).hexdigest()
    assert result.file_name == "kop.csv"
    assert result.ok


# Preview of the change -------------------------------------------------------------------------------------


def test_compare_lists_added_removed_and_changed_cooperatives_and_moves_the_totals(reference):
    changed = with_cell(ACTIVE, KOPERASI_HEADER, "Anggota laki-laki", "31")
    tables = ingest.prepare(koperasi_sheet(changed, INACTIVE), "k.xlsx", None, reference).tables
    change = preview.compare(reference, tables)
    assert change.tables == (schema.KOPERASI,)
    assert change.added["id_koperasi"].tolist() == ["KOP-0002"]
    assert change.removed["id_koperasi"].tolist() == ["KOP-0003"]
    assert change.changed.to_dict("records") == [
        {"id_koperasi": "KOP-0001", "nama": "KSP Ilustrasi Melati", "kolom": "anggota_laki"}]
    assert change.changed_cells.to_dict("records") == [
        {"id_koperasi": "KOP-0001", "kolom": "anggota_laki", "sebelum": "30", "sesudah": "31"}]
    totals = change.totals.set_index("indikator")
    assert list(change.totals.columns) == ["indikator", "sebelum", "sesudah", "selisih"]
    assert totals.loc["Jumlah koperasi"].tolist() == [2, 2, 0]
    assert totals.loc["Koperasi aktif"].tolist() == [2, 1, -1]
    assert totals.loc["Koperasi tidak aktif"].tolist() == [0, 1, 1]
    assert totals.loc["Koperasi diusulkan untuk dibubarkan"].tolist() == [0, 1, 1]
    assert totals.loc["Bidang tanah: Sertipikat terbit"].tolist() == [1, 1, 0]
    assert totals.loc["Unit UMKM"].tolist() == [12, 12, 0]
    assert change.rows.set_index("tabel").loc[schema.KOPERASI].tolist() == [2, 2]
    assert not change.unchanged


def test_compare_of_an_umkm_upload_moves_only_umkm_totals(reference):
    tables = ingest.prepare(xlsx({"UMKM": [UMKM_HEADER, ["Waru", "Jasa", "mikro", "100", "150"]]}), "u.xlsx",
                            None, reference).tables
    change = preview.compare(reference, tables)
    moved = change.totals[change.totals["selisih"] != 0].set_index("indikator")["selisih"].to_dict()
    assert moved == {"Unit UMKM": 88, "Tenaga kerja UMKM": 129}
    assert change.added.empty and change.removed.empty and change.changed.empty


# Hypothesis: nothing but UnreadableFile ever leaves prepare() -----------------------------------------------


def assert_problems_or_tables(result: ingest.Prepared) -> None:
    assert isinstance(result, ingest.Prepared)
    assert (result.tables is None) == bool(result.problems)
    assert all(isinstance(p, Problem) and p.message for p in result.problems)
    assert all(p.row is None or p.row >= 1 for p in result.problems)


def prepare_or_unreadable(content: bytes, file_name: str, reference: Dataset, table: str | None = None) -> None:
    try:
        result = ingest.prepare(content, file_name, table, reference)
    except ingest.UnreadableFile as error:
        assert str(error) and "\n" not in str(error)
        return
    assert_problems_or_tables(result)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.function_scoped_fixture])


@SETTINGS
@given(content=st.binary(max_size=2000), file_name=st.sampled_from(["r.csv", "r.xlsx", "r", "R.TXT"]))
def test_arbitrary_bytes_are_unreadable_or_give_problems(reference, content, file_name):
    prepare_or_unreadable(content, file_name, reference)


@SETTINGS
@given(content=st.binary(max_size=3000))
def test_arbitrary_zip_like_bytes_are_unreadable_or_give_problems(reference, content):
    prepare_or_unreadable(b"PK\x03\x04" + content, "r.xlsx", reference)


CELL = st.one_of(st.text(max_size=12), st.sampled_from(["", "-1", "1.234", "1.234,5", "31/02/2016", "2016-07-12",
                                                        "aktif", "Waru", "KOP-0001", "=1+1", "99999999999999999999",
                                                        "0001-01-01", "1e5", "+5", "1_000", " ", "NaN", "inf"]))
ROWS = st.lists(st.lists(CELL, min_size=len(KOPERASI_HEADER), max_size=len(KOPERASI_HEADER)), max_size=6)


@SETTINGS
@given(rows=ROWS, delimiter=st.sampled_from([",", ";", "\t"]), drop=st.sets(st.integers(0, 11), max_size=3))
def test_malformed_koperasi_csv_gives_problems_never_an_exception(reference, rows, delimiter, drop):
    header = [h for i, h in enumerate(KOPERASI_HEADER) if i not in drop]
    body = [[c for i, c in enumerate(row) if i not in drop] for row in rows]
    prepare_or_unreadable(csv_data([header, *body], delimiter=delimiter), "kop.csv", reference)


XLSX_CELL = st.one_of(CELL, st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
                      st.datetimes(min_value=dt.datetime(1, 1, 1)), st.booleans(), st.none())


@SETTINGS
@given(rows=st.lists(st.lists(XLSX_CELL, min_size=1, max_size=14), max_size=6),
       sheet=st.sampled_from(["Koperasi", "Sertifikasi", "UMKM"]))
def test_malformed_workbook_gives_problems_never_an_exception(reference, rows, sheet):
    headers = {"Koperasi": KOPERASI_HEADER, "Sertifikasi": PARCEL_HEADER, "UMKM": UMKM_HEADER}[sheet]
    try:
        content = xlsx({sheet: [headers, *rows]})
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl cannot write these: not an upload
        return
    prepare_or_unreadable(content, "r.xlsx", reference)
