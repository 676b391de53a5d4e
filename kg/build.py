"""`build`: corpus folder -> ingest -> extract -> resolve -> RDF files, manifest and store.

Output is written to a temporary sibling folder and swapped in at the end, so an
interrupted build leaves the previous output intact.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .extract import Pipeline
from .ingest import ingest_corpus
from .lexicons import load_entities
from .model import Extraction, FileResult, Problem
from .rdf import dataset_quads, nquads_lines, prefixes
from .resolve import resolve

Progress = Callable[[str, int, int | None], None]  # (stage, done, total)


@dataclass
class BuildReport:
    """What a build read, made and wrote; the manifest is its JSON form."""

    out: Path
    files: list[dict] = field(default_factory=list)
    documents: int = 0
    entities: int = 0
    events: int = 0
    quads: int = 0
    seconds: float = 0.0
    store: str | None = None

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f["status"] in ("failed", "partial"))

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.files for p in f["problems"] if p["severity"] == "warning")

    def problems(self) -> list[str]:
        return [f"{f['path']}{':' + str(p['line']) if p.get('line') else ''}: {p['severity']}: {p['message']}"
                for f in self.files for p in f["problems"]]

    def summary(self) -> str:
        return (f"{len(self.files)} files ({self.failed} with errors, {self.warnings} warnings), "
                f"{self.documents} documents, {self.entities} entities, {self.events} events, "
                f"{self.quads} quads in {self.seconds:.1f}s -> {self.out}")


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


def build(corpus: Path, out: Path, *, progress: Progress | None = None, load_store: bool = True) -> BuildReport:
    """Build the knowledge graph of every file under `corpus` into the folder `out`."""
    started = time.perf_counter()
    tick = progress or _noop
    corpus = Path(corpus)
    if not corpus.exists():
        raise KgError(f"{corpus}: no such file or folder (give the corpus folder to build)")
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: exists and is not a folder; choose another --out")
    root = corpus if corpus.is_dir() else corpus.parent

    files: list[FileResult] = []
    for i, result in enumerate(ingest_corpus(root) if corpus.is_dir() else _one_file(corpus, root), 1):
        files.append(result)
        tick("ingest", i, None)
    documents = [d for f in files for d in f.documents]
    extra_problems: dict[str, list[Problem]] = {}

    pipeline = Pipeline()
    extractions: list[Extraction] = []
    targets = [d for d in documents if not d.is_container]
    for i, doc in enumerate(targets, 1):
        try:
            extractions.append(pipeline(doc))
        except Exception:  # one bad document must not stop the corpus: keep what the other extractors find
            ex, failed = pipeline.tolerant(doc)
            extractions.append(ex)
            extra_problems.setdefault(doc.source_path, []).extend(
                Problem(doc.source_path, f"extractor failed on {doc.key} (its other facts kept): {f}", severity="warning")
                for f in failed)
        tick("extract", i, len(targets))

    tick("resolve", 0, None)
    resolved = resolve(extractions, documents, load_entities())
    per_doc: Counter[str] = Counter()
    quads = []
    for doc_key, quad in dataset_quads(documents, resolved):
        quads.append(quad)
        if doc_key is not None:
            per_doc[doc_key] += 1

    report = BuildReport(out=out, documents=len(documents), entities=len(resolved.entities),
                         events=len(resolved.events))
    report.files = [_file_entry(f, per_doc, extra_problems.get(f.path, [])) for f in files]
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    try:
        tick("write", 0, None)
        lines = nquads_lines(quads)
        report.quads = len(lines)
        (tmp / "graph.nq").write_text("".join(lines), encoding="utf-8")
        ordered = sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        ox.serialize(ordered, output=str(tmp / "graph.trig"), format=ox.RdfFormat.TRIG, prefixes=prefixes())
        if load_store:
            report.store = _load_store(tmp)
        report.seconds = time.perf_counter() - started
        (tmp / "manifest.json").write_text(json.dumps(manifest(report, corpus), ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return report


def _one_file(path: Path, root: Path):
    from .ingest import ingest_file

    yield ingest_file(path, root)


def _file_entry(f: FileResult, per_doc: Counter[str], more: list[Problem]) -> dict:
    problems = [*f.problems, *more]
    errors = any(p.severity == "error" for p in more)
    status = f.status if not errors else ("partial" if f.documents else "failed")
    return {
        "path": f.path, "format": f.format, "encoding": f.encoding, "status": status,
        "documents": [d.key for d in f.documents],
        "triples": sum(per_doc[d.key] for d in f.documents),
        "problems": [{"severity": p.severity, "line": p.line, "message": p.message} for p in problems],
    }


def manifest(report: BuildReport, corpus: Path) -> dict:
    return {
        "corpus": str(corpus),
        "files": report.files,
        "totals": {"files": len(report.files), "failed": report.failed, "warnings": report.warnings,
                   "documents": report.documents, "entities": report.entities, "events": report.events,
                   "quads": report.quads},
        "outputs": ["graph.nq", "graph.trig", "manifest.json"] + (["store/"] if report.store else []),
    }


def _load_store(folder: Path) -> str | None:
    """Load the dataset into DIR/store when the store module is available."""
    try:
        from .store import load_dataset
    except ImportError:
        return None
    load_dataset(folder / "graph.nq", folder / "store")
    return "store"


def _swap_in(tmp: Path, out: Path) -> None:
    """Replace `out` by `tmp` with renames only, so readers never see a half-written folder."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)

