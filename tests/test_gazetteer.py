from __future__ import annotations

import pytest

from kg.extract import EXTRACTORS, Pipeline
from kg.extract.mentions.gazetteer import Gazetteer
from kg.model import Document


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer()


def _keys(gaz: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.key) for m in gaz.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("抖音电商发布公告", [("抖音电商", "douyin-ecommerce")]),
        ("招行与建行的信用卡", [("招行", "cmb"), ("建行", "ccb")]),  # banks by their common short names
        ("施工行业的集中行动", []),  # 工行 and 中行 are inside ordinary words: never matched alone
        ("京东物流与京东零售", [("京东物流", "jd-logistics"), ("京东零售", "jd-retail")]),
        ("阿里巴巴中国站", [("阿里巴巴中国站", "1688")]),
        ("阿里巴巴旗下1688", [("阿里巴巴", "alibaba-group"), ("1688", "1688")]),
        ("京东方面板", [("京东方", "boe")]),
        ("各地商务部门", []),
        ("商务部发布", [("商务部", "mofcom")]),
        ("北京东路", []),
        ("中国美妆市场", []),
        ("获得物流支持", []),
        ("售价1688元", []),
    ],
    ids=["longest-douyin", "bank-short-names", "bank-short-names-inside-words", "jd-family-zh", "longest-1688",
         "alibaba-and-1688", "boe-not-jd", "blocker-department",
         "mofcom", "blocker-road", "blocker-country", "blocker-verb", "number-not-1688"],
)
def test_gazetteer_chinese(gaz: Gazetteer, text: str, expected: list) -> None:
    assert _keys(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JD Retail signed with JD Logistics and JD.com", [("JD Retail", "jd-retail"), ("JD Logistics", "jd-logistics"),
                                                          ("JD.com", "jd-com")]),
        ("JDL delivered", [("JDL", "jd-logistics")]),
        ("Amazonian forests", []),
        ("Meituanx app", []),
        ("Sell on eBay today", [("eBay", "ebay")]),
        ("ＡＭＡＺＯＮ sales", [("ＡＭＡＺＯＮ", "amazon")]),
        ("the red dress", []),
        ("RED users", [("RED", "xiaohongshu")]),
        ("TikTok Shop and TikTok", [("TikTok Shop", "tiktok-shop"), ("TikTok", "tiktok")]),
        ("the paper said", []),
        ("Bei Jing Shang Bao reported", [("Bei Jing Shang Bao", "beijing-business-today")]),
        ("Douyin E-commerce said", [("Douyin E-commerce", "douyin-ecommerce")]),
        ("People’s Daily", [("People’s Daily", "peoples-daily")]),
    ],
    ids=["jd-family-en", "jdl", "amazonian", "meituanx", "ebay", "fullwidth", "red-lower", "red-upper",
         "tiktok-shop", "the-paper-lower", "pinyin-outlet", "douyin-ecommerce", "curly-apostrophe"],
)
def test_gazetteer_english(gaz: Gazetteer, text: str, expected: list) -> None:
    assert _keys(gaz, text) == expected


def test_gazetteer_mention_fields(gaz: Gazetteer) -> None:
    text = "据悉，Amazon与沃尔玛"
    m1, m2 = gaz.find(text)
    assert text[m1.start:m1.end] == "Amazon" and m1.type == "Platform" and m1.extra_types == ("Company",)
    assert m2.key == "walmart" and m2.extractor == "gazetteer" and m2.confidence == 1.0
    assert gaz.entity("amazon").label_zh == "亚马逊"


def test_gazetteer_mentions_are_made_as_mention_makes_them(gaz: Gazetteer) -> None:
    """The mentions filled from a template equal `Mention(...)` field for field (and in the same
    order, so they pickle alike), hash alike, and stay frozen."""
    import dataclasses
    import pickle

    from kg.model import Mention

    found = gaz.find("据悉，Amazon与沃尔玛、京东物流和ＡＭＡＺＯＮ")
    assert len(found) == 4
    for m in found:
        e = gaz.entity(m.key)
        made = Mention(text=m.text, start=m.start, end=m.end, type=e.types[0], key=m.key, extractor="gazetteer",
                       confidence=1.0, extra_types=e.types[1:])
        assert m == made and hash(m) == hash(made) and repr(m) == repr(made)
        if hasattr(m, "__dict__"):  # interpreted (compiled by mypyc, Mention has no __dict__: its fields have one order)
            assert list(vars(m).items()) == list(vars(made).items())
        assert pickle.dumps(m) == pickle.dumps(made)
        with pytest.raises(dataclasses.FrozenInstanceError):
            m.start = 0  # type: ignore[misc]


def test_gazetteer_registered_extractor() -> None:
    assert "gazetteer" in EXTRACTORS
    doc = Document(key="d", source_path="d.txt", position="", text="拼多多和Temu", lang="zh")
    ex = Pipeline(["gazetteer"])(doc)
    assert [m.key for m in ex.mentions] == ["pinduoduo", "temu"]
