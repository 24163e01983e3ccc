"""Published values the office adds or corrects itself, on top of the shipped ``data/nilai_indikator.csv``.

The shipped file stays the seed. The store keeps, as a versioned table, only the rows the office
entered (same columns as ``nilai_indikator``); the dataset is the shipped rows plus those. Nothing
is ever overwritten: a value that conflicts with an existing one (same indicator, period, area and
desa, another value) is kept and flagged, and so is the one it conflicts with; a correction is a
new row, and the row it corrects is shown flagged with a note that names the correction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from koperasi_data import fmt, schema
from koperasi_data.load import resource_descriptor, typed_frame
from koperasi_data.validate import Problem, validate_rows

# The fields an office user gives, in form order (the id is made from them).
FIELDS = ("kode_indikator", "periode", "nilai", "presisi", "kode_wilayah", "desa", "penerbit", "url",
          "tanggal_terbit", "status", "catatan")
CORRECTS = "Koreksi atas {id}."
CONFLICTS = "Bertentangan dengan {id} (nilai {value})."
_CORRECTS = re.compile(r"Koreksi atas ([\w.-]+)\.")
_CONFLICTS = re.compile(r"Bertentangan dengan ([\w.-]+) \(nilai")
ADDED_NOTE = "Ditambahkan Dinas lewat Kelola Data"


@dataclass(frozen=True)
class Entry:
    """A checked new row: the row to store (None when there are problems) and every problem found."""

    row: dict | None
    problems: list[Problem]
    conflicts: list[str]


def empty(descriptor: dict) -> pd.DataFrame:
    """No office-entered value yet: an empty typed ``nilai_indikator`` frame."""
    resource = resource_descriptor(descriptor, schema.VALUES)
    return typed_frame(pd.DataFrame({f["name"]: pd.Series(dtype=str) for f in resource["schema"]["fields"]}),
                       resource)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def row_id(fields: dict, taken: set[str]) -> str:
    """The id the shipped file would give the row ('kode-periode[-wilayah][-desa]'), made unique with '-dinas-N'."""
    parts = [fields["kode_indikator"], fields.get("periode") or "tanpa-tahun"]
    if fields.get("kode_wilayah") and fields["kode_wilayah"] != schema.REGENCY_CODE or fields.get("desa"):
        parts.append(fields["kode_wilayah"])
    if fields.get("desa"):
        parts.append(_slug(fields["desa"]))
    base = "-".join(parts)
    if base not in taken:
        return base
    number = 2
    while f"{base}-dinas-{number}" in taken:
        number += 1
    return f"{base}-dinas-{number}"


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _same_question(values: pd.DataFrame, fields: dict) -> pd.DataFrame:
    desa = fields.get("desa") or None
    rows = values[(values["kode_indikator"] == fields["kode_indikator"])
                  & (values["periode"].fillna("") == (fields.get("periode") or ""))
                  & (values["kode_wilayah"] == fields["kode_wilayah"])]
    return rows[rows["desa"].isna()] if desa is None else rows[rows["desa"] == desa]


def _known_areas(kecamatan: pd.DataFrame) -> set[str]:
    return {schema.REGENCY_CODE, *kecamatan["kode"], *schema.OTHER_AREAS}


def check(fields: dict, values: pd.DataFrame, indicators: pd.DataFrame, kecamatan: pd.DataFrame,
          descriptor: dict, today: dt.date, corrects: str | None = None) -> Entry:
    """Check one new value against the rules of the shipped file; the row to store when it passes.

    ``values`` is every published value now shown (shipped and office-entered), ``corrects`` the id
    of the row this one corrects. Problems name the form field ("kolom") and say why, in Indonesian.
    """
    fields = {name: _text(fields.get(name)) for name in FIELDS}
    fields["kode_wilayah"] = fields["kode_wilayah"] or schema.REGENCY_CODE
    fields["presisi"] = fields["presisi"] or "tepat"
    fields["status"] = fields["status"] or schema.RESMI
    fields["tahun"] = fields["periode"][:4]
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(schema.VALUES, 1, column, fields.get(column, ""), message))

    taken = set(values["id"])
    fields["id"] = row_id(fields, taken) if fields["kode_indikator"] else "baru"
    # Types, required cells, allowed values and patterns: the data package's own schema.
    problems += [p for p in validate_rows(schema.VALUES, [fields], descriptor, keys=False)]
    known = dict(zip(indicators["kode"], indicators["satuan"]))
    if fields["kode_indikator"] and fields["kode_indikator"] not in known:
        problem("kode_indikator", "indikator tidak dikenal; indikator baru ditambahkan di data/indikator.csv")
    if fields["kode_wilayah"] not in _known_areas(kecamatan):
        problem("kode_wilayah", "kode wilayah tidak dikenal (35.28, kode kecamatan 35.28.01-13, atau wilayah pembanding)")
    kelompok = dict(zip(indicators["kode"], indicators["kelompok"])).get(fields["kode_indikator"])
    outside = not fields["kode_wilayah"].startswith(schema.REGENCY_CODE)
    if kelompok and outside != (kelompok == schema.PEMBANDING):
        problem("kode_wilayah", "angka wilayah lain hanya untuk indikator pembanding, dan indikator pembanding "
                                "hanya untuk wilayah lain: jangan digabung ke deret Pamekasan")
    if fields["url"] and not re.match(r"https?://\S+$", fields["url"]):
        problem("url", "tautan sumber harus alamat web lengkap (http:// atau https://)")
    if fields["tanggal_terbit"]:
        try:
            if dt.date.fromisoformat(fields["tanggal_terbit"]) > today:
                problem("tanggal_terbit", f"tanggal terbit di masa depan (setelah {fmt.date(today)})")
        except ValueError:
            pass  # the schema check above reports the format
    if fields["periode"] and fields["periode"][:4].isdigit() and int(fields["periode"][:4]) > today.year:
        problem("periode", f"periode di masa depan (setelah {today.year})")
    if fields["status"] == schema.DITANDAI and not fields["catatan"]:
        problem("catatan", "angka yang ditandai harus menyebut alasannya di catatan")
    if fields["status"] == schema.TURUNAN and not fields["catatan"].startswith("Dihitung:"):
        problem("catatan", "angka turunan harus menyebut rumusnya di catatan ('Dihitung: ...')")
    if corrects is not None and corrects not in taken:
        problem("id", f"tidak ada angka dengan id '{corrects}' untuk dikoreksi")
    if problems:
        return Entry(None, problems, [])
    notes = [fields["catatan"]] if fields["catatan"] else []
    conflicts = []
    if corrects is not None:
        notes.insert(0, CORRECTS.format(id=corrects))
    else:
        same = _same_question(values, fields)
        differ = same[same["nilai"].astype(float) != float(fields["nilai"])]
        for _, other in differ.iterrows():
            conflicts.append(other["id"])
            notes.append(CONFLICTS.format(id=other["id"], value=fmt.number(other["nilai"])))
        if conflicts:
            fields["status"] = schema.DITANDAI
    notes.append(f"{ADDED_NOTE}, {fmt.date(today)}.")
    fields["catatan"] = " ".join(notes)
    row = {name: fields[name] for name in ("id", "tahun", *FIELDS)}
    return Entry(row, [], conflicts)


def with_row(added: pd.DataFrame, row: dict, descriptor: dict) -> pd.DataFrame:
    """The office-entered table with one more row (typed like the shipped file)."""
    resource = resource_descriptor(descriptor, schema.VALUES)
    new = typed_frame(pd.DataFrame([{k: str(v) for k, v in row.items()}], dtype=str), resource)
    return pd.concat([added, new], ignore_index=True) if len(added) else new


def assemble(shipped: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    """The published values shown: shipped rows, then the office's, with corrected and conflicting rows flagged."""
    if added is None or added.empty:
        return shipped
    result = pd.concat([shipped, added], ignore_index=True)
    for _, row in added.iterrows():
        note = row["catatan"] or ""
        for pattern, reason in ((_CORRECTS, "Dikoreksi Dinas: lihat {id} (nilai {value})."),
                                (_CONFLICTS, "Bertentangan dengan angka yang ditambahkan Dinas: {id} (nilai {value}).")):
            for target in pattern.findall(note):
                at = result.index[result["id"] == target]
                if len(at):
                    index = at[0]
                    result.loc[index, "status"] = schema.DITANDAI
                    before = result.loc[index, "catatan"] or ""
                    result.loc[index, "catatan"] = " ".join(
                        [before, reason.format(id=row["id"], value=fmt.number(row["nilai"]))]).strip()
    return result
