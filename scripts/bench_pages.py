"""Time every page's warm rerun against a minimal one-chart app, and the first render after an import.

Prints figures only (no thresholds):  .venv/bin/python scripts/bench_pages.py [--repeats N]
Starts nothing external: AppTest runs the real pages in this process on a SQLite store in a temporary folder.
Warm rerun: the page already rendered once at ?tahun=2016, then ``app.run()`` again (median of N).
Cold: the first rerun of the same open page after an import made a new data version (every cache misses).
AppTest compiles the entry point and the page again on every run (a new ScriptCache per run); a server compiles
each script once and keeps its bytecode. The bench keeps one ScriptCache, as the server does, for every app it runs
(the one-chart app included), so a long page script is not charged a compile the server never pays.
The target of issue 9: every page within 3x of the one-chart app.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ["pages/ringkasan.py", "pages/koperasi.py", "pages/kopdes.py", "pages/sertifikasi.py", "pages/kemitraan.py", "pages/umkm.py",
         "pages/sumber.py", "pages/presentasi.py"]


def keep_compiled_scripts() -> None:
    """One ScriptCache for every AppTest run, as a server has one for its whole life (see the module's doc)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def open_page(page: str, **params: str):
    """The entry point run once with URL parameters, then switched to ``page`` as a click would."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != PAGES[0]:
        app.switch_page(page).run()
    if app.exception:
        raise SystemExit(f"{page}: {[e.value for e in app.exception]}")
    return app


def timed_run(app) -> float:
    start = time.perf_counter()
    app.run()
    return (time.perf_counter() - start) * 1000


def warm(app, repeats: int) -> float:
    """Median milliseconds of ``repeats`` reruns of an app that has rendered once already."""
    app.run()  # the second run fills what the first one only started (e.g. the rerun through the entry point)
    return statistics.median(timed_run(app) for _ in range(repeats))


def warm_beside(app, yardstick, repeats: int) -> tuple[float, float]:
    """Median milliseconds of ``repeats`` reruns of ``app`` and of ``yardstick``, taken in turn.

    On a machine shared with other programs the load moves within seconds: reruns taken one after the other
    see the same load, so their ratio means more than two figures measured a minute apart."""
    app.run()
    pages, sticks = [], []
    for _ in range(repeats):
        sticks.append(timed_run(yardstick))
        pages.append(timed_run(app))
    return statistics.median(pages), statistics.median(sticks)


def new_version(store, counter: int) -> None:
    """Import the current register again under a new version: every cache keyed on the version misses."""
    from koperasi_data import schema

    register = store.dataset()[schema.KOPERASI]
    store.import_tables({schema.KOPERASI: register}, user_name="bench", file_name=f"bench-{counter}.xlsx",
                        file_sha256=f"{counter:064x}", data_date=dt.date(2016, 7, 12))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="reruns per page (median; at least 5)")
    args = parser.parse_args()
    repeats = max(args.repeats, 5)
    folder = tempfile.mkdtemp(prefix="bench-pages-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/dasbor.sqlite"
    from streamlit import logger as streamlit_logger
    from streamlit.testing.v1 import AppTest

    from koperasi_data.store import Store

    # AppTest runs scripts outside a browser session; Streamlit warns about it on every run.
    streamlit_logger.set_log_level("error")
    keep_compiled_scripts()

    store = Store(os.environ["DATABASE_URL"])
    store.ensure_seeded()

    yardstick = AppTest.from_file(str(ROOT / "scripts" / "bench_one_chart_app.py"), default_timeout=60)
    yardstick.run()
    base = warm(yardstick, repeats)
    # Several programs may share this machine's cores: the figures mean little without its load beside them.
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"{'page':<12} {'warm ms':>8} {'ratio':>6} {'cold ms':>8} {'one chart ms':>13}   (warm: median of {repeats} "
          "reruns, ?tahun=2016, taken in turn with the one-chart app's)")
    print(f"{'one chart':<12} {base:8.1f} {1:6.1f}")
    for counter, page in enumerate(PAGES, start=2):
        app = open_page(page, tahun="2016")
        warm_ms, beside = warm_beside(app, yardstick, repeats)
        new_version(store, counter)
        cold_ms = timed_run(app)
        if app.exception:
            raise SystemExit(f"{page}: {[e.value for e in app.exception]}")
        name = Path(page).stem
        print(f"{name:<12} {warm_ms:8.1f} {warm_ms / beside:6.1f} {cold_ms:8.0f} {beside:13.1f}")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
