"""kg push to a real `oxigraph serve` on loopback, then the same rows there as locally."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.errors import StoreError
from kg.push import push
from kg.query import Engine
from tests.query_fixtures import FIXTURE, KGR


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory):
    exe = shutil.which("oxigraph")
    assert exe, "the oxigraph executable (pip package `oxigraph`) is a test dependency"
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("oxi")), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.kill()
        proc.wait(10)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("push") / "graph.nq"
    ox.serialize(list(ox.parse(path=str(FIXTURE))), output=str(path), format=ox.RdfFormat.N_QUADS)
    return path


@pytest.mark.parametrize("name,params", [
    ("deals", {}), ("policy_timeline", {"org_name": "Amazon"}), ("multi_source_events", {}), ("entity_names", {}),
], ids=["deals", "policy-timeline", "multi-source", "entity-names"])
def test_push_then_remote_rows_equal_local(oxigraph_server: str, dataset: Path, name: str, params: dict) -> None:
    push(dataset, oxigraph_server + "/store")
    remote = _normal(kg.query(oxigraph_server + "/query", name, params).records())
    with Engine(("files", (str(dataset),))) as local:
        assert remote == _normal(local.run(name, params).records())
        assert remote


def _normal(records: list[dict]) -> list[dict]:
    """GROUP_CONCAT order is engine-defined: compare concatenated names as sorted lists."""
    return [{k: sorted(v.split(" | ")) if v and " | " in v else v for k, v in r.items()} for r in records]


def test_push_again_replaces_graphs(oxigraph_server: str, dataset: Path) -> None:
    first = push(dataset, oxigraph_server + "/store")
    push(dataset, oxigraph_server + "/store")
    count = kg.query(oxigraph_server + "/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").records()
    named = sum(1 for q in ox.parse(path=str(dataset)) if not isinstance(q.graph_name, ox.DefaultGraph))
    assert first.graphs == 4 and int(count[0]["n"]) == named
    graphs = kg.query(oxigraph_server + "/query", "SELECT DISTINCT ?g WHERE { GRAPH ?g {} } ORDER BY ?g").records()
    assert [g["g"] for g in graphs] == [KGR + "doc/a", KGR + "doc/b", KGR + "doc/c"]


def test_push_unreachable_endpoint_is_a_store_error(dataset: Path) -> None:
    with pytest.raises(StoreError, match="could not reach"):
        push(dataset, f"http://127.0.0.1:{_free_port()}/store", timeout=2)
