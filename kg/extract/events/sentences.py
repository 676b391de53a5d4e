"""Sentence-level decisions of the events step: which trigger words count (not those inside names),
which reading of a stake purchase holds, whether an undated sentence goes on about the last event,
and the sentence text with names blanked for pronoun tests."""
from __future__ import annotations

import bisect
from dataclasses import replace

from ...model import EventMention, Extraction, Mention
from .context import EventDoc, another_amount, key, unique, with_more_figures
from .triggers import TriggerHit


def blank_names(text: str, mentions: list[Mention], lo: int, hi: int) -> str:
    """text[lo:hi] with every name blanked, so words inside names are not read as pronouns."""
    cuts = sorted((max(m.start, lo), min(m.end, hi)) for m in mentions if m.start < hi and lo < m.end)
    out = []
    pos = lo  # text before `pos` is written out; the names' spans are joined where they overlap
    for a, b in cuts:
        if a >= b or b <= pos:
            continue
        if a > pos:
            out.append(text[pos:a])
        out.append(" " * (b - max(a, pos)))
        pos = b
    out.append(text[pos:hi])
    return "".join(out)


def main_hit(hits: list[TriggerHit]) -> TriggerHit:
    """The hit that leads the event of a sentence's hits of one type: the strongest, the first of equals
    (most sentences have one hit of a type: that one)."""
    return hits[0] if len(hits) == 1 else max(hits, key=lambda h: (h.weight, -h.start))


def stake_type(by_type: dict[str, list[TriggerHit]], ex: Extraction, lo: int, hi: int) -> dict[str, list[TriggerHit]]:
    """"buy a 60% stake" reads as both a purchase and an investment: a stake of half or more
    gives control (an Acquisition), a smaller one is an Investment."""
    if "Acquisition" not in by_type or "Investment" not in by_type:
        return by_type
    stakes = [f.value for f in ex.figures if lo <= f.start and f.end <= hi and f.unit == "percent"]
    if not stakes:
        return by_type
    drop = "Investment" if max(stakes) >= 50 else "Acquisition"
    return {t: hs for t, hs in by_type.items() if t != drop}


def goes_on(doc: EventDoc, event: EventMention, named_investors: bool = False) -> bool:
    """True when the last event of the type has the same parties; its figures and dates take this one's.

    "Existing investors A and B also participated": investors named in an undated sentence with
    no investee or amount of its own join the last round."""
    idx = doc.last.get(event.type)
    if idx is None:
        return False
    last = doc.ex.events[idx]
    if event.type == "Investment" and named_investors and not event.affects and not event.figures:
        doc.ex.events[idx] = replace(last, actors=unique([*last.actors, *event.actors]))
        return True

    def parties(e: EventMention) -> set[str]:
        return {key(m) for m in (*e.actors, *e.participants, *e.affects)}

    if not parties(event) or not parties(event) <= parties(last):
        return False
    if event.effective_date and last.effective_date and event.effective_date != last.effective_date:
        return False  # another change taking effect on another day
    if another_amount(last, event.figures):
        return False  # another amount of the same currency: another deal ("last raised $20 million")
    merged = with_more_figures(last, event.figures)
    if merged.effective_date is None and event.effective_date is not None:
        merged = replace(merged, effective_date=event.effective_date)
    doc.ex.events[idx] = merged
    return True


def outside_names(hits: list[list[TriggerHit]], mentions: list[Mention]) -> list[list[TriggerHit]]:
    """Drop trigger words that are part of a name (控股 in 悦购控股, 处罚 in a rule's title)."""
    spans = sorted((m.start, m.end) for m in mentions)
    if not spans:
        return hits
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]

    def inside(h: TriggerHit) -> bool:  # within one of the 8 names starting last at or before it
        i = bisect.bisect_right(starts, h.start)  # (each of ends[:i] is of a name starting at or before h)
        return max(ends[max(0, i - 8) : i], default=-1) >= h.end

    return [[h for h in hs if not inside(h)] if hs else [] for hs in hits]  # (most sentences have no hit)
