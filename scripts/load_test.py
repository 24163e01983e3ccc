"""N viewers at once against the real dashboard, speaking Streamlit's own websocket protocol.

Each viewer does what a browser tab does, without a browser (which would measure Chromium,
not the server): it opens ``/_stcore/stream`` with the ``streamlit`` subprotocol, sends the
protobuf ``BackMsg`` the browser sends on load (``rerun_script`` with the page's query string
and page name), then reads ``ForwardMsg`` until ``script_finished``, counting the deltas that
carry a plotly chart. The time from sending the rerun to the end of the run is the page time.

    python scripts/load_test.py                         # start a public server on a temp store
    python scripts/load_test.py --url http://127.0.0.1:8501 --viewers 1 10 50
    python scripts/load_test.py --database sqlite:///big.sqlite --json figures.json

Loopback only (127.0.0.1, localhost, ::1). Prints, per number of viewers: page times p50, p95
and max, pages per second, errors, and whether the server answered websocket pings while
busy (each viewer pings every ``--ping-interval`` s and records the round trip; the client's
own keepalive timeout is disabled so a slow answer is measured, not turned into a drop).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Page (url path, '' for the default page) and the query string a viewer opens it with.
PAGES = [("", "tahun=2016"), ("koperasi", "tahun=2016"), ("sertifikasi", ""), ("umkm", "tahun=2016"),
         ("kemitraan", "")]
MAX_VIEWERS = 200


@dataclass
class Result:
    """One viewer's page load."""

    page: str
    seconds: float | None = None
    charts: int = 0
    deltas: int = 0
    error: str | None = None
    pings: list[float] = field(default_factory=list)  # round trips of pings sent while waiting, seconds
    ping_failures: int = 0
    texts: list[str] | None = None  # markdown and caption text of the page, when asked for


def ws_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


