"""The column-wise checks of an upload agree with the Frictionless schema in datapackage.json.

``validate_frame`` (what an import runs) must report exactly what ``validate_rows`` (Frictionless,
row by row) reports; repeated keys and unknown references, which an import checks with pandas,
must be found on the same rows as Frictionless finds them. The constraints stay in one place.
"""

from __future__ import annotations

import csv
import io
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koperasi_data import ingest, schema
from koperasi_data.load import load_dataset, read_descriptor, resource_descriptor
from koperasi_data.validate import check_duplicates, validate_frame, validate_package, validate_rows

DESCRIPTOR = read_descriptor()


def fields_of(name: str) -> list[str]:
    return [f["name"] for f in resource_descriptor(DESCRIPTOR, name)["schema"]["fields"]]


GOOD_KOPERASI = {
    "id_koperasi": "KOP-0001", "nama": "KSP Ilustrasi Melati 001", "kecamatan": "Waru",
    "desa": "Desa Ilustrasi 01", "jenis": "Simpan Pinjam", "status": "aktif",
    "status_pembubaran": "tidak_diusulkan", "tanggal_usulan_pembubaran": "", "tahun_berdiri": "1990",
    "anggota_laki": "30", "anggota_perempuan": "20", "tahun_rat_terakhir": "2016",
}
GOOD_VALUE = {
    "id": "koperasi_aktif-2016", "kode_indikator": "koperasi_aktif", "tahun": "2016", "periode": "2016-07-12",
    "tanggal_terbit": "", "nilai": "563", "presisi": "tepat", "kode_wilayah": "35.28", "desa": "",
    "penerbit": "Antara Jatim", "url": "https://jatim.antaranews.com/berita/180677", "status": "resmi",
    "catatan": "",
}

# One bad row per kind of rule the schema states (a row may break two rules at once).
BAD_ROWS = [
    (schema.KOPERASI, {"nama": ""}),                                  # required
    (schema.KOPERASI, {"id_koperasi": "", "nama": "", "kecamatan": ""}),
    (schema.KOPERASI, {"jenis": "Bank"}),                             # enum
    (schema.KOPERASI, {"status": "Aktif "}),
    (schema.KOPERASI, {"tahun_berdiri": "1900"}),                     # minimum
    (schema.KOPERASI, {"tahun_rat_terakhir": "2200"}),                # maximum
    (schema.KOPERASI, {"anggota_laki": "-1", "anggota_perempuan": "-3"}),
    (schema.KOPERASI, {"anggota_laki": "tiga puluh"}),                # type: integer
    (schema.KOPERASI, {"anggota_laki": "1.5", "tahun_berdiri": "19x0"}),
    (schema.KOPERASI, {"tanggal_usulan_pembubaran": "12/07/2016"}),   # type: date
    (schema.KOPERASI, {"tanggal_usulan_pembubaran": "2016-02-30"}),
    (schema.KOPERASI, {name: "" for name in GOOD_KOPERASI}),          # blank row
    (schema.VALUES, {"periode": "2016/07"}),                          # pattern
    (schema.VALUES, {"kode_wilayah": "36.01", "presisi": "kira-kira"}),
    (schema.VALUES, {"nilai": "banyak"}),                             # type: number
    (schema.VALUES, {"nilai": "-0.5"}),
    (schema.VALUES, {"url": "bukan alamat"}),                         # type: string with format uri
    (schema.CERTIFICATION, {"luas_m2": "0", "tanggal_usulan": ""}),
]
GOOD = {schema.KOPERASI: GOOD_KOPERASI, schema.VALUES: GOOD_VALUE,
        schema.CERTIFICATION: {"id_bidang": "BID-001", "id_koperasi": "KOP-0001", "penggunaan": "Gudang",
                               "luas_m2": "300", "tahap": "terbit", "alasan": "", "tanggal_usulan": "2016-08-01",
                               "tanggal_verifikasi": "2016-09-01", "tanggal_pengukuran": "2016-10-01",
                               "tanggal_terbit": "2016-11-15"}}


