"""deploy/: two public app servers on one PostgreSQL behind Debian's nginx, tested for real on loopback.

A throwaway PostgreSQL cluster (conftest's postgres_server), two ``streamlit run dashboard.py``
processes in public mode on it, and nginx with the shipped ``deploy/nginx-dasbor.conf`` in front.
Pages are read the way a browser reads them: over Streamlit's websocket protocol
(scripts/load_test.py). Skipped with the reason when nginx is missing locally; in CI (``CI`` set)
a missing nginx fails the test, like a missing PostgreSQL.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import load_test  # noqa: E402
import local_cluster  # noqa: E402

from koperasi_data.store import Store  # noqa: E402


def _needs_nginx() -> None:
    if local_cluster.nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's nginx for the deploy test (make test installs it)")
        pytest.skip("deploy test skipped: nginx is not installed (apt-get install nginx, or make test)")


def run_async(coroutine):
    """Run a coroutine to its end on a thread of its own: the browser tests' Playwright keeps an event loop
    running in this thread for the whole session, and asyncio.run refuses to start inside it."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def footer(url: str, page: str = "", cookie: str | None = None) -> str:
    """The provenance footer of a page as one viewer receives it over the websocket."""
    headers = {"Cookie": f"dasbor_server={cookie}"} if cookie else None
    result = run_async(load_test.view_page(url, page, "tahun=2016", timeout=120, ping_interval=30,
                                           headers=headers, texts=True))
    assert result.error is None, result.error
    texts = [text for text in result.texts if "Versi data register" in text]
    assert len(texts) == 1, result.texts
    return texts[0]


def version_shown(text: str) -> str:
    return re.search(r"Versi data register\*\*\s*\\?#?(\d+)", text).group(1)


@pytest.fixture(scope="module")
def deploy_store(postgres_server):
    """One PostgreSQL database for the module's servers (starting them is the slow part), dropped after."""
    import uuid

    import sqlalchemy as sa

    _needs_nginx()
    kind, url = postgres_server
    if kind == "external":
        yield url
        return
    name = f"deploy_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url.format(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield url.format(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture(scope="module")
def cluster(deploy_store, tmp_path_factory):
    """Two public servers on one PostgreSQL store, nginx in front: (nginx url, [server urls], access log)."""
    tmp_path = tmp_path_factory.mktemp("deploy")
    Store(deploy_store).ensure_seeded()
    with local_cluster.public_servers(2, deploy_store, tmp_path / "logs") as urls:
        ports = [int(url.rsplit(":", 1)[1]) for url in urls]
        with local_cluster.nginx_front(ports, tmp_path / "nginx") as (front, access_log):
            yield front, urls, access_log


def test_an_import_through_the_store_is_what_the_other_server_and_the_proxy_show_next(cluster, deploy_store,
                                                                                    tmp_path):
    front, (first, second), _ = cluster
    postgres_url = deploy_store
    before = int(version_shown(footer(second)))
    assert before == Store(postgres_url).current_version().id
    folder = tmp_path / "register"
    run = lambda *args: subprocess.run([sys.executable, "-m", "koperasi_data", *args], capture_output=True,
                                       text=True, cwd=ROOT, timeout=300)
    assert run("generate", "--scale", "2", str(folder)).returncode == 0
    imported = run("import", str(folder), "--database", postgres_url, "--user", "admin", "--note", "dua kali")
    assert imported.returncode == 0, imported.stderr
    after = str(before + 1)
    assert imported.stdout.strip() == after
    for url in (second, first):
        text = footer(url, "koperasi")
        # Public servers name the version but never the importing user (issue 8).
        assert version_shown(text) == after and "impor" in text and "admin" not in text
    assert version_shown(footer(front, "koperasi", cookie="pembaca-1")) == after


def test_nginx_upgrades_websockets_and_keeps_a_browser_on_one_server(cluster):
    front, urls, access_log = cluster
    with urllib.request.urlopen(f"{front}/", timeout=30) as response:
        assert response.status == 200
        cookie = re.search(r"dasbor_server=([^;]+)", response.headers["Set-Cookie"]).group(1)
    # The same browser (same cookie) reaches the same process every time; others spread over both.
    for _ in range(3):
        footer(front, cookie=cookie)
    for index in range(12):
        footer(front, cookie=f"pembaca-{index}")
    lines = [line.split() for line in access_log.read_text().splitlines() if "/_stcore/stream" in line][-15:]
    assert len(lines) == 15 and all(parts[-3] == "101" for parts in lines)  # 101 Switching Protocols
    upstreams = [parts[-2] for parts in lines]
    assert len(set(upstreams[:3])) == 1
    assert set(upstreams) == {url.removeprefix("http://") for url in urls}


def test_the_public_servers_have_no_admin_page(cluster):
    front, _, _ = cluster
    result = run_async(load_test.view_page(front, "kelola_data", "", timeout=120, ping_interval=30, texts=True))
    assert result.error is not None and result.error.startswith("halaman tidak ditemukan")
    assert not any("Kelola Data" in text for text in result.texts)
