"""Ingest's cheap tests answer as the full scans they stand before."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.dates import YEARISH, has_year
from kg.ingest.meta import _CJK_RUN, detect_lang

TEXTS = ["", "no year here", "in 2024", "1999年", "19", "20 19", "x2019y", "190", "2100", "３月２０２４",
         "April 20, 19", "11920", "about 20 people in 19 towns", "发布于2023-03-13"]


@pytest.mark.parametrize("text", TEXTS)
def test_has_year_is_yearish(text: str) -> None:
    assert has_year(text) == (YEARISH.search(text) is not None)


def _detect_lang_counted(text: str) -> str:
    """detect_lang by counting every Han character of the sample (no early answers)."""
    sample = text[:20000]
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    han = sum(len(r) for r in _CJK_RUN.findall(sample))
    return "zh" if han and han * 3 >= latin * 0.5 else "en"


@pytest.mark.parametrize("text", [
    "plain English text", "English with “curly quotes” and an é", "中文新闻", "Amazon 亚马逊 said", "a" * 60 + "中" * 10,
    "a" * 60 + "中" * 9, "a" * 60 + "é" * 40 + "中" * 9, "é" * 10, "中" + "b" * 6, "—" * 5 + "abc",
])
def test_detect_lang_as_counted(text: str) -> None:
    assert detect_lang(text) == _detect_lang_counted(text)


@pytest.mark.parametrize("rest", [
    "", " ", "Updated  , ", "9:32 AM EDT, Tue", "  Tue 9:32 a.m. ET ", "at 10:00 GMT+8", "By Jane Doe", "星期二 下午 3:05",
    "(周五)", "on Monday", "Monday news", "10 am · HKT", "edt", "nothing here", "12:00 -", "x", "9:3", "pst at",
])
def test_only_noise_is_the_sub(rest: str) -> None:
    from kg.ingest.dates import _TIME_NOISE, only_noise

    assert only_noise(rest) == (not _TIME_NOISE.sub("", rest).strip())


@pytest.mark.parametrize("line", ["", "  ", "abc", "—", "***", "  ___ ", "é!", "中文", "_a", "①", "²", "٣"])
def test_line_tests_before_their_patterns(line: str) -> None:
    import re

    from kg.ingest.repair import _ONLY_SYMBOLS, _SMALL_NUMBER
    from kg.ingest.split import _NUMBERED

    if line:
        assert (not line[0].isalnum() and _ONLY_SYMBOLS.fullmatch(line) is not None) == bool(_ONLY_SYMBOLS.fullmatch(line))
    assert (len(line) <= 3 and _SMALL_NUMBER.fullmatch(line) is not None) == bool(_SMALL_NUMBER.fullmatch(line))
    for numbered in (line, f"{line}1. Item", f" {line}", f"{line}. x"):
        quick = _NUMBERED.fullmatch(numbered) if numbered.lstrip()[:1].isdecimal() else None
        assert bool(quick) == bool(_NUMBERED.fullmatch(numbered)), numbered
    assert re.fullmatch(r"\d", "٣") and "٣".isdecimal()  # re's \d is str.isdecimal (Unicode digits too)


@pytest.mark.parametrize("line", ["Updated 9:32 AM EDT, Tue May 21, 2024", "2023-03-13 17:16", "发布时间：2023年3月13日",
                                  "Bei Jing Shang Bao· 2025-11-04", "In 2024 sales rose", "Retail Weekly — October 23, 2025"])
def test_year_seen_changes_no_answer(line: str) -> None:
    from kg.ingest.dates import is_timestamp_line
    from kg.ingest.lexicon import load_markers
    from kg.ingest.repair import _is_dateline

    labels = load_markers().of("timestamp_label_re")
    assert has_year(line)
    assert is_timestamp_line(line, labels, year_seen=True) == is_timestamp_line(line, labels)
    markers = load_markers()
    markers.forget()
    flagged = _is_dateline(line, markers)
    markers.forget()
    assert flagged == (has_year(line) and _is_dateline(line, markers))


PAGE_LINES = st.sampled_from(["", "  ", "1", "2", " 3 ", "12", "123", "1234", "‹", "›", "‹ 1 2 ›", "上一页", "下一页",
                              "Next", "Prev", "首页", "尾页", "body text.", "第2页", "共5页", "x", "« Previous", "10"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PAGE_LINES, max_size=14))
def test_drop_pagination_grows_runs_as_the_scan_finds_them(lines: list[str]) -> None:
    from kg.ingest.lexicon import load_markers
    from kg.ingest.repair import _drop_pagination_scan, drop_pagination

    m = load_markers()
    assert drop_pagination(lines, m) == _drop_pagination_scan(lines, m)
    maybe = [i % 3 != 1 for i in range(len(lines))]  # some lines ruled out by the gate
    assert drop_pagination(lines, m, maybe) == _drop_pagination_scan(lines, m, maybe)
