"""Command-line tools for the curated dataset and the versioned store."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
from pathlib import Path

import sqlalchemy as sa

from koperasi_data import auth, cli_values, exports, generate, ingest, metrics, schema, template
from koperasi_data.load import load_dataset
from koperasi_data.store import StaleVersion, Store, StoreError, UnknownVersion
from koperasi_data.validate import check_dataset, validate_package
from koperasi_data.version import version_line


def _generate(args: argparse.Namespace) -> int:
    out = Path(args.out_dir or args.out)
    if args.scale != 1 and out.resolve() == schema.DATA_DIR.resolve():
        print("Register berskala ditulis ke folder lain, bukan data/: "
              "python -m koperasi_data generate --scale N FOLDER", file=sys.stderr)
        return 2
    if args.scale < 1:
        print("--scale harus bilangan bulat 1 atau lebih.", file=sys.stderr)
        return 2
    if args.scale == 1:
        paths = generate.write(out, data_dir=Path(args.data))
    else:
        paths = generate.write_scaled(out, args.scale, data_dir=Path(args.data))
    for path in paths:
        print(path)
    return 0


def _prepared_folder(path: Path, reference) -> ingest.Prepared:
    """A folder of register CSVs (koperasi.csv, sertifikasi.csv, ...) checked together as one upload."""
    files = {child.name: child.read_bytes() for child in sorted(path.iterdir()) if child.is_file()}
    return ingest.prepare_folder(files, path.name, reference)


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


def _add_user(args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Kata sandi untuk {args.name}: ")
        if getpass.getpass("Ulangi kata sandi: ") != password:
            print("Kata sandi tidak sama; tidak ada yang diubah.", file=sys.stderr)
            return 1
    try:
        auth.add_user(Path(args.secrets), args.name, password)
    except ValueError as error:
        print(f"{error} Tidak ada yang diubah.", file=sys.stderr)
        return 1
    print(f"Pengguna {args.name} disimpan (hash bcrypt) di {args.secrets}.")
    return 0


def _prepared(path: Path, table: str | None, reference) -> ingest.Prepared | None:
    """The checked upload, or None after printing the one sentence that says why the file cannot be read.

    The command line is run by the office's staff on the server, so it reads registers bigger than the
    web page's 10 MB (a whole province's cooperatives); zip bombs are refused all the same.
    """
    try:
        if path.is_dir():
            return _prepared_folder(path, reference)
        return ingest.prepare(path.read_bytes(), path.name, table, reference, ingest.COMMAND_LINE_LIMITS)
    except OSError:
        print(f"Berkas {path} tidak dapat dibaca.", file=sys.stderr)
    except ingest.UnreadableFile as error:
        print(error, file=sys.stderr)
    return None


def _validate(args: argparse.Namespace) -> int:
    prepared = _prepared(Path(args.file), args.table, _store(args).dataset())
    if prepared is None:
        return 2
    for problem in prepared.problems:
        print(problem.as_line())
    if prepared.problems:
        print(f"{len(prepared.problems)} masalah ditemukan.", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(frame)} baris" for name, frame in prepared.tables.items())
    print(f"Berkas valid: {counts}.")
    return 0


def _template(args: argparse.Namespace) -> int:
    Path(args.out).write_bytes(template.workbook_bytes(_store(args).dataset()))
    print(args.out)
    return 0


# `export pptx|pdf FILE` writes the Hari Koperasi deck; `export csv|xlsx|json FOLDER` the data package.
DECK_FORMATS = ("pptx", "pdf")


def _export_deck(args: argparse.Namespace) -> int:
    from koperasi_data import deck, slides

    dataset = _store(args).dataset()
    values = metrics.published_values(dataset)
    year = args.tahun or metrics.latest_koperasi_year(values)
    items = slides.deck(dataset, values, year)
    try:
        data = deck.pptx_bytes(items) if args.format == "pptx" else deck.pdf_bytes(items)
    except deck.PdfUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    out = Path(args.out)
    out.write_bytes(data)
    print(f"{out} ({len(items)} salindia, tahun {year})")
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
    if args.format in DECK_FORMATS:
        return _export_deck(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, content in exports.package_files(_store(args).dataset(), args.format).items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(content)
        print(out / name)
    return 0


def _import(args: argparse.Namespace) -> int:
    store = _store(args)
    reference = store.dataset()
    prepared = _prepared(Path(args.file), args.table, reference)
    if prepared is None:
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


def _site(args: argparse.Namespace) -> int:
    from koperasi_data import site

    store = _store(args)
    store.ensure_seeded()
    try:
        report = site.bake(Path(args.out), store.dataset(), store.versions(), url=args.url,
                           with_previews=not args.no_png)
    except site.NotASiteFolder as error:
        print(error, file=sys.stderr)
        return 1
    for note in report.notes:
        print(note, file=sys.stderr)
    print(f"{report.out}: {len(report.pages)} halaman, {len(report.views)} grafik, {report.previews} pratinjau PNG, "
          f"{len(report.files)} berkas, {report.size / 1_000_000:.1f} MB; alamat {site.base_url(args.url)}")
    return 0


def _prune(args: argparse.Namespace) -> int:
    store = _store(args)
    before = store.size_bytes()
    try:
        pruned = store.prune(args.keep, user_name=args.user)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if pruned and not args.no_vacuum:
        store.compact()
    after = store.size_bytes()
    if not pruned:
        print(f"Tidak ada yang dipangkas: paling banyak {args.keep} versi terbaru (dan versi berlaku) yang berisi tabel.")
    else:
        print(f"Dipangkas {len(pruned)} versi: {', '.join(f'#{i}' for i in pruned)} (catatan audit tetap; "
              "isi tabel yang tidak dipakai versi lain dihapus).")
    if before and after:
        print(f"Ukuran penyimpanan: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB".replace(".", ","))
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
                                 help="ekspor versi berlaku: paket data (csv, xlsx, json) ke folder, atau salindia "
                                      "Hari Koperasi (pptx, pdf) ke berkas")
    export.add_argument("format", choices=list(exports.EXPORT_FORMATS) + list(DECK_FORMATS),
                        help="csv/xlsx/json: tabel dan datapackage.json; pptx: PowerPoint dengan grafik asli; "
                             "pdf: untuk cetak")
    export.add_argument("out", help="folder tujuan (csv, xlsx, json) atau berkas tujuan (pptx, pdf)")
    export.add_argument("--tahun", type=int, default=None,
                        help="salindia: tahun angka (bawaan: tahun terakhir yang memiliki angka koperasi)")
    export.set_defaults(run=_export)
    imp = commands.add_parser("import", parents=[database, user],
                              help="impor register Dinas (templat Excel atau CSV satu tabel) sebagai versi baru")
    imp.add_argument("file", help="berkas .xlsx atau .csv, atau folder berisi satu CSV per tabel (koperasi.csv, ...)")
    imp.add_argument("--table", choices=list(schema.REGISTER_RESOURCES), default=None,
                     help="tabel isi berkas CSV (bawaan: koperasi)")
    imp.add_argument("--tanggal", type=_date, default=None,
                     help="tanggal keadaan register, TTTT-BB-HH (bawaan: hari ini)")
    imp.set_defaults(run=_import)
    cli_values.add_commands(commands, database, user)
    bake = commands.add_parser("site", parents=[database],
                               help="bangun situs publik statis (HTML, CSV, JSON, paket data) dari versi berlaku")
    bake.add_argument("out", metavar="FOLDER", help="folder tujuan (kosong, atau hasil `site` sebelumnya)")
    bake.add_argument("--url", default=None,
                      help="alamat publik situs untuk sitemap, Open Graph dan kode sematan "
                           "(bawaan: $KOPERASI_SITE_URL, atau http://localhost:8000/)")
    bake.add_argument("--no-png", action="store_true", help="tanpa gambar pratinjau PNG (lebih cepat)")
    bake.set_defaults(run=_site)
    prune = commands.add_parser("prune", parents=[database],
                                help="hapus isi tabel versi lama (kecuali N terbaru dan versi berlaku); catatan audit "
                                     "tetap, versi yang dipangkas tidak dapat dipulihkan")
    prune.add_argument("--keep", type=int, required=True, metavar="N", help="jumlah versi terbaru yang disimpan utuh")
    prune.add_argument("--user", default=getpass.getuser(), help="nama yang dicatat (bawaan: pengguna sistem)")
    prune.add_argument("--no-vacuum", action="store_true",
                       help="SQLite: jangan kembalikan ruang ke disk sesudahnya (VACUUM menulis ulang berkasnya)")
    prune.set_defaults(run=_prune)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m koperasi_data", description="Alat data Dasbor Koperasi & UMKM Pamekasan.")
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="tulis ulang register ilustratif (deterministik)")
    gen.add_argument("out_dir", nargs="?", default=None, metavar="FOLDER", help="folder tujuan (sama dengan --out)")
    gen.add_argument("--out", default=str(schema.DATA_DIR), help="folder tujuan (bawaan: data/)")
    gen.add_argument("--scale", type=int, default=1, metavar="N",
                     help="register N kali lebih besar (id dinomori ulang; untuk uji beban), satu CSV per tabel; "
                          "impor dengan: python -m koperasi_data import FOLDER")
    gen.add_argument("--data", default=str(schema.DATA_DIR), help="folder data kurasi (kecamatan.csv)")
    gen.set_defaults(run=_generate)
    check = commands.add_parser("check", help="periksa data/ terhadap datapackage.json dan aturan antar-kolom")
    check.add_argument("--data", default=str(schema.DATA_DIR))
    check.set_defaults(run=_check)
    user = commands.add_parser("add-user", help="buat atau ganti akun halaman Kelola Data (hash bcrypt di secrets.toml)")
    user.add_argument("name", metavar="NAMA")
    user.add_argument("--secrets", default=str(auth.DEFAULT_SECRETS), help="berkas secrets Streamlit")
    user.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin (untuk skrip)")
    user.set_defaults(run=_add_user)
    check_file = commands.add_parser("validate", help="periksa berkas Excel/CSV sebelum diimpor (0 valid, 1 ada "
                                                      "masalah, 2 tidak terbaca)")
    check_file.add_argument("file", metavar="BERKAS")
    check_file.add_argument("--table", default=None, help="tabel untuk berkas CSV (bawaan: koperasi)",
                            choices=list(schema.REGISTER_RESOURCES))
    check_file.add_argument("--database", metavar="URL", default=None, help="URL penyimpanan (bawaan: $DATABASE_URL)")
    check_file.set_defaults(run=_validate)
    blank = commands.add_parser("template", help="tulis templat Excel kosong untuk diisi Dinas")
    blank.add_argument("out", metavar="BERKAS.xlsx")
    blank.add_argument("--database", metavar="URL", default=None, help="URL penyimpanan (bawaan: $DATABASE_URL)")
    blank.set_defaults(run=_template)
    _add_store_commands(commands)
    args = parser.parse_args(argv)
    # Warnings and errors of the package (e.g. why a write failed) go to stderr, one line each.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args)
    except StoreError as error:
        print(error, file=sys.stderr)
        return 1
    except sa.exc.SQLAlchemyError as error:
        # Never the SQL, its parameters or the connection string: the driver's own reason is enough.
        print(f"Penyimpanan tidak dapat dibuka atau dibaca ({type(error).__name__}); periksa --database atau "
              "DATABASE_URL dan bahwa basis datanya berjalan.", file=sys.stderr)
        return 1
