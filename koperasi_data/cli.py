"""Command-line tools for the curated dataset."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from koperasi_data import auth, generate, ingest, metrics, schema, template
from koperasi_data.load import load_dataset
from koperasi_data.validate import check_dataset, validate_package


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


def _validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError:
        print(f"Berkas {path} tidak dapat dibuka.", file=sys.stderr)
        return 2
    try:
        prepared = ingest.prepare(content, path.name, args.table, load_dataset())
    except ingest.UnreadableFile as error:
        print(error, file=sys.stderr)
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
    Path(args.out).write_bytes(template.workbook_bytes(load_dataset()))
    print(args.out)
    return 0


# `export pptx|pdf OUT`: the Hari Koperasi deck. Other export formats dispatch from _export too.
DECK_FORMATS = ("pptx", "pdf")


def _export_deck(args: argparse.Namespace) -> int:
    from koperasi_data import deck, slides

    dataset = load_dataset(Path(args.data))
    values = metrics.published_values(dataset)
    year = args.tahun or metrics.latest_koperasi_year(values)
    items = slides.deck(dataset, values, year)
    data = deck.pptx_bytes(items) if args.format == "pptx" else deck.pdf_bytes(items)
    out = Path(args.out)
    out.write_bytes(data)
    print(f"{out} ({len(items)} salindia, tahun {year})")
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.format in DECK_FORMATS:
        return _export_deck(args)
    raise SystemExit(f"format tidak dikenal: {args.format}")


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
    check_file.set_defaults(run=_validate)
    blank = commands.add_parser("template", help="tulis templat Excel kosong untuk diisi Dinas")
    blank.add_argument("out", metavar="BERKAS.xlsx")
    blank.set_defaults(run=_template)
    export = commands.add_parser("export", help="ekspor salindia Hari Koperasi (pptx, pdf)")
    export.add_argument("format", choices=DECK_FORMATS, help="pptx: PowerPoint dengan grafik asli; pdf: untuk cetak")
    export.add_argument("out", help="berkas tujuan, mis. hari-koperasi.pptx")
    export.add_argument("--tahun", type=int, default=None,
                        help="tahun angka (bawaan: tahun terakhir yang memiliki angka koperasi)")
    export.add_argument("--data", default=str(schema.DATA_DIR))
    export.set_defaults(run=_export)
    args = parser.parse_args(argv)
    return args.run(args)
