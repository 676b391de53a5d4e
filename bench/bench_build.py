"""Throughput of the build stages on the seed corpus repeated to a target size.

Usage: python bench/bench_build.py [--mb 20] [--out bench/BUILD-RESULTS.md]

Times ingest, extraction (per extractor), resolution and RDF serialisation separately and
reports MB/s of input text, with a baseline measured in the same run: a plain pass of
Python's `str.count` over the same text, so numbers from different machines compare as
ratios. Not a test: run it by hand and commit the table.
"""
from __future__ import annotations

import argparse
import platform
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(target_mb: float, folder: Path) -> int:
    """Copies of the seed files (distinct names) until the corpus reaches target_mb."""
    seeds = sorted((ROOT / "seeds").iterdir())
    size = 0
    i = 0
    while size < target_mb * 1_000_000:
        for src in seeds:
            dst = folder / f"copy{i:04d}" / src.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            size += src.stat().st_size
        i += 1
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "BUILD-RESULTS.md")
    args = ap.parse_args()

    from kg.extract import Pipeline
    from kg.ingest import ingest_corpus
    from kg.lexicons import load_entities
    from kg.rdf import dataset_quads, nquads_lines
    from kg.resolve import resolve

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        nbytes = make_corpus(args.mb, work)
        mb = nbytes / 1_000_000
        rows: list[tuple[str, float]] = []

        t = time.perf_counter()
        files = list(ingest_corpus(work))
        rows.append(("ingest (decode, repair, split)", time.perf_counter() - t))
        docs = [d for f in files for d in f.documents]
        targets = [d for d in docs if not d.is_container]
        text = "".join(d.text for d in targets)

        t = time.perf_counter()
        text.count("的")
        text.count("the")
        baseline = time.perf_counter() - t

        pipeline = Pipeline()
        per: dict[str, float] = dict.fromkeys(pipeline.names, 0.0)
        from kg.model import Extraction

        extractions = []
        for doc in targets:
            ex = Extraction(document=doc)
            for name, extractor in zip(pipeline.names, pipeline.extractors, strict=True):
                t0 = time.perf_counter()
                extractor(ex)
                per[name] += time.perf_counter() - t0
            extractions.append(ex)
        for name, secs in per.items():
            rows.append((f"extract: {name}", secs))
        extract_total = sum(per.values())

        t = time.perf_counter()
        resolved = resolve(extractions, docs, load_entities())
        rows.append(("resolve", time.perf_counter() - t))
        t = time.perf_counter()
        lines = nquads_lines(q for _, q in dataset_quads(docs, resolved))
        rows.append(("rdf (quads, sorted N-Quads)", time.perf_counter() - t))
        total = sum(s for _, s in rows)

        report = [
            "# Build throughput",
            "",
            f"Corpus: the 5 seed files repeated to {mb:.1f} MB ({len(files)} files, {len(targets)} documents); "
            f"{len(lines)} quads, {len(resolved.entities)} entities, {len(resolved.events)} events.",
            f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}. "
            f"Command: `python bench/bench_build.py --mb {args.mb:g}`.",
            f"Baseline in the same run: two `str.count` passes over the document text: {baseline:.3f} s.",
            "",
            "| stage | seconds | MB/s | × baseline time |",
            "|---|---:|---:|---:|",
        ]
        for name, secs in [*rows, ("extraction, all extractors", extract_total), ("whole pipeline", total)]:
            rate = mb / secs if secs else float("inf")
            report.append(f"| {name} | {secs:.2f} | {rate:.2f} | {secs / baseline:.0f} |")
        args.out.write_text("\n".join(report) + "\n", encoding="utf-8")
        print("\n".join(report))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
