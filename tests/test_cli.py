"""The command line: `python -m koperasi_data check` and `generate`, as a script would call them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from koperasi_data import schema


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "koperasi_data", *args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=120)


def test_check_accepts_the_shipped_data():
    result = run_cli("check")
    assert result.returncode == 0
    assert result.stdout.strip() == "Data valid."


def test_check_lists_each_problem_and_exits_1(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(schema.DATA_DIR, data)
    lines = (data / "koperasi.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",aktif,", ",bubar,", 1)
    (data / "koperasi.csv").write_text("".join(lines), encoding="utf-8")
    result = run_cli("check", "--data", str(data))
    assert result.returncode == 1
    assert "koperasi baris 4, kolom status: 'bubar' tidak termasuk nilai yang diizinkan" in result.stdout
    assert "1 masalah ditemukan." in result.stderr


def test_generate_writes_the_shipped_register(tmp_path):
    result = run_cli("generate", "--out", str(tmp_path))
    assert result.returncode == 0
    for name in ("koperasi.csv", "sertifikasi.csv", "umkm_2016.csv", "pembiayaan.csv", "pelatihan.csv",
                 "jejaring.csv"):
        assert (tmp_path / name).read_bytes() == (schema.DATA_DIR / name).read_bytes()


# validate and template ---------------------------------------------------------------------------------------


def test_validate_accepts_an_exported_workbook_and_exits_0(tmp_path, dataset):
    from koperasi_data import template

    path = tmp_path / "ekspor.xlsx"
    path.write_bytes(template.workbook_bytes(dataset, with_rows=True))
    result = run_cli("validate", str(path))
    assert result.returncode == 0
    assert result.stdout.strip() == ("Berkas valid: koperasi 585 baris, sertifikasi 150 baris, umkm_2016 234 baris, "
                                     "pembiayaan 42 baris, pelatihan 157 baris, jejaring 124 baris.")


def test_validate_lists_each_problem_then_a_count_and_exits_1(tmp_path):
    lines = (schema.DATA_DIR / "umkm_2016.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",kecil,", ",sedang,", 1)
    lines[5] = "Atlantis," + lines[5].split(",", 1)[1]
    path = tmp_path / "umkm.csv"
    path.write_text("".join(lines), encoding="utf-8")
    result = run_cli("validate", str(path), "--table", "umkm_2016")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "umkm.csv baris 3, kolom skala: 'sedang' tidak termasuk nilai yang diizinkan (mikro, kecil, menengah)")
    assert result.stdout.splitlines()[1].startswith("umkm.csv baris 6, kolom kecamatan: 'Atlantis' tidak dikenal")
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr.strip() == "2 masalah ditemukan."


@pytest.mark.parametrize(("content", "sentence"), [
    (b"\x89PNG\r\n\x1a\n0000", "Berkas ini gambar PNG, bukan buku kerja Excel (.xlsx), .ods atau CSV."),
    (b"", "Berkas kosong."),
])
def test_validate_prints_one_sentence_for_an_unreadable_file_and_exits_2(tmp_path, content, sentence):
    path = tmp_path / "register.xlsx"
    path.write_bytes(content)
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert result.stderr.strip() == sentence
    assert result.stdout == ""


def test_template_writes_a_workbook_that_validate_reads_as_empty(tmp_path):
    import openpyxl

    path = tmp_path / "templat.xlsx"
    result = run_cli("template", str(path))
    assert result.returncode == 0
    assert openpyxl.load_workbook(path).sheetnames == ["Petunjuk", "Koperasi", "Sertifikasi", "UMKM", "Pembiayaan",
                                                      "Pelatihan", "Jejaring", "Daftar"]
    assert run_cli("validate", str(path)).returncode == 1


def test_export_pptx_writes_the_deck_of_the_year(tmp_path):
    import io

    from pptx import Presentation

    out = tmp_path / "hari-koperasi.pptx"
    result = run_cli("export", "pptx", str(out), "--tahun", "2016")
    assert result.returncode == 0, result.stderr
    assert "9 salindia, tahun 2016" in result.stdout
    texts = {p.text for slide in Presentation(io.BytesIO(out.read_bytes())).slides for shape in slide.shapes
             if shape.has_text_frame for p in shape.text_frame.paragraphs}
    assert {"585", "563", "22"} <= texts


def test_export_pdf_defaults_to_the_latest_year(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "hari-koperasi.pdf"
    result = run_cli("export", "pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert "tahun 2024" in result.stdout
    reader = PdfReader(out)
    assert len(reader.pages) == 7
    assert "791" in reader.pages[1].extract_text()
