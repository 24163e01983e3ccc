"""Shared fixtures: the shipped data package, read once per test session."""

from __future__ import annotations

import pandas as pd
import pytest

from koperasi_data import metrics
from koperasi_data.load import Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The real data/ package as the dashboard loads it."""
    return load_dataset()


@pytest.fixture(scope="session")
def values(dataset: Dataset) -> pd.DataFrame:
    """Every published value of the real package, as ``metrics.published_values`` returns it."""
    return metrics.published_values(dataset)
