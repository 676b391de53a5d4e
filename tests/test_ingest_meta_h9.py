"""A newsletter masthead pairing the issue date with a compiler's credit dates the issue and
its undated items; an HTML meta-row element marked as the time dates the page; a related-reading
block of dated items on a page makes one document per item."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_helpers import BODY_EN, TITLE_EN, docs_of

_ITEMS_EN = [
    ("Acme Widgets opens a warehouse in Leeds",
     "Acme Widgets said it has opened a 40,000-square-metre warehouse in Leeds, adding 300 jobs."),
    ("Foxglove Pay raises $12 million",
     "Foxglove Pay, a checkout start-up, raised $12 million in a round led by Birch Lane Capital."),
    ("Quillmart to close its marketplace app",
     "Quillmart said its marketplace app will be switched off at the end of the quarter."),
]


def _brief(masthead: str) -> str:
    rows = []
    for n, (head, body) in enumerate(_ITEMS_EN, start=1):
        rows += [f"## {n}. {head}", "", body, ""]
    return "\n".join(["# Seller Notes — Issue 12", "", masthead, "",
                      "This week: a warehouse, a funding round and a closure.", "", "---", "", *rows])


@pytest.mark.parametrize(("masthead", "date"), [
    ("*Monday, December 9, 2024 · compiled by Rachel Dunmore*", "2024-12-09"),
    ("Tuesday, March 4, 2025 | curated by Sam Ortiz", "2025-03-04"),
    ("15 June 2023 · edited by Lee Park", "2023-06-15"),
])
def test_a_dated_credit_line_dates_the_issue_and_its_items(tmp_path: Path, masthead: str, date: str) -> None:
    container, *items = docs_of(tmp_path, _brief(masthead), "brief.md")
    assert container.is_container and container.date_published == date
    assert len(items) == 3 and all(d.date_published == date for d in items)


@pytest.mark.parametrize("masthead", [
    "Monday, December 9, 2024 · Acme Widgets opened a warehouse in Leeds this week",
    "compiled by Rachel Dunmore",
])
def test_a_line_that_is_not_date_and_credit_dates_nothing(tmp_path: Path, masthead: str) -> None:
    container, *_ = docs_of(tmp_path, _brief(masthead), "brief.md")
    assert container.date_published is None


_ZH_ARTICLE = ("<p>9月19日,甲乙科技在杭州宣布启动秋季助农专项活动,活动将持续至2024年11月30日,重点推广当地农特产品。</p>"
               "<p>甲乙科技负责人表示,平台将为新入驻的涉农商家提供流量扶持和佣金减免。</p>")


def _zh_page(meta_row: str, related: str = "") -> str:
    return ("<html><head><title>甲乙科技启动秋季助农专项_某某网</title></head><body><div class=\"main\">"
            f"<h1>甲乙科技启动秋季助农专项</h1><div class=\"meta\">{meta_row}</div>"
            f"<div class=\"article-content\">{_ZH_ARTICLE}</div>{related}</div></body></html>")


@pytest.mark.parametrize(("row", "date"), [
    ('<span class="source">来源:某某网</span> <span class="time">2024-09-20 14:32</span>', "2024-09-20"),
    ('<span class="pub-date">2023年5月8日 09:00</span>', "2023-05-08"),
    ('<em id="publish_time">2022/11/03</em>', "2022-11-03"),
])
def test_an_element_marked_as_the_time_dates_the_page(tmp_path: Path, row: str, date: str) -> None:
    doc, = docs_of(tmp_path, _zh_page(row), "a.html")
    assert doc.date_published == date and doc.headline == "甲乙科技启动秋季助农专项"


@pytest.mark.parametrize("row", [
    '<span class="time">阅读 2024 次</span>',
    '<span class="views">2024-09-20 14:32</span>',
])
def test_an_unmarked_or_dateless_element_dates_nothing(tmp_path: Path, row: str) -> None:
    doc, = docs_of(tmp_path, _zh_page(row), "a.html")
    assert doc.date_published is None


_RELATED_ZH = ("<li><p>9月12日消息,丙丁电商发布《丙丁电商商家保证金管理规范》,新规将于2024年10月1日起正式生效。</p></li>"
               "<li><p>9月5日消息,戊己超市在江西赣州上线“产地直发”服务,消费者下单后由果园直接发货。</p></li>")


@pytest.mark.parametrize("heading", ["<h3>相关阅读</h3>", "<h4>延伸阅读：</h4>", "<div>相关新闻</div>"])
def test_dated_related_entries_on_a_page_are_documents(tmp_path: Path, heading: str) -> None:
    related = f'<div class="related">{heading}<ul>{_RELATED_ZH}</ul></div>'
    row = '<span class="time">2024-09-20 14:32</span>'
    container, main, first, second = docs_of(tmp_path, _zh_page(row, related), "a.html")
    assert container.is_container and main.headline == "甲乙科技启动秋季助农专项"
    assert main.date_published == "2024-09-20" and "丙丁" not in main.text
    assert first.date_published == "2024-09-12" and "2024年10月1日" in first.text
    assert second.date_published == "2024-09-05" and first.parent_key == container.key


def test_a_related_list_of_titles_only_stays_out(tmp_path: Path) -> None:
    related = ('<div class="related"><h3>相关阅读</h3><ul><li><a>丙丁电商发布新规</a></li>'
               '<li><a>戊己超市上线产地直发</a></li></ul></div>')
    doc, = docs_of(tmp_path, _zh_page('<span class="time">2024-09-20</span>', related), "a.html")
    assert doc.date_published == "2024-09-20" and "丙丁" not in doc.text


@pytest.mark.parametrize(("outlet", "expected"), [
    ("K-Commerce Insider", "K-Commerce Insider"),
    ("Seller Ledger", "Seller Ledger"),
    ("Retail Observer", "Retail Observer"),
    ("Harbor Chronicle", "Harbor Chronicle"),
])
def test_a_lone_line_named_like_an_outlet_above_the_date_is_the_publisher(
        tmp_path: Path, outlet: str, expected: str) -> None:
    text = "\n".join([TITLE_EN, "", outlet, "August 28, 2024", "By Jiwoo Kang", "", BODY_EN, BODY_EN]) + "\n"
    doc, = docs_of(tmp_path, text)
    assert doc.publisher == expected and doc.authors == ("Jiwoo Kang",) and doc.date_published == "2024-08-28"


def _zh_brief(last_tail: str, closing: str) -> str:
    rows = ["1、某某科技上线新版商家后台", "9月2日消息,某某科技宣布新版商家后台正式上线,覆盖全国商家超过10万家。(电商报)",
            "2、甲乙物流完成新一轮融资", f"9月2日消息,甲乙物流宣布完成新一轮融资,资金将用于仓储网络建设。{last_tail}"]
    return "\n".join(["电商早报:某某科技上线新版商家后台;甲乙物流完成新一轮融资", "", *rows, "", closing, ""])


@pytest.mark.parametrize(("tail", "pub"), [
    ("(36氪)", "36氪"), ("（21世纪经济报道）", "21世纪经济报道"), ("(界面新闻)", "界面新闻"),
    ("(5亿元)", None), ("(2024年)", None),
])
@pytest.mark.parametrize("closing", ["以上就是今天的电商早报,我们明天见。", "以上是本期的零售周报,下期见!", ""])
def test_a_sign_off_is_dropped_and_the_last_item_keeps_its_source(
        tmp_path: Path, tail: str, pub: str | None, closing: str) -> None:
    *_, last = docs_of(tmp_path, _zh_brief(tail, closing))
    assert last.publisher == pub
    assert "明天见" not in last.text and "下期见" not in last.text
    assert (tail not in last.text) == (pub is not None)


@pytest.mark.parametrize("line", ["That's all for this week — see you on Monday.", "That's it for today."])
def test_an_english_sign_off_is_boilerplate(line: str) -> None:
    from kg.ingest.repair import is_chrome
    assert is_chrome(line)


def test_a_body_sentence_about_today_is_not_a_sign_off() -> None:
    from kg.ingest.repair import is_chrome
    assert not is_chrome("以上是今天的交易数据,平台成交额同比增长12%。")
