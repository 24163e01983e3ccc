"""Read an uploaded register (the Excel template or a CSV of one table), check it, preview the change.

What is accepted, and how cells are read (the template's Petunjuk sheet says the same to users):

- The Excel workbook of ``template.workbook_bytes``: each sheet whose name matches a register
  resource (its name, its title or its template sheet name, ignoring case, spaces and
  punctuation) is one table; other sheets (Petunjuk, Daftar, the user's own) are ignored. A
  workbook may hold one, two or all three register sheets. A register sheet left empty does
  not replace anything, as long as another register sheet has rows.
- A CSV of one table: UTF-8 with or without BOM; the delimiter is whichever of ``;``, ``,`` or
  tab appears most often in the header line. The table is the one named by the caller, else
  the register whose field names and titles match most of the headers (koperasi on a tie).
- Headers match a field by its name or its Indonesian title, ignoring case, spaces,
  underscores and punctuation ("ID koperasi", "id_koperasi", " Id  Koperasi " are one column).
  Optional columns may be left out; a required column that is missing, an unknown column and a
  column that appears twice are problems (an unknown header is usually a misspelt one, and
  silently dropping it would lose the data under it).
- Cells: leading and trailing spaces are removed. Integer columns accept Indonesian grouping
  ("1.234" -> 1234) and a zero decimal part after a comma ("12,0" -> 12). Decimal columns
  accept a decimal comma ("1.234,5" -> 1234.5); without a comma the dot is the decimal mark.
  Dates are TTTT-BB-HH; HH/BB/TTTT and HH-BB-TTTT (day first, as Indonesian Excel writes them)
  are read too, and Excel date cells become TTTT-BB-HH. Allowed values and kecamatan names
  match regardless of case, and a coded value may also be given by its label ("Tidak aktif").
- Rows are numbered as the user sees them in Excel: the header is row 1 in the template; a title
  line above the header is allowed (the header is the first row with two known column titles);
  blank rows are skipped but keep their numbers.

The checks are the data package's own (``validate.validate_rows`` with the Frictionless field
constraints from ``datapackage.json``, ``validate.check_duplicates`` and the ``check_*`` rules),
so the shipped data and an upload follow one rule set; this module only adds what needs the
other tables (references) and maps every problem to the user's sheet, row and header.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import math
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from koperasi_data import fmt, metrics, schema, validate
from koperasi_data.load import Dataset, resource_descriptor, typed_frame
from koperasi_data.validate import Problem

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
# A zip bomb is a small file that unpacks to a huge one: bound what the xlsx unpacks to.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # per member larger than RATIO_FLOOR; spreadsheet XML compresses ~5-20x
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 1000
MAX_ROWS = 100_000
MAX_COLUMNS = 100
HEADER_SEARCH = 10
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
DATE_RANGE = (1900, 2100)
# More allowed values than this are not listed in a message.
LISTED_VALUES = 30


class UnreadableFile(Exception):
    """The upload cannot be read as a spreadsheet at all; ``str(error)`` is one Indonesian sentence."""


@dataclass
class Prepared:
    """An upload read and checked: typed tables when it is clean, else every problem found."""

    tables: dict[str, pd.DataFrame] | None
    problems: list[Problem]
    sha256: str
    file_name: str

    @property
    def ok(self) -> bool:
        """Whether the upload can be imported."""
        return self.tables is not None and not self.problems


@dataclass
class _Sheet:
    """One table as read from the file: header and data rows as text, with their Excel row numbers."""

    label: str
    header: list[str]
    header_row: int
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)


def header_key(text) -> str:
    """A header, sheet name or coded value reduced for matching: 'Luas (m²)' -> 'luas m2'."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Reading ------------------------------------------------------------------------------


def _cell_text(value) -> str:
    """An Excel cell as the text a CSV would hold: dates TTTT-BB-HH, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _known_headers(descriptor: dict) -> set[str]:
    """Matching keys of every register field's name and title."""
    return {header_key(text) for resource in schema.REGISTER_RESOURCES
            for spec in resource_descriptor(descriptor, resource)["schema"]["fields"]
            for text in (spec["name"], spec.get("title", spec["name"]))}


