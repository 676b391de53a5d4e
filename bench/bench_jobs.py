"""`kg build --jobs 1` vs `--jobs 2` vs `--dask local` on a generated corpus: wall and CPU
seconds, the front (ingest + extract) and the back (resolve, write, store, site) apart, and
whether every run wrote the same bytes.

Usage: python bench/bench_jobs.py [--docs 2000] [--runs 2] [--modes jobs1,jobs2,dask]
                                  [--store] [--site] [--library] [--out bench/JOBS-RESULTS.md]

Each build runs in a fresh process (as `kg build` does, its garbage collector settled as
`kg build` settles it: kg.gc_policy; --library leaves Python's default, as every table
in JOBS-RESULTS.md before the section that introduced it did), the modes alternating run after
run so a machine shared with other work loads them alike. CPU is the build's own and its
children's (the worker processes, the Dask cluster). The baseline is `--jobs 1` in the
same run: ratios compare across machines, seconds do not. The Amdahl bound is what a
perfect 2-way front would give with the measured serial back:
total1 / (back1 + front1 / 2). Not a test: run it by hand and commit the table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("graph.nq", "graph.trig", "texts.jsonl", "manifest.json")

DRIVER = """
import json, sys, time
from pathlib import Path
from kg.build import build
import kg.shards
workers = []  # CPU seconds of each local worker process
close = kg.shards.ShardWorker.close
def closing(self):
    workers.append(self.cpu)
    close(self)
kg.shards.ShardWorker.close = closing
back_workers = []  # CPU seconds of each process that made quads (kg.graph_parts, --jobs > 1)
try:
    import kg.graph_parts
    shutdown = kg.graph_parts.QuadPool.shutdown
    def stopping(self, *a, **k):
        shutdown(self, *a, **k)
        back_workers.extend(self.cpu.values())
    kg.graph_parts.QuadPool.shutdown = stopping
except ImportError:  # a kg from before the back was parallel
    pass
if sys.argv[4] == "settle":  # as the `kg build` command does before it builds (kg.gc_policy)
    try:
        from kg.gc_policy import settle
        settle()
    except ImportError:  # a kg from before it
        pass
marks = {}
def tick(stage, done, total):
    marks.setdefault(stage, (time.perf_counter(), time.process_time()))
began = time.perf_counter()
opts = json.loads(sys.argv[3])
report = build(Path(sys.argv[1]), Path(sys.argv[2]), progress=tick, **opts)
end, cpu = time.perf_counter(), time.process_time()
front, front_cpu = marks.get("resolve", (end, cpu))
print(json.dumps({"front": front - began, "back": end - front, "main_cpu": cpu, "back_cpu": cpu - front_cpu,
                  "workers_cpu": workers, "back_workers_cpu": back_workers, "documents": report.documents, "quads": report.quads,
                  "failed": report.failed}))
