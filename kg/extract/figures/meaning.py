"""What a figure measures and the period it covers, from the words around it.

"2021年第三季度营收50亿元": 50亿元 measures revenue over 2021-07-01..2021-09-30; "a $2 million
fine"; "net loss of $310 million in fiscal 2023". The cue nearest before a figure in its clause
wins, else a cue right after it; a percentage gets a measure only where a rate is meant
(费率 3%, 裁员15%). Periods without a year take it from the document date or the nearest
full date before the figure, never from the clock; a period that would end after that date is
last year's (a January report of 四季度). Words and patterns: `kg/lexicons/measures.json`.
"""
from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from ...frozen import in_order, made
from ...model import DateMention, Figure
from ...regex_needs import Needs, holds, leading_strings, lowered, needs
from ...text import sentences
from ..cuefile import CueFile
from ..patterns import alternation, first_chars, trie

_CLAUSE = re.compile(r"[，,；;：:。！？!?\n]")
_LAST_CLAUSE = re.compile(rf"(?s:.*){_CLAUSE.pattern}")  # up to the last of those marks, in one call
_WINDOW = {"zh": 18, "en": 60}
_NEAR = {"zh": re.compile(r"\s*(?:的)?\s*"), "en": re.compile(r"\s*(?:in\s+|of\s+)?")}
# (zh: the words `_NEAR` allows, the same object: then a cue `_NEAR` missed is not looked for again)
_AFTER = {"zh": _NEAR["zh"], "en": re.compile(r"\s*(?:in\s+|of\s+|worth\s+of\s+)?(?:[a-z-]+\s+)?")}
_Period = tuple[re.Pattern[str], Needs, tuple[str, ...] | None]  # a pattern, what it needs, what it begins with
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "first": 1, "second": 2, "third": 3, "fourth": 4, "上": 1, "下": 2}


# the fields as figure() fills them
in_order(Figure, ("text", "start", "end", "value", "unit", "measure", "period", "period_start", "period_end"))


def figure(text: str, start: int, end: int, value: Decimal, unit: str, measure: str | None = None,
           period: str | None = None, period_start: str | None = None, period_end: str | None = None) -> Figure:
    """`Figure(...)`, made as `kg.frozen.made` makes it: the same object for a third of the cost
    of the frozen `__init__` (the figures steps make one or two per figure of a corpus)."""
    return made(Figure, {"text": text, "start": start, "end": end, "value": value, "unit": unit, "measure": measure,
                         "period": period, "period_start": period_start, "period_end": period_end})


@dataclass(frozen=True)
class MeaningWords:
    cues: dict[str, re.Pattern[str]]  # lang -> alternation of every cue
    code: dict[str, dict[str, str]]  # lang -> folded cue -> measure code
    percent: frozenset[str]
    counts: frozenset[str]
    units: dict[str, str]
    event_defaults: dict[str, str]
    count_defaults: dict[str, str]
    periods: dict[str, tuple[re.Pattern[str], ...]]
    period_needs: dict[str, tuple[Needs, ...]]  # per pattern: what a sentence needs to hold one
    period_starts: dict[str, tuple[tuple[str, ...] | None, ...]]  # per pattern: `regex_needs.leading_strings`


@lru_cache(maxsize=1)
def meaning_words() -> MeaningWords:
    cues = CueFile("measures.json")
    table = cues.table("measures", dict)
    code: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    for name, words in table.items():
        for lang in ("zh", "en"):
            for w in words.get(lang, []):
                code[lang].setdefault(w.casefold(), name)
    pats = {}
    for lang in ("zh", "en"):
        alts = trie(code[lang], icase=True) or alternation(code[lang])
        guard = first_chars(code[lang]) if code[lang] else ""  # re tries no word where no word can start
        pats[lang] = re.compile(rf"{guard}(?:{alts})" if lang == "zh" else rf"\b{guard}(?:{alts})\b", re.IGNORECASE)
    periods = {lang: tuple(re.compile(p, re.IGNORECASE) for p in cues.words(f"periods_{lang}")) for lang in ("zh", "en")}
    return MeaningWords(pats, code, frozenset(cues.words("percent_measures")), frozenset(cues.words("count_measures")),
                        cues.table("unit_measures", str),
                        cues.table("event_defaults", str), cues.table("count_defaults", str), periods,
                        {lang: tuple(needs(p) for p in pats) for lang, pats in periods.items()},
                        {lang: tuple(leading_strings(p) for p in pats) for lang, pats in periods.items()})


