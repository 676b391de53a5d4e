"""`kg build --jobs N`: extraction in worker processes gives the same bytes as one process."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg.parallel
from kg.build import build
from kg.model import Document
from kg.parallel import chunks_by_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_build_jobs_two_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = build(SEEDS, tmp_path / "one", load_store=False)
    monkeypatch.setattr(kg.parallel, "CHUNK_DOCS", 4)  # several chunks from the five seed files
    calls = []
    real = kg.parallel.extract_parallel
    monkeypatch.setattr(kg.parallel, "extract_parallel", lambda *a: calls.append(1) or real(*a))
    two = build(SEEDS, tmp_path / "two", load_store=False, jobs=2)
    assert calls, "the parallel path ran"
    for name in ("graph.nq", "graph.trig", "manifest.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert (one.documents, one.events) == (two.documents, two.events)


def _doc(path: str, n: int) -> Document:
    return Document(key=f"{path}#{n}", source_path=path, position=f"item {n}", text="x", lang="en")


def test_chunks_never_split_a_file() -> None:
    docs = [_doc("a", 0), _doc("b", 0), _doc("a", 1), _doc("c", 0), _doc("c", 1), _doc("c", 2)]
    chunks = chunks_by_file(docs, size=2)
    assert sorted(i for c in chunks for i in c) == list(range(len(docs)))
    for path in "abc":
        holding = [n for n, c in enumerate(chunks) if any(docs[i].source_path == path for i in c)]
        assert len(holding) == 1, path
