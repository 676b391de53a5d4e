"""Load test (not a unit test): many concurrent clients against a real `kg serve` on loopback.

    python bench/bench_serve_load.py [--build DIR] [--clients 50] [--requests 20] [--workers 2] [--kg CMD]

Builds the seeds corpus (`kg build seeds`) unless --build names a finished build, starts
`kg serve` on a free loopback port as its own process, then runs a baseline (one client,
--requests questions) and the load (--clients threads, each asking --requests questions
from a fixed mix of canned questions and small SPARQL queries, over POST and GET).
A failure is anything but HTTP 200 with a parseable SPARQL JSON answer (errors, resets,
timeouts). --kg runs another kg (e.g. an older checkout: `--kg "python -m kg"` with
PYTHONPATH set), so versions can be compared on one machine in one session. It samples
the resident memory of the server and its query workers every 0.1 s and prints a Markdown
table row for bench/SERVE-RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MIX: list[tuple[str, dict[str, str]]] = [
    ("platforms", {}), ("ownership", {}), ("events_by_type", {}), ("documents_by_publisher", {}),
    ("partnerships", {}), ("deals", {}), ("policy_timeline", {"org_name": "Amazon"}),
    ("events_in_period", {"start": "2020-01-01", "end": "2030-12-31"}), ("multi_source_events", {}),
    ("entity_names", {}), ("services_operators", {}), ("people_organisations", {}),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}), ("ASK { ?x a kg:Platform }", {}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kg_command(given: str | None) -> list[str]:
    if given:
        return shlex.split(given)
    exe = shutil.which("kg", path=str(Path(sys.executable).parent)) or shutil.which("kg")
    if not exe:
        sys.exit("the kg command is not installed in this environment (pip install -e .)")
    return [exe]


def ask(base: str, index: int, timeout: float = 60.0) -> tuple[bool, float, str]:
    """One question from the mix (alternating POST form and GET); (ok, seconds, note)."""
    text, params = MIX[index % len(MIX)]
    fields = {"query": text, **{f"param.{k}": v for k, v in params.items()}}
    encoded = urllib.parse.urlencode(fields)
    headers = {"Accept": "application/sparql-results+json"}
    if index % 2:
        req = urllib.request.Request(f"{base}/sparql?{encoded}", headers=headers)
    else:
        req = urllib.request.Request(f"{base}/sparql", data=encoded.encode(), method="POST",
                                     headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
            status = resp.status
        answer = json.loads(body)
        ok = status == 200 and ("results" in answer or "boolean" in answer)
        note = "" if ok else f"{status} {body[:80]!r}"
    except urllib.error.HTTPError as err:
        ok, note = False, f"{err.code} {err.read(200)!r}"
    except (OSError, ValueError) as err:
        ok, note = False, f"{type(err).__name__}: {err}"
    return ok, time.perf_counter() - started, note


def run_clients(base: str, clients: int, requests: int) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(n: int) -> None:
        order = random.Random(n).sample(range(len(MIX) * 2), k=min(requests, len(MIX) * 2))
        order += [random.Random(n + 1000).randrange(len(MIX) * 2) for _ in range(requests - len(order))]
        start.wait()
        for i in order:
            ok, seconds, note = ask(base, i)
            with lock:
                latencies.append(seconds)
                if not ok:
                    failures.append(note)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, failures, time.perf_counter() - wall


def rss_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class MemorySampler(threading.Thread):
    """Peak resident memory of the server process and of server + workers together."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.server_peak, self.total_peak = pid, 0, 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            server = rss_kib(self.pid, "VmRSS")
            total = server + sum(rss_kib(c, "VmRSS") for c in children(self.pid))
            self.server_peak = max(self.server_peak, server, rss_kib(self.pid, "VmHWM"))
            self.total_peak = max(self.total_peak, total)
            self.stop.wait(0.1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", type=Path, help="a finished build folder (default: build seeds/ into a temp folder)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kg", help="the kg command to test (default: the installed `kg`)")
    args = ap.parse_args()
    kg = kg_command(args.kg)
    tmp = None
    build = args.build
    if build is None:
        tmp = Path(tempfile.mkdtemp(prefix="kg-load-"))
        build = tmp / "out"
        t = time.perf_counter()
        subprocess.run([*kg, "build", str(ROOT / "seeds"), "--out", str(build)], check=True, capture_output=True)
        print(f"built seeds in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    port = free_port()
    server = subprocess.Popen([*kg, "serve", "--store", str(build), "--port", str(port), "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("kg serve did not start")
                time.sleep(0.1)
        sampler = MemorySampler(server.pid)
        sampler.start()
        for i in range(len(MIX) * 2):  # warm up: workers started, every question parsed once
            ask(base, i)
        idle_rss = rss_kib(server.pid, "VmRSS") + sum(rss_kib(c, "VmRSS") for c in children(server.pid))
        base_lat, base_fail, _ = run_clients(base, 1, args.requests)
        lat, fail, wall = run_clients(base, args.clients, args.requests)
        sampler.stop.set()
        sampler.join()
    finally:
        server.terminate()
        try:
            _, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, err = server.communicate()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    total = len(lat)
    med, p95 = statistics.median(lat) * 1000, statistics.quantiles(lat, n=20)[18] * 1000
    base_med = statistics.median(base_lat) * 1000
    print(f"# kg serve load: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    print("| clients × requests | answers | failed | median (ms) | p95 (ms) | 1-client median (ms) | median / 1-client "
          "| throughput (req/s) | server peak RSS (MiB) | server+workers peak RSS (MiB) | idle RSS (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {args.clients} × {args.requests} | {total} | {len(fail)} | {med:.0f} | {p95:.0f} | {base_med:.0f} "
          f"| {med / base_med:.1f}× | {total / wall:.1f} | {sampler.server_peak / 1024:.0f} "
          f"| {sampler.total_peak / 1024:.0f} | {idle_rss / 1024:.0f} |")
    if base_fail or fail:
        print("failures (first 10):", *(base_fail + fail)[:10], sep="\n  ")
    if b"Traceback" in (err or b""):
        print("the server wrote a traceback:\n" + err.decode("utf-8", "replace")[-2000:])
    sys.exit(1 if fail or base_fail else 0)


if __name__ == "__main__":
    main()
