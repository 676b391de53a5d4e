"""CPU seconds of the rdf stage alone (quads, sorted N-Quads lines) over a fixed resolved model.

Usage:
  python bench/bench_rdf.py prepare FILE [--mb 5]   # extract + resolve once (rules only), pickle
  python bench/bench_rdf.py time FILE [--runs 5] [--label NAME]

`prepare` reads `bench_build.py`'s corpus (the seed files repeated to --mb MB), extracts it with
`Pipeline(ner="off")` and resolves it as `bench_stages.py` does, and pickles the documents and
the resolved graph. `time` loads them and times, per run, with `time.process_time`:
- rdf: `nquads_lines(q for _, q in dataset_quads(docs, resolved))`, bench_stages.py's rdf row;
- files: every quad of `dataset_quads` into `kg.graph_files.GraphFiles` (the build's two
  external sorts, both spilled to disk), as a build's write stage takes them.
Both checkouts can time the same pickle (choose one by PYTHONPATH, e.g. main's for "before"),
alternating, so the two see the same load; the unpickled model must be the same in both.
Not a test: run it by hand and copy the rows into BUILD-RESULTS.md.
"""
from __future__ import annotations

import argparse
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def prepare(path: Path, mb: float) -> None:
    from bench_build import make_corpus

    from kg.build import PREPARE_BATCH
    from kg.extract import Pipeline
    from kg.ingest import ingest_corpus
    from kg.lexicons import load_entities
    from kg.resolve import resolve

    work = Path(tempfile.mkdtemp(prefix="kg-rdf-"))
    try:
        make_corpus(mb, work)
        docs = [d for f in ingest_corpus(work) for d in f.documents]
        targets = [d for d in docs if not d.is_container]
        pipeline = Pipeline(ner="off")
        extractions = []
        for lo in range(0, len(targets), PREPARE_BATCH):
            pipeline.prepare(targets[lo: lo + PREPARE_BATCH])
            extractions.extend(pipeline.pipe(targets[lo: lo + PREPARE_BATCH]))
        resolved = resolve(extractions, docs, load_entities())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with path.open("wb") as f:
        pickle.dump((docs, resolved), f, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{len(docs)} documents, {len(resolved.entities)} entities, {len(resolved.events)} events -> {path}")


def time_runs(path: Path, runs: int, label: str) -> None:
    import kg
    from kg.graph_files import GraphFiles
    from kg.rdf import dataset_quads, nquads_lines

    with path.open("rb") as f:
        docs, resolved = pickle.load(f)
    print(f"kg from {Path(kg.__file__).parent}")
    for k in range(runs):
        t = time.process_time()
        lines = nquads_lines(q for _, q in dataset_quads(docs, resolved))
        rdf = time.process_time() - t
        work = Path(tempfile.mkdtemp(prefix="kg-rdf-files-"))
        try:
            t = time.process_time()
            graph = GraphFiles(work)
            for doc_key, q in dataset_quads(docs, resolved):
                graph.add(doc_key, q)
            graph.by_text.spill()
            graph.by_graph.spill()
            files = time.process_time() - t
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"| {label} {k + 1} | {len(lines)} | {rdf:.2f} | {files:.2f} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["prepare", "time"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--label", default="run")
    args = ap.parse_args()
    if args.action == "prepare":
        prepare(args.file, args.mb)
    else:
        time_runs(args.file, args.runs, args.label)


if __name__ == "__main__":
    main()
