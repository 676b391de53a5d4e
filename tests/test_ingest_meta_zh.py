"""Chinese metadata rules: head lines with wide gaps, 丨 bylines, datelines that open the
first sentence, bylines inside record fields. Inputs are written for these tests."""
from __future__ import annotations

import json

import pytest

from tests.ingest_helpers import BODY_ZH as BODY
from tests.ingest_helpers import TITLE_ZH as TITLE
from tests.ingest_helpers import docs_of as _docs


@pytest.mark.parametrize(("head", "publisher", "author", "date"), [
    ("来源：东方日报　　发布时间：2023-03-05 09:10", "东方日报", None, "2023-03-05"),
    ("来源：东方日报  发布时间：2023-03-05 09:10  【字体：大 中 小】", "东方日报", None, "2023-03-05"),
    ("来源：东方日报　作者：本报记者 李明远", "东方日报", "李明远", None),
    ("2023年03月05日 09:10　来源：东方日报", "东方日报", None, "2023-03-05"),
    ("文丨李明远\n编辑丨王小二\n2023年03月05日 09:10", None, "李明远", "2023-03-05"),
    ("本报记者 李明远　实习生 王小二\n2023年3月5日", None, "李明远", "2023-03-05"),
])
def test_head_line_fields_apart_are_each_read(tmp_path, head, publisher, author, date):
    doc, = _docs(tmp_path, f"{TITLE}\n{head}\n\n{BODY}\n")
    assert (doc.headline, doc.publisher, doc.author, doc.date_published) == (TITLE, publisher, author, date)
    assert doc.text == BODY


@pytest.mark.parametrize(("lead", "publisher", "author"), [
    ("南方社广州3月5日电（记者李明远）", "南方社", "李明远"),
    ("东方网上海3月5日电 （记者 李明远、王小二）", "东方网", "李明远"),
    ("东方网杭州3月5日电（王小二）", "东方网", "王小二"),
    ("财经社3月5日电，", "财经社", None),
    ("本报北京3月5日电（通讯员 王小二）", None, "王小二"),
])
def test_chinese_dateline_gives_publisher_author_and_day_and_stays_in_the_body(tmp_path, lead, publisher, author):
    text = f"{TITLE}\n\n{lead}{BODY}截至2023年2月底，公司员工已超过800人。\n"
    doc, = _docs(tmp_path, text)
    assert (doc.publisher, doc.author, doc.date_published) == (publisher, author, "2023-03-05")
    assert doc.text.startswith(lead.strip())


def test_dateline_year_comes_from_the_documents_dates(tmp_path):
    doc, = _docs(tmp_path, f"{TITLE}\n\n南方社广州12月30日电（记者李明远）{BODY}新规自2024年1月1日起施行。\n")
    assert doc.date_published == "2023-12-30"


def test_a_column_in_brackets_is_no_author(tmp_path):
    doc, = _docs(tmp_path, f"{TITLE}\n\n南方社广州3月5日电（国际观察）{BODY}2023年计划不变。\n")
    assert doc.author is None


@pytest.mark.parametrize(("field", "author"), [
    ("本报记者 李明远", "李明远"),
    ("作者：李明远", "李明远"),
    ("李明远", "李明远"),
    ("Jane Doe", "Jane Doe"),
])
def test_record_author_field_holding_a_byline_gives_the_name(tmp_path, field, author):
    rec = {"title": TITLE, "author": field, "text": BODY}
    doc, = _docs(tmp_path, json.dumps(rec, ensure_ascii=False) + "\n", "a.jsonl")
    assert doc.author == author


def test_record_text_opening_with_a_byline_loses_it(tmp_path):
    rec = {"title": TITLE, "source": "东方新闻", "text": f"东方新闻记者 | 李明远\n\n{BODY}"}
    doc, = _docs(tmp_path, json.dumps(rec, ensure_ascii=False) + "\n", "a.jsonl")
    assert (doc.author, doc.text) == ("李明远", BODY)


@pytest.mark.parametrize("line", ["阅读 3.2万", "浏览量：1024", "【字体：大 中 小】"])
def test_view_counters_and_font_switches_are_chrome(tmp_path, line):
    doc, = _docs(tmp_path, f"{TITLE}\n2023-03-05 09:10\n{line}\n\n{BODY}\n")
    assert doc.text == BODY


