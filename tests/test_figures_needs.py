"""The fast paths of the figures step that rely on what a regex cannot match without
(`kg.regex_needs`) never change what is found."""
from __future__ import annotations

import random

import pytest

from kg.extract.figures.extractor import FigureFinder, _may_lead
from kg.extract.figures.meaning import meaning_words
from kg.regex_needs import holds, lowered

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


def test_numbers_in_dates_dropped_by_the_search_change_nothing() -> None:
    """`_matches` drops the matches whose number is part of a date (and can end no range) before
    `find` reads them, going on where they end: what `find` keeps is what it keeps when it reads
    every match."""
    from pathlib import Path

    from kg.extract.dates import date_spans

    class TryingAll(FigureFinder):
        def _matches(self, folded, dates=None, out=None):  # type: ignore[override]
            return super()._matches(folded)

    fast, full = FigureFinder(), TryingAll()
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    pieces = ["2023年5月1日", "5月4日至10日", "2023-05-01", "2023.5.1", "May 5, 2023", "5 May 2023", "March 2024",
              "5日元", "5月1.5亿", "2023年3月1日", "20-30%", "3至5亿元", "约", "US$", " to ", "，", " ", "-", "%",
              "10", "5.5", "1,200", " million", "亿元", "万", "日", "月", "年", "号", "美元", "about ", "up to "]
    rng = random.Random(7)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(2, 14))) for _ in range(3000)]
    skipped = 0
    for text in texts:
        for lang in ("zh", "en"):
            assert fast.find(text, lang=lang) == full.find(text, lang=lang), (text, lang)
        folded = text.replace("，", ",")
        dates = date_spans(folded, "zh")
        skipped += sum(1 for _ in full._matches(folded)) - sum(1 for _ in fast._matches(folded, dates, []))
    assert skipped  # some numbers were passed over
