"""Peak RSS of Oxigraph's bulk load: one `bulk_extend` call against calls of a bounded batch.

    python bench/bench_bulk_load_memory.py [--quads 1000000 3000000] [--batch 200000]

Each case runs in a fresh interpreter (peak RSS from `wait4`) and loads the same synthetic
quads (100 per graph, 10 per subject, literal objects) into a new store. It tells whether the
build's store load needs batching to keep memory flat. Not a test: run it by hand and put the
table in the results it informs (MEMORY-RESULTS.md).
"""
from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile


def load(n: int, batch: int) -> None:
    import pyoxigraph as ox

    preds = [ox.NamedNode(f"http://example.org/p{i}") for i in range(20)]
    quads = (ox.Quad(ox.NamedNode(f"http://example.org/s{i // 10}"), preds[i % 20],
                     ox.Literal(f"value number {i} with some text"), ox.NamedNode(f"http://example.org/g{i // 100}"))
             for i in range(n))
    folder = tempfile.mkdtemp(prefix="kg-bulk-")
    try:
        store = ox.Store(folder)
        if batch:
            while chunk := list(itertools.islice(quads, batch)):
                store.bulk_extend(chunk)
        else:
            store.bulk_extend(quads)
        store.flush()
        del store
    finally:
        shutil.rmtree(folder)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quads", type=int, nargs="+", default=[1_000_000, 3_000_000])
    ap.add_argument("--batch", type=int, default=200_000)
    ap.add_argument("--child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        load(*args.child)
        return
    print("| quads | bulk_extend calls | peak RSS MB | CPU s |\n|---:|---|---:|---:|")
    for n in args.quads:
        for batch in (0, args.batch):
            child = subprocess.Popen([sys.executable, __file__, "--child", str(n), str(batch)])
            _, _, usage = os.wait4(child.pid, 0)
            calls = "one" if not batch else f"one per {batch} quads"
            print(f"| {n} | {calls} | {usage.ru_maxrss / 1024:.0f} | {usage.ru_utime + usage.ru_stime:.1f} |", flush=True)


if __name__ == "__main__":
    main()
