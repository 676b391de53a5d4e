"""Ways of bulk-loading a build's store files: CPU (all threads) and peak RSS of each, same quads.

    python bench/bench_store_variants.py GRAPH_NQ [--variants p200k,p1m,...] [--rounds 2]
                                         [--work DIR] [--out FILE]

Writes the store files of GRAPH_NQ (a build's graph.nq) as a build does
(`kg.graph_files.GraphFiles`), once per part size a variant needs, then loads them into fresh
stores, each load in its own process (so its peak RSS is its own) and the variants alternating
round by round. CPU is the child's user + system time over all its threads (Oxigraph parses,
builds SST files and RocksDB compacts in threads) from just before the load to just after the
store is closed; peak RSS is the child's `ru_maxrss`, the interpreter's own (about 40 MB) included.
Every variant's store is compared with the first's by quad count. Not a test.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

import kg.graph_files as graph_files  # noqa: E402
from kg import store as kg_store  # noqa: E402
from kg.graph_files import GraphFiles, StoreParts  # noqa: E402
from kg.query import load_canned  # noqa: E402
from kg.vocab import PREFIXES  # noqa: E402

# variant -> (lines per part file, what it does)
VARIANTS = {
    "p200k": (200_000, "one bulk_load per part file of 200k lines (quads, then union, then base)"),
    "p500k": (500_000, "the same with parts of 500k lines"),
    "p1m": (1_000_000, "the same with parts of 1M lines"),
    "union-first": (200_000, "parts of 200k lines, the union's first"),
    "paired": (200_000, "one bulk_load per quads part and the union part of the same number, as one N-Quads input"),
    "paired-100k": (100_000, "the same with parts of 100k lines"),
    "one-call": (200_000, "one bulk_load over all the part files, chained by a Python reader"),
    "no-union": (200_000, "parts of 200k lines without the union (not a valid store: its share)"),
    "load-parts": (0, "kg.store.load_parts as it is (PART_LINES of kg.graph_files)"),
}


def write_parts(nq: Path, folder: Path, lines: int) -> StoreParts:
    """The build's store files for the quads of `nq`, in parts of `lines` lines."""
    graph_files.PART_LINES = lines
    graph = GraphFiles(folder)
    for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS):
        graph.add(None, q)
    return graph._store_parts(True)


class Chained:
    """The part files as one N-Quads stream (base triples get their graph), for `one-call`."""

    def __init__(self, parts: StoreParts) -> None:
        suffix = f" {kg_store.BASE_GRAPH} .\n".encode()
        base = b"".join(line[:-3] + suffix for p in parts.base for line in p.read_bytes().splitlines(keepends=True))
        self._files: list[Path | bytes] = [*parts.quads, *parts.union, base]
        self._now: BinaryIO | None = None

    def read(self, size: int = -1) -> bytes:
        while True:
            if self._now is None:
                if not self._files:
                    return b""
                nxt = self._files.pop(0)
                self._now = io.BytesIO(nxt) if isinstance(nxt, bytes) else nxt.open("rb")
            data = self._now.read(size)
            if data:
                return data
            self._now.close()
            self._now = None


def run_child(variant: str, parts_json: Path, store_dir: Path, queries: bool = True) -> None:
    """One load, in this process; prints its measures as JSON."""
    d = json.loads(parts_json.read_text())
    parts = StoreParts([Path(p) for p in d["quads"]], [Path(p) for p in d["union"]], [Path(p) for p in d["base"]],
                       d["count"], d["graphs"])
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r0, w0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    if variant == "load-parts":
        kg_store.load_parts(parts, store_dir)
    else:
        store = ox.Store(str(store_dir))
        if variant.startswith("paired"):
            n = max(len(parts.quads), len(parts.union))
            for i in range(n):
                data = b"".join(p[i].read_bytes() for p in (parts.quads, parts.union) if i < len(p))
                store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
                del data
            for path in parts.base:
                store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=kg_store.BASE_GRAPH,
                                lenient=True)
        elif variant == "one-call":
            store.bulk_load(Chained(parts), format=ox.RdfFormat.N_QUADS, lenient=True)
        else:
            union = [] if variant == "no-union" else [(p, ox.RdfFormat.N_TRIPLES, None) for p in parts.union]
            quads = [(p, ox.RdfFormat.N_QUADS, None) for p in parts.quads]
            base = [(p, ox.RdfFormat.N_TRIPLES, kg_store.BASE_GRAPH) for p in parts.base]
            for path, fmt, graph in (union + quads + base if variant == "union-first" else quads + union + base):
                store.bulk_load(path=str(path), format=fmt, to_graph=graph, lenient=True)
        store.flush()
        del store
    r1, w1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    ssts = list(store_dir.glob("*.sst"))
    check = ox.Store.read_only(str(store_dir))
    n = len(check)
    query_cpu, digest = canned_queries(check) if queries else (float("nan"), "—")
    del check
    print(json.dumps({"cpu": cpu, "wall": w1 - w0, "rss0_mb": rss0 / 1024, "rss_mb": r1.ru_maxrss / 1024,
                      "stored": n, "sst_files": len(ssts), "sst_mb": sum(p.stat().st_size for p in ssts) / 1e6,
                      "query_cpu": query_cpu, "digest": digest}))


