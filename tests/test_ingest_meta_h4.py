"""Page layouts of a fourth batch: bilingual mastheads with columns, slash breadcrumbs,
section menus of four-word items, a "Read more" button heading a link list, captions under
Markdown images, Chinese share/tag/button rows and site footers. Inputs are written for
these tests (not from any corpus)."""
from __future__ import annotations

import pytest

from kg.ingest import ingest_file
from tests.ingest_helpers import BODY_EN as BODY
from tests.ingest_helpers import TITLE_EN as TITLE
from tests.ingest_helpers import ZH_BODY, ZH_TITLE
from tests.ingest_helpers import doc_of as _doc


@pytest.mark.parametrize(("banner", "publisher"), [
    ("海港日報 Harbour Daily｜產業｜募資", "海港日報"),
    ("山城晚报 Shancheng Evening News · 科技 · 电商", "山城晚报"),
    ("星河新闻 Xinghe｜财经", "星河新闻"),
])
def test_bilingual_masthead_with_columns_names_the_outlet(tmp_path, banner, publisher):
    doc = _doc(tmp_path, f"{banner}\n\n{ZH_TITLE}\n\n2025年3月2日\n\n{ZH_BODY}\n")
    assert (doc.headline, doc.publisher) == (ZH_TITLE, publisher)
    assert doc.text == ZH_BODY


@pytest.mark.parametrize("crumb", ["Home / Retail / Deals", "Harbour Gazette / Business / Retail"])
def test_slash_breadcrumb_is_not_the_headline(tmp_path, crumb):
    doc = _doc(tmp_path, f"{crumb}\n\n{TITLE}\n\nBy Jane Roe\nMarch 2, 2025\n\n{BODY}\n")
    assert doc.headline == TITLE and doc.text == BODY


def test_slash_headline_is_kept(tmp_path):
    title = "Temu / Shein rivalry heats up as both cut seller fees in Europe"
    doc = _doc(tmp_path, f"{title}\n\nBy Jane Roe\nMarch 2, 2025\n\n{BODY}\n")
    assert doc.headline == title


@pytest.mark.parametrize("menu", ["Payments | Buy now, pay later", "Retail | Direct to consumer brands"])
def test_section_menu_above_the_headline_is_not_the_headline(tmp_path, menu):
    doc = _doc(tmp_path, f"RETAIL FRONTLINE\n{menu}\n\n{TITLE}\n\nMarch 2, 2025\nWritten by: Jane Roe\n\n{BODY}\n")
    assert (doc.headline, doc.authors) == (TITLE, ("Jane Roe",))
    assert doc.text == BODY


@pytest.mark.parametrize("heading", ["READ MORE", "Read more"])
def test_read_more_button_heading_a_link_list_closes_the_body(tmp_path, heading):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Jane Roe\nMarch 2, 2025\n\n{BODY}\n\n{heading}\n"
                         "> Rival opens a fourth warehouse\n> What the new rules mean for sellers\n")
    assert doc.text == BODY


def test_read_more_button_inside_a_body_keeps_the_story(tmp_path):
    more = "The company said hiring would start in April, with most roles in logistics and customer service."
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Jane Roe\nMarch 2, 2025\n\n{BODY}\n\nRead more\n\n{more}\n")
    assert doc.text == f"{BODY}\n{more}"


@pytest.mark.parametrize("caption", ["*A worker at the Leeds warehouse. (File photo)*", "_The new site in Leeds._"])
def test_emphasised_line_under_a_markdown_image_is_a_caption(tmp_path, caption):
    text = f"# {TITLE}\n\n*By Jane Roe | March 2, 2025*\n\n{BODY}\n\n![warehouse](/img/w.jpg)\n{caption}\n"
    doc = _doc(tmp_path, text, "a.md")
    assert doc.text == BODY


@pytest.mark.parametrize("line", [
    "图：甲乙科技仓库内景（资料图）",
    "（圖說：甲乙科技執行長。圖／甲乙提供）",
    "分享到：微信  微博  QQ空间",
    "分享：微信 | 微博 | 复制链接",
    "标签：跨境电商 融资",
    "【打印本页】【关闭窗口】",
    "【热门股票】 【行情中心】 【数据中心】",
    "点击关注甲乙周刊，获取更多行业资讯",
    "（本文仅供参考，不构成投资建议）",
    "主办：某某市人民政府办公室　　网站标识码：1234567890",
    "Also read: Rival opens a fourth warehouse",
    "Share this story | Follow us on LinkedIn",
    "Follow Retail Frontline on LinkedIn | Get our weekly newsletter",
    "Click here to get Harbour Wire alerts | Share | Print",
    "Unsubscribe | Manage preferences | Forward to a friend",
    "You're receiving Deal Digest because you subscribed at example.com.",
])
def test_page_furniture_is_not_body(tmp_path, line):
    body = ZH_BODY if any("\u4e00" <= c <= "\u9fff" for c in line) else BODY
    title = ZH_TITLE if body == ZH_BODY else TITLE
    doc = _doc(tmp_path, f"{title}\n\n2025-03-02 10:00\n\n{body}\n\n{line}\n")
    assert doc.text == body


