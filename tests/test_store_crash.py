"""kill -9 in the middle of an import: the previous version stays current and complete, and the store keeps working."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from koperasi_data import schema
from koperasi_data import store as store_module
from koperasi_data.store import Store

ROOT = Path(__file__).resolve().parents[1]

# The child imports a one-row register and stops just before COMMIT: by then the blob,
# the version rows and the moved current pointer have all been written in its transaction.
CHILD = textwrap.dedent("""
    import sys, time
    from koperasi_data import schema, store
    from koperasi_data.store import Store

    def stop_here():
        print("ready", flush=True)
        time.sleep(600)

    target = Store(sys.argv[1])
    register = target.dataset()[schema.KOPERASI].head(1).copy()
    register.loc[:, "nama"] = "Koperasi Yang Tidak Pernah Tersimpan"
    store._before_commit = stop_here
    target.import_tables({schema.KOPERASI: register}, user_name="proses-mati", file_name="mati.xlsx",
                         file_sha256="0" * 64)
""")


def test_kill_9_during_an_import_leaves_the_previous_version_current_and_complete(store_url):
    store = Store(store_url)
    before = store.dataset(store.ensure_seeded().id)
    with store.engine.connect() as connection:
        blobs_before = connection.execute(sa.select(sa.func.count()).select_from(store_module.blobs_table)).scalar()
    store.close()

    child = subprocess.Popen([sys.executable, "-c", CHILD, store_url], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    after = Store(store_url)
    assert [(v.id, v.is_current) for v in after.versions()] == [(1, True)]
    current = after.dataset()
    assert current.version_info.id == 1
    for name in before.tables:
        pd.testing.assert_frame_equal(current[name], before[name])
    with after.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(store_module.blobs_table)).scalar() == (
            blobs_before)

    # The lock the dead writer held is gone: the next import goes through as version 2.
    register = current[schema.KOPERASI].head(2)
    version = after.import_tables({schema.KOPERASI: register}, user_name="admin", file_name="ulang.xlsx",
                                  file_sha256="1" * 64)
    assert version.id == 2
    assert len(after.dataset()[schema.KOPERASI]) == 2
