"""`python -m koperasi_data value add|correct|list`: the office adds or corrects a published figure itself.

Each change is a new version of the store (``versions``, ``rollback`` and ``export`` work on it as on
a register import); the rules are those of the shipped ``data/nilai_indikator.csv``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from koperasi_data import fmt, published, schema
from koperasi_data.store import StaleVersion, Store


def _store(args: argparse.Namespace) -> Store:
    return Store(args.database)


def _fields(args: argparse.Namespace, base: dict | None = None) -> dict:
    """The new row's fields: what the command line gives, else (for a correction) the corrected row's."""
    given = {"kode_indikator": args.indikator, "periode": args.periode, "nilai": args.nilai, "presisi": args.presisi,
             "kode_wilayah": args.wilayah, "desa": args.desa, "penerbit": args.penerbit, "url": args.url,
             "tanggal_terbit": args.tanggal_terbit, "status": args.status, "catatan": args.catatan}
    base = base or {}
    keep = {"catatan", "status"}  # a correction states its own reason and status
    return {name: (value if value is not None else (None if name in keep else base.get(name)))
            for name, value in given.items()}


def _record(args: argparse.Namespace, corrects: str | None) -> int:
    store = _store(args)
    dataset = store.dataset()
    values = dataset[schema.VALUES]
    base = None
    if corrects is not None:
        match = values[values["id"] == corrects]
        base = match.iloc[0].to_dict() if len(match) else None
    fields = _fields(args, base)
    if args.satuan:
        unit = dict(zip(dataset[schema.INDICATORS]["kode"], dataset[schema.INDICATORS]["satuan"])).get(
            fields["kode_indikator"])
        if unit is not None and unit != args.satuan:
            print(f"nilai_indikator, kolom satuan: '{args.satuan}' bukan satuan indikator ini ('{unit}')",
                  file=sys.stderr)
            return 1
    entry = published.check(fields, values, dataset[schema.INDICATORS], dataset[schema.KECAMATAN],
                            dataset.descriptor, dt.datetime.now(fmt.WIB).date(), corrects=corrects)
    if entry.problems:
        for problem in entry.problems:
            print(f"kolom {problem.column}: {problem.message} (nilai: '{problem.value}')")
        print(f"{len(entry.problems)} masalah ditemukan; tidak ada yang disimpan.", file=sys.stderr)
        return 1
    added = published.with_row(store.added_values(), entry.row, dataset.descriptor)
    what = f"angka terbit: {'koreksi ' + corrects if corrects else 'tambah'} {entry.row['id']}"
    try:
        version = store.record_values(added, user_name=args.user, what=what, note=args.note,
                                      expected_current=dataset.version_info.id)
    except StaleVersion as error:
        print(error, file=sys.stderr)
        return 1
    for other in entry.conflicts:
        print(f"Bertentangan dengan {other}: keduanya disimpan dan ditandai.", file=sys.stderr)
    print(f"{version.id} {entry.row['id']} {entry.row['status']}")
    return 0


def _add(args: argparse.Namespace) -> int:
    return _record(args, None)


def _correct(args: argparse.Namespace) -> int:
    return _record(args, args.id)


def _list(args: argparse.Namespace) -> int:
    for _, row in _store(args).added_values().iterrows():
        print(f"{row['id']}\t{fmt.qualifier(row['presisi'])}{fmt.number(row['nilai'])}\t{row['status']}\t"
              f"{row['penerbit']}\t{row['url']}")
    return 0


def add_commands(commands, database: argparse.ArgumentParser, user: argparse.ArgumentParser) -> None:
    """Register ``value add``, ``value correct`` and ``value list``."""
    value = commands.add_parser("value", help="tambah atau koreksi angka terbit (versi baru yang tercatat)")
    actions = value.add_subparsers(dest="action", required=True)
    fields = argparse.ArgumentParser(add_help=False)
    fields.add_argument("--indikator", help="kode indikator (data/indikator.csv), mis. koperasi_aktif")
    fields.add_argument("--periode", help="tanggal acuan setepat sumber: TTTT, TTTT-BB atau TTTT-BB-HH")
    fields.add_argument("--nilai", type=float, help="angka yang dipublikasikan, dalam satuan indikatornya")
    fields.add_argument("--satuan", help="satuan (diperiksa terhadap satuan indikator)")
    fields.add_argument("--presisi", choices=list(schema.PRESISI), help="tepat (bawaan), lebih_dari, sekitar, hampir")
    fields.add_argument("--wilayah", help="kode wilayah Kemendagri (bawaan 35.28)")
    fields.add_argument("--desa", help="nama desa untuk angka tingkat desa")
    fields.add_argument("--penerbit", help="media atau lembaga yang memublikasikan")
    fields.add_argument("--url", help="tautan sumber")
    fields.add_argument("--tanggal-terbit", dest="tanggal_terbit", help="tanggal terbit sumber, TTTT-BB-HH")
    fields.add_argument("--status", choices=list(schema.STATUS_DATA), help="resmi (bawaan), turunan, ditandai")
    fields.add_argument("--catatan", help="catatan kurasi (wajib untuk angka ditandai)")
    add = actions.add_parser("add", parents=[database, user, fields], help="tambah satu angka terbit")
    add.set_defaults(run=_add)
    correct = actions.add_parser("correct", parents=[database, user, fields],
                                 help="koreksi angka terbit: baris baru, yang lama tetap ada dan ditandai")
    correct.add_argument("id", help="id angka yang dikoreksi")
    correct.set_defaults(run=_correct)
    listing = actions.add_parser("list", parents=[database], help="daftar angka yang ditambahkan Dinas")
    listing.set_defaults(run=_list)
