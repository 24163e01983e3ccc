"""Validation: collect every problem (table, row, column, value, reason in Indonesian).

Types, required cells, allowed values, keys and references are checked by the
Frictionless library against ``datapackage.json``, so the descriptor that documents
the data is also the one that checks it. Rules that a table schema cannot express
(an active cooperative cannot be proposed for dissolution, stage dates in order)
are checked here on the typed frames. Nothing raises on bad data; only an
unreadable descriptor does.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

import frictionless
import numpy as np
import pandas as pd

from koperasi_data import rules, schema
from koperasi_data.load import Dataset, read_descriptor, resource_descriptor
from koperasi_data.rules import TYPE_NAMES

# The row number a person sees in a spreadsheet: the header is row 1.
HEADER_ROWS = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as a person would find it."""

    table: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def as_line(self) -> str:
        """One line for a terminal: 'koperasi baris 5, kolom status: ...'."""
        where = self.table
        if self.row is not None:
            where += f" baris {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table with Indonesian headers, for display and download."""
    columns = {"table": "Tabel", "row": "Baris", "column": "Kolom", "value": "Nilai", "message": "Masalah"}
    frame = pd.DataFrame([asdict(p) for p in problems], columns=list(columns))
    return frame.rename(columns=columns)


def _constraint_message(note: str, cell) -> str:
    match = re.search(r'constraint "(\w+)" is "(.*)"', note or "")
    if not match:
        return f"nilai '{cell}' tidak memenuhi aturan kolom"
    return rules.broken_rule(*match.groups(), cell)


def _translate(error, table: str, resource: dict) -> Problem:
    """A Frictionless error as a Problem with an Indonesian reason.

    Frictionless numbers rows as a spreadsheet does (the header is row 1), so its
    row number is kept as it is.
    """
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    cell = getattr(error, "cell", None)
    kind = error.type
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    if kind == "type-error":
        message = f"'{cell}' bukan {TYPE_NAMES.get(types.get(column), types.get(column))}"
    elif kind == "constraint-error":
        message = _constraint_message(error.note, cell)
    elif kind == "unique-error":
        message = _constraint_message('constraint "unique" is "True"', cell)
    elif kind == "primary-key":
        keys = ", ".join(resource["schema"].get("primaryKey", []))
        # Frictionless also reports a key whose cells are all empty as a primary-key error.
        if "None" in (error.note or ""):
            message = f"kunci ({keys}) kosong; setiap baris harus memiliki kunci"
        else:
            message = f"kunci ({keys}) sama dengan baris lain; setiap baris harus unik"
        column = column or keys
    elif kind == "foreign-key":
        # error.cells is the whole row; the unknown key is in field_names / field_cells.
        reference = error.reference_name or resource["schema"]["foreignKeys"][0]["reference"]["resource"]
        column = ", ".join(error.field_names)
        cell = ", ".join(error.field_cells)
        message = f"'{cell}' tidak dikenal di tabel {reference}"
    elif kind == "missing-label":
        message = "kolom wajib tidak ada di baris judul"
    elif kind in ("extra-label", "extra-cell"):
        message = "kolom tidak dikenal"
    elif kind == "blank-row":
        message = "baris kosong"
    elif kind == "missing-cell":
        message = "sel kosong padahal kolom wajib diisi" if cell is None else "sel hilang"
    elif kind == "duplicate-label":
        message = "nama kolom muncul dua kali"
    elif kind == "blank-label":
        message = "judul kolom kosong"
    else:
        message = f"tidak dapat dibaca ({kind})"
    return Problem(table, row, column, None if cell is None else str(cell), message)


def _report_problems(report: frictionless.Report, descriptor: dict) -> list[Problem]:
    problems = []
    for task in report.tasks:
        resource = resource_descriptor(descriptor, task.name)
        problems.extend(_translate(error, task.name, resource) for error in task.errors)
    for error in report.errors:
        problems.append(Problem("datapackage.json", None, None, None, error.message))
    return problems


def validate_package(data_dir: Path = schema.DATA_DIR) -> list[Problem]:
    """Every schema problem in the package's files (types, values, keys, references)."""
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    return _report_problems(report, read_descriptor(data_dir))


def _without_keys(schema_descriptor: dict) -> dict:
    fields = []
    for spec in schema_descriptor["fields"]:
        constraints = {k: v for k, v in spec.get("constraints", {}).items() if k != "unique"}
        fields.append({**spec, "constraints": constraints})
    return {k: v for k, v in schema_descriptor.items() if k != "primaryKey"} | {"fields": fields}