@pytest.mark.parametrize(("byline", "author"), [("記者林小明／台北報導", "林小明"), ("记者王大力/深圳报道", "王大力")])
def test_reporter_byline_with_place_of_reporting(tmp_path, byline, author):
    doc = _doc(tmp_path, f"{ZH_TITLE}\n\n{byline}\n2025年3月2日\n\n{ZH_BODY}\n")
    assert doc.authors == (author,) and doc.text == ZH_BODY


@pytest.mark.parametrize(("line", "author"), [
    ("Retail brief | Posted Mar 2 | by Jane Roe, Staff Writer", "Jane Roe"),
    ("Deals column | Updated Mar 2 | By Jane Roe, Senior Reporter", "Jane Roe"),
])
def test_head_line_with_a_kicker_and_a_yearless_timestamp(tmp_path, line, author):
    doc = _doc(tmp_path, f"{TITLE}\n\n{line}\nHarbour Weekly — March 2, 2025\n\n{BODY}\n")
    assert (doc.authors, doc.publisher, doc.date_published) == ((author,), "Harbour Weekly", "2025-03-02")
    assert doc.text == BODY


@pytest.mark.parametrize(("byline", "author"), [
    ("By Jane Roe, Retail Correspondent", "Jane Roe"),
    ("By Jane Roe, Columnist", "Jane Roe"),
])
def test_job_title_after_a_byline_name_is_no_author(tmp_path, byline, author):
    doc = _doc(tmp_path, f"{TITLE}\n\n{byline}\nMarch 2, 2025\n\n{BODY}\n")
    assert doc.authors == (author,)


@pytest.mark.parametrize("stamp", ["2025-03-02 16:05:37", "2025年3月2日"])
def test_government_page_head_line_of_labelled_fields(tmp_path, stamp):
    line = f"发布时间：{stamp}　　信息来源：某某融媒　　作者：张小明　　【字体：大 中 小】"
    doc = _doc(tmp_path, f"{ZH_TITLE}\n\n{line}\n\n{ZH_BODY}\n")
    assert (doc.date_published, doc.publisher, doc.authors) == ("2025-03-02", "某某融媒", ("张小明",))
    assert doc.text == ZH_BODY


@pytest.mark.parametrize(("line", "publisher"), [
    ("Staff report — Harbour Wire", "Harbour Wire"),
    ("Staff — Harbour Daily", "Harbour Daily"),
])
def test_staff_byline_names_the_outlet_only(tmp_path, line, publisher):
    doc = _doc(tmp_path, f"{TITLE}\n\nMarch 2, 2025 6:48 PM ET\n{line}\n\n{BODY}\n\n"
                         "Reporting by Harbour Wire staff; editing by J. Roe\n")
    assert (doc.publisher, doc.authors, doc.text) == (publisher, (), BODY)


@pytest.mark.parametrize("masthead", ["DEAL DIGEST — Edition of Thursday, March 6, 2025",
                                      "Deal Digest — Issue of March 6, 2025"])
def test_newsletter_masthead_dates_and_publishes_its_items(tmp_path, masthead):
    other = "Beta Stores said it would close 12 shops in the south after a weak holiday season, cutting 300 jobs."
    text = (f"{masthead}\nIn today's issue: two stories\n=====\n\n{TITLE}\n\nBy Jane Roe\nMarch 6, 2025\n\n{BODY}\n\n"
            f"-----\n\nBeta Stores to close 12 shops in the south\n\nBy John Doe\nMarch 6, 2025\n\n{other}\n")
    path = tmp_path / "n.txt"
    path.write_text(text, encoding="utf-8")
    docs = ingest_file(path, tmp_path).documents
    items = [d for d in docs if not d.is_container]
    assert [d.publisher for d in items] == ["Deal Digest", "Deal Digest"]
    assert [d.date_published for d in items] == ["2025-03-06", "2025-03-06"]
