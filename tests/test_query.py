"""Canned queries: each runs on the fixture graph and returns its expected rows.

Extend CASES with (query name, params, columns, expected rows) — e.g. seed-graph
expectations once the seed build is stable. Rows are compared in the query's own order.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import Engine, get_canned, load_canned
from tests.query_fixtures import KGR, make_store

E = KGR + "entity/"
V = KGR + "event/"
K = "https://w3id.org/ecomkg/ontology#"

CASES = [
    ("policy_timeline", {}, ("actor", "effective", "sources"),
     [("Amazon", "2022-04-27", "2"), ("Douyin E-commerce", "2022-05-01", "1")]),
    ("policy_timeline", {"org_name": "亚马逊"}, ("event", "policy"), [(V + "pc1", "buyer cancellation-request process")]),
    ("rules_effective_between", {"start": "2022-04-01", "end": "2022-05-31"}, ("effective", "actor"),
     [("2022-04-27", "Amazon"), ("2022-05-01", "Douyin E-commerce")]),
    ("rules_effective_between", {"start": "2022-06-01"}, ("event",), [(V + "d1",)]),
    ("enforcements", {}, ("actor", "target", "date"), [("Douyin E-commerce", "中通冷链", "2022-03-10")]),
    ("enforcements", {"org_name": "amazon"}, ("event",), []),
    ("partnerships", {"org_name": "国药国际"}, ("partner_a", "partner_b", "date"),
     [("JD Retail", "Sinopharm International", "2022-03-01")]),
    ("deals", {}, ("buyer", "target", "value", "unit"),
     [("JD Retail", "Kuayue Express", "3000000000", "CNY"), ("Tencent", "有赞", "50000000", "USD")]),
    ("figures_by_organisation", {"org_name": "京东零售"}, ("event", "value", "text"),
     [(V + "acq1", "3000000000", "3 billion yuan"), (V + "f1", "700000000000", "7000亿元")]),
    ("multi_source_events", {}, ("event", "sources"), [(V + "pc1", "2")]),
    ("multi_source_events", {"min_sources": "3"}, ("event",), []),
    ("entity_names", {"type": "kg:Platform"}, ("entity", "names"), [(E + "amazon", "3"), (E + "douyin", "3")]),
    ("people_organisations", {}, ("name", "organisation", "role"),
     [("刘峰", "JD Retail", "副总裁"), ("Wang Wentao", "Ministry of Commerce", "Minister")]),
    ("services_operators", {"org_name": "ByteDance"}, ("name", "platform", "operator"),
     [("pay-later benefit", "Douyin E-commerce", "ByteDance")]),
    ("documents_by_publisher", {}, ("publisher", "documents", "first", "last"),
     [("E-commerce News", "2", "2022-03-01", "2022-03-10"), ("Cross-Border Daily", "1", "2022-04-21", "2022-04-21")]),
    ("evidence", {"event": "kgr:event/pc1"}, ("doc", "confidence"), [(KGR + "doc/b", "0.85"), (KGR + "doc/c", "0.85")]),
    ("provenance", {"entity": f"<{E}mofcom>"}, ("doc", "property", "value"), [
        (KGR + "doc/c", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", K + "GovernmentBody"),
        (KGR + "doc/c", "http://www.w3.org/2000/01/rdf-schema#label", "Ministry of Commerce"),
        (KGR + "doc/c", "http://www.w3.org/2000/01/rdf-schema#label", "商务部"),
        (KGR + "doc/c", K + "source", KGR + "doc/c")]),
    ("events_by_type", {}, ("type", "events"), [(K + "PolicyChange", "2")] + [
        (K + t, "1") for t in ("Acquisition", "Discontinuation", "Enforcement", "FinancialResult", "Investment",
                               "Launch", "Partnership")]),
    ("organisation_events", {"org_name": "Kuayue Express"}, ("event", "role"), [(V + "acq1", "affected")]),
    ("platforms", {}, ("name", "operator", "events"), [("Douyin E-commerce", "ByteDance", "3"), ("Amazon", None, "2")]),
    ("launches_discontinuations", {"org_name": "Douyin E-commerce"}, ("service", "effective"),
     [("pay-later benefit", "2022-06-30")]),
    ("events_in_period", {"start": "2022-04-18", "end": "2022-04-20"}, ("event", "actor"),
     [(V + "inv1", "Tencent"), (V + "pc1", "Amazon")]),
    ("ownership", {}, ("child", "relation", "parent"),
     [("Douyin E-commerce", K + "operatedBy", "ByteDance"), ("Kuayue Express", K + "subsidiaryOf", "JD Retail")]),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    store = make_store(tmp_path_factory.mktemp("query") / "store")
    with Engine(("store", (str(store),)), timeout=20) as eng:
        yield eng


def _case_id(case: tuple) -> str:
    name, params = case[0], case[1]
    return name + ("-" + "-".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.mark.parametrize("name,params,columns,expected", CASES, ids=[_case_id(c) for c in CASES])
def test_query_canned_rows(engine: Engine, name: str, params: dict, columns: tuple, expected: list) -> None:
    rows = [tuple(r[c] for c in columns) for r in engine.run(name, params).records()]
    assert rows == expected


def test_query_canned_cover_every_file() -> None:
    tested = {c[0] for c in CASES} | {"partnership_graph"}
    assert set(load_canned()) == tested
    assert len(load_canned()) >= 15


@pytest.mark.parametrize("name", sorted(load_canned()), ids=sorted(load_canned()))
def test_query_canned_header_is_complete(name: str) -> None:
    q = get_canned(name)
    assert q.title and q.description and q.view in ("table", "graph", "timeline")


def test_query_construct_partnership_graph(engine: Engine) -> None:
    result = engine.run("partnership_graph")
    partner_links = {(t.subject.value, t.object.value) for t in result.triples if t.predicate.value == K + "partnerOf"}
    assert partner_links == {(E + "jd-retail", E + "sinopharm"), (E + "sinopharm", E + "jd-retail")}
    assert b"kg:partnerOf" in result.serialize("ttl")


@pytest.mark.parametrize("params,message", [
    ({"nope": "1"}, "unknown parameter"),
    ({"start": "March 1"}, "not a valid date"),
], ids=["unknown-name", "bad-date"])
def test_query_bad_params_are_refused(engine: Engine, params: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        engine.run("rules_effective_between", params)


def test_query_required_param_missing(engine: Engine) -> None:
    with pytest.raises(QueryError, match="missing required parameter"):
        engine.run("organisation_events")


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', "Amazon') || true || ('"], ids=["quote-brace", "paren-or"])
def test_query_param_values_cannot_inject(engine: Engine, value: str) -> None:
    assert engine.run("enforcements", {"org_name": value}).records() == []


def test_query_unknown_canned_name_lists_known(engine: Engine) -> None:
    with pytest.raises(QueryError, match=r"known: .*deals"):
        engine.run("no_such_question")


def test_query_missing_store_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError):
        Engine(("store", (str(tmp_path / "none"),)), timeout=10).run("SELECT * { ?s ?p ?o }")


def test_turtle_answers_write_minted_iris_with_a_prefix_per_kind() -> None:
    """`kgr:entity\\/amazon` is valid Turtle but unreadable; each minted kind has its prefix."""
    import pyoxigraph as ox

    from kg.query.results import Result

    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    triples = [ox.Triple(ox.NamedNode(f"https://w3id.org/ecomkg/id/{kind}/x1"), label, ox.Literal(kind))
               for kind in ("entity", "event", "doc")]
    text = Result(kind="graph", triples=triples).serialize("ttl").decode()
    assert "\\/" not in text
    for kind in ("entity", "event", "doc"):
        assert f"{kind}:x1 rdfs:label" in text
    assert {q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)} == set(triples)
