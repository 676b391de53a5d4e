"""Junk names from the fourth held-out corpus: the rules behind them, with sentences of our own."""
from __future__ import annotations

import re

import pytest

from kg.extract.mentions.names import NamesExtractor
from kg.model import Mention


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
