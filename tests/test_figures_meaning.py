"""Figures say what they measure and which period they cover (kg:measure, kg:period)."""
from __future__ import annotations

import re

import pytest

from kg.extract import Pipeline
from kg.extract.figures.meaning import meaning_words
from kg.model import Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def figures(pipeline: Pipeline, text: str, lang: str, date: str | None = None) -> dict[str, tuple]:
    doc = Document(key="d", source_path="d", position="", text=text, lang=lang, date_published=date)
    return {f.text: (f.measure, f.period, f.period_start, f.period_end) for f in pipeline(doc).figures}


CASES = [
    ("zh-quarter-revenue", "2021年第三季度，京东物流营收达到260亿元，同比增长20%。", "zh", None,
     {"260亿元": ("revenue", "2021年第三季度", "2021-07-01", "2021-09-30"),
      "20%": (None, "2021年第三季度", "2021-07-01", "2021-09-30")}),
    ("zh-half-year-from-document-date", "上半年，星禾优选净利润为5亿元。", "zh", "2023-08-20",
     {"5亿元": ("net_profit", "上半年", "2023-01-01", "2023-06-30")}),
    ("zh-q4-reported-in-january-is-last-year", "四季度营收增长至80亿元。", "zh", "2024-01-20",
     {"80亿元": ("revenue", "四季度", "2023-10-01", "2023-12-31")}),
    ("zh-first-three-quarters", "2023年前三季度，该平台GMV达到1.2万亿元。", "zh", None,
     {"1.2万亿元": ("gmv", "2023年前三季度", "2023-01-01", "2023-09-30")}),
    ("en-fiscal-year-loss", "Vendora reported a net loss of $310 million in fiscal 2023.", "en", None,
     {"$310 million": ("net_loss", "fiscal 2023", "2023-01-01", "2023-12-31")}),
    ("en-q3", "Revenue rose to $2.1 billion in Q3 2023.", "en", None,
     {"$2.1 billion": ("revenue", "Q3 2023", "2023-07-01", "2023-09-30")}),
    ("en-fine-after", "The regulator imposed a $2 million fine on Shopwell.", "en", None,
     {"$2 million": ("fine", None, None, None)}),
    ("zh-fee-rate-percent", "平台将佣金费率下调至3%。", "zh", None, {"3%": ("fee", None, None, None)}),
    ("zh-growth-rate-is-no-revenue", "营收同比增长20%。", "zh", None, {"20%": (None, None, None, None)}),
    ("en-users-by-unit", "The app now has 9.3 million users.", "en", None, {"9.3 million users": ("users", None, None, None)}),
    ("en-money-near-merchants-is-no-count", "The programme helped merchants earn 2.5 billion yuan.", "en", None,
     {"2.5 billion yuan": (None, None, None, None)}),
]


