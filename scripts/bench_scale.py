"""The dashboard on a register N times larger: import, read, pages cold and warm, server memory.

    python scripts/bench_scale.py                      # N = 1, 50 and 220 (about 130.000 cooperatives)
    python scripts/bench_scale.py --scales 1 --repeat 1  # quick check that it runs

For each N, on a fresh SQLite store in a temporary folder (or ``--database URL``, imports added to it):

- ``generate --scale N`` writes the register; ``import FOLDER`` runs in its own process, timed, its
  peak memory (max RSS) read from ``os.wait4``; the store's growth on disk is the cost of one version;
- read: ``Store.dataset()`` of the current version in a fresh process (median of three processes);
- pages (AppTest, public mode, fresh process so every cache is cold): each page's first run after
  the import (cold: metrics, charts and tables built from nothing), then its warm rerun (median of
  ``--repeat``) against a one-chart app's warm rerun;
- server: a real ``streamlit run dashboard.py`` on the store, every page opened once over the
  websocket (scripts/load_test.py), then its resident memory (VmRSS, and VmHWM the peak).

Prints one table per measure with the targets of issue 12 for N = 220, and the load average
(``os.getloadavg``) and the import's own CPU time beside the import figures: the machine is
shared, so wall times are noisy; the CPU time much less so.
``--parts import`` measures only the import, the read and the disk (for instance against
PostgreSQL with ``--database``). Figures only: nothing here is asserted (the test suite runs it
once with N = 1 to check it works).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

PAGES = ["pages/ringkasan.py", "pages/koperasi.py", "pages/kopdes.py", "pages/sertifikasi.py", "pages/kemitraan.py",
         "pages/umkm.py", "pages/sumber.py", "pages/presentasi.py"]
# The yardstick scripts/bench_pages.py (issue 9) uses, so both benches compare against the same app.
ONE_CHART_APP = ROOT / "scripts" / "bench_one_chart_app.py"
TARGETS = {"import_s": 15, "import_rss_mb": 1024, "cold_s": 5, "warm_ratio": 3, "server_rss_mb": 1024}


def run_measured(command: list[str], env: dict | None = None, timeout: float = 1800) -> tuple[float, float, str]:
    """Run a child process; returns (wall seconds, its own peak RSS in MB, stdout). Raises on failure."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            raise TimeoutError(f"{command} took more than {timeout} s")
        time.sleep(0.05)
    wall = time.perf_counter() - started
    out, err = process.stdout.read().decode(), process.stderr.read().decode()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {err.strip()[-800:]}")
    run_measured.cpu_s = usage.ru_utime + usage.ru_stime  # the child's own CPU time: less noisy than wall time
    return wall, usage.ru_maxrss / 1024, out  # ru_maxrss is in KiB on Linux


def pages_child(repeat: int) -> dict:
    """In a fresh process: read the current version, build every view, every page cold and warm, the one-chart app."""
    from streamlit.testing.v1 import AppTest

    from bench_pages import keep_compiled_scripts
    from koperasi_data.store import Store

    keep_compiled_scripts()  # scripts compiled once, as a server does (bench_pages.py says why)
    started = time.perf_counter()
    dataset = Store().dataset()
    read_s = time.perf_counter() - started
    rows = len(dataset["koperasi"])

    def timed(at) -> tuple[float, str | None]:
        started = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - started
        error = None
        if at.exception:
            error = str(at.exception[0].message)[:160]
        return seconds, error

    views_cold = build_every_view(dataset)
    yardstick = AppTest.from_file(str(ONE_CHART_APP), default_timeout=120)
    yardstick.run()
    yardstick.run()
    pages = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.query_params["tahun"] = "2016"
        at.run()  # the entry point's default page first, as a browser opening the page would
        at.switch_page(page)
        cold, error = timed(at)
        at.run()
        # Each warm rerun taken in turn with one of the one-chart app (as bench_pages.py does): on a shared
        # machine the load moves within seconds, and reruns taken side by side see the same load.
        warm, beside = [], []
        for _ in range(repeat):
            beside.append(timed(yardstick)[0])
            warm.append(timed(at)[0])
        pages[Path(page).stem] = {"cold_s": cold, "warm_s": statistics.median(warm),
                                  "one_chart_s": statistics.median(beside), "error": error}
    baseline = statistics.median(timed(yardstick)[0] for _ in range(max(5, repeat)))
    return {"read_s": read_s, "rows": rows, "pages": pages, "one_chart_warm_s": baseline, "views": views_cold}


def _ratio(page: dict, base: float | None) -> float | None:
    """A page's warm rerun as a multiple of the one-chart app's taken beside it (else the app's own median)."""
    beside = page.get("one_chart_s") or base
    return page["warm_s"] / beside if beside else None


