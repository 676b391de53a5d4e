"""Events on news nobody here wrote: new classes, headline-only items, clause subjects, and the
seed errors (a visit read as an enforcement, a party that accepts a penalty read as its actor,
a service name cut inside a word, one service split into several entities)."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document, Extraction


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The rules alone (no statistical tagger), so that these tests check event roles, not name spans."""
    return Pipeline(ner="off")


def extract(pipeline: Pipeline, text: str, lang: str = "zh", headline: str | None = None) -> Extraction:
    return pipeline(Document(key="d", source_path="d", position="", text=text, lang=lang, headline=headline))


def events_of(ex: Extraction, typ: str) -> list:
    return [e for e in ex.events if e.type == typ]


CLASS_CASES = [
    ("zh-layoff", "3月18日，社区团购平台星禾优选宣布裁员约15%。", "zh", "Layoff", "星禾优选"),
    ("en-layoff", "Threadloop Inc. said on Monday it will lay off 600 employees.", "en", "Layoff", "Threadloop Inc."),
    ("zh-recall", "北京现代汽车有限公司决定召回部分进口车型。", "zh", "Recall", "北京现代汽车有限公司"),
    ("en-recall", "Brightway Motors will recall about 48,000 vehicles because of a brake defect.", "en", "Recall",
     "Brightway Motors"),
    ("zh-tender", "杭州顺捷供应链管理有限公司中标某市政务云采购项目。", "zh", "ContractAward", "杭州顺捷供应链管理有限公司"),
    ("en-tender", "Northline Logistics Ltd won a $12 million contract to run the warehouses.", "en", "ContractAward",
     "Northline Logistics Ltd"),
    ("zh-bankruptcy", "深圳市云帆电子商务有限公司向法院申请破产清算。", "zh", "Bankruptcy", "深圳市云帆电子商务有限公司"),
    ("en-bankruptcy", "Solvane Foods Inc. filed for bankruptcy on June 10.", "en", "Bankruptcy", "Solvane Foods Inc."),
    ("zh-price", "星禾优选宣布自4月1日起将商家佣金费率下调至3%。", "zh", "PriceChange", "星禾优选"),
    ("en-price", "Vendora Inc. will raise its seller fees by 2% from July 1.", "en", "PriceChange", "Vendora Inc."),
]


@pytest.mark.parametrize("text,lang,typ,actor", [c[1:] for c in CLASS_CASES], ids=[c[0] for c in CLASS_CASES])
def test_events_news_new_classes_with_their_actor(pipeline, text, lang, typ, actor) -> None:
    found = events_of(extract(pipeline, text, lang), typ)
    assert found, [e.type for e in extract(pipeline, text, lang).events]
    assert actor in {a.text for a in found[0].actors}


def test_events_news_personnel_change_has_person_organisation_and_position(pipeline) -> None:
    ex = extract(pipeline, "社区团购平台星禾优选发布公告称，联合创始人陈立新辞去首席执行官职务，由首席运营官赵敏接任。")
    e = events_of(ex, "PersonnelChange")[0]
    assert {a.text for a in e.actors} == {"星禾优选"}
    assert {m.text for m in e.affects} == {"陈立新", "赵敏"}
    assert e.role == "首席执行官"


def test_events_news_personnel_headline_org_title_person(pipeline) -> None:
    e = events_of(extract(pipeline, "云帆科技财务负责人李明辉辞职 不持有公司股份"), "PersonnelChange")[0]
    assert [a.text for a in e.actors] == ["云帆科技"]
    assert [m.text for m in e.affects] == ["李明辉"]
    assert e.role == "财务负责人"


def test_events_news_headline_only_document_yields_its_events(pipeline) -> None:
    ex = extract(pipeline, "", headline="星禾优选宣布裁员15%")
    assert [e.type for e in ex.events] == ["Layoff"]
    assert ex.document.text == "星禾优选宣布裁员15%"


def test_events_news_clause_subject_is_the_party(pipeline) -> None:
    ex = extract(pipeline, "9月19日，云帆将在德国慕尼黑正式发布新旗舰手机。")
    e = events_of(ex, "Launch")[0]
    assert [a.text for a in e.actors] == ["云帆"]


def test_events_news_cited_outlet_is_no_party(pipeline) -> None:
    ex = extract(pipeline, "据新华社报道，星禾优选宣布裁员约15%。")
    e = events_of(ex, "Layoff")[0]
    assert [a.text for a in e.actors] == ["星禾优选"]


@pytest.mark.parametrize("text,lang", [
    ("海王生物公告称，控股股东将其持有的公司股份办理了质押融资。", "zh"),
    ("世茂股份晚间公告，公司回购股份用于员工持股计划，回购资金来源为自有资金投资。", "zh"),
], ids=["pledge", "buyback"])
def test_events_news_share_notices_are_not_investments(pipeline, text, lang) -> None:
    assert not events_of(extract(pipeline, text, lang), "Investment")


