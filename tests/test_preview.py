"""The flow of an import stays one way: read -> check -> store, with the preview (and metrics) above."""

from __future__ import annotations

import subprocess
import sys

import pytest

from koperasi_data import preview


def modules_loaded_by(module: str) -> set[str]:
    """The package modules a fresh interpreter loads to import ``module``."""
    code = f"import sys, {module}; print(' '.join(m for m in sys.modules if m.startswith('koperasi_data')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", ["koperasi_data.ingest", "koperasi_data.validate", "koperasi_data.store"])
def test_reading_checking_and_storing_do_not_need_the_metrics_or_the_preview(module):
    loaded = modules_loaded_by(module)
    assert module in loaded
    assert not loaded & {"koperasi_data.metrics", "koperasi_data.preview", "koperasi_data.views",
                         "koperasi_data.charts"}


def test_the_preview_is_built_from_the_metrics_above_ingest():
    loaded = modules_loaded_by("koperasi_data.preview")
    assert "koperasi_data.metrics" in loaded
    assert "koperasi_data.ingest" not in loaded  # it compares frames; reading files is not its business
    assert callable(preview.compare)