def rerun_message(page: str, query: str, url: str) -> bytes:
    """The BackMsg a browser sends when it opens ``url/page?query``."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query
    state.page_name = page
    state.context_info.timezone = "Asia/Jakarta"
    state.context_info.timezone_offset = -420
    state.context_info.locale = "id-ID"
    state.context_info.url = f"{url.rstrip('/')}/{page}" + (f"?{query}" if query else "")
    return message.SerializeToString()


async def _pinger(connection, result: Result, interval: float) -> None:
    """Ping while the page loads; a pong slower than the interval counts as a late answer, not a drop."""
    while True:
        await asyncio.sleep(interval)
        started = time.perf_counter()
        try:
            pong = await connection.ping()
            await pong
            result.pings.append(time.perf_counter() - started)
        except Exception:
            result.ping_failures += 1
            return


async def view_page(url: str, page: str, query: str, timeout: float, ping_interval: float,
                    headers: dict[str, str] | None = None, texts: bool = False) -> Result:
    """Open one page like a browser tab and wait until its run finished and every chart arrived."""
    result = Result(page=page or "ringkasan", texts=[] if texts else None)
    started = None
    try:
        async with asyncio.timeout(timeout):
            async with websockets.connect(ws_url(url), subprotocols=["streamlit"], max_size=None,
                                          ping_interval=None, ping_timeout=None, open_timeout=timeout,
                                          close_timeout=2, additional_headers=headers or {}) as connection:
                pinger = asyncio.create_task(_pinger(connection, result, ping_interval))
                try:
                    started = time.perf_counter()
                    await connection.send(rerun_message(page, query, url))
                    result.error = await _read_until_finished(connection, result)
                finally:
                    pinger.cancel()
                result.seconds = time.perf_counter() - started
    except TimeoutError:
        result.error = f"batas waktu {timeout:.0f} s"
    except Exception as error:  # any failure of one viewer is counted, never fatal to the run
        result.error = f"{type(error).__name__}: {error}"
    return result


async def _read_until_finished(connection, result: Result) -> str | None:
    """Read ForwardMsgs until the run ends; returns an error text or None."""
    while True:
        data = await connection.recv()
        message = ForwardMsg()
        message.ParseFromString(data)
        kind = message.WhichOneof("type")
        if kind == "delta":
            result.deltas += 1
            delta = message.delta
            if delta.WhichOneof("type") == "new_element":
                element = delta.new_element.WhichOneof("type")
                if element == "plotly_chart":
                    result.charts += 1
                elif element == "markdown" and result.texts is not None:
                    result.texts.append(delta.new_element.markdown.body)
                elif element == "exception":
                    return f"exception di halaman: {delta.new_element.exception.message[:200]}"
        elif kind == "ref_hash":
            # A message the server believes the client has cached; a fresh client has none.
            return "server mengirim ref_hash untuk pesan yang tidak ada di cache klien"
        elif kind == "page_not_found":
            return f"halaman tidak ditemukan: {message.page_not_found.page_name}"
        elif kind == "script_finished":
            status = message.script_finished
            if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                return None
            if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return f"script_finished status {status}"


async def run_round(url: str, viewers: int, timeout: float, ping_interval: float,
                    headers: dict[str, str] | None = None) -> tuple[list[Result], float]:
    """``viewers`` page loads started together; returns their results and the wall time of the round."""
    started = time.perf_counter()
    tasks = [view_page(url, *PAGES[i % len(PAGES)], timeout=timeout, ping_interval=ping_interval, headers=headers)
             for i in range(viewers)]
    results = await asyncio.gather(*tasks)
    return list(results), time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of ``values`` (0 < share <= 1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


def summary(viewers: int, results: list[Result], wall: float) -> dict:
    times = [r.seconds for r in results if r.error is None and r.seconds is not None]
    pings = [p for r in results for p in r.pings]
    errors = [r.error for r in results if r.error]
    return {
        "viewers": viewers, "ok": len(times), "errors": len(errors), "error_examples": sorted(set(errors))[:3],
        "p50": statistics.median(times) if times else None, "p95": percentile(times, 0.95) if times else None,
        "max": max(times) if times else None, "wall": wall, "pages_per_s": len(times) / wall if wall else None,
        "charts": sorted({(r.page, r.charts) for r in results if r.error is None}),
        "pings": len(pings), "ping_max": max(pings) if pings else None,
        "ping_failures": sum(r.ping_failures for r in results),
        "load": list(os.getloadavg()),  # the machine's load when the round ended (other programs included)
    }


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_table(label: str, rows: list[dict]) -> None:
    print(f"\n{label}")
    if rows and rows[0].get("load"):
        print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.2f}" for x in rows[-1]["load"]))
    print(f"{'viewers':>7} {'ok':>4} {'err':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'pages/s':>8} "
          f"{'pings':>6} {'ping max s':>10} {'ping fail':>9}")
    for row in rows:
        print(f"{row['viewers']:>7} {row['ok']:>4} {row['errors']:>4} {_seconds(row['p50']):>7} "
              f"{_seconds(row['p95']):>7} {_seconds(row['max']):>7} {_seconds(row['pages_per_s']):>8} "
              f"{row['pings']:>6} {_seconds(row['ping_max']):>10} {row['ping_failures']:>9}")
        for example in row["error_examples"]:
            print(f"        error: {example}")
    charts = {page: n for row in rows for page, n in row["charts"]}
    print("charts per page: " + ", ".join(f"{page} {n}" for page, n in sorted(charts.items())))


def check_loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"Hanya loopback (127.0.0.1): {url} menunjuk ke {host}.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen | None = None, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {seconds} s")


def start_server(database_url: str, port: int | None = None, public: bool = True, log=None,
                 extra: list[str] | None = None, app: str = "dashboard.py") -> tuple[subprocess.Popen, str]:
    """A real ``streamlit run dashboard.py`` on a free loopback port; returns the process and its URL."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    if public:
        env["KOPERASI_MODE"] = "publik"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app, "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         *(extra or [])],
        cwd=ROOT, env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
    except Exception:
        stop(process)
        raise
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def warm_up(url: str, timeout: float, ping_interval: float, headers: dict[str, str] | None = None) -> None:
    """Every page opened once at ``url``, so its views are built before the rounds are timed."""
    for page, query in PAGES:
        result = await view_page(url, page, query, timeout, ping_interval, headers)
        if result.error:
            raise RuntimeError(f"halaman {result.page} gagal dibuka: {result.error}")


