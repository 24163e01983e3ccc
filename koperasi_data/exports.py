"""Bytes for downloads and tables for display: frames in, bytes or frames out."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import zipfile

import openpyxl
import pandas as pd

from koperasi_data import fmt, rules
from koperasi_data.schema import label
from koperasi_data.i18n import N_, _

# A cell starting with one of these is run as a formula by spreadsheet programs (the full-width
# forms too: some spreadsheet programs read them as their ASCII twins).
FORMULA_CHARACTERS = "=+-@＝＋－＠"
FORMULA_PREFIXES = tuple(FORMULA_CHARACTERS) + ("\t", "\r")
# A separator followed by a formula character: Excel set to a ';' list separator (the Indonesian
# locale) splits "Kop A;=1+1" into two cells and runs the second.
EMBEDDED_FORMULA = re.compile(rf"[;,\t\r\n]\s*[{re.escape(FORMULA_CHARACTERS)}]")
APOSTROPHE = "'"


def needs_neutralising(text: str) -> bool:
    """Whether a spreadsheet could run this text (or a piece of it split off at a separator) as a formula."""
    return text.startswith(FORMULA_PREFIXES) or EMBEDDED_FORMULA.search(text) is not None


def _marked(text: str) -> bool:
    # Text that already begins with apostrophes before a formula gets one more, so that stripping
    # one on import gives back exactly what was exported ("'=x" -> "''=x" -> "'=x").
    return needs_neutralising(text.lstrip(APOSTROPHE))


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, prefixed with an apostrophe; anything else as is."""
    if isinstance(value, str) and _marked(value):
        return APOSTROPHE + value
    return value


# Every text ``_marked`` finds matches this (and some more): it starts, after apostrophes, with a formula
# character, or has a separator with a formula character somewhere after it. A whole text column is searched
# for it at once; only the texts it finds are looked at one by one.
MAYBE_MARKED = f"(?s)^'*[{re.escape(FORMULA_CHARACTERS)}\t\r]|[;,\t\r\n].*[{re.escape(FORMULA_CHARACTERS)}]"


def neutralised(column: pd.Series) -> pd.Series:
    """``neutralise`` on every cell of a column, each distinct text looked at once (a 128.700-row register has
    1,4 million text cells, most of them repeats or plain); the column itself when no cell needs it."""
    suspects = column
    if pd.api.types.is_string_dtype(column) and column.dtype != object:
        suspects = column[column.str.contains(MAYBE_MARKED, regex=True, na=False)]
    marked = {value: APOSTROPHE + value for value in pd.unique(suspects.dropna()) if isinstance(value, str)
              and _marked(value)}
    if not marked:
        return column
    return column.mask(column.isin(list(marked)), column.map(marked))


def unneutralise(text: str) -> str:
    """The inverse of ``neutralise`` for a cell read back: strips exactly the apostrophe it adds, nothing else."""
    if text.startswith(APOSTROPHE) and _marked(text):
        return text[1:]
    return text


def workbook_text(value):
    """A text for a workbook's text cell: as it is (a text cell never runs), except that text already
    starting with an apostrophe before a formula keeps it through ``unneutralise`` on re-import."""
    if isinstance(value, str) and value.startswith(APOSTROPHE) and _marked(value):
        return APOSTROPHE + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV of exactly the numbers in ``frame``: UTF-8 with BOM (so Excel reads accents), no index.

    Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe (the
    importer strips exactly that apostrophe again), and every text cell is quoted, so a separator
    inside it never splits it.
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = neutralised(safe[column])
    return safe.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")


def _plain(value) -> str:
    return fmt.MISSING if pd.isna(value) else str(value)


def coded(value) -> str:
    """A coded text cell as its Indonesian label (a dash when empty)."""
    return fmt.MISSING if pd.isna(value) else label(str(value))


def _period(value) -> str:
    """A reference period kept as ISO text ('2016-07-12', '2020-07', '2023') written '12 Juli 2016', 'Juli 2020'."""
    if pd.isna(value) or value == "":
        return fmt.MISSING
    try:
        return fmt.period(str(value))
    except ValueError:  # not a date after all: shown as it was entered
        return str(value)


# Text columns holding ISO dates or months (the published values keep "periode" as precise as it was stated).
PERIOD_COLUMNS = ("periode", "bulan", "tanggal")