class _Blockers:
    """The ends of the figures that are no percentage, in order: the last one before a figure
    (another amount in between hides a cue further back), found by bisection instead of a
    pass over every figure of the document for each figure."""

    def __init__(self, figures: list[Figure]) -> None:
        ordered = sorted((f.end, k) for k, f in enumerate(figures) if f.unit != "percent")
        self.ends = [end for end, _ in ordered]
        self.figures = [figures[k] for _, k in ordered]

    def last_end(self, fig: Figure) -> int:
        """The largest end at or before `fig.start` of a figure other than `fig`, -1 if none."""
        j = bisect.bisect_right(self.ends, fig.start) - 1
        while j >= 0 and self.figures[j] is fig:
            j -= 1
        return self.ends[j] if j >= 0 else -1


def measure_of(text: str, fig: Figure, others: list[Figure], lang: str, blockers: _Blockers | None = None,
               w: MeaningWords | None = None) -> str | None:
    """The measure a cue word gives the figure, or None (`blockers`: `others` prepared, when many
    figures of one document are asked about; `w`: `meaning_words()`)."""
    w = w or meaning_words()
    if fig.unit in w.units:  # "9.3 million users": the unit says it, whatever the words around say
        return w.units[fig.unit]
    lang = "zh" if lang == "zh" else "en"
    lo = max(0, fig.start - _WINDOW[lang])
    last = _LAST_CLAUSE.match(text, lo, fig.start)
    cut = last.end() if last else lo
    cut = max(cut, (blockers if blockers is not None else _Blockers(others)).last_end(fig))
    found = None
    for m in w.cues[lang].finditer(text, cut, fig.start):
        found = m  # the last (nearest) cue before the figure
    near = _NEAR[lang].match(text, fig.end)  # "a $2 million fine", "5亿元的罚款"
    tail = w.cues[lang].match(text, near.end()) if near else None
    if tail is None and _AFTER[lang] is not _NEAR[lang]:
        after = _AFTER[lang].match(text, fig.end)  # "$5 billion in annual revenue"
        tail = w.cues[lang].match(text, after.end()) if after else None
    if tail is not None and (found is None or tail.start() - fig.end <= 2):
        found = tail
    name = w.code[lang].get(found.group().casefold()) if found is not None else None
    if name is not None and fig.unit == "percent" and name not in w.percent:
        return None
    if name is not None and _is_money(fig) and name in w.counts:
        return None  # "helped merchants earn 2.5 billion yuan": an amount, not a merchant count
    return name


def _is_money(fig: Figure) -> bool:
    return len(fig.unit) == 3 and fig.unit.isupper()


def period_of(text: str, fig: Figure, lang: str, ref: date | None, spans: list[tuple[int, int]] | None = None,
              cache: dict[tuple[int, int], list[re.Match[str]]] | None = None) -> tuple[str, str | None, str | None] | None:
    """(the period as written, its first day, its last day) nearest the figure in its sentence
    (`spans`: the text's `sentences`, `cache`: the periods of the sentences read so far, when many
    figures of a document are asked about)."""
    spans = spans if spans is not None else sentences(text)
    i = bisect.bisect_right(spans, (fig.start, len(text) + 1)) - 1
    lo, hi = spans[i] if i >= 0 and spans[i][0] <= fig.start < spans[i][1] else (0, len(text))
    cache = cache if cache is not None else {}
    found = cache.get((lo, hi))
    if found is None:  # the periods of a sentence, found once for all its figures
        # a pattern whose words the sentence lacks cannot match in it: only the sentences that hold a
        # figure are read, not the whole text
        sentence = lowered(text[lo:hi])
        found = cache[(lo, hi)] = [m for pat, need, starts in _patterns(lang) if holds(need, sentence)
                                   for m in _periods(pat, starts, text, lo, hi, sentence)]
    best = None
    for m in found:
        if m.start() < fig.end and fig.start < m.end():
            continue
        dist = fig.start - m.end() if m.end() <= fig.start else m.start() - fig.end + 0.5
        if best is None or dist < best[0] or (dist == best[0] and m.end() - m.start() > best[1].end() - best[1].start()):
            best = (dist, m)
    if best is None:
        return None
    m = best[1]
    start, end = _resolve(m, ref)
    return m.group().strip(), start, end


def _patterns(lang: str) -> list[_Period]:
    """The period patterns of `lang`, each with what it needs and what its matches begin with."""
    return _patterns_of("zh" if lang == "zh" else "en")


@lru_cache(maxsize=2)
def _patterns_of(key: str) -> list[_Period]:
    w = meaning_words()
    return list(zip(w.periods[key], w.period_needs[key], w.period_starts[key], strict=True))


