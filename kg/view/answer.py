"""A query answer as a view model: the rows for a table, nodes and edges for a graph, dated
items for a timeline, computed once in Python so the query page and `kg query --format
html` show the same thing.

Which columns make a graph's edges or a timeline's items is said by the query's header
(`# graph:` and `# timeline:` lines of `key=variable` pairs, see docs/query.md); without
one, the first two columns holding entities become the edge ends and the first column
holding dates orders the timeline. IRIs in the answer are described (label, class) by a
second query so nodes are named and coloured by class. The model is plain JSON data:
every string in it is text for `textContent`, never markup.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..analyse.graph import CLASS_ORDER
from ..query.canned import VIEWS, get_canned, parse_header
from ..query.results import Result
from ..vocab import KG, KGR

MAX_NODES = 300
MAX_EDGES = 1500
MAX_ITEMS = 2000
MERGED_TITLES = 5
ENTITY_PREFIX = str(KGR) + "entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = {XSD + "date", XSD + "dateTime", XSD + "gYearMonth", XSD + "gYear"}
EVENT_CLASSES = ("Acquisition", "Announcement", "Discontinuation", "Enforcement", "FinancialResult", "Investment",
                 "Launch", "Listing", "Partnership", "PolicyChange", "Event")
# One colour per class (entities, then events, documents, plain text); the legend shows those used.
PALETTE = {
    "Platform": "#3b6fd8", "GovernmentBody": "#c0392b", "Company": "#2e9d5b", "Organization": "#7a8b2e",
    "Person": "#d68910", "Service": "#8e44ad", "Policy": "#16a0a0", "Place": "#8d6e63",
    "Acquisition": "#b03a7a", "Announcement": "#5d6d7e", "Discontinuation": "#7b241c", "Enforcement": "#e74c3c",
    "FinancialResult": "#1f8a70", "Investment": "#a569bd", "Launch": "#f39c12", "Listing": "#2874a6",
    "Partnership": "#27ae60", "PolicyChange": "#17a589", "Event": "#95a5a6", "Document": "#566573",
    "Other": "#7f8c8d", "Text": "#aab7b8",
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

Runner = Callable[[str], Result]


@dataclass(frozen=True)
class Spec:
    """What the query says about its views: the default view and which variables to draw."""

    view: str
    title: str
    graph: tuple[dict[str, str], ...]  # one dict per edge kind: source, target, source_label, target_label, label, text
    timeline: dict[str, str]  # date, item, kind, label (comma-separated variables)


def _pairs(text: str) -> dict[str, str]:
    out = {}
    for part in text.split():
        key, sep, value = part.partition("=")
        if sep and key and value:
            out[key.strip()] = value.strip().lstrip("?$")
    return out


def spec_of(text_or_name: str) -> tuple[Spec, str | None]:
    """The view spec of SPARQL text or a canned query name (and the name, when canned)."""
    stripped = text_or_name.strip()
    if re.fullmatch(r"[A-Za-z0-9_\-]+", stripped):
        canned = get_canned(stripped)
        text, name, title = canned.text, canned.name, canned.title
    else:
        text, name, title = text_or_name, None, ""
    fields, _ = parse_header(text, Path("<query>"))
    view = fields.get("view", "table")
    graph = tuple(p for p in (_pairs(chunk) for chunk in fields.get("graph", "").split(";")) if p)
    return Spec(view=view if view in VIEWS else "table", title=title or fields.get("title", ""), graph=graph,
                timeline=_pairs(fields.get("timeline", ""))), name


def term_json(term: Any) -> dict[str, str] | None:
    """One RDF term as JSON data: {"t": uri|bnode|literal|triple, "v": value, "lang"?, "dt"?}."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"t": "uri", "v": term.value}
    if isinstance(term, ox.BlankNode):
        return {"t": "bnode", "v": term.value}
    if isinstance(term, ox.Literal):
        out = {"t": "literal", "v": term.value}
        if term.language:
            out["lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["dt"] = term.datatype.value
        return out
    return {"t": "triple", "v": str(term)}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def describe(run: Runner, iris: Iterable[str], chunk: int = 400) -> dict[str, dict[str, str]]:
    """Label and drawn class of each IRI (entities, events, documents), asked in chunks of VALUES."""
    wanted = sorted({i for i in iris if i.startswith(str(KGR))})
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), chunk):
        values = " ".join(str(ox.NamedNode(i)) for i in wanted[start:start + chunk])
        result = run(f"SELECT ?s ?c ?label WHERE {{ VALUES ?s {{ {values} }} "
                     "OPTIONAL { ?s a ?c } OPTIONAL { ?s rdfs:label|schema:headline ?label } }")
        for s, c, label in result.rows:
            info = out.setdefault(s.value, {"classes": set(), "labels": {}})
            if c is not None and c.value.startswith(str(KG)):
                info["classes"].add(_local(c.value))
            if c is not None and c.value == "https://schema.org/NewsArticle":
                info["classes"].add("Document")
            if label is not None:
                lang = label.language or ""
                if lang not in info["labels"] or label.value < info["labels"][lang]:
                    info["labels"][lang] = label.value
    described = {}
    for iri, info in out.items():
        labels = info["labels"]
        label = labels.get("zh") or labels.get("en") or next(iter(sorted(labels.values())), None) or _local(iri)
        names = [n for n in (labels.get("zh"), labels.get("en")) if n]
        described[iri] = {"label": label, "names": names, "kind": _kind(info["classes"])}
    return described


