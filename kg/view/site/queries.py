"""The SPARQL behind every panel of the site, shown on the page so a reader can re-run it.

A panel's query is written once, for one page: `#VALUES#` marks where the page's subject
is bound (`VALUES ?e { kgr:entity\\/1688 }`). The site runs each query once for all pages
at the same time (the same text without the VALUES line) and splits the rows by subject,
so what a page shows is what its own query returns, at the cost of one query per panel.
Queries name terms by prefix only (the query page and `kg query` know the prefixes). Event
queries start from the event classes (`?c rdfs:subClassOf* kg:Event`): Oxigraph then follows
the path once rather than once per event (4x faster on 20k documents).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ...vocab import PREFIXES, SPARQL_PREFIXES

FACT_ROLES = "kg:actor kg:affects kg:participant kg:about kg:market"
RELATIONS = "kg:operatedBy kg:subsidiaryOf kg:partnerOf kg:offeredOn kg:locatedIn kg:affiliatedWith"
_LOCAL_OK = re.compile(r"^[A-Za-z0-9_-]+$")


def prefixed(iri: str) -> str:
    """`kgr:entity\\/1688` for a minted IRI (the slash escaped as SPARQL allows); `<iri>` otherwise."""
    for name in ("kgr", "kg"):
        base = PREFIXES[name]
        if iri.startswith(base):
            parts = iri[len(base):].split("/")
            if all(_LOCAL_OK.match(p) for p in parts):
                return f"{name}:" + "\\/".join(parts)
    if any(c in iri for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI that can be written in a query: {iri!r}")
    return f"<{iri}>"


@dataclass(frozen=True)
class Panel:
    """One query of a page; `key` is the variable that names the page's subject."""

    name: str
    title: str
    key: str
    text: str

    def for_page(self, iri: str) -> str:
        """The query as the page shows it: the subject bound by VALUES."""
        return self.text.replace("#VALUES#", f"VALUES ?{self.key} {{ {prefixed(iri)} }}").strip() + "\n"

    def for_all(self) -> str:
        return self.text.replace("#VALUES#", "").strip() + "\n"


def rows(store: ox.Store, query: str) -> Iterator[dict[str, Any]]:
    """Solutions as dicts of plain values (IRIs and literals as strings, unbound as None)."""
    result = store.query(SPARQL_PREFIXES + query)
    names = [v.value for v in result.variables]
    for solution in result:
        yield {n: (None if solution[n] is None else solution[n].value) for n in names}


