"""The versioned store: every version of the register resources, with who imported it, when and from what.

Only the register resources (``schema.REGISTER_RESOURCES``) are versioned here; the curated
published figures keep coming from ``data/``, whose history is git's. A version names one
content blob per register resource; blobs are addressed by the SHA-256 of their CSV text, so
a rollback or a partial import copies nothing. Rows are only ever inserted, except the single
row that points at the current version. Every write is one transaction, serialised between
processes (SQLite ``BEGIN IMMEDIATE``, PostgreSQL ``pg_advisory_xact_lock``), so a crash
before its commit leaves the previous version current and intact.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from koperasi_data import fmt, published, schema
from koperasi_data.load import (Dataset, dataset_version, frame_from_text, read_descriptor, read_files, read_resource,
                                resource_descriptor, resource_text, tabular_resources)
from koperasi_data.version import IMPORT, ROLLBACK, SEED, Version

logger = logging.getLogger(__name__)

APP_DIR = "dasbor-koperasi"
DATABASE_FILE = "dasbor.sqlite"
SEED_USER = "sistem"
IMPORT_SOURCE = "Register Dinas Koperasi dan UKM Kabupaten Pamekasan, impor versi {id}"
# Any fixed number: the key of the PostgreSQL advisory lock that serialises writers.
POSTGRES_LOCK_KEY = 35_28_2016

# Called inside every write transaction just before it commits. The crash test replaces it
# (in a child process) to stop there and be killed; nothing else should touch it.
_before_commit: Callable[[], None] = lambda: None


class StaleVersion(Exception):
    """The current version changed since the caller looked (someone else imported meanwhile)."""

    def __init__(self, expected: int, current: int):
        self.expected, self.current = expected, current
        super().__init__(f"Versi berlaku sudah berubah dari #{expected} menjadi #{current} (ada impor lain); "
                         "periksa pratinjau lagi sebelum mengimpor.")


class UnknownVersion(LookupError):
    """No version with that id."""

    def __init__(self, version_id: int):
        self.version_id = version_id
        super().__init__(f"Versi #{version_id} tidak ada.")


class StoreError(Exception):
    """The store cannot be read or written; ``str(error)`` is one Indonesian sentence without internals."""


class UnreadableVersion(StoreError):
    """A version's stored tables cannot be read back (e.g. written by a faulty release)."""

    def __init__(self, version_id: int):
        self.version_id = version_id
        super().__init__(f"Isi versi #{version_id} di penyimpanan tidak dapat dibaca; pulihkan versi lain di "
                         "halaman Kelola Data atau dengan `python -m koperasi_data rollback`.")


class WriteFailed(StoreError):
    """The database refused a write (disk full, read-only, connection lost); nothing was changed."""

    def __init__(self):
        super().__init__("Penyimpanan menolak menulis versi baru (misalnya disk penuh, basis data hanya-baca, "
                         "atau koneksi terputus); tidak ada yang berubah. Hubungi petugas TI.")


@contextmanager
def _write_guard() -> Iterator[None]:
    """Turn a database error during a write into ``WriteFailed``; the log gets the driver's reason, no SQL."""
    try:
        yield
    except sa.exc.SQLAlchemyError as error:
        logger.error("store write failed: %s: %s", type(error).__name__, getattr(error, "orig", None) or "")
        raise WriteFailed() from error


class PrunedVersion(UnknownVersion):
    """The version's tables were pruned: its audit record remains, its content does not."""

    def __init__(self, version_id: int, pruned_at: dt.datetime):
        LookupError.__init__(self, f"Versi #{version_id} sudah dipangkas pada {fmt.datetime_wib(_utc(pruned_at))}: "
                                   "catatan auditnya tetap ada, tetapi isi tabelnya sudah dihapus, sehingga "
                                   "versi ini tidak dapat dibuka atau dipulihkan.")
        self.version_id, self.pruned_at = version_id, pruned_at