"""


def run_build(corpus: Path, out: Path, mode: str, store: bool, site: bool, settle: bool = True) -> dict:
    """One build in a fresh process: wall, CPU (with children), front and back seconds. With
    `settle` the process first settles its garbage collector as the `kg build` command does."""
    opts: dict = {"load_store": store, "site": site}
    if mode.startswith("jobs"):
        opts["jobs"] = int(mode[4:])
    elif mode == "dask":
        opts["dask"] = "local"
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", DRIVER, str(corpus), str(out), json.dumps(opts),
                           "settle" if settle else "library"],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{mode}: build failed\n{done.stderr[-3000:]}")
    row = json.loads(done.stdout.strip().splitlines()[-1])
    row.update(mode=mode, wall=wall, cpu=(after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    # the critical path in CPU seconds: this process plus its busiest worker (what the wall time
    # would be on idle cores); unknown on Dask, whose workers' children this process cannot see
    # the back's quad workers run while this process mostly waits for them: their busiest counts too
    # (an upper bound: this process makes the shared quads and writes graph.trig meanwhile)
    row["path"] = (row["main_cpu"] + max(row["workers_cpu"], default=0.0)
                   + max(row.get("back_workers_cpu", ()), default=0.0)) if mode != "dask" else None
    return row


def same_bytes(a: Path, b: Path) -> bool:
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in OUTPUTS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--modes", default="jobs1,jobs2,dask")
    ap.add_argument("--store", action="store_true", help="load the store too (default: --no-store)")
    ap.add_argument("--site", action="store_true", help="write the site too (default: --no-site)")
    ap.add_argument("--corpus", type=Path, help="an existing corpus instead of a generated one")
    ap.add_argument("--library", action="store_true",
                    help="call build() as a library caller does, the collector as Python sets it (the tables before "
                         "this option); default: settle it first, as the `kg build` command does")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "JOBS-RESULTS.md")
    args = ap.parse_args()
    modes = args.modes.split(",")

    corpus = args.corpus or ROOT / "bench" / "data" / f"jobs-{args.docs}"
    if args.corpus is None and not corpus.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(args.docs), str(corpus)], check=True)
    nbytes = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    work = Path(tempfile.mkdtemp(prefix="kg-bench-jobs-"))
    rows: list[dict] = []
    try:
        reference: Path | None = None
        for r in range(args.runs):
            order = modes if r % 2 == 0 else list(reversed(modes))  # alternate, so load drifts hit all alike
            for mode in order:
                out = work / f"{mode}-{r}"
                row = run_build(corpus, out, mode, args.store, args.site, not args.library)
                if reference is None:
                    reference = out
                row["same"] = same_bytes(reference, out)
                rows.append(row)
                print(f"run {r + 1} {mode:6} wall {row['wall']:6.1f} s  cpu {row['cpu']:6.1f} s  "
                      f"front {row['front']:6.1f} s  back {row['back']:5.1f} s  main cpu {row['main_cpu']:5.1f} s "
                      f"(back {row['back_cpu']:4.1f})  workers cpu {[round(c, 1) for c in row['workers_cpu']]}  "
                      f"back workers cpu {[round(c, 1) for c in row['back_workers_cpu']]}  "
                      f"same bytes: {row['same']}", flush=True)
                if out != reference:
                    shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_table(args, rows, modes, nbytes)


def _med(rows: list[dict], key: str) -> float | None:
    values = [r[key] for r in rows if r[key] is not None]
    return median(values) if values else None


def _f(x: float | None, fmt: str = ".1f", unit: str = "") -> str:
    return "—" if x is None else f"{x:{fmt}}{unit}"


def write_table(args, rows: list[dict], modes: list[str], nbytes: int) -> None:
    by = {m: [r for r in rows if r["mode"] == m] for m in modes}
    keys = ("wall", "cpu", "front", "back", "main_cpu", "back_cpu", "path")
    med = {m: {k: _med(rs, k) for k in keys} for m, rs in by.items() if rs}
    first = "jobs1" if "jobs1" in med else modes[0]  # the baseline, whatever order the modes ran in
    base = med[first]
    load = os.getloadavg()
    flags = " ".join(f for f, on in (("--store", args.store), ("--site", args.site)) if on) or "--no-store --no-site"
    lines = [
        "# `kg build --jobs N` and `--dask local`: wall and CPU",
        "",
        f"`python bench/bench_jobs.py --docs {args.docs} --runs {args.runs}"
        f"{' --store' if args.store else ''}{' --site' if args.site else ''}{' --library' if args.library else ''}`: "
        f"a generated corpus of {args.docs} documents ({nbytes / 1e6:.1f} MB, `bench/gen_corpus.py`), "
        f"built with {flags}, {args.runs} runs per mode, modes alternating; medians. "
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average at the end {load[0]:.1f} (the cores are shared with other work: read the ratios).",
        "",
        "*wall*: measured. *CPU*: the build and all its processes. *critical path*: CPU seconds of the "
        "build's own process plus its busiest worker process, plus the busiest of the processes that make the "
        "quads after resolution (`--jobs N`, kg.graph_parts), i.e. the wall time on otherwise idle cores "
        "(the workers run side by side; an upper bound, as the build's process works while the quad workers "
        "do); on a loaded machine it is the fair measure of the speed-up.",
        "",
        f"| mode | wall s | wall speed-up vs {first} | CPU s (all processes) | CPU ratio vs {first} "
        f"| critical path CPU s | speed-up on idle cores (critical path) | front wall s | back wall s "
        f"| back CPU s | same bytes |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in modes:
        if m not in med:
            continue
        x = med[m]
        same = all(r["same"] for r in by[m])
        speed = base["path"] / x["path"] if x["path"] and base["path"] else None
        lines.append(f"| {m} | {x['wall']:.1f} | {base['wall'] / x['wall']:.2f}× | {x['cpu']:.1f} | "
                     f"{x['cpu'] / base['cpu']:.2f} | {_f(x['path'])} | {_f(speed, '.2f', '×')} | {x['front']:.1f} | "
                     f"{x['back']:.1f} | {x['back_cpu']:.1f} | {'yes' if same else 'NO'} |")
    front_cpu = base["main_cpu"] - base["back_cpu"]
    amdahl = base["main_cpu"] / (base["back_cpu"] + front_cpu / 2)
    lines += [
        "",
        f"Serial back (resolve, write{', store' if args.store else ''}{', site' if args.site else ''}): "
        f"{base['back_cpu']:.1f} CPU s of {base['main_cpu']:.1f} with {first} "
        f"({100 * base['back_cpu'] / base['main_cpu']:.0f} %). With a perfect 2-way front and this serial back "
        f"the best `--jobs 2` can do is {amdahl:.2f}× (Amdahl).",
        "",
        "Every run:",
        "",
        "| run | mode | wall s | CPU s | main process CPU s | its back CPU s | each worker's CPU s "
        "| each back worker's CPU s | critical path CPU s | same bytes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for i, r in enumerate(rows):
        lines.append(f"| {i // len(modes) + 1} | {r['mode']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['main_cpu']:.1f} | "
                     f"{r['back_cpu']:.1f} | {', '.join(f'{c:.1f}' for c in r['workers_cpu']) or '—'} | "
                     f"{', '.join(f'{c:.1f}' for c in r['back_workers_cpu']) or '—'} | {_f(r['path'])} | "
                     f"{'yes' if r['same'] else 'NO'} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