async def measure(url: str, viewer_counts: list[int], timeout: float, ping_interval: float, warmup: bool = True,
                  headers: dict[str, str] | None = None) -> list[dict]:
    """Every page once (warm caches, like a server that has been up), then each round of viewers."""
    if warmup:
        await warm_up(url, timeout, ping_interval, headers)
    rows = []
    for viewers in viewer_counts:
        results, wall = await run_round(url, viewers, timeout, ping_interval, headers)
        rows.append(summary(viewers, results, wall))
    return rows


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="server yang sudah berjalan (loopback); tanpa ini skrip menyalakan satu")
    parser.add_argument("--database", help="URL penyimpanan untuk server yang dinyalakan (bawaan: SQLite sementara)")
    parser.add_argument("--viewers", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--timeout", type=float, default=120, help="batas waktu satu halaman, detik")
    parser.add_argument("--ping-interval", type=float, default=2.0)
    parser.add_argument("--no-warmup", action="store_true", help="jangan buka tiap halaman sekali dulu")
    parser.add_argument("--json", help="tulis angka ke berkas JSON ini juga")
    parser.add_argument("--label", default=None)
    parser.add_argument("--app", help="ukur aplikasi lain dengan beban yang sama (mis. scripts/bench_one_chart_app.py)")
    parser.add_argument("--servers", type=int, nargs="+", default=[1],
                        help="tanpa --url: berapa server publik dinyalakan; lebih dari 1 di belakang nginx "
                             "(deploy/nginx-dasbor.conf), mis. --servers 1 2 mencetak keduanya")
    args = parser.parse_args(argv)
    if any(n < 1 or n > MAX_VIEWERS for n in args.viewers):
        parser.error(f"jumlah penonton 1 sampai {MAX_VIEWERS}")
    return args


def measure_servers(count: int, database: str, tmp: Path, args: argparse.Namespace) -> tuple[str, list[dict]]:
    """Start ``count`` public servers on one store (nginx from deploy/ in front when more than one) and measure."""
    import local_cluster

    with local_cluster.public_servers(count, database, tmp / f"logs-{count}") as urls:
        if count == 1:
            rows = asyncio.run(measure(urls[0], args.viewers, args.timeout, args.ping_interval, not args.no_warmup))
            return f"1 server ({urls[0]})", rows
        ports = [int(urllib.parse.urlsplit(url).port) for url in urls]
        if not args.no_warmup:
            # Each server warmed directly: through nginx a new client lands on a random server, so one pass
            # there would leave some pages cold on some servers (and time their first build in a round).
            for url in urls:
                asyncio.run(warm_up(url, args.timeout, args.ping_interval))
        with local_cluster.nginx_front(ports, tmp / f"nginx-{count}") as (front, access_log):
            rows = asyncio.run(measure(front, args.viewers, args.timeout, args.ping_interval, warmup=False))
            spread = local_cluster.upstream_spread(access_log)
        return f"{count} server di belakang nginx ({front}; websocket per server: {spread})", rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tables = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.url:
            check_loopback(args.url)
            rows = asyncio.run(measure(args.url, args.viewers, args.timeout, args.ping_interval, not args.no_warmup))
            tables.append((args.label or f"server {args.url}", rows))
        elif args.app:
            # A yardstick: the same load on another app (e.g. scripts/bench_one_chart_app.py), one page.
            PAGES[:] = [("", "")]
            process, url = start_server(f"sqlite:///{Path(tmp) / 'load.sqlite'}", app=args.app)
            try:
                rows = asyncio.run(measure(url, args.viewers, args.timeout, args.ping_interval, not args.no_warmup))
            finally:
                stop(process)
            tables.append((args.label or f"1 server, {args.app}", rows))
        else:
            database = args.database or f"sqlite:///{Path(tmp) / 'load.sqlite'}"
            for count in args.servers:
                tables.append(measure_servers(count, database, Path(tmp), args))
    for label, rows in tables:
        print_table(label, rows)
    if args.json:
        Path(args.json).write_text(json.dumps([{"label": label, "rows": rows} for label, rows in tables], indent=1))
    return 1 if any(row["errors"] for _, rows in tables for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