def _sheet_from_rows(label: str, numbered_rows: Iterable[tuple[int, list[str]]],
                     known: set[str], max_rows: int = MAX_ROWS) -> _Sheet | None:
    """Blank rows skipped (keeping their numbers); None when nothing is filled.

    The header is the first of the first ``HEADER_SEARCH`` filled rows that holds at least two
    known column titles (rows above it, such as a title line, are ignored), else the first filled row.
    """
    filled = []
    for number, cells in numbered_rows:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if len(filled) > max_rows:
            raise UnreadableFile(f"{label} berisi lebih dari {fmt.number(max_rows)} baris data; "
                                 "bagi berkasnya atau periksa baris kosong yang berformat.")
        filled.append((number, cells))
    if not filled:
        return None
    first = next((i for i, (_, cells) in enumerate(filled[:HEADER_SEARCH])
                  if sum(header_key(c) in known for c in cells if c) >= 2), 0)
    sheet = _Sheet(label, filled[first][1], filled[first][0])
    for number, cells in filled[first + 1:]:
        sheet.rows.append(cells)
        sheet.row_numbers.append(number)
    # Trailing columns with neither header nor data (formatting only) are not columns.
    width = max([len(sheet.header)] + [len(r) for r in sheet.rows])
    used = [i for i in range(width)
            if (i < len(sheet.header) and sheet.header[i]) or any(i < len(r) and r[i] for r in sheet.rows)]
    width = used[-1] + 1 if used else 0
    sheet.header = (sheet.header + [""] * width)[:width]
    sheet.rows = [(r + [""] * width)[:width] for r in sheet.rows]
    return sheet


def _kind_of(content: bytes) -> str | None:
    """A short Indonesian name for well-known non-spreadsheet files."""
    signatures = {b"%PDF": "dokumen PDF", b"\x89PNG": "gambar PNG", b"\xff\xd8\xff": "gambar JPEG",
                  b"GIF8": "gambar GIF", b"\xd0\xcf\x11\xe0": "buku kerja Excel lama (.xls) atau berkas "
                  "berkata sandi", b"{\\rtf": "dokumen RTF"}
    for magic, kind in signatures.items():
        if content.startswith(magic):
            return kind
    return None


