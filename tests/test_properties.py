"""Property tests (hypothesis): ingest, dates and figures hold their contracts on any input.

Rules fitted to example sentences break on text nobody wrote; these tests throw generated
text at the finders and check what must hold whatever the text says: spans point into the
text, values are valid, nothing raises, every file is accounted for.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.extract.dates import find_dates
from kg.extract.figures.extractor import cn_number, find_figures
from kg.ingest.corpus import ingest_file
from kg.ingest.decode import decode_bytes

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text built from the pieces news is made of, so the finders' rules actually fire.
_PIECES = [
    "2023年", "3月", "10日", "上午", "去年", "今年", "第三季度", "上半年", "Q3", "FY2023", "March 5, 2024",
    "2021-07-01", "于", "起", "至", "到", "营收", "净利润", "亿元", "万元", "元", "美元", "%", "％", "人次",
    "1,234", "12.5", "３０", "一万三千", "两", "十", "百", "千", "万", "亿", "零", "三五", "约", "超过",
    "平台", "公司", "发布", "宣布", "罚款", "。", "，", " ", "\n", "$", "million", "billion", "yuan",
    "revenue", "rose", "to", "from", "on", "in", "the", "-", "/", ".", "(", ")", "《", "》",
]
news_like = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=40).map("".join)
doc_dates = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)).map(str))


@SETTINGS
@given(text=news_like, lang=st.sampled_from(["zh", "en"]), doc_date=doc_dates)
def test_dates_point_into_the_text_and_are_real_days(text: str, lang: str, doc_date: str | None) -> None:
    for mention in find_dates(text, lang=lang, doc_date=doc_date):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        first = date.fromisoformat(mention.value)
        if mention.end_value is not None:
            assert date.fromisoformat(mention.end_value) >= first
        assert mention.role in {"date", "effective"}


@SETTINGS
@given(text=news_like, lang=st.sampled_from(["zh", "en"]))
def test_figures_point_into_the_text_with_finite_values(text: str, lang: str) -> None:
    for figure in find_figures(text, lang=lang):
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start:figure.end] == figure.text
        assert isinstance(figure.value, Decimal) and figure.value.is_finite()
        assert figure.unit


_DATE_PIECES = ["May", "Sept", "Sept.", "June", "Mar", "of", "th", "5", "12", "2023", "1999", ",", " ", "  ", ".",
                "x", "today", "TODAY", "a few days ago", "Yesterday", "\u017f", "\u212a", "今日", "日前", "前天", "3",
                "年", "月", "日", "号", "份", "\u3000", "２０", "20", "1", "\n", "-", "/",
                "5th of May", "3 of  June", "12th\nMar", "2023-05-06", "2023/5/6", "1999.12.31", "2020-1-2",
                "2023年5月", "5月6日", "2023 年", "12 月", "Monday", "周一", "星期天"]
date_like = st.lists(st.one_of(st.sampled_from(_DATE_PIECES), st.text(max_size=2)), max_size=30).map("".join)


@SETTINGS
@given(text=date_like)
def test_date_patterns_tried_at_their_leads_equal_a_scan(text: str) -> None:
    """The date patterns tried where a month name or a relative word starts (or where another
    pattern matched) find exactly the matches of a scan of the whole text."""
    from kg.extract.dates import _finder
    from tests.dates_helpers import assert_leads_equal_a_scan

    assert_leads_equal_a_scan(_finder(), text)


_DIGITS = "零一二三四五六七八九"


def _cn_numeral(n: int) -> str:
    """Write 0 < n < 10^12 as a Chinese numeral the way news does (一万三千, 三亿零五百万)."""
    def below_10k(x: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = x // value % 10
            if digit:
                out += ("零" if zero and out else "") + _DIGITS[digit] + unit
                zero = False
            else:
                zero = True
        return out

    parts = [(n // 100_000_000, "亿"), (n // 10_000 % 10_000, "万"), (n % 10_000, "")]
    out = ""
    for value, unit in parts:
        if value:
            out += ("零" if out and value < 1000 else "") + below_10k(value) + unit
    return out


@SETTINGS
@given(n=st.integers(min_value=1, max_value=999_999_999_999))
def test_chinese_numerals_read_back_to_their_value(n: int) -> None:
    assert cn_number(_cn_numeral(n)) == n


@SETTINGS
@given(text=st.text(min_size=1, max_size=200).filter(lambda s: s.strip() and "\x00" not in s),
       codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_text_with_a_byte_order_mark_or_in_utf8_decodes_to_itself(text: str, codec: str) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:  # lone surrogates cannot be written in any of these
        return
    try:
        decoded = decode_bytes(data, "f.txt")
    except IngestError as err:  # text made of control characters is rightly called binary
        assert "binary" in str(err)
        return
    assert decoded.text == text


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("props")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]))
def test_any_bytes_in_any_format_are_accounted_for(corpus_dir: Path, data: bytes, suffix: str) -> None:
    path = corpus_dir / f"doc{suffix}"
    path.write_bytes(data)
    result = ingest_file(path, corpus_dir)
    assert result.status in {"ok", "partial", "failed", "skipped"}
    if result.status in {"failed", "skipped"}:
        assert result.problems, "a file that was not read says why"
    assert result.documents or result.problems, "a file gives documents or says why it gives none"
    for doc in result.documents:
        assert isinstance(doc.text, str)


@SETTINGS
@given(words=st.lists(st.text(alphabet="abAB日月 .", min_size=1, max_size=4), min_size=1, max_size=8),
       text=st.text(alphabet="abAB日月 .x", max_size=40), icase=st.booleans(),
       context=st.sampled_from(["(?:{})", "(?:{})\\b", "(?:{})*$", "({})a?b", "(?:{})+"]))
def test_trie_matches_as_the_longest_first_alternation(words: list[str], text: str, icase: bool, context: str) -> None:
    from kg.extract.patterns import alternation, trie

    spelled = trie(words, icase=icase)
    if not spelled:
        return
    flags = re.IGNORECASE if icase else 0
    old, new = re.compile(context.format(alternation(words)), flags), re.compile(context.format(spelled), flags)
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
    for pos in range(len(text) + 1):
        a, b = new.match(text, pos), old.match(text, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
