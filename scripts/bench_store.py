"""Time the store with a 10,000-row cooperative register: import, current-version check, dataset read.

Prints figures only (no thresholds):  .venv/bin/python scripts/bench_store.py [DATABASE_URL]
Without a URL it uses a SQLite file in a temporary folder.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from koperasi_data import schema  # noqa: E402
from koperasi_data.store import Store  # noqa: E402

ROWS = 10_000
REPEATS = 5


def register(store: Store, rows: int) -> pd.DataFrame:
    """The shipped register repeated to ``rows`` rows, with unique ids."""
    shipped = store.dataset()[schema.KOPERASI]
    result = pd.concat([shipped] * (rows // len(shipped) + 1), ignore_index=True).head(rows).copy()
    result.loc[:, "id_koperasi"] = [f"KOP-{i + 1:05d}" for i in range(rows)]
    return result


def timed(action, repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> None:
    print(f"{label:<44} median {statistics.median(times) * 1000:8.1f} ms   "
          f"min {min(times) * 1000:8.1f} ms   max {max(times) * 1000:8.1f} ms   (n={len(times)})")


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    store = Store(url)
    start = time.perf_counter()
    store.ensure_seeded()
    print(f"store: {store.engine.url.render_as_string(hide_password=True)}")
    print(f"seed from data/ (first run)                  {(time.perf_counter() - start) * 1000:8.1f} ms")
    frame = register(store, ROWS)
    counter = iter(range(10**6))

    def import_new():
        # A different note and one changed name each time, so every import stores a new blob.
        copy = frame.copy()
        copy.loc[0, "nama"] = f"Koperasi Uji {next(counter)}"
        store.import_tables({schema.KOPERASI: copy}, user_name="bench", file_name="bench.xlsx",
                            file_sha256="0" * 64)

    report(f"import {ROWS:,} koperasi rows (new content)", timed(import_new))
    report(f"import {ROWS:,} koperasi rows (same content)",
           timed(lambda: store.import_tables({schema.KOPERASI: frame}, user_name="bench", file_name="bench.xlsx",
                                             file_sha256="0" * 64)))
    report("current_version() (every dashboard run)", timed(store.current_version, 50))
    report("dataset_key() (every dashboard run)", timed(store.dataset_key, 20))
    report(f"dataset() with {ROWS:,} koperasi rows", timed(store.dataset))
    report("rollback(1)", timed(lambda: store.rollback(1, user_name="bench")))
    print(f"versions recorded: {len(store.versions())}")


if __name__ == "__main__":
    main()