# --- the seed errors --------------------------------------------------------------------

SEED_VISIT = ("The investigation team of the Guangdong Provincial Department of Commerce went to Shenzhen to understand "
              "the impact of cross-border e-commerce companies on Amazon’s “store closure” and to study and formulate "
              "relevant solutions.")


def test_events_news_seed_visit_is_not_an_enforcement(pipeline) -> None:
    assert not events_of(extract(pipeline, SEED_VISIT, "en"), "Enforcement")


def test_events_news_investigation_is_not_an_enforcement(pipeline) -> None:
    ex = extract(pipeline, "国家市场监督管理总局对星禾优选涉嫌垄断行为立案调查。")
    assert not events_of(ex, "Enforcement")


@pytest.mark.parametrize("text,lang,regulator,party", [
    ("3月5日，杭州市市场监督管理局对淘宝处以50万元罚款。淘宝表示接受处罚，并将全面整改。", "zh", "杭州市市场监督管理局", "淘宝"),
    ("The Federal Trade Commission fined Shopwell $2 million on Monday. Shopwell said it accepted the penalty.", "en",
     "Federal Trade Commission", "Shopwell"),
], ids=["zh", "en"])
def test_events_news_party_that_accepts_a_penalty_is_not_the_actor_of_another(pipeline, text, lang, regulator,
                                                                              party) -> None:
    found = events_of(extract(pipeline, text, lang), "Enforcement")
    assert len(found) == 1
    assert [a.text for a in found[0].actors] == [regulator]
    assert party in {m.text for m in found[0].affects}


def test_events_news_response_alone_names_the_punished_party(pipeline) -> None:
    found = events_of(extract(pipeline, "淘宝表示接受处罚，并将全面整改。"), "Enforcement")
    assert all("淘宝" not in {a.text for a in e.actors} for e in found)


def test_events_news_seed_service_name_not_cut_inside_a_word(pipeline) -> None:
    text = "3月21日消息,1688平台日前发布关于店小蜜1688版服务提前到期的通知。"
    ex = extract(pipeline, text)
    services = {m.text for m in ex.mentions if m.type == "Service"}
    assert "店小蜜1688版" in services
    assert not any(s.startswith(("布", "关于")) for s in services), services


def test_events_news_seed_service_is_one_entity(seed_store) -> None:
    q = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT DISTINCT ?x WHERE { ?x rdfs:label|skos:altLabel ?l . FILTER(CONTAINS(STR(?l), "店小蜜")) }"""
    found = list(seed_store.query(q, use_default_graph_as_union=True))
    assert len(found) == 1, [str(r["x"]) for r in found]


def test_events_news_headline_subject_names_the_body_party(pipeline) -> None:
    ex = extract(pipeline, "挖贝网 8月13日，云帆精工（839476）近日发布2020年半年度报告，公司上半年亏损79.18万元。",
                 headline="云帆精工2020年上半年亏损79.18万 亏损增加")
    assert any(m.text == "云帆精工" for m in ex.mentions)
    results = events_of(ex, "FinancialResult")
    assert results and "云帆精工" in {a.text for e in results for a in e.actors}


def test_events_news_subject_ends_at_a_date(pipeline) -> None:
    e = events_of(extract(pipeline, "云帆精工2019年亏损51.97亿元。"), "FinancialResult")[0]
    assert [a.text for a in e.actors] == ["云帆精工"]
    assert [(f.measure, f.period) for f in e.figures] == [("net_loss", "2019年")]


def test_events_news_agent_after_you_is_the_actor(pipeline) -> None:
    e = events_of(extract(pipeline, "八月，第一部5G手机由云帆发布。"), "Launch")[0]
    assert [a.text for a in e.actors] == ["云帆"]


def test_events_news_investee_is_the_subject_of_the_round(pipeline) -> None:
    ex = extract(pipeline, "在线教育品牌云帆课堂今日正式确认红杉中国领投其E轮融资。")
    e = events_of(ex, "Investment")[0]
    assert "云帆课堂" in {m.text for m in e.affects}


def test_events_news_seed_graph_has_no_enforcement_of_the_visiting_department_against_amazon(seed_store) -> None:
    """The seed's visit to Shenzhen and "a person close to Amazon said that the stores that were banned…"
    made the Guangdong department punish Amazon; Amazon banned the stores, the department only visited."""
    q = """PREFIX kg: <https://w3id.org/ecomkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?e WHERE { ?e a kg:Enforcement ; kg:actor/rdfs:label ?a ; kg:affects/rdfs:label ?b .
      FILTER(CONTAINS(STR(?a), "Guangdong") && (STR(?b) = "Amazon" || STR(?b) = "亚马逊")) }"""
    assert not list(seed_store.query(q, use_default_graph_as_union=True))
    banned = """PREFIX kg: <https://w3id.org/ecomkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?e WHERE { ?e a kg:Enforcement ; kg:trigger "banned" ; kg:actor/rdfs:label ?l . FILTER(STR(?l) = "Amazon") }"""
    assert list(seed_store.query(banned, use_default_graph_as_union=True))


