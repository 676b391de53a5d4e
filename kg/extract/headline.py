"""Dates a headline gives to the event its body reports.

"1688平台将于9月12日起升级买家保障服务" as a headline, and a body that only says "升级后的…":
the effective date is in the headline alone. When the headline holds a trigger of the same
type as a body event that has no effective date, the headline's effective date (a date
the date extractor marks as taking effect: 将于…起, "from …", "starting …") is that event's.
Headline offsets never reach the graph: only the date value is used.
"""
from __future__ import annotations

import importlib
from dataclasses import replace

from ..model import Document, Extraction
from . import EXTRACTORS, Extractor
from .triggers import TriggerMatcher


def _date_extractor() -> Extractor | None:
    """The registered date extractor (built on first use; None if there is none)."""
    if "dates" not in EXTRACTORS:
        try:
            importlib.import_module(f"{__package__}.dates")
        except ModuleNotFoundError:
            return None
    return EXTRACTORS.get("dates")() if "dates" in EXTRACTORS else None


class HeadlineDates:
    """Effective dates from the headline for the body's events of the headline's types."""

    def __init__(self, matcher: TriggerMatcher) -> None:
        self.matcher = matcher
        self._dates: Extractor | None = None

    def __call__(self, ex: Extraction, lang: str) -> None:
        doc = ex.document
        if not doc.headline or not ex.events:
            return
        if self._dates is None:
            self._dates = _date_extractor()
            if self._dates is None:
                return
        head = Extraction(document=Document(key=f"{doc.key}#headline", source_path=doc.source_path, position="",
                                            text=doc.headline, lang=doc.lang, date_published=doc.date_published))
        self._dates(head)
        effective = next((d.value for d in head.dates if d.role == "effective"), None)
        if effective is None:
            return
        types = {h.type for hs in self.matcher.find(doc.headline, lang, [(0, len(doc.headline))]) for h in hs}
        for i, event in enumerate(ex.events):
            if event.type in types and event.effective_date is None:
                ex.events[i] = replace(event, effective_date=effective)
                return
