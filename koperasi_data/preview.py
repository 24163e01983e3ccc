"""Preview of an import: what replacing the current register tables with checked ones would change.

It sits above ``ingest`` (read -> check -> store) and uses ``metrics`` for the headline totals,
so the flow stays one way: ``ingest`` never needs the metrics, and the admin page asks this
module for the preview of tables ``ingest.prepare`` has checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from koperasi_data import metrics, schema
from koperasi_data.load import Dataset


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