def _periods(pattern: re.Pattern[str], starts: tuple[str, ...] | None, text: str, lo: int, hi: int,
             low: str | None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, lo, hi)`, tried only where one of `starts` begins in the sentence
    (`low`: text[lo:hi] `lowered`) when they are known: every match begins with one."""
    if starts is None or low is None:
        yield from pattern.finditer(text, lo, hi)
        return
    places = set()
    for s in starts:
        at = low.find(s)
        while at >= 0:
            places.add(lo + at)
            at = low.find(s, at + 1)
    end = lo
    for at in sorted(places):
        if at >= end:
            m = pattern.match(text, at, hi)
            if m is not None:
                yield m
                end = m.end()


def _resolve(m: re.Match[str], ref: date | None) -> tuple[str | None, str | None]:
    g = {k: v for k, v in m.groupdict().items() if v}
    year = int(g["year"]) if "year" in g else None
    if "fy" in g:
        year = int(g["fy"]) if len(g["fy"]) == 4 else 2000 + int(g["fy"])
    text = m.group()
    q = g.get("q") or g.get("q2") or g.get("q3")
    if q is not None:
        n = _CN.get(q.casefold(), None) or int(q)
        first, last = 3 * n - 2, 3 * n
    elif "half" in g:
        n = _CN.get(g["half"].casefold(), None) or int(g["half"])
        first, last = (1, 6) if n == 1 else (7, 12)
    elif "upto" in g:
        first, last = 1, 3 * (_CN.get(g["upto"], None) or int(g["upto"]))
    else:
        first, last = 1, 12
    if year is None:
        if ref is None:
            return None, None
        year = ref.year - 1 if re.search(r"去年|上年|last year", text, re.IGNORECASE) else ref.year
        if not re.search(r"今年|本年|去年|上年", text) and date(year, last, 1) > ref:
            year -= 1  # a January report of the fourth quarter: last year's
    end = date(year, last, calendar.monthrange(year, last)[1])
    return date(year, first, 1).isoformat(), end.isoformat()


def with_meaning(text: str, figures: list[Figure], lang: str, doc_date: str | None,
                 dates: list[DateMention]) -> list[Figure]:
    """The figures with `measure` and `period` filled where the text says so."""
    if not figures:
        return []
    out = []
    w = meaning_words()
    spans = sentences(text)  # once per document: a long one has many figures
    cache: dict[tuple[int, int], list[re.Match[str]]] = {}
    blockers = _Blockers(figures)
    full = [d for d in dates if len(d.value) >= 10]
    ends = [d.end for d in full]
    ordered = ends == sorted(ends)  # (the dates step finds them in text order)
    refs: dict[int, date | None] = {}  # the day of full[i - 1] (of the document: i = 0), read once
    for fig in figures:
        measure = fig.measure or measure_of(text, fig, figures, lang, blockers, w)
        if ordered:  # the last full date that ends before the figure, by bisection
            i = bisect.bisect_right(ends, fig.start)
            ref = refs[i] if i in refs else refs.setdefault(i, _day(full[i - 1].value if i else doc_date))
        else:
            ref = _reference(doc_date, dates, fig.start)
        period = period_of(text, fig, lang, ref, spans, cache)
        if period is None and not measure:
            out.append(fig)
            continue
        # one copy of the figure for both (dataclasses.replace costs several times more)
        p_text, p_start, p_end = period if period is not None else (fig.period, fig.period_start, fig.period_end)
        out.append(figure(fig.text, fig.start, fig.end, fig.value, fig.unit, measure or fig.measure, p_text, p_start, p_end))
    return out


def event_default(fig: Figure, event_type: str) -> Figure:
    """A figure with no cue in an event of a class that says what it is (a fine in an enforcement)."""
    if fig.measure:
        return fig
    w = meaning_words()
    money = _is_money(fig)
    name = w.event_defaults.get(event_type) if money else w.count_defaults.get(event_type) if fig.unit != "percent" else None
    if name is None and fig.unit == "percent" and event_type == "Layoff":
        name = w.count_defaults.get("Layoff")
    if not name:
        return fig
    # (built directly: `dataclasses.replace` reads the fields anew at each call)
    return figure(fig.text, fig.start, fig.end, fig.value, fig.unit, name, fig.period, fig.period_start, fig.period_end)


def _reference(doc_date: str | None, dates: list[DateMention], pos: int) -> date | None:
    """The date a yearless period is read against: the nearest full date before, else the document's."""
    before = [d for d in dates if d.end <= pos and len(d.value) >= 10]
    return _day(before[-1].value if before else doc_date)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
