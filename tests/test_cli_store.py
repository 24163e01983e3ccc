"""The store's command line: versions, rollback, export and import, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import koperasi_data
from koperasi_data import cli, exports, schema
from koperasi_data.load import load_dataset, resource_descriptor, typed_frame
from koperasi_data.store import Store
from koperasi_data.validate import Problem, validate_package

ROOT = Path(__file__).resolve().parents[1]
SHA = "cd" * 32


def koperasi_rows(*names: str) -> pd.DataFrame:
    rows = [{"id_koperasi": f"KOP-{i + 1:04d}", "nama": name, "kecamatan": "Pasean", "desa": "Tlontoraja",
             "jenis": "Jasa", "status": "aktif", "status_pembubaran": "tidak_diusulkan",
             "tanggal_usulan_pembubaran": "", "tahun_berdiri": "1999", "anggota_laki": "12",
             "anggota_perempuan": "30", "tahun_rat_terakhir": "2026"} for i, name in enumerate(names)]
    return typed_frame(pd.DataFrame(rows), resource_descriptor(load_dataset().descriptor, schema.KOPERASI))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_versions_lists_one_line_per_version_id_first_current_starred(store_url):
    store = Store(store_url)
    store.ensure_seeded()
    store.import_tables({schema.KOPERASI: koperasi_rows("Koperasi Sumber Rejeki")}, user_name="admin",
                        file_name="register_2026.xlsx", file_sha256=SHA, note="register November")
    # As a script runs it: its own process, the store named on the command line.
    result = subprocess.run([sys.executable, "-m", "koperasi_data", "versions", "--database", store_url],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("2 *  ")
    assert lines[1].startswith("1    ")
    assert "  impor  admin  register_2026.xlsx  koperasi 1, sertifikasi 150, umkm_2016 234, pembiayaan 42, pelatihan 157, jejaring 124  register November" in (
        lines[0])
    assert lines[0].split("  ")[1].endswith(" WIB")
    assert "  data bawaan  sistem  data/  koperasi 585, sertifikasi 150, umkm_2016 234, pembiayaan 42, pelatihan 157, jejaring 124" in lines[1]


def test_rollback_prints_the_new_version_and_makes_the_old_content_current(store_url, capsys):
    store = Store(store_url)
    store.ensure_seeded()
    store.import_tables({schema.KOPERASI: koperasi_rows("Koperasi Sumber Rejeki")}, user_name="admin",
                        file_name="register_2026.xlsx", file_sha256=SHA)
    code, out, _ = run(capsys, "rollback", "1", "--note", "berkas salah", "--user", "sekretaris",
                       "--database", store_url)
    assert (code, out) == (0, "3\n")
    current = store.current_version()
    assert (current.id, current.action, current.restored_from, current.user_name, current.note) == (
        3, "rollback", 1, "sekretaris", "berkas salah")
    assert len(store.dataset()[schema.KOPERASI]) == 585


def test_rollback_to_an_unknown_version_exits_1_and_changes_nothing(store_url, capsys):
    code, out, err = run(capsys, "rollback", "7", "--database", store_url)
    assert (code, out, err) == (1, "", "Versi #7 tidak ada.\n")
    assert [v.id for v in Store(store_url).versions()] == [1]


@pytest.fixture()
def store_with_a_formula_name(store_url) -> Store:
    """A store whose current register has a cooperative named like a spreadsheet formula."""
    store = Store(store_url)
    store.ensure_seeded()
    store.import_tables({schema.KOPERASI: koperasi_rows("=1+1", "Koperasi <b>Maju</b>")}, user_name="admin",
                        file_name="register_2026.xlsx", file_sha256=SHA)
    return store


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    result = frame.copy()
    for column in result.columns:
        if pd.api.types.is_string_dtype(result[column]):
            # map() on an all-empty column gives float; keep the column's own dtype.
            result[column] = result[column].map(exports.neutralise, na_action="ignore").astype(result[column].dtype)
    return result


def test_export_csv_round_trips_every_table_and_neutralises_formulas(store_with_a_formula_name, tmp_path, capsys):
    out = tmp_path / "ekspor"
    code, stdout, _ = run(capsys, "export", "csv", str(out), "--database", store_with_a_formula_name.url)
    assert code == 0
    assert sorted(Path(line).name for line in stdout.splitlines()) == sorted(
        ["datapackage.json"] + [f"{r}.csv" for r in store_with_a_formula_name.dataset().tables]
        + ["kecamatan_3528.geojson", "desa_3528.geojson", "LICENSE-wilayah_boundaries.txt"])
    current, exported = store_with_a_formula_name.dataset(), load_dataset(out)
    for name in current.tables:
        pd.testing.assert_frame_equal(exported[name], neutralised(current[name]))
    assert list(exported[schema.KOPERASI]["nama"]) == ["'=1+1", "Koperasi <b>Maju</b>"]
    assert (out / "koperasi.csv").read_bytes().startswith(b"\xef\xbb\xbf\"id_koperasi\",")


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
def test_export_of_the_shipped_data_is_a_valid_data_package(store_url, tmp_path, capsys, kind):
    assert run(capsys, "export", kind, str(tmp_path), "--database", store_url)[0] == 0
    assert validate_package(tmp_path) == []


def test_export_descriptor_names_the_version_and_the_flags(store_with_a_formula_name, tmp_path, capsys):
    run(capsys, "export", "json", str(tmp_path), "--database", store_with_a_formula_name.url)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["versi_register"]["id"] == 2
    flags = {r["name"]: (r["path"], r["ilustratif"]) for r in descriptor["resources"]}
    assert flags[schema.KOPERASI] == ("koperasi.json", False)
    assert flags[schema.UMKM] == ("umkm_2016.json", True)


def test_export_json_keeps_values_exactly(store_with_a_formula_name, tmp_path, capsys):
    run(capsys, "export", "json", str(tmp_path), "--database", store_with_a_formula_name.url)
    current = store_with_a_formula_name.dataset()
    for name in (schema.KOPERASI, schema.CERTIFICATION, schema.VALUES):
        records = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        resource = resource_descriptor(current.descriptor, name)
        pd.testing.assert_frame_equal(typed_frame(pd.DataFrame(records), resource), current[name])
    assert json.loads((tmp_path / "koperasi.json").read_text(encoding="utf-8"))[0]["nama"] == "=1+1"


def test_export_xlsx_writes_formula_like_text_as_text_cells_and_counts_as_numbers(store_with_a_formula_name,
                                                                                    tmp_path, capsys):
    run(capsys, "export", "xlsx", str(tmp_path), "--database", store_with_a_formula_name.url)
    sheet = openpyxl.load_workbook(tmp_path / "koperasi.xlsx").active
    header = [c.value for c in sheet[1]]
    name_cell = sheet.cell(row=2, column=header.index("nama") + 1)
    members = sheet.cell(row=2, column=header.index("anggota_laki") + 1)
    assert (name_cell.value, name_cell.data_type) == ("=1+1", "s")
    assert (members.value, members.data_type) == (12, "n")
    assert sheet.max_row == 3
    parcels = openpyxl.load_workbook(tmp_path / "sertifikasi.xlsx").active
    assert parcels.cell(row=2, column=7).value.date().isoformat() == "2016-12-05"


# import: written against ingest.prepare, which lands with the admin page --------------------


class UnreadableFile(Exception):
    pass


@dataclass
class Prepared:
    tables: dict | None
    problems: list
    sha256: str
    file_name: str


@pytest.fixture()
def fake_ingest(monkeypatch):
    """A stand-in for koperasi_data.ingest with the agreed contract; ``outcome`` says what prepare returns."""
    module = types.SimpleNamespace(UnreadableFile=UnreadableFile, Prepared=Prepared, calls=[], outcome=None,
                                   COMMAND_LINE_LIMITS=object())

    def prepare(content, file_name, table, reference, limits=None):
        assert limits is module.COMMAND_LINE_LIMITS  # the command line reads past the web page's limit
        module.calls.append((content, file_name, table, reference.version_info.id))
        if isinstance(module.outcome, Exception):
            raise module.outcome
        if callable(module.outcome):
            return module.outcome()
        return Prepared(module.outcome, [], hashlib.sha256(content).hexdigest(), file_name)

    module.prepare = prepare
    monkeypatch.setitem(sys.modules, "koperasi_data.ingest", module)
    monkeypatch.setattr(koperasi_data, "ingest", module, raising=False)
    monkeypatch.setattr(cli, "ingest", module)
    return module


@pytest.fixture()
def register_file(tmp_path) -> Path:
    path = tmp_path / "register_2026.csv"
    path.write_bytes(b"id_koperasi;nama\nKOP-0001;Koperasi Sumber Rejeki\n")
    return path


def test_import_prints_the_new_version_and_records_who_what_and_when(store_url, capsys, fake_ingest, register_file):
    fake_ingest.outcome = {schema.KOPERASI: koperasi_rows("Koperasi Sumber Rejeki")}
    code, out, _ = run(capsys, "import", str(register_file), "--table", "koperasi", "--note", "November",
                       "--user", "admin", "--tanggal", "2026-11-01", "--database", store_url)
    assert (code, out) == (0, "2\n")
    assert fake_ingest.calls == [(register_file.read_bytes(), "register_2026.csv", "koperasi", 1)]
    version = Store(store_url).current_version()
    assert (version.id, version.user_name, version.file_name, version.note, version.data_date.isoformat()) == (
        2, "admin", "register_2026.csv", "November", "2026-11-01")
    assert version.file_sha256 == hashlib.sha256(register_file.read_bytes()).hexdigest()
    assert list(Store(store_url).dataset()[schema.KOPERASI]["nama"]) == ["Koperasi Sumber Rejeki"]


def test_import_of_an_unreadable_file_exits_2_with_one_sentence(store_url, capsys, fake_ingest, register_file):
    fake_ingest.outcome = UnreadableFile("Berkas ini bukan lembar kerja Excel atau CSV.")
    code, out, err = run(capsys, "import", str(register_file), "--database", store_url)
    assert (code, out, err) == (2, "", "Berkas ini bukan lembar kerja Excel atau CSV.\n")
    assert [v.id for v in Store(store_url).versions()] == [1]


def test_import_of_a_missing_file_exits_2(store_url, capsys, fake_ingest, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "tidak-ada.xlsx"), "--database", store_url)
    assert code == 2
    assert err.strip().endswith("tidak dapat dibaca.")
    assert fake_ingest.calls == []


def test_import_with_problems_lists_them_one_per_line_exits_1_and_changes_nothing(store_url, capsys, fake_ingest,
                                                                                  register_file):
    problems = [Problem("koperasi", 4, "kecamatan", "Sumenep", "'Sumenep' bukan kecamatan di Kabupaten Pamekasan"),
                Problem("koperasi", 7, "status", "bubar", "'bubar' tidak termasuk nilai yang diizinkan")]
    fake_ingest.outcome = lambda: Prepared(None, problems, SHA, "register_2026.csv")
    code, out, err = run(capsys, "import", str(register_file), "--database", store_url)
    assert code == 1
    assert out.splitlines() == [p.as_line() for p in problems]
    assert "2 masalah" in err
    assert [v.id for v in Store(store_url).versions()] == [1]


def test_import_exits_1_when_someone_else_imported_meanwhile(store_url, capsys, fake_ingest, register_file):
    def someone_else_imports_first():
        Store(store_url).import_tables({schema.KOPERASI: koperasi_rows("Koperasi Lain")}, user_name="lain",
                                       file_name="lain.xlsx", file_sha256=SHA)
        return Prepared({schema.KOPERASI: koperasi_rows("Koperasi Sumber Rejeki")}, [], SHA, "register_2026.csv")

    fake_ingest.outcome = someone_else_imports_first
    code, out, err = run(capsys, "import", str(register_file), "--database", store_url)
    assert (code, out) == (1, "")
    assert "dari #1 menjadi #2" in err
    assert [(v.id, v.user_name) for v in Store(store_url).versions()] == [(2, "lain"), (1, "sistem")]


def test_import_of_a_real_register_file_through_the_real_checks(store_url, capsys, tmp_path):
    """No stand-in: the shipped register with one cooperative fewer, as the office would send it."""
    with open(schema.DATA_DIR / "koperasi.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    path = tmp_path / "register.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows[:-1])
    code, out, err = run(capsys, "import", str(path), "--user", "admin", "--database", store_url)
    assert (code, out, err) == (0, "2\n", "")
    assert len(Store(store_url).dataset()[schema.KOPERASI]) == 584
    assert not Store(store_url).dataset().is_illustrative(schema.KOPERASI)


@pytest.fixture(scope="module")
def garbage_store(tmp_path_factory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('garbage') / 'store.sqlite'}")
    store.ensure_seeded()
    return store


KOPERASI_HEADER = b"id_koperasi;nama;kecamatan;jenis;status;status_pembubaran;tahun_berdiri\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=400), st.binary(max_size=300).map(lambda b: KOPERASI_HEADER + b),
                         st.text(max_size=300).map(lambda t: KOPERASI_HEADER + t.encode("utf-8"))),
       suffix=st.sampled_from([".csv", ".xlsx"]))
def test_a_malformed_file_never_changes_the_store(garbage_store, tmp_path, capsys, content, suffix):
    path = tmp_path / f"register{suffix}"
    path.write_bytes(content)
    before = [(v.id, v.is_current) for v in garbage_store.versions()]
    code = cli.main(["import", str(path), "--user", "uji", "--database", garbage_store.url])
    capsys.readouterr()
    assert code in (1, 2)  # never a traceback, never an import of garbage
    assert [(v.id, v.is_current) for v in garbage_store.versions()] == before
    assert len(garbage_store.dataset()[schema.KOPERASI]) == 585
