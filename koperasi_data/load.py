"""Read the curated data package into pandas frames typed by its descriptor."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from koperasi_data import schema
from koperasi_data.version import Version

PANDAS_TYPES = {"string": "str", "integer": "Int64", "number": "Float64", "year": "Int64"}


def read_descriptor(data_dir: Path = schema.DATA_DIR) -> dict:
    """The parsed ``datapackage.json``."""
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def is_tabular(resource: dict) -> bool:
    """Whether a resource is a table with a schema (CSV), not a file kept as it is (GeoJSON boundaries)."""
    return "schema" in resource


def tabular_resources(descriptor: dict) -> list[dict]:
    """The resources that are tables, in package order."""
    return [resource for resource in descriptor["resources"] if is_tabular(resource)]


def file_paths(descriptor: dict) -> list[str]:
    """Paths (relative to data/) of the non-tabular resources and the local licence files they name."""
    paths = []
    for resource in descriptor["resources"]:
        if is_tabular(resource):
            continue
        paths.append(resource["path"])
        paths.extend(licence["path"] for licence in resource.get("licenses", [])
                     if "path" in licence and "://" not in licence["path"])
    return list(dict.fromkeys(paths))


def read_files(descriptor: dict, data_dir: Path = schema.DATA_DIR) -> dict[str, bytes]:
    """Path -> bytes of every non-tabular resource file and its licence, as shipped in data/."""
    return {path: (data_dir / path).read_bytes() for path in file_paths(descriptor)}


def resource_descriptor(descriptor: dict, name: str) -> dict:
    """One resource of the descriptor, by name."""
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(name)


def typed_frame(frame: pd.DataFrame, resource: dict) -> pd.DataFrame:
    """Cast a frame of text cells to the types its resource schema declares."""
    result = pd.DataFrame(index=frame.index)
    for spec in resource["schema"]["fields"]:
        column = frame[spec["name"]] if spec["name"] in frame else pd.Series(pd.NA, index=frame.index)
        column = column.replace("", pd.NA)
        if spec["type"] == "date":
            result[spec["name"]] = pd.to_datetime(column, format="%Y-%m-%d")
        elif spec["type"] in ("integer", "number"):
            result[spec["name"]] = pd.to_numeric(column).astype(PANDAS_TYPES[spec["type"]])
        else:
            result[spec["name"]] = column.astype("str").where(column.notna(), None)
    return result


def read_resource(name: str, data_dir: Path = schema.DATA_DIR, descriptor: dict | None = None) -> pd.DataFrame:
    """One resource of the package as a typed frame."""
    descriptor = descriptor or read_descriptor(data_dir)
    resource = resource_descriptor(descriptor, name)
    # utf-8-sig also reads plain UTF-8; it drops the BOM that exported CSVs carry for Excel.
    raw = pd.read_csv(data_dir / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return typed_frame(raw, resource)


def resource_csv(frame: pd.DataFrame, resource: dict) -> str:
    """A typed frame as CSV text written the way ``data/*.csv`` is (fields in schema order, ISO dates)."""
    columns = [spec["name"] for spec in resource["schema"]["fields"]]
    return frame[columns].to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")


def frame_from_csv(text: str, resource: dict) -> pd.DataFrame:
    """The typed frame of a resource from its CSV text (the inverse of ``resource_csv``)."""
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return typed_frame(raw, resource)


# The store keeps each table as JSON: one list of cell texts per field. JSON escapes every
# control character, so any text (a carriage return, quotes, separators, NUL) comes back exactly,
# which CSV read by pandas does not guarantee (a lone \r inside a quoted cell ends the row).
RECORDS_FORMAT = "kolom-v1"


def _cell_texts(series: pd.Series, kind: str) -> list[str | None]:
    """Cell texts of a typed column (None where missing), a whole column at a time.

    Integers as ``str(int(v))``, numbers as ``repr(float(v))``, dates TTTT-BB-HH: the same texts
    as always, so a table stored again has the same SHA-256 and is not stored twice.
    """
    missing = series.isna().to_numpy(dtype=bool)
    if kind == "date":
        texts = pd.to_datetime(series).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    elif kind in ("integer", "year"):
        texts = series.astype("Int64").astype(str).to_numpy(dtype=object)  # '1993', as str(int(v)) writes it
    elif kind == "number":
        texts = np.array([None if gone else repr(float(v)) for v, gone in zip(series.tolist(), missing)],
                         dtype=object)
    else:
        texts = series.to_numpy(dtype=object).copy()
        if pd.api.types.infer_dtype(texts[~missing], skipna=True) not in ("string", "empty"):
            texts = np.array([None if gone else str(v) for v, gone in zip(texts.tolist(), missing)],
                             dtype=object)
    texts[missing] = None
    return texts.tolist()


def resource_text(frame: pd.DataFrame, resource: dict) -> str:
    """A typed frame as the store keeps it: JSON, one list of cell texts (or null) per field, schema order."""
    fields = resource["schema"]["fields"]
    columns = {spec["name"]: (_cell_texts(frame[spec["name"]], spec["type"]) if spec["name"] in frame
                              else [None] * len(frame)) for spec in fields}
    return json.dumps({"format": RECORDS_FORMAT, "rows": len(frame), "columns": columns},
                      ensure_ascii=False, separators=(",", ":"))


def frame_from_text(text: str, resource: dict) -> pd.DataFrame:
    """The typed frame of a stored table: JSON as ``resource_text`` writes it, or the CSV of older releases."""
    if not text.startswith("{"):
        return frame_from_csv(text, resource)
    stored = json.loads(text)
    if stored.get("format") != RECORDS_FORMAT:
        raise ValueError(f"unknown stored table format {stored.get('format')!r}")
    columns = stored["columns"]
    # A missing cell stays None: typed_frame reads None as it reads an empty cell, without a pass over every cell.
    raw = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()},
                       index=pd.RangeIndex(stored["rows"]))
    return typed_frame(raw, resource)


def dataset_version(data_dir: Path = schema.DATA_DIR) -> str:
    """SHA-256 over the descriptor and every resource file: changes whenever the data does."""
    digest = hashlib.sha256()
    descriptor = read_descriptor(data_dir)
    digest.update((data_dir / "datapackage.json").read_bytes())
    for resource in descriptor["resources"]:
        digest.update((data_dir / resource["path"]).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Dataset:
    """Every resource of the package as a frame, with the descriptor it came with."""

    descriptor: dict
    tables: dict[str, pd.DataFrame] = field(repr=False)
    # A cache key that changes whenever the content does.
    version: str = ""
    # The store version the register resources come from (None: read straight from data/).
    version_info: Version | None = None
    # The day the register resources describe.
    register_date: dt.date = dt.date.fromisoformat(schema.REGISTER_DATE)
    # Non-tabular resources (GeoJSON boundaries) and their licence texts, by path relative to data/.
    files: dict[str, bytes] = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def title_of(self, name: str) -> str:
        """The resource's title as the data package gives it."""
        return resource_descriptor(self.descriptor, name)["title"]

    def is_illustrative(self, name: str) -> bool:
        """Whether a resource is the generated stand-in rather than real records."""
        return bool(resource_descriptor(self.descriptor, name).get("ilustratif", False))

    def as_of(self, name: str) -> dt.date:
        """The day a register resource describes ('keadaan' in the descriptor, else the shipped date)."""
        as_of = resource_descriptor(self.descriptor, name).get("keadaan") or schema.REGISTER_AS_OF[name]
        return dt.date.fromisoformat(as_of)

    def geojson(self, name: str) -> dict:
        """A GeoJSON resource of the package, parsed."""
        return json.loads(self.files[resource_descriptor(self.descriptor, name)["path"]])


def load_dataset(data_dir: Path = schema.DATA_DIR) -> Dataset:
    """Read the whole package."""
    descriptor = read_descriptor(data_dir)
    tables = {
        resource["name"]: read_resource(resource["name"], data_dir, descriptor)
        for resource in tabular_resources(descriptor)
    }
    return Dataset(descriptor=descriptor, tables=tables, version=dataset_version(data_dir),
                   files=read_files(descriptor, data_dir))
