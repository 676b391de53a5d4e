"""Instructions (valgrind callgrind's Ir) of a rules-only build's stages, per checkout: a steady measure.

Usage: python bench/bench_instructions.py --corpus DIR [--kg CHECKOUT ...]

On a shared 2-core machine CPU seconds of the same build vary by 5-10 % from run to run, more than
most single speed-ups; the instruction count of the same work varies by about 0.03 % (hash seed
fixed), so a cut of 0.5 % shows. Each checkout (a folder holding `kg/`, e.g. a `git archive`
export or a worktree; default: this repository) runs ingest, `Pipeline(ner="off")` extraction,
resolution and the sorted N-Quads over DIR in a fresh interpreter under callgrind, imports and
set-up included (as a build pays them once per process), bytecode cached. Needs valgrind (Debian: `valgrind`);
a run takes about 50x the plain run's time (3-4 minutes for 1,700 documents). Counts are not
times: cache misses and C-level work weigh differently, so report both where you can.
Not a test: run it by hand and copy the rows into BUILD-RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stages(corpus: Path) -> None:
    """The measured work: what `bench_stages.one_run` times, without its jieba yardstick."""
    from kg.build import PREPARE_BATCH
    from kg.extract import Pipeline
    from kg.ingest import ingest_corpus
    from kg.lexicons import load_entities
    from kg.model import Extraction
    from kg.rdf import dataset_quads, nquads_lines
    from kg.resolve import resolve

    files = list(ingest_corpus(corpus))
    docs = [d for f in files for d in f.documents]
    targets = [d for d in docs if not d.is_container]
    pipeline = Pipeline(ner="off")
    extractions = []
    for lo in range(0, len(targets), PREPARE_BATCH):
        pipeline.prepare(targets[lo: lo + PREPARE_BATCH])
        for doc in targets[lo: lo + PREPARE_BATCH]:
            ex = Extraction(document=doc)
            for extractor in pipeline.extractors:
                extractor(ex)
            extractions.append(ex)
    resolved = resolve(extractions, docs, load_entities())
    lines = nquads_lines(q for _, q in dataset_quads(docs, resolved))
    print(f"{len(targets)} documents, {len(lines)} N-Quads lines")


def count(checkout: Path, corpus: Path) -> tuple[int, str]:
    """Callgrind's total Ir of `stages(corpus)` with kg imported from `checkout`, its modules'
    bytecode cached as in an installed kg: a plain run first writes every module's .pyc into a
    folder of its own (PYTHONPYCACHEPREFIX), so neither a stale __pycache__ beside the sources nor
    PYTHONDONTWRITEBYTECODE (set on some machines: every run would compile kg from source) makes
    one checkout pay for compiling and the other not."""
    child = [sys.executable, str(Path(__file__).resolve()), "--stages", "--corpus", str(corpus)]
    with tempfile.TemporaryDirectory(prefix="kg-pyc-") as pyc:
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(checkout), "PYTHONPYCACHEPREFIX": pyc}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        warm = subprocess.run(child, env=env, capture_output=True, text=True, cwd="/", check=False)
        if warm.returncode != 0:
            raise SystemExit(f"{checkout}: the run failed:\n{warm.stderr[-2000:]}")
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *child]
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd="/", check=False)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or found is None:
        raise SystemExit(f"{checkout}: the run under valgrind failed:\n{run.stderr[-2000:]}")
    return int(found.group(1)), run.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--kg", type=Path, nargs="*", default=[ROOT], help="checkouts to count (folders holding kg/)")
    ap.add_argument("--stages", action="store_true", help=argparse.SUPPRESS)  # the measured child
    args = ap.parse_args()
    if args.stages:
        stages(args.corpus)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    corpus = args.corpus.resolve()
    print("| kg | instructions (Ir) | × the first | work |")
    print("|---|---:|---:|---|")
    first = None
    for checkout in args.kg:
        ir, work = count(checkout.resolve(), corpus)
        first = first or ir
        print(f"| {checkout} | {ir:,} | {ir / first:.4f} | {work} |", flush=True)


if __name__ == "__main__":
    main()
