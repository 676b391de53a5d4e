"""Cost of hostile inputs: the build of each beside a real news file, and name matching
with its index against the all-pairs comparison it replaced.

Usage: python bench/bench_hostile.py [--budget 20] [--out bench/HOSTILE-RESULTS.md]

1. Builds (no store) of a corpus holding one seed file and one hostile input each: 100,000
   nested <div>s (1.1 MB), one 10 MB JSON line, one 50 MB single-line .txt; baseline: the
   seed file built alone in the same run.
2. `NamesExtractor.find` on texts of repeated name-heavy sentences, with the bisection
   index and with the all-pairs scans it replaced (swapped in for the run; same results
   asserted); the ratio per doubling shows linear against quadratic growth.
Not a test: run it by hand and commit the table.
"""
from __future__ import annotations

import argparse
import json
import platform
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "seeds" / "001_710bd98a8605bf67.txt"
SENTENCE = ("Acme Holdings said on Monday that Northwind Traders will invest 20 million dollars in "
            "Beta Logistics Co., Ltd., according to Jane Roe, chief executive of Gamma Partners. ")
NAMED = ("Amazon, Alibaba, JD.com, Shopify and Temu met Walmart; Pinduoduo and Meituan joined "
         "Acme Holdings Co., Ltd. and 杭州星禾网络科技有限公司 with Douyin. ")


def _deep(path: Path) -> None:
    n = 100_000
    path.write_text("<html><body>" + "<div>" * n + "<p>Deep page text.</p>" + "</div>" * n + "</body></html>")


def _json_line(path: Path) -> None:
    path.write_text(json.dumps({"title": "Long", "text": SENTENCE * (10_000_000 // len(SENTENCE))}) + "\n")


def _one_line(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        chunk = SENTENCE * 1000
        for _ in range(50_000_000 // len(chunk)):
            f.write(chunk)


def build_rows(budget: float, work: Path) -> list[str]:
    from kg.build import build

    rows = []
    base = work / "alone"
    base.mkdir()
    shutil.copy(GOOD, base / GOOD.name)
    build(base, work / "warm", load_store=False)  # models and lexicons loaded once, outside the timings
    began = time.perf_counter()
    alone = build(base, work / "alone-out", load_store=False)
    base_s = time.perf_counter() - began
    good_alone = next(f for f in json.loads((alone.out / "manifest.json").read_text())["files"])
    rows.append(f"| seed file alone (baseline) | {GOOD.stat().st_size / 1e6:.3f} MB | {base_s:.1f} s | 1.0× | — | — |")
    for name, make, label in (("deep.html", _deep, "100k nested `<div>`"), ("big.jsonl", _json_line, "10 MB JSON line"),
                              ("huge.txt", _one_line, "50 MB single-line .txt")):
        corpus = work / name.split(".")[0]
        corpus.mkdir()
        shutil.copy(GOOD, corpus / GOOD.name)
        make(corpus / name)
        began = time.perf_counter()
        report = build(corpus, work / f"{name}-out", load_store=False, doc_timeout=budget)
        secs = time.perf_counter() - began
        files = {f["path"]: f for f in json.loads((report.out / "manifest.json").read_text())["files"]}
        good = files[GOOD.name]
        same = good["documents"] == good_alone["documents"] and good["triples"] == good_alone["triples"]
        hostile = files[name]
        rows.append(f"| {label} | {(corpus / name).stat().st_size / 1e6:.1f} MB | {secs:.1f} s | {secs / base_s:.1f}× | "
                    f"{hostile['status']}, {len(hostile['documents'])} documents | "
                    f"{'complete' if same else 'DIFFERS'} |")
        print(rows[-1], flush=True)
    return rows


class _AllPairsSpans:
    """The replaced overlap test: every taken span compared with each candidate."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in self.spans)

    def add(self, start: int, end: int) -> None:
        self.spans.append((start, end))


class _AllPairsNear:
    """The replaced look-up: every known mention compared with each candidate."""

    def __init__(self, known: list) -> None:
        self.known = known

    def overlapping(self, start: int, end: int) -> list:
        return [m for m in self.known if start < m.end and m.start < end]


def names_rows(sizes: list[int]) -> list[str]:
    from kg.extract import Pipeline
    from kg.extract.mentions import names
    from kg.model import Document

    pipe = Pipeline(["gazetteer"])
    finder = names.NamesExtractor()
    finder.find("warm up Acme Holdings Co., Ltd. 杭州星禾网络科技有限公司与京东集团合作", [])  # loads the segmenter
    rows = []
    prev: dict[str, float] = {}
    for size in sizes:
        text = (NAMED * (size // len(NAMED) + 1))[:size]
        known = pipe(Document(key="x", source_path="x", position="", text=text, lang="en")).mentions
        times = {}
        results = {}
        for label, spans, near in (("indexed", names._Spans, names._Near), ("all pairs", _AllPairsSpans, _AllPairsNear)):
            names._Spans, names._Near = spans, near
            try:
                began = time.perf_counter()
                results[label] = finder.find(text, list(known))
                times[label] = time.perf_counter() - began
            finally:
                names._Spans, names._Near = _INDEXED
        assert results["indexed"] == results["all pairs"]
        growth = " / ".join(f"{times[k] / prev[k]:.1f}×" if k in prev else "—" for k in ("indexed", "all pairs"))
        rows.append(f"| {size:,} | {len(known):,} | {times['indexed']:.2f} s | {times['all pairs']:.2f} s | "
                    f"{times['all pairs'] / times['indexed']:.1f}× | {growth} |")
        print(rows[-1], flush=True)
        prev = times
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=float, default=20.0, help="--doc-timeout for the hostile builds")
    ap.add_argument("--names", type=int, nargs="*", default=[25_000, 50_000, 100_000, 200_000])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "HOSTILE-RESULTS.md")
    args = ap.parse_args()
    global _INDEXED
    from kg.extract.mentions import names

    _INDEXED = (names._Spans, names._Near)
    with tempfile.TemporaryDirectory() as tmp:
        builds = build_rows(args.budget, Path(tmp))
    found = names_rows(args.names)
    lines = [
        "# Hostile inputs", "",
        f"`python bench/bench_hostile.py --budget {args.budget:g}` on {platform.machine()}, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d')}. Each hostile input is built (no store) beside "
        f"`seeds/{GOOD.name}`; \"good file\" says whether that file's documents and triples equal those of "
        "its build alone.", "",
        "| input | size | build | vs baseline | hostile file | good file |", "|---|---:|---:|---:|---|---|",
        *builds, "",
        "`NamesExtractor.find` with the bisection index and with the all-pairs scans it replaced "
        "(same results asserted); growth is the time ratio to the previous size (indexed / all pairs).", "",
        "| characters | known mentions | indexed | all pairs | ratio | growth per doubling |",
        "|---:|---:|---:|---:|---:|---|", *found, "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


_INDEXED: tuple = ()

if __name__ == "__main__":
    main()