def _check_zip(content: bytes) -> None:
    """Refuse a zip that is not a workbook or that would unpack to too much (a zip bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise UnreadableFile("Berkas ini rusak atau bukan buku kerja Excel (.xlsx).") from error
    if len(infos) > MAX_MEMBERS:
        raise UnreadableFile("Berkas ini berisi terlalu banyak bagian untuk sebuah buku kerja Excel, "
                             "sehingga tidak diproses.")
    unpacked = sum(info.file_size for info in infos)
    # Python's zipfile never unpacks more than the sizes declared here (it stops and fails the
    # CRC check), so checking the declarations bounds the work openpyxl can be made to do.
    inflated = any(info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
                   for info in infos)
    if unpacked > MAX_UNCOMPRESSED_BYTES or inflated:
        raise UnreadableFile(
            f"Berkas ini mengembang menjadi {fmt.number(unpacked / 1024 / 1024, 1)} MB ketika dibuka "
            "(bom zip), sehingga tidak diproses.")
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
            raise UnreadableFile("Berkas ini berformat OpenDocument (.ods); simpan ulang sebagai Excel (.xlsx).")
        raise UnreadableFile("Berkas zip ini bukan buku kerja Excel (.xlsx).")


def register_of_sheet(name: str, descriptor: dict) -> str | None:
    """The register resource a sheet name stands for (name, title or template sheet name), if any."""
    key = header_key(name)
    for resource in schema.REGISTER_RESOURCES:
        spec = resource_descriptor(descriptor, resource)
        title = spec.get("title", resource)
        keys = {header_key(resource), header_key(title), header_key(re.sub(r"\(.*?\)", "", title)),
                header_key(schema.REGISTER_SHEETS[resource])}
        if key in keys:
            return resource
    return None


def _read_xlsx(content: bytes, descriptor: dict) -> tuple[dict[str, _Sheet | None], list[Problem]]:
    _check_zip(content)
    import openpyxl  # imported here: only uploads need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UnreadableFile("Buku kerja Excel ini rusak atau tidak dapat dibaca.") from error
    sheets: dict[str, _Sheet | None] = {}
    labels: dict[str, str] = {}
    problems = []
    try:
        names = list(workbook.sheetnames)
        for worksheet in workbook.worksheets:
            resource = register_of_sheet(worksheet.title, descriptor)
            if resource is None:
                continue
            if resource in sheets:
                problems.append(Problem(worksheet.title, None, None, None,
                                        f"sheet ini untuk tabel yang sama dengan sheet '{labels[resource]}'; "
                                        "hapus salah satunya"))
                continue
            rows = ((number, [_cell_text(v) for v in values]) for number, values in
                    enumerate(worksheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True), start=1))
            sheets[resource] = _sheet_from_rows(worksheet.title, rows, _known_headers(descriptor))
            labels[resource] = worksheet.title
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile("Buku kerja Excel ini rusak atau tidak dapat dibaca.") from error
    finally:
        workbook.close()
    if not sheets:
        expected = ", ".join(schema.REGISTER_SHEETS[r] for r in schema.REGISTER_RESOURCES)
        raise UnreadableFile(f"Buku kerja ini tidak memiliki sheet register ({expected}); "
                             f"sheet yang ada: {', '.join(names) or 'tidak ada'}.")
    return sheets, problems


def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(content: bytes, file_name: str, descriptor: dict, max_rows: int = MAX_ROWS) -> _Sheet | None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("Berkas teks ini berenkode UTF-16; simpan ulang sebagai CSV UTF-8.")
    if b"\x00" in content:
        raise UnreadableFile("Berkas ini bukan lembar kerja Excel (.xlsx) atau CSV.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile("Berkas CSV ini tidak berenkode UTF-8; di Excel simpan ulang dengan jenis "
                             "'CSV UTF-8 (Comma delimited)'.") from error
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\r\n")
    if controls > max(1, len(text) // 100):
        raise UnreadableFile("Berkas ini bukan lembar kerja Excel (.xlsx) atau CSV.")
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise UnreadableFile("Berkas ini tidak berisi baris judul maupun data.")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
        return _sheet_from_rows(file_name, enumerate(reader, start=1), _known_headers(descriptor), max_rows)
    except csv.Error as error:
        raise UnreadableFile("Berkas CSV ini tidak dapat diurai; periksa tanda kutip dan pemisah kolomnya.") \
            from error


def _guess_table(sheet: _Sheet | None, descriptor: dict) -> str:
    """The register resource whose names and titles match most of a CSV's headers (koperasi on a tie)."""
    if sheet is None:
        return schema.KOPERASI
    headers = {header_key(text) for text in sheet.header}
    scores = {}
    for resource in schema.REGISTER_RESOURCES:
        fields = resource_descriptor(descriptor, resource)["schema"]["fields"]
        keys = {header_key(f["name"]) for f in fields} | {header_key(f.get("title", "")) for f in fields}
        scores[resource] = len(headers & keys)
    best = max(scores.values())
    return schema.KOPERASI if scores[schema.KOPERASI] == best else max(scores, key=scores.get)


def _table_of(table: str | None, descriptor: dict) -> str | None:
    if table is None:
        return None
    resource = register_of_sheet(table, descriptor)
    if resource is None:
        raise UnreadableFile(f"Tabel '{table}' tidak dikenal; pilih salah satu: "
                             f"{', '.join(schema.REGISTER_RESOURCES)}.")
    return resource


