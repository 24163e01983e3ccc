"""Shared fixtures: the shipped data package, read once per test session, and a throwaway store."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pandas as pd
import pytest

from koperasi_data import metrics
from koperasi_data.load import Dataset, load_dataset
from koperasi_data.store import Store


@pytest.fixture(scope="session", autouse=True)
def isolated_store(tmp_path_factory):
    """Point DATABASE_URL at a fresh SQLite file, so no test (nor the servers and CLIs it starts) touches the user's store."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'dasbor.sqlite'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield url


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The real data/ package as the dashboard loads it."""
    return load_dataset()


@pytest.fixture(scope="session")
def values(dataset: Dataset) -> pd.DataFrame:
    """Every published value of the real package, as ``metrics.published_values`` returns it."""
    return metrics.published_values(dataset)


# The baked static site, once per session -----------------------------------------------------------

# The public address the site is baked for, and the bake's stamp (tests/test_site.py compares a second bake).
SITE_URL = "https://data.contoh.go.id/koperasi/"
FIRST_BAKE = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def site_store_url(tmp_path_factory) -> str:
    """A store with the shipped data, for the site's tests (nothing imports into it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('site-store') / 'store.sqlite'}"
    Store(url).ensure_seeded()
    return url


@pytest.fixture(scope="session")
def baked_site(tmp_path_factory, site_store_url):
    """The whole public site (both languages, with previews when Chromium is there), baked once for the session:
    tests/test_site.py reads its files and tests/e2e/test_site_browser.py serves them. No test writes into it."""
    from koperasi_data import images, site

    store = Store(site_store_url)
    return site.bake(tmp_path_factory.mktemp("situs") / "satu", store.dataset(), store.versions(), url=SITE_URL,
                     generated_at=FIRST_BAKE, with_previews=images.chromium_available())


# The store on both databases it supports ---------------------------------------------------------


def _unavailable(reason: str):
    """Skip with the reason locally; in CI a missing PostgreSQL is a failure, never a silent skip."""
    if os.environ.get("CI"):
        pytest.fail(f"CI needs PostgreSQL for the store tests: {reason}")
    pytest.skip(f"PostgreSQL store tests skipped: {reason}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """('external', URL) from $TEST_DATABASE_URL, or ('cluster', URL template) of a throwaway cluster started here."""
    external = os.environ.get("TEST_DATABASE_URL")
    if external:
        yield "external", external
        return
    initdbs = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not initdbs:
        _unavailable("no /usr/lib/postgresql/*/bin/initdb (make postgresql installs Debian's postgresql)")
    bin_dir = initdbs[-1].parent
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user, in a folder
    # outside pytest's tmp tree (which is private to root).
    root = Path(tempfile.mkdtemp(prefix="dasbor-pg-"))
    prefix = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = root / "data"
    try:
        subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                        "-E", "UTF8", "--no-sync"], check=True, capture_output=True, text=True, timeout=120)
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w",
                        "-o", f"-p {port} -k {root} -c listen_addresses='' -c fsync=off", "start"],
                       check=True, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", "") or ""
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"could not start a throwaway server ({error}) {detail.strip()[-300:]}")
    try:
        yield "cluster", f"postgresql+psycopg://postgres@/{{database}}?host={root}&port={port}"
    finally:
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture()
def postgres_url(postgres_server):
    """A PostgreSQL store URL with nothing in it, fresh for each test."""
    import sqlalchemy as sa

    from koperasi_data import store

    kind, url = postgres_server
    if kind == "external":
        engine = sa.create_engine(url)
        store.metadata.drop_all(engine)
        engine.dispose()
        yield url
        return
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url.format(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield url.format(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """An empty store's URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgres_url")
