"""Command-line tools for the curated dataset."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from koperasi_data import auth, generate, schema
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
    args = parser.parse_args(argv)
    return args.run(args)
