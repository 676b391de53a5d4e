"""kg.regex_needs: the literal strings every match of a regex holds, and the gates built on them
(ingest's marker gates, the figures step's period gates), never skip a text a pattern matches."""
from __future__ import annotations

import _sre
import random
import re

import pytest

from kg.extract.figures.meaning import meaning_words
from kg.ingest.lexicon import load_markers
from kg.regex_needs import (
    _ODD_RE,
    CASE_ODD,
    ODD_FOLDS,
    alike,
    caseless,
    char_matches,
    holds,
    lowered,
    needed_literals,
    needed_sets,
    needs,
)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:今年|去年)?第(?P<q>[一二三四])季度", [{"第"}, {"季度"}, set("一二三四")]),
    (r"a|b", [{"a", "b"}]),
    (r"(?:FY|fiscal)\s*\d", [{"fy", "fiscal"}]),
    (r"a?b*", []),
    (r"(?=x)y", [{"x"}, {"y"}]),  # a look-ahead sees no further than the window
    (r"(?<=in )2\d", [{"2"}]),  # a window's look-behind may see before the window: no need
    (r"x{0,3}", []),
    (r"(?:ab)+c", [{"ab"}, {"c"}]),
    (r"[^a]b", [{"b"}]),
    (r"\dq", [{"q"}]),
    (r"Half", [{"half"}]),
    (r"(?i:Half)é", [{"halfé"}]),
    (r"[A-Z]x", [{"x"}]),  # a class of more than 16 characters says too little
    (r"a\u017fb", [{"a"}, {"b"}]),  # ſ (re folds it to s): never part of a need
], ids=lambda v: v if isinstance(v, str) else None)
def test_needs_reads_the_pattern(pattern: str, expected: list[set[str]]) -> None:
    assert sorted(map(sorted, needs(re.compile(pattern)))) == sorted(map(sorted, expected))


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?<=in )2\d", {"in "}),  # a line holds what a look-behind sees
    (r"(?:今年|去年)?第[一二]季度", {"今年第一季度", "今年第二季度", "去年第一季度", "去年第二季度", "第一季度", "第二季度"}),
    (r"[(（]x[)）]", {"(x)", "（x)", "(x）", "（x）"}),
    (r"(?:a|b)\d", None),  # one letter weighs less than a gate needs
])
def test_needed_literals_spread_runs(pattern: str, expected: set[str] | None) -> None:
    got = needed_literals(re.compile(pattern, re.IGNORECASE))
    assert (None if got is None else set(got)) == expected


def test_needs_and_holds_under_ignorecase() -> None:
    need = needs(re.compile(r"sQ", re.IGNORECASE))
    assert need == (frozenset({"sq"}),)
    assert holds(need, lowered("xSqx")) and not holds(need, lowered("s q"))
    assert holds(need, lowered("\u017fq"))  # ſ folds to s in re: the text is then always scanned
    assert needs(re.compile("é", re.IGNORECASE)) == (frozenset({"é"}),)
    assert holds(needs(re.compile("é", re.IGNORECASE)), lowered("É")) and not holds(needs(re.compile("é")), lowered("e"))


def test_case_odd_characters_cover_every_disagreement() -> None:
    """Every character whose `str.lower` differs from the regex engine's case folding is
    one the gates refuse to test (so lower-casing never hides a literal)."""
    from re._casefix import _EXTRA_CASES

    for cp in range(0x80, 0x110000):
        c = chr(cp)
        low = c.lower()
        if len(low) != 1 or ord(low) != _sre.unicode_tolower(cp) or ord(low) in _EXTRA_CASES or cp in _EXTRA_CASES:
            assert _ODD_RE.fullmatch(c), hex(cp)
    assert set(ODD_FOLDS) <= CASE_ODD


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


# --- every gate against the pattern's own search ----------------------------------------------

