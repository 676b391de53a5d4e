"""The splitting and metadata of every seed file."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest_corpus, ingest_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROME = ("首页", "快讯", "Toggle theme", "format-jpg", "Search documents", "Workflow", "Newsletter",
          "Core Insights", "Core Viewpoint", "Group 1:", "[1]", "版权归原作者所有", "info@", "Editor in charge", "‹")


def _docs(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    result = ingest_file(path, SEEDS)
    items = [d for d in result.documents if not d.is_container]
    return result, items


def test_ingest_000_newsletter_items():
    result, items = _docs("000")
    assert len(items) == 10
    assert result.documents[0].is_container and result.documents[0].headline.startswith("Evening News")
    inpost = [d for d in items if "InPost App users reaches" in (d.headline or "")]
    assert [d.headline for d in inpost] == [
        "The number of InPost App users reaches 9.3 million, it becomes Poland's second largest e-commerce app"]
    kuaishou = next(d for d in items if "Kuaishou" in d.headline)
    assert kuaishou.date_published == "2022-03-01"
    assert all(d.date_published == "2022-03-01" for d in items)
    assert [d.publisher for d in items].count("E-commerce News") == 9
    assert items[-1].publisher == "Seller's Home Morning News"
    assert all(d.lang == "en" and "(E-commerce News)" not in d.text for d in items)
    assert all(d.parent_key == result.path and d.key == f"{result.path}#item {n}" for n, d in enumerate(items, 1))
    assert not any("newsletter" in d.text.split("\n")[-1].lower() for d in items)


def test_ingest_001_main_article_and_related():
    _result, items = _docs("001")
    main = items[0]
    assert main.headline == "1688已下线平台实力商家、工业品牌及超级工厂店小蜜权益"
    assert main.author == "刘峰" and main.date_published == "2023-03-13" and main.lang == "zh"
    assert main.text.startswith("3月13日消息") and "刘峰" not in main.text and "2023-03-13 17:16" not in main.text
    assert "相关阅读" not in main.text and "版权" not in main.text
    related = items[1:]
    assert len(related) == 10
    assert all(d.text[:d.text.index("消息")].endswith("日") for d in related)
    dates = [d.date_published for d in related]
    assert dates[0] == "2023-03-21"
    assert dates[2] == "2021-02-24" and dates[3] == "2021-02-24"  # from the full dates in the items
    assert dates[7] == "2022-04-22"
    assert all(d.headline and len(d.headline) <= 60 for d in related)


def test_ingest_002_every_dated_item():
    result, items = _docs("002")
    assert len(items) == 20
    assert any(p.severity == "warning" and "re-joined" in p.message for p in result.problems)
    assert items[0].headline == "1688官方直送-物流服务商服务内容及服务标准升级"
    assert items[0].date_published == "2022-04-13"
    assert items[0].text.startswith("4月13日消息,1688平台日前发布公告")
    heads = {d.headline: d.date_published for d in items}
    assert heads["阿里副总裁汪海:2020年1688平台销售额超7000亿"] == "2021-04-25"
    assert heads["1688“采源宝”APP将于5月9日起陆续停止运营和服务"] == "2022-04-22"
    assert heads["1688月卡将升级为1688 PLUS会员"] == "2022-06-13"
    assert all(d.date_published for d in items)


def test_ingest_003_single_article():
    result, _items = _docs("003")
    assert len(result.documents) == 1 and result.documents[0].position == ""
    doc = result.documents[0]
    assert doc.publisher == "Epoch Times" and doc.date_published == "2021-08-15"
    assert doc.headline.startswith("50,000 mainland e-commerce companies are blocked by Amazon")
    assert doc.text.startswith("Due to") and "Fang Xiao" not in doc.text and doc.author is None


def test_ingest_004_stacked_articles():
    _result, items = _docs("004")
    assert len(items) == 10
    assert all(d.lang == "en" for d in items)
    zt = {d.date_published for d in items if "中通冷链" in d.headline}
    assert zt == {"2025-10-28", "2025-10-27"}
    pubs = [d.publisher for d in items]
    assert pubs[1:4] == ["Bei Jing Shang Bao", "Guan Cha Zhe Wang", "Mei Ri Jing Ji Xin Wen"]
    assert items[0].headline == "抖音电商专项治理虚假发货 超四千商家被清退或停业"
    assert "13,000 violating merchants" in items[0].text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_ingest_no_chrome_in_documents(prefix):
    result, _ = _docs(prefix)
    for doc in result.documents:
        for chrome in CHROME:
            assert chrome not in doc.text and chrome not in (doc.headline or ""), (doc.key, chrome)


def test_ingest_corpus_is_deterministic():
    first = list(ingest_corpus(SEEDS))
    assert first == list(ingest_corpus(SEEDS))
    assert [r.path for r in first] == sorted(r.path for r in first)
    keys = [d.key for r in first for d in r.documents]
    assert len(keys) == len(set(keys))
