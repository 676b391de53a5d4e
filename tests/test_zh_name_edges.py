"""Chinese name edges seen in real news: a suffix whose last character begins the next word, a
descriptor inside another descriptor's name, a connective before a clause's subject."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document, Extraction


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(ner="off")


def extract(pipeline: Pipeline, text: str) -> Extraction:
    return pipeline(Document(key="d", source_path="d", position="", text=text, lang="zh", headline=None))


def test_a_suffix_whose_last_character_begins_the_next_word_ends_no_name(pipeline: Pipeline) -> None:
    names = {m.text for m in extract(pipeline, "由青禾高科联合社会资本组建的专项基金进行投资。").mentions}
    assert not any(n.endswith("联合社") for n in names), names


def test_a_descriptor_inside_a_descriptor_name_introduces_the_name(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "跨境电商SaaS龙头星禾优选再次向港交所递交上市申请。")
    assert "星禾优选" in {m.text for m in ex.mentions}
    assert not any("龙头" in m.text for m in ex.mentions)


@pytest.mark.parametrize("opening", ["这是", "事实上，", "而"])
def test_a_connective_before_the_subject_is_no_part_of_it(pipeline: Pipeline, opening: str) -> None:
    ex = extract(pipeline, f"{opening}星禾优选首次获得来自国企的投资，资金将用于供应链建设。")
    parties = {m.text for e in ex.events for m in (*e.actors, *e.affects)}
    assert parties == {"星禾优选"}, parties


def test_an_industry_word_before_qiye_ends_no_name(pipeline: Pipeline) -> None:
    """国资控股企业: 控股 before 企业 describes the firm; no name 国资控股."""
    names = {m.text for m in extract(pipeline, "作为浙江省首家上市的国资控股企业，青岚光电成为典型案例。").mentions}
    assert not any(n.endswith("控股") for n in names), names


def test_a_supplier_role_before_a_name_is_no_part_of_it(pipeline: Pipeline) -> None:
    """中国某某的供货商青岚科技: 供货商 introduces the name."""
    names = {m.text for m in extract(pipeline, "历时半年，北辰重工的供货商青岚科技完成了上市辅导。").mentions}
    assert "青岚科技" in names and not any("供货商" in n for n in names), names


def test_a_capital_inside_a_lower_case_word_opens_no_name(pipeline: Pipeline) -> None:
    """"iPhone SE": Phone is inside a word, so no company "Phone SE" from the legal form SE."""
    names = {m.text for m in extract(pipeline, "停产的机型分别是iPhone 6S和iPhone SE，新机型将于秋季发布。").mentions}
    assert not any("Phone" in n for n in names), names


def test_a_demonstrative_opens_no_subject(pipeline: Pipeline) -> None:
    """这些机型最老的是2014年发布的: 这些 opens a description, no organisation."""
    names = {m.text for m in extract(pipeline, "停产的机型有三款，这些机型最老的是2014年发布的。").mentions}
    assert not any(n.startswith("这些") for n in names), names


def test_the_short_form_of_a_market_regulator_is_a_government_body(pipeline: Pipeline) -> None:
    names = {m.text: m.type for m in extract(pipeline, "丽水市监局执法人员接到投诉后立案调查。").mentions}
    assert names.get("丽水市监局") == "GovernmentBody", names


def test_a_time_since_a_law_took_effect_is_no_policy_change(pipeline: Pipeline) -> None:
    """这是《某法》正式实施以来的首例案件: background, no event."""
    ex = extract(pipeline, "这也是《电子商务法》正式实施以来，我市查处的首例违法案件。")
    assert not any(e.type == "PolicyChange" for e in ex.events)


def test_a_court_under_its_short_name_is_a_government_body(pipeline: Pipeline) -> None:
    """泉州中院, 浙江高院: a court acts in a bankruptcy, it never goes bankrupt."""
    ex = extract(pipeline, "2019年8月23日，丽水中院驳回管理人申请，宣告青岚鞋业破产清算。")
    assert {m.text: m.type for m in ex.mentions}.get("丽水中院") == "GovernmentBody"
    assert not any("丽水中院" in {a.text for a in e.actors} for e in ex.events if e.type == "Bankruptcy")
