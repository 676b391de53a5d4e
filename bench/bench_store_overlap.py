"""What the store load in a thread beside graph.trig's serialisation saves in wall time.

    python bench/bench_store_overlap.py GRAPH_NQ [--rounds 2]

Takes the quads of a build's graph.nq, and alternating, writes graph.nq, graph.trig and the
store files (`kg.graph_files.GraphFiles.write`) then loads the store: serially (as `kg build`
with one job) and with the load started in its thread as soon as its files are written (as
`kg build --jobs N`). Prints wall and CPU seconds (all threads) of each, least of the rounds;
the machine is shared, so compare the two from the same run. Not a test.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.graph_files import GraphFiles
from kg.store import PartsLoad


def write_and_load(nq: Path, work: Path, early: bool) -> tuple[float, float]:
    graph = GraphFiles(work / "sort")
    for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS):
        graph.add(None, q)
    load = PartsLoad(work / "store")
    cpu, wall = time.process_time(), time.perf_counter()
    parts = graph.write(work / "graph.nq", work / "graph.trig", None, load.start if early else None)
    load.result(parts)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph_nq", type=Path)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.rounds):
        for name, early in (("serial", False), ("thread", True)):
            work = Path(tempfile.mkdtemp(prefix="kg-overlap-"))
            try:
                wall, cpu = write_and_load(args.graph_nq, work, early)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            print(f"{name}: wall {wall:.1f} s, CPU {cpu:.1f} s", flush=True)
            old = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(old[0], wall), min(old[1], cpu))
    (sw, sc), (tw, tc) = best["serial"], best["thread"]
    print(f"| load | wall s | CPU s |\n|---|---:|---:|\n| after graph.trig (one job) | {sw:.1f} | {sc:.1f} |\n"
          f"| in a thread beside graph.trig (--jobs) | {tw:.1f} | {tc:.1f} |\n\nwall thread / serial: {tw / sw:.2f}")


if __name__ == "__main__":
    main()
