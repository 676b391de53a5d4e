"""CPU seconds of the names step alone over the bench corpus, best of several runs, and a digest of its output.

Usage: python bench/bench_names.py [--mb 5] [--runs 4]

The whole-build bench (`bench_stages.py`) times the names step once per process, amid every other
step: on a shared machine its noise is larger than a cut of a few per cent. Here the corpus is read
and the gazetteer run once; then the names step runs over every document `--runs` times (fresh
`Extraction`s, jieba's span cache emptied before each run, as in a build) and the best run is printed
with a digest of the mentions, which must not change with a speed cut. To compare two checkouts,
run it from /tmp with PYTHONPATH pointing at each, alternating.
Not a test: run it by hand.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=4)
    args = ap.parse_args()
    from bench_build import make_corpus

    import kg
    from kg.extract import Pipeline
    from kg.extract.mentions import names_common
    from kg.ingest import ingest_corpus
    from kg.model import Extraction

    work = Path(tempfile.mkdtemp(prefix="kg-names-"))
    try:
        make_corpus(args.mb, work)
        docs = [d for f in ingest_corpus(work) for d in f.documents if not d.is_container]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    names_common.cut("预热")  # jieba's dictionary loaded before any timing
    pipeline = Pipeline(ner="off")
    pipeline.prepare(docs)
    gazetteer = pipeline.extractors[pipeline.names.index("gazetteer")]
    names = pipeline.extractors[pipeline.names.index("names")]
    known = []
    for doc in docs:
        ex = Extraction(document=doc)
        gazetteer(ex)
        known.append(list(ex.mentions))
    best, out = float("inf"), []
    for _ in range(args.runs):
        out = []
        for doc, mentions in zip(docs, known, strict=True):
            ex = Extraction(document=doc)
            ex.mentions = list(mentions)
            out.append(ex)
        names_common._cut.cache_clear()
        t = time.process_time()
        for ex in out:
            names(ex)
        best = min(best, time.process_time() - t)
    digest = hashlib.sha1()
    for ex in out:
        for m in ex.mentions:
            digest.update(repr((m.text, m.start, m.end, m.type, m.key, m.extractor, m.confidence, m.extra_types)).encode())
    print(f"kg from {Path(kg.__file__).parent}: names {best:.3f} s (best of {args.runs}), "
          f"{len(docs)} documents, digest {digest.hexdigest()[:12]}")


if __name__ == "__main__":
    main()
