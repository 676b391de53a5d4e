"""Dates a headline gives to the event its body reports.

"1688平台将于9月12日起升级买家保障服务" as a headline, and a body that only says "升级后的…":
the effective date is in the headline alone. When the headline holds a trigger of the same
type as a body event that has no effective date, the headline's effective date (a date
the date extractor marks as taking effect: 将于…起, "from …", "starting …") is that event's.
Headline offsets never reach the graph: only the date value is used.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import replace
from typing import Any

from ...model import Document, Extraction
from .. import EXTRACTORS, Extractor
from .triggers import TriggerMatcher


def _date_extractor() -> Extractor | None:
    """The registered date extractor (built on first use; None if there is none)."""
    if "dates" not in EXTRACTORS:
        try:
            importlib.import_module("kg.extract.dates")
        except ModuleNotFoundError:
            return None
    return EXTRACTORS.get("dates")() if "dates" in EXTRACTORS else None


def effective_cues(finder: Extractor) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Searches for the words without which the date extractor `finder` marks no date effective:
    it reads one of its cue words just before or after every effective date ("自…起", "effective
    from", "将于…生效"), so a text without any holds no effective date. The first search is for
    the casefolded text (the English cues are read casefolded), the second for the text as it is.
    None when `finder` does not name its cues (then every headline is scanned)."""
    named: Any = finder  # (read duck-typed: a finder without the cue attributes names no cues)
    try:
        folded = (*named.before_en, *named.after_en)
        cased = (*named.before_zh, *named.after_zh)
    except AttributeError:
        return None
    # (no cue at all: the empty alternation finds a place in every text)
    return (re.compile("|".join(map(re.escape, sorted(set(folded))))),
            re.compile("|".join(map(re.escape, sorted(set(cased))))))


def _holds_cue(text: str, cues: tuple[re.Pattern[str], re.Pattern[str]]) -> bool:
    """True when `text` holds one of the cue words that `effective_cues` searches for."""
    return cues[1].search(text) is not None or cues[0].search(text.casefold()) is not None


class HeadlineDates:
    """Effective dates from the headline for the body's events of the headline's types."""

    def __init__(self, matcher: TriggerMatcher) -> None:
        self.matcher = matcher
        self._dates: Extractor | None = None
        self._cues: tuple[re.Pattern[str], re.Pattern[str]] | None = None  # (`effective_cues` of `_dates`)

    def __call__(self, ex: Extraction, lang: str, possible_types: set[str] | None = None, searched: bool = False) -> None:
        """`possible_types`: the matcher's `possible_types` of the headline when `searched` (the caller
        searched the headline and has them), else they are looked up here."""
        doc = ex.document
        if not doc.headline or all(event.effective_date is not None for event in ex.events):
            return  # (no event that a headline's date could complete)
        if self._dates is None:
            self._dates = _date_extractor()
            if self._dates is None:
                return
            self._cues = effective_cues(self._dates)
        if self._cues is not None and not _holds_cue(doc.headline, self._cues):
            return  # (no word that makes a date effective: the headline has no effective date)
        possible = self.matcher.possible_types(doc.headline, lang) if not searched else possible_types
        if possible is not None and not any(e.effective_date is None and e.type in possible for e in ex.events):
            return  # (no trigger of an undated event's type in the headline: its dates are not needed)
        head = Extraction(document=Document(key=f"{doc.key}#headline", source_path=doc.source_path, position="",
                                            text=doc.headline, lang=doc.lang, date_published=doc.date_published))
        self._dates(head)
        found = next((d for d in head.dates if d.role == "effective"), None)
        if found is None:
            return
        effective = found.value
        # "天猫下调费率 淘宝规则9月15日起调整": the date belongs to the headline's part that holds it
        marks = _PARTS + (" \u3000" if lang == "zh" else "")  # Chinese headlines join parts with a space
        a = max(doc.headline.rfind(c, 0, found.start) for c in marks) + 1
        ends = [i for i in (doc.headline.find(c, found.end) for c in marks) if i >= 0]
        part = doc.headline[a : min(ends, default=len(doc.headline))]
        types = {h.type for hs in self.matcher.find(part, lang, [(0, len(part))]) for h in hs}
        named = [m for m in ex.mentions if m.type != "Person" and m.text in doc.headline]
        owners = {m.key or m.text for m in named if m.text in part}
        for i, event in enumerate(ex.events):
            if event.type in types and event.effective_date is None:
                if owners and named and not any((m.key or m.text) in owners for m in event.actors):
                    continue  # the date is another party's
                ex.events[i] = replace(event, effective_date=effective)
                return


_PARTS = "，,；;|｜"