def both(name: str, rows: list[dict]):
    frame = pd.DataFrame(rows, columns=list(dict.fromkeys(k for row in rows for k in row)), dtype=object)
    return validate_frame(name, frame, DESCRIPTOR), validate_rows(name, rows, DESCRIPTOR, keys=False)


@pytest.mark.parametrize("name, change", BAD_ROWS)
def test_column_checks_report_what_frictionless_reports(name, change):
    rows = [GOOD[name], {**GOOD[name], **change}, GOOD[name]]
    result, expected = both(name, rows)
    assert expected, "the row must break a rule of the schema"
    assert result == expected


def test_cells_frictionless_accepts_are_accepted():
    rows = [{**GOOD_KOPERASI, "tahun_berdiri": " 1990 ", "anggota_laki": "+5", "desa": "   "}]
    assert both(schema.KOPERASI, rows) == ([], [])


def test_every_bad_row_of_one_table_at_once_in_the_same_order():
    rows = [{**GOOD_KOPERASI, **change} for name, change in BAD_ROWS if name == schema.KOPERASI]
    result, expected = both(schema.KOPERASI, rows)
    assert len(expected) >= len(rows)
    assert result == expected


def test_a_field_without_a_column_is_read_as_empty():
    row = {k: v for k, v in GOOD_KOPERASI.items() if k not in ("nama", "desa")}
    result, expected = both(schema.KOPERASI, [row])
    assert [(p.column, p.message) for p in result] == [("nama", "wajib diisi")]
    assert result == expected


def test_past_frictionless_error_limit_the_same_first_problems_are_kept():
    rows = [{**GOOD_KOPERASI, "id_koperasi": f"KOP-{i:05d}", "jenis": "Bank", "anggota_laki": "x"}
            for i in range(600)]
    result, expected = both(schema.KOPERASI, rows)
    assert len(expected) == 1000
    assert result == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({name: st.one_of(st.sampled_from(["", "0", "2016", "-1", "aktif",
                                                                          "2016-07-12", "1.234", "Jasa"]),
                                                       st.text(max_size=8))
                                       for name in fields_of(schema.KOPERASI)}), min_size=1, max_size=4))
def test_random_text_gets_the_same_problems(rows):
    result, expected = both(schema.KOPERASI, rows)
    assert result == expected


# Rules an import checks with pandas, found on the rows where Frictionless finds them ---------------


def test_repeated_keys_are_found_on_the_rows_frictionless_finds():
    rows = [GOOD_KOPERASI, {**GOOD_KOPERASI, "nama": "Lain"}, {**GOOD_KOPERASI, "id_koperasi": "KOP-0002"},
            {**GOOD_KOPERASI, "id_koperasi": "KOP-0002"}]
    frictionless_rows = {(p.row, p.column) for p in validate_rows(schema.KOPERASI, rows, DESCRIPTOR)}
    frame = pd.DataFrame(rows, dtype=object)
    found = {(p.row, p.column) for p in check_duplicates(schema.KOPERASI, frame, DESCRIPTOR)}
    # Frictionless reports a repeated primary key both as a unique cell and as a repeated key.
    assert {row for row, _ in frictionless_rows} == {row for row, _ in found} == {3, 5}
    assert {column for _, column in found} == {"id_koperasi"}