def validate_rows(name: str, rows: list[dict], descriptor: dict, keys: bool = True) -> list[Problem]:
    """Schema problems of rows (dicts of text cells) for one resource, without references.

    With ``keys=False`` repeated keys are not reported here; ``check_duplicates`` reports
    them with the row where each key first appears.
    """
    resource = resource_descriptor(descriptor, name)
    names = [f["name"] for f in resource["schema"]["fields"]]
    header = list(dict.fromkeys(names + [k for row in rows for k in row]))
    data = [header] + [[row.get(column, "") for column in header] for row in rows]
    # Foreign keys need the other resources (a package); Frictionless refuses the whole
    # table without them, so they are left out here and checked by validate_package.
    local_schema = {k: v for k, v in resource["schema"].items() if k != "foreignKeys"}
    if not keys:
        local_schema = _without_keys(local_schema)
    table = frictionless.Resource(
        data=data, name=name, schema=frictionless.Schema.from_descriptor(local_schema)
    )
    report = table.validate()
    return [_translate(error, name, resource) for error in report.tasks[0].errors]


def validate_frame(name: str, frame: pd.DataFrame, descriptor: dict) -> list[Problem]:
    """``validate_rows(name, rows, descriptor, keys=False)`` of a frame of text cells, column by column.

    The same Frictionless fields read the cells (so ``datapackage.json`` stays the one source of
    types and constraints, and the messages are the same), but each distinct value of a column is
    read once and only the rows with a problem are visited: a register repeats its kecamatan,
    dates and counts, and most rows have no problem at all. ``frame`` holds one text cell per
    field name (a field without a column is read as empty), one row per data row in order.
    """
    resource = resource_descriptor(descriptor, name)
    local_schema = _without_keys({k: v for k, v in resource["schema"].items() if k != "foreignKeys"})
    fields = frictionless.Schema.from_descriptor(local_schema).fields
    size = len(frame)
    blank_cells = np.zeros(size, dtype=np.int64)
    # Per field: the row positions whose cell has a problem, and the notes of each distinct bad value.
    flagged: list[tuple[str, np.ndarray, np.ndarray, dict]] = []
    for spec in fields:
        if spec.name in frame:
            cells = frame[spec.name].to_numpy(dtype=object)
        else:
            cells = np.full(size, "", dtype=object)
        reader = spec.create_cell_reader()
        codes, uniques = pd.factorize(cells, use_na_sentinel=False)
        blank = np.zeros(len(uniques), dtype=bool)
        notes_of = {}
        # A plain text field (no format, at most 'required') takes any text that is not a missing value as it
        # is: Frictionless's reader would return it unchanged, with no note, so it is not asked.
        plain = spec.type == "string" and spec.format == "default" and set(spec.constraints) <= {"required"}
        missing_values = set(spec.missing_values if spec.has_defined("missing_values") or not spec.schema
                             else spec.schema.missing_values)
        for code, value in enumerate(uniques):
            if plain and type(value) is str and value not in missing_values:
                continue
            target, notes = reader(value)
            type_note = (notes or {}).get("type")
            blank[code] = target is None and not type_note
            if notes:
                notes_of[code] = notes
        blank_cells += blank[codes]
        if notes_of:
            bad = np.isin(codes, list(notes_of))
            flagged.append((spec.name, bad, codes, notes_of))
    # A row whose every cell is blank is one "blank-row" problem and nothing else.
    blank_rows = blank_cells == len(fields)
    any_bad = blank_rows.copy()
    for _, bad, _, _ in flagged:
        any_bad |= bad
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    problems = []
    for position in np.flatnonzero(any_bad):
        row = int(position) + HEADER_ROWS + 1
        if blank_rows[position]:
            problems.append(Problem(name, row, None, None, "baris kosong"))
            continue
        for column, bad, codes, notes_of in flagged:
            if not bad[position]:
                continue
            cell = str(frame[column].iat[position]) if column in frame else ""
            for kind, note in notes_of[codes[position]].items():
                if kind == "type":
                    message = f"'{cell}' bukan {TYPE_NAMES.get(types.get(column), types.get(column))}"
                else:
                    message = _constraint_message(note, cell)
                problems.append(Problem(name, row, column, cell, message))
        if len(problems) >= frictionless.settings.DEFAULT_LIMIT_ERRORS:
            break
    # Frictionless stops at its error limit; the same problems are kept.
    return problems[:frictionless.settings.DEFAULT_LIMIT_ERRORS]


def _row(index) -> int:
    return int(index) + HEADER_ROWS + 1


