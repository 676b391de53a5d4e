"""One function per kind of page: the panels (tables with their queries) and the context of its template."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
from markupsafe import Markup

from ...analyse.graph import CLASS_ORDER
from . import queries as q
from .chart import monthly_svg
from .data import SiteData
from .graphs import ENTITY_CAP, OVERVIEWS, STYLE, neighbourhood, overview, view
from .mentions import segments, sentence_naming
from .network import TOP, Measures
from .render import LISTINGS, Renderer, page_path, short_iri
from .tables import Table

TIMELINE_CAP = 5000
DOC_TEXT_CAP = 100_000  # characters of a document shown on its page (ingest cuts documents far shorter)
LISTING_CAP = 15000  # rows of a listing page (about 3 MB); its JSON and CSV have all
# (relation, direction) -> heading on the entity page
SUMMARY = (
    (("operatedBy", "out"), "Operated by"), (("operatedBy", "in"), "Operates"),
    (("subsidiaryOf", "out"), "Subsidiary of"), (("subsidiaryOf", "in"), "Subsidiaries"),
    (("partnerOf", "out"), "Partners"), (("partnerOf", "in"), "Partners"),
    (("affiliatedWith", "in"), "People"), (("affiliatedWith", "out"), "Works for"),
    (("offeredOn", "out"), "Offered on"), (("offeredOn", "in"), "Services offered on it"),
    (("locatedIn", "out"), "Located in"), (("locatedIn", "in"), "Seat of"),
)


def _table(panel: q.Panel, iri: str, rows: list[dict[str, Any]], columns: list[str], note: str = "") -> Table:
    return Table(panel.name, panel.title, columns, rows, panel.for_page(iri), note)


def _names(data: SiteData, iri: str) -> list[str]:
    e = data.entities.get(iri)
    return [*e["labels"], *e["aliases"]] if e else []


def _graph_kinds(g: dict[str, Any]) -> dict[str, Any]:
    present = {n["kind"] for n in g["nodes"]}
    g["kinds"] = [k for k in STYLE if k in present]
    return g


def entity_page(r: Renderer, data: SiteData, iri: str, simple: nx.Graph, m: Measures,
                ranked: dict[str, list[str]] | None = None) -> int:
    """Write the entity's page; returns the number of nodes its graph shows."""
    e = data.entities[iri]
    panels = data.panels["entity"]
    relations = []
    for row in panels["relations"].get(iri, []):
        text = data.texts.get(row["doc"], "")
        relations.append({**row, "sentence": sentence_naming(text, _names(data, iri), _names(data, row["other"]))})
    roles: dict[str, list[str]] = defaultdict(list)
    for row in panels["roles"].get(iri, []):
        roles[row["person"]].append(row["role"])
    summary: dict[str, dict[str, dict[str, Any]]] = {}
    for (rel, direction), heading in SUMMARY:
        for row in relations:
            if row["relation"] == rel and row["direction"] == direction and row["other"] != iri:
                items = summary.setdefault(heading, {})
                items.setdefault(row["other"], {"iri": row["other"], "role": ", ".join(sorted(set(roles.get(row["other"], []))))})
    events: dict[str, dict[str, Any]] = {}
    for row in panels["events"].get(iri, []):
        ev = events.setdefault(row["event"], {"event": row["event"], "class": row["class"], "date": row["date"], "roles": set()})
        ev["roles"].add(row["role"])
    timeline = sorted(({**ev, "roles": ", ".join(sorted(ev["roles"]))} for ev in events.values()),
                      key=lambda ev: (ev["date"] or "9999", ev["event"]))
    names = [{"kind": r["kind"], "name": r["name"], "lang": r["lang"]} for r in panels["names"].get(iri, [])]
    tables = [
        _table(q.ENTITY_NAMES, iri, names, ["kind", "name", "lang"]),
        _table(q.ENTITY_RELATIONS, iri, relations, ["relation", "direction", "other", "doc", "sentence"],
               "sentence: the first sentence of the document that names both, found by the site (relations carry no "
               "sentence of their own)."),
        _table(q.ENTITY_ROLES, iri, panels["roles"].get(iri, []), ["person", "role"]),
        _table(q.ENTITY_EVENTS, iri, panels["events"].get(iri, []), ["date", "event", "class", "role"]),
        _table(q.ENTITY_FIGURES, iri, panels["figures"].get(iri, []),
               ["date", "event", "measure", "value", "unit", "period", "text"]),
        _table(q.ENTITY_EVIDENCE, iri, panels["evidence"].get(iri, []), ["event", "doc", "sentence"]),
    ]
    graph = None
    if iri in simple and simple.degree(iri):
        keep, total, hops, exact = neighbourhood(simple, iri, m.pagerank, ENTITY_CAP, ranked)
        left = total - len(keep)
        if not left:
            note = f"{len(keep)} entities within {hops} hop{'s' if hops > 1 else ''}; none left out."
        elif exact:
            note = (f"{len(keep)} entities within {hops} hops (the nearest, then those of highest PageRank); "
                    f"{left} of the {total} within two hops left out.")
        else:
            note = (f"{len(keep)} entities within {hops} hops (the nearest, then those of highest PageRank); "
                    f"at least {left} more within two hops left out.")
        graph = _graph_kinds(view(data.graph, simple, keep, link=lambda x: r_link(r, x, 1),
                                  ranks=m.pagerank, note=note, focus=iri))
    r.write(page_path(iri) or "", "entity.html", e["label"], tables, entity=e, iri_short=short_iri(iri),
            summary=[(h, list(items.values())) for h, items in summary.items()], timeline=timeline, graph=graph)
    return len(graph["nodes"]) if graph else 0