def default_path() -> Path:
    """Where the embedded SQLite store lives: $XDG_DATA_HOME (or ~/.local/share)/dasbor-koperasi/dasbor.sqlite."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / APP_DIR / DATABASE_FILE


def database_url() -> str:
    """The store's SQLAlchemy URL: $DATABASE_URL, else the SQLite file at ``default_path()`` (folder created)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    path = default_path()
    # The store holds phone numbers: its folder and file are for the owner only.
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _create_private_file(url: str) -> None:
    """Create a new SQLite store file readable and writable by its owner only (0600) before SQLite does."""
    parsed = sa.make_url(url)
    name = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name)
    if path.parent.is_dir() and not path.exists():
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            pass


metadata = sa.MetaData()

# Ids are given as max(id) + 1 inside the serialised write transaction rather than by a
# sequence: a PostgreSQL sequence skips numbers after a rolled-back import, and the staff
# read these numbers ("versi #3"), so they stay gapless.
versions_table = sa.Table(
    "versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user_name", sa.String(200), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("file_name", sa.String(500), nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("row_counts", sa.JSON, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("data_date", sa.Date, nullable=False),
    sa.Column("restored_from", sa.Integer, sa.ForeignKey("versions.id"), nullable=True),
    # Per register resource: {"ilustratif": bool, "source": str | None, "data_date": "YYYY-MM-DD"}.
    sa.Column("resources", sa.JSON, nullable=False),
    sa.CheckConstraint(f"action IN ('{SEED}', '{IMPORT}', '{ROLLBACK}')", name="versions_action"),
)
blobs_table = sa.Table(
    "blobs", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    # The resource as CSV text, exactly as data/*.csv is written.
    sa.Column("content", sa.Text, nullable=False),
)
version_resources_table = sa.Table(
    "version_resources", metadata,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
    sa.Column("resource", sa.String(100), primary_key=True),
    sa.Column("content_sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False),
)
# The brake on password guessing, shared by every process and server using this store:
# failures per key ("alamat:<ip>", "nama:<name>@<ip>") and the time of the last one.
login_attempts_table = sa.Table(
    "login_attempts", metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_at", sa.Float, nullable=False),  # seconds since the epoch
)
current_table = sa.Table(
    "current_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    sa.CheckConstraint("id = 1", name="current_version_single_row"),
)


# Versions whose table blobs were deleted by ``Store.prune``: the audit row in ``versions`` stays; this
# keeps when, by whom, and which contents (SHA-256 per resource) the version held.
pruned_table = sa.Table(
    "pruned_versions", metadata,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
    sa.Column("pruned_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user_name", sa.String(200), nullable=False),
    sa.Column("contents", sa.JSON, nullable=False),
)


def _enable_wal(cursor, attempts: int = 100) -> None:
    """Switch the file to write-ahead logging (readers never wait for the writer); it stays so once set.

    Switching needs a moment of exclusive access and SQLite answers "locked" at once, without
    its busy timeout, when another connection opens the new file at the same moment: retry.
    """
    for attempt in range(attempts):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() in ("wal", "memory"):
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "readonly" in str(error).replace("-", "").replace(" ", ""):
                return  # a read-only store (public instance) reads in whatever mode the writer chose
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _sqlite_engine(url: str) -> sa.Engine:
    # busy_timeout: a writer waits up to 30 s for another writer instead of failing at once.
    # hide_parameters: an error message never carries register content (it may reach a log or a page).
    engine = sa.create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        # pysqlite's own transaction handling would defer BEGIN; SQLAlchemy's documented
        # recipe turns it off and emits BEGIN itself (below), so a writer can lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def _engine(url: str) -> sa.Engine:
    if sa.make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return sa.create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite keeps no offset; every stored time is UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def dataset_key(version: Version, data_version: str) -> str:
    """'v3-1a2b3c4d5e6f': the version id and a digest of the curated files and the register content."""
    digest = hashlib.sha256(data_version.encode())
    for name in sorted(version.contents):
        digest.update(f"{name}={version.contents[name]}".encode())
    return f"v{version.id}-{digest.hexdigest()[:12]}"


def apply_resource_overrides(descriptor: dict, overrides: dict[str, dict]) -> dict:
    """A copy of the data package descriptor with each register resource's flag and source as the version says."""
    result = copy.deepcopy(descriptor)
    for name, override in overrides.items():
        resource = resource_descriptor(result, name)
        resource["ilustratif"] = bool(override["ilustratif"])
        resource["keadaan"] = override["data_date"]
        if override.get("source"):
            resource["title"] = re.sub(r"\s*\(ilustratif\)\s*$", "", resource["title"])
            resource["sources"] = [{"title": override["source"]}]
            resource["description"] = (f"{override['source']}; keadaan "
                                       f"{fmt.date(override['data_date'])}.")
    return result


class Store:
    """Versions of the register resources in a SQL database (SQLite file or PostgreSQL)."""

    def __init__(self, url: str | None = None, data_dir: Path = schema.DATA_DIR):
        self.url = url or database_url()
        self.data_dir = Path(data_dir)
        self._current_versions: dict[tuple, Version] = {}  # (id, created_at) -> Version, see current_version
        _create_private_file(self.url)
        self.engine = _engine(self.url)
        # Opening must not write when the tables exist: a public instance may have read-only access
        # (SQLite ?mode=ro, a PostgreSQL role with SELECT only).
        missing = self._missing_tables()
        if missing:
            try:
                with self._writing() as connection:
                    metadata.create_all(connection)
            except sa.exc.DBAPIError:
                if len(missing) == len(metadata.tables):
                    raise
                # A store of an earlier release opened read-only: it reads; only the new tables are absent.
                logger.warning("store opened without creating tables %s (read-only?)", ", ".join(sorted(missing)))

    def _missing_tables(self) -> set[str]:
        with self.engine.connect() as connection:
            inspector = sa.inspect(connection)
            return {name for name in metadata.tables if not inspector.has_table(name)}

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """One write transaction, holding the store-wide writer lock from its first statement."""
        with self.engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.execution_options(sqlite_begin="IMMEDIATE")
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY})
                yield connection

    # Reading ------------------------------------------------------------------------

    @staticmethod
    def _version(row, contents: dict[str, str], current_id: int | None) -> Version:
        return Version(id=row.id, created_at=_utc(row.created_at), user_name=row.user_name, action=row.action,
                       file_name=row.file_name, file_sha256=row.file_sha256, row_counts=dict(row.row_counts),
                       note=row.note, data_date=row.data_date, restored_from=row.restored_from,
                       is_current=row.id == current_id, contents=contents)

    @staticmethod
    def _current_id(connection: sa.Connection) -> int | None:
        return connection.execute(sa.select(current_table.c.version_id)).scalar()

    def _read(self, connection: sa.Connection, version_id: int) -> tuple[Version, dict]:
        row = connection.execute(sa.select(versions_table).where(versions_table.c.id == version_id)).first()
        if row is None:
            raise UnknownVersion(version_id)
        contents = dict(connection.execute(
            sa.select(version_resources_table.c.resource, version_resources_table.c.content_sha256)
            .where(version_resources_table.c.version_id == version_id)).all())
        if not contents:
            self._refuse_pruned(connection, version_id)
        return self._version(row, contents, self._current_id(connection)), dict(row.resources)

    def current_version(self) -> Version:
        """The version the dashboard shows; seeds the store when it is empty.

        Asked on every run of every page, so it costs one small query: which version is current (its id and
        creation time). A version's rows never change once written, so the rest is read once per version and
        kept."""
        with self.engine.connect() as connection:
            current = connection.execute(self._CURRENT_QUERY).first()
            if current is not None and (known := self._current_versions.get(tuple(current))) is not None:
                return known
            rows = connection.execute(self._CURRENT_FULL_QUERY).all()
        if not rows:
            return self.ensure_seeded()
        version = self._version(rows[0], {r.resource: r.content_sha256 for r in rows}, rows[0].id)
        if len(self._current_versions) > 64:
            self._current_versions.clear()
        self._current_versions[(version.id, rows[0].created_at)] = version
        return version

    _CURRENT_QUERY = (sa.select(versions_table.c.id, versions_table.c.created_at)
                      .select_from(current_table.join(versions_table,
                                                      current_table.c.version_id == versions_table.c.id)))
    _CURRENT_FULL_QUERY = (sa.select(versions_table, version_resources_table.c.resource,
                                     version_resources_table.c.content_sha256)
                           .select_from(current_table.join(versions_table,
                                                           current_table.c.version_id == versions_table.c.id)
                                        .join(version_resources_table,
                                              version_resources_table.c.version_id == versions_table.c.id)))

    def versions(self) -> list[Version]:
        """Every version, newest first."""
        with self.engine.connect() as connection:
            current_id = self._current_id(connection)
            contents: dict[int, dict[str, str]] = {}
            for row in connection.execute(sa.select(version_resources_table)):
                contents.setdefault(row.version_id, {})[row.resource] = row.content_sha256
            rows = connection.execute(sa.select(versions_table).order_by(versions_table.c.id.desc())).all()
            pruned = self._pruned_dates(connection)
        return [dataclasses.replace(self._version(row, contents.get(row.id, {}), current_id),
                                    pruned_at=pruned.get(row.id)) for row in rows]

    def dataset_key(self, version: Version | None = None) -> str:
        """The cache key of a version's dataset (the current version when None)."""
        return dataset_key(version or self.current_version(), dataset_version(self.data_dir))

    def dataset(self, version_id: int | None = None) -> Dataset:
        """Curated resources from data/ plus the register resources of a version (current when None)."""
        if version_id is None:
            version_id = self.current_version().id
        with self.engine.connect() as connection:
            version, overrides = self._read(connection, version_id)
            texts = dict(connection.execute(
                sa.select(version_resources_table.c.resource, blobs_table.c.content)
                .join(blobs_table, blobs_table.c.sha256 == version_resources_table.c.content_sha256)
                .where(version_resources_table.c.version_id == version_id)).all())
        descriptor = apply_resource_overrides(read_descriptor(self.data_dir), overrides)
        tables = {}
        for resource in tabular_resources(descriptor):
            name = resource["name"]
            if name in texts:
                try:
                    tables[name] = frame_from_text(texts[name], resource)
                except Exception as error:
                    logger.error("version %s: stored table %s cannot be read: %r", version_id, name, error)
                    raise UnreadableVersion(version_id) from error
            if name == schema.VALUES:
                # The shipped figures stay the seed; the office's own entries come on top (published.py).
                tables[name] = published.assemble(read_resource(name, self.data_dir, descriptor), tables.get(name))
            elif name not in texts:
                tables[name] = read_resource(name, self.data_dir, descriptor)
        return Dataset(descriptor=descriptor, tables=tables, version=self.dataset_key(version),
                       version_info=version, register_date=version.data_date,
                       files=read_files(descriptor, self.data_dir))

    # Writing ------------------------------------------------------------------------

    @staticmethod
    def _put_blob(connection: sa.Connection, text: str) -> str:
        sha = _sha256(text)
        exists = connection.execute(sa.select(blobs_table.c.sha256).where(blobs_table.c.sha256 == sha)).first()
        if exists is None:
            connection.execute(sa.insert(blobs_table).values(sha256=sha, content=text))
        return sha

    @staticmethod
    def _record(connection: sa.Connection, *, contents: dict[str, str], resources: dict, **fields) -> int:
        """Insert a version with the next id, its content rows, and make it current."""
        new_id = connection.execute(sa.select(sa.func.coalesce(sa.func.max(versions_table.c.id), 0))).scalar() + 1
        connection.execute(sa.insert(versions_table).values(
            id=new_id, created_at=dt.datetime.now(dt.UTC), resources=resources, **fields))
        connection.execute(sa.insert(version_resources_table), [
            {"version_id": new_id, "resource": name, "content_sha256": sha} for name, sha in contents.items()])
        moved = connection.execute(sa.update(current_table).where(current_table.c.id == 1).values(version_id=new_id))
        if moved.rowcount == 0:
            connection.execute(sa.insert(current_table).values(id=1, version_id=new_id))
        return new_id

    def ensure_seeded(self) -> Version:
        """The current version; on an empty store first records version 1 from data/ (safe when processes race)."""
        with self.engine.connect() as connection:
            seeded = self._current_id(connection) is not None
        if not seeded:
            with self._writing() as connection:
                if self._current_id(connection) is None:
                    self._seed(connection)
                    _before_commit()
        return self.current_version()

    def _seed(self, connection: sa.Connection) -> None:
        descriptor = read_descriptor(self.data_dir)
        contents, counts, resources = {}, {}, {}
        for name in schema.REGISTER_RESOURCES:
            resource = resource_descriptor(descriptor, name)
            frame = read_resource(name, self.data_dir, descriptor)
            contents[name] = self._put_blob(connection, resource_text(frame, resource))
            counts[name] = len(frame)
            resources[name] = {"ilustratif": bool(resource.get("ilustratif", False)), "source": None,
                               "data_date": schema.REGISTER_AS_OF[name]}
        self._record(connection, contents=contents, resources=resources, user_name=SEED_USER, action=SEED,
                     file_name="data/", file_sha256=dataset_version(self.data_dir), row_counts=counts,
                     note="Data bawaan dari data/", data_date=dt.date.fromisoformat(schema.REGISTER_DATE),
                     restored_from=None)

    def import_tables(self, tables: dict[str, pd.DataFrame], *, user_name: str, file_name: str, file_sha256: str,
                      note: str = "", data_date: dt.date | None = None,
                      expected_current: int | None = None) -> Version:
        """A new current version with these register tables replaced and the others carried over."""
        unknown = sorted(set(tables) - set(schema.REGISTER_RESOURCES))
        if unknown or not tables:
            raise ValueError(f"Hanya tabel register yang dapat diimpor ({', '.join(schema.REGISTER_RESOURCES)}); "
                             f"diberikan: {', '.join(unknown) or 'tidak ada'}.")
        descriptor = read_descriptor(self.data_dir)
        texts = {name: resource_text(frame, resource_descriptor(descriptor, name)) for name, frame in tables.items()}
        data_date = data_date or dt.datetime.now(fmt.WIB).date()
        with _write_guard():
            self.ensure_seeded()
            return self._import(texts, tables, user_name=user_name, file_name=file_name, file_sha256=file_sha256,
                                note=note, data_date=data_date, expected_current=expected_current)

    def _import(self, texts: dict[str, str], tables: dict[str, pd.DataFrame], *, user_name: str, file_name: str,
                file_sha256: str, note: str, data_date: dt.date, expected_current: int | None) -> Version:
        with self._writing() as connection:
            current, resources = self._read(connection, self._current_id(connection))
            if expected_current is not None and expected_current != current.id:
                raise StaleVersion(expected_current, current.id)
            new_id = connection.execute(sa.select(sa.func.max(versions_table.c.id))).scalar() + 1
            contents, counts = dict(current.contents), dict(current.row_counts)
            for name, text in texts.items():
                contents[name] = self._put_blob(connection, text)
                counts[name] = len(tables[name])
                resources[name] = {"ilustratif": False, "source": IMPORT_SOURCE.format(id=new_id),
                                   "data_date": data_date.isoformat()}
            order = [name for name in (*schema.REGISTER_RESOURCES, schema.VALUES) if name in contents]
            recorded = self._record(connection, contents=contents, resources=resources, user_name=user_name,
                                    action=IMPORT, file_name=file_name, file_sha256=file_sha256,
                                    row_counts={name: counts[name] for name in order}, note=note,
                                    data_date=data_date, restored_from=None)
            assert recorded == new_id
            _before_commit()
        return self.version(new_id)

    def rollback(self, version_id: int, *, user_name: str, note: str = "") -> Version:
        """A new current version with the same content and provenance as an earlier one (recorded, nothing deleted)."""
        with _write_guard():
            self.ensure_seeded()
            return self._rollback(version_id, user_name=user_name, note=note)

    def _rollback(self, version_id: int, *, user_name: str, note: str) -> Version:
        with self._writing() as connection:
            target, resources = self._read(connection, version_id)
            new_id = self._record(connection, contents=target.contents, resources=resources, user_name=user_name,
                                  action=ROLLBACK, file_name="", file_sha256="", row_counts=target.row_counts,
                                  note=note, data_date=target.data_date, restored_from=target.id)
            _before_commit()
        return self.version(new_id)

    # Published values the office entered (an additive, versioned table: see published.py) ----------

    def added_values(self, version_id: int | None = None) -> pd.DataFrame:
        """The published values the office entered, as of a version (current when None); empty if none."""
        descriptor = read_descriptor(self.data_dir)
        version = self.current_version() if version_id is None else self.version(version_id)
        sha = version.contents.get(schema.VALUES)
        if sha is None:
            return published.empty(descriptor)
        with self.engine.connect() as connection:
            text = connection.execute(sa.select(blobs_table.c.content).where(blobs_table.c.sha256 == sha)).scalar()
        return frame_from_text(text, resource_descriptor(descriptor, schema.VALUES))

    def record_values(self, added: pd.DataFrame, *, user_name: str, what: str, note: str = "",
                      expected_current: int | None = None) -> Version:
        """A new current version whose office-entered published values are ``added``; registers carried over."""
        text = resource_text(added, resource_descriptor(read_descriptor(self.data_dir), schema.VALUES))
        self.ensure_seeded()
        with self._writing() as connection:
            current, resources = self._read(connection, self._current_id(connection))
            if expected_current is not None and expected_current != current.id:
                raise StaleVersion(expected_current, current.id)
            contents = {**current.contents, schema.VALUES: self._put_blob(connection, text)}
            counts = {**current.row_counts, schema.VALUES: len(added)}
            new_id = self._record(connection, contents=contents, resources=resources, user_name=user_name,
                                  action=IMPORT, file_name=what, file_sha256=_sha256(text), row_counts=counts,
                                  note=note, data_date=current.data_date, restored_from=None)
            _before_commit()
        return self.version(new_id)

    def version(self, version_id: int) -> Version:
        """One version by id; raises UnknownVersion."""
        with self.engine.connect() as connection:
            return self._read(connection, version_id)[0]

    # Pruning ------------------------------------------------------------------------

    @staticmethod
    def _pruned_dates(connection: sa.Connection) -> dict[int, dt.datetime]:
        return {row.version_id: _utc(row.pruned_at)
                for row in connection.execute(sa.select(pruned_table.c.version_id, pruned_table.c.pruned_at))}

    @staticmethod
    def _refuse_pruned(connection: sa.Connection, version_id: int) -> None:
        pruned_at = connection.execute(sa.select(pruned_table.c.pruned_at)
                                       .where(pruned_table.c.version_id == version_id)).scalar()
        if pruned_at is not None:
            raise PrunedVersion(version_id, pruned_at)

    def prune(self, keep: int, *, user_name: str) -> list[int]:
        """Delete the tables of all but the ``keep`` newest versions (never the current one); returns the ids pruned.

        Every audit row stays: ``versions`` keeps who, when, which file and how many rows, and
        ``pruned_versions`` records the pruning and the SHA-256 of each table the version held. A
        blob is deleted only when no remaining version refers to it (a rollback shares its blobs).
        """
        if keep < 1:
            raise ValueError("Simpan sedikitnya 1 versi (--keep 1 atau lebih).")
        self.ensure_seeded()
        with self._writing() as connection:
            current_id = self._current_id(connection)
            kept = set(connection.execute(sa.select(versions_table.c.id).order_by(versions_table.c.id.desc())
                                          .limit(keep)).scalars()) | {current_id}
            contents: dict[int, dict[str, str]] = {}
            for row in connection.execute(sa.select(version_resources_table)):
                if row.version_id not in kept:
                    contents.setdefault(row.version_id, {})[row.resource] = row.content_sha256
            pruned = sorted(contents)
            if pruned:
                now = dt.datetime.now(dt.UTC)
                connection.execute(sa.insert(pruned_table), [
                    {"version_id": version_id, "pruned_at": now, "user_name": user_name,
                     "contents": contents[version_id]} for version_id in pruned])
                connection.execute(sa.delete(version_resources_table)
                                   .where(version_resources_table.c.version_id.in_(pruned)))
                referenced = sa.select(version_resources_table.c.content_sha256)
                connection.execute(sa.delete(blobs_table).where(blobs_table.c.sha256.not_in(referenced)))
            _before_commit()
        return pruned

    def compact(self) -> None:
        """Give the space of deleted blobs back to the file system (SQLite VACUUM; PostgreSQL reuses it itself)."""
        if self.engine.dialect.name == "sqlite":
            raw = self.engine.raw_connection()  # VACUUM cannot run inside the BEGIN SQLAlchemy would emit
            try:
                raw.driver_connection.execute("VACUUM")
            finally:
                raw.close()

    def size_bytes(self) -> int | None:
        """Bytes the store takes on disk (SQLite file with its WAL, or the PostgreSQL database); None if unknown."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:  # fold the write-ahead log into the file first
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()
                connection.rollback()
            path = Path(sa.make_url(self.url).database or "")
            return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.is_file()) or None
        if self.engine.dialect.name == "postgresql":
            with self.engine.connect() as connection:
                return connection.execute(sa.text("SELECT pg_database_size(current_database())")).scalar()
        return None

    # The brake on password guessing ------------------------------------------------------

    def login_wait(self, delays: dict[str, Callable[[int], float]], now: float | None = None,
                   reserve: bool = True) -> float:
        """Seconds to wait before another password try (0: go ahead); ``delays`` maps each brake key to
        the wait its failure count calls for, counted from the key's last failure.

        Check and record are one serialised transaction: with ``reserve`` a try that may go ahead is
        counted as a failure under every key before the password is checked (``login_succeeded``
        clears it), so parallel guesses cannot all slip through between the check and the record.
        """
        keys = list(delays)
        with self._writing() as connection:
            # The clock is read once the transaction holds the lock: read before, a try that waited for the lock
            # saw the tries recorded meanwhile as in its future and was refused though no delay applied.
            now = time.time() if now is None else now
            rows = {row.key: row for row in connection.execute(
                sa.select(login_attempts_table).where(login_attempts_table.c.key.in_(keys)))}
            delay = {key: delays[key](row.failures) for key, row in rows.items()}
            wait = max([0.0] + [row.last_at + delay[key] - now for key, row in rows.items() if delay[key] > 0])
            if wait > 0 or not reserve:
                return max(0.0, wait)
            for key in keys:
                if key in rows:
                    connection.execute(sa.update(login_attempts_table).where(login_attempts_table.c.key == key)
                                       .values(failures=login_attempts_table.c.failures + 1,
                                               last_at=max(rows[key].last_at, now)))
                else:
                    connection.execute(sa.insert(login_attempts_table).values(key=key, failures=1, last_at=now))
        return 0.0

    def login_succeeded(self, keys: list[str]) -> None:
        """A right password: forget the failures counted under these keys."""
        with self._writing() as connection:
            connection.execute(sa.delete(login_attempts_table).where(login_attempts_table.c.key.in_(keys)))
