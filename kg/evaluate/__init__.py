"""Evaluation: run ingest and extraction over the gold corpora and score each extractor.

`evaluate(gold_dir)` returns an `EvalReport` of micro-averaged precision/recall/F1 per
extractor output (mentions, dates, figures, events with role scores, relations) and for
document metadata, so that a change to an extractor can be measured, not guessed.
Matching rules are in `kg.evaluate.compare`; the gold format in tests/data/gold/README.md.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..extract import Pipeline
from ..ingest import ingest_corpus
from ..model import Document, Extraction
from .compare import SCORERS, score_meta
from .gold import GoldCorpus, GoldError, default_gold_dir, load_gold
from .score import Score

__all__ = ["EvalReport", "GoldError", "Score", "default_gold_dir", "evaluate", "format_table", "load_gold", "table_rows"]

HEADLINE = ("mentions", "dates", "figures", "events", "relations")


@dataclass
class EvalReport:
    """Scores by name ("mentions", "mentions/Person", "events/actor", "meta/author", ...)."""

    scores: dict[str, Score] = field(default_factory=dict)
    by_corpus: dict[str, dict[str, Score]] = field(default_factory=dict)
    documents: int = 0
    missing: list[str] = field(default_factory=list)  # gold keys ingest did not produce
    extractors: list[str] = field(default_factory=list)

    def f1(self, name: str) -> float:
        return self.scores.get(name, Score()).f1

    def as_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "missing": self.missing, "extractors": self.extractors,
                "scores": {k: v.as_dict() for k, v in self.scores.items()},
                "by_corpus": {c: {k: v.as_dict() for k, v in s.items()} for c, s in self.by_corpus.items()}}


def _add(into: dict[str, Score], scores: dict[str, Score]) -> None:
    for name, s in scores.items():
        into[name] = into.get(name, Score()) + s


def _documents(root: Path) -> dict[str, Document]:
    return {d.key: d for fr in ingest_corpus(root) for d in fr.documents if not d.is_container}


def evaluate(gold_dir: Path | None = None, pipeline: Pipeline | None = None,
             corpora: Iterable[GoldCorpus] | None = None) -> EvalReport:
    """Score the extraction pipeline (all registered extractors by default) on the gold set."""
    gold = list(corpora) if corpora is not None else load_gold(gold_dir or default_gold_dir())
    pipe = pipeline or Pipeline()
    report = EvalReport(extractors=list(pipe.names))
    for corpus in gold:
        docs = _documents(corpus.root)
        per: dict[str, Score] = {}
        for key, g in corpus.documents.items():
            doc = docs.get(key)
            if doc is None:
                report.missing.append(f"{corpus.name}:{key}")
            ex: Extraction | None = pipe(doc) if doc is not None else None
            for scorer in SCORERS.values():
                _add(per, scorer(g, ex))
            meta = None if doc is None else {
                "date_published": doc.date_published, "publisher": doc.publisher, "author": doc.author}
            _add(per, score_meta(g, meta))
            report.documents += 1
        report.by_corpus[corpus.name] = per
        _add(report.scores, per)
    return report


def _order(name: str) -> tuple[int, str]:
    head = name.split("/", 1)[0]
    rank = HEADLINE.index(head) if head in HEADLINE else len(HEADLINE)
    return rank, "" if name == head else name


def table_rows(report: EvalReport) -> list[tuple[str, str, str, str, str, str]]:
    """(name, gold, pred, P, R, F1) in reading order: each extractor, then its details."""
    return [(name, str(s.gold), str(s.pred), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
            for name, s in sorted(report.scores.items(), key=lambda kv: _order(kv[0]))]


def format_table(report: EvalReport) -> str:
    """A plain-text table of every score (for logs and tests; the CLI uses rich)."""
    rows = [("score", "gold", "pred", "P", "R", "F1"), *table_rows(report)]
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in rows]
    lines.append(f"{report.documents} gold documents; extractors: {', '.join(report.extractors) or 'none'}")
    if report.missing:
        lines.append(f"not produced by ingest: {', '.join(report.missing)}")
    return "\n".join(lines)
