"""kg.extract.figures.needs: the characters a regex cannot match without, and the fast paths
of the figures step that rely on them, never change what is found."""
from __future__ import annotations

import _sre
import random
import re

import pytest

from kg.extract.figures.extractor import FigureFinder, _may_lead
from kg.extract.figures.meaning import meaning_words
from kg.extract.figures.needs import ODD_FOLDS, caseless, char_matches, holds, needs


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:今年|去年)?第(?P<q>[一二三四])季度", [{"第"}, {"季"}, {"度"}, set("一二三四")]),
    (r"a|b", [{"a", "b"}]),
    (r"a?b*", []),
    (r"(?=x)y", [{"y"}]),
    (r"(?<=in )2\d", [{"2"}]),
    (r"x{0,3}", []),
    (r"(?:ab)+c", [{"a"}, {"b"}, {"c"}]),
    (r"[^a]b", [{"b"}]),
    (r"\dq", [{"q"}]),
])
def test_needs_reads_the_pattern(pattern: str, expected: list[set[str]]) -> None:
    assert sorted(map(sorted, needs(re.compile(pattern)))) == sorted(map(sorted, expected))


def test_needs_folds_case_as_re_does() -> None:
    got = needs(re.compile(r"sQ", re.IGNORECASE))
    assert {"s", "S", "\u017f"} in [set(s) for s in got]
    assert {"q", "Q"} in [set(s) for s in got]
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


def _random_texts(alphabet: str, n: int = 3000) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(n)]


def test_period_patterns_never_match_without_their_needs() -> None:
    w = meaning_words()
    alphabet = "2019年度第一二三四季度前上下半全财会计Q1234 FYfiscalquarterhalfirstsecondthe in for-'\u017f"
    for lang in ("zh", "en"):
        for pat, need in zip(w.periods[lang], w.period_needs[lang], strict=True):
            for text in _random_texts(alphabet):
                for m in pat.finditer(text):
                    assert holds(need, set(m.group())), (pat.pattern, m.group())


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
