"""Every canned research question on the seed build returns the rows the seed text supports.

Rows are checked by containment (each expected row appears among the answers), so that
better extraction elsewhere in the graph does not break these checks.
"""
from __future__ import annotations

import pytest

from kg.query import Engine, load_canned

K = "https://w3id.org/ecomkg/ontology#"

# (canned query, params, expected rows as column -> value; [] means "no rows")
SEED_CASES = [
    ("platforms", {}, [{"name": "1688.com", "operator": "Alibaba Group"}]),
    ("ownership", {}, [{"child": "Douyin E-commerce", "relation": K + "operatedBy", "parent": "ByteDance"}]),
    ("people_organisations", {"org_name": "Shenzhen Cross-Border E-Commerce Association"},
     [{"name": "Wang Xin", "role": "president"}]),
    ("partnerships", {"org_name": "国药国际"}, [{"partner_a": "JD Retail", "partner_b": "Sinopharm International"}]),
    ("launches_discontinuations", {"org_name": "阿里巴巴中国站"}, [{"service": "企业官微", "effective": "2021-02-24"}]),
    ("policy_timeline", {"org_name": "快手电商"}, [{"actor": "Kuaishou E-commerce", "effective": "2022-03-08"}]),
    ("rules_effective_between", {"start": "2022-05-01", "end": "2022-05-01"}, [{"effective": "2022-05-01"}]),
    ("events_in_period", {"start": "2021-08-13", "end": "2021-08-13"}, [{"date": "2021-08-13"}]),
    ("enforcements", {"org_name": "亚马逊"}, [{"actor": "Amazon", "target": "Patosun"}]),
    ("figures_by_organisation", {"org_name": "京东物流"}, [{"value": "25750000000", "unit": "CNY"}]),
    ("organisation_events", {"org_name": "Amazon"}, [{"type": K + "Enforcement", "role": "actor"}]),
    ("services_operators", {"org_name": "InPost"}, [{"name": "InPost Mobile", "operator": "InPost"}]),
    ("documents_by_publisher", {}, [{"publisher": "E-commerce News", "documents": "9", "first": "2022-03-01"}]),
    ("events_by_type", {}, [{"type": K + "Enforcement"}, {"type": K + "PolicyChange"}, {"type": K + "Partnership"}]),
    ("entity_names", {"type": "kg:GovernmentBody"}, [{"entity": "https://w3id.org/ecomkg/id/entity/mofcom"}]),
    ("multi_source_events", {}, [{"type": K + "Enforcement", "sources": "2"}]),
    ("provenance", {"entity": "kgr:entity/amazon"}, [{"property": "http://www.w3.org/2000/01/rdf-schema#label",
                                                    "value": "Amazon"}]),
    ("deals", {}, []),  # the seed text reports no acquisition or investment
]


@pytest.fixture(scope="module")
def seed_engine(seed_build):
    with Engine(("store", (str(seed_build.out / "store"),)), timeout=30) as eng:
        yield eng


def _contains(records: list[dict], want: dict) -> bool:
    return any(all(r.get(k) == v for k, v in want.items()) for r in records)


@pytest.mark.parametrize("name,params,expected", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_query_seeds_canned_rows(seed_engine: Engine, name: str, params: dict, expected: list[dict]) -> None:
    records = seed_engine.run(name, params).records()
    if not expected:
        assert records == []
    for want in expected:
        assert _contains(records, want), f"{name}: no row {want} among {records[:5]}"


def test_query_seeds_evidence_of_a_multi_source_event(seed_engine: Engine) -> None:
    event = next(r["event"] for r in seed_engine.run("multi_source_events", {}).records() if r["sources"] == "2")
    rows = seed_engine.run("evidence", {"event": event}).records()
    assert len({r["doc"] for r in rows}) == 2


def test_query_seeds_partnership_graph_is_symmetric(seed_engine: Engine) -> None:
    triples = seed_engine.run("partnership_graph").triples
    links = {(t.subject.value, t.object.value) for t in triples if t.predicate.value == K + "partnerOf"}
    assert links and all((b, a) in links for a, b in links)


def test_query_seeds_cover_every_canned_query() -> None:
    covered = {c[0] for c in SEED_CASES} | {"evidence", "partnership_graph"}
    assert covered == set(load_canned())