@pytest.mark.parametrize(("banner", "publisher"), [
    ("东方日报 > 财经 > 公司", "东方日报"),
    ("首页 > 财经 > 正文", None),
    ("東方日報 ＞ 產業 ＞ 產業熱點", "東方日報"),
    ("东方日报·公司观察", "东方日报"),
])
def test_banner_above_the_headline_is_no_headline(tmp_path, banner, publisher):
    doc, = _docs(tmp_path, f"{banner}\n\n{TITLE}\n\n2023-03-05 09:10\n\n{BODY}\n")
    assert (doc.headline, doc.publisher, doc.date_published) == (TITLE, publisher, "2023-03-05")
    assert doc.text == BODY


@pytest.mark.parametrize("title", ["东方日报·独家：某某科技完成新一轮融资", "某某科技 > 行业 增长放缓，员工人数仍在增加"])
def test_headline_with_an_outlet_or_arrow_stays_the_headline(tmp_path, title):
    doc, = _docs(tmp_path, f"{title}\n\n2023-03-05 09:10\n\n{BODY}\n")
    assert doc.headline == title


@pytest.mark.parametrize(("line", "publisher", "author"), [
    ("2023-03-05 01:35 東方日報／記者李明遠／台北報導", "東方日報", "李明遠"),
    ("2023-03-05 01:35 東方日報∕記者李明遠∕台北報導", "東方日報", "李明遠"),
    ("东方日报/记者李明远", "东方日报", "李明远"),
])
def test_slash_byline_gives_outlet_and_reporter(tmp_path, line, publisher, author):
    doc, = _docs(tmp_path, f"{TITLE}\n\n{line}\n\n{BODY}\n")
    assert (doc.publisher, doc.author) == (publisher, author)
    assert doc.text == BODY


FLASH = """东方社 · 快讯 ｜ 2023/03/05 星期日

【某某科技完成新一轮融资】
东方社3月5日电，某某科技有限公司今日宣布完成新一轮融资，本轮资金将主要用于产品研发和市场拓展。

【甲乙物流拟收购丙丁仓储 交易金额2亿元】
东方社3月5日电，甲乙物流晚间公告，公司拟以现金2亿元收购丙丁仓储有限公司70%股权。
交易完成后，丙丁仓储将纳入合并报表范围。

【戊己平台：4月1日起下调商家保证金】
戊己平台发布公告称，自4月1日起新入驻商家的基础保证金由2000元下调至500元。

（编辑：王小二）
"""


def test_flash_items_under_bracketed_headlines_are_documents(tmp_path):
    container, *items = _docs(tmp_path, FLASH)
    assert container.is_container and container.date_published == "2023-03-05"
    assert container.publisher == "东方社" and not container.text
    assert [d.headline for d in items] == [
        "某某科技完成新一轮融资", "甲乙物流拟收购丙丁仓储 交易金额2亿元", "戊己平台：4月1日起下调商家保证金"]
    assert [d.date_published for d in items] == ["2023-03-05"] * 3
    assert [d.publisher for d in items] == ["东方社", "东方社", None]
    assert items[1].text.endswith("纳入合并报表范围。")
    assert "编辑" not in items[2].text and "甲乙" not in items[2].text


@pytest.mark.parametrize("text", [
    f"{TITLE}\n\n{BODY}\n\n【延伸阅读】\n某某科技去年营收增长两成\n某某科技发布新品\n",
    f"【{TITLE}】\n{BODY}\n\n{BODY}\n",
])
def test_one_bracketed_line_is_no_flash_list(tmp_path, text):
    assert len(_docs(tmp_path, text)) == 1


@pytest.mark.parametrize("heading", ["【延伸阅读】", "相关阅读", "[相關閱讀]"])
def test_related_links_with_titles_only_are_dropped(tmp_path, heading):
    doc, = _docs(tmp_path, f"{TITLE}\n2023-03-05 09:10\n\n{BODY}\n\n{heading}\n．某某科技去年营收增长两成\n．甲乙物流发布新品\n")
    assert doc.text == BODY and doc.headline == TITLE
