"""Run deploy/ on one machine, on loopback: public app servers on one store and nginx in front.

Used by ``scripts/load_test.py --servers 1 2`` and by ``tests/test_deploy.py``. nginx runs with
the shipped ``deploy/nginx-dasbor.conf``, only its ports, listen address and log path rewritten,
inside a throwaway prefix (its own pid file, temp folders and logs); nothing under /etc is touched.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "deploy" / "nginx-dasbor.conf"
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")


def nginx_binary() -> str | None:
    """Debian's nginx, if installed."""
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def site_config(ports: list[int], listen_port: int, log_dir: Path) -> str:
    """The shipped site file with the app ports, a loopback listen port and a log folder of our own."""
    text = SITE.read_text(encoding="utf-8")
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+[^;]*;\n", text, flags=re.M)
    if len(servers) < 1:
        raise ValueError(f"{SITE} has no 'server 127.0.0.1:PORT' lines in its upstream")
    options = re.match(r"\s*server 127\.0\.0\.1:\d+\s*([^;]*);", servers[0]).group(1)
    block = "".join(f"    server 127.0.0.1:{port} {options};\n" for port in ports)
    text = text.replace("".join(servers), block)
    text = re.sub(r"^\s*listen \[::\]:80;\n", "", text, flags=re.M)
    text = re.sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{listen_port};", text, flags=re.M)
    text = text.replace("/var/log/nginx/", f"{log_dir}/")
    return text


def nginx_config(prefix: Path, ports: list[int], listen_port: int) -> str:
    """A whole nginx.conf around the site file, everything inside ``prefix``."""
    temp = prefix / "tmp"
    temps = "\n".join(f"    {name}_temp_path {temp / name};" for name in
                      ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n{temps}\n{site_config(ports, listen_port, prefix)}\n}}\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nginx did not listen on {port} within {seconds} s")


@contextmanager
def nginx_front(ports: list[int], prefix: Path):
    """nginx on a free loopback port in front of ``ports``; yields (url, access log path)."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed (Debian: apt-get install nginx)")
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "tmp").mkdir(exist_ok=True)
    listen_port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_config(prefix, ports, listen_port), encoding="utf-8")
    check = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                           capture_output=True, text=True, timeout=30)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t failed: {check.stderr.strip()}")
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"),
                                "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_port(listen_port, process)
        yield f"http://127.0.0.1:{listen_port}", prefix / "dasbor.access.log"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def public_servers(count: int, database_url: str, log_dir: Path):
    """``count`` public app servers (KOPERASI_MODE=publik) on one store; yields their URLs."""
    from load_test import start_server, stop  # scripts/ is on sys.path when this module is imported

    log_dir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        urls = []
        for index in range(count):
            log = stack.enter_context(open(log_dir / f"streamlit-{index + 1}.log", "w"))
            process, url = start_server(database_url, log=log)
            stack.callback(stop, process)
            urls.append(url)
        yield urls


def upstream_spread(access_log: Path) -> dict[str, int]:
    """Websocket connections per app process, from the access log's $upstream_addr (log_format dasbor_upstream)."""
    counts: dict[str, int] = {}
    if access_log.exists():
        for line in access_log.read_text(encoding="utf-8", errors="replace").splitlines():
            if "/_stcore/stream" in line:
                parts = line.split()
                upstream = parts[-2] if len(parts) >= 2 else "?"
                counts[upstream] = counts.get(upstream, 0) + 1
    return dict(sorted(counts.items()))
