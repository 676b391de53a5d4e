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
