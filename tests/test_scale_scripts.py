"""The scale scripts run and print their figures (small N; the figures themselves are never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import load_test  # noqa: E402
import local_cluster  # noqa: E402


def run_script(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def test_load_test_starts_a_server_and_reports_every_round(tmp_path):
    result = run_script("scripts/load_test.py", "--viewers", "1", "3", "--json", str(tmp_path / "load.json"))
    assert result.returncode == 0, result.stderr[-2000:]
    rows = json.loads((tmp_path / "load.json").read_text())[0]["rows"]
    assert [(row["viewers"], row["ok"], row["errors"]) for row in rows] == [(1, 1, 0), (3, 3, 0)]
    assert all(0 < row["p50"] <= row["p95"] <= row["max"] for row in rows)
    # Each viewer waited for the page's charts: Koperasi draws several, Ringkasan one.
    assert {page: n for row in rows for page, n in row["charts"]}["koperasi"] >= 3
    assert "viewers   ok  err   p50 s   p95 s" in result.stdout


def test_load_test_refuses_anything_but_loopback():
    result = run_script("scripts/load_test.py", "--url", "http://example.org:8501", "--viewers", "1", timeout=60)
    assert result.returncode != 0 and "Hanya loopback" in result.stderr


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert (load_test.percentile(values, 0.5), load_test.percentile(values, 0.95)) == (10.0, 19.0)
    assert load_test.percentile([3.0], 0.95) == 3.0


def test_nginx_config_is_the_shipped_site_with_our_ports_only(tmp_path):
    text = local_cluster.nginx_config(tmp_path, [9101, 9102, 9103], 9100)
    shipped = local_cluster.SITE.read_text()
    assert "listen 127.0.0.1:9100;" in text and "listen 80;" not in text and "[::]" not in text
    assert [line.strip() for line in text.splitlines() if line.strip().startswith("server 127.")] == [
        f"server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;" for port in (9101, 9102, 9103)]
    for directive in ("hash $dasbor_sticky consistent;", "proxy_set_header Upgrade $http_upgrade;",
                      "proxy_set_header Connection $dasbor_connection;", "proxy_http_version 1.1;"):
        assert directive in shipped and directive in text
    assert "/var/log/nginx" not in text


def test_bench_scale_runs_once_with_n_1(tmp_path):
    result = run_script("scripts/bench_scale.py", "--scales", "1", "--repeat", "1", "--json", str(tmp_path / "b.json"))
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads((tmp_path / "b.json").read_text())[0]
    assert figures["scale"] == 1 and figures["rows"] == 585
    assert set(figures["pages"]) == {"ringkasan", "koperasi", "kopdes", "sertifikasi", "kemitraan", "umkm",
                                     "sumber", "presentasi"}
    assert all(page["error"] is None for page in figures["pages"].values())
    assert figures["import_rss_mb"] > 50 and figures["server"]["rss_mb"] > 50
    for heading in ("Impor dan baca", "Halaman, detik", "Server dengan semua halaman dibuka", "Target issue 12"):
        assert heading in result.stdout
