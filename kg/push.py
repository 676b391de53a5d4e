"""Upload a build to any SPARQL 1.1 server with the Graph Store HTTP Protocol.

Each named graph (one per document) is PUT to `ENDPOINT?graph=IRI`, which replaces that
graph, so pushing again updates documents without duplicating them; the default graph (the
ontology) goes to `ENDPOINT?default`.
"""
from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError
from .store import rdf_format


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int
    seconds: float


def _dataset_file(path: Path) -> Path:
    path = Path(path)
    if path.is_dir():
        path = path / "graph.nq"
    if not path.is_file():
        raise StoreError(f"{path}: no such dataset (give a build folder holding graph.nq, or an .nq/.trig file)")
    return path


def put_graph(endpoint: str, graph: str | None, triples: list[ox.Triple], *, timeout: float = 120.0) -> None:
    """Replace one graph on the server (None = the default graph)."""
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={"Content-Type": "application/n-triples", "User-Agent": "kg push"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as err:
        detail = err.read(1000).decode("utf-8", "replace").strip()
        raise StoreError(f"{url}: the server answered {err.code} {err.reason}: {detail}") from err
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise StoreError(f"{endpoint}: could not reach the Graph Store endpoint: {err}") from err


def push(source: Path, endpoint: str, *, timeout: float = 120.0) -> PushReport:
    """PUT every graph of a build's dataset to a Graph Store Protocol endpoint."""
    started = time.perf_counter()
    path = _dataset_file(source)
    graphs: dict[str | None, list[ox.Triple]] = defaultdict(list)
    try:
        for quad in ox.parse(path=str(path), format=rdf_format(path)):
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            graphs[name].append(quad.triple)
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: {err}") from err
    for name, triples in graphs.items():
        put_graph(endpoint, name, triples, timeout=timeout)
    return PushReport(graphs=len(graphs), triples=sum(map(len, graphs.values())), seconds=time.perf_counter() - started)
