"""Everything the site shows, read from a build once: the panels' queries, the entity graph, the texts.

Each page type's panels are run once for all subjects (see `queries`); the entity graph
comes from `kg.analyse.graph.to_networkx`; document texts from the build's texts.jsonl.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ...analyse.graph import CLASS_ORDER, to_networkx
from ...vocab import KGR
from . import queries as q

ENTITY_PREFIX = str(KGR) + "entity/"
EVENT_PREFIX = str(KGR) + "event/"
DOC_PREFIX = str(KGR) + "doc/"
TEXTS_FILE = "texts.jsonl"
Rows = list[dict[str, Any]]


@dataclass
class SiteData:
    """The build as the pages need it; keys are IRIs."""

    graph: nx.MultiDiGraph
    entities: dict[str, dict[str, Any]]
    events: dict[str, dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    panels: dict[str, dict[str, dict[str, Rows]]]  # page type -> panel name -> subject -> rows
    texts: dict[str, str]
    counts: Rows = field(default_factory=list)
    most_connected: Rows = field(default_factory=list)
    latest: Rows = field(default_factory=list)
    timeline: Rows = field(default_factory=list)
    listings: dict[str, Rows] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def label(self, iri: str) -> str:
        """A readable name for any IRI of the build."""
        for table in (self.entities, self.events, self.documents):
            if iri in table:
                return str(table[iri]["label"])
        return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def read_texts(path: Path) -> tuple[dict[str, str], list[str]]:
    """IRI -> text from texts.jsonl; a bad line is reported (file and line) and skipped."""
    texts: dict[str, str] = {}
    problems: list[str] = []
    if not path.is_file():
        return texts, [f"{path}: not found; document pages show no text (rebuild with this version of kg)"]
    with path.open(encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            try:
                record = json.loads(line)
                doc, text = record["doc"], record["text"]
                if not isinstance(doc, str) or not isinstance(text, str):
                    raise TypeError("doc and text must be strings")
            except (ValueError, KeyError, TypeError) as err:
                problems.append(f"{path}:{n}: not a {{\"doc\", \"text\"}} record ({err}); skipped")
                continue
            texts[doc] = text
    return texts, problems


def _entities(nodes: dict[str, dict[str, Any]], names: dict[str, Rows]) -> dict[str, dict[str, Any]]:
    """Every minted entity with a class of the data model, whether or not it takes part in a fact."""
    entities = {iri: dict(node) for iri, node in nodes.items()}
    for iri, rows in names.items():
        if not iri.startswith(ENTITY_PREFIX) or iri in entities:
            continue
        classes = sorted({r["name"] for r in rows if r["kind"] == "class"})
        if not any(c in CLASS_ORDER for c in classes):
            continue
        labels = sorted({r["name"] for r in rows if r["kind"] == "label"})
        zh = next((r["name"] for r in rows if r["kind"] == "label" and r["lang"] == "zh"), None)
        en = next((r["name"] for r in rows if r["kind"] == "label" and r["lang"] != "zh"), None)
        entities[iri] = {"classes": [c for c in CLASS_ORDER if c in classes], "labels": labels, "label_zh": zh,
                         "label_en": en, "aliases": sorted({r["name"] for r in rows if r["kind"] == "alias"}),
                         "kind": next(c for c in CLASS_ORDER if c in classes),
                         "label": zh or en or (labels[0] if labels else iri.rsplit("/", 1)[-1])}
    return entities


def _events(panels: dict[str, dict[str, Rows]], entities: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Event IRI -> class, date and a label made of its class and parties (events have no names)."""
    events: dict[str, dict[str, Any]] = {}
    for iri, rows in panels["event"].items():
        classes = sorted({r["class"] for r in rows})
        dates = sorted({r["date"] for r in rows if r["date"]})
        effective = sorted({r["effective"] for r in rows if r["effective"]})
        roles = panels["roles"].get(iri, [])
        actors = [entities[r["who"]]["label"] for r in roles if r["role"] == "actor" and r["who"] in entities]
        others = [entities[r["who"]]["label"] for r in roles
                  if r["role"] in ("affects", "participant", "about") and r["who"] in entities]
        others = [o for o in dict.fromkeys(others) if o not in actors]
        parties = ", ".join(actors[:2]) + (" → " + ", ".join(others[:2]) if others else "")
        events[iri] = {"classes": classes, "class": classes[0] if classes else "Event", "date": dates[0] if dates else None,
                       "effective": effective[0] if effective else None,
                       "label": f"{classes[0] if classes else 'Event'}: {parties}" if parties else
                       (classes[0] if classes else "Event")}
    return events


def _documents(rows: dict[str, Rows]) -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    for iri, found in rows.items():
        first = found[0]
        documents[iri] = {
            "headline": first["headline"], "date": first["date"], "lang": first["lang"], "where": first["where"],
            "publishers": sorted({r["publisher"] for r in found if r["publisher"]}),
            "authors": sorted({r["author"] for r in found if r["author"]}),
            "part_of": first["partOf"],
            "label": first["headline"] or first["where"] or iri.rsplit("/", 1)[-1],
        }
    return documents


def gather(store: ox.Store, build_dir: Path) -> SiteData:
    """Read everything the site shows from the store of a build (and its texts.jsonl)."""
    graph = to_networkx(store)
    nodes = dict(graph.nodes(data=True))
    panels: dict[str, dict[str, dict[str, Rows]]] = {"entity": {}, "event": {}, "doc": {}}
    for kind, group in (("entity", q.ENTITY_PANELS), ("event", q.EVENT_PANELS), ("doc", q.DOC_PANELS)):
        for panel in group:
            panels[kind][panel.name] = q.grouped(store, panel)
    entities = _entities(nodes, panels["entity"]["names"])
    events = _events(panels["event"], entities)
    documents = _documents(panels["doc"]["document"])
    texts, problems = read_texts(build_dir / TEXTS_FILE)
    data = SiteData(graph=graph, entities=entities, events=events, documents=documents, panels=panels, texts=texts,
                    problems=problems)
    data.counts = list(q.rows(store, q.COUNTS))
    data.most_connected = list(q.rows(store, q.MOST_CONNECTED))
    data.latest = list(q.rows(store, q.LATEST_EVENTS))
    data.timeline = list(q.rows(store, q.TIMELINE))
    for row in q.rows(store, q.all_listings_query(list(CLASS_ORDER))):
        data.listings.setdefault(row.pop("class"), []).append(row)
    return data
