"""First chart visible in Debian's Chromium at 390×844: the baked static page versus the Streamlit page, same run.

Prints figures only (no thresholds):  .venv/bin/python scripts/bench_site.py [RUNS]

Bakes the site of a fresh store into a temporary folder, serves it with ``python -m
http.server``, starts ``streamlit run dashboard.py`` on the same store, and loads each
page's 2016 summary RUNS times (default 5) in a new browser context (empty cache), timing
from the navigation until the first Plotly chart is drawn. The Streamlit server is warmed
with one unmeasured load, so the figure is its best case; its very first load is printed too.
Also prints the site's size and its numbers of pages and views.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from koperasi_data import site  # noqa: E402
from koperasi_data.store import Store  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
CHART = ".js-plotly-plot .main-svg"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def first_chart_seconds(browser, url: str) -> float:
    """Seconds from navigation to the first drawn chart, in a fresh context (nothing cached)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(CHART).first.wait_for(state="visible", timeout=120_000)
        return time.perf_counter() - start
    finally:
        context.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        store_url = f"sqlite:///{Path(folder) / 'store.sqlite'}"
        store = Store(store_url)
        store.ensure_seeded()
        start = time.perf_counter()
        report = site.bake(Path(folder) / "situs", store.dataset(), store.versions())
        bake_seconds = time.perf_counter() - start
        plotly_js = sum((report.out / n).stat().st_size for n in report.files if n.startswith("assets/plotly"))
        html = [name for name in report.files if name.endswith(".html")]
        print(f"bake: {bake_seconds:.1f} s; {len(report.pages)} halaman ({len(html)} berkas HTML dengan embed), "
              f"{len(report.views)} grafik, {report.previews} PNG, {len(report.files)} berkas, "
              f"{report.size / 1e6:.2f} MB (plotly.js {plotly_js / 1e6:.2f} MB)")
        page_bytes = (report.out / "2016" / "index.html").stat().st_size
        print(f"/2016/index.html: {page_bytes / 1000:.1f} kB")

        static_port, app_port = free_port(), free_port()
        env = {**os.environ, "DATABASE_URL": store_url, "KOPERASI_MODE": "publik"}
        static = subprocess.Popen([sys.executable, "-m", "http.server", str(static_port), "--bind", "127.0.0.1",
                                   "--directory", str(report.out)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        app = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.address",
                                "127.0.0.1", "--server.port", str(app_port), "--server.headless", "true",
                                "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            static_url = f"http://127.0.0.1:{static_port}/2016/"
            app_url = f"http://127.0.0.1:{app_port}/?tahun=2016"
            wait_for(static_url, static)
            wait_for(f"http://127.0.0.1:{app_port}/_stcore/health", app)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                try:
                    app_first = first_chart_seconds(browser, app_url)
                    first_chart_seconds(browser, static_url)  # the same warm-up for the file server
                    static_times, app_times = [], []
                    for _ in range(runs):  # interleaved, so both see the same machine load
                        static_times.append(first_chart_seconds(browser, static_url))
                        app_times.append(first_chart_seconds(browser, app_url))
                finally:
                    browser.close()
        finally:
            stop(static)
            stop(app)
    static_median, app_median = statistics.median(static_times), statistics.median(app_times)
    print(f"first chart visible, Chromium 390x844, median of {runs} (min-max):")
    print(f"  static /2016/       {static_median:5.2f} s ({min(static_times):.2f}-{max(static_times):.2f})")
    print(f"  Streamlit ?tahun=2016 {app_median:5.2f} s ({min(app_times):.2f}-{max(app_times):.2f}); "
          f"first load after start {app_first:.2f} s")
    print(f"  static / Streamlit = {static_median / app_median:.0%}")


if __name__ == "__main__":
    main()