def read_child() -> dict:
    """In a fresh process: seconds to read the current version (every table typed) from the store."""
    from koperasi_data.store import Store

    store = Store()
    started = time.perf_counter()
    dataset = store.dataset()
    return {"read_s": time.perf_counter() - started, "rows": len(dataset["koperasi"])}


def build_every_view(dataset) -> dict:
    """Every view of the catalogue built once from the dataset (nothing cached): seconds in all and the slowest."""
    try:
        from koperasi_data import metrics, views
    except ImportError:
        return {"total_s": None, "count": 0, "slowest": []}
    if not hasattr(views, "CATALOGUE"):  # before the catalogue of views (issue 9) is merged
        return {"total_s": None, "count": 0, "slowest": []}
    started = time.perf_counter()
    values = metrics.published_values(dataset)
    filters = views.Filters(year=2016)
    times, errors = {}, {}
    for slug in views.slugs():
        begun = time.perf_counter()
        try:
            views.build(slug, dataset, filters, values)
        except Exception as error:  # a view that fails at this size is a finding, not a crash of the bench
            errors[slug] = f"{type(error).__name__}: {str(error)[:120]}"
        times[slug] = time.perf_counter() - begun
    total = time.perf_counter() - started
    slowest = sorted(times.items(), key=lambda item: -item[1])[:5]
    return {"total_s": total, "count": len(times), "slowest": slowest, "errors": errors}


def server_rss(database_url: str, tmp: Path) -> dict:
    """A real public server on the store, every page opened once over the websocket; its memory after."""
    import load_test

    log = open(tmp / "server.log", "w")
    process, url = load_test.start_server(database_url, log=log)
    try:
        errors = []
        for page, query in load_test.PAGES + [("sumber", ""), ("presentasi", "tahun=2016")]:
            result = asyncio.run(load_test.view_page(url, page, query, timeout=600, ping_interval=30))
            if result.error:
                errors.append(f"{result.page}: {result.error[:120]}")
        status = Path(f"/proc/{process.pid}/status").read_text()
        memory = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in status.splitlines()
                  if line.startswith(("VmRSS", "VmHWM"))}
        return {"rss_mb": memory.get("VmRSS"), "peak_mb": memory.get("VmHWM"), "errors": errors}
    finally:
        load_test.stop(process)
        log.close()


def bench_scale(scale: int, tmp: Path, repeat: int, database: str | None,
                parts: tuple[str, ...] = ("import", "pages", "server")) -> dict:
    from koperasi_data.store import Store

    folder = tmp / f"skala-{scale}"
    url = database or f"sqlite:///{tmp / f'bench-{scale}.sqlite'}"
    env = {**os.environ, "DATABASE_URL": url, "KOPERASI_MODE": "publik"}
    python = sys.executable
    generate_s, _, _ = run_measured([python, "-m", "koperasi_data", "generate", "--scale", str(scale), str(folder)],
                                    env)
    store = Store(url)
    store.ensure_seeded()
    before = store.size_bytes()
    store.close()
    load_before = os.getloadavg()[0]
    import_s, import_rss, _ = run_measured([python, "-m", "koperasi_data", "import", str(folder), "--database", url,
                                            "--note", f"bench skala {scale}"], env)
    import_cpu_s = run_measured.cpu_s
    load_after = os.getloadavg()[0]
    store = Store(url)
    after = store.size_bytes()
    store.close()
    reads = [json.loads(run_measured([python, __file__, "--read-child"], env)[2].strip().splitlines()[-1])
             for _ in range(3)]
    read = {"read_s": statistics.median(r["read_s"] for r in reads), "rows": reads[0]["rows"]}
    pages = {"pages": {}, "one_chart_warm_s": None, "views": {"total_s": None, "count": 0, "slowest": []}}
    if "pages" in parts:
        _, _, out = run_measured([python, __file__, "--pages-child", "--repeat", str(repeat)], env)
        pages = json.loads(out.strip().splitlines()[-1])
    server = server_rss(url, tmp) if "server" in parts else None
    csv_mb = sum(p.stat().st_size for p in folder.glob("*.csv")) / 1e6
    return {"scale": scale, "generate_s": generate_s, "csv_mb": csv_mb, "import_s": import_s,
            "import_rss_mb": import_rss, "import_cpu_s": import_cpu_s, "load": [load_before, load_after],
            "database": sa_dialect(url),
            "version_mb": (after - before) / 1e6 if before and after else None, **pages, **read, "server": server}


def sa_dialect(url: str) -> str:
    """'sqlite' or 'postgresql': which store the figures are of."""
    return url.split(":", 1)[0].split("+", 1)[0]


