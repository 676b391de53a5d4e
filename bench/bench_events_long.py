"""CPU seconds of the events stage on long documents: seed texts of one language joined N at a time.

Usage: python bench/bench_events_long.py [--join 40] [--runs 3]

The seed corpus has short documents (about 600 characters, 5 names each), where a rule that
filters all of a document's names costs little; a long report (20,000+ characters, hundreds of
names) shows the cost that grows with the names of the document for every event. Each language's
seed texts are joined `--join` at a time (rotated so that each long document differs), extracted
up to the events step with `Pipeline(ner="off")`, and the events step is timed alone
(`time.process_time`) on fresh copies. To compare two checkouts, run it from /tmp with each on
PYTHONPATH in turn, alternating. Not a test: run it by hand.
"""
from __future__ import annotations

import argparse
import copy
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def long_documents(join: int) -> list:
    """The seed texts of each language joined `join` at a time, eight rotations each."""
    from kg.ingest import ingest_corpus

    docs = [d for f in ingest_corpus(ROOT / "seeds") for d in f.documents if not d.is_container]
    out = []
    for lang in ("zh", "en"):
        same = [d for d in docs if (d.lang == "zh") == (lang == "zh")] * 2
        for r in range(8):
            for i in range(0, len(same) // 2, join):
                group = same[i + r : i + r + join]
                text = "\n\n".join(d.text for d in group)
                out.append(replace(group[0], text=text, key=f"{group[0].key}-long{r}-{i}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--join", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    import kg
    from kg.extract import Pipeline
    from kg.model import Extraction

    docs = long_documents(args.join)
    pipeline = Pipeline(ner="off")
    pipeline.prepare(docs)
    before = []
    for doc in docs:
        ex = Extraction(document=doc)
        for name, extractor in zip(pipeline.names, pipeline.extractors, strict=True):
            if name == "events":
                events = extractor
                break
            extractor(ex)
        before.append(ex)
    events(copy.deepcopy(before[0]))  # first-use costs (lexicons, automata) outside the timing
    chars = sum(len(d.text) for d in docs)
    names = sum(len(ex.mentions) for ex in before)
    print(f"kg from {Path(kg.__file__).parent}: {len(docs)} documents, {chars // len(docs)} characters "
          f"and {names // len(docs)} names each")
    for k in range(args.runs):
        exs = copy.deepcopy(before)
        t = time.process_time()
        for ex in exs:
            events(ex)
        print(f"run {k + 1}: events {time.process_time() - t:.3f} CPU s", flush=True)


if __name__ == "__main__":
    main()