def _read(content: bytes, file_name: str, table: str | None,
          descriptor: dict) -> tuple[dict[str, _Sheet | None], list[Problem]]:
    if not content:
        raise UnreadableFile("Berkas kosong.")
    if len(content) > MAX_BYTES:
        raise UnreadableFile(f"Berkas berukuran {fmt.number(len(content) / 1024 / 1024, 1)} MB, melebihi batas "
                             f"{fmt.number(MAX_BYTES / 1024 / 1024)} MB.")
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_xlsx(content, descriptor)
    kind = _kind_of(content)
    if kind:
        raise UnreadableFile(f"Berkas ini {kind}, bukan buku kerja Excel (.xlsx) atau CSV.")
    if file_name.lower().endswith(EXCEL_SUFFIXES):
        raise UnreadableFile("Berkas ini bernama seperti buku kerja Excel, tetapi isinya bukan buku kerja Excel.")
    resource = _table_of(table, descriptor)
    sheet = _read_csv(content, file_name, descriptor)
    return {resource or _guess_table(sheet, descriptor): sheet}, []


# Cells --------------------------------------------------------------------------------

GROUPED = r"[+-]?\d{1,3}(?:\.\d{3})+"


def _integer_text(text: str) -> str:
    if re.fullmatch(GROUPED, text):
        return text.replace(".", "")
    match = re.fullmatch(rf"({GROUPED}|[+-]?\d+),0+", text)
    if match:
        return match.group(1).replace(".", "")
    return text


def _number_text(text: str) -> str:
    if re.fullmatch(rf"(?:{GROUPED}|[+-]?\d+),\d+", text):
        return text.replace(".", "").replace(",", ".")
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3}){2,}", text):
        return text.replace(".", "")
    return text


def _date_text(text: str) -> str:
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    day_first = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", text)
    if iso:
        year, month, day = iso.groups()
    elif day_first:
        day, _, month, year = day_first.groups()
    else:
        return text
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return text


def _choices(spec: dict) -> dict[str, str]:
    values = spec.get("constraints", {}).get("enum", [])
    found = {header_key(schema.label(v)): v for v in values}
    found.update({header_key(v): v for v in values})
    return found


def _normal_cell(text: str, spec: dict, choices: dict[str, str]) -> str:
    if not text:
        return ""
    if spec["type"] == "integer":
        return _integer_text(text)
    if spec["type"] == "number":
        return _number_text(text)
    if spec["type"] == "date":
        return _date_text(text)
    return choices.get(header_key(text), text) if choices else text


def _cast_problem(text: str, spec: dict) -> str | None:
    """Why a cell Frictionless accepted still cannot be typed by pandas (None when it can)."""
    if not text:
        return None
    kind = spec["type"]
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            return f"'{text}' bukan bilangan bulat"
        if abs(int(text)) >= 2**53:
            return f"{text} terlalu besar"
    elif kind == "number":
        try:
            if not math.isfinite(float(text)) or abs(float(text)) >= 1e15:
                return f"{text} bukan angka yang wajar"
        except ValueError:
            return f"'{text}' bukan angka"
    elif kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return f"'{text}' bukan tanggal berformat TTTT-BB-HH"
        if not DATE_RANGE[0] <= int(text[:4]) <= DATE_RANGE[1]:
            return f"tanggal {text} di luar rentang tahun {DATE_RANGE[0]}-{DATE_RANGE[1]}"
    return None


# Checking -----------------------------------------------------------------------------


@dataclass
class _Table:
    """One uploaded table on its way through the checks."""

    resource: str
    sheet: _Sheet
    fields: list[dict]
    columns: dict[str, int]          # field name -> position in the sheet
    missing: list[str]               # required fields without a column
    text: pd.DataFrame               # normalised text cells; index = Excel row - 2
    raw: pd.DataFrame                # the cells as the user typed them; same index
    problems: list[Problem] = field(default_factory=list)

    def header_of(self, name: str) -> str:
        """The user's header text for a field, else the field's title."""
        if name in self.columns:
            return self.sheet.header[self.columns[name]]
        spec = next((f for f in self.fields if f["name"] == name), None)
        return spec.get("title", name) if spec else name

    def located(self, problem: Problem, frame_index: bool) -> Problem:
        """A problem from validate.py placed on the user's sheet, Excel row and header."""
        row = problem.row
        if row is not None and not frame_index:
            position = row - validate.HEADER_ROWS - 1
            row = self.sheet.row_numbers[position] if 0 <= position < len(self.sheet.row_numbers) else row
        names = [n.strip() for n in problem.column.split(",")] if problem.column else []
        column = ", ".join(self.header_of(n) for n in names) if names else problem.column
        value = problem.value
        if value is not None and len(names) == 1 and names[0] in self.raw and row is not None \
                and (row - 2) in self.raw.index:
            value = self.raw.at[row - 2, names[0]]
        message = problem.message
        if message == "baris kosong" and problem.column is None:
            # Frictionless sees a row whose only cells are under unknown or untitled columns as blank.
            message = "baris ini tidak berisi data di kolom yang dikenal"
        return Problem(self.sheet.label, row, column, value, message)


