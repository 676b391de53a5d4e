"""A build as a networkx graph of entities: the common ground of the site, `kg analyse` and `kg path`.

Nodes are entities (organisations, people, policies, services, places) with their labels
and classes; edges are facts between two entities, each with the documents that state it
and, for facts read from an event, the event, its class, date and evidence sentence. Facts
come from the stated relations (kg:partnerOf, kg:subsidiaryOf, kg:operatedBy, kg:offeredOn,
kg:affiliatedWith, kg:locatedIn) and from events (actor → affected, actor → what it is
about, and between the parties of a partnership), so a regulator is linked to whom it
fined and two partners to each other even when no relation triple was written.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ..vocab import KG, KGR, SPARQL_PREFIXES

ENTITY_PREFIX = str(KGR) + "entity/"
DOC_PREFIX = str(KGR) + "doc/"
# Most specific first: an entity typed Platform and Company is drawn as a Platform.
CLASS_ORDER = ("Platform", "GovernmentBody", "Company", "Organization", "Person", "Service", "Policy", "Place")
RELATIONS = ("partnerOf", "subsidiaryOf", "operatedBy", "offeredOn", "affiliatedWith", "locatedIn")
SYMMETRIC = frozenset({"partnerOf"})


@dataclass
class Fact:
    """One edge: `source --relation--> target`, with where it was read."""

    source: str
    target: str
    relation: str
    documents: set[str] = field(default_factory=set)
    event: str | None = None
    event_class: str | None = None
    date: str | None = None
    evidence: str | None = None

    def key(self) -> tuple[str, str, str, str | None]:
        return (self.source, self.target, self.relation, self.event)


def open_dataset(source: Path | str | ox.Store) -> ox.Store:
    """A store to read: an open pyoxigraph store, a build folder (its store, else its graph.nq), a
    store folder or a .nq/.trig file.

    Files are loaded into memory with the default graph as the union of the named graphs,
    as the build's store has it.
    """
    if isinstance(source, ox.Store):
        return source
    path = Path(source)
    if path.is_file():
        from ..store import rdf_format

        store = ox.Store()
        store.bulk_load(path=str(path), format=rdf_format(path))
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return store
    from ..errors import KgError
    from ..store import open_oxigraph

    try:
        return open_oxigraph(path)
    except KgError:
        for name in ("graph.nq", "graph.trig"):  # a build made with --no-store still has its files
            if (path / name).is_file():
                return open_dataset(path / name)
        raise


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rows(store: ox.Store, query: str) -> Iterable[dict[str, Any]]:
    result = store.query(SPARQL_PREFIXES + query)
    names = [v.value for v in result.variables]
    for solution in result:
        row = {}
        for name in names:
            term = solution[name]
            row[name] = None if term is None else term.value
        yield row


_NODES = """
SELECT ?e ?class ?label ?lang WHERE {
  ?e a ?c . FILTER(STRSTARTS(STR(?e), "@ENTITY@"))
  FILTER(?c IN (@CLASSES@))
  BIND(STRAFTER(STR(?c), "#") AS ?class)
  OPTIONAL { ?e rdfs:label ?label . BIND(LANG(?label) AS ?lang) }
}""".replace("@ENTITY@", ENTITY_PREFIX).replace("@CLASSES@", ", ".join(f"kg:{c}" for c in CLASS_ORDER))

_ALIASES = """SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias . FILTER(STRSTARTS(STR(?e), "@ENTITY@")) }""".replace(
    "@ENTITY@", ENTITY_PREFIX)

_RELATIONS = """
SELECT ?s ?p ?o ?g WHERE {
  VALUES ?p { @RELATIONS@ }
  GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?s), "@ENTITY@") && STRSTARTS(STR(?o), "@ENTITY@"))
}""".replace("@RELATIONS@", " ".join(f"kg:{r}" for r in RELATIONS)).replace("@ENTITY@", ENTITY_PREFIX)

_EVENTS = """
SELECT ?ev ?class ?role ?who ?date ?doc WHERE {
  ?ev a ?c ; ?r ?who .
  ?c rdfs:subClassOf* kg:Event .
  FILTER(?c != kg:Event)
  VALUES ?r { kg:actor kg:affects kg:participant kg:about kg:market }
  BIND(STRAFTER(STR(?r), "#") AS ?role)
  BIND(STRAFTER(STR(?c), "#") AS ?class)
  OPTIONAL { ?ev kg:date ?date }
  OPTIONAL { ?ev kg:source ?doc }
}"""

_EVIDENCE = """SELECT ?ev (MIN(?s) AS ?evidence) WHERE { ?ev kg:evidence ?s } GROUP BY ?ev"""


def entity_nodes(store: ox.Store) -> dict[str, dict[str, Any]]:
    """IRI -> node attributes: label, label_zh, label_en, classes, kind (the class drawn), aliases."""
    nodes: dict[str, dict[str, Any]] = {}
    for row in _rows(store, _NODES):
        node = nodes.setdefault(row["e"], {"classes": set(), "label_zh": None, "label_en": None, "labels": set(),
                                           "aliases": set()})
        node["classes"].add(row["class"])
        if row["label"]:
            node["labels"].add(row["label"])
            if row["lang"] == "zh" and (node["label_zh"] is None or row["label"] < node["label_zh"]):
                node["label_zh"] = row["label"]
            elif row["lang"] != "zh" and (node["label_en"] is None or row["label"] < node["label_en"]):
                node["label_en"] = row["label"]
    for row in _rows(store, _ALIASES):
        if row["e"] in nodes:
            nodes[row["e"]]["aliases"].add(row["alias"])
    for iri, node in nodes.items():
        node["kind"] = next(c for c in CLASS_ORDER if c in node["classes"])
        node["label"] = node["label_zh"] or node["label_en"] or min(node["labels"], default=None) or _local(iri)
        node["classes"] = sorted(node["classes"], key=CLASS_ORDER.index)
        node["labels"] = sorted(node["labels"])
        node["aliases"] = sorted(node["aliases"] - set(node["labels"]))
    return nodes


def facts(store: ox.Store, nodes: dict[str, dict[str, Any]]) -> list[Fact]:
    """Every fact between two entities, merged across the documents that state it."""
    merged: dict[tuple[str, str, str, str | None], Fact] = {}

    def add(fact: Fact, document: str | None) -> None:
        if fact.source not in nodes or fact.target not in nodes or fact.source == fact.target:
            return
        kept = merged.setdefault(fact.key(), fact)
        if document and document.startswith(DOC_PREFIX):
            kept.documents.add(document)

    for row in _rows(store, _RELATIONS):
        source, target = row["s"], row["o"]
        if _local(row["p"]) in SYMMETRIC and target < source:
            source, target = target, source  # stated both ways: keep one edge
        add(Fact(source, target, _local(row["p"])), row["g"])

    evidence = {row["ev"]: row["evidence"] for row in _rows(store, _EVIDENCE)}
    events: dict[str, dict[str, Any]] = {}
    for row in _rows(store, _EVENTS):
        ev = events.setdefault(row["ev"], {"class": row["class"], "roles": {}, "dates": set(), "docs": set()})
        ev["roles"].setdefault(row["role"], set()).add(row["who"])
        if row["date"]:
            ev["dates"].add(row["date"])
        if row["doc"]:
            ev["docs"].add(row["doc"])
    for iri, ev in sorted(events.items()):
        date = min(ev["dates"], default=None)
        actors = sorted(ev["roles"].get("actor", ()))
        pairs = [(a, t) for a in actors for t in sorted(ev["roles"].get("affects", ()))]
        pairs += [(a, t) for a in actors for t in sorted(ev["roles"].get("about", ()))]
        pairs += [(a, t) for a in actors for t in sorted(ev["roles"].get("market", ()))]
        parties = sorted(ev["roles"].get("participant", set()) | set(actors)) if ev["class"] == "Partnership" else []
        pairs += [(a, b) for i, a in enumerate(parties) for b in parties[i + 1:]]
        for source, target in dict.fromkeys(pairs):
            for doc in sorted(ev["docs"]) or [None]:
                add(Fact(source, target, ev["class"], event=iri, event_class=ev["class"], date=date,
                         evidence=evidence.get(iri)), doc)
    return sorted(merged.values(), key=lambda f: (f.source, f.target, f.relation, f.event or ""))


def to_networkx(source: Path | str | ox.Store) -> nx.MultiDiGraph:
    """The entity graph of a build (folder, store folder, .nq/.trig file or open store).

    Node attributes: label, label_zh, label_en, labels, aliases, classes, kind. Edge
    attributes: relation, documents (sorted IRIs), and for event facts event, event_class,
    date and evidence. Edge keys are `relation` or `relation@event`, so the graph is
    deterministic and one fact is one edge.
    """
    store = open_dataset(source)
    nodes = entity_nodes(store)
    graph = nx.MultiDiGraph()
    for iri in sorted(nodes):
        graph.add_node(iri, **nodes[iri])
    for fact in facts(store, nodes):
        key = fact.relation if fact.event is None else f"{fact.relation}@{fact.event}"
        graph.add_edge(fact.source, fact.target, key=key, relation=fact.relation, documents=sorted(fact.documents),
                       event=fact.event, event_class=fact.event_class, date=fact.date, evidence=fact.evidence)
    return graph


__all__ = ["CLASS_ORDER", "KG", "RELATIONS", "Fact", "entity_nodes", "facts", "open_dataset", "to_networkx"]
