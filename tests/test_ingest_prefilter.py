"""The cheap pre-tests in front of marker regexes must never change what matches."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.dates import YEARISH
from kg.ingest.lexicon import load_markers
from kg.ingest.prefilter import Searcher, WholeLine, anchored, literal_starts, max_width
from kg.ingest.repair import _is_chrome_scan, chrome_flags, is_chrome, year_lines
from kg.regex_needs import needed_literals


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (r"all rights reserved", {"all rights reserved"}),
        (r"(?:©|\(c\)|copyright)\s*\d{4}", {"©", "(c)", "copyright"}),
        (r"免[责責][声聲]明", {"免责声明", "免责聲明", "免責声明", "免責聲明"}),
        (r"不代表.{0,12}观点", {"不代表"}),
        (r"Copyright", {"copyright"}),
        (r"\s*联系", None),
        (r"^\s*邮箱", None),
        ("\u017ftop", None),
        (r"(?:a|\d)x", None),
    ],
    ids=["literal", "alternation", "char-classes", "literal-then-wildcard", "case-folded", "leading-space",
         "anchored", "long-s", "branch-without-literal"],
)
def test_literal_starts(pattern, starts):
    got = literal_starts(re.compile(pattern, re.IGNORECASE))
    assert (None if got is None else set(got)) == starts


@pytest.mark.parametrize(
    ("pattern", "is_anchored", "width"),
    [(r"^\s*x", True, None), (r"x^", False, 1), (r"ab{0,3}", False, 4), (r"第?\d+页", False, None)],
    ids=["caret", "caret-later", "bounded", "unbounded"],
)
def test_anchored_and_width(pattern, is_anchored, width):
    p = re.compile(pattern)
    assert anchored(p) is is_anchored and max_width(p) == width


MARKERS = load_markers()
SAMPLES = [
    "版权所有，未经授权不得转载", "版權所有，未經授權不得轉載", "Copyright 2024 Example News", "© 2024 Retail Ledger",
    "联系：info@example.com", "  邮箱：a@b.cn", "ALL RIGHTS RESERVED.", "本文来源于网络", "责任编辑：王五",
    "Editor in charge: Fang Xiao", "第 3 页", "上一頁 1 2 3 下一頁", "‹ 1 2 ›", "image-jpg", "正文第一句。",
    "Amazon changed its rules for sellers today.", "公平交易委員會1月10日宣布，處以罰款新台幣600萬元。", "",
    "COPYR\u0131GHT 2024 Example", "ALL RIGHT\u017f RESERVED", "\u212aEYWORDS: x",  # letters re folds to ASCII ones
]


def _slow_search(kind: str, line: str) -> bool:
    return any(p.search(line) for p in MARKERS.of(kind))


def _slow_full(kind: str, line: str) -> bool:
    return any(p.fullmatch(line) for p in MARKERS.of(kind))


@pytest.mark.parametrize("line", SAMPLES, ids=[f"s{i}" for i in range(len(SAMPLES))])
def test_markers_fast_paths_agree(line):
    assert MARKERS.search("boilerplate_re", line) == _slow_search("boilerplate_re", line)
    for kind in ("chrome_re", "editor_re", "pager_re"):
        assert MARKERS.fullmatch(kind, line) == _slow_full(kind, line), kind


def test_markers_fast_paths_agree_on_seed_lines():
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    lines = [ln.strip() for f in sorted(seeds.iterdir()) for ln in f.read_text(encoding="utf-8").split("\n")]
    hits = 0
    for line in lines:
        fast = MARKERS.search("boilerplate_re", line)
        assert fast == _slow_search("boilerplate_re", line), line
        hits += fast
    assert hits > 0  # the seeds carry copyright lines, so the comparison saw matches


PIECES = st.sampled_from(["©", "(c)", "Copyright", "all rights", " reserved", "2024", "版权", "版權", "未经", "授权",
                          "不得转载", "免責", "聲明", "info@", "x.cn", " ", "：", "联系", "邮箱", "文", "a"])


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join))
def test_searcher_agrees_with_plain_search(line):
    searcher = Searcher.of(MARKERS.of("boilerplate_re"))
    whole = WholeLine.of(MARKERS.of("chrome_re"))
    assert searcher.search(line) == _slow_search("boilerplate_re", line)
    assert whole.fullmatch(line) == _slow_full("chrome_re", line)


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r".{0,300}[.!?]\s+(?:photo|image|credit)\s*:", {"photo", "image", "credit"}),
        (r"^\s*(?:e-?mail|邮箱)\s*:", {"email", "e-mail", "邮箱"}),
        (r"[\w-]+\.(?:jpe?g|png)", {".jpg", ".jpeg", ".png"}),
        (r"(?:x|facebook)+", None),
        (r"\d+", None),
    ],
    ids=["after-wildcard", "optional-letter", "after-class", "one-letter-branch", "no-literal"],
)
def test_needed_literals(pattern, needed):
    got = needed_literals(re.compile(pattern, re.IGNORECASE))
    assert (None if got is None else set(got)) == needed


@pytest.mark.parametrize("kind", ["tail_source_re", "tail_author_re", "refmark_re", "chrome_re", "boilerplate_re"])
@pytest.mark.parametrize("line", [*SAMPLES, "本报讯（记者 王五）", "(Reuters)", "text [12] more", "Ｒeuters（新华社）"])
def test_possible_keeps_every_pattern_that_matches(kind, line):
    kept = MARKERS.possible(kind, line)
    assert [p for p in MARKERS.of(kind) if p.search(line)] == [p for p in kept if p.search(line)]


GATE_LINES = ["Share this article · Sign up for the Retail newsletter", "Photo: Jane Roe", "ſhare on X",
              "COPYRİGHT 2024", "Body text about Amazon.", "Facebook | Twitter | Email", "责任编辑：王五",
              "  ", "© 2024 Retail Ledger", "‹ 1 2 ›", "图：资料", "第 3 页", "ＳＨＡＲＥ",
              "Photo:\nJane Roe", "May 2, 2024\nBy Jane Roe"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(GATE_LINES + SAMPLES), max_size=12))
def test_chrome_flags_agree_with_is_chrome(lines):
    assert _gated(lines) == _plain(lines)


def _plain(lines: list[str]) -> list[bool]:
    """Each line by every pattern (`is_chrome` itself asks the gate since round 6)."""
    MARKERS.forget()  # no answer remembered from the other way
    return [bool(ln.strip()) and _is_chrome_scan(ln.strip(), MARKERS) for ln in lines]


def _gated(lines: list[str]) -> list[bool]:
    MARKERS.forget()
    return chrome_flags(lines, MARKERS)


def test_chrome_flags_agree_on_seed_files():
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for f in sorted(seeds.iterdir()):
        lines = f.read_text(encoding="utf-8").split("\n")
        assert _gated(lines) == _plain(lines), f.name
        assert _gated([*lines, *GATE_LINES]) == _plain([*lines, *GATE_LINES]), f.name


def test_year_lines_agree_with_a_search_per_line():
    lines = ["a 2024 b", "", "1999", "20x4", "x\n2020", "no year", "3020 1920"]
    assert year_lines(lines) == {i for i, ln in enumerate(lines) if YEARISH.search(ln)}
    assert year_lines(lines[:4]) == {0, 2}


def test_joined_kinds_agree_with_each_pattern():
    """A kind's one-try alternation (named groups made plain) matches where one of its patterns does."""
    lines = [*SAMPLES, "SEOUL, March 4 (Yonhap) -- Text", "(Reuters) - Text", "- Key point", "Summary: text",
             "NEW YORK, May 21 (Reuters) - ", "Core Insights - a", "Group 2: x - y"]
    for kind in ("wire_dateline_re", "label_re"):
        for line in lines:
            assert MARKERS.any_match(kind, line) == any(p.match(line) for p in MARKERS.of(kind)), (kind, line)


