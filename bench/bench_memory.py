"""Peak memory and time of `kg build --no-site` as the corpus grows: this checkout against a
baseline checkout, same run.

    python bench/bench_memory.py --sizes 1000 10000 [--baseline ../other-checkout]
        [--baseline-sizes 1000 10000] [--no-store] [--data bench/data] [--out bench/MEMORY-RESULTS.md]

Generates each corpus with `gen_corpus.py N` (kept under --data and reused), builds it in a
fresh interpreter (`PYTHONPATH` set to the checkout) and reads the child's peak RSS and CPU
seconds from `wait4`. Where the baseline builds the same corpus, the outputs (graph.nq,
graph.trig, texts.jsonl, manifest.json) are compared byte for byte. The table gives peak RSS,
CPU and wall seconds, documents per CPU second and the CPU per document relative to the
smallest size of the same checkout (1.00 is linear). A second table gives each build stage's
CPU seconds per document, from the build's own record (DIR/timings.json, see kg.stage_clock),
against the smallest size of the same checkout: which stage grows faster than the corpus.
Not a test: run it by hand and commit the table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("graph.nq", "graph.trig", "texts.jsonl", "manifest.json")


@dataclass
class Run:
    checkout: str
    docs: int
    rss_mb: float
    cpu_s: float
    wall_s: float
    exit_code: int
    same: str = "—"
    stages: dict | None = None  # the build's timings.json "stages" (None: a kg that writes none)


def corpus(docs: int, data: Path) -> Path:
    folder, done = data / f"corpus-{docs}", data / f"corpus-{docs}.done"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(docs), str(folder)], check=True,
                       stdout=subprocess.DEVNULL)
        done.write_text("")
    return folder


JOBS: list[str] = []  # extra `--jobs N` for every build (set from the command line)


def build(checkout: Path, source: Path, out: Path, ner: str, store: bool) -> tuple[float, float, float, int]:
    """(peak RSS MB, CPU s, wall s, exit code) of one build in a fresh interpreter."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "kg", "build", str(source), "--out", str(out), "--no-site", "-q",
                              "--ner", ner, *([] if store else ["--no-store"]), *JOBS],
                             cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - began
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, wall, child.returncode


def stages_of(out: Path) -> dict | None:
    """Each stage's CPU and wall seconds as the build recorded them, if it did."""
    path = out / "timings.json"
    return json.loads(path.read_text(encoding="utf-8"))["stages"] if path.exists() else None


def same_bytes(a: Path, b: Path) -> str:
    def manifest(folder: Path) -> bytes:
        return b"\n".join(line for line in (folder / "manifest.json").read_bytes().splitlines()
                          if b'"corpus"' not in line)  # the corpus path is the only line allowed to differ
    differ = [name for name in OUTPUTS[:3] if (a / name).read_bytes() != (b / name).read_bytes()]
    if manifest(a) != manifest(b):
        differ.append("manifest.json")
    return "yes" if not differ else "NO: " + ", ".join(differ)


