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

The checks are the data package's own (``validate.validate_frame`` with the Frictionless field
constraints from ``datapackage.json``, ``validate.check_duplicates`` and the ``check_*`` rules),
so the shipped data and an upload follow one rule set; this module only adds what needs the
other tables (references) and maps every problem to the user's sheet, row and header.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import decimal
import io
import itertools
import logging
import math
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from koperasi_data import exports, fmt, schema, validate
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
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# A formula cell the workbook holds no saved result for: marked so the checks can report it.
FORMULA_WITHOUT_VALUE = "\ufdd0"
FORMULA_WITHOUT_VALUE_MESSAGE = ("sel berisi rumus tanpa nilai tersimpan; simpan ulang berkas di Excel/LibreOffice "
                                 "(buka, lalu simpan) agar hasil rumusnya ikut tersimpan")


@dataclass(frozen=True)
class Limits:
    """How big an upload may be. The web page keeps the small defaults; the command line, run by the
    office's own staff on the server, reads bigger registers but still refuses zip bombs."""

    max_bytes: int = MAX_BYTES
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_rows: int = MAX_ROWS


WEB_LIMITS = Limits()
COMMAND_LINE_LIMITS = Limits(max_bytes=200 * 1024 * 1024, max_uncompressed_bytes=2 * 1024 * 1024 * 1024,
                             max_rows=2_000_000)
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
    """A spreadsheet cell as the text a CSV would hold: dates TTTT-BB-HH, whole numbers without '.0'.

    A number cell is written with a decimal comma and no grouping (1.234 typed as a number becomes
    "1,234"), so the Indonesian text rules read it back as the same number: it is never taken for
    a thousands separator.
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if not math.isfinite(value):
            return repr(value)
        return format(decimal.Decimal(repr(value)), "f").replace(".", ",")
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
        cells = list(map(str.strip, cells))
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
    sheet.rows = [r if len(r) == width else (r + [""] * width)[:width] for r in sheet.rows]
    return sheet


def _kind_of(content: bytes) -> str | None:
    """A short Indonesian name for well-known non-spreadsheet files."""
    signatures = {b"%PDF": "dokumen PDF", b"\x89PNG": "gambar PNG", b"\xff\xd8\xff": "gambar JPEG",
                  b"GIF8": "gambar GIF", b"{\\rtf": "dokumen RTF"}
    for magic, kind in signatures.items():
        if content.startswith(magic):
            return kind
    return None


def _check_zip(content: bytes, limits: Limits = WEB_LIMITS) -> str:
    """'xlsx' or 'ods'; refuses a zip that is not a workbook or that would unpack to too much (a zip bomb)."""
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
    if unpacked > limits.max_uncompressed_bytes or inflated:
        raise UnreadableFile(
            f"Berkas ini mengembang menjadi {fmt.number(unpacked / 1024 / 1024, 1)} MB ketika dibuka "
            "(bom zip), sehingga tidak diproses.")
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names and "content.xml" in names:
        mimetype = archive.read("mimetype").strip()
        if mimetype == ODS_MIMETYPE:
            return "ods"
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            raise UnreadableFile("Berkas ini dokumen OpenDocument, tetapi bukan lembar kerja (.ods); simpan "
                                 "register sebagai .ods atau Excel (.xlsx).")
    raise UnreadableFile("Berkas zip ini bukan buku kerja Excel (.xlsx) atau lembar kerja LibreOffice (.ods).")


def _has_formulas(content: bytes) -> bool:
    """Whether any worksheet of an .xlsx holds a formula (only then is a second read needed)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return any(re.search(rb"<(?:\w+:)?f[ >/]", archive.read(info))
                   for info in archive.infolist() if info.filename.startswith("xl/worksheets/"))


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


def _with_formulas(values: tuple, formulas: tuple | None) -> list[str]:
    """Cell texts of one row; a formula cell without a saved result is marked, never read as empty."""
    texts = [_cell_text(v) for v in values]
    if formulas:
        for position, (value, formula) in enumerate(zip(values, formulas)):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                texts[position] = FORMULA_WITHOUT_VALUE + formula
    return texts


