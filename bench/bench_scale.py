"""One table for issue 11's benchmarks: `kg build` at each corpus size, `--jobs 1`/`2`, tagger
off/on, site off/on, beside jieba and pyahocorasick on the same text in the same run.

    python bench/bench_scale.py [--sizes 1000 10000] [--jobs 1 2] [--ner off on] [--site off on]
        [--cell SIZE:JOBS:NER:SITE ...] [--only-cells] [--baseline-mb 40] [--fresh] [--write-only]
        [--data bench/data] [--out bench/SCALE-RESULTS.md]

Cells are the product of --sizes × --jobs × --ner × --site, plus each --cell (e.g.
`10000:2:on:site`; `--only-cells`: just those). Each corpus is `bench/gen_corpus.py N`, kept
under --data as `corpus-N` and reused (`bench_memory.corpus`). Each cell runs the real command
line, `kg build CORPUS --out OUT -q --jobs J --ner N [--no-site]` (store loaded), in a fresh
interpreter, and reads from `wait4` the CPU seconds (user + system) of the build and every
worker process it waited for, and the peak RSS of the largest of them; inside, the build's own
process and its largest worker are told apart. Each stage's CPU and wall seconds (the store
load, the site, and the others of `kg.stage_clock.STAGES`) come from the build's own record,
OUT/timings.json (the manifest records no stage times).

Baselines, once per size, on the text of the documents the first cell of that size built (its
texts.jsonl; at most --baseline-mb of it): jieba's segmentation and a pyahocorasick pass over
the lexicon's names (`bench_build._baselines`: dictionary and automaton built first, not
counted). Rates against them are in MB of document text per CPU second. The graph.nq of a cell
is compared (sha256) with the cell differing only in --jobs.

Results of earlier runs (other cells, each with its own run's baselines and command) are kept
in --data/scale-rows.json and written into the same table unless --fresh; --write-only writes
the table again from them. The results file's part from "## Reading the table" on is written
by hand and kept. Not a test: run it by hand and commit the table.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from bench_build import _baselines  # noqa: E402
from bench_memory import corpus  # noqa: E402

# Runs `kg build` as the `kg` command does, then prints one JSON line: the exit code, this
# process's CPU and peak RSS, and the peak RSS of its largest reaped worker.
DRIVER = r"""
import json, resource, sys
from kg.cli import app
code = 0
try:
    app(sys.argv[1:], prog_name="kg")
except SystemExit as exit:
    code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print("KG-SCALE " + json.dumps({"code": code, "main_cpu": me.ru_utime + me.ru_stime,
                                "main_rss_kb": me.ru_maxrss, "worker_rss_kb": kids.ru_maxrss}))