def _header_problems(sheet: _Sheet, fields: list[dict]) -> tuple[dict[str, int], list[str], list[Problem]]:
    aliases = {}
    for spec in fields:
        aliases[header_key(spec.get("title", spec["name"]))] = spec["name"]
    for spec in fields:
        aliases[header_key(spec["name"])] = spec["name"]
    columns: dict[str, int] = {}
    problems = []
    for position, text in enumerate(sheet.header):
        letter = _column_letter(position)
        if not text:
            problems.append(Problem(sheet.label, sheet.header_row, f"kolom {letter}", None,
                                    "judul kolom kosong padahal kolom ini berisi data"))
            continue
        name = aliases.get(header_key(text))
        if name is None:
            problems.append(Problem(sheet.label, sheet.header_row, text, None,
                                    f"kolom tidak dikenal (kolom {letter}); pakai judul kolom dari templat "
                                    "(lihat sheet Petunjuk) atau hapus kolom ini"))
        elif name in columns:
            problems.append(Problem(sheet.label, sheet.header_row, text, None,
                                    f"kolom ini muncul dua kali (kolom {_column_letter(columns[name])} "
                                    f"dan {letter})"))
        else:
            columns[name] = position
    missing = [spec["name"] for spec in fields
               if spec.get("constraints", {}).get("required") and spec["name"] not in columns]
    problems += [Problem(sheet.label, sheet.header_row, spec.get("title", spec["name"]), None,
                         "kolom wajib tidak ada di baris judul")
                 for spec in fields if spec["name"] in missing]
    return columns, missing, problems


def _reference_choices(resource: dict, reference: Dataset) -> dict[str, dict[str, str]]:
    """Canonical spellings of values that refer to a curated table (kecamatan names)."""
    found = {}
    for key in resource["schema"].get("foreignKeys", []):
        target = key["reference"]["resource"]
        if target in schema.REGISTER_RESOURCES or len(key["fields"]) != 1 or target not in reference.tables:
            continue
        values = reference[target][key["reference"]["fields"][0]].dropna().astype(str)
        found[key["fields"][0]] = {header_key(v): v for v in values}
    return found


def _table(resource_name: str, sheet: _Sheet, reference: Dataset) -> _Table:
    resource = resource_descriptor(reference.descriptor, resource_name)
    fields = resource["schema"]["fields"]
    columns, missing, problems = _header_problems(sheet, fields)
    index = [n - validate.HEADER_ROWS - 1 for n in sheet.row_numbers]
    raw = pd.DataFrame({name: [r[p] for r in sheet.rows] for name, p in columns.items()}, index=index,
                       dtype="object")
    references = _reference_choices(resource, reference)
    text = pd.DataFrame(index=index)
    for spec in fields:
        if spec["name"] in columns:
            choices = references.get(spec["name"]) or _choices(spec)
            text[spec["name"]] = [_normal_cell(c, spec, choices) for c in raw[spec["name"]]]
    return _Table(resource_name, sheet, fields, columns, missing, text.astype("object"), raw, problems)


def _row_problems(table: _Table, descriptor: dict) -> set[int]:
    """Schema, type and duplicate problems of every row; returns the frame index of rows that have any."""
    rows = table.text.to_dict("records")
    found = [table.located(p, frame_index=False)
             for p in validate.validate_rows(table.resource, rows, descriptor, keys=False)
             if p.column not in table.missing]
    bad = {p.row - 2 for p in found if p.row is not None}
    flagged = {(p.row, p.column) for p in found}
    specs = {spec["name"]: spec for spec in table.fields}
    for name in table.text.columns:
        for index, cell in table.text[name].items():
            reason = _cast_problem(cell, specs[name])
            if reason and (index + 2, table.header_of(name)) not in flagged:
                found.append(Problem(table.sheet.label, index + 2, table.header_of(name),
                                     table.raw.at[index, name], reason))
                bad.add(index)
    duplicates = validate.check_duplicates(table.resource, table.text, descriptor)
    found += [table.located(p, frame_index=True) for p in duplicates]
    table.problems += found
    return bad


