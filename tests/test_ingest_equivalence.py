"""The fast ingest scans give the answers of the plain regex scans they replaced.

Each speed rewrite of round 7 (prefilter.Loose, dates.english_dates, repair.year_lines,
prefilter._lowered_lines) claims to be exact; these tests compare it with the original scan
on text drawn from alphabets where hits are likely, and on a few hand-made edge cases.
"""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.dates import ENGLISH, YEARISH, english_dates
from kg.ingest.lexicon import load_markers
from kg.ingest.prefilter import _lowered_lines, loose
from kg.ingest.repair import year_lines
from kg.regex_needs import lowered

# pieces that make matches likely: digits, brackets, white space, month names, year leads,
# curly quotes, Han characters, cased non-ASCII letters (final sigma, dotted I, Kelvin sign)
_PIECES = [
    "[", "]", "[1]", "[12]", "[123]", "[1234]", " ", "  ", "\t", "\n", "\u3000", "\xa0",
    "0", "1", "2", "3", "9", "19", "20", "1999", "2021", "2000", "19 ", "200",
    "Jan", "January", "Aug.", "aug", "September", "Sept.", "MARCH", "may", "15", "1st", "2nd",
    "23rd", "th", ",", ".", "-", "a", "B", "x", "“", "”", "’", "记者", "新华社", "年", "月", "日",
    "ΣΑΣ", "ς", "σ", "İ", "K", "ß", "Ǆ", "ﬁ", "é", "\r",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)
_LONG = st.lists(st.sampled_from(_PIECES), min_size=150, max_size=400).map("".join)


def _spans(matches) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]


# --- prefilter.Loose: a `\s*`-led pattern searched as its rest --------------------------

def _refmarks() -> list[re.Pattern[str]]:
    """The reference-mark patterns of the markers file, as Markers compiles them."""
    return [re.compile(p.pattern, p.flags) for p in load_markers().of("refmark_re")]


_LOOSE_PATTERNS = [re.compile(r"\s*(?:\[\d{1,3}\])+", re.IGNORECASE),
                   re.compile(r"\s*\[\d+\]", re.IGNORECASE),
                   re.compile(r"\s*(?:\[\d{1,3}\]|【\d+】)+", re.IGNORECASE)]


def test_loose_applies_to_the_refmark_patterns() -> None:
    assert any(loose(p) is not None and loose(p).opens == "[" for p in _refmarks())


def test_loose_refuses_what_it_cannot_do_exactly() -> None:
    assert loose(re.compile(r"\s*(\[\d\])")) is None  # a capturing group
    assert loose(re.compile(r"\s*?\[\d\]")) is None  # a lazy opening
    assert loose(re.compile(r"\s*\s?\[\d\]")) is None  # the rest may open with white space
    assert loose(re.compile(r"\[\d\]")) is None  # no opening `\s*`


def _check_loose(pattern: re.Pattern[str], text: str) -> None:
    lo = loose(pattern)
    assert lo is not None
    assert lo.split(text) == pattern.split(text)
    want = [(m.start(), m.end()) for m in pattern.finditer(text) if m.group().strip()]
    got, at = [], 0
    while (mt := lo.search(text, at)) is not None:
        got.append((mt.start(), mt.end()))
        at = mt.end()
    # every non-empty match of the pattern is a match of the rest with its white space before it
    assert [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in want] == got


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_loose_split_and_search_match_re(text: str) -> None:
    for p in _refmarks() + _LOOSE_PATTERNS:
        if loose(p) is not None:
            _check_loose(p, text)


def test_loose_edge_cases() -> None:
    cases = ["", "[", "]", "[1]", " [1]", "a [1][2] b", "a[1] [2]b", "[1234]", "[[1]]",
             "x  \t[12]\n[3]  y", "[1][", "   ", "a \u3000[1]", "[1]" * 5, "a [x] [1]", "末[1]。"]
    for p in _refmarks() + _LOOSE_PATTERNS:
        if loose(p) is not None:
            for text in cases:
                _check_loose(p, text)


# --- dates.english_dates: ENGLISH searched just before each year ----------------------------

def _check_english(text: str) -> None:
    assert _spans(english_dates(text)) == _spans(ENGLISH.finditer(text))