_TRICKY = ["\u017f", "\u212a", "\u0130", "\u0131", "ß", "SS", "Σ", "ς", "σ", "µ", "μ", "ﬅ", "ﬆ", "É", "é", "ǅ", "Ω",
           "\u2126", "Ａ", "ａ", "（", "）", "—", "–", "·", "©", "年", "季度", "\n"]
_PLAIN = [" ", " ", ", ", ". ", "(", ")", " - ", ":", "：", "2024", "19", "20", "3", "Reuters", "AP", "By ", "Jane Roe",
          "NEW YORK", "May 2", "本报讯", "记者", "版权所有", "责任编辑", "Copyright", "photo", "第", "前三", "上半年", "FY",
          "Q", "first", "quarter", "half", "the", "in ", "for ", " in 2023,", " for 2019.", "2021年", " Q3 2022 "]


def _variants(word: str, rng: random.Random) -> str:
    """`word` in a random case, some letters swapped for ones re's IGNORECASE matches to them."""
    swap = {"s": "\u017f", "k": "\u212a", "i": "\u0131", "I": "\u0130", "µ": "μ", "σ": "ς"}
    out = []
    for c in word:
        r = rng.random()
        out.append(swap.get(c, c) if r < 0.08 else c.upper() if r < 0.5 else c.lower() if len(c.lower()) == 1 else c)
    return "".join(out)


def _texts(patterns: list[re.Pattern[str]], n: int, seed: int) -> list[str]:
    """Texts made of the patterns' own needed strings (in varied case), tricky letters and
    common pieces, so that the patterns match some of them."""
    words = sorted({w for p in patterns for need in (*needs(p), *needed_sets(p)) for w in need})
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 14)):
            r = rng.random()
            pool = words if r < 0.45 else _TRICKY if r < 0.6 else _PLAIN
            parts.append(_variants(rng.choice(pool), rng) if pool is words else rng.choice(pool))
        texts.append("".join(parts))
    return texts


def _all_patterns() -> list[re.Pattern[str]]:
    markers = [p for pats in load_markers().patterns.values() for p in pats]
    periods = [p for pats in meaning_words().periods.values() for p in pats]
    return markers + periods + [re.compile(s, f) for s, f in [
        ("strasse", re.I), ("straße", re.I), ("kelvin", re.I), ("ıi", re.I), ("σοφία", re.I), ("µm", re.I),
        ("ﬅ", re.I), ("Straße", 0), ("ΣΑ", 0), ("x(?i:s)y", 0)]]


def test_gates_never_skip_a_text_that_matches() -> None:
    """For every pattern a gate is built over (the ingest markers, the figure periods, and some
    with letters whose case folds oddly), a text the pattern matches passes each gate."""
    patterns = _all_patterns()
    texts = _texts(patterns, 1500, 7)
    hits = 0
    for p in patterns:
        lits, sets, window = needed_literals(p), needed_sets(p), needs(p)
        for text in texts:
            m = p.search(text)
            if m is None:
                continue
            hits += 1
            low = lowered(text)
            assert holds(window, low), (p.pattern, text)
            assert holds(sets, low), (p.pattern, text)
            if lits is not None and "\n" not in m.group():
                line = text[text.rfind("\n", 0, m.start()) + 1:]
                line = line.split("\n", 1)[0]
                assert holds((lits,), lowered(line)), (p.pattern, line)
    assert hits > 1000


def test_window_needs_never_skip_a_window_that_matches() -> None:
    """`needs` is tested on a window of a text (a sentence): a match inside the window holds its
    needs even where a look-behind reads before the window."""
    patterns = [p for pats in meaning_words().periods.values() for p in pats]
    hits = 0
    for text in _texts(patterns, 800, 5):
        for p in patterns:
            for m in p.finditer(text):  # the tightest windows: a match's own span
                lo, hi = m.span()
                if p.search(text, lo, hi):
                    hits += 1
                    assert holds(needs(p), lowered(text[lo:hi])), (p.pattern, text, lo)
    assert hits > 100


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