def check_duplicates(name: str, frame: pd.DataFrame, descriptor: dict) -> list[Problem]:
    """Every row that repeats a key (the primary key or a unique field), naming the row it first appeared in.

    ``frame`` holds text cells under the field names, one row per data row in order;
    rows with an empty key are left to the required-cell rule.
    """
    resource = resource_descriptor(descriptor, name)
    fields = resource["schema"]["fields"]
    key_sets = [list(resource["schema"].get("primaryKey", []))]
    key_sets += [[f["name"]] for f in fields
                 if f.get("constraints", {}).get("unique") and [f["name"]] != key_sets[0]]
    titles = {f["name"]: f.get("title", f["name"]) for f in fields}
    problems = []
    for columns in key_sets:
        if not columns or not set(columns) <= set(frame.columns):
            continue
        keys = frame[columns].fillna("").astype(str)
        filled = keys[(keys != "").all(axis=1)]
        repeated = filled.duplicated(keep="first").to_numpy()
        if not repeated.any():
            continue
        # The row each key first appeared in, for the whole column at once; only repeats are then visited.
        group = filled.groupby(columns, sort=False).ngroup().to_numpy()
        first_row = pd.Series(filled.index, index=filled.index).groupby(group, sort=False).transform("first")
        label = " + ".join(titles[c] for c in columns)
        for position in repeated.nonzero()[0]:
            value = ", ".join(filled.iloc[position])
            problems.append(Problem(name, _row(filled.index[position]), ", ".join(columns), value,
                                    f"'{value}' sudah ada di baris {_row(first_row.iloc[position])}; "
                                    f"{label} {rules.UNIQUE}"))
    return problems


def check_koperasi(koperasi: pd.DataFrame, today_year: int) -> list[Problem]:
    """Rules across the columns of one cooperative."""
    problems = []
    proposed_active = koperasi[
        (koperasi["status"] == schema.AKTIF) & (koperasi["status_pembubaran"] != schema.TIDAK_DIUSULKAN)
    ]
    for index, row in proposed_active.iterrows():
        problems.append(Problem(schema.KOPERASI, _row(index), "status_pembubaran", row["status_pembubaran"],
                                "koperasi aktif tidak dapat diusulkan untuk dibubarkan"))
    rat_before_founding = koperasi[koperasi["tahun_rat_terakhir"] < koperasi["tahun_berdiri"]]
    for index, row in rat_before_founding.iterrows():
        problems.append(Problem(schema.KOPERASI, _row(index), "tahun_rat_terakhir", str(row["tahun_rat_terakhir"]),
                                f"RAT terakhir sebelum koperasi berdiri ({row['tahun_berdiri']})"))
    proposed = koperasi["status_pembubaran"] != schema.TIDAK_DIUSULKAN
    for index, row in koperasi[proposed & koperasi["tanggal_usulan_pembubaran"].isna()].iterrows():
        problems.append(Problem(schema.KOPERASI, _row(index), "tanggal_usulan_pembubaran", None,
                                f"status pembubaran '{row['status_pembubaran']}' memerlukan tanggal usulan"))
    for index, row in koperasi[~proposed & koperasi["tanggal_usulan_pembubaran"].notna()].iterrows():
        problems.append(Problem(schema.KOPERASI, _row(index), "tanggal_usulan_pembubaran",
                                row["tanggal_usulan_pembubaran"].strftime("%Y-%m-%d"),
                                "ada tanggal usulan pembubaran padahal koperasi tidak diusulkan untuk dibubarkan"))
    for column in ("tahun_berdiri", "tahun_rat_terakhir"):
        for index, row in koperasi[koperasi[column] > today_year].iterrows():
            problems.append(Problem(schema.KOPERASI, _row(index), column, str(row[column]),
                                    f"tahun di masa depan (lebih dari {today_year})"))
    return problems


