"""Organisation names the gazetteer does not know: suffixes, lists, overlaps, stop lists, junk edges
(descriptors, glued words, copulas, bodies with no place, partner firms)."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from kg.extract import EXTRACTORS, Pipeline
from kg.extract.mentions.names import NamesExtractor
from kg.model import Document, Extraction, Mention

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _found(names: NamesExtractor, text: str, known: list[Mention] | None = None) -> set[tuple[str, str]]:
    new, _ = names.find(text, known)
    return {(m.text, m.type) for m in new}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深圳市商务局召开座谈会", {("深圳市商务局", "GovernmentBody")}),
        ("广东省商务厅和杭州市市场监督管理局联合发文", {
            ("广东省商务厅", "GovernmentBody"), ("杭州市市场监督管理局", "GovernmentBody")}),
        ("深圳市跨境电子商务协会会长表示", {("深圳市跨境电子商务协会", "Organization")}),
        ("服务提供者阿里巴巴丝路有限公司将退款", {("阿里巴巴丝路有限公司", "Company")}),
        ("由江苏龙睿骏丰信息技术有限公司主办", {("江苏龙睿骏丰信息技术有限公司", "Company")}),
        ("韵达快递和极兔速递宣布涨价", {("韵达快递", "Company"), ("极兔速递", "Company")}),
        ("被上海市浦东新区人民法院判决", {("上海市浦东新区人民法院", "GovernmentBody")}),
    ],
    ids=["city-bureau", "province-and-city", "association-with-place", "role-noun-boundary",
         "long-company", "weak-suffix-couriers", "court-with-two-places"],
)
def test_zh_org_by_suffix(names: NamesExtractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= _found(names, text)


@pytest.mark.parametrize(
    "text",
    ["该公司表示将继续发展跨境物流", "行业协会与相关企业", "这家集团近日宣布", "推动绿色物流和数字科技发展",
     "县市场监管局", "2023年集团营收"],
    ids=["this-company-cross-border", "generic-association", "this-group", "generic-weak-suffixes",
         "one-char-place", "year-before-suffix"],
)
def test_zh_generic_phrases_are_not_names(names: NamesExtractor, text: str) -> None:
    assert _found(names, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("抖音电商宣布清退中通冷链、吉时达、水趣到家和铁中快运等物流商。",
         {("吉时达", "Company"), ("水趣到家", "Company"), ("铁中快运", "Company"), ("中通冷链", "Company")}),
        ("美团、饿了么、叮咚买菜等平台", {("美团", "Platform"), ("饿了么", "Platform"), ("叮咚买菜", "Platform")}),
        ("约谈赛维、通拓等多家卖家", {("赛维", "Company"), ("通拓", "Company")}),
    ],
    ids=["carriers-after-verb", "platforms", "sellers-with-counter"],
)
def test_zh_list_items(names: NamesExtractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= _found(names, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China Overseas Personnel Services Co., Ltd., a subsidiary", {
            ("China Overseas Personnel Services Co., Ltd.", "Company")}),
        ("with Jiangsu Longrui Junfeng Information Technology Co., Ltd. and Guangdong Provincial "
         "Department of Commerce.", {
            ("Jiangsu Longrui Junfeng Information Technology Co., Ltd.", "Company"),
            ("Guangdong Provincial Department of Commerce", "GovernmentBody")}),
        ("According to the Shenzhen Municipal Bureau of Commerce, exports rose.", {
            ("Shenzhen Municipal Bureau of Commerce", "GovernmentBody")}),
        ("president of the Shenzhen Cross-Border E-Commerce Association, said", {
            ("Shenzhen Cross-Border E-Commerce Association", "Organization")}),
        ("The State Council Information Office held a briefing.", {
            ("State Council Information Office", "GovernmentBody")}),
        ("Recently Acme Robotics Inc. said", {("Acme Robotics Inc.", "Company")}),
        ("Six Harbourland Traders Association members said", {("Harbourland Traders Association", "Organization")}),
    ],
    ids=["co-ltd", "company-and-department", "municipal-bureau", "association", "council-office",
         "sentence-initial-dropped", "count-word-dropped"],
)
def test_en_org_names(names: NamesExtractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= _found(names, text)


@pytest.mark.parametrize(
    "text",
    ["The Company said on Monday that Prices Rose.", "Recently The Group announced results.",
     "Editor in charge: Fang Xiao", "Toggle theme Search documents Workflow"],
    ids=["title-case-sentence", "the-group", "editor-chrome", "chrome-words"],
)
def test_en_capitals_alone_are_not_names(names: NamesExtractor, text: str) -> None:
    assert {t for t, _ in _found(names, text)} & {"The Company", "Company", "Group", "Toggle theme",
                                                  "Search documents", "Workflow", "Editor in charge"} == set()
    assert all(typ != "Company" or t.endswith(("Inc.", "Ltd.")) for t, typ in _found(names, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("brand stores of sellers such as Patosun, Aoji and Zebao were closed",
         {"Patosun", "Aoji", "Zebao"}),
        ("including big sellers Saiwei, Tongtuo, Youkeshu, Aoji, etc.", {"Saiwei", "Tongtuo", "Youkeshu", "Aoji"}),
        ("will terminate the services of Zhongtong Cold Chain, Jishida, Water Fun Home, and Tiezhong Express",
         {"Zhongtong Cold Chain", "Jishida", "Water Fun Home", "Tiezhong Express"}),
        ("platforms like Temu and Shein", {"Temu", "Shein"}),
    ],
    ids=["such-as", "including-big-sellers", "services-of", "platforms-like"],
)
def test_en_list_items(names: NamesExtractor, text: str, expected: set[str]) -> None:
    assert expected <= {t for t, _ in _found(names, text)}


def test_en_action_list_needs_two_items(names: NamesExtractor) -> None:
    assert _found(names, "Amazon suspended Monday trading.") == set()


def _known(text: str, name: str, typ: str = "Company", key: str = "k") -> Mention:
    i = text.index(name)
    return Mention(name, i, i + len(name), typ, key=key, extractor="gazetteer")


def test_known_mention_blocks_overlapping_candidate(names: NamesExtractor) -> None:
    text = "清退中通冷链、吉时达等物流商"
    known = [_known(text, "中通冷链", key="zto-cold-chain")]
    found = _found(names, text, known)
    assert ("中通冷链", "Company") not in found and ("吉时达", "Company") in found


def test_suffix_name_replaces_a_different_known_name_inside(names: NamesExtractor) -> None:
    text = "服务提供者阿里巴巴丝路有限公司将退款"
    ex = Extraction(Document("d", "d", "", text, "zh"), mentions=[_known(text, "阿里巴巴", key="alibaba-group")])
    names(ex)
    assert [(m.text, m.key) for m in ex.mentions] == [("阿里巴巴丝路有限公司", None)]


def test_same_core_keeps_the_known_name(names: NamesExtractor) -> None:
    text = "阿里巴巴集团宣布"
    ex = Extraction(Document("d", "d", "", text, "zh"), mentions=[_known(text, "阿里巴巴", key="alibaba-group")])
    names(ex)
    assert [(m.text, m.key) for m in ex.mentions] == [("阿里巴巴", "alibaba-group")]


def test_list_item_never_replaces_known(names: NamesExtractor) -> None:
    text = "美团、饿了么等平台"
    known = [_known(text, "美团", "Platform", "meituan")]
    new, replaced = names.find(text, known)
    assert replaced == [] and "美团" not in {m.text for m in new}


def test_registered_and_runs_after_gazetteer() -> None:
    assert "names" in EXTRACTORS
    pipe = Pipeline(["gazetteer", "names"])
    ex = pipe(Document("d", "d", "", "抖音电商清退中通冷链、吉时达等物流商", "zh"))
    spans = sorted((m.start, m.end) for m in ex.mentions)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert {m.extractor for m in ex.mentions if m.text == "吉时达"} == {"names:zh-list"}


CHROME = {"首页", "快讯", "观察", "相关阅读", "format-jpg", "toggle theme", "icon", "search documents",
          "workflow", "core insights", "core viewpoint", "group 1", "newsletter", "e-commerce newsletter",
          "summary by categories", "editor in charge", "服务", "平台", "会员", "商家", "app", "版本", "功能",
          "该公司", "物流商", "电商平台", "物流公司", "相关企业"}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_text_gives_no_chrome_or_generic_names(names: NamesExtractor, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    new, _ = names.find(text)
    assert new, "the rules find something in every seed"
    for m in new:
        assert m.text.strip().casefold() not in CHROME, m
        assert text[m.start : m.end] == m.text and m.key is None and m.extractor.startswith("names:")


# --- junk edges of names: descriptors, glued words, copulas, bodies with no place, partner firms -----

def _texts(names: NamesExtractor, text: str, known: list[Mention] | None = None) -> set[str]:
    new, _ = names.find(text, known)
    return {m.text for m in new}


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("宁波跨境电商综试区一位企业负责人说，新规利好出口。", "综试区一位"),
        ("該公司表示，今年島內電商新創規模普遍縮小。", "新創規模"),
        ("这家公司主营各大平台代运营业务。", "代运营"),
        ("公司计划扩建电商仓配网络，覆盖西南地区。", "仓配网络"),
        ("并购完成后将使公司电商物流网络覆盖全国。", "使公司电商物流网络"),
    ],
)
def test_descriptor_before_a_noun_phrase_is_no_name(names: NamesExtractor, text: str, junk: str) -> None:
    assert junk not in _texts(names, text)


@pytest.mark.parametrize(
    ("text", "known", "expected", "junk"),
    [
        ("市长表示，希望京东集团加大在本地的投入。", "京东集团", None, "希望京东集团"),
        ("他说，欢迎腾讯集团来此投资。", "腾讯集团", None, "欢迎腾讯集团"),
    ],
)
def test_word_before_a_known_full_name_is_not_glued(names: NamesExtractor, text: str, known: str,
                                                    expected: str | None, junk: str) -> None:
    ms = [Mention(known, m.start(), m.end(), "Company", key="k", extractor="gazetteer") for m in re.finditer(known, text)]
    new, replaced = names.find(text, ms)
    assert junk not in {m.text for m in new}
    assert not replaced


@pytest.mark.parametrize(
    ("text", "name", "junk"),
    [
        ("該平台營運主體為禾豐科技股份有限公司。", "禾豐科技股份有限公司", "營運主體為禾豐科技股份有限公司"),
        ("该店铺运营主体为杭州禾丰科技有限公司。", "杭州禾丰科技有限公司", "运营主体为杭州禾丰科技有限公司"),
    ],
)
def test_traditional_copula_ends_a_name_on_the_left(names: NamesExtractor, text: str, name: str, junk: str) -> None:
    found = _texts(names, text)
    assert name in found and junk not in found


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("The suit was filed in District Court last week.", "District Court"),
        ("A Municipal Bureau official declined to comment.", "Municipal Bureau"),
    ],
)
def test_government_name_needs_a_place_or_field(names: NamesExtractor, text: str, junk: str) -> None:
    assert junk not in _texts(names, text)


@pytest.mark.parametrize(
    ("text", "name", "junk"),
    [
        ("The sellers hired law firm Marsh & Quill LLP to represent them.", "Marsh & Quill LLP", "Marsh"),
        ("The accounts were audited by Brandt & Koh LLC last year.", "Brandt & Koh LLC", "Brandt"),
    ],
)
def test_partners_joined_by_ampersand_are_one_firm(names: NamesExtractor, text: str, name: str, junk: str) -> None:
    found = _texts(names, text)
    assert name in found and junk not in found
