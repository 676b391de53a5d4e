"""Newsletter mastheads date the issue, related-reading blocks close a numbered item, a Chinese
outlet in brackets closing an item is its publisher."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_helpers import docs_of

_ITEMS_ZH = [
    ("某某科技上线新版商家后台", "9月{d}日消息,某某科技宣布新版商家后台正式上线,覆盖全国商家超过10万家。"),
    ("甲乙物流发布三季度业绩", "9月{d}日消息,甲乙物流发布三季度业绩,营收同比增长8%,利润率有所改善。"),
    ("丙丁超市与戊己农业达成合作", "9月{d}日消息,丙丁超市与戊己农业签署合作协议,双方将共建直采基地。"),
]


def _newsletter(masthead: str, tail: str = "", closing: str = "") -> str:
    rows = []
    for n, (head, body) in enumerate(_ITEMS_ZH, start=1):
        rows += [f"{n}、{head}", body.format(d=10 - n) + tail]
    return "\n".join(["每日电商资讯汇总:某某科技上线新版商家后台;甲乙物流发布三季度业绩;丙丁超市与戊己农业达成合作",
                      "", masthead, *rows, closing]) + "\n"


@pytest.mark.parametrize(("masthead", "date"), [
    ("电商快报 2024年9月20日", "2024-09-20"),
    ("零售早参 2023年9月12日 星期二", "2023-09-12"),
    ("Retail Brief 2022-09-15", "2022-09-15"),
])
def test_a_masthead_with_a_full_date_dates_the_issue(tmp_path: Path, masthead: str, date: str) -> None:
    container, *items = docs_of(tmp_path, _newsletter(masthead))
    assert container.date_published == date
    assert [it.date_published[5:] for it in items] == ["09-09", "09-08", "09-07"]


@pytest.mark.parametrize("heading", ["往期回顾", "相关阅读", "Related reading"])
def test_a_related_block_after_the_last_item_is_dropped(tmp_path: Path, heading: str) -> None:
    closing = f"{heading}\n每日电商资讯汇总:某平台上线新工具;某物流发布半年报..."
    *_, last = docs_of(tmp_path, _newsletter("电商快报 2024年9月20日", closing=closing))
    assert heading not in last.text and "半年报" not in last.text


@pytest.mark.parametrize(("tail", "pub"), [
    ("(电商报)", "电商报"),
    ("（联商网）", "联商网"),
    ("(晚点LatePost)", "晚点LatePost"),
])
def test_a_bracketed_chinese_outlet_closing_an_item_is_its_publisher(tmp_path: Path, tail: str, pub: str) -> None:
    _, *items = docs_of(tmp_path, _newsletter("电商快报 2024年9月20日", tail=tail))
    assert [it.publisher for it in items] == [pub] * 3
    assert not any(tail in it.text for it in items)


@pytest.mark.parametrize("tail", ["（记者张三）", "（完）", "（资料图）"])
def test_credits_and_marks_in_brackets_are_no_publisher(tmp_path: Path, tail: str) -> None:
    _, *items = docs_of(tmp_path, _newsletter("电商快报 2024年9月20日", tail=tail))
    assert all(it.publisher is None for it in items)


_MAIN_EN = ("Acme Widgets shares rise 5% on debut\n\nBy Jane Roe | 9 July 2025\n\n"
            "Acme Widgets began trading on the London Stock Exchange on July 9, 2025, after raising "
            "£120 million in its initial public offering, and closed the first day higher.\n\n"
            "Related reading\n")


@pytest.mark.parametrize(("entry", "date", "headline"), [
    ("July 3: The Fair Trade Office of Ruritania imposed a penalty of ₹4.5 crore on Bolt Grocers Pvt Ltd, "
     "a quick-commerce operator, for forcing suppliers into exclusive deals. It will appeal.",
     "2025-07-03", "The Fair Trade Office of Ruritania imposed a penalty of ₹4.5 crore on Bolt Grocers Pvt Ltd, "
     "a quick-commerce operator, for forcing suppliers into exclusive deals"),
    ("June 30: Zeta Pay appointed Mara Holm, previously at U.S. Bank, as chief risk officer. She starts in May.",
     "2025-06-30", "Zeta Pay appointed Mara Holm, previously at U.S. Bank, as chief risk officer"),
    ("Jul. 1 — Borealis Retail said it would close its loyalty club from August 31, 2025, and move members "
     "to the standard plan.",
     "2025-07-01", "Borealis Retail said it would close its loyalty club from August 31, 2025, and move members "
     "to the standard plan"),
])
def test_a_dated_related_entry_takes_its_date_and_its_whole_first_sentence(
        tmp_path: Path, entry: str, date: str, headline: str) -> None:
    *_, item = docs_of(tmp_path, _MAIN_EN + entry + "\n")
    assert item.date_published == date
    assert item.headline == headline


@pytest.mark.parametrize("line", ["May 5:30 pm is the cut-off for orders.", "June 3:2 was the final score."])
def test_a_clock_time_is_no_dated_lead(line: str) -> None:
    from kg.ingest.dates import LEAD_EN_DASH
    assert not LEAD_EN_DASH.match(line)
