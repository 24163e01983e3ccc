"""Scaled registers: `generate --scale N FOLDER` writes the register N times larger, and `import FOLDER` takes it."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from koperasi_data import cli, generate, schema
from koperasi_data.load import load_dataset
from koperasi_data.store import Store
from koperasi_data.validate import check_dataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tripled() -> dict[str, pd.DataFrame]:
    return generate.scaled_frames(3)


def test_scale_1_writes_the_shipped_register_byte_for_byte(tmp_path):
    written = generate.write_scaled(tmp_path, 1)
    assert {p.name: p.read_bytes() for p in written} == {p.name: (schema.DATA_DIR / p.name).read_bytes()
                                                         for p in written}


@pytest.mark.parametrize("table, rows", [("koperasi", 3 * 585), ("sertifikasi", 3 * 150), ("umkm_2016", 234),
                                         ("pembiayaan", 3 * 42), ("pelatihan", 3 * 157), ("jejaring", 3 * 124)])
def test_every_table_grows_in_proportion_except_umkm_which_keeps_its_key(tripled, table, rows):
    assert len(tripled[table]) == rows


def test_scaled_register_reconciles_in_proportion(tripled):
    assert Counter(tripled["koperasi"]["status"]) == {"aktif": 3 * 563, "tidak_aktif": 3 * 22}
    umkm = tripled["umkm_2016"]
    assert umkm["unit_usaha"].astype(int).sum() == 3 * 195_554
    assert umkm["tenaga_kerja"].astype(int).sum() == 3 * 257_481


def test_ids_are_unique_and_references_point_into_the_same_copy(tripled):
    koperasi = tripled["koperasi"]
    assert koperasi["id_koperasi"].is_unique and tripled["sertifikasi"]["id_bidang"].is_unique
    assert koperasi["id_koperasi"].iloc[[0, 585, 1754]].tolist() == ["KOP-0001", "KOP-0586", "KOP-1755"]
    assert koperasi["nama"].iloc[585].endswith(" 586") and koperasi["telepon"].iloc[585] == "0324-ILUSTRASI-586"
    loans = tripled["pembiayaan"].merge(tripled["sertifikasi"], on="id_bidang", suffixes=("", "_bidang"))
    assert len(loans) == 3 * 42 and (loans["id_koperasi"] == loans["id_koperasi_bidang"]).all()
    for table in ("sertifikasi", "pelatihan", "jejaring"):
        assert tripled[table]["id_koperasi"].isin(koperasi["id_koperasi"]).all()


def test_scaled_register_passes_every_rule_of_the_shipped_data(tmp_path):
    data = tmp_path / "data"
    import shutil

    shutil.copytree(schema.DATA_DIR, data)
    generate.write_scaled(data, 2)
    assert check_dataset(load_dataset(data), 2026) == []


def test_scaling_is_deterministic():
    first, second = generate.scaled_frames(2), generate.scaled_frames(2)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_generate_scale_then_import_the_folder_in_one_command_each(tmp_path):
    folder, url = tmp_path / "skala2", f"sqlite:///{tmp_path / 'store.sqlite'}"
    run = lambda *args: subprocess.run([sys.executable, "-m", "koperasi_data", *args], capture_output=True,
                                       text=True, cwd=ROOT, timeout=300)
    generated = run("generate", "--scale", "2", str(folder))
    assert generated.returncode == 0, generated.stderr
    assert sorted(Path(line).name for line in generated.stdout.split()) == sorted(
        f"{name}.csv" for name in schema.REGISTER_RESOURCES)
    imported = run("import", str(folder), "--database", url, "--note", "skala 2")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "2"
    dataset = Store(url).dataset()
    assert dataset.version_info.row_counts == {"koperasi": 1170, "sertifikasi": 300, "umkm_2016": 234,
                                               "pembiayaan": 84, "pelatihan": 314, "jejaring": 248}
    assert dataset.version_info.file_name == "skala2"
    assert (dataset["koperasi"]["status"] == schema.AKTIF).sum() == 2 * 563
    assert not dataset.is_illustrative("koperasi")


def test_import_of_a_folder_reports_problems_with_file_row_and_column(tmp_path, capsys):
    generate.write_scaled(tmp_path / "reg", 1)
    path = tmp_path / "reg" / "sertifikasi.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("KOP-", "KOP-9", 1)
    path.write_text("".join(lines), encoding="utf-8")
    code = cli.main(["import", str(tmp_path / "reg"), "--database", f"sqlite:///{tmp_path / 's.sqlite'}"])
    out = capsys.readouterr()
    assert code == 1
    assert "sertifikasi.csv baris 3" in out.out and "tidak dikenal" in out.out
    assert Store(f"sqlite:///{tmp_path / 's.sqlite'}").current_version().id == 1


def test_a_folder_without_register_csvs_is_one_sentence_and_exit_2(tmp_path, capsys):
    (tmp_path / "kosong").mkdir()
    (tmp_path / "kosong" / "catatan.txt").write_text("bukan register")
    assert cli.main(["import", str(tmp_path / "kosong"), "--database", f"sqlite:///{tmp_path / 's.sqlite'}"]) == 2
    assert "tidak berisi berkas CSV register" in capsys.readouterr().err


def test_scale_into_data_folder_is_refused(capsys):
    assert cli.main(["generate", "--scale", "2", "--out", str(schema.DATA_DIR)]) == 2
    assert "bukan data/" in capsys.readouterr().err
