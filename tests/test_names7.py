"""names7 rules: a Chinese name before a predicate adverb, English appointments (X appointed Y as
title), no person from "Z, as chief ..."; see the test names for the others."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document
from tests.test_relations import make, triples


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _run(pipeline: Pipeline, text: str, lang: str):
    return pipeline(Document(key="t", source_path="t", position="", text=text, lang=lang, date_published="2025-06-02"))


def _found(pipeline: Pipeline, text: str, lang: str) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in _run(pipeline, text, lang).mentions}


@pytest.mark.parametrize(("text", "person"), [
    ("青禾物流创始人郑志远将继续担任公司董事长。", "郑志远"),
    ("青禾物流总经理韩立新还表示，明年将扩建仓库。", "韩立新"),
    ("青禾物流总裁李强将出席发布会。", "李强"),
])
def test_zh_name_before_adverb(pipeline: Pipeline, text: str, person: str) -> None:
    assert (person, "Person") in _found(pipeline, text, "zh")


@pytest.mark.parametrize(("text", "person", "org", "role"), [
    ("Parcelnest has appointed Daniel Okafor, formerly a director at Boxwell Ltd, as chief financial officer.",
     "Daniel Okafor", "Parcelnest", "chief financial officer"),
    ("Parcelnest named Sara Lindqvist as COO on Monday.", "Sara Lindqvist", "Parcelnest", "COO"),
    ("Parcelnest hired Tom Becker as head of logistics.", "Tom Becker", "Parcelnest", "head"),
])
def test_en_appointment(text: str, person: str, org: str, role: str) -> None:
    got = triples(make(text, "en", {org: "Company", person: "Person"}))
    assert (person, "affiliatedWith", org) in got
    assert (person, "role", role) in got


def test_en_as_title_names_no_person(pipeline: Pipeline) -> None:
    text = "Parcelnest has appointed Daniel Okafor, formerly at Boxwell Retail, as chief operating officer."
    found = _found(pipeline, text, "en")
    assert ("Boxwell Retail", "Person") not in found
    assert ("Daniel Okafor", "Person") in found


@pytest.mark.parametrize(("byline", "expected"), [
    ("By Laura Bennett", "Laura Bennett"),
    ("3 March 2024", None),
    ("第二部分", None),
    ("主要内容", None),
    ("客服", None),
    ("周明轩", "周明轩"),
    ("Laura Bennett", "Laura Bennett"),
])
def test_byline_name(byline: str, expected: str | None) -> None:
    from kg.resolve.entities import byline_name

    assert byline_name(byline) == expected


@pytest.mark.parametrize(("long", "short"), [
    ("浙江省市场监督管理局", "浙江省市场监管局"),
    ("宁波市市场监督管理局", "宁波市市场监管局"),
])
def test_contracted_bureau_names_meet(long: str, short: str) -> None:
    from kg.resolve.keys import org_key

    assert org_key(long) == org_key(short)


@pytest.fixture(scope="module")
def names():
    from kg.extract.mentions.names import NamesExtractor

    return NamesExtractor()


@pytest.mark.parametrize(("text", "name"), [
    ("The Australian Competition and Consumer Commission said on Monday it would sue Parcelnest.",
     "Australian Competition and Consumer Commission"),
    ("The Kenyan Competition and Consumer Commission opened an inquiry.", "Kenyan Competition and Consumer Commission"),
])
def test_government_name_with_and(names, text: str, name: str) -> None:
    from tests.names_helpers import found_types

    assert found_types(names, text).get(name) == "GovernmentBody"


@pytest.mark.parametrize("text", [
    "Parcelnest agreed to acquire Lisbon-based courier Boxwell Ltd for $20 million.",
    "Parcelnest agreed to buy Austin-headquartered Boxwell Ltd.",
])
def test_place_adjective_is_no_name(names, text: str) -> None:
    from tests.names_helpers import found_types

    found = found_types(names, text)
    assert not [n for n in found if n.endswith(("-based", "-headquartered"))]
    assert any(n.startswith("Boxwell Ltd") for n in found)


@pytest.mark.parametrize(("text", "name", "platform"), [
    ("Basketly Inc., a Boston-based grocery delivery app, will pay a fine.", "Basketly Inc.", False),
    ("Parcelnest will buy resale platform Loopwear GmbH for €30 million.", "Loopwear GmbH", False),
    ("Dealora Ltd, an online marketplace for vintage furniture, raised funds.", "Dealora Ltd", True),
])
def test_legal_name_called_an_app_is_a_company(names, text: str, name: str, platform: bool) -> None:
    new, _ = names.find(text, [])
    m = next(m for m in new if m.text == name)
    assert m.type == "Company"
    assert ("Platform" in m.extra_types) is platform


def test_unknown_firm_that_appoints_is_found(pipeline: Pipeline) -> None:
    ex = _run(pipeline, "Boxwell has appointed Maria Ferreira as chief financial officer.", "en")
    got = {(r.subject.text, r.predicate, r.object.text if r.object else r.literal) for r in ex.relations}
    assert ("Maria Ferreira", "affiliatedWith", "Boxwell") in got
