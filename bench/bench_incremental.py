"""What an incremental rebuild saves: `kg build` of a generated corpus, clean, then again after
1 % of its files changed (only those are read and extracted; resolution and writing are
redone over everything), beside a clean build of the changed corpus in the same run; and
what keeping the outcomes costs, in SQLite (what kg.cache uses) or in pickle files.

Usage: python bench/bench_incremental.py [--docs 2000] [--ner on] [--out bench/INCREMENTAL-RESULTS.md]

Each build runs as its own `kg build --no-site` process; CPU seconds are the child's user +
system time. The rebuild's output is checked byte for byte against the clean build of the
changed corpus. Not a test: run it by hand and commit the table.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.cache import CACHE_DIR, DB_NAME, _pack, _unpack  # noqa: E402

OUTPUTS = ("graph.nq", "graph.trig", "texts.jsonl", "manifest.json")
EXTRA_EN = "\nRegulators fined the platform 3 million dollars on March 3, 2025, the company said.\n"
EXTRA_ZH = "\n2025年3月3日，监管部门对该平台处以300万元罚款。\n"


def run_build(corpus: Path, out: Path, ner: str, *extra: str) -> dict:
    """One `kg build` in a child process: wall and CPU seconds, peak RSS, its summary line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-site",
                           "--ner", ner, "-q", *extra], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"kg build failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = next((line for line in done.stdout.splitlines() if " files (" in line), "")
    return {"wall": wall, "cpu": cpu, "rss_mb": after.ru_maxrss / 1024, "summary": summary}


def change_files(corpus: Path, share: float) -> list[Path]:
    """Append a sentence to `share` of the text and Markdown files, spread over the corpus."""
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md"))
    count = max(1, round(share * sum(1 for p in corpus.rglob("*") if p.is_file())))
    step = max(1, len(files) // count)
    changed = files[::step][:count]
    for path in changed:
        text = path.read_text(encoding="utf-8")
        zh = sum(1 for c in text if "\u4e00" <= c <= "\u9fff") > len(text) / 10
        path.write_text(text + (EXTRA_ZH if zh else EXTRA_EN), encoding="utf-8")
    return changed


def same_bytes(a: Path, b: Path) -> bool:
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in OUTPUTS)


def storage(db: Path, work: Path) -> list[tuple[str, float, float, float]]:
    """(layout, seconds to write every outcome, seconds to read them all back, MB on disk) for
    the cache's SQLite file and two pickle layouts, on the outcomes of a real build."""
    with sqlite3.connect(db) as con:
        rows = [(bytes(p), s, bytes(b)) for p, s, b in con.execute("SELECT path, sha256, blob FROM outcomes")]
    outcomes = [(p, s, _unpack(b)) for p, s, b in rows]
    plain = sum(len(zlib.compress(pickle.dumps(o, protocol=pickle.HIGHEST_PROTOCOL), 1)) for _, _, o in outcomes)
    results = []

    def pack(o) -> bytes:  # plain zlib, no preset dictionary
        return zlib.compress(pickle.dumps(o, protocol=pickle.HIGHEST_PROTOCOL), 1)

    # SQLite, one row per file (kg.cache)
    path = work / "s.sqlite"
    began = time.perf_counter()
    con = sqlite3.connect(path)
    con.executescript("PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                      "CREATE TABLE outcomes (path BLOB PRIMARY KEY, sha256 TEXT, digest BLOB, blob BLOB);")
    for p, s, o in outcomes:
        blob = _pack(o)
        con.execute("INSERT INTO outcomes VALUES (?, ?, ?, ?)", (p, s, hashlib.sha256(blob).digest(), blob))
    con.commit()
    con.close()
    wrote = time.perf_counter() - began
    began = time.perf_counter()
    con = sqlite3.connect(path)
    for _p, _s, _d, b in con.execute("SELECT * FROM outcomes"):
        _unpack(b)
    con.close()
    results.append(("SQLite, a row per file (kg.cache: zlib 1, preset dictionary)", wrote,
                    time.perf_counter() - began, path.stat().st_size / 1e6))
    # the same without compression: the size it saves
    raw = sum(len(pickle.dumps(o, protocol=pickle.HIGHEST_PROTOCOL)) for _, _, o in outcomes)
    # a pickle file per shard of 64 files
    folder = work / "shards"
    folder.mkdir()
    began = time.perf_counter()
    for n in range(0, len(outcomes), 64):
        (folder / f"{n // 64:05d}.pkl").write_bytes(pack(outcomes[n : n + 64]))
    wrote = time.perf_counter() - began
    began = time.perf_counter()
    for f in sorted(folder.iterdir()):
        pickle.loads(zlib.decompress(f.read_bytes()))
    size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
    results.append(("a pickle file per 64 files (zlib 1)", wrote, time.perf_counter() - began, size))
    # a pickle file per input file
    folder = work / "files"
    folder.mkdir()
    began = time.perf_counter()
    for p, _s, o in outcomes:
        (folder / hashlib.sha256(p).hexdigest()).write_bytes(_pack(o))
    wrote = time.perf_counter() - began
    began = time.perf_counter()
    for f in sorted(folder.iterdir()):
        _unpack(f.read_bytes())
    size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
    results.append(("a pickle file per input file (zlib 1, preset dictionary)", wrote, time.perf_counter() - began, size))
    results.append(("(the pickles without compression)", 0.0, 0.0, raw / 1e6))
    results.append(("(the pickles, zlib 1 without a preset dictionary)", 0.0, 0.0, plain / 1e6))
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--share", type=float, default=0.01, help="share of files changed (default 1 %%)")
    ap.add_argument("--ner", default="on")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "INCREMENTAL-RESULTS.md")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-incremental-"))
    try:
        corpus = work / "corpus"
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(args.docs), str(corpus)],
                       check=True, capture_output=True)
        files = sum(1 for p in corpus.rglob("*") if p.is_file())
        mb = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
        out = work / "out"
        rows = [("clean build (no cache yet)", run_build(corpus, out, args.ner))]
        rows.append(("rebuild, nothing changed", run_build(corpus, out, args.ner)))
        changed = change_files(corpus, args.share)
        rows.append((f"rebuild, {len(changed)} files changed ({args.share:.0%})", run_build(corpus, out, args.ner)))
        clean = work / "clean"
        rows.append(("clean build of the changed corpus (baseline)", run_build(corpus, clean, args.ner)))
        identical = same_bytes(out, clean)
        rows.append(("rebuild with --full", run_build(corpus, work / "clean", args.ner, "--full")))
        cache_mb = (out / CACHE_DIR / DB_NAME).stat().st_size / 1e6
        layouts = storage(out / CACHE_DIR / DB_NAME, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = rows[3][1]["cpu"]
    lines = [
        "# Incremental rebuilds",
        "",
        f"`python bench/bench_incremental.py --docs {args.docs} --ner {args.ner}` on {platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores (shared with other work: compare the ratios, "
        "not the seconds). Each row is one `kg build --no-site` process (store loaded, site not written).",
        "",
        f"Corpus: `bench/gen_corpus.py {args.docs}`: {files} files, {mb:.1f} MB. Changed: a sentence appended to "
        f"{len(changed)} of its text and Markdown files. The rebuild's graph.nq, graph.trig, texts.jsonl and "
        f"manifest.json are {'byte-identical to' if identical else 'DIFFERENT FROM'} the clean build's of the "
        "changed corpus.",
        "",
        "| build | wall s | CPU s | CPU vs clean | peak RSS MB (max so far) | kg's summary |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, r in rows:
        summary = r["summary"].split(" -> ")[0]
        lines.append(f"| {name} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['cpu'] / base:.2f} | {r['rss_mb']:.0f} | "
                     f"{summary} |")
    lines += [
        "",
        f"The cache (DIR/cache/outcomes.sqlite) of this corpus: {cache_mb:.1f} MB ({cache_mb / mb:.1f}× the corpus).",
        "",
        "## Where to keep the outcomes",
        "",
        "The same outcomes (of the build above) written and read back in-process by three layouts; writing "
        "includes pickling and compressing.",
        "",
        "| layout | write s | read all s | MB on disk |",
        "|---|---:|---:|---:|",
    ]
    for name, wrote, read, size in layouts:
        lines.append(f"| {name} | {wrote:.2f} | {read:.2f} | {size:.1f} |" if wrote else f"| {name} | | | {size:.1f} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
