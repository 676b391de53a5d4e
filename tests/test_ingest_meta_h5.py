"""Layouts of a fifth batch: a site or section name over the first of stacked articles,
the author beside the time in an HTML meta row, tag pages scraped one token per line.
Inputs are written for these tests (not from any corpus)."""
from __future__ import annotations

import pytest

from tests.ingest_helpers import doc_of, docs_of

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


_PAGE = """<html><head><title>{title}</title></head><body><article>
<h1>{title}</h1>
<div class="article-meta">{meta}</div>
<div class="article-content"><p>{body}</p></div>
</article></body></html>"""
_ZH = "3月2日,甲乙科技宣布完成2亿元B轮融资,本轮由丙丁资本领投,资金将用于海外仓建设和系统研发,公司计划年内新增员工200人。"
_EN = ("Acme Widgets said on Friday it would open three new warehouses in the north of the country, "
       "adding about 400 jobs by the end of the year.")


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


@pytest.mark.parametrize(("kicker", "outlet"), [("海港日报首发", "海港日报"), ("晚点独家", "晚点"), ("星河網獨家", "星河網")])
def test_exclusive_kicker_of_the_title_names_the_outlet(tmp_path, kicker, outlet):
    title = f"{kicker} | 甲乙科技完成2亿元B轮融资,丙丁资本领投"
    meta = '<span class="author">张小明</span> · <span>2025年03月02日 08:30</span>'
    doc, = docs_of(tmp_path, _PAGE.format(title=title, meta=meta, body=_ZH), "a.html")
    assert (doc.publisher, doc.authors, doc.headline) == (outlet, ("张小明",), title)


def _tokens(*parts: str) -> str:
    return "\n".join(parts) + "\n"


_EN_ITEMS = [
    ("Globex to cut seller fees in Europe", "2025-03-02 09:10:00",
     "March 2 news, Globex said it will cut commission fees for sellers in Europe from April 1, 2025."),
    ("Globex opens a fourth warehouse in Leeds", "2025-02-20 18:00:00",
     "February 20 news, Globex said it opened its fourth warehouse in Leeds, adding 300 jobs."),
]


@pytest.mark.parametrize("nav", [
    ("Home", "News", "Retail", "Sign in", "Globex", "Tag archive"),
    ("Home", "Marketplaces", "Toggle theme", "Globex", "Category archive"),
])
def test_menu_and_tag_name_of_a_token_per_line_page_are_not_the_first_headline(tmp_path, nav):
    lines = list(nav)
    for head, when, body in _EN_ITEMS:
        lines += [*head.split(" ", 1), when, *body.split(" ")]
    lines += ["About us", "Advertise", "Privacy policy"]
    docs = [d for d in docs_of(tmp_path, _tokens(*lines)) if not d.is_container]
    assert [d.headline for d in docs] == [h for h, _, _ in _EN_ITEMS]
    assert [d.text for d in docs] == [b for _, _, b in _EN_ITEMS]


@pytest.mark.parametrize(("nav", "head"), [
    (("首页", "快讯", "登录", "甲乙电商", "标签页"), ("甲乙电商", "调整", "保证金", "规则")),
    (("首頁", "快訊", "甲乙電商", "標籤頁"), ("甲乙電商", "調整", "保證金", "規則")),
])
def test_chinese_tag_page_menu_is_dropped(tmp_path, nav, head):
    body = ("3月2日消息,", "甲乙", "电商", "发布公告,", "将", "保证金", "标准", "下调", "三成,", "新", "规则",
            "将于", "2025年4月1日起", "施行。")
    lines = [*nav, *head, "2025-03-02 10:12:40", *body, *head, "2025-02-02 10:12:40", *body, "联系我们"]
    docs = [d for d in docs_of(tmp_path, _tokens(*lines)) if not d.is_container]
    assert [d.headline for d in docs] == ["".join(head)] * 2
    assert docs[0].text == "".join(body)


@pytest.mark.parametrize(("parts", "joined"), [
    (["February 18 news,", "Globex", "said"], "February 18 news, Globex said"),
    (["from May 15, 2025,", "sellers", "who"], "from May 15, 2025, sellers who"),
    (["3月2日消息,", "1688", "平台"], "3月2日消息,1688平台"),
    (["Globex", ": sellers"], "Globex: sellers"),
])
def test_token_per_line_text_keeps_a_space_after_a_latin_comma(parts, joined):
    from kg.ingest.repair import join_fragments
    assert join_fragments(parts) == joined


_ARTICLE = ("# Globex to cut seller fees in Europe\n\n**By Jane Roe** · Published June 12, 2025\n\n"
            "Globex said on Wednesday it would cut commission fees for sellers in Europe from July 1, 2025, "
            "the first cut since the marketplace opened there.\n\n## Related reading\n\n")


@pytest.mark.parametrize("bullet", ["-", "*", "•"])
def test_dated_bullets_of_a_related_section_are_items_with_their_dates(tmp_path, bullet):
    entries = [("June 3", "Globex completed its acquisition of Initech Cards, a trading card grader.",
                "2025-06-03", "Globex completed its acquisition of Initech Cards, a trading card grader"),
               ("May 21", "Globex updated its refund policy for sellers of items over $500.",
                "2025-05-21", "Globex updated its refund policy for sellers of items over $500")]
    text = _ARTICLE + "".join(f"{bullet} **{d}** — {s}\n" for d, s, _, _ in entries)
    text += "\n*Share this article* · *Sign up for the Globex Weekly newsletter*\n"
    docs = [d for d in docs_of(tmp_path, text, "a.md") if not d.is_container]
    assert [(d.headline, d.date_published) for d in docs[1:]] == [(h, w) for _, _, w, h in entries]
    assert [d.text for d in docs[1:]] == [f"{d} — {s}" for d, s, _, _ in entries]


@pytest.mark.parametrize("row", ["Share this article · Sign up for the Globex Weekly newsletter",
                                 "Print | Share | Back to top", "分享 · 收藏 · 返回顶部"])
def test_row_of_page_furniture_is_chrome(row):
    from kg.ingest.repair import is_chrome
    assert is_chrome(row)


@pytest.mark.parametrize("line", ["Print and share the plan · 2025", "Globex · Share"])
def test_row_with_text_is_not_chrome(line):
    from kg.ingest.repair import is_chrome
    assert not is_chrome(line)


_ZH_LEAD_BODY = "甲乙电商昨日发布公告,将店铺基础保证金由2000元下调至1000元,新规自2025年8月1日起施行。"


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