def _rule_problems(table: _Table, good: pd.DataFrame, today_year: int) -> list[Problem]:
    rules = {
        schema.KOPERASI: lambda f: validate.check_koperasi(f, today_year),
        schema.CERTIFICATION: validate.check_sertifikasi,
        schema.UMKM: validate.check_umkm,
    }
    check = rules.get(table.resource)
    if check is None or good.empty:
        return []
    return [table.located(p, frame_index=True) for p in check(good)]


def _reference_problems(tables: dict[str, _Table], reference: Dataset) -> list[Problem]:
    """Values that point at a row of another table that does not exist (new table if uploaded, else current)."""
    problems = []
    for name, table in tables.items():
        resource = resource_descriptor(reference.descriptor, name)
        for key in resource["schema"].get("foreignKeys", []):
            if len(key["fields"]) != 1:
                continue
            column, target, target_column = key["fields"][0], key["reference"]["resource"], \
                key["reference"]["fields"][0]
            if column not in table.text:
                continue
            if target in tables:
                known = set(tables[target].text.get(target_column, pd.Series(dtype="object")))
                where = f"sheet {tables[target].sheet.label} yang diunggah"
            else:
                known = set(reference[target][target_column].dropna().astype(str))
                where = f"tabel {schema.REGISTER_SHEETS.get(target, target)} yang berlaku"
            listed = sorted(known - {""}) if target not in schema.REGISTER_RESOURCES else []
            hint = f" (nilai yang dikenal: {', '.join(listed)})" if 0 < len(listed) <= LISTED_VALUES else ""
            for index, cell in table.text[column].items():
                if cell and cell not in known:
                    problems.append(Problem(table.sheet.label, index + 2, table.header_of(column),
                                            table.raw.at[index, column], f"'{cell}' tidak dikenal di {where}{hint}"))
    # A table that is not uploaded may point at rows the upload removes (parcels of a cooperative).
    # The generated stand-ins are exempt: their fictional ids can never match the office's real
    # register, and they stay marked illustrative until the office imports its own records for them.
    for name in schema.REGISTER_RESOURCES:
        if name in tables or name not in reference.tables or reference.is_illustrative(name):
            continue
        for key in resource_descriptor(reference.descriptor, name)["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"]
            if target not in tables or len(key["fields"]) != 1:
                continue
            column, target_column = key["fields"][0], key["reference"]["fields"][0]
            uploaded = tables[target]
            if target_column not in uploaded.text:
                continue
            current = reference[name]
            orphans = current[~current[column].astype(str).isin(set(uploaded.text[target_column]))]
            primary = resource_descriptor(reference.descriptor, name)["schema"].get("primaryKey", [column])[0]
            for value, rows in orphans.groupby(column, sort=True):
                examples = ", ".join(rows[primary].astype(str).head(3))
                problems.append(Problem(
                    uploaded.sheet.label, None, uploaded.header_of(target_column), str(value),
                    f"'{value}' dipakai {len(rows)} baris di tabel {schema.REGISTER_SHEETS.get(name, name)} yang "
                    f"berlaku ({examples}) tetapi tidak ada di tabel ini; unggah juga sheet "
                    f"{schema.REGISTER_SHEETS.get(name, name)} yang diperbarui"))
    return problems