def r_link(r: Renderer, iri: str, depth: int) -> str | None:
    path = page_path(iri)
    return "../" * depth + path if path else None


def event_page(r: Renderer, data: SiteData, iri: str) -> None:
    ev = data.events[iri]
    panels = data.panels["event"]
    roles = panels["roles"].get(iri, [])
    summary: dict[str, list[str]] = {}
    for row in roles:
        summary.setdefault(row["role"], []).append(row["who"])
    tables = [
        _table(q.EVENT_FACTS, iri, panels["event"].get(iri, []), ["class", "date", "effective", "confidence"]),
        _table(q.EVENT_ROLES, iri, roles, ["role", "who"]),
        _table(q.EVENT_FIGURES, iri, panels["figures"].get(iri, []),
               ["measure", "value", "unit", "period", "start", "end", "text"]),
        _table(q.EVENT_SOURCES, iri, panels["sources"].get(iri, []), ["doc", "sentence"]),
    ]
    r.write(page_path(iri) or "", "event.html", ev["label"], tables, event=ev, iri_short=short_iri(iri),
            summary=sorted(summary.items()))


def document_page(r: Renderer, data: SiteData, iri: str) -> None:
    doc = data.documents[iri]
    panels = data.panels["doc"]
    mentions = panels["mentions"].get(iri, [])
    names = [(n, row["entity"]) for row in mentions for n in _names(data, row["entity"])]
    text = data.texts.get(iri)
    cut = ""
    if text is not None and len(text) > DOC_TEXT_CAP:
        cut = f"The first {DOC_TEXT_CAP:,} of {len(text):,} characters; the whole text is in the build's texts.jsonl."
        text = text[:DOC_TEXT_CAP]
    segs = [(s, e, data.entities[e]["kind"] if e else None) for s, e in segments(text or "", names)]
    tables = [
        _table(q.DOC_FACTS, iri, panels["document"].get(iri, []),
               ["headline", "date", "publisher", "author", "lang", "where", "partOf"]),
        _table(q.DOC_MENTIONS, iri, mentions, ["entity"]),
        _table(q.DOC_EVENTS, iri, panels["events"].get(iri, []), ["date", "event", "class"]),
    ]
    no_text = "This document has no text of its own." if text is not None else \
        "The build has no text for this document (texts.jsonl missing or without it)."
    r.write(page_path(iri) or "", "document.html", doc["label"], tables, doc=doc, iri_short=short_iri(iri),
            segments=segs, no_text=no_text, cut=cut, lang=doc.get("lang") or "en")


def index_page(r: Renderer, data: SiteData, listing_counts: dict[str, int]) -> None:
    tables = [
        Table("counts", "Counts by class", ["class", "n"], data.counts, q.COUNTS),
        Table("connected", "Most connected entities (distinct entities and events linked)", ["e", "links"],
              data.most_connected, q.MOST_CONNECTED),
        Table("latest", "Latest events", ["date", "event", "class"], data.latest, q.LATEST_EVENTS),
    ]
    summary = (f"{len(data.entities)} entities, {len(data.events)} events and {len(data.documents)} documents. "
               "Every panel shows its SPARQL query; every page has its data as JSON and CSV.")
    r.write("index.html", "index.html", "Knowledge graph", tables, summary=summary, listing_counts=listing_counts,
            search=True)