def display_formats(frame: pd.DataFrame) -> dict:
    """Formatter per column: the Indonesian display text of each value (views.display_table uses it).

    Counts get Indonesian grouping, shares one decimal, dates '12 Juli 2016', years stay
    plain (2016, not 2.016), periods kept as ISO text "Juli 2020" or "12 Juli 2016", coded values their label,
    and empty cells a dash.
    """
    formats = {}
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_bool_dtype(series):
            continue
        if str(column).lower().startswith("tahun"):
            formats[column] = _plain
        elif pd.api.types.is_integer_dtype(series):
            formats[column] = fmt.number
        elif pd.api.types.is_float_dtype(series):
            whole = series.dropna()
            decimals = 0 if len(whole) and (whole == whole.round()).all() else 1
            formats[column] = (lambda d: (lambda v: fmt.number(v, d)))(decimals)
        elif pd.api.types.is_datetime64_any_dtype(series):
            formats[column] = lambda v: fmt.MISSING if pd.isna(v) else fmt.date(v.date())
        elif str(column).lower() in PERIOD_COLUMNS:
            formats[column] = _period
        else:
            formats[column] = coded
    return formats


# Titles of the columns that metrics compute (not fields of the data package), for tables and their translation.
# Each is exactly the name made readable, as shown before this table existed ("Rat tahun berjalan" too).
COLUMN_TITLES: dict[str, str] = {
    "status": N_("Status"),
    "desa_kelurahan": N_("Desa kelurahan"),
    "persen": N_("Persen"),
    "dari": N_("Dari"),
    "keadaan": N_("Keadaan"),
    "desa": N_("Desa"),
    "kode_desa_batas": N_("Kode desa batas"),
    "wilayah": N_("Wilayah"),
    "jumlah": N_("Jumlah"),
    "aktif": N_("Aktif"),
    "tidak_aktif": N_("Tidak aktif"),
    "total": N_("Total"),
    "persen_aktif": N_("Persen aktif"),
    "RAT tahun berjalan": N_("Rat tahun berjalan"),
    "RAT tahun lalu": N_("Rat tahun lalu"),
    "Tidak RAT 3 tahun atau lebih": N_("Tidak rat 3 tahun atau lebih"),
    "Lainnya": N_("Lainnya"),
    "persen_rat_tepat_waktu": N_("Persen rat tepat waktu"),
    "nama": N_("Nama"),
    "bidang": N_("Bidang"),
    "persen_dari_usulan": N_("Persen dari usulan"),
    "bulan": N_("Bulan"),
    "diusulkan": N_("Diusulkan"),
    "diverifikasi": N_("Diverifikasi"),
    "diukur": N_("Diukur"),
    "terbit": N_("Terbit"),
    "dalam_proses": N_("Dalam proses"),
    "ditunda": N_("Ditunda"),
    "ditolak": N_("Ditolak"),
    "id_bidang": N_("Id bidang"),
    "hari_sejak_langkah_terakhir": N_("Hari sejak langkah terakhir"),
    "langkah": N_("Langkah"),
    "persen_dari_terbit": N_("Persen dari terbit"),
    "pengajuan": N_("Pengajuan"),
    "pinjaman_diperoleh": N_("Pinjaman diperoleh"),
    "sesi": N_("Sesi"),
    "koperasi": N_("Koperasi"),
    "pengurus": N_("Pengurus"),
    "koperasi_aktif": N_("Koperasi aktif"),
    "koperasi_bermitra": N_("Koperasi bermitra"),
    "persen_bermitra": N_("Persen bermitra"),
    "umkm_mitra": N_("Umkm mitra"),
    "bidang_terbit": N_("Bidang terbit"),
    "koperasi_dilatih": N_("Koperasi dilatih"),
    "pengurus_dilatih": N_("Pengurus dilatih"),
    "tenaga_kerja_per_unit": N_("Tenaga kerja per unit"),
    "angka_resmi": N_("Angka resmi"),
    "register": N_("Register"),
    "selisih": N_("Selisih"),
    "sumber": N_("Sumber"),
    "kolom": N_("Kolom"),
    "judul": N_("Judul"),
    "tipe": N_("Tipe"),
    "aturan": N_("Aturan"),
    "keterangan": N_("Keterangan"),
    "kode": N_("Kode"),
    "tanggal_terbit": N_("Tanggal terbit"),
    "tanggal": N_("Tanggal"),
    "urutan": N_("Urutan"),
    "kode_indikator": N_("Kode indikator"),
    "indikator": N_("Indikator"),
    "nilai_rp": N_("Nilai rp"),
    "label": N_("Label"),
    "tahap": N_("Tahap"),
    "alasan": N_("Alasan"),
    "kecamatan": N_("Kecamatan"),
    "tahun": N_("Tahun"),
    "nilai": N_("Nilai"),
    "periode": N_("Periode"),
    "penerbit": N_("Penerbit"),
    "url": N_("Url"),
    "catatan": N_("Catatan"),
    "presisi": N_("Presisi"),
    "satuan": N_("Satuan"),
    "kategori": N_("Kategori"),
}


