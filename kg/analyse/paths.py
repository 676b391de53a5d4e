"""How two entities are connected: the shortest chains of facts between them, each fact with
the sentence it was read from and the document that states it.

Entities are named as a researcher would: an IRI (full, `kgr:entity/...` or `<...>`), or
any label or alias in either language, compared without case.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ..errors import KgError
from ..query.prefixes import expand_prefixed
from ..vocab import KGR, SPARQL_PREFIXES
from .rank import projection


class PathError(KgError):
    """An entity that cannot be found or named unambiguously, or no connection."""


@dataclass(frozen=True)
class Document:
    iri: str
    headline: str | None = None
    date: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Step:
    """One fact of a chain, read in the direction of travel (`source` is the entity reached first)."""

    source: str
    target: str
    source_label: str
    target_label: str
    relation: str  # kg relation (partnerOf, operatedBy, ...) or event class (Enforcement, ...)
    forward: bool  # the fact is stated source -> target (False: target -> source)
    event: str | None
    date: str | None
    evidence: str | None
    documents: tuple[Document, ...]

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["documents"] = [d.__dict__ for d in self.documents]
        return out


def _expand(name: str) -> str:
    return expand_prefixed(name, {"kgr": str(KGR)})


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The IRI of the entity called `name` (IRI, label or alias, any language, any case)."""
    iri = _expand(name)
    if iri in graph:
        return iri
    wanted = name.strip().casefold()
    by_label = sorted(n for n, d in graph.nodes(data=True) if wanted in {x.casefold() for x in d.get("labels", ())})
    found = by_label or sorted(n for n, d in graph.nodes(data=True)
                               if wanted in {x.casefold() for x in d.get("aliases", ())})
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        listed = "; ".join(f"{iri} ({graph.nodes[iri].get('kind')}, {graph.nodes[iri].get('label')})" for iri in found[:8])
        raise PathError(f"{name!r} names {len(found)} entities: {listed}; give one IRI instead")
    names = sorted({x for _, d in graph.nodes(data=True) for x in (*d.get("labels", ()), *d.get("aliases", ()))})
    close = difflib.get_close_matches(name.strip(), names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise PathError(f"no entity named {name!r} in this build{hint}")


def documents(store: ox.Store) -> dict[str, Document]:
    """Headline, date and publisher of every document, by IRI."""
    query = SPARQL_PREFIXES + """
SELECT ?doc (MIN(?h) AS ?headline) (MIN(STR(?d)) AS ?date) (MIN(?pn) AS ?publisher) WHERE {
  ?doc a kg:Document .
  OPTIONAL { ?doc schema:headline ?h }
  OPTIONAL { ?doc schema:datePublished ?d }
  OPTIONAL { ?doc schema:publisher ?p . ?p rdfs:label ?pn }
} GROUP BY ?doc"""
    out = {}
    for row in store.query(query):
        iri = row["doc"].value
        out[iri] = Document(iri, *(row[k].value if row[k] is not None else None for k in ("headline", "date", "publisher")))
    return out


def _facts_between(graph: nx.MultiDiGraph, a: str, b: str) -> list[tuple[bool, dict[str, Any]]]:
    out = [(True, d) for d in graph.get_edge_data(a, b, default={}).values()]
    out += [(False, d) for d in graph.get_edge_data(b, a, default={}).values()]
    # The best witness first: one with a sentence, then one with a document, then the earliest.
    return sorted(out, key=lambda fd: (fd[1].get("evidence") is None, not fd[1].get("documents"),
                                       fd[1].get("date") or "9999", fd[1].get("relation", ""), fd[1].get("event") or ""))


def _step(graph: nx.MultiDiGraph, a: str, b: str, docs: dict[str, Document]) -> Step:
    forward, fact = _facts_between(graph, a, b)[0]
    evidence = fact.get("evidence")
    if evidence is None:
        # A relation read from a document: the sentence of an event of the same pair in that document, if any.
        for _, other in _facts_between(graph, a, b):
            if other.get("evidence") and set(other.get("documents", ())) & set(fact.get("documents", ())):
                evidence = other["evidence"]
                break
    return Step(source=a, target=b, source_label=graph.nodes[a].get("label", a), target_label=graph.nodes[b].get("label", b),
                relation=fact["relation"], forward=forward, event=fact.get("event"), date=fact.get("date"),
                evidence=evidence, documents=tuple(docs.get(d, Document(d)) for d in fact.get("documents", ())))


def explain(graph: nx.MultiDiGraph, a: str, b: str, *, docs: dict[str, Document] | None = None,
            limit: int = 3) -> list[list[Step]]:
    """Up to `limit` shortest chains of facts from entity `a` to entity `b` (names or IRIs)."""
    start, end = find_entity(graph, a), find_entity(graph, b)
    if start == end:
        raise PathError(f"{a!r} and {b!r} are the same entity ({start})")
    simple = projection(graph)
    try:
        chains = list(islice(nx.all_shortest_paths(simple, start, end), 200))
    except nx.NetworkXNoPath:
        raise PathError(f"{graph.nodes[start].get('label')} and {graph.nodes[end].get('label')} are not connected "
                        "by any chain of facts in this build") from None
    docs = docs or {}
    return [[_step(graph, u, v, docs) for u, v in pairwise(chain)] for chain in sorted(chains)[:limit]]


__all__ = ["Document", "PathError", "Step", "documents", "explain", "find_entity"]
