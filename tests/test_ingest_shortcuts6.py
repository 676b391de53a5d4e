"""Shortcuts of ingest's speed round 6 answer as the steps they stand before: the first-words
test of `names_then_outlet`, the one reference-mark test per body of `body_text`, and the
attribute lists of the HTML reader's `_meta`. Inputs are written for these tests."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.ingest.build import body_text
from kg.ingest.head import _NAME_LIST, _given_names, is_outlet, names_then_outlet
from kg.ingest.lexicon import load_markers
from kg.ingest.repair import strip_scaffold

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _names_then_outlet_scan(part: str, m) -> tuple[list[str], str] | None:
    """`names_then_outlet` without its first-words test (every outlet length tried)."""
    if len(part) > 100 or not part.isascii():
        return None
    words = part.split()
    for k in range(min(4, len(words) - 2), 0, -1):
        outlet = " ".join(words[-k:])
        people = " ".join(words[:-k])
        if not _NAME_LIST.fullmatch(people) or not is_outlet(outlet, m):
            continue
        names = [people]
        for sep in m.of("byline_sep_re"):
            names = [n for piece in names for n in sep.split(piece) if n]
        if all(len(n.split()) >= 2 and n.split()[0] in _given_names() for n in names):
            return names, outlet
    return None


_PARTS = [
    "Jane Doe and Tomas Reyes Bloomberg News", "Maria Lopez Bloomberg News", "Jane Doe, Tomas Reyes Reuters",
    "jane Doe Bloomberg News", "Jane doe Bloomberg News", "Jane-Ann Doe Retail Dive", "J. Doe Retail Dive",
    "Acme Widget Sales Bloomberg News", "Jane Doe", "Jane Doe AP", "Jane  Doe   Daily Courier News",
    "Trip.com launched its seller financing tool in 28 markets.", "On 25 June 2025, Acme signed a deal.",
    "Jane O'Neil & Tomas Reyes Daily Courier News", "Jane Doe & Tomas Reyes Daily Courier News", "",
]


def _seed_lines() -> list[str]:
    return [ln.strip() for p in sorted(SEEDS.rglob("*")) if p.suffix in (".txt", ".md")
            for ln in p.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]


def test_names_then_outlet_answers_as_the_scan():
    m = load_markers()
    parts = _PARTS + _seed_lines()
    assert len(parts) > 100
    for part in parts:
        assert names_then_outlet(part, m) == _names_then_outlet_scan(part, m), part
    assert names_then_outlet("Jane Doe and Tomas Reyes Bloomberg News", m) is not None  # the test can fail


@pytest.mark.parametrize("body", [
    ["Summary: Acme raised prices [1] and cut jobs [2].", "", "Key Points: margins fell."],
    ["- Acme raised prices.", "Acme cut jobs [3]", "Core Insights: demand slowed"],
    ["Acme raised prices.", "Acme cut jobs."],
])
def test_body_text_strips_as_each_line_alone(body):
    m = load_markers()
    expected = "\n".join(p for ln in body if ln.strip() for p in strip_scaffold(ln.strip(), m))
    assert body_text(body, m) == expected


def test_strip_scaffold_without_marks_answers_as_the_search():
    m = load_markers()
    lines = [ln for ln in _seed_lines() if not m.possible("refmark_re", ln)]
    assert lines
    for ln in lines:
        assert strip_scaffold(ln, m, marks=False) == strip_scaffold(ln, m), ln


def test_html_meta_reads_as_soup_find():
    pytest.importorskip("bs4")
    from bs4 import BeautifulSoup

    from kg.ingest.html import _meta
    page = ('<html><head><meta charset="utf-8"><meta name="Author" content=" Jane Roe ">'
            '<meta property="og:title" content="">'
            '<meta itemprop="datePublished" content="2024-05-01"><meta property="og:title" content="Acme">'
            '</head><body></body></html>')
    soup = BeautifulSoup(page, "lxml")
    metas = soup.find_all("meta")
    assert _meta(metas, "author") == "Jane Roe"
    assert _meta(metas, "og:title") is None  # the first tag found is empty, as with soup.find
    assert _meta(metas, "article:published_time", "datepublished") == "2024-05-01"
    assert _meta(metas, "publisher") is None



def _related_heading_stripping(line: str, m) -> bool:
    """`is_related_heading` with every strip made (no test of the line's ends first)."""
    s = line.strip().strip("【】[]").strip().rstrip(":：").strip()
    return (len(s) <= m.related_longest and s.casefold() in m.related) \
        or (len(s) <= 60 and m.may_open("related_re", s) and m.fullmatch("related_re", s))


def test_related_heading_answers_as_with_every_strip():
    from kg.ingest.split import is_related_heading
    m = load_markers()
    crafted = ["相关阅读：", "【相关阅读】", "[Related coverage]", "Related coverage", " MORE FROM Acme Daily ",
               "More from Acme:", "", "   ", "【】", "Related coverage of the merger and what it means for sellers",
               "x" * 70 + "：", "【" + "x" * 70]
    lines = crafted + _seed_lines()
    assert any(is_related_heading(ln, m) for ln in crafted)
    for ln in lines:
        assert is_related_heading(ln, m) == _related_heading_stripping(ln, m), ln


@pytest.mark.parametrize("source", [
    r"(?<=a|bc)x", r"(?<=ab)x", r"(?:(?<!a+)x)", r"y(?=(?<=\d{2,3})z)", r"(a|(?<=b*))", r"(?<=[。！？”])\s*[(（]",
    r"(?<=a)(b)(?(1)c|(?<=de|f))", r"(?>(?<=a{2}|bc))x", r"(?<!(?:ab|cd))x", r"(?<=a)(?<!b{1,2})x",
])
def test_lazy_pattern_finds_lookbehind_errors_as_the_compiler(source):
    from kg.ingest.lazyre import LazyPattern
    try:
        re.compile(source, re.IGNORECASE)
        expected = None
    except re.error as err:
        expected = str(err)
    try:
        LazyPattern(source, re.IGNORECASE)
        got = None
    except re.error as err:
        got = str(err)
    assert got == expected
