"""The build's store, bulk-loaded from the files written beside graph.trig (`kg.store.load_parts`),
holds exactly what the Python load of the same quads (`kg.store.load_quads`) holds: every named
graph, the base graph and the union default graph; in a thread under --jobs too."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.graph_files
import kg.spool
import kg.store
from kg.build import build
from kg.errors import StoreError
from kg.store import BASE_GRAPH, load_quads, open_oxigraph

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _contents(folder: Path) -> set[ox.Quad]:
    store = open_oxigraph(folder)
    try:
        return set(store.quads_for_pattern(None, None, None, None))
    finally:
        del store


def _python_load(build_dir: Path, store_dir: Path) -> set[ox.Quad]:
    """The store as the Python path loads graph.nq's quads (what `kg build` did before)."""
    quads = set(ox.parse(path=str(build_dir / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    load_quads(quads, store_dir)
    return _contents(store_dir)


def test_build_store_equals_the_python_load_of_its_quads(tmp_path: Path) -> None:
    report = build(SEEDS, tmp_path / "out", site=False)
    stored = _contents(tmp_path / "out" / "store")
    assert stored == _python_load(tmp_path / "out", tmp_path / "old")
    default = {q for q in stored if q.graph_name == ox.DefaultGraph()}
    named = {q for q in stored if q.graph_name != ox.DefaultGraph() and q.graph_name != BASE_GRAPH}
    assert default == {ox.Quad(q.subject, q.predicate, q.object) for q in stored}, "the union is the set union"
    assert len(named) + sum(q.graph_name == BASE_GRAPH for q in stored) == report.quads
    assert len(default) < report.quads, "a triple stated in several graphs is stored once in the union"


def test_store_in_many_parts_loaded_early_under_jobs_is_the_same(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny part files (many bulk_load calls) and the load in a thread while graph.trig is written."""
    one = build(SEEDS, tmp_path / "one", site=False)
    monkeypatch.setattr(kg.spool, "SPOOL_DOCS", 3)  # several chunks, so --jobs 2 has a pool
    monkeypatch.setattr(kg.graph_files, "PART_LINES", 97)
    started: list[int] = []
    real_start = kg.store.PartsLoad.start
    monkeypatch.setattr(kg.store.PartsLoad, "start",
                        lambda self, parts: started.append(len(parts.quads)) or real_start(self, parts))
    two = build(SEEDS, tmp_path / "two", site=False, jobs=2)
    assert started and started[0] > 1, "the load started early, from several part files"
    for name in ("graph.nq", "graph.trig"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert one.quads == two.quads
    assert _contents(tmp_path / "one" / "store") == _contents(tmp_path / "two" / "store")


def test_load_parts_counts_come_from_the_input(tmp_path: Path) -> None:
    g1, g2 = "<http://e/g1>", "<http://e/g2>"
    quads = tmp_path / "quads.nq"
    quads.write_text(f'<http://e/a> <http://e/p> "o" .\n<http://e/a> <http://e/p> "x" {g1} .\n'
                     f'<http://e/a> <http://e/p> "x" {g2} .\n', encoding="utf-8")
    union = tmp_path / "union.nt"
    union.write_text('<http://e/a> <http://e/p> "x" .\n<http://e/a> <http://e/p> "x" .\n', encoding="utf-8")
    base = tmp_path / "base.nt"
    base.write_text('<http://e/a> <http://e/p> "o" .\n', encoding="utf-8")
    parts = kg.graph_files.StoreParts([quads], [union], [base], count=3, graphs=2)
    info = kg.store.load_parts(parts, tmp_path / "store")
    assert (info.quads, info.named_graphs) == (3, 2)
    assert kg.store.info(open_oxigraph(tmp_path / "store"), tmp_path / "store") == info


def test_a_failing_early_load_fails_the_build_and_leaves_nothing(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.spool, "SPOOL_DOCS", 3)

    def broken(parts: kg.graph_files.StoreParts, store_dir: Path) -> kg.store.StoreInfo:
        raise StoreError(f"{store_dir}: disk full")

    monkeypatch.setattr(kg.store, "load_parts", broken)
    with pytest.raises(StoreError, match="disk full"):
        build(SEEDS, tmp_path / "out", site=False, jobs=2)
    assert not list(tmp_path.iterdir()), "no output and no temporary folder left"


def test_blank_nodes_keep_one_node_across_graphs_and_union(tmp_path: Path) -> None:
    """Each bulk_load call makes new nodes of the labels it reads: with blank nodes the parts
    are loaded through Python, and a graph's blank node is the union's."""
    b, p = ox.BlankNode("b1"), ox.NamedNode("http://e/p")
    quads = [ox.Quad(b, p, ox.Literal("x"), ox.NamedNode("http://e/g1")),
             ox.Quad(b, p, ox.Literal("y"), ox.NamedNode("http://e/g2")),
             ox.Quad(ox.NamedNode("http://e/a"), p, ox.Literal("o"), ox.DefaultGraph())]
    graph = kg.graph_files.GraphFiles(tmp_path / "work")
    for q in quads:
        graph.add(None, q)
    parts = graph.write(tmp_path / "graph.nq", tmp_path / "graph.trig")
    assert parts.blank_nodes and (parts.count, parts.graphs) == (3, 2)
    info = kg.store.load_parts(parts, tmp_path / "store")
    assert (info.quads, info.named_graphs) == (3, 2)
    store = open_oxigraph(tmp_path / "store")
    rows = store.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } ?s ?p ?o2 . FILTER(?o != ?o2) }")
    assert sorted(r["g"].value for r in rows) == ["http://e/g1", "http://e/g2"], "one node in both graphs and the union"
    del store
    assert _contents(tmp_path / "store") == _python_load(tmp_path, tmp_path / "old")
