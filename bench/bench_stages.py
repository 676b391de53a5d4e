"""CPU seconds of each stage of a rules-only build (`--ner off`), against jieba in the same run.

Usage: python bench/bench_stages.py [--mb 5] [--runs 1] [--label NAME] [--corpus DIR]

The corpus is `bench_build.py`'s (the seed files repeated to --mb MB). One process reads it
(ingest), extracts every document with `Pipeline(ner="off")` as `kg build` does (gazetteer,
names, ..., events), resolves and makes the sorted N-Quads, timing each stage with
`time.process_time`; jieba's segmentation of the same texts (`jieba.lcut` per document,
dictionary loaded beforehand) is the yardstick: the ratio is jieba's CPU seconds over the
build's, as in BUILD-RESULTS.md. With --corpus, DIR is measured instead (e.g. a `gen_corpus.py`
corpus, whose text does not repeat as the seed copies do). Prints one markdown row per run. To compare two checkouts,
run this file from one with PYTHONPATH pointing at the other's package, alternating, or two
copies at once (each with its own checkout on PYTHONPATH) so both see the same load.
Not a test: run it by hand and copy the rows into BUILD-RESULTS.md.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

STAGES = ["ingest", "setup", "gazetteer", "names", "repeats", "places", "dates", "figures", "relations",
          "events", "resolve", "rdf"]


def one_run(corpus: Path) -> dict[str, float]:
    """CPU seconds per stage of one rules-only build of `corpus`, and jieba's."""
    from bench_build import _baselines

    from kg.build import PREPARE_BATCH
    from kg.extract import Pipeline
    from kg.ingest import ingest_corpus
    from kg.lexicons import load_entities
    from kg.model import Extraction
    from kg.rdf import dataset_quads, nquads_lines
    from kg.resolve import resolve

    try:
        from kg.gc_policy import settle
    except ImportError:  # a checkout from before kg.gc_policy
        def settle() -> None:
            return None

    cpu: dict[str, float] = dict.fromkeys(STAGES, 0.0)
    settle()
    t = time.process_time()
    files = list(ingest_corpus(corpus))
    cpu["ingest"] = time.process_time() - t
    docs = [d for f in files for d in f.documents]
    targets = [d for d in docs if not d.is_container]
    cpu["jieba"], _, _ = _baselines([d.text for d in targets])  # bench_build's yardstick, dictionary loaded first

    t = time.process_time()
    pipeline = Pipeline(ner="off")
    settle()
    cpu["setup"] = time.process_time() - t
    extractions = []
    for lo in range(0, len(targets), PREPARE_BATCH):
        pipeline.prepare(targets[lo: lo + PREPARE_BATCH])
        for doc in targets[lo: lo + PREPARE_BATCH]:
            ex = Extraction(document=doc)
            for name, extractor in zip(pipeline.names, pipeline.extractors, strict=True):
                t = time.process_time()
                extractor(ex)
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - t
            extractions.append(ex)
    t = time.process_time()
    resolved = resolve(extractions, docs, load_entities())
    cpu["resolve"] = time.process_time() - t
    t = time.process_time()
    nquads_lines(q for _, q in dataset_quads(docs, resolved))
    cpu["rdf"] = time.process_time() - t
    return cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--label", default="run")
    ap.add_argument("--corpus", type=Path, default=None, help="measure this folder instead of the seed copies")
    args = ap.parse_args()
    from bench_build import make_corpus

    import kg

    work = Path(tempfile.mkdtemp(prefix="kg-stages-"))
    try:
        if args.corpus is None:
            make_corpus(args.mb, work)
        from kg import native

        print(f"kg from {Path(kg.__file__).parent}; compiled modules: {native.describe()}")
        print("| run | " + " | ".join(STAGES) + " | whole build | jieba | × jieba's rate |")
        print("|---|" + "---:|" * (len(STAGES) + 3))
        for k in range(args.runs):
            cpu = one_run(args.corpus or work)
            whole = sum(cpu[s] for s in STAGES)
            cells = " | ".join(f"{cpu[s]:.2f}" for s in STAGES)
            print(f"| {args.label} {k + 1} | {cells} | {whole:.2f} | {cpu['jieba']:.2f} | {cpu['jieba'] / whole:.3f} |",
                  flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