def _check(sheets: dict[str, _Sheet | None], reference: Dataset,
           today_year: int) -> tuple[dict[str, pd.DataFrame] | None, list[Problem]]:
    descriptor = reference.descriptor
    filled = {name: sheet for name, sheet in sheets.items() if sheet is not None and sheet.rows}
    problems: list[Problem] = []
    if not filled:
        for name, sheet in sheets.items():
            label = sheet.label if sheet else schema.REGISTER_SHEETS[name]
            problems.append(Problem(label, None, None, None,
                                    "tabel kosong: tidak ada satu baris data pun di bawah baris judul"))
        return None, problems
    tables = {name: _table(name, sheet, reference) for name, sheet in filled.items()}
    typed = {}
    for name, table in tables.items():
        bad = _row_problems(table, descriptor)
        if not table.missing:
            resource = resource_descriptor(descriptor, name)
            good = typed_frame(table.text.drop(index=list(bad)), resource)
            table.problems += _rule_problems(table, good, today_year)
            typed[name] = typed_frame(table.text, resource).reset_index(drop=True) if not bad else None
    problems += _reference_problems(tables, reference)
    for table in tables.values():
        problems += table.problems
    order = {name: i for i, name in enumerate(schema.REGISTER_RESOURCES)}
    labels = {table.sheet.label: order[name] for name, table in tables.items()}
    problems.sort(key=lambda p: (labels.get(p.table, -1), p.row or 0))
    if problems:
        return None, problems
    return typed, []


def prepare(content: bytes, file_name: str, table: str | None, reference: Dataset) -> Prepared:
    """Read and check an upload against the current dataset; raises only ``UnreadableFile``.

    ``table`` names the register resource of a CSV and is ignored for a workbook; without it a
    CSV is the table whose field names or titles match most of its headers (koperasi on a tie). References are checked against the uploaded table when there is one, else
    against ``reference``.
    """
    digest = hashlib.sha256(content).hexdigest()
    try:
        sheets, problems = _read(content, file_name, table, reference.descriptor)
        tables, found = _check(sheets, reference, dt.date.today().year)
    except UnreadableFile:
        raise
    except Exception as error:
        # Never a traceback for the user; the log keeps it for whoever fixes the bug.
        logger.exception("prepare() failed on %s", file_name)
        raise UnreadableFile("Berkas ini tidak dapat diproses; periksa bahwa isinya mengikuti templat.") \
            from error
    problems = problems + found
    return Prepared(None if problems else tables, problems, digest, file_name)


# Preview ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What an import would change in the current version: cooperatives and headline totals."""

    tables: tuple[str, ...]      # register resources the import replaces
    rows: pd.DataFrame           # tabel, sebelum, sesudah: rows per register resource
    added: pd.DataFrame          # cooperatives only in the upload (id_koperasi, nama, kecamatan, status)
    removed: pd.DataFrame        # cooperatives only in the current version (same columns)
    changed: pd.DataFrame        # id_koperasi, nama, kolom (changed field names, comma-separated)
    changed_cells: pd.DataFrame  # id_koperasi, kolom, sebelum, sesudah: one row per changed cell, as text
    totals: pd.DataFrame         # indikator, sebelum, sesudah, selisih
    unchanged: bool              # every uploaded table equals the current one


def _comparable(value) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _koperasi_diff(before: pd.DataFrame, after: pd.DataFrame):
    key = "id_koperasi"
    shown = ["id_koperasi", "nama", "kecamatan", "status"]
    old_ids, new_ids = set(before[key]), set(after[key])
    added = after[~after[key].isin(old_ids)][shown].sort_values(key).reset_index(drop=True)
    removed = before[~before[key].isin(new_ids)][shown].sort_values(key).reset_index(drop=True)
    columns = [c for c in after.columns if c in before.columns and c != key]
    left = before.drop_duplicates(key).set_index(key)
    right = after.drop_duplicates(key).set_index(key)
    common = sorted(old_ids & new_ids)
    cells, changed = [], []
    for identifier in common:
        differing = []
        for column in columns:
            old, new = _comparable(left.at[identifier, column]), _comparable(right.at[identifier, column])
            if old != new:
                differing.append(column)
                cells.append({"id_koperasi": identifier, "kolom": column, "sebelum": old, "sesudah": new})
        if differing:
            changed.append({"id_koperasi": identifier, "nama": right.at[identifier, "nama"],
                            "kolom": ", ".join(differing)})
    return (added, removed, pd.DataFrame(changed, columns=["id_koperasi", "nama", "kolom"]),
            pd.DataFrame(cells, columns=["id_koperasi", "kolom", "sebelum", "sesudah"]))