def _fmt(value, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_report(results: list[dict]) -> None:
    print("\nImpor dan baca (target pada N=220: impor < 15 s dan < 1 GB)")
    print(f"{'N':>5} {'koperasi':>9} {'CSV MB':>7} {'gen s':>6} {'impor s':>8} {'CPU s':>6} {'impor RSS MB':>12} "
          f"{'versi MB':>9} {'baca s':>7}  {'penyimpanan':<11} beban (sebelum/sesudah impor)")
    for r in results:
        load = "/".join(f"{value:.2f}" for value in r["load"])
        print(f"{r['scale']:>5} {r['rows']:>9} {_fmt(r['csv_mb'], 1):>7} {_fmt(r['generate_s'], 1):>6} "
              f"{_fmt(r['import_s'], 1):>8} {_fmt(r['import_cpu_s'], 1):>6} {_fmt(r['import_rss_mb'], 0):>12} "
              f"{_fmt(r['version_mb'], 2):>9} {_fmt(r['read_s']):>7}  {r['database']:<11} {load}")
    if any(r["pages"] for r in results):
        print_pages(results)
    if any(r["server"] for r in results):
        print_server(results)
    print_targets(results[-1])


def print_pages(results: list[dict]) -> None:
    print("\nHalaman, detik (AppTest; dingin = run pertama sesudah impor; hangat = median run ulang; "
          "target: semua dingin < 5 s, hangat <= 3x aplikasi satu grafik)")
    for r in results:
        base = r["one_chart_warm_s"]
        cold_total = sum(p["cold_s"] for p in r["pages"].values())
        print(f"N={r['scale']}: aplikasi satu grafik hangat {base:.3f} s; semua halaman dingin {cold_total:.1f} s")
        built = r["views"]
        if built["total_s"] is not None:
            slow = ", ".join(f"{slug} {seconds:.2f}" for slug, seconds in built["slowest"])
            print(f"  katalog: {built['count']} tampilan dibangun dingin dalam {built['total_s']:.2f} s "
                  f"(terlama: {slow})" + (f"; galat: {built['errors']}" if built["errors"] else ""))
        print(f"  {'halaman':<12} {'dingin':>7} {'hangat':>7} {'x satu grafik':>14}  galat")
        for name, page in r["pages"].items():
            ratio = _ratio(page, base)
            print(f"  {name:<12} {page['cold_s']:>7.2f} {page['warm_s']:>7.2f} {_fmt(ratio, 1):>14}  "
                  f"{page['error'] or ''}")


def print_server(results: list[dict]) -> None:
    print("\nServer dengan semua halaman dibuka (target < 1 GB)")
    for r in results:
        server = r["server"]
        if server is None:
            continue
        print(f"N={r['scale']}: RSS {_fmt(server['rss_mb'], 0)} MB, puncak {_fmt(server['peak_mb'], 0)} MB"
              + (f"; galat: {'; '.join(server['errors'])}" if server["errors"] else ""))


def print_targets(r: dict) -> None:
    print("\nTarget issue 12 pada N terbesar:")
    checks = [
        ("impor < 15 s", r["import_s"], TARGETS["import_s"]),
        ("impor RSS < 1 GB (MB)", r["import_rss_mb"], TARGETS["import_rss_mb"]),
    ]
    if r["pages"]:
        warm_worst = max(_ratio(p, r["one_chart_warm_s"]) for p in r["pages"].values())
        cold = r["views"]["total_s"] if r["views"]["total_s"] is not None else \
            sum(p["cold_s"] for p in r["pages"].values())
        checks += [("semua tampilan dibangun dingin < 5 s", cold, TARGETS["cold_s"]),
                   ("hangat terburuk <= 3x satu grafik", warm_worst, TARGETS["warm_ratio"])]
    if r["server"]:
        checks.append(("RSS server < 1 GB (MB)", r["server"]["rss_mb"] or 0, TARGETS["server_rss_mb"]))
    for label, value, target in checks:
        print(f"  N={r['scale']:<4} {label:<36} {value:>9.1f}  {'ok' if value <= target else 'MELESET'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 50, 220])
    parser.add_argument("--repeat", type=int, default=15, help="run ulang hangat per halaman (median)")
    parser.add_argument("--database", help="URL penyimpanan (bawaan: SQLite baru per N di folder sementara)")
    parser.add_argument("--json", help="tulis angka ke berkas JSON ini juga")
    parser.add_argument("--parts", nargs="+", choices=["import", "pages", "server"],
                        default=["import", "pages", "server"],
                        help="yang diukur (impor, baca dan ukuran versi selalu diukur)")
    parser.add_argument("--pages-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--read-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pages_child:
        print(json.dumps(pages_child(args.repeat)))
        return 0
    if args.read_child:
        print(json.dumps(read_child()))
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for scale in args.scales:
            results.append(bench_scale(scale, Path(tmp), args.repeat, args.database, tuple(args.parts)))
            print(f"N={scale} selesai", file=sys.stderr, flush=True)
    print_report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
