"""The serial back's CPU by stage with the `kg build` command's collector policy
(`kg.gc_policy.settle`) and with Python's default collector, on the same generated corpus,
rebuilt from the build's cache (so the front costs little and the back is what is measured).

    python bench/bench_back_gc.py --sizes 5000 20000 [--jobs 2] [--runs 1] [--store] [--data bench/data]

Each size: one build to fill the cache (not counted), then `--runs` rebuilds in each mode,
alternating, each in a fresh interpreter; the stage CPU seconds come from the build's own
timings.json. "policy" settles the collector first, as the command does; "default" leaves it
as Python starts it (as a library caller of `kg.build.build` has it). (The first version of this
script compared a GC pause inside the build, since removed: MEMORY-RESULTS.md.) Prints one
line per build and a table of CPU milliseconds per document. Not a test: run it by hand and put
the table in MEMORY-RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from bench_memory import corpus  # noqa: E402

DRIVER = r"""
import json, sys
from pathlib import Path
import kg.build
source, out, mode, jobs, store = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "store"
if mode == "policy":
    from kg.gc_policy import settle
    settle()
report = kg.build.build(Path(source), Path(out), load_store=store, site=False, jobs=jobs, ner="off")
timings = json.loads((Path(out) / "timings.json").read_text(encoding="utf-8"))
print("KG-BACK " + json.dumps({"from_cache": report.from_cache, "documents": report.documents,
                               "stages": {k: v["cpu_s"] for k, v in timings["stages"].items()}}))
"""
MODES = ("policy", "default")
BACK = ("resolve", "merge", "quads", "write", "store")


def rebuild(source: Path, out: Path, mode: str, jobs: int, store: bool) -> dict:
    done = subprocess.run([sys.executable, "-c", DRIVER, str(source), str(out), mode, str(jobs),
                           "store" if store else "no-store"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("KG-BACK "))
    return json.loads(line[len("KG-BACK "):])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--store", action="store_true", help="load the store too")
    ap.add_argument("--data", type=Path, default=BENCH / "data")
    args = ap.parse_args()
    data = args.data.resolve()
    rows = []
    for size in args.sizes:
        source, out = corpus(size, data), data / f"back-gc-out-{size}"
        rebuild(source, out, "policy", args.jobs, args.store)  # fills the cache
        for _ in range(args.runs):
            for mode in MODES:
                got = rebuild(source, out, mode, args.jobs, args.store)
                print(size, mode, json.dumps(got), flush=True)
                rows.append((size, mode, got))
    print("\n| documents | collector | " + " | ".join(f"{s} ms/doc" for s in BACK) + " | back ms/doc |")
    print("|---:|---|" + "---:|" * (len(BACK) + 1))
    for _size, mode, got in rows:
        per = [1000 * got["stages"][s] / got["documents"] for s in BACK]
        print(f"| {got['documents']} | {mode} | " + " | ".join(f"{x:.3f}" for x in per) + f" | {sum(per):.3f} |")


if __name__ == "__main__":
    main()