def _frames_equal(left: pd.DataFrame, right: pd.DataFrame) -> bool:
    try:
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True),
                                      check_dtype=False, check_like=True)
        return True
    except AssertionError:
        return False


def compare(current: Dataset, tables: dict[str, pd.DataFrame]) -> Change:
    """Preview of replacing the current register tables with ``tables``: who is added, removed, changed,
    and how the headline totals move."""
    after = {name: tables.get(name, current[name]) for name in schema.REGISTER_RESOURCES}
    before = {name: current[name] for name in schema.REGISTER_RESOURCES}
    rows = pd.DataFrame([{"tabel": name, "sebelum": len(before[name]), "sesudah": len(after[name])}
                         for name in schema.REGISTER_RESOURCES])
    if schema.KOPERASI in tables:
        added, removed, changed, cells = _koperasi_diff(before[schema.KOPERASI], after[schema.KOPERASI])
    else:
        added, removed, changed, cells = _koperasi_diff(before[schema.KOPERASI], before[schema.KOPERASI])
    old = metrics.register_headlines(before[schema.KOPERASI], before[schema.CERTIFICATION], before[schema.UMKM])
    new = metrics.register_headlines(after[schema.KOPERASI], after[schema.CERTIFICATION], after[schema.UMKM])
    totals = old.merge(new, on=["kode", "indikator"], suffixes=("_sebelum", "_sesudah"))
    totals = pd.DataFrame({"indikator": totals["indikator"], "sebelum": totals["nilai_sebelum"],
                           "sesudah": totals["nilai_sesudah"],
                           "selisih": totals["nilai_sesudah"] - totals["nilai_sebelum"]})
    equal = all(_frames_equal(before[name], after[name]) for name in tables if name in before)
    return Change(tuple(name for name in schema.REGISTER_RESOURCES if name in tables), rows, added, removed,
                  changed, cells, totals, equal)



# A folder of CSV files (command line only) ------------------------------------------------

# The command line reads files the operator names on the server, so it takes a register far larger
# than a web upload (a provincial or national register); this only bounds a runaway file.
FOLDER_MAX_ROWS = 2_000_000


def prepare_folder(files: dict[str, bytes], folder_name: str, reference: Dataset) -> Prepared:
    """Check one CSV per register table together (``koperasi.csv``, ``sertifikasi.csv``, ...), as one upload.

    ``files`` maps each file name to its bytes; the table is the file's name without ``.csv``
    (matched like a sheet name), so references between the tables are checked against each
    other. The web upload's size limit does not apply: this is for ``import FOLDER`` on the
    command line. Raises only ``UnreadableFile``.
    """
    descriptor = reference.descriptor
    digest = hashlib.sha256()
    sheets: dict[str, _Sheet | None] = {}
    try:
        for file_name in sorted(files):
            content = files[file_name]
            resource = register_of_sheet(file_name.rsplit(".", 1)[0], descriptor)
            if resource is None or not file_name.lower().endswith(".csv"):
                continue
            if not content:
                raise UnreadableFile(f"Berkas {file_name} kosong.")
            digest.update(f"{file_name}\0{hashlib.sha256(content).hexdigest()}\n".encode())
            sheets[resource] = _read_csv(content, file_name, descriptor, FOLDER_MAX_ROWS)
        if not sheets:
            names = ", ".join(f"{r}.csv" for r in schema.REGISTER_RESOURCES)
            raise UnreadableFile(f"Folder {folder_name} tidak berisi berkas CSV register ({names}).")
        tables, problems = _check(sheets, reference, dt.date.today().year)
    except UnreadableFile:
        raise
    except Exception as error:
        logger.exception("prepare_folder() failed on %s", folder_name)
        raise UnreadableFile("Folder ini tidak dapat diproses; periksa bahwa isinya mengikuti templat.") \
            from error
    return Prepared(None if problems else tables, problems, digest.hexdigest(), folder_name)