def check_sertifikasi(parcels: pd.DataFrame) -> list[Problem]:
    """Stage dates present up to the stage reached, in order; a stopped parcel says why.

    Column by column over the whole table; only the rows that break a rule are visited.
    """
    date_columns = list(schema.STAGE_DATE_COLUMNS.values())
    stage = parcels["tahap"]
    reached = stage.map({s: i for i, s in enumerate(schema.PROGRESS_STAGES)})
    found: list[tuple[int, int, Problem]] = []  # (position, order within the row, problem)
    positions = np.arange(len(parcels))
    stages = stage.tolist()
    for order, column in enumerate(date_columns):
        missing = (reached >= order) & parcels[column].isna()
        for position in positions[missing.to_numpy(dtype=bool)]:
            found.append((position, order, Problem(schema.CERTIFICATION, _row(parcels.index[position]), column,
                                                   None, f"tahap '{stages[position]}' memerlukan tanggal ini")))
    unreasoned = reached.isna() & parcels["alasan"].isna()
    for position in positions[unreasoned.to_numpy(dtype=bool)]:
        found.append((position, len(date_columns), Problem(schema.CERTIFICATION, _row(parcels.index[position]),
                                                           "alasan", None,
                                                           f"bidang yang {stages[position]} harus diberi alasan")))
    # Out of order: a date earlier than some date of an earlier stage (empty dates are skipped).
    latest = pd.Series(pd.NaT, index=parcels.index, dtype="datetime64[ns]")
    unordered = pd.Series(False, index=parcels.index)
    for column in date_columns:
        dates = pd.to_datetime(parcels[column])
        unordered |= (dates < latest).fillna(False)
        latest = latest.where((latest >= dates) | dates.isna(), dates)
    for position in positions[unordered.to_numpy(dtype=bool)]:
        found.append((position, len(date_columns) + 1, Problem(
            schema.CERTIFICATION, _row(parcels.index[position]), "tahap", stages[position],
            "tanggal tahap tidak berurutan (usulan, verifikasi, pengukuran, terbit)")))
    return [problem for _, _, problem in sorted(found, key=lambda item: item[:2])]


def check_umkm(umkm: pd.DataFrame) -> list[Problem]:
    """Workers only where there are enterprises to employ them, and at least one worker per enterprise."""
    orphan = umkm[(umkm["unit_usaha"] == 0) & (umkm["tenaga_kerja"] > 0)]
    problems = [
        Problem(schema.UMKM, _row(index), "tenaga_kerja", str(row["tenaga_kerja"]),
                "ada tenaga kerja padahal unit usaha 0")
        for index, row in orphan.iterrows()
    ]
    # Each enterprise is run by at least its owner, who counts as a worker.
    short = umkm[umkm["tenaga_kerja"] < umkm["unit_usaha"]]
    problems += [
        Problem(schema.UMKM, _row(index), "tenaga_kerja", str(row["tenaga_kerja"]),
                f"tenaga kerja lebih sedikit dari unit usaha ({row['unit_usaha']}); "
                "setiap unit usaha dikerjakan sedikitnya satu orang")
        for index, row in short.iterrows()
    ]
    return sorted(problems, key=lambda p: p.row)


def check_pembiayaan(loans: pd.DataFrame, parcels: pd.DataFrame) -> list[Problem]:
    """A loan pledges a parcel whose certificate was issued, to its owner, after the issue date."""
    problems = []
    by_id = parcels.set_index("id_bidang")
    for index, row in loans.iterrows():
        if row["id_bidang"] not in by_id.index:
            continue  # an unknown parcel is a foreign-key problem, reported by validate_package
        parcel = by_id.loc[row["id_bidang"]]
        if parcel["tahap"] != "terbit":
            problems.append(Problem(schema.FINANCING, _row(index), "id_bidang", row["id_bidang"],
                                    f"bidang agunan belum bersertipikat (tahap '{parcel['tahap']}')"))
            continue
        if row["id_koperasi"] != parcel["id_koperasi"]:
            problems.append(Problem(schema.FINANCING, _row(index), "id_koperasi", row["id_koperasi"],
                                    f"bidang agunan milik koperasi lain ({parcel['id_koperasi']})"))
        if row["tanggal"] <= parcel["tanggal_terbit"]:
            problems.append(Problem(schema.FINANCING, _row(index), "tanggal", str(row["tanggal"].date()),
                                    f"pinjaman diajukan sebelum sertipikat terbit ({parcel['tanggal_terbit'].date()})"))
    return problems


def check_jejaring(network: pd.DataFrame, koperasi: pd.DataFrame) -> list[Problem]:
    """A linked cooperative is listed in its own kecamatan."""
    home = koperasi.set_index("id_koperasi")["kecamatan"]
    expected = network["id_koperasi"].map(home)
    wrong = network[expected.notna() & (network["kecamatan"] != expected)]
    return [Problem(schema.NETWORK, _row(index), "kecamatan", row["kecamatan"],
                    f"koperasi ini berada di kecamatan {home[row['id_koperasi']]}")
            for index, row in wrong.iterrows()]


def check_dataset(dataset: Dataset, today_year: int) -> list[Problem]:
    """Every cross-column rule on the loaded dataset."""
    return (
        check_koperasi(dataset[schema.KOPERASI], today_year)
        + check_sertifikasi(dataset[schema.CERTIFICATION])
        + check_umkm(dataset[schema.UMKM])
        + check_pembiayaan(dataset[schema.FINANCING], dataset[schema.CERTIFICATION])
        + check_jejaring(dataset[schema.NETWORK], dataset[schema.KOPERASI])
    )
