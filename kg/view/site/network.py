"""Network measures for the site's pages: PageRank, degree, betweenness, communities.

The numbers are those of `kg analyse` (kg.analyse.rank: the undirected projection of the
facts, weighted PageRank, seeded betweenness sampling on large graphs, Louvain), so the
network page and the command agree; this module only keeps them in the shape the pages use.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ...analyse import rank

TOP = 20


def simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected link per pair of entities, weighted by the number of facts."""
    return rank.projection(graph)


@dataclass
class Measures:
    """Per-entity measures and the communities (largest first, members by PageRank)."""

    pagerank: dict[str, float]
    degree: dict[str, int]
    betweenness: dict[str, float]
    communities: list[list[str]] = field(default_factory=list)
    betweenness_note: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    def top(self, measure: str, nodes: list[str], n: int = TOP) -> list[tuple[str, Any]]:
        """The `n` best of `nodes` by `measure`, ties broken as `kg analyse` breaks them."""
        values: dict[str, Any] = getattr(self, measure)
        return sorted(((u, values[u]) for u in nodes if u in values),
                      key=lambda x: (-x[1], -self.pagerank.get(x[0], 0.0), self.labels.get(x[0], x[0]), x[0]))[:n]


def measures(graph: nx.MultiDiGraph, g: nx.Graph | None = None) -> Measures:
    """The measures of the entity graph (`g`: its projection, when already made)."""
    g = g if g is not None else simple(graph)
    ranks = rank.pagerank(g)
    n = g.number_of_nodes()
    note = ("exact" if n <= rank.EXACT_BETWEENNESS else
            f"estimated from {rank.BETWEENNESS_SAMPLES} sampled source nodes (of {n})")
    groups = [sorted(c, key=lambda u: (-ranks[u], u)) for c in rank.communities(g) if len(c) > 1]
    labels = {u: str(d.get("label") or u) for u, d in graph.nodes(data=True)}
    return Measures(pagerank=ranks, degree=dict(g.degree()), betweenness=rank.betweenness(g), communities=groups,
                    betweenness_note=note, labels=labels)