def timeline_pages(r: Renderer, data: SiteData) -> None:
    by_event: dict[str, dict[str, Any]] = {}
    for row in data.timeline:
        ev = by_event.setdefault(row["event"], {"event": row["event"], "class": row["class"], "date": row["date"], "who": []})
        if row["who"] and row["who"] in data.entities and row["who"] not in ev["who"]:
            ev["who"].append(row["who"])
    events = sorted(by_event.values(), key=lambda ev: (ev["date"], ev["event"]))
    for ev in events:
        ev["who_text"] = "\n".join(n for w in ev["who"] for n in _names(data, w))
    chart = Markup(monthly_svg([(ev["date"], ev["class"]) for ev in events]))
    classes = sorted({ev["class"] for ev in events})
    years = sorted({ev["date"][:4] for ev in events}) if len(events) > TIMELINE_CAP else []

    def table(rows: list[dict[str, Any]], note: str) -> Table:
        return Table("timeline", "Events by date", ["date", "class", "event", "who"],
                     [{**ev, "who": " | ".join(ev["who"])} for ev in rows], q.TIMELINE, note)

    shown = events[-TIMELINE_CAP:]
    note = (f"All {len(events)} dated events." if len(shown) == len(events) else
            f"The latest {len(shown)} of {len(events)} dated events; {len(events) - len(shown)} earlier ones are on the "
            "pages by year.")
    r.write("timeline.html", "timeline.html", "Timeline", [table(shown, note)], events=shown, chart=chart, classes=classes,
            note=note, years=years, query=q.TIMELINE)
    for year in years:
        rows = [ev for ev in events if ev["date"].startswith(year)]
        kept = rows[-TIMELINE_CAP:]
        note = f"All {len(rows)} dated events of {year}." if len(kept) == len(rows) else \
            f"The latest {len(kept)} of {len(rows)} dated events of {year}; {len(rows) - len(kept)} left out."
        r.write(f"timeline/{year}.html", "timeline.html", f"Timeline {year}", [table(kept, note)], events=kept,
                chart=Markup(monthly_svg([(ev["date"], ev["class"]) for ev in rows])), classes=classes, note=note,
                years=[], query=q.TIMELINE)


def listing_pages(r: Renderer, data: SiteData, m: Measures) -> dict[str, int]:
    counts = {}
    for cls, label in LISTINGS:
        rows = []
        for row in data.listings.get(cls, []):
            e = data.entities.get(row["e"])
            if not e:
                continue
            rows.append({"e": row["e"], "label_zh": e["label_zh"], "label_en": e["label_en"],
                         "documents": int(row["documents"]), "events": int(row["events"]),
                         "links": m.degree.get(row["e"], 0)})
        counts[cls] = len(rows)
        t = Table("entities", label, ["e", "label_zh", "label_en", "documents", "events", "links"], rows,
                  q.listing_query(cls), "Ordered by events; links: linked entities in the network (computed by the site).",
                  html_rows=LISTING_CAP)
        r.write(f"list/{cls}.html", "listing.html", label, [t])
    return counts


def network_page(r: Renderer, data: SiteData, m: Measures) -> None:
    tables = []
    by_class: dict[str, list[str]] = defaultdict(list)
    for iri, e in data.entities.items():
        if m.degree.get(iri):  # as in `kg analyse`: an entity in no fact has no place in the network
            by_class[e["kind"]].append(iri)
    for cls in CLASS_ORDER:
        nodes = by_class.get(cls)
        if not nodes:
            continue
        ranked = {measure: [u for u, _ in m.top(measure, nodes)] for measure in ("pagerank", "degree", "betweenness")}
        shown = sorted(set().union(*ranked.values()), key=lambda u: (-m.pagerank.get(u, 0.0), u))
        rows = [{"e": u, "pagerank": round(m.pagerank.get(u, 0.0), 5), "degree": m.degree.get(u, 0),
                 "betweenness": round(m.betweenness.get(u, 0.0), 5),
                 **{f"rank by {k}": ranked[k].index(u) + 1 if u in ranked[k] else None for k in ranked}}
                for u in shown]
        tables.append(Table(f"rank-{cls}", f"{cls}: the top {TOP} by PageRank, by degree and by betweenness "
                            f"({len(rows)} of {len(nodes)})",
                            ["e", "pagerank", "degree", "betweenness", "rank by pagerank", "rank by degree",
                             "rank by betweenness"], rows, None,
                            f"Betweenness {m.betweenness_note}. Click a heading to sort."))
    rows = [{"community": i + 1, "size": len(c), "members": " | ".join(data.label(u) for u in c[:10])}
            for i, c in enumerate(m.communities[:TOP])]
    tables.append(Table("communities", f"Communities (Louvain): the {len(rows)} largest of {len(m.communities)}",
                        ["community", "size", "members"], rows, None, "Members shown: the ten of highest PageRank."))
    about = ("Rankings and communities computed with networkx on the facts between entities (one link per pair of "
             "entities). The query below fetches the stated relations; event facts come from the events' roles.")
    r.write("network.html", "network.html", "Network", tables, about=about, facts_query=q.FACTS)


def overview_pages(r: Renderer, data: SiteData, simple: nx.Graph, m: Measures) -> dict[str, int]:
    sizes = {}
    for name in OVERVIEWS:
        g = _graph_kinds(overview(name, data.graph, simple, m.pagerank, lambda x: r_link(r, x, 1)))
        sizes[name] = len(g["nodes"])
        rows = [{"node": n["label"], "kind": n["kind"]} for n in g["nodes"]]
        t = Table("nodes", "Entities drawn", ["node", "kind"], rows, None, g["note"])
        r.write(f"graphs/{name}.html", "graph.html", g["title"], [t], graph=g, facts_query=q.FACTS)
    return sizes
