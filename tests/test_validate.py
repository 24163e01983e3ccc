"""Validation reports every problem where a person would find it, in Indonesian, and never raises."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koperasi_data import schema
from koperasi_data.load import read_descriptor, resource_descriptor, typed_frame
from koperasi_data.validate import (
    Problem,
    check_duplicates,
    check_jejaring,
    check_koperasi,
    check_pembiayaan,
    check_sertifikasi,
    check_umkm,
    problems_frame,
    validate_package,
    validate_rows,
)

DESCRIPTOR = read_descriptor()
KOPERASI_FIELDS = [f["name"] for f in resource_descriptor(DESCRIPTOR, schema.KOPERASI)["schema"]["fields"]]

GOOD_KOPERASI = {
    "id_koperasi": "KOP-0001", "nama": "KSP Ilustrasi Melati 001", "kecamatan": "Waru",
    "desa": "Desa Ilustrasi 01", "jenis": "Simpan Pinjam", "status": "aktif",
    "status_pembubaran": "tidak_diusulkan", "tanggal_usulan_pembubaran": "", "tahun_berdiri": "1990",
    "anggota_laki": "30", "anggota_perempuan": "20", "tahun_rat_terakhir": "2016",
}
INACTIVE_KOPERASI = {
    **GOOD_KOPERASI, "id_koperasi": "KOP-0002", "status": "tidak_aktif", "status_pembubaran": "diusulkan_bubar",
    "tanggal_usulan_pembubaran": "2016-05-02", "tahun_rat_terakhir": "2010",
}


def typed(name: str, rows: list[dict]) -> pd.DataFrame:
    """Rows of text cells typed exactly as the loader types the resource."""
    return typed_frame(pd.DataFrame(rows, dtype=str), resource_descriptor(DESCRIPTOR, name))


# validate_rows ---------------------------------------------------------------------


def test_good_koperasi_rows_have_no_problem():
    assert validate_rows(schema.KOPERASI, [GOOD_KOPERASI, INACTIVE_KOPERASI], DESCRIPTOR) == []


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("status", "bubar", "'bubar' tidak termasuk nilai yang diizinkan (aktif, tidak_aktif)"),
        ("jenis", "Arisan", "tidak termasuk nilai yang diizinkan"),
        ("anggota_laki", "dua puluh", "'dua puluh' bukan bilangan bulat"),
        ("anggota_laki", "2.5", "bukan bilangan bulat"),
        ("anggota_perempuan", "-1", "-1 lebih kecil dari batas bawah 0"),
        ("tahun_berdiri", "1900", "lebih kecil dari batas bawah 1945"),
        ("tahun_rat_terakhir", "2101", "lebih besar dari batas atas 2100"),
        ("nama", "", "wajib diisi"),
        ("tanggal_usulan_pembubaran", "12/07/2016", "'12/07/2016' bukan tanggal berformat TTTT-BB-HH"),
    ],
)
def test_bad_koperasi_cell_is_reported_at_its_spreadsheet_row_and_column(column, cell, reason):
    bad = {**INACTIVE_KOPERASI, column: cell}
    problems = validate_rows(schema.KOPERASI, [GOOD_KOPERASI, bad], DESCRIPTOR)
    # The header is row 1 and the good row is row 2, so the bad row is row 3, as Excel shows it.
    assert [(p.table, p.row, p.column, p.value) for p in problems] == [(schema.KOPERASI, 3, column, cell)]
    assert reason in problems[0].message


def test_missing_required_column_in_a_row_counts_as_an_empty_required_cell():
    row = {k: v for k, v in INACTIVE_KOPERASI.items() if k != "nama"}
    problems = validate_rows(schema.KOPERASI, [GOOD_KOPERASI, row], DESCRIPTOR)
    assert problems == [Problem(schema.KOPERASI, 3, "nama", "", "wajib diisi")]


def test_duplicate_id_koperasi_is_reported_as_not_unique_on_the_second_row():
    problems = validate_rows(schema.KOPERASI, [GOOD_KOPERASI, GOOD_KOPERASI], DESCRIPTOR)
    assert problems, "a duplicate primary key must be reported"
    assert {(p.table, p.row, p.column) for p in problems} == {(schema.KOPERASI, 3, "id_koperasi")}
    assert any("harus unik" in p.message for p in problems)
    # Every reason is a sentence a clerk can act on, never an untranslated error code.
    assert not any("tidak dapat dibaca" in p.message for p in problems)


def test_empty_primary_key_is_reported_as_empty_not_as_a_duplicate():
    problems = validate_rows(schema.KOPERASI, [{**GOOD_KOPERASI, "id_koperasi": ""}], DESCRIPTOR)
    assert Problem(schema.KOPERASI, 2, "id_koperasi", "", "wajib diisi") in problems
    assert not any("sama dengan baris lain" in p.message for p in problems)


def test_unknown_column_is_reported_by_name():
    problems = validate_rows(schema.KOPERASI, [{**GOOD_KOPERASI, "catatan_lain": "x"}], DESCRIPTOR)
    assert [(p.column, p.message) for p in problems] == [("catatan_lain", "kolom tidak dikenal")]


def test_rows_are_checked_without_the_referenced_tables():
    # An unknown kecamatan needs the kecamatan table to be caught; validate_package does that.
    assert validate_rows(schema.KOPERASI, [{**GOOD_KOPERASI, "kecamatan": "Atlantis"}], DESCRIPTOR) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({name: st.text(max_size=12) for name in KOPERASI_FIELDS}))
def test_validate_rows_never_raises_on_random_text(row):
    problems = validate_rows(schema.KOPERASI, [GOOD_KOPERASI, row], DESCRIPTOR)
    assert all(isinstance(p, Problem) and p.table == schema.KOPERASI for p in problems)
    assert all(p.row is None or p.row >= 2 for p in problems)


# Problem ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (Problem("koperasi", 5, "status", "bubar", "'bubar' tidak termasuk nilai yang diizinkan"),
         "koperasi baris 5, kolom status: 'bubar' tidak termasuk nilai yang diizinkan"),
        (Problem("sertifikasi", 12, None, None, "baris kosong"), "sertifikasi baris 12: baris kosong"),
        (Problem("koperasi", None, "catatan_lain", None, "kolom tidak dikenal"),
         "koperasi, kolom catatan_lain: kolom tidak dikenal"),
        (Problem("datapackage.json", None, None, None, "deskriptor tidak valid"),
         "datapackage.json: deskriptor tidak valid"),
    ],
)
def test_problem_as_line_names_table_row_and_column(problem, line):
    assert problem.as_line() == line


def test_problems_frame_has_indonesian_headers_even_when_empty():
    problem = Problem("umkm_2016", 4, "tenaga_kerja", "5", "ada tenaga kerja padahal unit usaha 0")
    expected = pd.DataFrame({"Tabel": ["umkm_2016"], "Baris": [4], "Kolom": ["tenaga_kerja"], "Nilai": ["5"],
                             "Masalah": ["ada tenaga kerja padahal unit usaha 0"]})
    pd.testing.assert_frame_equal(problems_frame([problem]), expected, check_dtype=False)
    assert list(problems_frame([]).columns) == ["Tabel", "Baris", "Kolom", "Nilai", "Masalah"]


# cross-column rules ----------------------------------------------------------------


def test_check_koperasi_passes_good_rows():
    assert check_koperasi(typed(schema.KOPERASI, [GOOD_KOPERASI, INACTIVE_KOPERASI]), 2016) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"status_pembubaran": "diusulkan_bubar", "tanggal_usulan_pembubaran": "2016-05-02"},
         Problem("koperasi", 3, "status_pembubaran", "diusulkan_bubar",
                 "koperasi aktif tidak dapat diusulkan untuk dibubarkan")),
        ({"tahun_berdiri": "2012", "tahun_rat_terakhir": "2010"},
         Problem("koperasi", 3, "tahun_rat_terakhir", "2010", "RAT terakhir sebelum koperasi berdiri (2012)")),
        ({"status_pembubaran": "dibubarkan", "status": "tidak_aktif"},
         Problem("koperasi", 3, "tanggal_usulan_pembubaran", None,
                 "status pembubaran 'dibubarkan' memerlukan tanggal usulan")),
        ({"tanggal_usulan_pembubaran": "2016-05-02"},
         Problem("koperasi", 3, "tanggal_usulan_pembubaran", "2016-05-02",
                 "ada tanggal usulan pembubaran padahal koperasi tidak diusulkan untuk dibubarkan")),
        ({"tahun_berdiri": "2017", "tahun_rat_terakhir": ""},
         Problem("koperasi", 3, "tahun_berdiri", "2017", "tahun di masa depan (lebih dari 2016)")),
    ],
)
def test_check_koperasi_reports_the_broken_rule(change, expected):
    active = {**GOOD_KOPERASI, "id_koperasi": "KOP-0003", **change}
    assert check_koperasi(typed(schema.KOPERASI, [GOOD_KOPERASI, active]), 2016) == [expected]


def test_check_koperasi_accepts_a_cooperative_that_never_held_a_rat():
    never = {**INACTIVE_KOPERASI, "tahun_rat_terakhir": ""}
    assert check_koperasi(typed(schema.KOPERASI, [never]), 2016) == []


GOOD_PARCEL = {
    "id_bidang": "BID-001", "id_koperasi": "KOP-0001", "penggunaan": "Gudang", "luas_m2": "300",
    "tahap": "terbit", "alasan": "", "tanggal_usulan": "2016-08-01", "tanggal_verifikasi": "2016-09-01",
    "tanggal_pengukuran": "2016-10-01", "tanggal_terbit": "2016-11-15",
}
POSTPONED_PARCEL = {
    **GOOD_PARCEL, "id_bidang": "BID-002", "tahap": "ditunda", "alasan": "Dokumen tanah belum lengkap",
    "tanggal_verifikasi": "", "tanggal_pengukuran": "", "tanggal_terbit": "",
}


def test_check_sertifikasi_passes_good_rows():
    assert check_sertifikasi(typed(schema.CERTIFICATION, [GOOD_PARCEL, POSTPONED_PARCEL])) == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({**GOOD_PARCEL, "tanggal_pengukuran": ""},
         Problem("sertifikasi", 2, "tanggal_pengukuran", None, "tahap 'terbit' memerlukan tanggal ini")),
        ({**POSTPONED_PARCEL, "alasan": ""},
         Problem("sertifikasi", 2, "alasan", None, "bidang yang ditunda harus diberi alasan")),
        ({**GOOD_PARCEL, "tanggal_terbit": "2016-07-01"},
         Problem("sertifikasi", 2, "tahap", "terbit",
                 "tanggal tahap tidak berurutan (usulan, verifikasi, pengukuran, terbit)")),
    ],
)
def test_check_sertifikasi_reports_the_broken_rule(row, expected):
    assert check_sertifikasi(typed(schema.CERTIFICATION, [row])) == [expected]


def test_check_umkm_reports_workers_without_units_and_passes_good_rows():
    rows = [
        {"kecamatan": "Waru", "sektor": "Jasa", "skala": "mikro", "unit_usaha": "10", "tenaga_kerja": "12"},
        {"kecamatan": "Waru", "sektor": "Jasa", "skala": "kecil", "unit_usaha": "0", "tenaga_kerja": "0"},
        {"kecamatan": "Waru", "sektor": "Jasa", "skala": "menengah", "unit_usaha": "0", "tenaga_kerja": "5"},
    ]
    assert check_umkm(typed(schema.UMKM, rows[:2])) == []
    assert check_umkm(typed(schema.UMKM, rows)) == [
        Problem("umkm_2016", 4, "tenaga_kerja", "5", "ada tenaga kerja padahal unit usaha 0")]


GOOD_LOAN = {"id_pembiayaan": "PBY-001", "id_koperasi": "KOP-0001", "id_bidang": "BID-001", "lembaga": "Pegadaian",
             "tanggal": "2017-01-10", "nilai_rp": "50000000", "status": "cair"}


def test_check_pembiayaan_passes_a_loan_on_an_issued_parcel_after_its_certificate():
    parcels = typed(schema.CERTIFICATION, [GOOD_PARCEL, POSTPONED_PARCEL])
    assert check_pembiayaan(typed(schema.FINANCING, [GOOD_LOAN]), parcels) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"id_bidang": "BID-002"},
         Problem("pembiayaan", 2, "id_bidang", "BID-002", "bidang agunan belum bersertipikat (tahap 'ditunda')")),
        ({"id_koperasi": "KOP-0009"},
         Problem("pembiayaan", 2, "id_koperasi", "KOP-0009", "bidang agunan milik koperasi lain (KOP-0001)")),
        ({"tanggal": "2016-11-15"},
         Problem("pembiayaan", 2, "tanggal", "2016-11-15",
                 "pinjaman diajukan sebelum sertipikat terbit (2016-11-15)")),
        ({"id_bidang": "BID-404"}, None),  # unknown parcel: the foreign key reports it, not this rule
    ],
)
def test_check_pembiayaan_reports_the_broken_rule(change, expected):
    parcels = typed(schema.CERTIFICATION, [GOOD_PARCEL, POSTPONED_PARCEL])
    result = check_pembiayaan(typed(schema.FINANCING, [{**GOOD_LOAN, **change}]), parcels)
    assert result == ([expected] if expected else [])


def test_check_jejaring_reports_a_cooperative_listed_in_another_kecamatan():
    koperasi = typed(schema.KOPERASI, [GOOD_KOPERASI])
    links = [{"id_koperasi": "KOP-0001", "kecamatan": "Waru", "jumlah_umkm_mitra": "5", "bentuk": "Pemasaran produk",
              "tahun_mulai": "2017"}]
    assert check_jejaring(typed(schema.NETWORK, links), koperasi) == []
    moved = [{**links[0], "kecamatan": "Pasean"}]
    assert check_jejaring(typed(schema.NETWORK, moved), koperasi) == [
        Problem("jejaring", 2, "kecamatan", "Pasean", "koperasi ini berada di kecamatan Waru")]


# validate_package on a corrupted copy ----------------------------------------------


@pytest.fixture
def data_copy(tmp_path):
    """A copy of the shipped data/ that a test may corrupt."""
    return shutil.copytree(schema.DATA_DIR, tmp_path / "data")


def set_cell(path, row: int, column: str, value: str) -> None:
    """Overwrite one cell of a CSV; ``row`` is the spreadsheet row (the header is row 1)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fieldnames = list(rows[0])
    rows[row - 2][column] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("resource", "row", "column", "value", "reason"),
    [
        ("koperasi", 4, "anggota_laki", "banyak", "'banyak' bukan bilangan bulat"),
        ("koperasi", 7, "status", "bubar", "tidak termasuk nilai yang diizinkan"),
        ("koperasi", 3, "kecamatan", "Atlantis", "'Atlantis' tidak dikenal di tabel kecamatan"),
        ("sertifikasi", 2, "id_koperasi", "KOP-9999", "'KOP-9999' tidak dikenal di tabel koperasi"),
        ("umkm_2016", 10, "unit_usaha", "-5", "-5 lebih kecil dari batas bawah 0"),
        ("nilai_indikator", 5, "tahun", "dua ribu", "bukan bilangan bulat"),
        ("kecamatan", 2, "jumlah_desa", "", "wajib diisi"),
        ("pembiayaan", 3, "id_bidang", "BID-999", "'BID-999' tidak dikenal di tabel sertifikasi"),
        ("pelatihan", 4, "peserta", "0", "0 lebih kecil dari batas bawah 1"),
        ("jejaring", 2, "bentuk", "Arisan", "tidak termasuk nilai yang diizinkan"),
    ],
)
def test_one_corrupted_cell_is_reported_with_its_table_row_and_column(data_copy, resource, row, column, value,
                                                                      reason):
    path = data_copy / resource_descriptor(DESCRIPTOR, resource)["path"]
    set_cell(path, row, column, value)
    problems = validate_package(data_copy)
    assert [(p.table, p.row, p.column, p.value) for p in problems] == [(resource, row, column, value)]
    assert reason in problems[0].message


