"""The back of a build alone (spool, resolution, quads, graph files; the store with --store; no
site) on the outcomes kept in an earlier build's cache: CPU of the build's process and of each
quad worker, for one or more kg checkouts, runs alternating; and whether they wrote the same bytes.

Usage: python bench/bench_back.py BUILD_DIR [--jobs 2] [--runs 2] [--store] [--kg PATH ...]

BUILD_DIR is the output of a `kg build` (its cache/outcomes.sqlite holds the outcomes); each
--kg is a checkout whose kg runs the back (default: this one). The *serial path* is the
CPU seconds of the build's process in the back plus its busiest quad worker: the back's
wall time on otherwise idle cores (an upper bound). With --store the table adds the wall and
CPU seconds of the write and store stages together (DIR/timings.json): under --jobs the store
loads beside graph.trig, in threads whose CPU the serial path counts although they run side by
side. The build's process settles its garbage collector first, as `kg build` does. Not a test:
run it by hand.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DRIVER = """
import json, pickle, resource, sys, time
from pathlib import Path
import kg.build as kb
try:
    from kg.gc_policy import settle
    settle()  # as the kg build command does
except ImportError:  # a kg from before it
    pass
outs = pickle.load(open(sys.argv[1], "rb"))
kb._outcomes = lambda *a, **k: iter(outs)
back_workers = []
try:
    import kg.graph_parts as gp
    shutdown = gp.QuadPool.shutdown
    def stopping(self, *a, **k):
        shutdown(self, *a, **k)
        back_workers.extend(self.cpu.values())
    gp.QuadPool.shutdown = stopping
except ImportError:  # a kg from before the back was parallel
    pass
marks = {}
def tick(stage, done, total):
    marks.setdefault(stage, (time.perf_counter(), time.process_time()))
began, cpu0 = time.perf_counter(), time.process_time()
corpus = Path(sys.argv[2])
kb._build(corpus, corpus / "out", tick, sys.argv[4] == "store", False, 0.0, int(sys.argv[3]), "on", False, None, None)
end, cpu = time.perf_counter(), time.process_time()
print(json.dumps({"spool_cpu": marks["resolve"][1] - cpu0, "resolve_cpu": marks["write"][1] - marks["resolve"][1],
                  "write_cpu": cpu - marks["write"][1], "back_wall": end - marks["resolve"][0],
                  "back_workers": back_workers}))
"""


def outcomes_pickle(build_dir: Path, to: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from kg.cache import _unpack

    con = sqlite3.connect(build_dir / "cache" / "outcomes.sqlite")
    outs = sorted((_unpack(blob) for (blob,) in con.execute("SELECT blob FROM outcomes")), key=lambda o: o.file.path)
    with to.open("wb") as f:
        pickle.dump(outs, f, protocol=pickle.HIGHEST_PROTOCOL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build_dir", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--kg", type=Path, action="append", help="a kg checkout (default: this one)")
    ap.add_argument("--store", action="store_true", help="load the store too")
    args = ap.parse_args()
    checkouts = [p.resolve() for p in (args.kg or [ROOT])]
    with tempfile.TemporaryDirectory(prefix="kg-bench-back-") as tmp:
        work = Path(tmp)
        outcomes_pickle(args.build_dir, work / "outcomes.pickle")
        first: dict[str, bytes] | None = None
        print("| run | kg | spool CPU s | resolve CPU s | write CPU s | back wall s | quad workers' CPU s "
              "| serial path CPU s | write + store wall s | write + store CPU s | same bytes |\n"
              "|---|---|---|---|---|---|---|---|---|---|---|")
        for r in range(args.runs):
            for kg in checkouts if r % 2 == 0 else list(reversed(checkouts)):
                corpus = work / f"run-{r}"
                corpus.mkdir(exist_ok=True)
                env = dict(os.environ, PYTHONPATH=str(kg))
                done = subprocess.run([sys.executable, "-P", "-c", DRIVER, str(work / "outcomes.pickle"), str(corpus),
                                       str(args.jobs), "store" if args.store else "no-store"],
                                      capture_output=True, text=True, env=env, check=True)
                row = json.loads(done.stdout.strip().splitlines()[-1])
                files = {n: (corpus / "out" / n).read_bytes() for n in ("graph.nq", "graph.trig", "texts.jsonl")}
                first = first or files
                main_cpu = row["resolve_cpu"] + row["write_cpu"]
                serial = main_cpu + max(row["back_workers"], default=0.0)
                stages = json.loads((corpus / "out" / "timings.json").read_text())["stages"]
                late = [stages[k] for k in ("write", "store")]
                print(f"| {r + 1} | {kg.name} | {row['spool_cpu']:.1f} | {row['resolve_cpu']:.1f} | "
                      f"{row['write_cpu']:.1f} | {row['back_wall']:.1f} | "
                      f"{', '.join(f'{c:.1f}' for c in row['back_workers']) or '—'} | {serial:.1f} | "
                      f"{sum(x['wall_s'] for x in late):.1f} | {sum(x['cpu_s'] for x in late):.1f} | "
                      f"{'yes' if files == first else 'NO'} |", flush=True)
                subprocess.run(["rm", "-rf", str(corpus)], check=True)


if __name__ == "__main__":
    main()
