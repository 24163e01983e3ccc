"""Downloads and display tables: exact numbers out, no formulas run, Indonesian on screen."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from koperasi_data import exports, schema
from koperasi_data.load import load_dataset, read_descriptor, resource_descriptor

BOM = b"\xef\xbb\xbf"


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


# csv_bytes ---------------------------------------------------------------------------


def test_csv_starts_with_a_utf8_bom_so_excel_reads_accents():
    data = exports.csv_bytes(pd.DataFrame({"luas_m2": [120], "satuan": ["m²"]}))
    assert data.startswith(BOM)
    assert data[len(BOM):].decode("utf-8") == "\"luas_m2\",\"satuan\"\n120,\"m²\"\n"


def test_csv_round_trips_numbers_exactly():
    frame = pd.DataFrame({
        "nilai": [257481, 585, 0, -3],
        "persen": [563 / 585 * 100, 1 / 3, 0.1, 1e-7],
        "per_unit": [257481 / 195554, 1.5, 18.0, 0.0],
    })
    back = pd.read_csv(io.BytesIO(exports.csv_bytes(frame)), encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, frame, check_exact=True)


def test_csv_writes_missing_numbers_as_empty_cells():
    frame = pd.DataFrame({"tahun_rat_terakhir": pd.array([2016, None], dtype="Int64")})
    assert csv_rows(exports.csv_bytes(frame)) == [["tahun_rat_terakhir"], ["2016"], [""]]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+62 812 3456", "'+62 812 3456"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("Koperasi Jasa", "Koperasi Jasa"),
        ("a=b", "a=b"),
        ("2016-07-12", "2016-07-12"),
    ],
)
def test_csv_neutralises_text_a_spreadsheet_would_run_as_a_formula(cell, written):
    for frame in (pd.DataFrame({"nama": [cell]}), pd.DataFrame({"nama": pd.Series([cell], dtype=object)})):
        assert csv_rows(exports.csv_bytes(frame))[1] == [written]


NASTY_COLUMN = ["=1+1", "Kop A;=1+1", "'=x", "''@y", "Koperasi Jasa", "=1+1", None, "-5", "a=b", "\r=z",
                "＝SUM(A1)", "x,\u3000+1", "Koperasi Jasa", "'", "", "baris\n=1", "'\t=1", "x;\u00a0@y",
                "KOP-000123", "0812-3456", "a, b-c", "Jl. Raya, No. 5"]


@pytest.mark.parametrize("column", [pd.Series(NASTY_COLUMN, dtype="str"),
                                    pd.Series(NASTY_COLUMN + [5, 2.5, pd.NA], dtype=object)])
def test_a_column_is_neutralised_exactly_as_cell_by_cell(column):
    result = exports.neutralised(column)
    expected = column.map(exports.neutralise)
    pd.testing.assert_series_equal(result, expected)
    assert result.tolist()[:4] == ["'=1+1", "'Kop A;=1+1", "''=x", "'''@y"]


def test_csv_leaves_negative_numbers_alone():
    frame = pd.DataFrame({"selisih": [-5, 0], "perubahan": [-0.5, 2.0], "nama": ["-5", "x"]})
    assert csv_rows(exports.csv_bytes(frame)) == [["selisih", "perubahan", "nama"], ["-5", "-0.5", "'-5"],
                                                  ["0", "2.0", "x"]]


def test_csv_does_not_change_the_frame_it_was_given():
    frame = pd.DataFrame({"nama": ["=1+1"]})
    exports.csv_bytes(frame)
    assert frame["nama"].tolist() == ["=1+1"]


# display_formats ---------------------------------------------------------------------


def shown(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Each formatted column as the strings a reader sees."""
    formats = exports.display_formats(frame)
    return {column: [formatter(v) for v in frame[column]] for column, formatter in formats.items()}


def test_display_formats_give_indonesian_strings_and_a_dash_for_missing():
    frame = pd.DataFrame({
        "bidang": pd.array([257481, None, 0], dtype="Int64"),
        "persen_aktif": [96.239, None, 50.0],
        "nilai": pd.array([585.0, 1036.0, None], dtype="Float64"),
        "tanggal_usulan": pd.to_datetime(["2016-07-12", None, "2017-12-31"]),
    })
    assert shown(frame) == {
        "bidang": ["257.481", "–", "0"],
        "persen_aktif": ["96,2", "–", "50,0"],
        "nilai": ["585", "1.036", "–"],
        "tanggal_usulan": ["12 Juli 2016", "–", "31 Desember 2017"],
    }


def test_display_formats_keep_years_plain():
    frame = pd.DataFrame({"tahun": pd.array([2016, 2024], dtype="Int64"), "tahun_berdiri": [1990, 2001]})
    assert shown(frame) == {"tahun": ["2016", "2024"], "tahun_berdiri": ["1990", "2001"]}


def test_display_formats_leave_true_false_columns_unformatted():
    assert "resmi" not in exports.display_formats(pd.DataFrame({"resmi": [True, False]}))


# column titles and the data dictionary -----------------------------------------------


