"""Decoding, readers, repairs and bad inputs of the ingest stage."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import IngestError, LexiconError
from kg.ingest import SUPPORTED_SUFFIXES, ingest_corpus, ingest_file
from kg.ingest.decode import decode_bytes
from kg.ingest.lexicon import parse_markers
from kg.ingest.repair import clean_lines, join_fragments

ZH = "阿里巴巴1688今日发布关于实力商家、工业品牌、超级工厂店小蜜权益下线的通知。通知称，因业务调整及系统升级，服务将于下月停止。"
TW = "阿里巴巴1688今日發布關於實力商家、工業品牌、超級工廠店小蜜權益下線的通知。通知稱，因業務調整及系統升級，服務將於下月停止。"
EN = "Hello world.\n" + ZH


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (ZH, "gb18030", "gb18030"),
        (ZH, "gbk", "gb18030"),
        (TW, "big5", "big5"),
        (TW, "gb18030", "gb18030"),
        (ZH, "utf-8", "utf-8"),
        (ZH, "utf-8-sig", "utf-8-sig"),
        (ZH, "utf-16", "utf-16-le"),
        (ZH, "utf-16-le", "utf-16-le"),
        (ZH, "utf-16-be", "utf-16-be"),
        (EN, "utf-16-le", "utf-16-le"),
        (EN, "utf-16-be", "utf-16-be"),
    ],
    ids=["gb18030", "gbk", "big5-traditional", "traditional-in-gb18030", "utf8", "utf8-bom", "utf16-bom",
         "utf16le-nobom-cjk", "utf16be-nobom-cjk", "utf16le-nobom-ascii", "utf16be-nobom-ascii"],
)
def test_ingest_decode_encodings(text, codec, expected):
    decoded = decode_bytes(text.encode(codec), "f.txt")
    assert decoded.encoding == expected
    assert decoded.text.lstrip("\ufeff") == text


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"  \n\n", "empty"), (bytes(range(256)) * 4, "binary"), (b"\x00\x01\x02\x03" * 50, "binary")],
    ids=["empty", "blank", "all-bytes", "nul-control"],
)
def test_ingest_decode_rejects(data, message):
    with pytest.raises(IngestError, match=message):
        decode_bytes(data, "f.txt")


def _write(root: Path, name: str, data: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_ingest_gb18030_file_is_one_article(tmp_path):
    text = "阿里巴巴发布新规\n\n记者 张三\n2021年8月15日\n\n" + ZH + "\n来源：新华网\n"
    result = ingest_file(_write(tmp_path, "a/news.txt", text.encode("gb18030")), tmp_path)
    assert result.path == "a/news.txt" and result.encoding == "gb18030" and result.status == "ok"
    (doc,) = result.documents
    assert doc.key == "a/news.txt" and doc.headline == "阿里巴巴发布新规"
    assert (doc.author, doc.date_published, doc.publisher, doc.lang) == ("张三", "2021-08-15", "新华网", "zh")
    assert doc.text == ZH


@pytest.mark.parametrize(
    ("byline", "author"),
    [("By John Smith", "John Smith"), ("作者：李四", "李四"), ("文/王五", "王五"), ("记者 张三", "张三")],
    ids=["by-en", "zuozhe", "wen-slash", "jizhe"],
)
def test_ingest_bylines(tmp_path, byline, author):
    body = "Amazon changed its rules for sellers today. The change applies to all stores."
    result = ingest_file(_write(tmp_path, "b.txt", f"Amazon changes seller rules\n{byline}\n{body}\n"), tmp_path)
    (doc,) = result.documents
    assert doc.author == author and doc.text == body


HTML = """<!doctype html><html><head><title>Site | Ignored</title>
<meta property="og:title" content="Kuaishou issues new rules | Example News">
<meta property="article:published_time" content="2022-03-01T08:00:00+08:00">
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example News">
<script>var x = "script text";</script><style>.a{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/x">Markets</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>Kuaishou issues new rules</h1>
<p>On March 1, Kuaishou E-commerce issued a new announcement on <b>promotion standards</b>.</p>
<p>The standards will take effect on March 8, 2022.</p></article>
<footer>Copyright 2022 Example News. All rights reserved.</footer></body></html>"""


def test_ingest_html_article(tmp_path):
    result = ingest_file(_write(tmp_path, "page.html", HTML), tmp_path)
    assert result.format == "html" and result.status == "ok"
    (doc,) = result.documents
    assert doc.headline == "Kuaishou issues new rules"
    assert (doc.date_published, doc.author, doc.publisher) == ("2022-03-01", "Jane Doe", "Example News")
    assert doc.text == ("On March 1, Kuaishou E-commerce issued a new announcement on promotion standards.\n"
                        "The standards will take effect on March 8, 2022.")
    for junk in ("script text", "color", "cookies", "Markets", "Copyright"):
        assert junk not in doc.text


def test_ingest_html_json_ld_and_time(tmp_path):
    page = ('<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"京东发布新规",'
            '"datePublished":"2023-03-13","author":{"name":"刘峰"}}</script></head><body><main>'
            f"<p>{ZH}</p></main></body></html>")
    (doc,) = ingest_file(_write(tmp_path, "p.htm", page), tmp_path).documents
    assert (doc.headline, doc.date_published, doc.author, doc.lang) == ("京东发布新规", "2023-03-13", "刘峰", "zh")


def test_ingest_jsonl_keeps_good_records(tmp_path):
    lines = [
        json.dumps({"title": "A", "text": ZH, "date": "2023-03-13", "source": "电商报", "url": "http://x/a"}),
        "{not json",
        json.dumps({"title": "B"}),
        json.dumps({"headline": "C", "content": "Amazon changed its rules.", "publisher": "Reuters", "author": "J"}),
    ]
    result = ingest_file(_write(tmp_path, "d.jsonl", "\n".join(lines)), tmp_path)
    assert [d.key for d in result.documents] == ["d.jsonl#record 1", "d.jsonl#record 3"]
    a, c = result.documents
    assert (a.headline, a.date_published, a.publisher, a.url, a.lang) == ("A", "2023-03-13", "电商报", "http://x/a", "zh")
    assert (c.headline, c.publisher, c.author, c.lang, c.text) == ("C", "Reuters", "J", "en", "Amazon changed its rules.")
    assert [(p.line, p.severity) for p in result.problems] == [(2, "error"), (3, "error")]
    assert "d.jsonl:2" in str(result.problems[0]) and result.status == "partial"


@pytest.mark.parametrize(
    ("payload", "count"),
    [
        ([{"text": "One."}, {"body": "Two."}], 2),
        ({"items": [{"text": "One."}]}, 1),
        ({"articles": [{"text": "One."}, {"text": "Two."}, {"text": "Three."}]}, 3),
        ({"data": [{"content": "One."}]}, 1),
    ],
    ids=["list", "items", "articles", "data"],
)
def test_ingest_json_shapes(tmp_path, payload, count):
    result = ingest_file(_write(tmp_path, "r.json", json.dumps(payload)), tmp_path)
    assert len(result.documents) == count and result.status == "ok"
    assert result.documents[-1].position == f"record {count}"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blob.txt", b"\x00\x01\x02\x03\xff" * 100, "binary"),
        ("scalar.json", b"42", "neither a list"),
        ("broken.json", b'{"items": [', "malformed JSON"),
        ("chrome.txt", "首页\n快讯\nToggle theme\n".encode(), "no article text"),
    ],
    ids=["empty", "binary", "json-scalar", "json-broken", "only-chrome"],
)
def test_ingest_bad_inputs_are_problems(tmp_path, name, data, message):
    result = ingest_file(_write(tmp_path, name, data), tmp_path)
    assert result.status == "failed" and not result.documents
    assert any(message in p.message and p.severity == "error" for p in result.problems)


def test_ingest_unsupported_and_hidden(tmp_path):
    _write(tmp_path, "img.png", b"\x89PNG\r\n")
    _write(tmp_path, ".hidden.txt", "secret")
    _write(tmp_path, ".git/x.txt", "secret")
    _write(tmp_path, "sub/ok.md", "Title line here\n\nBody sentence one.\n")
    results = list(ingest_corpus(tmp_path))
    assert [r.path for r in results] == ["img.png", "sub/ok.md"]
    png = results[0]
    assert png.format == "unsupported" and png.problems[0].message == "skipped: unsupported file type .png"
    assert png.problems[0].severity == "warning"
    assert ".md" in SUPPORTED_SUFFIXES and ".png" not in SUPPORTED_SUFFIXES


def test_ingest_unreadable_file(tmp_path):
    folder = tmp_path / "not-a-file.txt"
    folder.mkdir()
    result = ingest_file(folder, tmp_path)
    assert result.status == "failed" and "cannot read" in result.problems[0].message


def test_ingest_undecodable_bytes_flagged(tmp_path):
    data = b"Amazon changed its rules for sellers.\n" * 5 + b"\xff\xfe\xfa bad \x81\n"
    result = ingest_file(_write(tmp_path, "mixed.txt", data), tmp_path)
    assert result.problems and all(p.path == "mixed.txt" for p in result.problems)


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["1688", "平台", "将于"], "1688平台将于"),
        (["Toggle", "theme"], "Toggle theme"),
        (["店小蜜", "1688", "版"], "店小蜜1688版"),
    ],
    ids=["digits-han", "latin", "han-digits-han"],
)
def test_ingest_join_fragments(parts, joined):
    assert join_fragments(parts) == joined


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("首页\n快讯\n正文第一句。\nformat-jpg\n‹‹\n‹\n1\n2\n›\n››", ["正文第一句。"]),
        ("Body one.\nNext page\nBody two.", ["Body one.", "Body two."]),
        ("正文。\n1、该内容为作者独立观点,不代表电商报观点或立场。\n3、如对本稿件有异议或投诉,请联系:info@dsb.cn", ["正文。"]),
        ("Text here.\nEditor in charge: Fang Xiao#\n责任编辑：王五", ["Text here."]),
    ],
    ids=["chrome-pagination", "next-page", "copyright", "editor"],
)
def test_ingest_clean_lines(text, kept):
    lines, _ = clean_lines(text)
    assert [ln for ln in lines if ln] == kept


@pytest.mark.parametrize(
    ("rows", "where"),
    [("chrome\tok\nbogus\tx\n", ":2:"), ("chrome_re\t(unclosed\n", ":1:"), ("source_re\tno group\n", ":1:"),
     ("chrome\n", ":1:")],
    ids=["unknown-kind", "bad-regex", "missing-group", "no-tab"],
)
def test_ingest_markers_validation(rows, where):
    with pytest.raises(LexiconError, match=f"markers.tsv{where}"):
        parse_markers(rows, "markers.tsv")


@pytest.mark.parametrize("ending", ["\n", "\n\n", "\r\n"])
def test_ingest_one_line_file_is_its_body(tmp_path, ending):
    """A file holding one line that reads like a headline, then only a line break, is that line's
    article: its text is the body (extraction reads the body), not an empty body under a headline."""
    from tests.ingest_helpers import doc_of

    line = "某某科技发布新款跨境物流服务 首批覆盖东南亚六国"
    doc = doc_of(tmp_path, line + ending)
    assert doc.text == line
    assert doc.headline is None
