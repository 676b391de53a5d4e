"""Shared fixtures: the seed corpus built once per test session; a corpus with a document no extractor finishes."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory):
    """`kg build seeds` into a temporary folder, once: graph.nq, graph.trig, manifest.json, store/."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed-build") / "out"
    report = build(SEEDS, out)
    return report


@pytest.fixture(scope="session")
def seed_graph(seed_build) -> Path:
    return seed_build.out / "graph.nq"


@pytest.fixture(scope="session")
def seed_store(seed_graph: Path):
    """The seed graph in an in-memory pyoxigraph store (union default graph for queries)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(seed_graph), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="session")
def names():
    """One name extractor for every names test (it compiles its word lists once)."""
    from kg.extract.mentions.names import NamesExtractor

    return NamesExtractor()


@pytest.fixture()
def hanging_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus of two files, `a.txt` (an ordinary event) and `hang.txt`, whose extraction never
    returns: the build's Pipeline is swapped for one stuck in a loop on it, so only the time
    budget (--doc-timeout) can stop it."""
    import kg.build as kb

    class Stuck(kb.Pipeline):
        def __call__(self, doc):
            while "Hang Corp" in doc.text:
                pass
            return super().__call__(doc)

    monkeypatch.setattr(kb, "Pipeline", Stuck)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Amazon closed 50,000 stores on August 13, 2021, the company said.\n")
    (corpus / "hang.txt").write_text("Hang Corp announced a partnership with Shopify on May 1, 2024.\n")
    return corpus
