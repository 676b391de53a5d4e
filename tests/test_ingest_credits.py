"""Who wrote a story: bylines above or under it, reporters with their outlet, author fields and
meta rows that name the site, credits in brackets. Inputs are written for these tests (not from any corpus)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_helpers import BODY_EN as BODY
from tests.ingest_helpers import META_ROW_BODY_ZH as _ZH
from tests.ingest_helpers import META_ROW_PAGE as _PAGE
from tests.ingest_helpers import TITLE_EN as TITLE
from tests.ingest_helpers import ZH_BODY, ZH_TITLE, doc_of, docs_of
from tests.ingest_helpers import doc_of as _doc
from tests.ingest_helpers import newsletter_zh as _newsletter

_EN = ("Acme Widgets said on Friday it would open three new warehouses in the north of the country, "
       "adding about 400 jobs by the end of the year.")


_ZH_LEAD_BODY = "甲乙电商昨日发布公告,将店铺基础保证金由2000元下调至1000元,新规自2025年8月1日起施行。"


@pytest.mark.parametrize("byline", ["By Ravi Menon", "By RAVI MENON"])
def test_byline_under_the_story_is_the_author_not_an_article(tmp_path, byline):
    doc = _doc(tmp_path, f"Harbour Gazette\n\n{TITLE}\n\nLONDON, Aug 5 (Harbour Gazette) — {BODY} "
                         f"It expects to start in 2026.\n\n{byline}\nTuesday, August 5, 2025\n\nAdvertisement\n")
    assert (doc.headline, doc.authors, doc.date_published) == (TITLE, ("Ravi Menon",), "2025-08-05")


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


@pytest.mark.parametrize(("byline", "author"), [("記者林小明／台北報導", "林小明"), ("记者王大力/深圳报道", "王大力")])
def test_reporter_byline_with_place_of_reporting(tmp_path, byline, author):
    doc = _doc(tmp_path, f"{ZH_TITLE}\n\n{byline}\n2025年3月2日\n\n{ZH_BODY}\n")
    assert doc.authors == (author,) and doc.text == ZH_BODY


@pytest.mark.parametrize(("byline", "author"), [
    ("By Jane Roe, Retail Correspondent", "Jane Roe"),
    ("By Jane Roe, Columnist", "Jane Roe"),
])
def test_job_title_after_a_byline_name_is_no_author(tmp_path, byline, author):
    doc = _doc(tmp_path, f"{TITLE}\n\n{byline}\nMarch 2, 2025\n\n{BODY}\n")
    assert doc.authors == (author,)


@pytest.mark.parametrize(("line", "publisher"), [
    ("Staff report — Harbour Wire", "Harbour Wire"),
    ("Staff — Harbour Daily", "Harbour Daily"),
])
def test_staff_byline_names_the_outlet_only(tmp_path, line, publisher):
    doc = _doc(tmp_path, f"{TITLE}\n\nMarch 2, 2025 6:48 PM ET\n{line}\n\n{BODY}\n\n"
                         "Reporting by Harbour Wire staff; editing by J. Roe\n")
    assert (doc.publisher, doc.authors, doc.text) == (publisher, (), BODY)


@pytest.mark.parametrize(("meta", "body", "authors"), [
    ('<span class="author">张小明</span> · <span class="time">2025年03月02日 08:30</span>', _ZH, ("张小明",)),
    ('<span class="byline">王芳</span>｜<span>2025-03-02 08:30</span>', _ZH, ("王芳",)),
    ('<a rel="author" href="/u/1">Jane Roe</a> · <span>2025-03-02 08:30</span>', _EN, ("Jane Roe",)),
    ('<span class="post-author-name">By Jane Roe</span> · <time>March 2, 2025</time>', _EN, ("Jane Roe",)),
])
def test_author_element_in_the_meta_row_is_the_author_not_the_outlet(tmp_path, meta, body, authors):
    title = "Acme Widgets to open three warehouses" if body == _EN else "甲乙科技完成2亿元B轮融资"
    doc, = docs_of(tmp_path, _PAGE.format(title=title, meta=meta, body=body), "a.html")
    assert (doc.authors, doc.date_published) == (authors, "2025-03-02")
    assert doc.publisher is None


@pytest.mark.parametrize(("lead", "publisher", "authors"), [
    ("海港日报讯(记者 张小明)", "海港日报", ("张小明",)),
    ("山城晚报讯（记者：王芳 李强）", "山城晚报", ("王芳",)),
    ("星河网讯（实习生 刘一）", "星河网", ("刘一",)),
])
def test_outlet_lead_with_reporter_and_no_date_names_author_and_outlet(tmp_path, lead, publisher, authors):
    doc = doc_of(tmp_path, f"甲乙电商下调商家保证金标准\n2025-07-18 09:12\n{lead}{_ZH_LEAD_BODY}\n")
    assert (doc.publisher, doc.authors, doc.date_published) == (publisher, authors, "2025-07-18")
    assert doc.text == f"{lead}{_ZH_LEAD_BODY}"


@pytest.mark.parametrize(("credit", "publisher", "authors"), [
    ("海港日报记者 张小明", "海港日报", ("张小明",)),
    ("星河网记者：王芳", "星河网", ("王芳",)),
])
def test_outlet_reporter_credit_under_the_story_is_the_byline(tmp_path, credit, publisher, authors):
    doc = doc_of(tmp_path, f"甲乙电商下调商家保证金标准\n2025-07-18 09:12\n{_ZH_LEAD_BODY}\n\n{credit}\n")
    assert (doc.publisher, doc.authors, doc.text) == (publisher, authors, _ZH_LEAD_BODY)


@pytest.mark.parametrize("tail", ["（记者张三）", "（完）", "（资料图）"])
def test_credits_and_marks_in_brackets_are_no_publisher(tmp_path: Path, tail: str) -> None:
    _, *items = docs_of(tmp_path, _newsletter("电商快报 2024年9月20日", tail=tail))
    assert all(it.publisher is None for it in items)