def _kind(classes: set[str]) -> str:
    for name in (*CLASS_ORDER, *EVENT_CLASSES, "Document"):
        if name in classes:
            return name
    return "Other"


class _Columns:
    """The answer column by column, for the default guesses."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.index = {v: i for i, v in enumerate(result.variables)}

    def values(self, var: str) -> list[Any]:
        i = self.index[var]
        return [row[i] for row in self.result.rows if row[i] is not None]

    def holding(self, test: Callable[[Any], bool]) -> list[str]:
        return [v for v in self.result.variables if any(test(t) for t in self.values(v))]


def _is_entity(t: Any) -> bool:
    return isinstance(t, ox.NamedNode) and t.value.startswith(ENTITY_PREFIX)


def _is_iri(t: Any) -> bool:
    return isinstance(t, ox.NamedNode) and t.value.startswith(str(KGR))


def _is_text(t: Any) -> bool:
    return isinstance(t, ox.Literal) and t.datatype.value in (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


def _is_date(t: Any) -> bool:
    if not isinstance(t, ox.Literal):
        return False
    return t.datatype.value in DATE_TYPES or (t.datatype.value == XSD + "string" and bool(_ISO_DAY.fullmatch(t.value)))


def graph_specs(result: Result, spec: Spec) -> list[dict[str, str]]:
    """The declared edge kinds whose variables the answer has, else a guess from the columns."""
    have = set(result.variables)
    declared = [e for e in spec.graph if e.get("source") in have and e.get("target") in have]
    if declared:
        return declared
    cols = _Columns(result)
    for test in (_is_entity, _is_iri, _is_text):
        ends = cols.holding(test)
        if len(ends) >= 2:
            return [{"source": ends[0], "target": ends[1]}]
    return []


class _GraphBuilder:
    def __init__(self, info: dict[str, dict[str, str]]) -> None:
        self.info, self.nodes, self.edges = info, {}, []

    def node(self, term: Any, label: Any) -> str | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            key, iri = "iri:" + term.value, term.value
            about = self.info.get(iri, {})
            name = (label.value if label is not None and not isinstance(label, ox.NamedNode) else None) \
                or about.get("label") or _local(iri)
            kind = about.get("kind") or "Other"
        else:
            key, iri = "text:" + term.value, None
            name, kind = term.value, "Text"
        if key not in self.nodes:
            names = self.info.get(iri or "", {}).get("names", ())
            also = next((n for n in names if n != name), "")
            self.nodes[key] = {"id": key, "label": name, "kind": kind, "iri": iri, "also": also}
        return key


def build_graph(result: Result, spec: Spec, info: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Nodes and edges of a SELECT (declared or guessed ends) or CONSTRUCT answer, capped."""
    builder = _GraphBuilder(info)
    if result.kind == "graph":
        labels = {t.subject.value: t.object for t in result.triples
                  if t.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label" and isinstance(t.subject, ox.NamedNode)}
        for t in result.triples:
            if isinstance(t.object, ox.NamedNode) and t.predicate.value != "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
                a = builder.node(t.subject, labels.get(getattr(t.subject, "value", "")))
                b = builder.node(t.object, labels.get(t.object.value))
                if a and b:
                    builder.edges.append({"from": a, "to": b, "label": _local(t.predicate.value),
                                          "title": f"{_local(t.predicate.value)}"})
    elif result.kind == "select":
        index = {v: i for i, v in enumerate(result.variables)}
        for edge in graph_specs(result, spec):
            for row in result.rows:
                def cell(key: str, row: tuple = row, edge: dict = edge) -> Any:
                    var = edge.get(key)
                    return row[index[var]] if var in index else None

                if cell("source") is None or cell("target") is None:
                    continue  # an edge needs both ends: a row with one is in the table, not the graph
                a = builder.node(cell("source"), cell("source_label"))
                b = builder.node(cell("target"), cell("target_label"))
                if not a or not b or a == b:
                    continue
                label_term = cell("label")
                if edge.get("text") or label_term is None:
                    text = edge.get("text", "")
                else:
                    text = _local(label_term.value) if isinstance(label_term, ox.NamedNode) else label_term.value
                title = "\n".join(f"{v}: {row[i].value if hasattr(row[i], 'value') else row[i]}"
                                  for v, i in index.items() if row[i] is not None)
                builder.edges.append({"from": a, "to": b, "label": text, "title": title,
                                      "arrows": edge.get("arrows", "to")})
    return _cap(builder)


def _merge(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One edge per ordered pair: labels listed (a count past three), tooltips of the first rows."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in edges:
        group = groups.setdefault((e["from"], e["to"]), [])
        if all(e["title"] != g["title"] or e["label"] != g["label"] for g in group):
            group.append(e)
    merged = []
    for (a, b), group in groups.items():
        labels = list(dict.fromkeys(e["label"] for e in group if e["label"]))
        label = " · ".join(labels) if len(labels) <= 3 else f"{' · '.join(labels[:2])} … ({len(group)})"
        titles = [e["title"] for e in group[:MERGED_TITLES]]
        if len(group) > MERGED_TITLES:
            titles.append(f"… and {len(group) - MERGED_TITLES} more rows")
        merged.append({"from": a, "to": b, "label": label, "title": "\n—\n".join(titles), "rows": len(group),
                       "arrows": group[0].get("arrows", "to")})
    return merged


def _cap(builder: _GraphBuilder) -> dict[str, Any]:
    unique = _merge(builder.edges)
    degree: dict[str, int] = {}
    for e in unique:
        degree[e["from"]] = degree.get(e["from"], 0) + 1
        degree[e["to"]] = degree.get(e["to"], 0) + 1
    ranked = sorted(builder.nodes, key=lambda k: (-degree.get(k, 0), builder.nodes[k]["label"], k))
    kept = set(ranked[:MAX_NODES])
    edges = [e for e in unique if e["from"] in kept and e["to"] in kept][:MAX_EDGES]
    nodes = [builder.nodes[k] for k in sorted(kept, key=lambda k: (builder.nodes[k]["label"], k))]
    return {"nodes": nodes, "edges": edges, "nodes_left_out": len(builder.nodes) - len(kept),
            "edges_left_out": len(unique) - len(edges)}


def build_timeline(result: Result, spec: Spec, info: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Dated items (declared or guessed date column), earliest first, capped."""
    if result.kind != "select":
        return {"items": [], "undated": 0, "items_left_out": 0}
    cols = _Columns(result)
    index = cols.index
    date_var = spec.timeline.get("date") if spec.timeline.get("date") in index else next(iter(cols.holding(_is_date)), None)
    if date_var is None:
        return {"items": [], "undated": len(result.rows), "items_left_out": 0}
    item_var = spec.timeline.get("item") if spec.timeline.get("item") in index else \
        next((v for v in cols.holding(_is_iri) if v != date_var), None)
    kind_var = spec.timeline.get("kind") if spec.timeline.get("kind") in index else None
    label_vars = [v for v in spec.timeline.get("label", "").split(",") if v in index] or \
        [v for v in result.variables if v not in (date_var, item_var, kind_var) and v in cols.holding(_is_text)]
    items, undated, seen = [], 0, set()
    for row in result.rows:
        date = row[index[date_var]]
        m = _DATE.match(date.value) if date is not None else None
        if m is None:
            undated += 1
            continue
        item = row[index[item_var]] if item_var else None
        iri = item.value if isinstance(item, ox.NamedNode) else None
        kind_term = row[index[kind_var]] if kind_var else None
        kind = _local(kind_term.value) if kind_term is not None else info.get(iri or "", {}).get("kind", "Other")
        parts = [row[index[v]].value for v in label_vars if row[index[v]] is not None]
        label = " · ".join(dict.fromkeys(p for p in parts if p)) or info.get(iri or "", {}).get("label") or kind
        title = "\n".join(f"{v}: {row[i].value}" for v, i in index.items() if row[i] is not None and hasattr(row[i], "value"))
        key = (m.group(0), iri, label, kind)
        if key in seen:
            continue
        seen.add(key)
        items.append({"date": m.group(0), "label": label, "kind": kind if kind in PALETTE else "Other", "iri": iri,
                      "title": title})
    items.sort(key=lambda it: (it["date"], it["label"]))
    return {"items": items[:MAX_ITEMS], "undated": undated, "items_left_out": max(0, len(items) - MAX_ITEMS)}


def view_model(result: Result, *, query: str, name: str | None = None, params: dict[str, str] | None = None,
               view: str | None = None, run: Runner | None = None) -> dict[str, Any]:
    """Everything a page needs to show an answer as a table, a graph or a timeline (JSON data)."""
    spec, canned = spec_of(name or query)
    iris: set[str] = set()
    if result.kind == "select":
        iris = {t.value for row in result.rows for t in row if isinstance(t, ox.NamedNode)}
    elif result.kind == "graph":
        iris = {x.value for t in result.triples for x in (t.subject, t.object) if isinstance(x, ox.NamedNode)}
    info = describe(run, iris) if run is not None and iris else {}
    graph = build_graph(result, spec, info)
    timeline = build_timeline(result, spec, info)
    kinds = sorted({n["kind"] for n in graph["nodes"]} | {i["kind"] for i in timeline["items"]},
                   key=lambda k: list(PALETTE).index(k) if k in PALETTE else len(PALETTE))
    model: dict[str, Any] = {
        "kind": result.kind, "query": query, "name": canned, "title": spec.title, "params": dict(params or {}),
        "default_view": spec.view, "view": view if view in VIEWS else spec.view, "seconds": round(result.seconds, 4),
        "variables": list(result.variables), "count": len(result),
        "rows": [[term_json(t) for t in row] for row in result.rows] if result.kind == "select" else [],
        "triples": [[term_json(t.subject), term_json(t.predicate), term_json(t.object)] for t in result.triples]
        if result.kind == "graph" else [],
        "boolean": result.boolean, "graph": graph, "timeline": timeline,
        "palette": {k: PALETTE.get(k, PALETTE["Other"]) for k in kinds}, "base": str(KGR),
    }
    return model


__all__ = ["MAX_NODES", "PALETTE", "Spec", "build_graph", "build_timeline", "describe", "spec_of", "term_json",
           "view_model"]
