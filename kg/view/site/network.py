"""Network measures for the site: PageRank, degree, betweenness per class, and communities.

Computed with networkx on the undirected simple graph of the facts (one link per pair of
entities, whatever the number of facts). PageRank is a short numpy power iteration here because
networkx's own needs scipy, which kg does not depend on. Betweenness is exact up to
`EXACT_BETWEENNESS` nodes and estimated from a fixed sample of sources above (seeded, so
the pages are the same on every run).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

EXACT_BETWEENNESS = 1500
BETWEENNESS_SAMPLE = 64
TOP = 20


def simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected link per pair of entities, weighted by the number of facts."""
    g = nx.Graph()
    g.add_nodes_from(graph.nodes(data=True))
    for u, v in graph.edges():
        if u == v:
            continue
        if g.has_edge(u, v):
            g[u][v]["weight"] += 1
        else:
            g.add_edge(u, v, weight=1)
    return g


def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 100) -> dict[str, float]:
    """PageRank by power iteration over the unweighted links (dangling nodes spread evenly), in numpy."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    nodes = sorted(g)
    index = {u: i for i, u in enumerate(nodes)}
    src = np.fromiter((index[x] for u, v in g.edges() for x in (u, v)), dtype=np.int64, count=2 * g.number_of_edges())
    dst = np.fromiter((index[x] for u, v in g.edges() for x in (v, u)), dtype=np.int64, count=2 * g.number_of_edges())
    degree = np.bincount(src, minlength=n).astype(float)
    dangling = degree == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        share = np.divide(rank, degree, out=np.zeros(n), where=~dangling)
        new = np.bincount(dst, weights=share[src], minlength=n) * alpha
        new += (1.0 - alpha) / n + alpha * rank[dangling].sum() / n
        delta = np.abs(new - rank).sum()
        rank = new
        if delta < n * tol:
            break
    return {u: float(rank[i]) for i, u in enumerate(nodes)}


@dataclass
class Measures:
    """Per-entity measures and the communities (largest first, members by PageRank)."""

    pagerank: dict[str, float]
    degree: dict[str, int]
    betweenness: dict[str, float]
    communities: list[list[str]] = field(default_factory=list)
    betweenness_note: str = ""

    def top(self, measure: str, nodes: list[str], n: int = TOP) -> list[tuple[str, Any]]:
        values: dict[str, Any] = getattr(self, measure)
        return sorted(((u, values[u]) for u in nodes if u in values), key=lambda x: (-x[1], x[0]))[:n]


def measures(graph: nx.MultiDiGraph) -> Measures:
    g = simple(graph)
    ranks = pagerank(g)
    degree = dict(g.degree())
    if g.number_of_nodes() <= EXACT_BETWEENNESS:
        between = nx.betweenness_centrality(g)
        note = "exact"
    else:
        between = nx.betweenness_centrality(g, k=BETWEENNESS_SAMPLE, seed=7)
        note = f"estimated from {BETWEENNESS_SAMPLE} sampled source nodes (of {g.number_of_nodes()})"
    communities: list[list[str]] = []
    if g.number_of_edges():
        found = nx.community.louvain_communities(g, seed=7)
        for members in sorted(found, key=lambda c: (-len(c), min(c))):
            if len(members) > 1:
                communities.append(sorted(members, key=lambda u: (-ranks[u], u)))
    return Measures(pagerank=ranks, degree=degree, betweenness=between, communities=communities, betweenness_note=note)
