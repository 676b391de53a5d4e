"""Throughput of the build stages on the seed corpus repeated to a target size.

Usage: python bench/bench_build.py [--mb 20] [--ner on|zh|en] [--corpus DIR] [--out bench/BUILD-RESULTS.md]

With --corpus, DIR is measured as it is instead of the seed copies (e.g. a corpus of
`gen_corpus.py`, whose documents do not repeat: the seed copies let every per-span cache of
the rules hit after the first copy, so they flatter the build against jieba, which has none).

Times ingest, extraction (per extractor), resolution and RDF serialisation separately and
reports MB/s of input text, with baselines measured in the same run: a plain pass of
Python's `str.count` over the same text, jieba's segmentation (`jieba.lcut` over each
document's text, dictionary loaded beforehand) and a pyahocorasick pass (an automaton over
every name of the lexicon, `iter` over each document's text), so numbers from different
machines compare as ratios; the whole build's CPU rate is given as a multiple of jieba's and
pyahocorasick's CPU rates. Extraction runs twice in the same process, rules only (`--ner off`) and with the
taggers of `--ner`, as `kg build` runs it (the Chinese tagger sees 512 documents at a time,
the English one the sentences each document's rules left unexplained); the taggers' rows give
MB/s over the text of their own language and over the whole corpus.
Not a test: run it by hand and commit the table.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
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


def _baselines(texts: list[str]) -> tuple[float, float, int]:
    """CPU seconds of jieba's segmentation and of a pyahocorasick pass over `texts`, and the
    number of names in the automaton; loading the dictionary and building the automaton are
    not counted."""
    import ahocorasick
    import jieba

    from kg.lexicons import load_entities

    jieba.setLogLevel(60)
    jieba.initialize()
    cpu = time.process_time()
    for text in texts:
        jieba.lcut(text)
    jieba_cpu = time.process_time() - cpu

    automaton = ahocorasick.Automaton()
    for entity in load_entities():
        for name in entity.names:
            automaton.add_word(name, name)
    automaton.make_automaton()
    cpu = time.process_time()
    hits = 0
    for text in texts:
        for _ in automaton.iter(text):
            hits += 1
    return jieba_cpu, time.process_time() - cpu, len(automaton)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--ner", choices=("on", "zh", "en"), default="on")
    ap.add_argument("--corpus", type=Path, default=None, help="measure this folder instead of the seed copies")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "BUILD-RESULTS.md")
    args = ap.parse_args()

    from kg import native
    from kg.extract import Pipeline
    from kg.gc_policy import settle
    from kg.ingest import ingest_corpus
    from kg.lexicons import load_entities
    from kg.rdf import dataset_quads, nquads_lines
    from kg.resolve import resolve

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        if args.corpus is None:
            nbytes = make_corpus(args.mb, work)
            described = f"the 5 seed files repeated to {nbytes / 1_000_000:.1f} MB"
        else:
            nbytes = sum(f.stat().st_size for f in args.corpus.rglob("*") if f.is_file())
            described = f"{args.corpus.name} as it is ({nbytes / 1_000_000:.1f} MB of files)"
        mb = nbytes / 1_000_000
        settle()  # as `kg build` does once start-up is done (kg.gc_policy)
        rows: list[tuple[str, float]] = []

        t, ingest_cpu = time.perf_counter(), time.process_time()
        files = list(ingest_corpus(args.corpus or work))
        ingest_cpu = time.process_time() - ingest_cpu
        rows.append(("ingest (decode, repair, split)", time.perf_counter() - t))
        docs = [d for f in files for d in f.documents]
        targets = [d for d in docs if not d.is_container]
        text = "".join(d.text for d in targets)

        t = time.perf_counter()
        text.count("的")
        text.count("the")
        baseline = time.perf_counter() - t
        jieba_cpu, aho_cpu, aho_needles = _baselines([d.text for d in targets])

        from kg.build import PREPARE_BATCH
        from kg.model import Extraction

        def extract(mode: str) -> tuple[list[Extraction], dict[str, float], Pipeline]:
            pipeline = Pipeline(ner=mode)
            settle()  # as the worker processes of `kg build` do once their pipeline is made
            per: dict[str, float] = dict.fromkeys(["prepare (taggers)", *pipeline.names], 0.0)
            extractions = []
            for lo in range(0, len(targets), PREPARE_BATCH):
                t0 = time.perf_counter()
                pipeline.prepare(targets[lo : lo + PREPARE_BATCH])
                per["prepare (taggers)"] += time.perf_counter() - t0
                for doc in targets[lo : lo + PREPARE_BATCH]:
                    ex = Extraction(document=doc)
                    for name, extractor in zip(pipeline.names, pipeline.extractors, strict=True):
                        t0 = time.perf_counter()
                        extractor(ex)
                        per[name] += time.perf_counter() - t0
                    extractions.append(ex)
            return extractions, per, pipeline

        def finish(extractions: list[Extraction]) -> tuple[float, float, int, object]:
            t = time.perf_counter()
            resolved = resolve(extractions, docs, load_entities())
            resolve_s = time.perf_counter() - t
            t = time.perf_counter()
            lines = nquads_lines(q for _, q in dataset_quads(docs, resolved))
            return resolve_s, time.perf_counter() - t, len(lines), resolved

        cpu = time.process_time()
        off_ex, off_per, _ = extract("off")
        off_resolve, off_rdf, _, _ = finish(off_ex)
        off_total = rows[0][1] + sum(off_per.values()) + off_resolve + off_rdf
        off_cpu = ingest_cpu + time.process_time() - cpu
        del off_ex

        cpu = time.process_time()
        extractions, per, pipeline = extract(args.ner)
        tagger = next((e for e in pipeline.extractors if hasattr(e, "seconds")), None)
        for name, secs in per.items():
            rows.append((f"extract: {name}", secs))
        extract_total = sum(per.values())
        resolve_s, rdf_s, nquads, resolved = finish(extractions)
        on_cpu = ingest_cpu + time.process_time() - cpu
        rows.append(("resolve", resolve_s))
        rows.append(("rdf (quads, sorted N-Quads)", rdf_s))
        lines = range(nquads)
        total = sum(s for _, s in rows)

        report = [
            "# Build throughput",
            "",
            f"Corpus: {described} ({len(files)} files, {len(targets)} documents); "
            f"{len(lines)} quads, {len(resolved.entities)} entities, {len(resolved.events)} events.",
            f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}. "
            f"Command: `python bench/bench_build.py --mb {args.mb:g} --ner {args.ner}"
            f"{' --corpus ' + args.corpus.name if args.corpus else ''}`.",
            f"Baseline in the same run: two `str.count` passes over the document text: {baseline:.3f} s.",
            # kg imports most of its modules inside the timed part (lazily, as `kg build` does); with bytecode
            # writing off they are compiled from source on every run, which an installed kg does once
            "Python's bytecode cache: " + ("off (`PYTHONDONTWRITEBYTECODE`): kg's modules imported in the timed part "
                                          "are compiled from source on every run, about 0.1-0.2 CPU s"
                                          if sys.flags.dont_write_bytecode else "on (as in an installed kg)") + ".",
            f"kg's compiled modules (mypyc, setup.py): {native.describe()}.",
            "",
            "| stage | seconds | MB/s | × baseline time |",
            "|---|---:|---:|---:|",
        ]
        for name, secs in [*rows, ("extraction, all extractors", extract_total), ("whole pipeline", total)]:
            rate = mb / secs if secs else float("inf")
            report.append(f"| {name} | {secs:.2f} | {rate:.3f} | {secs / baseline:.0f} |")
        report.append(f"| whole pipeline, `--ner off` (same run) | {off_total:.2f} | {mb / off_total:.3f} | "
                      f"{off_total / baseline:.0f} |")
        report.append(f"| whole pipeline, CPU seconds of this process | {on_cpu:.2f} | {mb / on_cpu:.3f} | — |")
        report.append(f"| whole pipeline `--ner off`, CPU seconds | {off_cpu:.2f} | {mb / off_cpu:.3f} | — |")
        report.append(f"| extraction, `--ner off` (same run) | {sum(off_per.values()):.2f} | "
                      f"{mb / sum(off_per.values()):.3f} | {sum(off_per.values()) / baseline:.0f} |")
        if tagger is not None:
            report += ["", "Taggers alone (tagging, pieces, decoding and typing; the Chinese one inside `prepare`, the "
                       "English one inside the `ner` step), over the text of their language and over the whole corpus:",
                       "",
                       "| tagger | seconds | CPU seconds | text of its language (MB) | MB/s on that text | "
                       "MB/s of the corpus | MB/s of the corpus per CPU second |",
                       "|---|---:|---:|---:|---:|---:|---:|"]
            names = {"zh": "Chinese (LAC, kg's runner)", "en": "English (spaCy en_core_web_sm, NER only)"}
            for lang, secs in tagger.seconds.items():
                own, cpu = tagger.chars[lang] / 1_000_000, tagger.cpu[lang]
                report.append(f"| {names[lang]} | {secs:.2f} | {cpu:.2f} | {own:.2f} | {own / secs if secs else 0:.3f} | "
                              f"{mb / secs if secs else 0:.3f} | {mb / cpu if cpu else 0:.3f} |")
            both, cpu = sum(tagger.seconds.values()), sum(tagger.cpu.values())
            own = sum(tagger.chars.values()) / 1_000_000
            report.append(f"| both | {both:.2f} | {cpu:.2f} | {own:.2f} | {own / both if both else 0:.3f} | "
                          f"{mb / both if both else 0:.3f} | {mb / cpu if cpu else 0:.3f} |")
        report += ["", "Per process, against baselines on the same text in the same run (CPU seconds; a ratio is "
                   "the build's MB/s per CPU second over the baseline's):", "",
                   "| what | CPU seconds | MB/s per CPU second | × jieba's rate | × pyahocorasick's rate |",
                   "|---|---:|---:|---:|---:|"]
        for name, secs in [("jieba segmentation (`jieba.lcut` per document)", jieba_cpu),
                           (f"pyahocorasick pass ({aho_needles} lexicon names)", aho_cpu),
                           ("whole build, `--ner off`", off_cpu),
                           (f"whole build, `--ner {args.ner}`", on_cpu)]:
            report.append(f"| {name} | {secs:.2f} | {mb / secs if secs else 0:.3f} | "
                          f"{jieba_cpu / secs if secs else 0:.3f} | {aho_cpu / secs if secs else 0:.4f} |")
        load = os.getloadavg()[0]
        report += ["", f"Load average when the run ended: {load:.1f} on {os.cpu_count()} cores (the machine is shared: "
                   "wall-clock rates fall with load, CPU-second rates much less)."]
        args.out.write_text("\n".join(report) + "\n", encoding="utf-8")
        print("\n".join(report))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