@pytest.mark.parametrize("text,lang,date,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_figures_meaning_measure_and_period(pipeline, text, lang, date, expected) -> None:
    found = figures(pipeline, text, lang, date)
    for fig, meaning in expected.items():
        assert found.get(fig) == meaning, found


def test_figures_meaning_yearless_period_without_any_date_has_no_days(pipeline) -> None:
    found = figures(pipeline, "上半年，星禾优选净利润为5亿元。", "zh")
    assert found["5亿元"] == ("net_profit", "上半年", None, None)


def test_figures_meaning_event_class_gives_a_default_measure(pipeline) -> None:
    doc = Document(key="d", source_path="d", position="", text="Acme Corp agreed to acquire Parcelly Inc. for $420 million.",
                   lang="en")
    ex = pipeline(doc)
    deal = next(e for e in ex.events if e.type == "Acquisition")
    assert [(f.text, f.measure) for f in deal.figures] == [("$420 million", "deal_value")]


def test_figures_meaning_lexicon_codes_are_lower_case() -> None:
    w = meaning_words()
    codes = {c for table in w.code.values() for c in table.values()}
    assert codes and all(c.replace("_", "").isalpha() and c == c.lower() for c in codes)
    assert w.percent <= codes and w.counts <= codes


def test_cue_trie_matches_as_the_alternation() -> None:
    """The cue words spelled as a trie find what their longest-first alternation finds, at every
    place of texts made of the cues (cases mixed, words run together or cut short) and the seeds."""
    import random
    from pathlib import Path

    from kg.extract.patterns import alternation, first_chars, trie

    w = meaning_words()
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    rng = random.Random(7)
    for lang in ("zh", "en"):
        words = list(w.code[lang])
        assert trie(words, icase=True)
        pieces = words + [x[: max(1, len(x) - 2)] for x in words] + [" ", "", "s", "d", "的", "-", "\u212a", "ſ"]
        made = ["".join(rng.choice(pieces) for _ in range(30)) for _ in range(300)]
        made = [t if i % 2 else t.upper() for i, t in enumerate(made)]
        guard = first_chars(words)
        body = alternation(words)
        old = re.compile(rf"{guard}(?:{body})" if lang == "zh" else rf"\b{guard}(?:{body})\b", re.IGNORECASE)
        new = w.cues[lang]
        for text in made + texts:
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
            for pos in range(0, len(text), 7):
                a, b = new.match(text, pos), old.match(text, pos)
                assert (a and a.span()) == (b and b.span())
    assert trie(["x", ""], icase=True) == "" and trie(["\u212aelvin"], icase=True) == ""
    assert trie(["\u212aelvin", "Ab", "ab"], icase=False) == "(?:Ab|ab|\u212aelvin)"


def test_period_patterns_tried_at_their_starts_find_what_a_scan_finds() -> None:
    """A period pattern tried only where the strings its matches begin with stand finds, in every
    sentence, what its scan of the sentence finds."""
    from pathlib import Path

    from kg.extract.figures.meaning import _periods
    from kg.regex_needs import lowered
    from kg.text import sentences

    w = meaning_words()
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += ["In 2023 revenue rose; for 2022, FY2021, fiscal 2020 and fiscal year 21; the first quarter of 2023, "
              "Second Half 2019, FOR THE YEAR 2018, in the year 2017, full-year 2016, Q3 2015, H1 2014, in 20233, 2019-20",
              "2023年第三季度营收，2022年前三季度，2021年上半年，2020财年，2019年全年，今年第一季度，2018年，12019年5月"]
    assert any(w.period_starts[lang][k] for lang in ("zh", "en") for k in range(len(w.periods[lang])))
    for text in texts:
        low = lowered(text)
        for lo, hi in [*sentences(text), (0, len(text))]:
            for lang in ("zh", "en"):
                for pat, starts in zip(w.periods[lang], w.period_starts[lang], strict=True):
                    tried = _periods(pat, starts, text, lo, hi, low[lo:hi] if low is not None else None)
                    assert [m.span() for m in tried] == [m.span() for m in pat.finditer(text, lo, hi)]


def test_period_gate_of_a_sentence_finds_what_a_scan_finds() -> None:
    """`period_of` reads only the patterns whose needs the figure's sentence holds, tried at their
    starts: the periods it keeps for a sentence are those every pattern's scan of it finds (also in
    a text with a character that lowers to two, which only some sentences hold)."""
    from pathlib import Path

    from kg.extract.figures.meaning import period_of
    from kg.model import Figure
    from kg.text import sentences

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += ["Revenue for the year 2023 rose. \u0130stanbul sales in 2022 fell; Q3 2021 too.",
              "2023年第三季度营收50亿元。İ 2022年上半年，今年前三季度。"]
    w = meaning_words()
    checked = 0
    for text in texts:
        spans = sentences(text)
        for lang in ("zh", "en"):
            cache: dict = {}
            for lo, hi in spans:
                period_of(text, Figure(text="1", start=lo, end=lo + 1, value=1, unit="count"), lang, None, spans, cache)
                scanned = [m.span() for pat in w.periods[lang] for m in pat.finditer(text, lo, hi)]
                assert [m.span() for m in cache[(lo, hi)]] == scanned, (text[lo:hi], lang)
                checked += bool(scanned)
    assert checked  # the texts do hold periods


def test_event_default_keeps_every_field():
    """event_default builds its Figure field by field: it must equal `dataclasses.replace` (a field
    added to Figure and not copied would fail here)."""
    import dataclasses
    from decimal import Decimal

    from kg.extract.figures.meaning import event_default
    from kg.model import Figure

    fig = Figure(text="5亿元", start=3, end=7, value=Decimal("500000000"), unit="CNY", period="2021年",
                 period_start="2021-01-01", period_end="2021-12-31")
    assert event_default(fig, "Enforcement") == dataclasses.replace(fig, measure="fine")
    assert event_default(fig, "Recall") is fig
