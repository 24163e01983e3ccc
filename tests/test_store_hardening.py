"""The store under abuse: any text round-trips, an unreadable version is named and recoverable, a read-only store
still serves, a full disk gives one sentence, the store file is private, and the password brake lives in it."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import threading

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koperasi_data import exports, schema
from koperasi_data import store as store_module
from koperasi_data.load import load_dataset, resource_csv, resource_descriptor
from koperasi_data.store import Store
from tests.test_store import SHA, import_koperasi, koperasi_rows

NASTY = ["Kop A\r=1+1", "baris\r\nbaru", "\"kutip\", koma; titik koma\ttab", "nul\x00byte", "\x1b[31mmerah",
         "  spasi  ", "emoji 🤝 dan ＝SUM(A1)", "a\u2028b", "'=apostrof", "\\N", "NULL", "\u00a0"]


@pytest.fixture()
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


# Any text round-trips -----------------------------------------------------------------------------------


def test_text_with_carriage_returns_quotes_and_control_characters_reads_back_exactly(store_url):
    store = Store(store_url)
    frame = koperasi_rows(*NASTY)
    import_koperasi(store, frame)
    # A fresh store object reads from the database, not from anything this one remembers.
    assert list(Store(store_url).dataset()[schema.KOPERASI]["nama"]) == NASTY


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4))
def test_any_text_survives_import_read_and_export_unchanged(tmp_path_factory, names):
    url = f"sqlite:///{tmp_path_factory.mktemp('sifat') / 'store.sqlite'}"
    store = Store(url)
    import_koperasi(store, koperasi_rows(*names))
    read = store.dataset()
    # Blank text is a missing value in the data model, exactly as in data/*.csv.
    assert [v if v is not None and not pd.isna(v) else "" for v in read[schema.KOPERASI]["nama"]] == names
    exported = exports.package_files(read, "json")["koperasi.json"].decode("utf-8")
    assert [row["nama"] or "" for row in __import__("json").loads(exported)] == names
    store.close()


def test_a_store_of_the_previous_release_with_csv_tables_still_opens(sqlite_url):
    store = Store(sqlite_url)
    store.ensure_seeded()
    descriptor = load_dataset().descriptor
    with store.engine.begin() as connection:
        for name, sha in store.current_version().contents.items():
            legacy = resource_csv(load_dataset()[name], resource_descriptor(descriptor, name))
            connection.execute(sa.update(store_module.blobs_table).where(store_module.blobs_table.c.sha256 == sha)
                               .values(content=legacy))
    result = Store(sqlite_url).dataset()
    for name in schema.REGISTER_RESOURCES:
        pd.testing.assert_frame_equal(result[name], load_dataset()[name])


def break_current_version(store: Store) -> None:
    """What the previous release wrote for a cell holding a carriage return: CSV that no longer parses."""
    sha = store.current_version().contents[schema.KOPERASI]
    with store.engine.begin() as connection:
        connection.execute(sa.update(store_module.blobs_table).where(store_module.blobs_table.c.sha256 == sha)
                           .values(content='id_koperasi,nama\nKOP-1,"Kop A\r=1+1\nKOP-2,x\n'))


def test_a_current_version_that_cannot_be_read_says_so_in_one_sentence_and_rollback_recovers(sqlite_url):
    store = Store(sqlite_url)
    store.ensure_seeded()
    import_koperasi(store, koperasi_rows("A", "B"))
    break_current_version(store)
    with pytest.raises(store_module.UnreadableVersion) as caught:
        store.dataset()
    message = str(caught.value)
    assert message.startswith("Isi versi #2 di penyimpanan tidak dapat dibaca; pulihkan versi lain")
    assert "Traceback" not in message and "\n" not in message
    store.rollback(1, user_name="admin", note="versi rusak")
    assert len(store.dataset()[schema.KOPERASI]) == 585


# Read-only access, a private file ---------------------------------------------------------------------------


def test_a_new_store_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "baru.sqlite"
    Store(f"sqlite:///{path}").ensure_seeded()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_read_only_sqlite_store_opens_and_serves_without_writing(tmp_path):
    path = tmp_path / "bersama.sqlite"
    writer = Store(f"sqlite:///{path}")
    import_koperasi(writer, koperasi_rows("A", "B", "C"))
    writer.close()
    os.chmod(path, 0o444)
    # Tests run as root, for whom chmod does not stop writes; SQLite's read-only mode does, for everyone.
    reader = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert reader.current_version().id == 2
    assert list(reader.dataset()[schema.KOPERASI]["nama"]) == ["A", "B", "C"]
    with pytest.raises(store_module.WriteFailed):
        import_koperasi(reader, koperasi_rows("D"))
    assert Store(f"sqlite:///{path}").current_version().id == 2


def test_a_read_only_store_of_the_previous_release_still_serves(tmp_path):
    """A store made before the brake's table existed opens read-only without trying to create it."""
    path = tmp_path / "lama.sqlite"
    writer = Store(f"sqlite:///{path}")
    writer.ensure_seeded()
    with writer.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE login_attempts")
    writer.close()
    reader = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert len(reader.dataset()[schema.KOPERASI]) == 585


