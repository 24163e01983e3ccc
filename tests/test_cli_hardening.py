"""The command line under load and failure: registers over the web page's 10 MB, zip bombs, a full disk,
a store that cannot be opened; and the web limit Streamlit itself enforces."""

from __future__ import annotations

import io
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from koperasi_data import cli, exports, ingest, schema
from koperasi_data import store as store_module
from koperasi_data.load import load_dataset
from koperasi_data.store import Store

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "koperasi_data", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)


def big_register(rows: int, name_length: int) -> pd.DataFrame:
    """The shipped register repeated under new ids, with long names: a file past the web page's limit."""
    shipped = load_dataset()[schema.KOPERASI]
    frame = pd.concat([shipped] * (rows // len(shipped) + 1), ignore_index=True).head(rows)
    frame["id_koperasi"] = [f"KOP-{i:06d}" for i in range(1, rows + 1)]
    frame["nama"] = [f"Koperasi {i} " + "Sejahtera " * (name_length // 10) for i in range(1, rows + 1)]
    return frame


def test_the_command_line_imports_a_register_larger_than_the_web_pages_limit(tmp_path):
    path = tmp_path / "register-besar.csv"
    path.write_bytes(exports.csv_bytes(big_register(9000, 1200)))
    assert path.stat().st_size > ingest.MAX_BYTES
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    checked = run_cli("validate", str(path), "--table", "koperasi", "--database", url)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "Berkas valid: koperasi 9000 baris."
    imported = run_cli("import", str(path), "--table", "koperasi", "--database", url, "--user", "staf")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "2"
    assert len(Store(url).dataset()[schema.KOPERASI]) == 9000


def test_the_command_line_still_refuses_a_zip_bomb(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("xl/workbook.xml", b"<w/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (300 * 1024 * 1024))
    path = tmp_path / "bom.xlsx"
    path.write_bytes(buffer.getvalue())
    result = run_cli("validate", str(path), "--database", f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert result.returncode == 2
    assert "(bom zip)" in result.stderr and "Traceback" not in result.stderr


def test_the_web_upload_limit_is_streamlits_own_limit_too():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == ingest.MAX_BYTES
    with pytest.raises(ingest.UnreadableFile, match="melebihi batas 10 MB"):
        ingest.prepare(b"x" * (ingest.MAX_BYTES + 1), "besar.csv", None, load_dataset())


def test_a_full_disk_during_a_command_line_import_is_one_sentence(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'penuh.sqlite'}"
    Store(url).ensure_seeded()
    secret = "Koperasi Rahasia 0812999"
    path = tmp_path / "register.csv"
    path.write_bytes(exports.csv_bytes(big_register(2000, 60).assign(
        nama=[f"{secret} {i}" for i in range(2000)])))
    original = store_module._sqlite_engine

    def full(url):
        engine = original(url)

        @store_module.sa.event.listens_for(engine, "connect")
        def _limit(dbapi_connection, _record):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(store_module, "_sqlite_engine", full)
    code = cli.main(["import", str(path), "--table", "koperasi", "--database", url])
    captured = capsys.readouterr()
    assert code == 1
    assert str(store_module.WriteFailed()) in captured.err
    assert secret not in captured.err + captured.out and "INSERT" not in captured.err
    assert "Traceback" not in captured.err
    monkeypatch.undo()
    assert Store(url).current_version().id == 1


def test_a_store_that_cannot_be_opened_is_one_sentence_without_the_connection_string(tmp_path):
    url = "postgresql+psycopg://dasbor:sandi-rahasia@127.0.0.1:1/dasbor?connect_timeout=2"
    result = run_cli("versions", "--database", url)
    assert result.returncode == 1
    assert result.stderr.startswith("Penyimpanan tidak dapat dibuka atau dibaca (OperationalError)")
    assert "sandi-rahasia" not in result.stderr and "Traceback" not in result.stderr


def test_an_unreadable_current_version_is_one_sentence_and_rollback_from_the_shell_recovers(tmp_path):
    url = f"sqlite:///{tmp_path / 'rusak.sqlite'}"
    store = Store(url)
    store.import_tables({schema.KOPERASI: big_register(3, 10)}, user_name="staf", file_name="r.csv",
                        file_sha256="0" * 64)
    sha = store.current_version().contents[schema.KOPERASI]
    with store.engine.begin() as connection:
        connection.execute(store_module.sa.update(store_module.blobs_table)
                           .where(store_module.blobs_table.c.sha256 == sha).values(content='a,b\n"x\r'))
    broken = run_cli("export", "csv", str(tmp_path / "ekspor"), "--database", url)
    assert broken.returncode == 1
    assert broken.stderr.strip().splitlines()[-1] == str(store_module.UnreadableVersion(2))
    assert "Traceback" not in broken.stderr
    assert run_cli("rollback", "1", "--database", url).returncode == 0
    assert run_cli("export", "csv", str(tmp_path / "ekspor"), "--database", url).returncode == 0