def column_titles(descriptor: dict) -> dict[str, str]:
    """Field titles of the data package, for the field names that mean the same in every resource."""
    seen: dict[str, set[str]] = {}
    for resource in descriptor["resources"]:
        if "schema" not in resource:  # GeoJSON boundaries: no columns
            continue
        for spec in resource["schema"]["fields"]:
            seen.setdefault(spec["name"], set()).add(spec.get("title", spec["name"]))
    return {name: titles.pop() for name, titles in seen.items() if len(titles) == 1}


def column_title(name: str, titles: dict[str, str]) -> str:
    """Display title of a column in the current language: the data package's title, else the name made
    readable (``COLUMN_TITLES`` names the computed columns, so that they can be translated)."""
    title = titles.get(name) or COLUMN_TITLES.get(name) or str(name).replace("_", " ").capitalize()
    return _(title)


def data_dictionary(resource: dict) -> pd.DataFrame:
    """One row per field of a resource: name, title, type, unit, rule and description."""
    rows = []
    for spec in resource["schema"]["fields"]:
        rows.append({"kolom": spec["name"], "judul": _(spec.get("title", "")), "tipe": spec["type"],
                     "satuan": _(spec.get("unit", "")), "aturan": rules.rule_text(spec),
                     "keterangan": _(spec.get("description", ""))})
    return pd.DataFrame(rows)


EXPORT_FORMATS = {
    # The BOM lets Excel read accents; the descriptor says so, so Frictionless reads it too.
    "csv": {"mediatype": "text/csv", "encoding": "utf-8-sig"},
    "xlsx": {"mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "json": {"mediatype": "application/json", "encoding": "utf-8"},
}


def _cell(value):
    """A frame cell as a plain Python value for a workbook or JSON (None when missing)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """One sheet with the frame: numbers as numbers, dates as dates, every text as a text cell.

    openpyxl turns a string beginning with '=' into a formula; setting the cell type back to
    string makes Excel show it as the text it is, so nothing in a workbook is ever run.
    """
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet[:31]
    worksheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        worksheet.append([workbook_text(_cell(v)) for v in row])
    for row in worksheet.iter_rows(min_row=1):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif hasattr(cell.value, "year"):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a JSON array of records: ISO dates, null for missing cells, UTF-8."""
    records = [{column: _cell(value) for column, value in zip(frame.columns, row)}
               for row in frame.itertuples(index=False)]
    return json.dumps(records, ensure_ascii=False, indent=1, default=lambda d: d.isoformat()).encode("utf-8")


def package_files(dataset, kind: str) -> dict[str, bytes]:
    """File name -> bytes of the dataset as a data package: every resource in ``kind`` plus datapackage.json.

    Text cells that a spreadsheet would run as a formula are neutralised (CSV: apostrophe,
    as in ``csv_bytes``; xlsx: text cells); JSON keeps the values as they are.
    """
    spec = EXPORT_FORMATS[kind]
    descriptor = copy.deepcopy(dataset.descriptor)
    files: dict[str, bytes] = {}
    for resource in descriptor["resources"]:
        if "schema" not in resource:
            continue  # GeoJSON boundaries travel as they are, below
        frame = dataset[resource["name"]][[f["name"] for f in resource["schema"]["fields"]]]
        path = f"{resource['name']}.{kind}"
        if kind == "csv":
            files[path] = csv_bytes(frame)
        elif kind == "xlsx":
            files[path] = xlsx_bytes(frame, resource["name"])
        else:
            files[path] = json_bytes(frame)
        resource.update(path=path, format=kind, **spec)
        if "encoding" not in spec:
            resource.pop("encoding", None)
    # Boundary files and their licence text, byte for byte (the MIT notice must travel with them).
    files.update(getattr(dataset, "files", {}))
    info = getattr(dataset, "version_info", None)
    if info is not None:
        # Which store version the register resources come from, so an export can be traced back.
        record = {"id": info.id, "dibuat": info.created_at.isoformat(), "aksi": info.action,
                  "berkas": info.file_name, "sha256_berkas": info.file_sha256,
                  "tanggal_data": info.data_date.isoformat()}
        # The public dataset carries no file name (access.public_dataset): leave the keys out, not empty.
        descriptor["versi_register"] = {key: value for key, value in record.items() if value != ""}
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


def package_files_zip(files: dict[str, bytes]) -> bytes:
    """A zip of the files ``package_files`` gives."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