def grouped(store: ox.Store, panel: Panel) -> dict[str, list[dict[str, Any]]]:
    """Rows of the panel's query for every subject at once, split by subject."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows(store, panel.for_all()):
        key = row.get(panel.key)
        if key is not None:
            out.setdefault(key, []).append(row)
    return out


# -- entity pages ------------------------------------------------------------------------
ENTITY_NAMES = Panel("names", "Names and classes", "e", """
SELECT ?e ?kind ?name ?lang WHERE {
  #VALUES#
  { ?e rdfs:label ?name . BIND("label" AS ?kind) }
  UNION { ?e skos:altLabel ?name . BIND("alias" AS ?kind) }
  UNION { VALUES ?c { kg:Organization kg:Company kg:Platform kg:GovernmentBody kg:Person kg:Policy kg:Service kg:Place }
          ?e a ?c . BIND("class" AS ?kind) BIND(STRAFTER(STR(?c), "#") AS ?name) }
  BIND(LANG(?name) AS ?lang)
}
ORDER BY ?kind ?name""")

ENTITY_RELATIONS = Panel("relations", "Relations (operator, owners, subsidiaries, partners, people, places)", "e", f"""
SELECT ?e ?relation ?direction ?other ?doc WHERE {{
  #VALUES#
  VALUES ?p {{ {RELATIONS} }}
  {{ GRAPH ?doc {{ ?e ?p ?other }} BIND("out" AS ?direction) }}
  UNION {{ GRAPH ?doc {{ ?other ?p ?e }} BIND("in" AS ?direction) }}
  FILTER(STRSTARTS(STR(?doc), STR(kgr:)) && CONTAINS(STR(?doc), "/doc/"))
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
}}
ORDER BY ?relation ?direction ?other ?doc""")

ENTITY_ROLES = Panel("roles", "People's roles", "e", """
SELECT ?e ?person ?role WHERE {
  #VALUES#
  ?person kg:affiliatedWith ?e ; kg:role ?role .
}
ORDER BY ?person ?role""")

ENTITY_EVENTS = Panel("events", "Events", "e", f"""
SELECT ?e ?event ?class ?role ?date WHERE {{
  #VALUES#
  VALUES ?r {{ {FACT_ROLES} }}
  ?c rdfs:subClassOf* kg:Event . FILTER(?c != kg:Event)
  ?event a ?c ; ?r ?e .
  OPTIONAL {{ ?event kg:date ?date }}
  BIND(STRAFTER(STR(?r), "#") AS ?role)
  BIND(STRAFTER(STR(?c), "#") AS ?class)
}}
ORDER BY ?date ?event ?role""")

ENTITY_FIGURES = Panel("figures", "Figures reported for it", "e", """
SELECT ?e ?event ?date ?measure ?value ?unit ?period ?text WHERE {
  #VALUES#
  ?event kg:actor ?e ; kg:figure ?q .
  ?q kg:value ?value ; kg:unit ?unit .
  OPTIONAL { ?q kg:measure ?measure }
  OPTIONAL { ?q kg:period ?period }
  OPTIONAL { ?q rdfs:label ?text }
  OPTIONAL { ?event kg:date ?date }
}
ORDER BY ?date ?event ?measure""")

ENTITY_EVIDENCE = Panel("evidence", "Evidence for its events", "e", f"""
SELECT ?e ?event ?doc ?sentence WHERE {{
  #VALUES#
  VALUES ?r {{ {FACT_ROLES} }}
  ?event ?r ?e ; kg:evidenceSpan ?span .
  ?span kg:source ?doc ; kg:evidence ?sentence .
}}
ORDER BY ?event ?doc""")

ENTITY_PANELS = (ENTITY_NAMES, ENTITY_RELATIONS, ENTITY_ROLES, ENTITY_EVENTS, ENTITY_FIGURES, ENTITY_EVIDENCE)

# -- event pages -------------------------------------------------------------------------
EVENT_FACTS = Panel("event", "The event", "event", """
SELECT ?event ?class ?date ?effective ?confidence WHERE {
  #VALUES#
  ?c rdfs:subClassOf* kg:Event . FILTER(?c != kg:Event)
  ?event a ?c .
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:effectiveDate ?effective }
  OPTIONAL { ?event kg:confidence ?confidence }
  BIND(STRAFTER(STR(?c), "#") AS ?class)
}""")

EVENT_ROLES = Panel("roles", "Who and what", "event", f"""
SELECT ?event ?role ?who WHERE {{
  #VALUES#
  VALUES ?r {{ {FACT_ROLES} }}
  ?c rdfs:subClassOf* kg:Event . FILTER(?c != kg:Event)
  ?event a ?c ; ?r ?who .
  BIND(STRAFTER(STR(?r), "#") AS ?role)
}}
ORDER BY ?role ?who""")

EVENT_FIGURES = Panel("figures", "Figures", "event", """
SELECT ?event ?measure ?value ?unit ?period ?start ?end ?text WHERE {
  #VALUES#
  ?event kg:figure ?q .
  ?q kg:value ?value ; kg:unit ?unit .
  OPTIONAL { ?q kg:measure ?measure }
  OPTIONAL { ?q kg:period ?period }
  OPTIONAL { ?q kg:periodStart ?start }
  OPTIONAL { ?q kg:periodEnd ?end }
  OPTIONAL { ?q rdfs:label ?text }
}
ORDER BY ?measure ?value""")

EVENT_SOURCES = Panel("sources", "Sources and sentences", "event", """
SELECT ?event ?doc ?sentence WHERE {
  #VALUES#
  ?c rdfs:subClassOf* kg:Event . FILTER(?c != kg:Event)
  ?event a ?c ; kg:source ?doc .
  OPTIONAL { ?event kg:evidenceSpan ?span . ?span kg:source ?doc ; kg:evidence ?sentence }
}
ORDER BY ?doc ?sentence""")

EVENT_PANELS = (EVENT_FACTS, EVENT_ROLES, EVENT_FIGURES, EVENT_SOURCES)

# -- document pages ----------------------------------------------------------------------
DOC_FACTS = Panel("document", "The document", "doc", """
SELECT ?doc ?headline ?date ?publisher ?author ?lang ?where ?partOf WHERE {
  #VALUES#
  ?doc a kg:Document .
  OPTIONAL { ?doc schema:headline ?headline }
  OPTIONAL { ?doc schema:datePublished ?date }
  OPTIONAL { ?doc schema:publisher ?publisher }
  OPTIONAL { ?doc schema:author ?author }
  OPTIONAL { ?doc schema:inLanguage ?lang }
  OPTIONAL { ?doc dcterms:source ?where }
  OPTIONAL { ?doc schema:isPartOf ?partOf }
}""")

DOC_MENTIONS = Panel("mentions", "Entities it mentions", "doc", """
SELECT ?doc ?entity WHERE {
  #VALUES#
  ?doc schema:mentions ?entity .
}
ORDER BY ?entity""")

DOC_EVENTS = Panel("events", "Events it reports", "doc", """
SELECT ?doc ?event ?class ?date WHERE {
  #VALUES#
  ?c rdfs:subClassOf* kg:Event . FILTER(?c != kg:Event)
  ?event a ?c ; kg:source ?doc .
  OPTIONAL { ?event kg:date ?date }
  BIND(STRAFTER(STR(?c), "#") AS ?class)
}
ORDER BY ?date ?event""")

DOC_PANELS = (DOC_FACTS, DOC_MENTIONS, DOC_EVENTS)

# -- whole-site pages (no subject) -------------------------------------------------------
COUNTS = """SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?c .
  FILTER(STRSTARTS(STR(?c), STR(kg:)))
  FILTER(STRSTARTS(STR(?x), STR(kgr:)))
  BIND(STRAFTER(STR(?c), "#") AS ?class)
}
GROUP BY ?class
ORDER BY DESC(?n) ?class
"""

MOST_CONNECTED = f"""SELECT ?e (COUNT(DISTINCT ?x) AS ?links) WHERE {{
  ?e a ?c . VALUES ?c {{ kg:Organization kg:Company kg:Platform kg:GovernmentBody kg:Person kg:Policy kg:Service kg:Place }}
  {{ VALUES ?p {{ {RELATIONS} }} {{ ?e ?p ?x }} UNION {{ ?x ?p ?e }} }}
  UNION {{ VALUES ?r {{ {FACT_ROLES} }} ?x ?r ?e }}
}}
GROUP BY ?e
ORDER BY DESC(?links) ?e
LIMIT 20
"""

LATEST_EVENTS = """SELECT ?event ?class ?date WHERE {
  ?c rdfs:subClassOf* kg:Event . FILTER(?c != kg:Event)
  ?event a ?c ; kg:date ?date .
  BIND(STRAFTER(STR(?c), "#") AS ?class)
}
ORDER BY DESC(?date) ?event
LIMIT 20
"""

TIMELINE = f"""SELECT ?event ?class ?date ?who WHERE {{
  ?c rdfs:subClassOf* kg:Event . FILTER(?c != kg:Event)
  ?event a ?c ; kg:date ?date .
  OPTIONAL {{ VALUES ?r {{ {FACT_ROLES} }} ?event ?r ?who }}
  BIND(STRAFTER(STR(?c), "#") AS ?class)
}}
ORDER BY ?date ?event
"""

LISTING = f"""SELECT ?e ?documents ?events WHERE {{
  {{ SELECT ?e (COUNT(DISTINCT ?doc) AS ?documents) WHERE {{ ?e a #CLASS# . OPTIONAL {{ ?e kg:source ?doc }} }} GROUP BY ?e }}
  {{ SELECT ?e (COUNT(DISTINCT ?event) AS ?events) WHERE {{
      ?e a #CLASS# . OPTIONAL {{ VALUES ?r {{ {FACT_ROLES} }} ?event ?r ?e }} }} GROUP BY ?e }}
}}
ORDER BY DESC(?events) ?e
"""

FACTS = f"""# The facts between entities that the network is drawn from: stated relations...
SELECT ?source ?relation ?target WHERE {{
  VALUES ?p {{ {RELATIONS} }}
  ?source ?p ?target .
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
}}
# ...and events (the actor to whom it affects or what it is about; partners to each other),
# as in kg.analyse.graph.facts.
"""


def listing_query(cls: str) -> str:
    """The query a listing page shows: its class's entities with their documents and events."""
    return LISTING.replace("#CLASS#", f"kg:{cls}")


def all_listings_query(classes: list[str]) -> str:
    """Every listing's rows in one run (`?class` added): the class-bound query for each class at once."""
    values = " ".join(f"kg:{c}" for c in classes)
    return (LISTING.replace("SELECT ?e ?documents ?events WHERE {", f"SELECT ?class ?e ?documents ?events WHERE {{\n"
                            f"  VALUES ?cls {{ {values} }} ?e a ?cls . BIND(STRAFTER(STR(?cls), \"#\") AS ?class)", 1)
            .replace("#CLASS#", "?c0").replace("?e a ?c0 .", f"VALUES ?c0 {{ {values} }} ?e a ?c0 ."))