def test_white_space_other_than_space_is_unprintable():
    """The head reader's wide-gap test relies on it (a printable line's only white space is " ")."""
    import sys

    assert not [c for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != 32 and chr(c).isprintable()]


GUARD_PIECES = st.sampled_from(["[1]", "[12]", " [3]", "  ", "\t", "x", "Aug", "aug.", " 15,", " 2021", "15 ", "March",
                                "九月", "ſ", "K", "(", "Photo", "：", "１２", "-", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(GUARD_PIECES, max_size=12).map("".join))
def test_guarded_patterns_find_the_same_matches(text):
    from kg.ingest.dates import ENGLISH
    from kg.ingest.prefilter import guarded

    plain_english = re.compile(ENGLISH.pattern.split("(?:", 1)[1][:-1], re.IGNORECASE)  # without the guard
    for p in [*MARKERS.of("refmark_re"), *MARKERS.of("boilerplate_re"), *MARKERS.of("tail_source_re"), plain_english]:
        g = guarded(p)
        assert [m.span() for m in g.finditer(text)] == [m.span() for m in p.finditer(text)], p.pattern
        assert g.split(text) == p.split(text)
    assert [m.groupdict() for m in ENGLISH.finditer(text)] == [m.groupdict() for m in plain_english.finditer(text)]


@pytest.mark.parametrize(("pattern", "flags", "guard"), [
    (r"\s*(?:\[\d{1,3}\])+", re.IGNORECASE, r"(?=[\[\s])"),
    (r"a?b", 0, "(?=[ab])"),
    (r"(?:x|\d+)?y", 0, r"(?=[\dxy])"),
    (r".x", 0, None),  # any character first: no guard
    (r"(?i:a)b", 0, None),  # read under IGNORECASE where the guard would not be
    (r"x*", 0, None),  # matches the empty string
    (r"[^a]b", 0, None),
    (r"(?i)ab", 0, None),  # leading inline flags stay first
    (r"foo|bar", re.IGNORECASE, None),  # re scans for such starts itself
    (r"[(（]x", 0, None),
    (r"^\s*x", 0, None),  # tried at the start only
    (r"\b(?:jan|\d)x", re.IGNORECASE, r"(?=[\dj])"),
])
def test_guarded_reads_first_characters(pattern, flags, guard):
    from kg.ingest.prefilter import guarded

    got = guarded(re.compile(pattern, flags)).pattern
    assert got == (pattern if guard is None else f"{guard}(?:{pattern})")


TAIL_PIECES = st.sampled_from(["(", ")", "（", "）", "记者", "記者", "王五", "reporting by", " Jane Roe", ", ", "。", " ",
                               "\u3000", "x", "and", "\n", "Text."])


@settings(max_examples=300, deadline=None)
@given(st.lists(TAIL_PIECES, max_size=10).map("".join))
def test_last_chars_never_skip_a_match_that_ends_the_text(text):
    """`_read_tail` skips a pattern whose matches cannot end with the text's last character:
    then its first match never ends the text (but for white space)."""
    text = text.strip()
    for p, ends in MARKERS.with_last_chars("tail_author_re"):
        assert ends is not None  # the tail patterns all end with a closing bracket
        mt = p.search(text)
        if mt and not text[mt.end():].strip():
            assert ends.fullmatch(text.rstrip()[-1:]), (p.pattern, text)


@pytest.mark.parametrize(("pattern", "ends"), [
    (r"a(?:b|c)?", "[abc]"), (r"a(?=b)", "[a]"), (r"ab\s*", None), (r"a.", None), (r"x[)）]\s*$", None),
])
def test_last_chars_reads_the_pattern(pattern, ends):
    from kg.ingest.prefilter import last_chars

    got = last_chars(re.compile(pattern))
    assert (None if got is None else got.pattern) == ends


SOURCE_PIECES = st.sampled_from(["(", ")", "（", "）", "来源", "：", "新华社", "Reuters", "。", ".", "”", " ", "\u3000",
                                 "x", "\n", "— ", "本文由", "原创", "source: ", "12"])


@settings(max_examples=300, deadline=None)
@given(st.lists(SOURCE_PIECES, max_size=10).map("".join))
def test_end_chars_never_skip_a_match(text):
    """`_read_tail` skips a tail_source_re pattern whose matches cannot end with the text's last
    character (the text not ending in white space): then it has no match at all."""
    tail = "\n" + text.strip()
    if tail[-1:].isspace():
        return
    for p, ends in MARKERS.with_end_chars("tail_source_re"):
        if ends is not None and p.search(tail):
            assert ends.fullmatch(tail[-1:]), (p.pattern, tail)


@pytest.mark.parametrize(("pattern", "ends"), [
    (r"x[)）]\s*$", r"[\)）]"), (r"a(?:b|c)?$", "[abc]"), (r"ab\s*\Z", "[b]"), (r"x[)）]\s*", None),
    (r"a[ b]$", None), (r"a.$", None), (r"(?m)x$", None),
])
def test_end_chars_reads_the_pattern(pattern, ends):
    from kg.ingest.prefilter import end_chars

    got = end_chars(re.compile(pattern))
    assert (None if got is None else got.pattern) == ends


def test_is_chrome_by_the_gate_agrees_with_the_scan():
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    lines = [ln.strip() for f in sorted(seeds.iterdir()) for ln in f.read_text(encoding="utf-8").split("\n")]
    lines = [ln for ln in [*GATE_LINES, *SAMPLES, *lines] if ln.strip()]
    for ln in lines:
        MARKERS.forget()
        got = is_chrome(ln, MARKERS)
        MARKERS.forget()
        assert got == _is_chrome_scan(ln.strip(), MARKERS), ln
    assert any(is_chrome(ln, MARKERS) for ln in GATE_LINES)