def test_unreadable_file_is_a_problem_not_an_exception(data_copy):
    (data_copy / "sertifikasi.csv").write_bytes(b"\xff\xfe\x00 bukan teks")
    problems = validate_package(data_copy)
    # pembiayaan refers to sertifikasi, so its keys cannot be checked either; it is reported too.
    assert [p.table for p in problems] == ["sertifikasi", "pembiayaan"]


def test_check_umkm_reports_fewer_workers_than_units():
    rows = [{"kecamatan": "Waru", "sektor": "Jasa", "skala": "mikro", "unit_usaha": "10", "tenaga_kerja": "10"},
            {"kecamatan": "Waru", "sektor": "Jasa", "skala": "kecil", "unit_usaha": "10", "tenaga_kerja": "9"}]
    assert check_umkm(typed(schema.UMKM, rows)) == [
        Problem("umkm_2016", 3, "tenaga_kerja", "9", "tenaga kerja lebih sedikit dari unit usaha (10); "
                                                     "setiap unit usaha dikerjakan sedikitnya satu orang")]


def test_check_duplicates_reports_every_repeat_with_the_first_row_and_skips_empty_keys():
    frame = pd.DataFrame({"id_koperasi": ["A", "B", "A", "", "", "A"]})
    assert check_duplicates(schema.KOPERASI, frame, DESCRIPTOR) == [
        Problem("koperasi", 4, "id_koperasi", "A", "'A' sudah ada di baris 2; ID koperasi harus unik"),
        Problem("koperasi", 7, "id_koperasi", "A", "'A' sudah ada di baris 2; ID koperasi harus unik"),
    ]


def test_validate_rows_without_keys_leaves_repeats_to_check_duplicates():
    assert validate_rows(schema.KOPERASI, [GOOD_KOPERASI, GOOD_KOPERASI], DESCRIPTOR, keys=False) == []
