"""Descriptor names, subjects of corporate verbs, Traditional suffixes and titles, and repeats."""
from __future__ import annotations

import pytest

from kg.extract.mentions.names import NamesExtractor
from kg.extract.mentions.names_common import names_lexicon
from kg.extract.mentions.repeats import RepeatsExtractor, repeatable, short_form, short_forms
from kg.model import Mention
from tests.names_helpers import found_types as _found


@pytest.mark.parametrize(("text", "name", "typ"), [
    ("生鲜电商平台鲜丰汇3月28日正式在港交所主板挂牌上市。", "鲜丰汇", "Platform"),
    ("36氪获悉，直播电商服务商星耀传媒近日完成3亿元B轮融资。", "星耀传媒", "Company"),
    ("国家市场监督管理总局约谈社交电商平台优品汇和团多多，指出问题。", "团多多", "Platform"),
    ("電商平台樂購網因在促銷活動中標示不實。", "樂購網", "Platform"),
    ("5月15日，蜂巢电商发布新版规范。", "蜂巢电商", "Platform"),
    ("公平交易委員會1月10日宣布處以罰款。", "公平交易委員會", "GovernmentBody"),
    ("The regulator fined online marketplace QuickCart on Tuesday.", "QuickCart", "Platform"),
    ("It summoned food delivery platforms FreshGo and Dashly on Monday.", "Dashly", "Platform"),
    ("Indonesian social commerce startup Dagangku has raised $45 million.", "Dagangku", "Company"),
    ("It agreed to acquire Parcelly, a last-mile delivery startup, for cash.", "Parcelly", "Company"),
    ("Vendora said on Wednesday it will charge sellers a fee.", "Vendora", "Company"),
    ("公平會副主任委員陳志明表示，公平會已要求該平台停止。", "陳志明", "Person"),
    ('"It helps," said Daniel Brooks, chief financial officer of the company.', "Daniel Brooks", "Person"),
], ids=["zh-platform-date", "zh-service-provider", "zh-list-second", "zh-traditional", "zh-weak-dianshang",
        "zh-traditional-committee", "en-marketplace", "en-plural-list", "en-startup", "en-apposition",
        "en-subject-said", "zh-traditional-title", "en-cfo-after"])
def test_found(names: NamesExtractor, text: str, name: str, typ: str) -> None:
    assert _found(names, text).get(name) == typ


@pytest.mark.parametrize("text", [
    "卖家可以在平台上更好地经营店铺。",
    "平台目前入驻商家约18万家。",
    "直播电商发展迅速，生鲜电商表示压力很大。",
    "Shares fell after the company said profits dropped.",
    "Growth slowed, and growth said little about margins.",
    "The company CEO Tim Cook said the plan works.",
], ids=["zh-platform-phrase", "zh-platform-adverb", "zh-generic-categories", "en-common-opener",
        "en-lowercase-elsewhere", "en-title-not-company"])
def test_not_found(names: NamesExtractor, text: str) -> None:
    found = _found(names, text)
    assert not {n for n, t in found.items() if t != "Person"}, found


def test_repeats_and_short_form() -> None:
    text = "杭州顺捷供应链管理有限公司成立于2015年。顺捷供应链在全国拥有仓库。Vendora said. Vendora's fee. Vendoras no."
    first = Mention("杭州顺捷供应链管理有限公司", 0, 13, "Company", key=None, confidence=0.8)
    v = text.index("Vendora")
    vendora = Mention("Vendora", v, v + 7, "Platform", key=None, confidence=0.7)
    new = RepeatsExtractor().find(text, [first, vendora])
    got = [(m.text, m.start, m.type) for m in new]
    assert ("顺捷供应链", text.index("顺捷供应链在"), "Company") in got
    assert ("Vendora", text.index("Vendora's"), "Platform") in got
    assert all(m.start != text.index("Vendoras") for m in new)  # word boundary
    assert all(m.start >= 13 for m in new)  # never overlaps the first mention


def test_repeats_skip_known_and_weak() -> None:
    text = "星耀传媒 星耀传媒 QuickCart QuickCart"
    known = Mention("星耀传媒", 0, 4, "Company", key="xingyao", confidence=1.0)
    weak = Mention("QuickCart", 10, 19, "Platform", key=None, confidence=0.5)
    assert RepeatsExtractor().find(text, [known, weak]) == []


@pytest.mark.parametrize(("name", "short"), [
    ("杭州顺捷供应链管理有限公司", "顺捷供应链"),
    ("云峰物流集团", "云峰物流"),
    ("Northwind Retail Inc.", "Northwind Retail"),
    ("星耀传媒", None),
], ids=["zh-place-scope-legal", "zh-group", "en-inc", "zh-no-short-form"])
def test_short_form(name: str, short: str | None) -> None:
    assert short_form(name, names_lexicon(), short_forms()) == short


@pytest.mark.parametrize(("name", "ok"), [("鲜丰", True), ("汇", False), ("Abc", True), ("abc", False), ("AB", False)],
                         ids=["han-2", "han-1", "latin-cap", "latin-lower", "latin-short"])
def test_repeatable(name: str, ok: bool) -> None:
    assert repeatable(name) is ok
