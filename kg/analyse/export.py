"""The entity graph as GraphML or GEXF, for Gephi, Cytoscape or yEd.

Both formats hold only scalar attributes and unique edge ids, while the entity graph keeps
lists (labels, documents) and keys edges by relation: lists become ` | `-joined text,
unset values are left out, and edges are numbered. Each node also carries its measures
(PageRank, betweenness, degree) and community, so Gephi can size and colour by them at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import KgError
from .rank import score

FORMATS = ("graphml", "gexf")


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            value = " | ".join(str(v) for v in sorted(value) if v is not None) if isinstance(value, (set, frozenset)) \
                else " | ".join(str(v) for v in value if v is not None)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        out[name] = value
    return out


def for_export(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only, measures on the nodes and numbered edges."""
    scores = score(graph)
    flat = nx.MultiDiGraph()
    for iri, data in graph.nodes(data=True):
        ranked = scores[iri]
        flat.add_node(iri, **_flat(data), degree=ranked.degree, facts=ranked.facts, pagerank=ranked.pagerank,
                      betweenness=ranked.betweenness, community=ranked.community if ranked.community is not None else 0)
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        flat.add_edge(u, v, key=str(i), id=str(i), label=data.get("relation", ""), **_flat(data))
    return flat


def export(graph: nx.MultiDiGraph, path: Path, fmt: str | None = None) -> str:
    """Write the graph to `path` as graphml or gexf (from the suffix when `fmt` is None); returns the format."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise KgError(f"{path}: export format must be one of {', '.join(FORMATS)} (or a .graphml/.gexf file name), "
                      f"not {fmt!r}")
    flat = for_export(graph)
    try:
        if fmt == "graphml":
            nx.write_graphml(flat, path, encoding="utf-8")
        else:
            nx.write_gexf(flat, path, encoding="utf-8")
    except OSError as err:
        raise KgError(f"{path}: cannot write: {err.strerror or err}") from err
    return fmt


__all__ = ["FORMATS", "export", "for_export"]