@settings(max_examples=400, deadline=None)
@given(_LONG)
def test_english_dates_long_text_match_finditer(text: str) -> None:
    _check_english(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_english_dates_padded_match_finditer(a: str, b: str) -> None:
    # padded past the length under which the whole text is scanned
    _check_english("x" * 400 + a + b)
    _check_english(a + " " * 420 + b)


def test_english_dates_edge_cases() -> None:
    pad = "filler text " * 40
    for core in ["September 23rd, 2021", "Sept. 3, 1999", "15 August 2021", "1st   Jan. 2000",
                 "september\n\n\n\n\n\n\n\n\n\n  23rd,\t\t\t 2021", "August 15, 20211", "August 15, 2021x",
                 "12 May 2020 and 13 May 2021", "15 August 202", "MAY 1, 2020", "19 June 2020",
                 "20 May 1999", "on 2 March 2020 2 March 2020", "August 15,2021"]:
        for text in (pad + core, pad + core + pad, core + pad, pad + "x" + core):
            _check_english(text)


# --- repair.year_lines: YEARISH found with str.find ---------------------------------------

def _year_lines_by_re(lines: list[str]) -> set[int]:
    return {i for i, ln in enumerate(lines) if YEARISH.search(ln)}


@settings(max_examples=600, deadline=None)
@given(st.lists(_TEXT.map(lambda t: t.replace("\n", " ").replace("\r", " ")), max_size=12))
def test_year_lines_match_yearish(lines: list[str]) -> None:
    assert year_lines(lines) == _year_lines_by_re(lines)


def test_year_lines_edge_cases() -> None:
    cases = [[], [""], ["2020"], ["202"], ["x202", "0"], ["20", "20"], ["1920"], ["19١٢"],
             ["2019x", "no", "a 1999"], ["20\n21"], ["2", "020"], ["２０２０"], ["20²³"], ["1", "9", "99"]]
    for lines in cases:
        assert year_lines(lines) == _year_lines_by_re(lines), lines


# --- prefilter._lowered_lines: ASCII lines lowered on str.lower's fast path -------------

@settings(max_examples=600, deadline=None)
@given(st.lists(_TEXT.map(lambda t: t.replace("\n", " ")), max_size=12))
def test_lowered_lines_match_lowered(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert _lowered_lines(text, lines) == lowered(text)


def test_lowered_lines_edge_cases() -> None:
    cases = [[""], ["ABC"], ["ABC", "“Q”"], ["ΟΔΟΣ", "ABC DEF GHI JKL"], ["ABCDEFGH", "Σ"], ["Σ", "ABCDEFGH"],
             ["ABCDEFGHIJ", "ΑΣ", "ΑΣ", "KLMNOPQRST"], ["AAAAAAAAAA", "İ"], ["AAAAAAAAAA", "ǅ x"],
             ["AAAAAAAAAA", "K"], ["AAAAAAAAAAAAAAAA", "ς", "", "Σ"]]
    for lines in cases:
        text = "\n".join(lines)
        assert _lowered_lines(text, lines) == lowered(text), lines


# --- markers.tsv: Han classes scoped as (?-i:[...]) match as their IGNORECASE forms ------

_MARKERS = Path(__file__).resolve().parent.parent / "kg" / "lexicons" / "ingest" / "markers.tsv"
_SCOPED = re.compile(r"\(\?-i:(\[(?:\\.|[^\]\\])*\])\)")
_FOLDS = "\\u0130\\u0131\\u017f\\u212a"  # what [A-Za-z] matches beyond itself under IGNORECASE


def _unscope(value: str) -> str:
    """`value` with its scoped Han classes written as before: plain, case-insensitive."""
    return _SCOPED.sub(lambda m: m.group(1).replace(_FOLDS, "") if "\\u4e00-" in m.group(1) else m.group(0), value)


def _scoped_rows() -> list[tuple[str, str]]:
    rows = []
    for line in _MARKERS.read_text(encoding="utf-8").splitlines():
        kind, _, value = line.partition("\t")
        if kind.endswith("_re") and not line.startswith("#") and _unscope(value) != value:
            rows.append((value, _unscope(value)))
    return rows


def test_markers_have_scoped_han_classes() -> None:
    assert len(_scoped_rows()) >= 15


def test_scoped_classes_match_every_code_point_as_before() -> None:
    every = "".join(map(chr, range(0x110000)))
    classes = {m.group(0) for value, _ in _scoped_rows() for m in _SCOPED.finditer(value) if "\\u4e00-" in m.group(1)}
    assert classes
    for scoped in classes:
        plain = _unscope(scoped)
        assert scoped != plain
        want = [m.start() for m in re.finditer(plain, every, re.IGNORECASE)]
        assert [m.start() for m in re.finditer(scoped, every, re.IGNORECASE)] == want, scoped


_HAN_PIECES = ["新华社", "本报", "北京", "记者", "記者", "通讯员", "张三", "李", "王小明", "社", "网", "报", "台", "讯",
               "电", "3月1日", "12月31日", "(", ")", "（", "）", ":", "：", "/", "／", "·", " ", "\n", "，", "。", "”",
               "a", "Z", "k", "İ", "ı", "ſ", "K", "ß", "7", "来源", "——", "--", "本文由", "原创", "编辑", "责任编辑",
               "公众号", "微信", "获悉", "首发", "|", "丨"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HAN_PIECES), max_size=40).map("".join))
def test_scoped_patterns_match_as_unscoped(text: str) -> None:
    for value, plain in _scoped_rows():
        new, old = re.compile(value, re.IGNORECASE), re.compile(plain, re.IGNORECASE)
        assert [(m.span(), m.groups()) for m in new.finditer(text)] == \
               [(m.span(), m.groups()) for m in old.finditer(text)], value