def canned_queries(store: ox.Store) -> tuple[float, str]:
    """CPU seconds of every canned query without required parameters on the loaded store, and a
    digest of their sorted results (the same quads must answer the same)."""
    digest = hashlib.sha256()
    cpu = 0.0
    for name, q in sorted(load_canned().items()):
        if any(p.required for p in q.params):
            continue
        t = time.process_time()
        rows = sorted(str(list(row)) for row in store.query(q.text, prefixes=PREFIXES))
        cpu += time.process_time() - t
        digest.update(name.encode() + b"\0" + "\n".join(rows).encode())
    return cpu, digest.hexdigest()[:12]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("nq", type=Path, nargs="?")
    ap.add_argument("--variants", default="p200k,p1m,one-call")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--work", type=Path, help="keep the part files here (reused when present)")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--no-queries", action="store_true", help="skip the canned queries on each loaded store")
    ap.add_argument("--child", nargs=3, metavar=("VARIANT", "PARTS_JSON", "STORE_DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run_child(args.child[0], Path(args.child[1]), Path(args.child[2]), not args.no_queries)
        return
    variants = args.variants.split(",")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-variants-"))
    work.mkdir(parents=True, exist_ok=True)
    jsons: dict[int, Path] = {}
    for lines in sorted({VARIANTS[v][0] or graph_files.PART_LINES for v in variants}):
        j = work / f"parts-{lines}.json"
        if not j.exists():
            p = write_parts(args.nq, work / f"parts-{lines}", lines)
            j.write_text(json.dumps({"quads": [str(x) for x in p.quads], "union": [str(x) for x in p.union],
                                     "base": [str(x) for x in p.base], "count": p.count, "graphs": p.graphs}))
        jsons[lines] = j
    results: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for r in range(args.rounds):
        for v in variants:
            store_dir = work / f"store-{v}"
            shutil.rmtree(store_dir, ignore_errors=True)
            out = subprocess.run([sys.executable, __file__, "--child", v,
                                  str(jsons[VARIANTS[v][0] or graph_files.PART_LINES]), str(store_dir),
                                  *(["--no-queries"] if args.no_queries else [])],
                                 check=True, capture_output=True, text=True).stdout
            results[v].append(json.loads(out.strip().splitlines()[-1]))
            shutil.rmtree(store_dir, ignore_errors=True)
            print(r, v, results[v][-1], file=sys.stderr, flush=True)
    count = json.loads(next(iter(jsons.values())).read_text())["count"]
    base_cpu = min(x["cpu"] for x in results[variants[0]])
    rows = ["| variant | what | CPU s (least) | CPU s (each round) | ratio to first | peak RSS MB | stored quads "
            "| SST files | SST MB | canned queries CPU s (least) | their results' digest |",
            "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for v in variants:
        xs = results[v]
        cpu = min(x["cpu"] for x in xs)
        each = " / ".join(f"{x['cpu']:.2f}" for x in xs)
        rows.append(f"| {v} | {VARIANTS[v][1]} | {cpu:.2f} | {each} "
                    f"| {cpu / base_cpu:.2f} | {max(x['rss_mb'] for x in xs):.0f} | {xs[0]['stored']:,} "
                    f"| {xs[0]['sst_files']} | {xs[0]['sst_mb']:.0f} | {min(x['query_cpu'] for x in xs):.2f} "
                    f"| {xs[0]['digest']} |")
    text = "\n".join([
        f"`python bench/bench_store_variants.py GRAPH_NQ --variants {args.variants} --rounds {args.rounds}"
        f"{' --no-queries' if args.no_queries else ''}` on "
        f"{platform.platform()}, Python {platform.python_version()}, pyoxigraph {ox.__version__}; "
        f"{count:,} distinct quads.", "", *rows, ""])
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
