"""Metadata rules of ingest: timestamp lines, head blocks, wire datelines, closing credits,
kicker titles. Inputs are written for these tests (not taken from any corpus)."""
from __future__ import annotations

import pytest

from kg.ingest.dates import is_timestamp_line
from kg.ingest.lexicon import load_markers
from kg.ingest.meta import read_meta, split_title
from tests.ingest_helpers import BODY_EN, BODY_ZH
from tests.ingest_helpers import docs_of as _doc


@pytest.mark.parametrize(("line", "expected"), [
    ("Posted 7:05 PM BST, Fri Mar 8, 2023", True),
    ("Last updated: 14 February 2022", True),
    ("Published: 6:30am, 3 June 2021", True),
    ("发布时间：2023-04-05 08:00", True),
    ("Mar 8, 2023, 7:05 AM GMT+1", True),
    ("Oct 2 2022", True),
    ("Sales rose on March 8, 2023 after the launch", False),
    ("Acme Widgets 2023-03-08 results", False),
])
def test_timestamp_line_with_label_time_and_zone(line: str, expected: bool):
    assert is_timestamp_line(line, load_markers().of("timestamp_label_re")) is expected


@pytest.mark.parametrize(("lead", "publisher", "date"), [
    ("LONDON, March 8 (AP) - ", "AP", "2023-03-08"),
    ("RIO DE JANEIRO, Mar 8 (Reuters) - ", "Reuters", "2023-03-08"),
    ("ZÜRICH, March 8 (Reuters) -- ", "Reuters", "2023-03-08"),
])
def test_wire_dateline_gives_publisher_and_date_and_leaves_the_body(tmp_path, lead, publisher, date):
    text = (f"Acme Widgets to open three warehouses\n\nBy Jane Roe\n\n{lead}{BODY_EN}\n\n"
            "The company reported results on March 1, 2023.\n")
    (doc,) = _doc(tmp_path, text)
    assert (doc.publisher, doc.date_published, doc.author) == (publisher, date, "Jane Roe")
    assert doc.text.startswith("Acme Widgets said")


@pytest.mark.parametrize(("lead", "rest"), [
    ("(Nikkei) --\n\n", "Acme Widgets said"),
    ("TOKYO — ", "Acme Widgets said"),
])
def test_outlet_or_city_dateline_is_not_body(tmp_path, lead, rest):
    (doc,) = _doc(tmp_path, f"Acme Widgets to open three warehouses\n\n{lead}{BODY_EN}\n")
    assert doc.text.startswith(rest)


@pytest.mark.parametrize(("head", "publisher", "author", "date"), [
    ("Jane Roe in Paris\nOct 2 2022", None, "Jane Roe", "2022-10-02"),
    ("Daily Courier News\nPosted Oct 2, 2022\nTom Li, Staff Writer", "Daily Courier News", "Tom Li", "2022-10-02"),
    ("By Tom Li · Wirewatch · October 2, 2022", "Wirewatch", "Tom Li", "2022-10-02"),
    ("- Sales rose 8 per cent\n- Three warehouses\n\nTom Li in Leeds\nPublished: 9:10am, 2 October 2022",
     None, "Tom Li", "2022-10-02"),
])
def test_english_head_block(tmp_path, head, publisher, author, date):
    (doc,) = _doc(tmp_path, f"Acme Widgets to open three warehouses\n\n{head}\n\n{BODY_EN}\n")
    assert (doc.publisher, doc.author, doc.date_published) == (publisher, author, date)
    assert "Tom Li" not in doc.text and "Jane Roe" not in doc.text


@pytest.mark.parametrize(("head", "publisher", "author"), [
    ("南方日报讯（记者 王大明）", "南方日报", "王大明"),
    ("经济观察报记者 李小红 北京报道", "经济观察报", "李小红"),
    ("文｜陈一", None, "陈一"),
    ("华夏时报\n作者：陈一", "华夏时报", "陈一"),
    ("华夏时报", "华夏时报", None),
    ("财新网讯", "财新网", None),
])
def test_chinese_head_block(tmp_path, head, publisher, author):
    (doc,) = _doc(tmp_path, f"某某科技完成新一轮融资 加码研发\n{head}\n2023-04-05 08:00\n\n{BODY_ZH}\n")
    assert (doc.publisher, doc.author, doc.date_published) == (publisher, author, "2023-04-05")


