"""The store's JSON text of a table: written a column at a time, the same text as cell by cell."""

from __future__ import annotations

import pandas as pd
import pytest

from koperasi_data import load, schema
from koperasi_data.load import frame_from_text, resource_descriptor, resource_text


def cell_by_cell(series: pd.Series, kind: str) -> list:
    """The texts as the store has always written them, one cell at a time (the reference)."""
    missing = series.isna().tolist()
    if kind == "date":
        texts = pd.to_datetime(series).dt.strftime("%Y-%m-%d").tolist()
    elif kind in ("integer", "year"):
        texts = [None if gone else str(int(v)) for v, gone in zip(series.tolist(), missing)]
    elif kind == "number":
        texts = [None if gone else repr(float(v)) for v, gone in zip(series.tolist(), missing)]
    else:
        texts = series.tolist()
    return [None if gone else str(text) for text, gone in zip(texts, missing)]


@pytest.mark.parametrize("name", [r["name"] for r in load.tabular_resources(load.read_descriptor())])
def test_every_shipped_column_gets_the_texts_it_always_got(dataset, name):
    for spec in resource_descriptor(dataset.descriptor, name)["schema"]["fields"]:
        column = dataset[name][spec["name"]]
        assert load._cell_texts(column, spec["type"]) == cell_by_cell(column, spec["type"]), spec["name"]


@pytest.mark.parametrize(("values", "dtype", "kind"), [
    ([1993, None, -5, 2**53, 0], "Int64", "integer"),
    ([1.5, None, 0.1 + 0.2, 1e16, 1e-07, 123456789.123], "Float64", "number"),
    (["a", None, "", "baris\nbaru", "\r", "kutip \"x\"", "\x00"], "str", "string"),
    ([None, None], "str", "string"),
    ([], "str", "string"),
    ([1, "dua", None], object, "string"),  # a text column handed non-text cells: str() of each
    (["2016-07-12", None], "datetime64[ns]", "date"),
])
def test_edge_cells_get_the_texts_they_always_got(values, dtype, kind):
    series = pd.Series(values, dtype=dtype)
    assert load._cell_texts(series, kind) == cell_by_cell(series, kind)


def test_a_table_round_trips_through_its_text(dataset):
    resource = resource_descriptor(dataset.descriptor, schema.KOPERASI)
    text = resource_text(dataset[schema.KOPERASI], resource)
    pd.testing.assert_frame_equal(frame_from_text(text, resource), dataset[schema.KOPERASI])
