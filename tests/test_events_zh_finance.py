"""Events in Chinese financial news: kinds of error found on real announcements and reports.

Hired advisers are no parties of a deal; negated or denied plans and descriptions of a board are
no events; a name does not swallow the adverb or verb after it; legal names of funds and
partnerships are kept whole; actors joined by 会同/联合 act together. Sentences written here."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document, Extraction


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The rules alone (no statistical tagger): these tests check rules, not the tagger's spans."""
    return Pipeline(ner="off")


def extract(pipeline: Pipeline, text: str) -> Extraction:
    return pipeline(Document(key="d", source_path="d", position="", text=text, lang="zh"))


def parties(ex: Extraction, typ: str) -> set[str]:
    return {m.text for e in ex.events if e.type == typ for m in (*e.actors, *e.affects, *e.participants)}


def test_hired_advisers_are_no_parties_of_an_acquisition(pipeline) -> None:
    ex = extract(pipeline, "星禾科技有限公司发布公告称，公司已聘请北辰证券有限责任公司作为此次收购的财务顾问。")
    assert parties(ex, "Acquisition") == {"星禾科技有限公司"}
    assert "北辰证券有限责任公司" in {m.text for m in ex.mentions}  # the hire verb is no part of the name


@pytest.mark.parametrize("text,typ,adviser", [
    ("云帆电子股份有限公司的保荐机构为东岳证券股份有限公司，后者本年已完成8单IPO。", "Listing", "东岳证券股份有限公司"),
    ("南湖证券有限公司担任本次收购的独立财务顾问。", "Acquisition", "南湖证券有限公司"),
    ("据悉，此次收购由东岳证券股份有限公司提供财务顾问服务。", "Acquisition", "东岳证券股份有限公司"),
], ids=["sponsor-named-after-role", "adviser-with-its-role", "adviser-before-duty-verb"])
def test_sponsors_and_financial_advisers_are_no_parties(pipeline, text, typ, adviser) -> None:
    ex = extract(pipeline, text)
    assert [e for e in ex.events if e.type == typ]
    assert adviser not in parties(ex, typ)


def test_a_firm_that_invests_and_advises_stays_an_investor(pipeline) -> None:
    ex = extract(pipeline, "云帆电子完成5000万元B轮融资，由远景资本领投，青松资本跟投，青松资本担任独家财务顾问。")
    investors = {m.text for e in ex.events if e.type == "Investment" for m in e.actors}
    assert {"远景资本", "青松资本"} <= investors
