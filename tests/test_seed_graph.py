"""Structural checks on the built seed graph: resolution keeps related companies apart,
every event carries provenance, and entities known in two languages have one IRI."""
from __future__ import annotations

P = """PREFIX kg: <https://w3id.org/ecomkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX schema: <https://schema.org/>
"""


def _ask(store, q: str) -> list:
    return list(store.query(P + q, use_default_graph_as_union=True))


def _iris_named(store, name: str) -> set[str]:
    rows = _ask(store, f'SELECT DISTINCT ?x WHERE {{ ?x rdfs:label|skos:altLabel ?l . FILTER(STR(?l) = "{name}") }}')
    return {r["x"].value for r in rows}


def test_seed_graph_jd_family_stays_apart(seed_store) -> None:
    retail, logistics, group = (_iris_named(seed_store, n) for n in ("JD Retail", "JD Logistics", "JD.com"))
    assert retail and logistics
    assert not retail & logistics
    assert not (retail | logistics) & group


def test_seed_graph_one_iri_per_cross_language_entity(seed_store) -> None:
    rows = _ask(seed_store, """SELECT ?x (COUNT(DISTINCT LANG(?l)) AS ?n) WHERE { ?x rdfs:label ?l }
        GROUP BY ?x HAVING (COUNT(DISTINCT LANG(?l)) = 2)""")
    assert len(rows) >= 10  # many entities carry both a Chinese and an English label on one IRI
    too_many = _ask(seed_store, """SELECT ?x WHERE { ?x rdfs:label ?a, ?b .
        FILTER(LANG(?a) = LANG(?b) && STR(?a) < STR(?b)) }""")
    assert too_many == []


def test_seed_graph_every_event_has_source_evidence_and_confidence(seed_store) -> None:
    bad = _ask(seed_store, """SELECT ?e WHERE { ?e a/rdfs:subClassOf+ kg:Event .
        FILTER NOT EXISTS { ?e kg:source ?d . ?d a kg:Document }
        FILTER NOT EXISTS { ?e kg:evidence ?ev } }""")
    assert bad == []
    total = _ask(seed_store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf+ kg:Event }")
    assert int(total[0]["n"].value) > 50


def test_seed_graph_some_events_merge_reports_from_several_documents(seed_store) -> None:
    rows = _ask(seed_store, """SELECT ?e WHERE { ?e a/rdfs:subClassOf+ kg:Event ; kg:source ?a, ?b .
        FILTER(STR(?a) < STR(?b)) }""")
    assert rows, "no event has two sources: cross-document merging is not happening"


def test_seed_graph_figures_are_decimals_with_units(seed_store) -> None:
    bad = _ask(seed_store, """SELECT ?q WHERE { ?e kg:figure ?q . ?q kg:value ?v ; kg:unit ?u .
        FILTER(DATATYPE(?v) != <http://www.w3.org/2001/XMLSchema#decimal> || STR(?u) = "") }""")
    assert bad == []
