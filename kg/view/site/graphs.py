"""Interactive graph views as vis-network data: capped, coloured by class, laid out by networkx when large.

A view is a plain dict (nodes, edges, options, the line saying what was left out) that the
page embeds as JSON and `assets/site.js` hands to the vendored vis-network. Labels and
hover texts are plain strings, drawn on the canvas or set as text by the script, never
parsed as HTML. Views are capped: a neighbourhood keeps the nearest entities by PageRank,
an overview the top entities by PageRank; above `PHYSICS_LIMIT` nodes positions come
from networkx and physics is off (vis-network's own simulation struggles past ~1k nodes).
"""
from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

ENTITY_CAP = 60
OVERVIEW_CAP = 400
PHYSICS_LIMIT = 200
LABEL_CHARS = 28
HOVER_CHARS = 300

# class -> (colour, vis-network shape); the legend and the nodes use the same table.
STYLE: dict[str, tuple[str, str]] = {
    "Platform": ("#d9480f", "dot"),
    "Company": ("#1c7ed6", "square"),
    "GovernmentBody": ("#2b8a3e", "diamond"),
    "Organization": ("#5f3dc4", "triangle"),
    "Person": ("#c2255c", "star"),
    "Service": ("#e67700", "triangleDown"),
    "Policy": ("#495057", "hexagon"),
    "Place": ("#0b7285", "dot"),
}
OVERVIEWS = {
    "partnerships": ("Partnerships", "Who cooperates with whom (stated partnerships and partnership events).",
                     lambda d, kinds: d["relation"] in ("partnerOf", "Partnership")),
    "ownership": ("Ownership and operators", "Subsidiaries, the companies that run platforms and services, "
                  "and the platforms services are offered on.",
                  lambda d, kinds: d["relation"] in ("subsidiaryOf", "operatedBy", "offeredOn")),
    "regulators": ("Regulators and whom they acted against",
                   "Government bodies linked to the parties of their events (enforcement, rules).",
                   lambda d, kinds: kinds[0] == "GovernmentBody" and d.get("event") is not None),
    "network": ("The most central entities", "Every kind of fact, between the entities of highest PageRank.",
                lambda d, kinds: True),
}


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def top_by_rank(nodes: Iterable[str], ranks: dict[str, float], cap: int) -> list[str]:
    return heapq.nlargest(cap, nodes, key=lambda u: (ranks.get(u, 0.0), u))


def ranked_neighbours(g: nx.Graph, ranks: dict[str, float]) -> dict[str, list[str]]:
    """Each node's neighbours, highest PageRank first: computed once, so a neighbourhood view
    reads the heads of a few lists instead of sorting a hub's thousands of neighbours per page."""
    return {u: sorted(g[u], key=lambda v: (-ranks.get(v, 0.0), v)) for u in g}


EXACT_COUNT = 2000  # second-hop nodes counted exactly up to this many candidates; above, a lower bound


def neighbourhood(g: nx.Graph, centre: str, ranks: dict[str, float], cap: int = ENTITY_CAP,
                  ranked: dict[str, list[str]] | None = None) -> tuple[list[str], int, int, bool]:
    """The centre and its neighbours within two hops, at most `cap` nodes: the first hop by
    PageRank, then the second hop by PageRank. Returns the nodes, how many entities lie within
    two hops (exact, or a lower bound when a hub's neighbours would have to be counted), how
    many hops the view reaches, and whether the count is exact."""
    if ranked is None:
        ranked = ranked_neighbours(g, ranks)
    first = ranked.get(centre, [])
    keep = [centre, *first[: cap - 1]]
    seen = {centre, *first}
    need = cap - len(keep)
    reach = sum(len(ranked[u]) for u in first)
    if reach <= EXACT_COUNT:
        second = {v for u in first for v in ranked[u]} - seen
        keep += top_by_rank(second, ranks, need) if need > 0 else []
        return keep, len(seen) + len(second), 2 if second else 1, True
    # a hub nearby: the best `need` of each first-hop node's list are enough to find the best overall
    candidates: set[str] = set()
    for u in first:
        taken = 0
        for v in ranked[u]:
            if taken >= need:
                break
            if v not in seen and v not in candidates:
                candidates.add(v)
                taken += 1
    keep += top_by_rank(candidates, ranks, need) if need > 0 else []
    # a first-hop node is not its own neighbour, so at most len(seen) - 1 of its neighbours are already seen
    at_least = len(seen) + max(max(len(ranked[u]) for u in first) - (len(seen) - 1), len(candidates), 0)
    return keep, at_least, 2, False


