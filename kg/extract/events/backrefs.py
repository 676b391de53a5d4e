"""Sentences that go on about an event already reported, instead of reporting a new one.

"此次收购将…", "The acquisition is expected to close on …", "The regulator ordered …": no new
event; a date there is when the earlier event takes effect (or closes).
"""
from __future__ import annotations

from dataclasses import replace

from ...model import EventMention
from .context import DEAL_TYPES, EventDoc, another_amount, dates_in, with_more_figures
from .roles import actor_candidates, clause_bounds
from .sentences import main_hit
from .triggers import TriggerHit

CLOSING_TYPES = DEAL_TYPES


def later_date(doc: EventDoc, lo: int, hi: int) -> str | None:
    """The first date of the sentence that is not the dateline."""
    return next((d.value for d in dates_in(doc.ex.dates, lo, hi) if d.start > 16 or lo > 0), None)


def refers_back(doc: EventDoc, typ: str, hits: list[TriggerHit], lo: int, hi: int) -> bool:
    """True when the sentence refers back to the last event of `typ` (whose effective date it may set)."""
    idx = doc.last.get(typ)
    if idx is None:
        return False
    main = main_hit(hits)
    words, text = doc.words, doc.text
    c_lo, _ = clause_bounds(text, main.start, main.end, lo, hi, words.lang)
    if actor_candidates(doc.named_in(c_lo, main.start), c_lo, main.start):
        return False  # "the X acquisition by Y": a new party, a new report
    subject = text[c_lo : main.start].strip()
    pronoun = words.regulator.match(subject) or words.pronoun.match(subject)
    noun = not subject and words.noun.match(text, main.end) and not actor_candidates(doc.named_in(lo, hi), lo, hi)
    if not (words.anaphor.search(text, max(c_lo, main.start - 8), main.start) or pronoun or noun):
        return False  # "处罚决定作出日期为…" with no party named: the decision of the event before
    event = doc.ex.events[idx]
    if another_amount(event, (f for f in doc.ex.figures if lo <= f.start and f.end <= hi)):
        return False  # "It raised $20 million in 2023": another amount, another deal
    date = later_date(doc, lo, hi)
    if event.effective_date is None and date is not None and date != event.date:
        event = replace(event, effective_date=date)
    doc.ex.events[idx] = with_figures(event, doc, lo, hi)
    return True


def with_figures(event: EventMention, doc: EventDoc, lo: int, hi: int) -> EventMention:
    """The event with the money amounts of a sentence that goes on about it ("此次发售募资12.9亿港元")."""
    return with_more_figures(event, (f for f in doc.ex.figures if lo <= f.start and f.end <= hi and f.unit.isupper()))


def closing(doc: EventDoc, lo: int, hi: int) -> None:
    """"该交易预计于2024年7月1日完成交割": the closing date of the last deal."""
    idx = max((doc.last[t] for t in CLOSING_TYPES if t in doc.last), default=None)
    if idx is None or not doc.words.closing.search(doc.text, lo, hi):
        return  # (no deal reported yet, or no closing word)
    date = later_date(doc, lo, hi)
    if idx is None or date is None:
        return
    event = doc.ex.events[idx]
    if event.effective_date is None and date != event.date:
        doc.ex.events[idx] = replace(event, effective_date=date)


def deadline(doc: EventDoc, lo: int, hi: int) -> None:
    """"The CMA said Brightcart must remove the reviews by 31 March 2026": a sentence with no event
    of its own that names a party of the last enforcement and a date it takes effect by gives
    that enforcement its deadline."""
    idx = doc.last.get("Enforcement")
    if idx is None:
        return
    event = doc.ex.events[idx]
    if event.effective_date is not None:
        return
    effective = next((d.value for d in doc.ex.dates if d.role == "effective" and lo <= d.start and d.end <= hi), None)
    if effective is None:
        return
    parties = {m.key or m.text for m in (*event.actors, *event.affects)}
    if any((m.key or m.text) in parties for m in actor_candidates(doc.named_in(lo, hi), lo, hi)):
        doc.ex.events[idx] = replace(event, effective_date=effective)
