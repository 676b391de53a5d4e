"""Who matters in a build: degree, betweenness and PageRank per class, and communities.

The entity graph (`to_networkx`) is a multigraph of facts with directions; importance and
grouping are questions about who is connected to whom, so both are computed on its
undirected projection, one edge per connected pair weighted by the number of facts.
PageRank is a plain power iteration (networkx's own needs scipy, which kg does not
require); betweenness is exact up to `EXACT_BETWEENNESS` nodes and estimated from a fixed
seeded sample of `BETWEENNESS_SAMPLES` sources above that (the brokers between large
groups still stand out; bench/bench_analyse.py measures the cost), and the same build
always ranks the same way.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .graph import CLASS_ORDER

EXACT_BETWEENNESS = 600
BETWEENNESS_SAMPLES = 100
SEED = 7
MEASURES = ("pagerank", "betweenness", "degree")


@dataclass(frozen=True)
class Ranked:
    """One entity's place in the graph."""

    iri: str
    label: str
    kind: str
    degree: int  # distinct entities it shares a fact with
    facts: int  # facts it takes part in
    betweenness: float
    pagerank: float
    community: int | None = None

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Community:
    """A group of entities more connected to each other than to the rest (Louvain)."""

    id: int
    size: int
    members: tuple[Ranked, ...]  # most central first
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The labels of its three most central members, to tell communities apart."""
        return " · ".join(m.label for m in self.members[:3])

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "size": self.size, "name": self.name, "kinds": self.kinds,
                "members": [m.as_dict() for m in self.members]}


def projection(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph of the entity graph: one edge per connected pair, weight = facts."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v in graph.edges():
        if u == v:
            continue
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += 1
        else:
            simple.add_edge(u, v, weight=1)
    return simple


def pagerank(simple: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-8, max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration; isolated nodes spread their rank evenly."""
    nodes = sorted(simple.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {u: i for i, u in enumerate(nodes)}
    # Each node's neighbours with the share of its weight they get, computed once.
    out: list[list[tuple[int, float]]] = []
    for u in nodes:
        total = sum(d["weight"] for d in simple[u].values())
        out.append([(index[v], d["weight"] / total) for v, d in simple[u].items()] if total else [])
    dangling = [i for i in range(n) if not out[i]]
    rank = [1.0 / n] * n
    for _ in range(max_iter):
        base = (1.0 - alpha) / n + alpha * sum(rank[i] for i in dangling) / n
        new = [base] * n
        for i, links in enumerate(out):
            mass = alpha * rank[i]
            for j, share in links:
                new[j] += mass * share
        delta = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if delta < n * tol:
            break
    return dict(zip(nodes, rank, strict=True))


def betweenness(simple: nx.Graph) -> dict[str, float]:
    """Normalised betweenness: exact on small graphs, from a seeded sample of sources on large ones."""
    if simple.number_of_nodes() <= EXACT_BETWEENNESS:
        return nx.betweenness_centrality(simple, normalized=True)
    return nx.betweenness_centrality(simple, k=BETWEENNESS_SAMPLES, normalized=True, seed=SEED)


def communities(simple: nx.Graph) -> list[set[str]]:
    """Louvain communities (fixed seed), largest first; entities with no fact are left out."""
    connected = simple.subgraph([u for u in simple.nodes if simple.degree(u) > 0])
    if connected.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(connected, weight="weight", seed=SEED)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def score(graph: nx.MultiDiGraph) -> dict[str, Ranked]:
    """Every entity's measures and community, by IRI."""
    simple = projection(graph)
    pr, bc = pagerank(simple), betweenness(simple)
    member_of = {iri: i for i, group in enumerate(communities(simple), 1) for iri in group}
    facts = Counter()
    for u, v in graph.edges():
        facts[u] += 1
        facts[v] += 1
    return {iri: Ranked(iri=iri, label=str(data.get("label") or iri), kind=str(data.get("kind") or "Entity"),
                        degree=simple.degree(iri), facts=facts[iri], betweenness=bc.get(iri, 0.0),
                        pagerank=pr.get(iri, 0.0), community=member_of.get(iri))
            for iri, data in graph.nodes(data=True)}


def _order(by: str):
    if by not in MEASURES:
        raise ValueError(f"rank by one of {', '.join(MEASURES)}, not {by!r}")
    return lambda r: (-getattr(r, by), -r.pagerank, r.label, r.iri)


def rankings(graph: nx.MultiDiGraph, *, top: int | None = 10, by: str = "pagerank",
             scores: dict[str, Ranked] | None = None, isolated: bool = False) -> dict[str, list[Ranked]]:
    """The `top` entities of each class (Platform, Company, ...) ordered by `by`, classes in CLASS_ORDER.

    Entities in no fact (a publisher only named as such, say) have no place in the network
    and are left out unless `isolated` is true.
    """
    _order(by)
    scores = scores if scores is not None else score(graph)
    by_kind: dict[str, list[Ranked]] = {}
    for ranked in scores.values():
        if ranked.degree or isolated:
            by_kind.setdefault(ranked.kind, []).append(ranked)
    order = {k: i for i, k in enumerate(CLASS_ORDER)}
    out = {}
    for kind in sorted(by_kind, key=lambda k: (order.get(k, len(order)), k)):
        ranked = sorted(by_kind[kind], key=_order(by))
        out[kind] = ranked[:top] if top is not None else ranked
    return out


def community_table(graph: nx.MultiDiGraph, *, min_size: int = 2,
                    scores: dict[str, Ranked] | None = None) -> list[Community]:
    """Communities of at least `min_size` entities, largest first, members most central first."""
    scores = scores if scores is not None else score(graph)
    groups: dict[int, list[Ranked]] = {}
    for ranked in scores.values():
        if ranked.community is not None:
            groups.setdefault(ranked.community, []).append(ranked)
    table = []
    for cid in sorted(groups):
        members = sorted(groups[cid], key=_order("pagerank"))
        if len(members) < min_size:
            continue
        kinds = Counter(m.kind for m in members)
        table.append(Community(id=cid, size=len(members), members=tuple(members),
                               kinds=dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))))
    return table


__all__ = [
    "MEASURES",
    "Community",
    "Ranked",
    "communities",
    "community_table",
    "pagerank",
    "projection",
    "rankings",
    "score",
]