def csv_bytes(header: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_unknown_references_are_found_on_the_rows_frictionless_finds(tmp_path):
    dataset = load_dataset()
    parcels = pd.read_csv(schema.DATA_DIR / "sertifikasi.csv", dtype=str, keep_default_na=False)
    rows = parcels.to_dict("records")
    rows[1] = {**rows[1], "id_koperasi": "KOP-9999"}
    rows[4] = {**rows[4], "id_koperasi": "KOP-8888"}
    content = csv_bytes(list(parcels.columns), rows)
    package = tmp_path / "data"
    shutil.copytree(schema.DATA_DIR, package)
    (package / "sertifikasi.csv").write_bytes(content)
    expected = {(p.row, p.column) for p in validate_package(package) if p.table == schema.CERTIFICATION}
    prepared = ingest.prepare(content, "sertifikasi.csv", schema.CERTIFICATION, dataset, ingest.COMMAND_LINE_LIMITS)
    found = {(p.row, p.column) for p in prepared.problems}
    assert expected == {(3, "id_koperasi"), (6, "id_koperasi")}
    assert found == expected  # the CSV's headers are the field names


# The cross-column rule of certification, column-wise, against the rule read row by row ------------


def sertifikasi_row_by_row(parcels: pd.DataFrame) -> list:
    """The rule as it reads (one row at a time): the reference the column-wise check must match."""
    from koperasi_data.validate import Problem
    problems = []
    date_columns = list(schema.STAGE_DATE_COLUMNS.values())
    for index, row in parcels.iterrows():
        where = int(index) + 2
        if row["tahap"] in schema.PROGRESS_STAGES:
            for column in date_columns[: schema.PROGRESS_STAGES.index(row["tahap"]) + 1]:
                if pd.isna(row[column]):
                    problems.append(Problem(schema.CERTIFICATION, where, column, None,
                                            f"tahap '{row['tahap']}' memerlukan tanggal ini"))
        elif pd.isna(row["alasan"]):
            problems.append(Problem(schema.CERTIFICATION, where, "alasan", None,
                                    f"bidang yang {row['tahap']} harus diberi alasan"))
        dated = [row[c] for c in date_columns if not pd.isna(row[c])]
        if dated != sorted(dated):
            problems.append(Problem(schema.CERTIFICATION, where, "tahap", row["tahap"],
                                    "tanggal tahap tidak berurutan (usulan, verifikasi, pengukuran, terbit)"))
    return problems


DATES = st.sampled_from(["", "2016-01-01", "2016-02-01", "2016-03-01", "2016-04-01"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({
    "tahap": st.sampled_from(list(schema.TAHAP)), "alasan": st.sampled_from(["", "Dokumen belum lengkap"]),
    "tanggal_usulan": DATES, "tanggal_verifikasi": DATES, "tanggal_pengukuran": DATES, "tanggal_terbit": DATES,
}), min_size=1, max_size=8), st.integers(0, 3))
def test_sertifikasi_rule_column_wise_matches_the_rule_row_by_row(rows, dropped):
    from koperasi_data.load import typed_frame
    from koperasi_data.validate import check_sertifikasi
    base = {"id_bidang": "BID-001", "id_koperasi": "KOP-0001", "penggunaan": "Gudang", "luas_m2": "300"}
    text = pd.DataFrame([{**base, **row} for row in rows], dtype=str)
    parcels = typed_frame(text, resource_descriptor(DESCRIPTOR, schema.CERTIFICATION))
    parcels = parcels.drop(index=parcels.index[:dropped])  # an import checks the rows without other problems
    assert check_sertifikasi(parcels) == sertifikasi_row_by_row(parcels)


# An upload's pre-filters pick every cell the exact per-cell rule objects to -------------------------------

DATE_LIKE = st.one_of(
    st.from_regex(r"\A[0-9]{1,4}[/.\-][0-9]{1,2}[/.\-][0-9]{1,4}\Z"),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    st.sampled_from(["07/12/2016", "12.07.2016", "1-2-2016", "2016-07-12", "1899-12-31", "2101-01-01",
                     "٠٧/١٢/٢٠١٦", "0७/12/2016", "2016-07-12 ", "", "x", "12/07/2016\x00"]),
    st.text(max_size=12),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DATE_LIKE, min_size=1, max_size=6), st.sampled_from(["date", "integer", "number", "string"]))
def test_prefilters_keep_every_cell_the_per_cell_rules_object_to(cells, kind):
    spec = {"name": "x", "type": kind}
    column = pd.Series(cells, dtype=object)
    suspect = set(ingest._suspect(column, spec).index)
    uncastable = set(ingest._uncastable(column, spec).index)
    for index, cell in column.items():
        if ingest._cell_problem(cell, spec) is not None:
            assert index in suspect, cell
        if ingest._cast_problem(cell, spec) is not None:
            assert index in uncastable, cell
