"""kg.extract.figures.needs: the characters a regex cannot match without, and the fast paths
of the figures step that rely on them, never change what is found."""
from __future__ import annotations

import _sre
import random
import re

import pytest

from kg.extract.figures.extractor import FigureFinder, _may_lead
from kg.extract.figures.meaning import meaning_words
from kg.extract.figures.needs import ODD_FOLDS, alike, caseless, char_matches, holds, lowered, needs


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:今年|去年)?第(?P<q>[一二三四])季度", [{"第"}, {"季度"}, set("一二三四")]),
    (r"a|b", [{"a", "b"}]),
    (r"(?:FY|fiscal)\s*\d", [{"fy", "fiscal"}]),
    (r"a?b*", []),
    (r"(?=x)y", [{"y"}]),
    (r"(?<=in )2\d", [{"2"}]),
    (r"x{0,3}", []),
    (r"(?:ab)+c", [{"ab"}, {"c"}]),
    (r"[^a]b", [{"b"}]),
    (r"\dq", [{"q"}]),
    (r"Half", [{"half"}]),
    (r"(?i:Half)é", [{"half"}]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_needs_reads_the_pattern(pattern: str, expected: list[set[str]]) -> None:
    assert sorted(map(sorted, needs(re.compile(pattern)))) == sorted(map(sorted, expected))


def test_needs_and_holds_under_ignorecase() -> None:
    need = needs(re.compile(r"sQ", re.IGNORECASE))
    assert need == (frozenset({"sq"}),)
    assert holds(need, lowered("xSqx")) and not holds(need, lowered("s q"))
    assert holds(need, lowered("\u017fq"))  # ſ folds to s in re: the text is then always scanned
    assert needs(re.compile("é", re.IGNORECASE)) == ()  # a cased non-ASCII letter: not known, no test


def test_caseless_agrees_with_re_case_tables() -> None:
    for code in range(0x110000):
        low = _sre.unicode_tolower(code)
        if caseless(chr(code)):
            assert not _sre.unicode_iscased(code), hex(code)
        if low != code:  # neither end of a case pair is caseless
            assert not caseless(chr(code)) and not caseless(chr(low)), hex(code)


def test_ascii_letters_fold_only_to_the_documented_four() -> None:
    odd = [chr(c) for c in range(0x80, 0x110000) if re.fullmatch("[a-z]", chr(c), re.IGNORECASE)]
    assert set(odd) == set(ODD_FOLDS)
    for ch in "aksiKSI":
        assert char_matches(ch, icase=True) == {c for c in {ch.lower(), ch.upper(), *ODD_FOLDS}
                                                 if re.fullmatch(ch, c, re.IGNORECASE)}


_TOKENS = ["2019", "2023", "20", "19", "23", "1", "4", "年", "度", "第", "一", "三", "季度", "前", "上", "下", "半年",
           "全年", "财年", "会计年度", "Q", "q", "FY", "fy", "fiscal", "FISCAL", "year", "first", "Fourth", "quarter",
           "half", "Half", "H", "the", "in", "for", "full", "-", " ", " ", "'", "\u017f", "\u212a",
           "前三季度", "第三季度", "三季度", "上半年", "first quarter", "second half", "fiscal year", "full-year", "in ",
           " Q3 2023", " q4 FY 2019", " H1 2024", " FY23 ", " for the year 2020", " in 2022 ",
           " third-quarter of fiscal 2021", " Second half of 2019", " fourth quarter "]


def _random_texts(n: int = 4000) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(_TOKENS) for _ in range(rng.randint(1, 12))) for _ in range(n)]


def test_period_patterns_never_match_without_their_needs() -> None:
    w = meaning_words()
    texts = _random_texts()
    for lang in ("zh", "en"):
        for pat, need in zip(w.periods[lang], w.period_needs[lang], strict=True):
            hits = 0
            for text in texts:
                for m in pat.finditer(text):
                    hits += 1
                    assert holds(need, lowered(m.group())), (pat.pattern, m.group())
            assert hits, pat.pattern  # the texts do exercise the pattern


def test_lead_test_never_skips_a_match() -> None:
    """Where `_may_lead` says no word stands before a number, no figure starts before it."""
    f = FigureFinder()
    assert f.lead_words is not None
    words = [w for ws in f.lead_words.values() for w in ws]
    rng = random.Random(5)
    for _ in range(3000):
        w = rng.choice(words)
        w = "".join(c.upper() if rng.random() < 0.5 else c for c in w)
        before = rng.choice(["", "x", "the ", "，"]) + w + rng.choice(["", " ", "\u00a0", "  ", "s"])
        text = before + "5 million"
        m = f.pattern.search(text, 0)
        if m is not None and m.start() < len(before):
            assert _may_lead(before[-f.lead_width:], f.lead_words), repr(text)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("a,b", False),
    (r"(?P<s>[,.])x(?P=s)", False),  # a back reference to a group that may hold a comma
    (r"(?P<s>[-.])x(?P=s)", True),
    (r"[!-/]", False),  # a range over the ASCII comma
    (r"[^a]b\b.", True),
    (r"\d+\s*年(?!\d)", True),
], ids=lambda v: v if isinstance(v, str) else None)
def test_alike_tells_whether_a_pattern_sees_commas(pattern: str, expected: bool) -> None:
    assert alike(re.compile(pattern), "，,") is expected


def test_dates_of_a_comma_folded_text_are_the_texts() -> None:
    """The figures step asks for the dates of the text with ASCII commas: the dates step's
    answer for the text is reused, and is what a scan of the folded text finds."""
    from kg.extract.dates import DateFinder, date_spans, find_dates

    text = "2023年3月1日，平台宣布，今日起，5月4日至10日，周一，日前，今日头条"
    find_dates(text, lang="zh", doc_date="2023-03-01")
    folded = text.replace("，", ",")
    fresh = DateFinder()
    assert fresh.comma_blind
    assert date_spans(folded, "zh") == [(r.start, r.end) for r in fresh._scan(folded, "zh", False)]


@pytest.mark.parametrize("text", ["", "abc", "一，二", "１２，３．５％", "5，6", "，，", "２０２３年"])
def test_fold_is_the_translation(text: str) -> None:
    from kg.extract.figures.extractor import _FOLD, _fold

    assert _fold(text) == text.translate(_FOLD)