def test_a_read_only_postgresql_role_opens_and_serves(postgres_server, postgres_url):
    kind, _ = postgres_server
    if kind == "external":
        pytest.skip("needs a throwaway cluster to create a role in")
    writer = Store(postgres_url)
    import_koperasi(writer, koperasi_rows("A", "B"))
    writer.close()
    engine = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("DROP ROLE IF EXISTS pembaca")
        connection.exec_driver_sql("CREATE ROLE pembaca LOGIN")
        connection.exec_driver_sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO pembaca")
    engine.dispose()
    url = sa.make_url(postgres_url).set(username="pembaca")
    reader = Store(url.render_as_string(hide_password=False))
    try:
        assert list(reader.dataset()[schema.KOPERASI]["nama"]) == ["A", "B"]
        with pytest.raises(store_module.WriteFailed):
            import_koperasi(reader, koperasi_rows("C"))
    finally:
        reader.close()
        engine = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql("DROP OWNED BY pembaca")
            connection.exec_driver_sql("DROP ROLE pembaca")
        engine.dispose()


# A full disk -----------------------------------------------------------------------------------------------


def fill_the_disk(store: Store) -> None:
    """Every new connection may not grow the file: SQLite then fails writes with 'database or disk is full'."""
    store.engine.dispose()

    @sa.event.listens_for(store.engine, "connect")
    def _full(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_during_import_gives_one_sentence_without_sql_or_register_content(sqlite_url, caplog):
    store = Store(sqlite_url)
    store.ensure_seeded()
    fill_the_disk(store)
    secret = "Koperasi Rahasia 081234567890"
    with pytest.raises(store_module.WriteFailed) as caught:
        import_koperasi(store, koperasi_rows(*[f"{secret} {i}" for i in range(3000)]))
    message = str(caught.value)
    assert message == ("Penyimpanan menolak menulis versi baru (misalnya disk penuh, basis data hanya-baca, atau "
                       "koneksi terputus); tidak ada yang berubah. Hubungi petugas TI.")
    assert isinstance(caught.value.__cause__, sa.exc.OperationalError)
    assert "disk is full" in caplog.text
    assert secret not in caplog.text and "INSERT" not in caplog.text
    assert Store(sqlite_url).current_version().id == 1


# The password brake, shared through the store -------------------------------------------------------------


def doubling(failures: int, free: int = 3, base: float = 2.0) -> float:
    return 0.0 if failures < free else min(base * 2 ** (failures - free), 300.0)


def test_the_brake_is_kept_in_the_store_so_another_process_sees_it(sqlite_url):
    first = Store(sqlite_url)
    for now in (0, 1, 2):
        assert first.login_wait({"nama:admin": doubling}, now=now) == 0
    # A restart or another server: a new Store object on the same database.
    second = Store(sqlite_url)
    assert second.login_wait({"nama:admin": doubling}, now=3) == pytest.approx(1.0)
    assert second.login_wait({"nama:staf": doubling}, now=3) == 0
    second.login_succeeded(["nama:admin"])
    assert first.login_wait({"nama:admin": doubling}, now=3) == 0