@pytest.mark.parametrize("headline,org,person,role", [
    ("Shein appoints Donald Tang as executive chairman", "Shein", "Donald Tang", "chairman"),
    ("Walmart CEO Doug McMillon to retire next year", "Walmart", "Doug McMillon", "CEO"),
], ids=["appointed", "title-before-name"])
def test_events_news_english_personnel_change(pipeline, headline, org, person, role) -> None:
    e = events_of(extract(pipeline, "", "en", headline=headline), "PersonnelChange")[0]
    assert [a.text for a in e.actors] == [org]
    assert [m.text for m in e.affects] == [person]
    assert e.role == role


def test_events_news_roles_hold_with_the_tagger() -> None:
    """The default pipeline (with the tagger) keeps the roles: the company lays off, the outlet is no party."""
    ex = extract(Pipeline(), "据新华社报道，星禾优选宣布裁员约15%。")
    e = events_of(ex, "Layoff")[0]
    assert [a.text for a in e.actors] and all(a.text.startswith("星禾") for a in e.actors)


# --- a tagger's name cut short yields to the clause rule's longer name ------------------------

def _zh_hits(text: str) -> tuple[list[tuple[int, int]], list]:
    from kg.extract.events.triggers import TriggerMatcher
    from kg.text import sentences

    spans = sentences(text)
    return spans, TriggerMatcher().find(text, "zh", spans)


def test_tagger_span_cut_before_a_brand_head_takes_the_rule_name() -> None:
    from kg.extract.events.span_repair import repair_tagger_spans
    from kg.model import Mention

    text = "星禾优选宣布自4月1日起将商家佣金费率下调至3%。"
    spans, hits = _zh_hits(text)
    short = Mention("星禾", 0, 2, "Company", extractor="ner:zh", confidence=0.6)
    out = repair_tagger_spans(text, [short], spans, hits)
    assert [(m.text, m.start, m.end, m.type, m.extractor) for m in out] == [("星禾优选", 0, 4, "Company", "ner:zh")]


def test_rule_names_and_tagger_people_are_never_extended() -> None:
    from kg.extract.events.span_repair import repair_tagger_spans
    from kg.model import Mention

    text = "星禾优选宣布自4月1日起将商家佣金费率下调至3%。"
    spans, hits = _zh_hits(text)
    for m in (Mention("星禾", 0, 2, "Company", extractor="names:zh-suffix"),
              Mention("星禾", 0, 2, "Person", extractor="ner:zh")):
        assert repair_tagger_spans(text, [m], spans, hits) == [m]


@pytest.mark.parametrize(("short", "longer", "extends"), [
    ("青穗", "青穗资本", True),  # a name suffix
    ("蓝杉", "蓝杉严选", True),  # a brand head
    ("云栖通", "云栖通商家", False),  # a generic head: the merchants of a service, not a name
    ("蓝杉", "蓝杉实现", False),  # the run went on into a verb
    ("北辰证券", "北辰证券公司", False),  # a span that ends with a head is a whole name
    ("云栖", "云栖新设的子公司", False),  # a phrase added, not the rest of a name
])
def test_extension_must_end_with_an_organisation_head(short: str, longer: str, extends: bool) -> None:
    from kg.extract.events.span_repair import extends_with_head

    assert extends_with_head(short, longer) is extends


def test_with_the_tagger_the_event_party_is_the_whole_brand_name() -> None:
    ex = extract(Pipeline(ner="on"), "星禾优选宣布自4月1日起将商家佣金费率下调至3%。")
    assert "星禾" not in {m.text for m in ex.mentions}
    assert [a.text for a in events_of(ex, "PriceChange")[0].actors] == ["星禾优选"]


def test_a_department_is_no_departure(pipeline: Pipeline) -> None:
    """`depart*` read 'department' as a departure: a person's post made a personnel change."""
    quoted = ("The line will open a year early, said Liang Wenhao, head of the transport department at "
              "the Provincial Planning Office, in an interview on Tuesday.")
    assert events_of(extract(pipeline, quoted, "en"), "PersonnelChange") == []
    left = "Northwind Retail said its chief executive Dana Pryce will depart at the end of March."
    assert len(events_of(extract(pipeline, left, "en"), "PersonnelChange")) == 1
