"""kg.store: bulk load of a build's dataset, adding files, replacing graphs, opening."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store import KgStore, load_dataset, load_files, open_oxigraph, open_store, resolve_store_path
from tests.query_fixtures import FIXTURE, KGR


@pytest.fixture()
def nq(tmp_path: Path) -> Path:
    quads = list(ox.parse(path=str(FIXTURE)))
    path = tmp_path / "graph.nq"
    ox.serialize(quads, output=str(path), format=ox.RdfFormat.N_QUADS)
    return path


def test_store_load_dataset_counts_quads_and_graphs(nq: Path, tmp_path: Path) -> None:
    info = load_dataset(nq, tmp_path / "store")
    assert info.quads == len(list(ox.parse(path=str(nq))))
    assert info.named_graphs == 3


def test_store_load_dataset_replaces_old_store(nq: Path, tmp_path: Path) -> None:
    load_dataset(nq, tmp_path / "store")
    info = load_dataset(nq, tmp_path / "store")
    assert info.quads == len(list(ox.parse(path=str(nq))))


def test_store_reload_replaces_named_graph(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    load_files([FIXTURE], store_dir)
    changed = tmp_path / "doc-a.nq"
    changed.write_text(f'<{KGR}doc/a> <https://schema.org/headline> "new title" <{KGR}doc/a> .\n', encoding="utf-8")
    info = load_files([changed], store_dir)
    store = open_oxigraph(store_dir)
    in_a = list(store.quads_for_pattern(None, None, None, ox.NamedNode(f"{KGR}doc/a")))
    assert [q.object.value for q in in_a] == ["new title"]
    assert info.named_graphs == 3


@pytest.mark.parametrize("suffix,text", [
    ("ttl", "<http://e/a> <http://e/p> 1 ."),
    ("nt", "<http://e/a> <http://e/p> \"1\" ."),
], ids=["turtle", "ntriples"])
def test_store_triples_file_goes_to_its_own_graph_once(tmp_path: Path, suffix: str, text: str) -> None:
    f = tmp_path / f"extra.{suffix}"
    f.write_text(text + "\n", encoding="utf-8")
    load_files([f], tmp_path / "s")
    info = load_files([f], tmp_path / "s")
    assert (info.quads, info.named_graphs) == (1, 1)


def test_store_open_accepts_build_folder(tmp_path: Path) -> None:
    load_files([FIXTURE], tmp_path / "out" / "store")
    handle = open_store(tmp_path / "out")
    assert isinstance(handle, KgStore)
    assert resolve_store_path(tmp_path / "out") == tmp_path / "out" / "store"


@pytest.mark.parametrize("bad", ["missing", "not-a-store"], ids=["missing-folder", "plain-folder"])
def test_store_open_rejects_non_store(tmp_path: Path, bad: str) -> None:
    (tmp_path / "not-a-store").mkdir()
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        open_store(tmp_path / bad)


def test_store_unknown_format_is_named(tmp_path: Path) -> None:
    f = tmp_path / "x.docx"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="unknown RDF format"):
        load_files([f], tmp_path / "s")


def test_store_default_graph_is_set_union(tmp_path: Path) -> None:
    """A triple stated by two documents is seen once (Oxigraph's own union mode repeats it)."""
    f = tmp_path / "two.nq"
    f.write_text("<http://e/a> <http://e/p> \"1\" <http://e/g1> .\n<http://e/a> <http://e/p> \"1\" <http://e/g2> .\n",
                 encoding="utf-8")
    load_files([f], tmp_path / "s")
    store = open_oxigraph(tmp_path / "s")
    assert len(list(store.query("SELECT * WHERE { ?s ?p ?o . ?s ?p ?o2 }"))) == 1


def test_store_load_quads_builds_union_and_base_in_one_load(tmp_path: Path) -> None:
    from kg.store import BASE_GRAPH, load_quads

    a, p, g1, g2 = (ox.NamedNode(f"http://e/{x}") for x in ("a", "p", "g1", "g2"))
    quads = {ox.Quad(a, p, ox.Literal("shared"), g1), ox.Quad(a, p, ox.Literal("shared"), g2),
             ox.Quad(a, p, ox.Literal("only-g2"), g2), ox.Quad(a, p, ox.Literal("ontology"), ox.DefaultGraph())}
    info = load_quads(quads, tmp_path / "store")
    assert (info.quads, info.named_graphs) == (4, 2)
    store = open_oxigraph(tmp_path / "store")
    union = sorted(q.object.value for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert union == ["only-g2", "ontology", "shared"]  # a triple stated in two graphs comes once
    base = [q.object.value for q in store.quads_for_pattern(None, None, None, BASE_GRAPH)]
    assert base == ["ontology"]
    rows = list(store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert len(rows) == 3


def test_store_load_quads_in_small_batches_stores_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batched bulk loads (to bound memory) store exactly what one load stores, union included."""
    import kg.store
    from kg.store import load_quads

    p = ox.NamedNode("http://e/p")
    quads = [ox.Quad(ox.NamedNode(f"http://e/s{i % 7}"), p, ox.Literal(f"v{i % 11}"), ox.NamedNode(f"http://e/g{i % 5}"))
             for i in range(200)]
    quads = sorted(set(quads), key=str)
    load_quads(quads, tmp_path / "whole")
    monkeypatch.setattr(kg.store, "BULK_BATCH", 3)
    info = load_quads(quads, tmp_path / "batched")
    assert info.quads == len(quads)

    def stored(folder: str) -> list[str]:
        return sorted(str(q) for q in open_oxigraph(tmp_path / folder).quads_for_pattern(None, None, None, None))

    assert stored("batched") == stored("whole")
    assert len(stored("batched")) > len(quads)  # the union's triples are there too