def view(graph: nx.MultiDiGraph, g: nx.Graph, keep: list[str], *, link: Callable[[str], str | None],
         ranks: dict[str, float], note: str, edge_filter: Callable[[dict[str, Any], str, str], bool] | None = None,
         focus: str | None = None) -> dict[str, Any]:
    """vis-network data for the entities `keep` and the facts between them."""
    index = {iri: i for i, iri in enumerate(keep)}
    nodes = []
    top = max((ranks.get(u, 0.0) for u in keep), default=0.0) or 1.0
    for iri, i in index.items():
        attrs = graph.nodes[iri]
        colour, shape = STYLE.get(attrs.get("kind", ""), ("#868e96", "dot"))
        hover = [attrs.get("label", ""), " / ".join(attrs.get("classes", []))]
        if attrs.get("label_en") and attrs.get("label_en") != attrs.get("label"):
            hover.insert(1, attrs["label_en"])
        hover.append(f"{g.degree(iri) if iri in g else 0} linked entities")
        node = {"id": i, "label": _short(attrs.get("label", ""), LABEL_CHARS), "title": _short("\n".join(hover), HOVER_CHARS),
                "kind": attrs.get("kind", ""), "color": colour, "shape": shape,
                "size": round(10 + 20 * (ranks.get(iri, 0.0) / top) ** 0.5, 1), "url": link(iri)}
        if iri == focus:
            node["borderWidth"] = 4
        nodes.append(node)
    edges: dict[tuple[int, int, str], dict[str, Any]] = {}
    adj = g.adj
    for a in keep:
        near = adj[a] if a in g else {}
        # the smaller side decides: a hub's thousands of neighbours are not scanned for a 60-node view
        pairs = [b for b in near if b in index] if len(near) <= len(keep) else [b for b in keep if b in near]
        for b in pairs:
            if index[b] <= index[a]:
                continue
            for u, v in ((a, b), (b, a)):
                for data in (graph.get_edge_data(u, v) or {}).values():
                    if edge_filter and not edge_filter(data, u, v):
                        continue
                    k = (index[u], index[v], data["relation"])
                    e = edges.get(k)
                    if e is None:
                        hover = f"{graph.nodes[u].get('label', '')} {data['relation']} {graph.nodes[v].get('label', '')}"
                        if data.get("date"):
                            hover += f"\n{data['date']}"
                        if data.get("evidence"):
                            hover += "\n" + _short(data["evidence"], 200)
                        e = edges[k] = {"from": k[0], "to": k[1], "label": data["relation"], "title": _short(hover, HOVER_CHARS),
                                        "arrows": "" if data["relation"] in ("partnerOf", "Partnership") else "to",
                                        "facts": 0}
                    e["facts"] += 1
    out = {"nodes": nodes, "edges": list(edges.values()), "physics": len(nodes) <= PHYSICS_LIMIT, "note": note}
    if not out["physics"]:
        layout = nx.Graph()
        layout.add_nodes_from(range(len(nodes)))
        layout.add_edges_from((e["from"], e["to"]) for e in out["edges"])
        pos = nx.spring_layout(layout, seed=7, iterations=40, scale=60 * len(nodes) ** 0.5)
        for node in nodes:
            x, y = pos[node["id"]]
            node["x"], node["y"] = round(float(x), 1), round(float(y), 1)
    return out


def overview(name: str, graph: nx.MultiDiGraph, g: nx.Graph, ranks: dict[str, float], link: Callable[[str], str | None],
             cap: int = OVERVIEW_CAP) -> dict[str, Any]:
    """One of the OVERVIEWS: the facts of one kind, between at most `cap` entities (top by PageRank)."""
    title, about, wanted = OVERVIEWS[name]

    def edge_ok(data: dict[str, Any], u: str, v: str) -> bool:
        return bool(wanted(data, (graph.nodes[u].get("kind"), graph.nodes[v].get("kind"))))

    involved: set[str] = set()
    for u, v, data in graph.edges(data=True):
        if edge_ok(data, u, v):
            involved.update((u, v))
    keep = sorted(top_by_rank(involved, ranks, cap), key=lambda u: (-ranks.get(u, 0.0), u))
    left = len(involved) - len(keep)
    note = (f"{len(keep)} entities, the {len(keep)} of highest PageRank of the {len(involved)} involved; "
            f"{left} left out." if left else f"All {len(involved)} entities involved.")
    data = view(graph, g, keep, link=link, ranks=ranks, note=note, edge_filter=edge_ok)
    data.update(title=title, about=about)
    return data