def test_column_titles_include_only_names_whose_title_agrees_across_resources():
    descriptor = {"resources": [
        {"schema": {"fields": [{"name": "kecamatan", "title": "Kecamatan"}, {"name": "status", "title": "Status"},
                               {"name": "kode", "title": "Kode indikator"}]}},
        {"schema": {"fields": [{"name": "kecamatan", "title": "Kecamatan"},
                               {"name": "status", "title": "Status data"}, {"name": "nilai", "title": "Nilai"}]}},
    ]}
    assert exports.column_titles(descriptor) == {"kecamatan": "Kecamatan", "kode": "Kode indikator", "nilai": "Nilai"}


def test_column_titles_of_the_real_package_leave_out_ambiguous_names():
    titles = exports.column_titles(read_descriptor())
    assert titles["kecamatan"] == "Kecamatan"
    assert titles["tahun_rat_terakhir"] == "RAT terakhir"
    # "kode", "nama", "status", "desa" and "tanggal_terbit" mean different things in different resources.
    assert {"kode", "nama", "status", "desa", "tanggal_terbit"}.isdisjoint(titles)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("kecamatan", "Kecamatan"), ("hari_sejak_langkah_terakhir", "Hari sejak langkah terakhir"),
     ("persen_aktif", "Persen aktif")],
)
def test_column_title_falls_back_to_a_readable_name(name, expected):
    assert exports.column_title(name, {"kecamatan": "Kecamatan"}) == expected


def test_data_dictionary_has_one_row_per_field_in_order():
    resource = resource_descriptor(read_descriptor(), schema.KOPERASI)
    dictionary = exports.data_dictionary(resource)
    assert list(dictionary.columns) == ["kolom", "judul", "tipe", "satuan", "aturan", "keterangan"]
    assert dictionary["kolom"].tolist() == [f["name"] for f in resource["schema"]["fields"]]


@pytest.mark.parametrize(
    ("resource", "column", "rule"),
    [
        ("koperasi", "status", "wajib diisi; nilai yang diizinkan: aktif, tidak_aktif"),
        ("koperasi", "id_koperasi", "wajib diisi; harus unik"),
        ("koperasi", "anggota_laki", "wajib diisi; batas bawah 0"),
        ("koperasi", "tahun_berdiri", "wajib diisi; batas bawah 1945; batas atas 2100"),
        ("koperasi", "desa", ""),
        ("sertifikasi", "tahap",
         "wajib diisi; nilai yang diizinkan: diusulkan, diverifikasi, diukur, terbit, ditunda, ditolak"),
        ("kecamatan", "kode", "wajib diisi; harus unik; format 35\\.28\\.[0-9]{2}"),
    ],
)
def test_data_dictionary_states_each_rule_the_validator_enforces(resource, column, rule):
    dictionary = exports.data_dictionary(resource_descriptor(read_descriptor(), resource)).set_index("kolom")
    assert dictionary.loc[column, "aturan"] == rule


def test_data_dictionary_gives_the_unit():
    dictionary = exports.data_dictionary(resource_descriptor(read_descriptor(), schema.CERTIFICATION))
    assert dictionary.set_index("kolom").loc["luas_m2", "satuan"] == "m²"


# package_zip -------------------------------------------------------------------------


def test_package_zip_reads_back_as_the_same_dataset(tmp_path, dataset):
    archive = exports.package_files_zip(exports.package_files(dataset, "csv"))
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        opened.extractall(tmp_path)
    result = load_dataset(tmp_path)
    for name, expected in dataset.tables.items():
        pd.testing.assert_frame_equal(result[name], expected)
    # The boundaries travel byte for byte, with the MIT notice their licence requires.
    assert result.files == dataset.files
    assert b"Copyright (c) 2024 Cahya DSN" in result.files["geo/LICENSE-wilayah_boundaries.txt"]


def test_package_zip_neutralises_formula_text_but_not_negative_numbers(dataset):
    koperasi = dataset[schema.KOPERASI].copy()
    koperasi.loc[0, "nama"] = '=HYPERLINK("http://x")'
    changed = dataclasses.replace(dataset, tables={**dataset.tables, schema.KOPERASI: koperasi})
    files = exports.package_files(changed, "csv")
    rows = list(csv.DictReader(io.StringIO(files["koperasi.csv"].decode("utf-8-sig"))))
    assert rows[0]["nama"] == "'=HYPERLINK(\"http://x\")"
    lats = [row["lat"] for row in csv.DictReader(io.StringIO(files["kecamatan.csv"].decode("utf-8-sig")))]
    assert lats[0].startswith("-7.") and float(lats[0]) == dataset[schema.KECAMATAN]["lat"].iloc[0]


def test_xlsx_keeps_phone_numbers_and_formula_text_as_text_cells():
    frame = pd.DataFrame({"telepon": ["081234567890"], "nama": ["=1+1"], "anggota": [12]})
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active
    phone, name, members = sheet[2]
    assert (phone.value, phone.data_type) == ("081234567890", "s")
    assert (name.value, name.data_type) == ("=1+1", "s")
    assert (members.value, members.data_type) == (12, "n")


def test_display_formats_write_periods_kept_as_iso_text_the_indonesian_way():
    frame = pd.DataFrame({"periode": ["2016-07-12", "2020-07", "2023", None, ""],
                          "bulan": ["2017-01", None, "2016-12", "2016-08", "2016-09"]})
    assert shown(frame) == {
        "periode": ["12 Juli 2016", "Juli 2020", "2023", "–", "–"],
        "bulan": ["Januari 2017", "–", "Desember 2016", "Agustus 2016", "September 2016"],
    }
