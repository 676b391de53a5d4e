"""Layouts of a fifth batch: a site or section name over the first of stacked articles,
the author beside the time in an HTML meta row, tag pages scraped one token per line.
Inputs are written for these tests (not from any corpus)."""
from __future__ import annotations

import pytest

from tests.ingest_helpers import docs_of

STACK_ZH = [
    ("甲乙科技完成2亿元B轮融资 加码跨境仓储", "海港日报· 2025-03-02 09:10",
     "3月2日,甲乙科技宣布完成2亿元B轮融资,本轮由丙丁资本领投,资金将用于海外仓建设和系统研发。"),
    ("丙丁物流上线跨境退货服务", "山城晚报· 2025-03-01 18:00",
     "丙丁物流3月1日宣布上线跨境退货服务,首批覆盖德国、法国和西班牙三国,商家可在后台一键开通。"),
]
STACK_EN = [
    ("Acme Widgets to open three warehouses", "Harbour Gazette· 2025-03-02 09:10",
     "Acme Widgets said on Friday it would open three new warehouses, adding about 400 jobs."),
    ("Globex cuts seller fees in Europe", "Retail Weekly· 2025-03-01 18:00",
     "Globex said on Thursday it would cut commission fees for sellers in Europe from April 1."),
]


def _stack(banner: str, items: list[tuple[str, str, str]]) -> str:
    return banner + "\n" + "".join(f"{h}\n{d}\n{b}\n" for h, d, b in items)


@pytest.mark.parametrize(("banner", "items"), [
    ("甲乙电商", STACK_ZH), ("跨境观察", STACK_ZH),
    ("Marketplace Watch", STACK_EN), ("Seller News Daily", STACK_EN),
])
def test_site_name_over_stacked_articles_is_not_the_first_headline(tmp_path, banner, items):
    docs = [d for d in docs_of(tmp_path, _stack(banner, items)) if not d.is_container]
    assert [d.headline for d in docs] == [h for h, _, _ in items]
    assert [d.text for d in docs] == [b for _, _, b in items]


@pytest.mark.parametrize("byline", ["By Jane Roe", "记者 张三"])
def test_byline_between_stacked_headline_and_dateline_stays_in_the_head(tmp_path, byline):
    items = [(h, f"{byline}\n{d}", b) for h, d, b in STACK_EN]
    docs = [d for d in docs_of(tmp_path, _stack("", items)) if not d.is_container]
    assert [d.headline for d in docs] == [h for h, _, _ in STACK_EN]
