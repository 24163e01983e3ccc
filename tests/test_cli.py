"""The command line: `python -m koperasi_data check` and `generate`, as a script would call them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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
    for name in ("koperasi.csv", "sertifikasi.csv", "umkm_2016.csv"):
        assert (tmp_path / name).read_bytes() == (schema.DATA_DIR / name).read_bytes()


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
