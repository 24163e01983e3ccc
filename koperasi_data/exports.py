"""Bytes for downloads and tables for display: frames in, bytes or frames out."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pandas as pd

from koperasi_data import fmt
from koperasi_data.schema import label

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV of exactly the numbers in ``frame``: UTF-8 with BOM (so Excel reads accents), no index.

    Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralise)
    return safe.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def _plain(value) -> str:
    return fmt.MISSING if pd.isna(value) else str(value)


def _coded(value) -> str:
    return fmt.MISSING if pd.isna(value) else label(str(value))


def display_formats(frame: pd.DataFrame) -> dict:
    """Formatter per column for ``DataFrame.style.format``.

    Counts get Indonesian grouping, shares one decimal, dates '12 Juli 2016', years stay
    plain (2016, not 2.016), coded values their label, and empty cells a dash.
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
        else:
            formats[column] = _coded
    return formats


def column_titles(descriptor: dict) -> dict[str, str]:
    """Field titles of the data package, for the field names that mean the same in every resource."""
    seen: dict[str, set[str]] = {}
    for resource in descriptor["resources"]:
        for spec in resource["schema"]["fields"]:
            seen.setdefault(spec["name"], set()).add(spec.get("title", spec["name"]))
    return {name: titles.pop() for name, titles in seen.items() if len(titles) == 1}


def column_title(name: str, titles: dict[str, str]) -> str:
    """Display title of a column: the data package's title, else the name made readable."""
    return titles.get(name, name.replace("_", " ").capitalize())


def data_dictionary(resource: dict) -> pd.DataFrame:
    """One row per field of a resource: name, title, type, unit, rule and description."""
    rows = []
    for spec in resource["schema"]["fields"]:
        constraints = spec.get("constraints", {})
        rules = []
        if constraints.get("required"):
            rules.append("wajib")
        if constraints.get("unique"):
            rules.append("unik")
        if "enum" in constraints:
            rules.append("salah satu dari: " + ", ".join(constraints["enum"]))
        if "minimum" in constraints:
            rules.append(f"minimal {constraints['minimum']}")
        if "maximum" in constraints:
            rules.append(f"maksimal {constraints['maximum']}")
        if "pattern" in constraints:
            rules.append(f"pola {constraints['pattern']}")
        rows.append({"kolom": spec["name"], "judul": spec.get("title", ""), "tipe": spec["type"],
                     "satuan": spec.get("unit", ""), "aturan": "; ".join(rules),
                     "keterangan": spec.get("description", "")})
    return pd.DataFrame(rows)


def _cell(value, kind: str) -> str:
    if value is None or pd.isna(value):
        return ""
    if kind == "date":
        return value.strftime("%Y-%m-%d")
    if kind == "number":
        # Shortest text that reads back as the same float ("0.5", "12", not "12.0").
        return repr(float(value)).removesuffix(".0")
    return str(value)


def resource_csv(frame: pd.DataFrame, resource: dict, neutralise: bool = False) -> str:
    """A typed frame as the CSV text of its resource (the format of the files in ``data/``).

    With ``neutralise``, text cells a spreadsheet would run as a formula get an apostrophe first
    (numbers such as -7.19 are typed numbers and stay as they are).
    """
    fields = [spec for spec in resource["schema"]["fields"] if spec["name"] in frame.columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spec["name"] for spec in fields])
    columns = [(frame[spec["name"]].tolist(), spec["type"]) for spec in fields]
    for row in zip(*(values for values, _ in columns)):
        cells = [_cell(value, kind) for value, (_, kind) in zip(row, columns)]
        if neutralise:
            cells = [_neutralise(c) if kind == "string" else c for c, (_, kind) in zip(cells, columns)]
        writer.writerow(cells)
    return buffer.getvalue()


def package_zip(descriptor: dict, tables: dict[str, pd.DataFrame]) -> bytes:
    """A zip of ``datapackage.json`` and every resource as CSV: exactly the data the dashboard shows,
    with formula-like text neutralised."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
        for resource in descriptor["resources"]:
            archive.writestr(resource["path"], resource_csv(tables[resource["name"]], resource, neutralise=True))
    return buffer.getvalue()
