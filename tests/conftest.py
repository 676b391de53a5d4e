"""Shared fixtures: the seed corpus built once per test session."""
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