def _read_xlsx(content: bytes, descriptor: dict,
               limits: Limits = WEB_LIMITS) -> tuple[dict[str, _Sheet | None], list[Problem]]:
    import openpyxl  # imported here: only uploads need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            # A workbook written by a script, or saved without recalculation, has formulas without
            # results; the values read gives None for them, so read the formulas too to tell.
            formulas = (openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
                        if _has_formulas(content) else None)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UnreadableFile("Buku kerja Excel ini rusak atau tidak dapat dibaca.") from error
    try:
        names = list(workbook.sheetnames)

        def worksheets():
            for worksheet in workbook.worksheets:
                values = worksheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
                if formulas is None:
                    yield worksheet.title, (_with_formulas(v, None) for v in values)
                else:
                    cells = formulas[worksheet.title].iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
                    yield worksheet.title, (_with_formulas(v, f) for v, f in
                                            itertools.zip_longest(values, cells, fillvalue=()))

        return _register_sheets(worksheets(), names, descriptor, limits)
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile("Buku kerja Excel ini rusak atau tidak dapat dibaca.") from error
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()


def _read_ods(content: bytes, descriptor: dict,
              limits: Limits = WEB_LIMITS) -> tuple[dict[str, _Sheet | None], list[Problem]]:
    """A LibreOffice Calc workbook (.ods), read by pandas' odf engine under the same rules as .xlsx."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames = pd.read_excel(io.BytesIO(content), engine="odf", sheet_name=None, header=None, dtype=object)
    except ImportError:
        raise
    except Exception as error:  # odfpy raises many kinds on a damaged file
        raise UnreadableFile("Lembar kerja LibreOffice (.ods) ini rusak atau tidak dapat dibaca.") from error
    sheets = ((name, ([_cell_text(v) for v in row[:MAX_COLUMNS]] for row in frame.itertuples(index=False)))
              for name, frame in frames.items())
    return _register_sheets(sheets, list(frames), descriptor, limits)


def _register_sheets(sheets: Iterable[tuple[str, Iterable[list[str]]]], names: list[str], descriptor: dict,
                     limits: Limits) -> tuple[dict[str, _Sheet | None], list[Problem]]:
    """The register sheets of a workbook (title, rows of cell texts), with the problems of duplicate sheets."""
    found: dict[str, _Sheet | None] = {}
    labels: dict[str, str] = {}
    problems = []
    for title, rows in sheets:
        resource = register_of_sheet(title, descriptor)
        if resource is None:
            continue
        if resource in found:
            problems.append(Problem(title, None, None, None,
                                    f"sheet ini untuk tabel yang sama dengan sheet '{labels[resource]}'; "
                                    "hapus salah satunya"))
            continue
        found[resource] = _sheet_from_rows(title, enumerate(rows, start=1), _known_headers(descriptor),
                                           limits.max_rows)
        labels[resource] = title
    sheets = found
    if not sheets:
        expected = ", ".join(schema.REGISTER_SHEETS[r] for r in schema.REGISTER_RESOURCES)
        raise UnreadableFile(f"Buku kerja ini tidak memiliki sheet register ({expected}); "
                             f"sheet yang ada: {', '.join(names) or 'tidak ada'}.")
    return sheets, problems


def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(content: bytes, file_name: str, descriptor: dict, limits: Limits = WEB_LIMITS) -> _Sheet | None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("Berkas teks ini berenkode UTF-16; simpan ulang sebagai CSV UTF-8.")
    if b"\x00" in content:
        raise UnreadableFile("Berkas ini bukan lembar kerja Excel (.xlsx) atau CSV.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile("Berkas CSV ini tidak berenkode UTF-8; di Excel simpan ulang dengan jenis "
                             "'CSV UTF-8 (Comma delimited)'.") from error
    controls = sum(map(len, FILE_CONTROLS.findall(text)))
    if controls > max(1, len(text) // 100):
        raise UnreadableFile("Berkas ini bukan lembar kerja Excel (.xlsx) atau CSV.")
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise UnreadableFile("Berkas ini tidak berisi baris judul maupun data.")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
        return _sheet_from_rows(file_name, enumerate(reader, start=1), _known_headers(descriptor), limits.max_rows)
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


def _read(content: bytes, file_name: str, table: str | None, descriptor: dict,
          limits: Limits = WEB_LIMITS) -> tuple[dict[str, _Sheet | None], list[Problem]]:
    if not content:
        raise UnreadableFile("Berkas kosong.")
    if len(content) > limits.max_bytes:
        raise UnreadableFile(f"Berkas berukuran {fmt.number(len(content) / 1024 / 1024, 1)} MB, melebihi batas "
                             f"{fmt.number(limits.max_bytes / 1024 / 1024)} MB.")
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        if _check_zip(content, limits) == "ods":
            return _read_ods(content, descriptor, limits)
        return _read_xlsx(content, descriptor, limits)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile("Berkas ini buku kerja Excel lama (.xls) atau berkas berkata sandi; buka di Excel atau "
                             "LibreOffice lalu simpan sebagai Excel (.xlsx) atau .ods tanpa kata sandi.")
    kind = _kind_of(content)
    if kind:
        raise UnreadableFile(f"Berkas ini {kind}, bukan buku kerja Excel (.xlsx), .ods atau CSV.")
    if file_name.lower().endswith(EXCEL_SUFFIXES):
        raise UnreadableFile("Berkas ini bernama seperti buku kerja Excel, tetapi isinya bukan buku kerja Excel.")
    resource = _table_of(table, descriptor)
    sheet = _read_csv(content, file_name, descriptor, limits)
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


DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


def _ambiguous_date(text: str) -> bool:
    """Whether a day-first text date reads as another real date month-first (07/12/2016: 7 Dec or 12 Jul)."""
    match = DAY_FIRST.fullmatch(text)
    if not match:
        return False
    day, month = int(match.group(1)), int(match.group(3))
    return day != month and day <= 12 and month <= 12


def _date_text(text: str) -> str:
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    day_first = DAY_FIRST.fullmatch(text)
    if iso:
        year, month, day = iso.groups()
    elif day_first and not _ambiguous_date(text):
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
    # A cell exported by this dashboard comes back as it was: the apostrophe that kept a
    # spreadsheet from running it as a formula is dropped (exactly that one, nothing else).
    text = exports.unneutralise(text.replace("\r\n", "\n"))
    if spec["type"] == "integer":
        return _integer_text(text)
    if spec["type"] == "number":
        return _number_text(text)
    if spec["type"] == "date":
        return _date_text(text)
    return choices.get(header_key(text), text) if choices else text


# Unicode category Cc (C0 and C1 controls, DEL): a regex finds them far faster than a look at every character.
FILE_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")  # not \t \r \n
CELL_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]+")  # not \n (a line break inside a cell is fine)


def _cell_problem(text: str, spec: dict) -> str | None:
    """Why a cell cannot be taken at all, before its type is looked at (None when it can)."""
    if not text:
        return None
    if text.startswith(FORMULA_WITHOUT_VALUE):
        return FORMULA_WITHOUT_VALUE_MESSAGE
    if CELL_CONTROLS.search(text):
        controls = sorted(set("".join(CELL_CONTROLS.findall(text))))
        codes = ", ".join(f"U+{ord(c):04X}" for c in controls)
        return (f"sel berisi karakter kendali yang tidak terlihat ({codes}); hapus karakter itu (baris baru di "
                "dalam sel boleh)")
    if spec["type"] == "date" and _ambiguous_date(text):
        match = DAY_FIRST.fullmatch(text)
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        try:
            day_first, month_first = dt.date(year, month, day), dt.date(year, day, month)
        except ValueError:
            return None
        return (f"tanggal '{text}' dapat berarti {fmt.date(day_first)} atau {fmt.date(month_first)}; tulis "
                f"TTTT-BB-HH (mis. {day_first.isoformat()}) atau pakai sel bertipe tanggal")
    return None


def _shown_value(raw: str) -> str:
    """A cell as the problem list shows it (the formula of a formula cell without a saved result)."""
    return raw[len(FORMULA_WITHOUT_VALUE):] if raw.startswith(FORMULA_WITHOUT_VALUE) else raw


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
    by_column = list(zip(*sheet.rows)) if sheet.rows else [()] * len(sheet.header)  # rows are padded to one width
    raw = pd.DataFrame({name: list(by_column[p]) for name, p in columns.items()}, index=index, dtype="object")
    references = _reference_choices(resource, reference)
    text = pd.DataFrame(index=index)
    for spec in fields:
        if spec["name"] in columns:
            choices = references.get(spec["name"]) or _choices(spec)
            text[spec["name"]] = _normal_column(raw[spec["name"]], spec, choices)
    return _Table(resource_name, sheet, fields, columns, missing, text.astype("object"), raw, problems)


def _normal_column(cells: pd.Series, spec: dict, choices: dict[str, str]) -> np.ndarray:
    """``_normal_cell`` of every cell of a column, once per distinct value (a register repeats its kecamatan,
    dates and counts); plain text that needs nothing passes as it is."""
    codes, distinct = pd.factorize(cells.to_numpy(dtype=object))
    if spec["type"] == "string" and not choices:
        normal = [c if c and c[0] != exports.APOSTROPHE and "\r" not in c else _normal_cell(c, spec, choices)
                  for c in distinct]
    else:
        normal = [_normal_cell(c, spec, choices) if c else "" for c in distinct]
    return np.asarray(normal + [""], dtype=object)[codes]  # code -1 (a missing cell) reads as empty


def _suspect(cells: pd.Series, spec: dict) -> pd.Series:
    """The cells ``_cell_problem`` may object to (the others it passes): formula without value, controls, dates."""
    text = cells.astype(str)
    mask = text.str.contains(CELL_CONTROLS) | text.str.startswith(FORMULA_WITHOUT_VALUE)
    if spec["type"] == "date":
        # Every text DAY_FIRST matches (the only dates _cell_problem objects to) has this shape.
        mask |= text.str.fullmatch(r"[^/.\-]{1,2}[/.\-][^/.\-]{1,2}[/.\-][^/.\-]{4}")
    return cells[mask & (text != "")]


def _uncastable(cells: pd.Series, spec: dict) -> pd.Series:
    """The cells ``_cast_problem`` may object to: non-empty numbers and dates, except plain short integers."""
    if spec["type"] not in ("integer", "number", "date"):
        return cells.iloc[0:0]
    text = cells.astype(str)
    mask = text != ""
    if spec["type"] == "integer":  # up to 15 digits is below 2**53
        mask &= ~text.str.fullmatch(r"[+-]?\d{1,15}")
    elif spec["type"] == "date":  # TTTT-BB-HH with a year in DATE_RANGE passes
        iso = text.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
        year = pd.to_numeric(text.str.slice(0, 4).where(iso), errors="coerce")
        mask &= ~(iso & year.between(*DATE_RANGE)).fillna(False).astype(bool)
    return cells[mask]


def _row_problems(table: _Table, descriptor: dict) -> set[int]:
    """Schema, type and duplicate problems of every row; returns the frame index of rows that have any."""
    found = [table.located(p, frame_index=False)
             for p in validate.validate_frame(table.resource, table.text, descriptor)
             if p.column not in table.missing]
    specs = {spec["name"]: spec for spec in table.fields}
    # A cell that cannot be taken at all gets that one reason, not also a type error.
    early = {}
    for name in table.text.columns:
        for index, cell in _suspect(table.text[name], specs[name]).items():
            reason = _cell_problem(cell, specs[name])
            if reason:
                early[(index + 2, table.header_of(name))] = Problem(
                    table.sheet.label, index + 2, table.header_of(name), _shown_value(table.raw.at[index, name]),
                    reason)
    found = [p for p in found if (p.row, p.column) not in early] + list(early.values())
    bad = {p.row - 2 for p in found if p.row is not None}
    flagged = {(p.row, p.column) for p in found}
    for name in table.text.columns:
        for index, cell in _uncastable(table.text[name], specs[name]).items():
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
            cells = table.text[column]
            for index, cell in cells[(cells != "") & ~cells.isin(known)].items():
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
            good = typed_frame(table.text.drop(index=list(bad)) if bad else table.text, resource)
            table.problems += _rule_problems(table, good, today_year)
            typed[name] = good.reset_index(drop=True) if not bad else None
    problems += _reference_problems(tables, reference)
    for table in tables.values():
        problems += table.problems
    order = {name: i for i, name in enumerate(schema.REGISTER_RESOURCES)}
    labels = {table.sheet.label: order[name] for name, table in tables.items()}
    problems.sort(key=lambda p: (labels.get(p.table, -1), p.row or 0))
    if problems:
        return None, problems
    return typed, []


def prepare(content: bytes, file_name: str, table: str | None, reference: Dataset,
            limits: Limits = WEB_LIMITS) -> Prepared:
    """Read and check an upload against the current dataset; raises only ``UnreadableFile``.

    ``table`` names the register resource of a CSV and is ignored for a workbook; without it a
    CSV is the table whose field names or titles match most of its headers (koperasi on a tie). References are checked against the uploaded table when there is one, else
    against ``reference``.
    """
    digest = hashlib.sha256(content).hexdigest()
    try:
        sheets, problems = _read(content, file_name, table, reference.descriptor, limits)
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


# A folder of CSV files (command line only) ------------------------------------------------

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
            if len(content) > COMMAND_LINE_LIMITS.max_bytes:
                raise UnreadableFile(f"Berkas {file_name} melebihi batas "
                                     f"{COMMAND_LINE_LIMITS.max_bytes // (1024 * 1024)} MB.")
            digest.update(f"{file_name}\0{hashlib.sha256(content).hexdigest()}\n".encode())
            sheets[resource] = _read_csv(content, file_name, descriptor, COMMAND_LINE_LIMITS)
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
