"""Page layouts of a third batch: the outlet or a dateline above the headline, a byline under
the story, stacked wire stories, a dek before a wire dateline, related-link lines, outlet
editor credits and app promotions. Inputs are written for these tests (not from any corpus)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_helpers import BODY_EN as BODY
from tests.ingest_helpers import TITLE_EN as TITLE
from tests.ingest_helpers import ZH_BODY, ZH_TITLE
from tests.ingest_helpers import docs_of as _docs


def _doc(tmp_path: Path, text: str, name: str = "a.txt"):
    doc, = _docs(tmp_path, text, name)
    return doc


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


@pytest.mark.parametrize("byline", ["By Ravi Menon", "By RAVI MENON"])
def test_byline_under_the_story_is_the_author_not_an_article(tmp_path, byline):
    doc = _doc(tmp_path, f"Harbour Gazette\n\n{TITLE}\n\nLONDON, Aug 5 (Harbour Gazette) — {BODY} "
                         f"It expects to start in 2026.\n\n{byline}\nTuesday, August 5, 2025\n\nAdvertisement\n")
    assert (doc.headline, doc.authors, doc.date_published) == (TITLE, ("Ravi Menon",), "2025-08-05")


@pytest.mark.parametrize("stamp", ["November 3, 2025 7:42 AM GMT · Updated 2 hours ago",
                                   "November 3, 2025 7:42 AM GMT · Updated 15 minutes ago"])
def test_stacked_wire_stories_with_relative_update_times_are_split(tmp_path, stamp):
    first = f"{TITLE}\n\nBy Ann Lee\n{stamp}\n\nNov 3 (Reuters) - {BODY}\n\n{BODY}\n\n"
    second = ("Beta Parcel completes purchase of locker firm\n\nBy Jo Roe\nOctober 1, 2025 10:15 AM GMT+2\n\n"
              "WARSAW, Oct 1 (Reuters) - Beta Parcel said on Wednesday it had completed its purchase of a "
              "locker operator.\n\nRelated coverage\n- Gamma raises outlook\n- Delta expands lockers\n")
    docs = _docs(tmp_path, first + second)
    items = [(d.headline, d.date_published, d.publisher, d.authors) for d in docs if not d.is_container]
    assert items == [(TITLE, "2025-11-03", "Reuters", ("Ann Lee",)),
                     ("Beta Parcel completes purchase of locker firm", "2025-10-01", "Reuters", ("Jo Roe",))]
    assert "Gamma" not in docs[-1].text


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


@pytest.mark.parametrize("line", [
    "Related: Gamma's IPO plans in limbo | Delta shares slip below offer price",
    "Read more: Gamma faces scrutiny over pricing claims",
    "相关阅读：跨境电商物流出海，海外仓成新战场",
    "[PHOTO: Shoppers walk past a store in Columbus, Ohio. (AP Photo/John Riley)]",
    "Photo caption: Shoppers walk past a store in Columbus. (Credit: Shutterstock)",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "界面新闻编辑 | 刘畅",
    "字号  A+  A-      分享到：",
    "（本文不构成投资建议）",
    "风险提示：市场有风险，投资需谨慎。",
    "【财联社APP】 下载  |  “电报”快讯 7x24小时",
    "点击“在看”，分享给更多人",
    "新浪科技公众号",
    "[配图] 橙意集团总部 图片来源：视觉中国",
])
def test_page_furniture_is_not_body(tmp_path, line):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Ann Lee\nMarch 2, 2023\n\n{BODY}\n\n{line}\n\n{BODY}\n")
    assert line not in doc.text and doc.text.count("Acme") == 2


@pytest.mark.parametrize("heading", ["MORE FROM HARBOUR GAZETTE", "往期推荐：", "Trending now"])
def test_related_link_lists_are_not_body(tmp_path, heading):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Ann Lee\nMarch 2, 2023\n\n{BODY}\n\n{heading}\n- Gamma opens second store\n"
                         "- Delta changes seller fees again\n")
    assert doc.text == BODY


@pytest.mark.parametrize(("front", "expected"), [
    ("---\nlayout: post\ntitle: \"Acme opens warehouses\"\nauthor: Jo Roe\ndate: 2024-05-06\n---\n",
     ("Acme opens warehouses", ("Jo Roe",), "2024-05-06", None)),
    ("---\nlayout: post\nsite: Harbour Weekly\ntags: [deals, retail]\n---\n",
     (TITLE, ("Ann Lee",), "2023-03-02", "Harbour Weekly")),
])
def test_front_matter_is_metadata_not_text(tmp_path, front, expected):
    doc = _doc(tmp_path, f"{front}\n# {TITLE}\n\n**By Ann Lee** · March 2, 2023\n\n{BODY}\n", "a.md")
    assert (doc.headline, doc.authors, doc.date_published, doc.publisher) == expected
    assert doc.text == BODY


@pytest.mark.parametrize("line", [
    "[Share on X](#) · [Share on LinkedIn](#) · [Copy link](#)",
    "*Acme founders Jo Roe (left) and Ann Lee. Photo: Acme*",
    "**Subscribe to Harbour Weekly** — get deal news in your inbox every Tuesday.",
])
def test_markdown_page_furniture_is_not_body(tmp_path, line):
    doc = _doc(tmp_path, f"# {TITLE}\n\n**By Ann Lee** · March 2, 2023\n\n{line}\n\n{BODY}\n", "a.md")
    assert doc.text == BODY


@pytest.mark.parametrize("issuer", ["Acme Widgets, Inc.", "Acme Widgets Ltd."])
def test_issuer_line_under_news_provided_by_is_not_body(tmp_path, issuer):
    doc = _doc(tmp_path, f"{TITLE}\n\nNews provided by\n{issuer}\nJan 21, 2025, 08:00 ET\n\nShare this article\n\n"
                         f"NEW YORK, Jan. 21, 2025 /PRNewswire/ -- {BODY}\n")
    assert (doc.headline, doc.date_published, doc.publisher, doc.text) == (TITLE, "2025-01-21", "PRNewswire", BODY)


@pytest.mark.parametrize("stamp", ["Friday, March 7, 2025", "2025-03-07"])
def test_newsletter_date_is_its_own_and_dates_undated_items(tmp_path, stamp):
    items = "".join(f"{n}. Acme item number {n} opens a warehouse\n{lead}Acme Widgets opened a warehouse in town {n}.\n\n"
                    for n, lead in ((1, "On March 4, "), (2, ""), (3, "")))
    docs = _docs(tmp_path, f"ACME COMMERCE BRIEF — Weekly roundup, Issue #12\n{stamp}\n\n{items}")
    assert [d.date_published for d in docs] == ["2025-03-07", "2025-03-04", "2025-03-07", "2025-03-07"]


@pytest.mark.parametrize(("author", "names"), [("北京商报记者 赵天舒 王柳", ("赵天舒", "王柳")), ("记者 李华", ("李华",))])
def test_record_author_field_with_an_outlet(tmp_path, author, names):
    import json
    record = {"title": ZH_TITLE, "text": ZH_BODY, "author": author, "source": "北京商报", "date": "2025-11-15"}
    doc = _doc(tmp_path, json.dumps(record, ensure_ascii=False) + "\n", "a.jsonl")
    assert doc.authors == names


@pytest.mark.parametrize("site", ["亿邦动力", "甲乙网"])
def test_html_author_meta_naming_the_site_is_no_author(tmp_path, site):
    html = (f'<html><head><title>{ZH_TITLE}</title><meta property="og:site_name" content="{site}">'
            f'<meta property="article:author" content="{site} 孟晓"></head><body><article><h1>{ZH_TITLE}</h1>'
            f"<p>{ZH_BODY}</p></article></body></html>")
    doc = _doc(tmp_path, html, "a.html")
    assert doc.authors == ("孟晓",)