def table(runs: list[Run]) -> list[str]:
    rows = ["| checkout | documents | peak RSS MB | CPU s | wall s | docs per CPU s | CPU per doc vs smallest "
            "| same bytes as baseline |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        first = min((x for x in runs if x.checkout == r.checkout and x.exit_code == 0), key=lambda x: x.docs)
        linear = (r.cpu_s / r.docs) / (first.cpu_s / first.docs)
        failed = "" if r.exit_code in (0, 1) else f" (exit {r.exit_code})"
        rows.append(f"| {r.checkout}{failed} | {r.docs} | {r.rss_mb:.0f} | {r.cpu_s:.1f} | {r.wall_s:.1f} | "
                    f"{r.docs / r.cpu_s:.1f} | {linear:.2f} | {r.same} |")
    return rows


def stage_table(runs: list[Run]) -> list[str]:
    """CPU milliseconds per document of each stage (all processes: the build's and its workers'),
    and its ratio to the smallest size of the same checkout (1.00: the stage grows linearly)."""
    timed = [r for r in runs if r.stages and r.exit_code in (0, 1)]
    if not timed:
        return []
    names = list(dict.fromkeys(n for r in timed for n in r.stages))
    rows = ["| checkout | documents | " + " | ".join(f"{n} ms/doc (× smallest)" for n in names)
            + " | sum of stages CPU s |", "|---|---:|" + "---:|" * (len(names) + 1)]
    for r in timed:
        first = min((x for x in timed if x.checkout == r.checkout), key=lambda x: x.docs)
        cells = []
        for n in names:
            mine, theirs = r.stages.get(n, {}).get("cpu_s"), first.stages.get(n, {}).get("cpu_s")
            if mine is None:
                cells.append("—")
                continue
            ratio = f" ({(mine / r.docs) / (theirs / first.docs):.2f})" if theirs else ""
            cells.append(f"{1000 * mine / r.docs:.2f}{ratio}")
        total = sum(s["cpu_s"] for s in r.stages.values())
        rows.append(f"| {r.checkout} | {r.docs} | " + " | ".join(cells) + f" | {total:.1f} |")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--baseline", type=Path, help="another checkout (e.g. main) to build the same corpora")
    ap.add_argument("--baseline-sizes", type=int, nargs="*", help="sizes the baseline builds (default: all)")
    ap.add_argument("--ner", default="on")
    ap.add_argument("--no-store", dest="store", action="store_false", help="build without the store (--no-store)")
    ap.add_argument("--data", type=Path, default=ROOT / "bench" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "MEMORY-RESULTS.md")
    ap.add_argument("--jobs", type=int, help="--jobs N for every build (default: kg's own default, the machine's cores)")
    args = ap.parse_args()
    if args.jobs:
        JOBS.extend(["--jobs", str(args.jobs)])
    args.data = args.data.resolve()
    base_sizes = set(args.sizes if args.baseline_sizes is None else args.baseline_sizes)

    runs: list[Run] = []
    for docs in sorted(args.sizes):
        source = corpus(docs, args.data)
        mine = args.data / f"out-this-{docs}"
        runs.append(Run("this", docs, *build(ROOT, source, mine, args.ner, args.store)))
        runs[-1].stages = stages_of(mine)
        print(runs[-1], flush=True)
        if args.baseline and docs in base_sizes:
            theirs = args.data / f"out-baseline-{docs}"
            runs.append(Run("baseline", docs, *build(args.baseline.resolve(), source, theirs, args.ner, args.store)))
            runs[-1].stages = stages_of(theirs)
            runs[-2].same = same_bytes(mine, theirs)
            print(runs[-1], runs[-2].same, flush=True)
            shutil.rmtree(theirs, ignore_errors=True)
        shutil.rmtree(mine, ignore_errors=True)

    lines = [
        "# Peak memory and time of `kg build` as the corpus grows", "",
        f"Generated by `python bench/bench_memory.py --sizes {' '.join(map(str, args.sizes))}"
        + (f" --baseline BASELINE --baseline-sizes {' '.join(map(str, sorted(base_sizes)))}" if args.baseline else "")
        + f" --ner {args.ner}{'' if args.store else ' --no-store'}` on {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores (shared with other work: compare CPU seconds and ratios, not wall time).",
        "Each build runs `kg build CORPUS --no-site -q` (with the options above) in a fresh interpreter; "
        "peak RSS and CPU (user + system) "
        "come from `wait4` on that process. Corpora: `bench/gen_corpus.py N`. \"this\" is this checkout, "
        "\"baseline\" the checkout given by --baseline, building the same corpus in the same run; "
        "\"same bytes\" compares graph.nq, graph.trig, texts.jsonl and manifest.json (but its corpus path).", "",
        *table(runs), "",
    ]
    stages = stage_table(runs)
    if stages:
        lines += ["CPU per document of each build stage, as the build recorded it (`timings.json`; the stages "
                  "are those of `kg.stage_clock.STAGES`, workers' CPU included), and in brackets its ratio to the "
                  "smallest size of the same checkout (1.00 is linear):", "", *stages, ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