sys.exit(code)
"""


@dataclass(frozen=True, order=True)
class Cell:
    size: int
    ner: str
    site: bool
    jobs: int

    @property
    def key(self) -> str:
        return f"{self.size}:{self.jobs}:{self.ner}:{'site' if self.site else 'no-site'}"

    def kg_args(self, source: Path, out: Path) -> list[str]:
        return ["build", str(source), "--out", str(out), "-q", "--jobs", str(self.jobs), "--ner", self.ner,
                *([] if self.site else ["--no-site"])]


def parse_cell(text: str) -> Cell:
    """`SIZE:JOBS:NER:SITE`, SITE one of site/on/no-site/off."""
    try:
        size, jobs, ner, site = text.split(":")
        if site not in ("site", "on", "no-site", "off"):
            raise ValueError(site)
        return Cell(int(size), ner, site in ("site", "on"), int(jobs))
    except ValueError:
        raise argparse.ArgumentTypeError(f"cell {text!r}: expected SIZE:JOBS:NER:SITE, e.g. 10000:2:on:site") from None


def cells_for(sizes: list[int], jobs: list[int], ners: list[str], sites: list[str], extra: list[Cell],
              only_extra: bool = False) -> list[Cell]:
    """The cells to run, each once, sorted so the --jobs variants of a cell run one after the other."""
    grid = [] if only_extra else [Cell(s, n, site == "on", j) for s in sizes for j in jobs for n in ners for site in sites]
    return sorted(set(grid) | set(extra))


def run_cell(cell: Cell, source: Path, out: Path) -> dict:
    """One `kg build` in a fresh interpreter: wall, CPU and peak RSS of its process tree, the
    store load's and site's CPU, what the manifest counts, the graph.nq digest."""
    shutil.rmtree(out, ignore_errors=True)
    load = os.getloadavg()[0]
    began = time.perf_counter()
    log = out.parent / f"{out.name}.log"
    with log.open("w+", encoding="utf-8") as sink:  # a file, not a pipe: the child is reaped by wait4 alone
        child = subprocess.Popen([sys.executable, "-c", DRIVER, *cell.kg_args(source, out)], cwd=ROOT,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - began
        sink.seek(0)
        stdout = sink.read()
    log.unlink()
    lines = [x for x in stdout.splitlines() if x.startswith("KG-SCALE ")]
    if not lines:
        raise SystemExit(f"{cell.key}: the build printed no result (exit {child.returncode})\n{stdout[-3000:]}")
    inner = json.loads(lines[-1][len("KG-SCALE "):])
    if inner["code"] not in (0, 1):
        raise SystemExit(f"{cell.key}: kg build exited {inner['code']}\n{stdout[-3000:]}")
    totals = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["totals"]
    stages = json.loads((out / "timings.json").read_text(encoding="utf-8"))["stages"]
    site = stages["site"] if cell.site else {}
    row = {
        "cell": cell.key, **asdict(cell), "code": inner["code"], "wall": wall, "load_before": load,
        "cpu": usage.ru_utime + usage.ru_stime, "tree_rss_mb": usage.ru_maxrss / 1024, "main_cpu": inner["main_cpu"],
        "main_rss_mb": inner["main_rss_kb"] / 1024, "worker_rss_mb": inner["worker_rss_kb"] / 1024,
        "store_cpu": stages["store"]["cpu_s"], "store_wall": stages["store"]["wall_s"], "site_cpu": site.get("cpu_s"),
        "stages": stages,
        "documents": totals["documents"], "quads": totals["quads"], "failed": totals["failed"],
        "warnings": totals["warnings"], "corpus_mb": corpus_mb(source), "text_mb": text_mb(out / "texts.jsonl"),
        "graph_sha256": sha256(out / "graph.nq"), "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    return row


def corpus_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def text_mb(texts: Path) -> float:
    """MB (UTF-8) of the documents' text the build kept, the text the baselines read."""
    total = 0
    with texts.open(encoding="utf-8") as f:
        for line in f:
            total += len(json.loads(line)["text"].encode("utf-8"))
    return total / 1e6


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def baselines(size: int, texts: Path, cap_mb: float) -> dict:
    """jieba's and pyahocorasick's CPU seconds over the documents' text (the first `cap_mb`)."""
    chosen: list[str] = []
    nbytes = 0
    with texts.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            chosen.append(text)
            nbytes += len(text.encode("utf-8"))
            if nbytes >= cap_mb * 1e6:
                break
    jieba_cpu, aho_cpu, names = _baselines(chosen)
    return {"size": size, "text_mb": nbytes / 1e6, "documents": len(chosen), "jieba_cpu": jieba_cpu,
            "aho_cpu": aho_cpu, "aho_names": names, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def same_as_other_jobs(row: dict, rows: list[dict]) -> str:
    """Whether graph.nq equals that of the cell differing only in --jobs (— when not run)."""
    others = [r for r in rows if r["cell"] != row["cell"] and
              (r["size"], r["ner"], r["site"]) == (row["size"], row["ner"], row["site"])]
    if not others:
        return "—"
    return "yes" if all(r["graph_sha256"] == row["graph_sha256"] for r in others) else "NO"


def _f(x: float | None, fmt: str = ".1f") -> str:
    return "—" if x is None else format(x, fmt)


def _ratio(num: float | None, den: float | None, fmt: str = ".3f") -> str:
    return "—" if num is None or not den else format(num / den, fmt)


def table(rows: list[dict]) -> list[str]:
    """The results table, one row per cell (sorted by size, tagger, site, jobs), each against the
    baselines of its own run; rates per CPU second compare under load, wall rates do not."""
    out = ["| generated items | documents | corpus MB | jobs | tagger | site | wall s | docs/s | MB/s "
           "| CPU s (all processes) | docs per CPU s "
           "| MB per CPU s | peak RSS MB (largest process: build / worker) | store load CPU s (% of CPU) "
           "| site CPU s | text MB per CPU s ÷ jieba's | ÷ pyahocorasick's | graph.nq same as other --jobs |",
           "|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|"]
    for r in sorted(rows, key=lambda r: (r["size"], r["ner"], r["site"], r["jobs"])):
        cpu = r["cpu"]
        base = r.get("base")
        rate = r["text_mb"] / cpu if cpu else None  # text MB per CPU second, comparable with the baselines'
        jieba = base["text_mb"] / base["jieba_cpu"] if base else None
        aho = base["text_mb"] / base["aho_cpu"] if base else None
        store = "—" if r["store_cpu"] is None else (f"{r['store_cpu']:.1f} ({100 * r['store_cpu'] / cpu:.0f} %)"
                                                    if cpu else f"{r['store_cpu']:.1f}")
        failed = f" ({r['failed']} failed)" if r["failed"] else ""
        out.append(
            f"| {r['size']}{failed} | {r['documents']} | {r['corpus_mb']:.1f} | {r['jobs']} | {r['ner']} "
            f"| {'on' if r['site'] else 'off'} | {r['wall']:.0f} "
            f"| {r['documents'] / r['wall']:.1f} | {r['corpus_mb'] / r['wall']:.3f} | {_f(cpu)} "
            f"| {_ratio(r['documents'], cpu, '.1f')} | {_ratio(r['corpus_mb'], cpu)} "
            f"| {_f(r['tree_rss_mb'], '.0f')} ({r['main_rss_mb']:.0f} / {r['worker_rss_mb']:.0f}) | {store} "
            f"| {_f(r['site_cpu'])} | {_ratio(rate, jieba)} | {_ratio(rate, aho, '.4f')} "
            f"| {same_as_other_jobs(r, rows)} |")
    return out


def stage_section(rows: list[dict]) -> list[str]:
    """Each cell's CPU milliseconds per document by build stage (from its timings.json), with the
    ratio to the smallest size of the same jobs/tagger/site (1.00: the stage grows linearly)."""
    timed = sorted((r for r in rows if r.get("stages")), key=lambda r: (r["ner"], r["site"], r["jobs"], r["size"]))
    if not timed:
        return []
    names = list(dict.fromkeys(n for r in timed for n in r["stages"]))
    out = ["CPU milliseconds per document of each build stage (all processes; `timings.json`, stages of "
           "`kg.stage_clock.STAGES`), in brackets against the smallest size with the same jobs, tagger and site "
           "(1.00 is linear):", "",
           "| generated items | jobs | tagger | site | " + " | ".join(names) + " |",
           "|---:|---:|---|---|" + "---:|" * len(names)]
    for r in timed:
        first = min((x for x in timed if (x["ner"], x["site"], x["jobs"]) == (r["ner"], r["site"], r["jobs"])),
                    key=lambda x: x["size"])
        cells = []
        for n in names:
            mine, theirs = r["stages"].get(n, {}).get("cpu_s"), first["stages"].get(n, {}).get("cpu_s")
            per = None if mine is None else mine / r["documents"]
            base = theirs / first["documents"] if theirs else None
            cells.append("—" if per is None else f"{1000 * per:.2f}" + (f" ({per / base:.2f})" if base else ""))
        out.append(f"| {r['size']} | {r['jobs']} | {r['ner']} | {'on' if r['site'] else 'off'} | " + " | ".join(cells) + " |")
    return [*out, ""]


def baselines_of(rows: list[dict]) -> list[dict]:
    """Each baseline measurement the rows were compared with, once, by size and time."""
    found = {(r["base"]["size"], r["base"]["when"]): r["base"] for r in rows if r.get("base")}
    return [found[k] for k in sorted(found)]


def commands_of(rows: list[dict]) -> list[str]:
    """The runs that made the rows, in the order they ran."""
    return list(dict.fromkeys(r["run"] for r in sorted(rows, key=lambda r: r["when"]) if r.get("run")))


def baseline_table(bases: list[dict]) -> list[str]:
    out = ["| generated items | measured | text read (MB, documents) | jieba segmentation CPU s | jieba MB per CPU s "
           "| pyahocorasick pass CPU s (names) | pyahocorasick MB per CPU s |",
           "|---:|---|---|---:|---:|---:|---:|"]
    for b in bases:
        out.append(f"| {b['size']} | {b['when']} | {b['text_mb']:.1f} MB, {b['documents']} | {b['jieba_cpu']:.1f} "
                   f"| {b['text_mb'] / b['jieba_cpu']:.3f} | {b['aho_cpu']:.2f} ({b['aho_names']}) "
                   f"| {b['text_mb'] / b['aho_cpu']:.1f} |")
    return out


def latency_section() -> list[str]:
    """Canned-question latency at 1M triples: quoted from RESULTS-FIRST-PAGE.md and RESULTS.md
    (not re-run here: each takes a quarter of an hour of loading and querying)."""
    out = ["## Canned-question latency at 1M triples, against rdflib's engine", "",
           "Quoted from the query benchmarks' own results (this script does not re-run them: each loads a "
           "1.2 M-quad synthetic dataset into both engines, a quarter of an hour on this machine):", ""]
    for name in ("RESULTS-FIRST-PAGE.md", "RESULTS.md"):
        path = BENCH / name
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        quoted = [x for x in lines if x.startswith(("Generated by", "First page with the index:",
                                                     "Median ratio over"))]
        out += [f"From [{name}]({name}):", ""]
        for x in quoted:
            out += [f"> {x}", ">"]
        out[-1] = ""
    return out


NOTES = "## Reading the table"  # from this heading on, the results file is written by hand and kept


def write_results(path: Path, rows: list[dict]) -> str:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    notes = old[old.index(NOTES):] if NOTES in old else ""
    loads = [r["load_before"] for r in rows]
    text = "\n".join([
        "# `kg build` at scale: throughput, CPU, peak memory, beside jieba and pyahocorasick", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other sessions (load average "
        f"{min(loads):.1f}–{max(loads):.1f} when the builds started), Python {platform.python_version()}. "
        "Wall-clock rates fall with the load; CPU seconds and the ratios to the baselines of the same run "
        "compare across machines.", "",
        "Commands (each run adds its cells; `bench/bench_scale.py`'s docstring says what is measured):", "",
        *(f"- `{c}`" for c in commands_of(rows)), "",
        "Each cell runs `kg build CORPUS --out OUT -q --jobs J --ner N [--no-site]` (store loaded) in a fresh "
        "interpreter on `bench/gen_corpus.py N`'s corpus. *CPU s*: user + system of the build and every worker "
        "process (`wait4`). *peak RSS*: the largest process of the tree (the build's own process / its largest "
        "worker), not their sum. *MB*: corpus file bytes; the ratios to the baselines use MB of document text "
        "(texts.jsonl) per CPU second on both sides. *store load*, *site*: CPU of those stages as the build "
        "records them in `timings.json` (the store load: all threads; the site: with the processes of its "
        "page-writing pool). "
        "*÷ jieba's*: the build's text MB per CPU second over jieba segmentation's on the same text, same run "
        "(0.25 = the whole build, taggers included, costs 4 times jieba's CPU per MB).", "",
        *table(rows), "",
        *stage_section(rows),
        "Baselines, once per size and run on the text of the documents that size's builds read (texts.jsonl; "
        "the first MB only where the text is larger than `--baseline-mb`); dictionary loading and automaton "
        "building not counted:", "",
        *baseline_table(baselines_of(rows)), "",
        *latency_section(),
    ]) + (f"\n{notes}" if notes else "")
    path.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--ner", nargs="+", default=["off", "on"])
    ap.add_argument("--site", nargs="+", choices=("off", "on"), default=["off", "on"])
    ap.add_argument("--cell", type=parse_cell, action="append", default=[], help="SIZE:JOBS:NER:SITE, added")
    ap.add_argument("--only-cells", action="store_true", help="run only the --cell cells, no grid")
    ap.add_argument("--baseline-mb", type=float, default=40.0, help="text the baselines read at most")
    ap.add_argument("--fresh", action="store_true", help="forget the rows of earlier runs")
    ap.add_argument("--write-only", action="store_true", help="run nothing: write the results of the saved rows")
    ap.add_argument("--data", type=Path, default=BENCH / "data")
    ap.add_argument("--out", type=Path, default=BENCH / "SCALE-RESULTS.md")
    args = ap.parse_args()
    args.data = args.data.resolve()
    args.data.mkdir(parents=True, exist_ok=True)
    saved = args.data / "scale-rows.json"
    if args.fresh:
        saved.unlink(missing_ok=True)
    command = "python bench/bench_scale.py " + " ".join(sys.argv[1:])
    if args.write_only:
        print(write_results(args.out, json.loads(saved.read_text(encoding="utf-8"))["rows"]))
        return

    cells = cells_for(args.sizes, args.jobs, args.ner, args.site, args.cell, args.only_cells)
    print(f"{len(cells)} cells: {', '.join(c.key for c in cells)}", flush=True)
    here: dict[int, dict] = {}  # this run's baselines by size
    rows: list[dict] = []
    for cell in cells:
        source = corpus(cell.size, args.data)
        out = args.data / f"scale-out-{cell.key.replace(':', '-')}"  # one per cell: runs may go side by side
        row = run_cell(cell, source, out)
        if cell.size not in here:  # the baselines once per size, on this build's text
            here[cell.size] = baselines(cell.size, out / "texts.jsonl", args.baseline_mb)
        row["base"], row["run"] = here[cell.size], command
        print(json.dumps(row), flush=True)
        shutil.rmtree(out, ignore_errors=True)
        rows = save(saved, row)
        write_results(args.out, rows)
    print(write_results(args.out, rows))


def save(saved: Path, row: dict) -> list[dict]:
    """Add a cell's row to the saved rows, replacing an earlier run of the same cell; read again
    each time, so runs of other sizes side by side add theirs too. Returns all the rows."""
    rows = json.loads(saved.read_text(encoding="utf-8"))["rows"] if saved.exists() else []
    rows = [r for r in rows if r["cell"] != row["cell"]] + [row]
    tmp = saved.with_suffix(f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps({"rows": rows}, indent=1), encoding="utf-8")
    tmp.replace(saved)
    return rows

if __name__ == "__main__":
    main()
