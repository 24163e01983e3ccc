"""Command-line tools for the curated dataset and the versioned store."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from koperasi_data import exports, generate, schema
from koperasi_data.load import load_dataset
from koperasi_data.store import StaleVersion, Store, UnknownVersion
from koperasi_data.validate import check_dataset, validate_package
from koperasi_data.version import version_line


def _generate(args: argparse.Namespace) -> int:
    for path in generate.write(Path(args.out), data_dir=Path(args.data)):
        print(path)
    return 0


def _check(args: argparse.Namespace) -> int:
    data_dir = Path(args.data)
    problems = validate_package(data_dir)
    if not problems:
        problems = check_dataset(load_dataset(data_dir), dt.date.today().year)
    for problem in problems:
        print(problem.as_line())
    if problems:
        print(f"{len(problems)} masalah ditemukan.", file=sys.stderr)
        return 1
    print("Data valid.")
    return 0


def _store(args: argparse.Namespace) -> Store:
    return Store(args.database)


def _versions(args: argparse.Namespace) -> int:
    store = _store(args)
    store.ensure_seeded()
    for version in store.versions():
        print(version_line(version))
    return 0


def _rollback(args: argparse.Namespace) -> int:
    try:
        version = _store(args).rollback(args.id, user_name=args.user, note=args.note)
    except UnknownVersion as error:
        print(error, file=sys.stderr)
        return 1
    print(version.id)
    return 0


def _export(args: argparse.Namespace) -> int:
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for name, content in exports.package_files(_store(args).dataset(), args.format).items():
        (out / name).write_bytes(content)
        print(out / name)
    return 0


def _import(args: argparse.Namespace) -> int:
    from koperasi_data import ingest  # written alongside the admin page; imported late so other commands never need it

    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError:
        print(f"Berkas {path} tidak dapat dibaca.", file=sys.stderr)
        return 2
    store = _store(args)
    reference = store.dataset()
    try:
        prepared = ingest.prepare(content, path.name, args.table, reference)
    except ingest.UnreadableFile as error:
        print(error, file=sys.stderr)
        return 2
    if prepared.problems or not prepared.tables:
        for problem in prepared.problems:
            print(problem.as_line())
        print(f"{len(prepared.problems)} masalah ditemukan; tidak ada yang diimpor.", file=sys.stderr)
        return 1
    try:
        version = store.import_tables(prepared.tables, user_name=args.user, file_name=prepared.file_name,
                                      file_sha256=prepared.sha256, note=args.note, data_date=args.tanggal,
                                      expected_current=reference.version_info.id)
    except StaleVersion as error:
        print(error, file=sys.stderr)
        return 1
    print(version.id)
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan tanggal berformat TTTT-BB-HH") from None


def _add_store_commands(commands) -> None:
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--database", metavar="URL", default=None,
                          help="URL SQLAlchemy penyimpanan (bawaan: $DATABASE_URL, atau berkas SQLite di "
                               "~/.local/share/dasbor-koperasi/dasbor.sqlite)")
    user = argparse.ArgumentParser(add_help=False)
    user.add_argument("--user", default=getpass.getuser(), help="nama yang dicatat di riwayat (bawaan: pengguna sistem)")
    user.add_argument("--note", default="", help="catatan yang disimpan bersama versi")

    versions = commands.add_parser("versions", parents=[database],
                                   help="daftar versi register, terbaru dulu; versi berlaku ditandai *")
    versions.set_defaults(run=_versions)
    rollback = commands.add_parser("rollback", parents=[database, user],
                                   help="jadikan isi versi lama berlaku lagi (dicatat sebagai versi baru)")
    rollback.add_argument("id", type=int, help="nomor versi yang dipulihkan")
    rollback.set_defaults(run=_rollback)
    export = commands.add_parser("export", parents=[database],
                                 help="tulis tabel versi berlaku dan datapackage.json ke sebuah folder")
    export.add_argument("format", choices=list(exports.EXPORT_FORMATS), help="csv, xlsx atau json")
    export.add_argument("outdir", help="folder tujuan")
    export.set_defaults(run=_export)
    imp = commands.add_parser("import", parents=[database, user],
                              help="impor register Dinas (templat Excel atau CSV satu tabel) sebagai versi baru")
    imp.add_argument("file", help="berkas .xlsx atau .csv")
    imp.add_argument("--table", choices=list(schema.REGISTER_RESOURCES), default=None,
                     help="tabel isi berkas CSV (bawaan: koperasi)")
    imp.add_argument("--tanggal", type=_date, default=None,
                     help="tanggal keadaan register, TTTT-BB-HH (bawaan: hari ini)")
    imp.set_defaults(run=_import)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m koperasi_data", description="Alat data Dasbor Koperasi & UMKM Pamekasan.")
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="tulis ulang register ilustratif (deterministik)")
    gen.add_argument("--out", default=str(schema.DATA_DIR), help="folder tujuan (bawaan: data/)")
    gen.add_argument("--data", default=str(schema.DATA_DIR), help="folder data kurasi (kecamatan.csv)")
    gen.set_defaults(run=_generate)
    check = commands.add_parser("check", help="periksa data/ terhadap datapackage.json dan aturan antar-kolom")
    check.add_argument("--data", default=str(schema.DATA_DIR))
    check.set_defaults(run=_check)
    _add_store_commands(commands)
    args = parser.parse_args(argv)
    return args.run(args)