@pytest.mark.parametrize(("tail", "field", "value"), [
    ("(Reporting by Anna Bell in Leeds; Editing by Joe Cole)", "author", "Anna Bell"),
    ("（记者：王大明　编辑：李四）", "author", "王大明"),
    ("Oct 2, 2022, 4:05 PM GMT+8", "date", "2022-10-02"),
    ("This article appeared in the Daily Courier print edition as: Acme expands", "publisher", "Daily Courier"),
    ("本文由南方日报原创，转载请联系授权。", "publisher", "南方日报"),
])
def test_closing_lines_are_read_and_dropped(tail, field, value):
    meta = read_meta([BODY_EN, "", tail], head=False)
    assert getattr(meta, field) == value
    assert meta.body == [BODY_EN]


def test_lone_outlet_line_at_the_end_is_the_publisher():
    meta = read_meta([BODY_ZH, "", "华夏时报"], head=False)
    assert (meta.publisher, meta.body) == ("华夏时报", [BODY_ZH])


@pytest.mark.parametrize(("title", "headline", "site"), [
    ("界面获悉｜某公司完成B轮融资", "界面获悉｜某公司完成B轮融资", "界面"),
    ("Acme opens three warehouses | Daily Courier", "Acme opens three warehouses", "Daily Courier"),
    ("快讯｜某公司完成新一轮融资 加码研发", "快讯｜某公司完成新一轮融资 加码研发", None),
])
def test_kicker_titles_keep_the_whole_headline(title, headline, site):
    assert split_title(title) == (headline, site)


def test_lead_source_names_the_publisher(tmp_path):
    (doc,) = _doc(tmp_path, f"某某科技完成新一轮融资\n2023-04-05\n\n界面获悉，{BODY_ZH}\n")
    assert doc.publisher == "界面"


@pytest.mark.parametrize("separator", ["\n----------\n", "\n"])
def test_stacked_articles_with_head_blocks_and_wire_datelines(tmp_path, separator):
    text = ("Acme Widgets to open three warehouses\n\nDaily Courier News\nPublished March 2, 2023\n"
            f"Tom Li, Reporter\n\n{BODY_EN}\n\nThe plan was approved in February.\n{separator}\n"
            "Bolt Foods teams up with Acme on deliveries\n\n"
            "OSLO, March 3 (Reuters) - Bolt Foods said on Friday it had agreed a delivery partnership "
            "with Acme Widgets covering 20 cities in the region.\n\n"
            "(Reporting by Anna Bell; Editing by Joe Cole)\n")
    docs = [d for d in _doc(tmp_path, text) if not d.is_container]
    assert [(d.headline, d.date_published, d.publisher, d.author) for d in docs] == [
        ("Acme Widgets to open three warehouses", "2023-03-02", "Daily Courier News", "Tom Li"),
        ("Bolt Foods teams up with Acme on deliveries", "2023-03-03", "Reuters", "Anna Bell"),
    ]
    assert docs[1].text.startswith("Bolt Foods said")


def test_consecutive_published_and_updated_lines_are_one_article(tmp_path):
    text = (f"Acme Widgets to open three warehouses\n\nPublished Thu, Mar 2 2023 3:12 PM EST\n"
            f"Updated Thu, Mar 2 2023 5:40 PM EST\n\nKEY POINTS\n- Three warehouses\n\n{BODY_EN}\n")
    (doc,) = _doc(tmp_path, text)
    assert doc.date_published == "2023-03-02"


def test_markdown_markup_does_not_hide_the_byline(tmp_path):
    text = (f"# Acme Widgets to open three warehouses\n\n**By Tom Li** · *Wirewatch* · March 2, 2023\n\n"
            f"![photo](https://example.com/a.jpg)\n\n{BODY_EN} Read the [filing](https://example.com).\n")
    (doc,) = _doc(tmp_path, text, "a.md")
    assert (doc.headline, doc.author, doc.publisher, doc.date_published) == (
        "Acme Widgets to open three warehouses", "Tom Li", "Wirewatch", "2023-03-02")
    assert doc.text.endswith("Read the filing.")


def test_outlet_line_between_timestamp_and_wire_dateline_is_one_article(tmp_path):
    text = (f"Acme Widgets to open three warehouses\n\nBy Tom Li\nMar 2, 2023 07:15 PM\nDaily Courier News\n\n"
            f"OSLO — {BODY_EN}\n\nThe plan was approved in February.\n")
    (doc,) = _doc(tmp_path, text)
    assert (doc.author, doc.publisher, doc.date_published) == ("Tom Li", "Daily Courier News", "2023-03-02")
