"""Several authors per document: byline splitting in text heads, closing credits, JSON
fields and HTML meta. Inputs are written for these tests (not taken from any corpus)."""
from __future__ import annotations

import json

import pytest

from kg.ingest.bylines import split_byline
from tests.ingest_helpers import BODY_EN, BODY_ZH
from tests.ingest_helpers import docs_of as _docs


@pytest.mark.parametrize(("byline", "names", "outlet"), [
    ("PAULA GRANT and TOMAS REYES", ["Paula Grant", "Tomas Reyes"], None),
    ("Ann Lee, Bo Chen and Cara Diaz", ["Ann Lee", "Bo Chen", "Cara Diaz"], None),
    ("Ann Lee, Bo Chen, and Cara Diaz", ["Ann Lee", "Bo Chen", "Cara Diaz"], None),
    ("Ann Lee & Bo Chen", ["Ann Lee", "Bo Chen"], None),
    ("PAULA GRANT / Daily Courier News", ["Paula Grant"], "Daily Courier News"),
    ("SEAN O'HARA", ["Sean O'Hara"], None),
    ("McKenzie Hart", ["McKenzie Hart"], None),
    ("周明轩 、黄雅婷", ["周明轩", "黄雅婷"], None),
    ("周明轩　实习生 黄雅婷", ["周明轩", "黄雅婷"], None),
    ("周明轩 / 黄雅婷", ["周明轩", "黄雅婷"], None),
    ("周明轩 黄雅婷 报道", ["周明轩", "黄雅婷"], None),
])
def test_split_byline(byline, names, outlet):
    assert split_byline(byline) == (names, outlet)


@pytest.mark.parametrize(("head", "authors", "publisher"), [
    ("By PAULA GRANT and TOMAS REYES\nDaily Courier News\nMarch 2, 2023",
     ("Paula Grant", "Tomas Reyes"), "Daily Courier News"),
    ("By Ann Lee, Bo Chen and Cara Diaz\nMarch 2, 2023", ("Ann Lee", "Bo Chen", "Cara Diaz"), None),
    ("By PAULA GRANT and TOMAS REYES / Daily Courier News\nMarch 2, 2023",
     ("Paula Grant", "Tomas Reyes"), "Daily Courier News"),
])
def test_english_byline_gives_every_author(tmp_path, head, authors, publisher):
    doc, = _docs(tmp_path, f"Acme opens three warehouses in the north\n\n{head}\n\n{BODY_EN}\n")
    assert (doc.authors, doc.publisher, doc.date_published) == (authors, publisher, "2023-03-02")
    assert doc.author == authors[0]


@pytest.mark.parametrize(("head", "authors"), [
    ("本报记者 周明轩　实习生 黄雅婷", ("周明轩", "黄雅婷")),
    ("记者 周明轩 黄雅婷", ("周明轩", "黄雅婷")),
    ("作者：周明轩、黄雅婷", ("周明轩", "黄雅婷")),
])
def test_chinese_byline_gives_every_author(tmp_path, head, authors):
    doc, = _docs(tmp_path, f"某某科技完成新一轮融资\n{head}\n2023-04-05 08:00\n\n{BODY_ZH}\n")
    assert doc.authors == authors


def test_closing_credit_gives_every_reporter(tmp_path):
    text = f"Acme opens three warehouses in the north\n\n{BODY_EN} (Reporting by Ann Lee and Bo Chen; Editing by Joe Cole)\n"
    doc, = _docs(tmp_path, text)
    assert doc.authors == ("Ann Lee", "Bo Chen") and "Reporting" not in doc.text


@pytest.mark.parametrize(("field", "authors"), [
    ("Ann Lee and Bo Chen", ("Ann Lee", "Bo Chen")),
    (["Ann Lee", "Bo Chen"], ("Ann Lee", "Bo Chen")),
    ("本报记者 周明轩 黄雅婷", ("周明轩", "黄雅婷")),
    ("周明轩、黄雅婷", ("周明轩", "黄雅婷")),
    ("Jane Doe", ("Jane Doe",)),
])
def test_record_author_field_with_several_names(tmp_path, field, authors):
    rec = {"title": "T", "author": field, "text": BODY_EN}
    doc, = _docs(tmp_path, json.dumps(rec, ensure_ascii=False) + "\n", "a.jsonl")
    assert doc.authors == authors


def test_html_json_ld_lists_every_author(tmp_path):
    ld = {"@type": "NewsArticle", "headline": "Acme opens warehouses",
          "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chen"}]}
    page = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
            f"<body><article><h1>Acme opens warehouses</h1><p>{BODY_EN}</p></article></body></html>")
    doc, = _docs(tmp_path, page, "a.html")
    assert doc.authors == ("Ann Lee", "Bo Chen")
