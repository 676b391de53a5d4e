"""CPU seconds per stage of a rules-only (`--ner off`) build, with jieba's rate on the same text.

Usage: python bench/bench_rules_stages.py [--mb 5] [--tag NAME]

Builds the corpus `bench_build.py` builds (the seed files repeated to --mb MB), then times with
`time.process_time` ingest, each extractor of the `--ner off` chain, resolution and the RDF
serialisation, and jieba's segmentation of the same document texts in the same process. Prints
one line: the stages' CPU seconds, the whole build's, jieba's, and jieba's CPU over the whole
build's (the "× jieba" rate of BUILD-RESULTS.md). CPU seconds, not wall seconds: on a loaded
machine the wall clock says little. To compare two versions of the code under the same load,
run two copies at once, each with its own checkout on PYTHONPATH. Not a test: run it by hand.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import bench_build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--tag", default="run")
    args = ap.parse_args()

    from kg.extract import Pipeline
    from kg.ingest import ingest_corpus
    from kg.lexicons import load_entities
    from kg.model import Extraction
    from kg.rdf import dataset_quads, nquads_lines
    from kg.resolve import resolve

    work = Path(tempfile.mkdtemp(prefix="kg-bench-stages-"))
    try:
        bench_build.make_corpus(args.mb, work)
        cpu = time.process_time()
        files = list(ingest_corpus(work))
        row = {"ingest": time.process_time() - cpu}
        docs = [d for f in files for d in f.documents]
        targets = [d for d in docs if not d.is_container]
        jieba_cpu, _, _ = bench_build._baselines([d.text for d in targets])

        start = time.process_time()
        pipeline = Pipeline(ner="off")
        per = dict.fromkeys(pipeline.names, 0.0)
        extractions = []
        for doc in targets:
            ex = Extraction(document=doc)
            for name, extractor in zip(pipeline.names, pipeline.extractors, strict=True):
                cpu = time.process_time()
                extractor(ex)
                per[name] += time.process_time() - cpu
            extractions.append(ex)
        row.update(per)
        cpu = time.process_time()
        resolved = resolve(extractions, docs, load_entities())
        row["resolve"] = time.process_time() - cpu
        cpu = time.process_time()
        lines = nquads_lines(q for _, q in dataset_quads(docs, resolved))
        row["rdf"] = time.process_time() - cpu
        row["whole"] = row["ingest"] + time.process_time() - start
        row["jieba"] = jieba_cpu
        print(args.tag, " ".join(f"{k}={v:.2f}" for k, v in row.items()),
              f"x_jieba={jieba_cpu / row['whole']:.3f} quads={len(lines)}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
