"""The head of a page: outlet lines and mastheads above the headline, datelines, kickers, labelled
fields of government pages, elements marked as the time; English layouts (navigation and breadcrumbs
above the headline, captions, credits and closing sections). Inputs are written for these tests (not from any corpus)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_helpers import BODY_EN, TITLE_EN, ZH_BODY, ZH_TITLE, docs_of
from tests.ingest_helpers import BODY_EN as BODY
from tests.ingest_helpers import META_ROW_BODY_ZH as _ZH
from tests.ingest_helpers import META_ROW_PAGE as _PAGE
from tests.ingest_helpers import TITLE_EN as TITLE
from tests.ingest_helpers import doc_of as _doc
from tests.ingest_helpers import newsletter_zh as _newsletter
from tests.ingest_helpers import zh_page as _zh_page


@pytest.mark.parametrize(("top", "publisher"), [
    ("Harbour Gazette", "Harbour Gazette"),
    ("Northern Daily", "Northern Daily"),
])
def test_outlet_line_above_the_headline_is_the_publisher(tmp_path, top, publisher):
    doc = _doc(tmp_path, f"{top}\n\n{TITLE}\n\nLONDON, March 2 ({top}) — {BODY}\n\nMarch 2, 2023\n")
    assert (doc.headline, doc.publisher, doc.date_published) == (TITLE, publisher, "2023-03-02")
    assert doc.text == BODY


@pytest.mark.parametrize(("top", "publisher", "author"), [
    ("财联社3月2日讯（记者 王小明）", "财联社", "王小明"),
    ("新华社北京3月2日电（记者李华）", "新华社", "李华"),
])
def test_dateline_above_the_headline_is_not_the_headline(tmp_path, top, publisher, author):
    doc = _doc(tmp_path, f"{top}\n\n{ZH_TITLE}\n2023-03-02 16:35 星期四\n\n{ZH_BODY}\n")
    assert (doc.headline, doc.publisher, doc.authors, doc.date_published) == (
        ZH_TITLE, publisher, (author,), "2023-03-02")


@pytest.mark.parametrize("masthead", ["新浪科技", "亿邦动力"])
def test_chinese_masthead_above_the_headline_is_dropped(tmp_path, masthead):
    doc = _doc(tmp_path, f"{masthead}\n{ZH_TITLE}\n\n2023年03月02日 08:15  {masthead}\n作者：周明\n\n{ZH_BODY}\n")
    assert (doc.headline, doc.publisher, doc.authors, doc.date_published) == (
        ZH_TITLE, masthead, ("周明",), "2023-03-02")


@pytest.mark.parametrize(("dateline", "publisher"), [
    ("SINGAPORE--(BUSINESS WIRE)--Nov. 12, 2025-- ", "Business Wire"),
    ("NEW YORK, Nov. 12, 2025 /PRNewswire/ -- ", "PRNewswire"),
])
def test_wire_dateline_after_a_dek_dates_the_release(tmp_path, dateline, publisher):
    text = (f"Acme Group Reports Third Quarter 2025 Results\n\nRevenue up 22%; raises outlook\n\n{dateline}{BODY}\n\n"
            "Source: Acme Group Ltd.\n")
    doc = _doc(tmp_path, text)
    assert (doc.date_published, doc.publisher) == ("2025-11-12", publisher)
    assert doc.text.startswith("Revenue up 22%") and dateline.strip() not in doc.text


@pytest.mark.parametrize(("banner", "publisher"), [
    ("海港日報 Harbour Daily｜產業｜募資", "海港日報"),
    ("山城晚报 Shancheng Evening News · 科技 · 电商", "山城晚报"),
    ("星河新闻 Xinghe｜财经", "星河新闻"),
])
def test_bilingual_masthead_with_columns_names_the_outlet(tmp_path, banner, publisher):
    doc = _doc(tmp_path, f"{banner}\n\n{ZH_TITLE}\n\n2025年3月2日\n\n{ZH_BODY}\n")
    assert (doc.headline, doc.publisher) == (ZH_TITLE, publisher)
    assert doc.text == ZH_BODY


def test_slash_headline_is_kept(tmp_path):
    title = "Temu / Shein rivalry heats up as both cut seller fees in Europe"
    doc = _doc(tmp_path, f"{title}\n\nBy Jane Roe\nMarch 2, 2025\n\n{BODY}\n")
    assert doc.headline == title


@pytest.mark.parametrize(("line", "author"), [
    ("Retail brief | Posted Mar 2 | by Jane Roe, Staff Writer", "Jane Roe"),
    ("Deals column | Updated Mar 2 | By Jane Roe, Senior Reporter", "Jane Roe"),
])
def test_head_line_with_a_kicker_and_a_yearless_timestamp(tmp_path, line, author):
    doc = _doc(tmp_path, f"{TITLE}\n\n{line}\nHarbour Weekly — March 2, 2025\n\n{BODY}\n")
    assert (doc.authors, doc.publisher, doc.date_published) == ((author,), "Harbour Weekly", "2025-03-02")
    assert doc.text == BODY


@pytest.mark.parametrize("stamp", ["2025-03-02 16:05:37", "2025年3月2日"])
def test_government_page_head_line_of_labelled_fields(tmp_path, stamp):
    line = f"发布时间：{stamp}　　信息来源：某某融媒　　作者：张小明　　【字体：大 中 小】"
    doc = _doc(tmp_path, f"{ZH_TITLE}\n\n{line}\n\n{ZH_BODY}\n")
    assert (doc.date_published, doc.publisher, doc.authors) == ("2025-03-02", "某某融媒", ("张小明",))
    assert doc.text == ZH_BODY


@pytest.mark.parametrize(("kicker", "outlet"), [("海港日报首发", "海港日报"), ("晚点独家", "晚点"), ("星河網獨家", "星河網")])
def test_exclusive_kicker_of_the_title_names_the_outlet(tmp_path, kicker, outlet):
    title = f"{kicker} | 甲乙科技完成2亿元B轮融资,丙丁资本领投"
    meta = '<span class="author">张小明</span> · <span>2025年03月02日 08:30</span>'
    doc, = docs_of(tmp_path, _PAGE.format(title=title, meta=meta, body=_ZH), "a.html")
    assert (doc.publisher, doc.authors, doc.headline) == (outlet, ("张小明",), title)


@pytest.mark.parametrize(("tail", "pub"), [
    ("(电商报)", "电商报"),
    ("（联商网）", "联商网"),
    ("(晚点LatePost)", "晚点LatePost"),
])
def test_a_bracketed_chinese_outlet_closing_an_item_is_its_publisher(tmp_path: Path, tail: str, pub: str) -> None:
    _, *items = docs_of(tmp_path, _newsletter("电商快报 2024年9月20日", tail=tail))
    assert [it.publisher for it in items] == [pub] * 3
    assert not any(tail in it.text for it in items)


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


# --- English page layouts: navigation, breadcrumbs, captions, credits, closing sections, wire datelines ---

@pytest.mark.parametrize(("nav", "publisher"), [
    ("DAILY COURIER  |  Business  |  Tech  |  Markets", "Daily Courier"),
    ("Metro News\nWorld | Business | Sports\nFacebook   X   Email   Copy Link", "Metro News"),
    ("World | Business | Sports\nFacebook   X   Email   Copy Link", None),
])
def test_navigation_above_the_headline_is_skipped(tmp_path, nav, publisher):
    doc = _doc(tmp_path, f"{nav}\n\n{TITLE}\n\nBy Ann Lee\nMarch 2, 2023 · 4 min read\n\n{BODY}\n")
    assert (doc.headline, doc.date_published, doc.authors) == (TITLE, "2023-03-02", ("Ann Lee",))
    assert doc.publisher == publisher and doc.text == BODY


@pytest.mark.parametrize(("crumb", "publisher"), [
    ("Northland Trade Ministry > Newsroom > Press release", "Northland Trade Ministry"),
    ("Home > Newsroom > Press release", None),
])
def test_breadcrumb_names_the_site_and_the_heading_is_the_headline(tmp_path, crumb, publisher):
    doc = _doc(tmp_path, f"{crumb}\n\n# {TITLE}\n\n**Press release** | Lisbon, 3 October 2024\n\n{BODY}\n", "a.md")
    assert (doc.headline, doc.date_published, doc.publisher) == (TITLE, "2024-10-03", publisher)
    assert doc.text == BODY


@pytest.mark.parametrize("line", [
    "FILE PHOTO: Trucks wait outside a depot in Leeds, May 2, 2024. (AP Photo/Jo Roe, File)",
    "Workers load boxes at the depot. (Reuters Photo/Jo Roe)",
    "Lee reported from Leeds. Chen reported from York.",
    "Associated Press writer Jo Roe in York contributed to this report.",
    "___",
])
def test_captions_and_credits_are_not_body(tmp_path, line):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Ann Lee\nMarch 2, 2023\n\n{line}\n\n{BODY}\n\n{line}\n")
    assert doc.text == BODY


@pytest.mark.parametrize("heading", [
    "About Acme Widgets", "Forward-Looking Statements", "Media Contact:", "Contacts for media", "媒体联系人：",
])
def test_closing_sections_are_dropped(tmp_path, heading):
    doc = _doc(tmp_path, f"{TITLE}\n\nMarch 2, 2023\n\n{BODY}\n\n{heading}\nAcme Widgets makes widgets in 12 countries.\n")
    assert doc.text == BODY


@pytest.mark.parametrize(("lead", "date", "publisher"), [
    ("LEEDS, March 2, 2023 /PRNewswire/ -- ", "2023-03-02", "PRNewswire"),
    ("BOSTON, Jan. 5, 2024 /Business Wire/ -- ", "2024-01-05", "Business Wire"),
])
def test_press_release_wire_dateline(tmp_path, lead, date, publisher):
    doc = _doc(tmp_path, f"{TITLE}\n\n{lead}{BODY}\n")
    assert (doc.date_published, doc.publisher, doc.text) == (date, publisher, BODY)


@pytest.mark.parametrize("stamp", ["Last updated: June 10, 2025 11:42 a.m. ET", "Jan 21, 2025, 08:00 PT"])
def test_us_time_zones_in_timestamps(tmp_path, stamp):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Ann Lee\n{stamp}\n\n{BODY}\n")
    assert doc.date_published[:4] == "2025" and doc.text == BODY
