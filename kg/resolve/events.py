"""Event reports -> events: one event per happening, however many articles report it.

GDELT de-duplicates only identical records, so one happening becomes hundreds; here two
reports are one event when they have the same type, share an actor (or both have none),
share a target (affected party, policy/service, or partnership parties) and fall within a
few days of each other.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import Event, EventMention

MERGE_WINDOW_DAYS = 14


@dataclass(frozen=True, slots=True)
class ResolvedReport:
    """One report with its roles already mapped to entity keys (slots: a big corpus keeps
    hundreds of thousands of them until they are merged)."""

    report: EventMention
    actors: frozenset[str]
    participants: frozenset[str]
    affects: frozenset[str]
    about: frozenset[str]
    when: str | None  # the report's event date, else its document's date

    def __reduce__(self) -> tuple[object, tuple[EventMention, frozenset[str], frozenset[str], frozenset[str],
                                                frozenset[str], str | None]]:
        # (pickled by its fields, made again by `__init__`: compiled with mypyc, the default way sets
        # each field with setattr, which a frozen dataclass refuses)
        return ResolvedReport, (self.report, self.actors, self.participants, self.affects, self.about, self.when)


@dataclass(frozen=True, slots=True)
class EventHead:
    """What the RDF of a report needs from the event it was merged into (a streamed build
    keeps these instead of whole events while it writes)."""

    key: str
    type: str
    confidence: float

    def __reduce__(self) -> tuple[object, tuple[str, str, float]]:
        # (the graph workers of `--jobs` get these pickled; as for ResolvedReport)
        return EventHead, (self.key, self.type, self.confidence)


@lru_cache(maxsize=65536)  # merging asks for the same few dates again and again
def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _bucket(iso: str | None) -> int | None:
    """A time bucket of MERGE_WINDOW_DAYS days; reports further apart never merge."""
    d = _day(iso)
    return None if d is None else d.toordinal() // MERGE_WINDOW_DAYS


def _close_in_time(a: str | None, b: str | None) -> bool:
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= MERGE_WINDOW_DAYS


def same_happening(event: Event, r: ResolvedReport, event_when: set[str | None]) -> bool:
    """Whether report r describes the happening that `event` already holds."""
    if event.type != r.report.type:
        return False
    if not any(_close_in_time(w, r.when) for w in event_when):
        return False
    if event.type == "Partnership":  # either party may be reported as the one acting
        parties = event.participants | event.actors
        return len(parties & (r.participants | r.actors)) >= 2
    if (event.actors or r.actors) and not (event.actors & r.actors):
        return False
    if event.affects & r.affects:
        return True
    if event.about & r.about:
        eff = r.report.effective_date
        return eff is None or eff in event.effective_dates or any(x.effective_date is None for x in event.reports)
    if event.type == "FinancialResult":
        mine = {(f.value, f.unit) for f in event.figures}
        return bool(mine & {(f.value, f.unit) for f in r.report.figures})
    # Nothing targeted on either side: the same actor announcing the same effective day.
    if not (event.affects or r.affects or event.about or r.about):
        return r.report.effective_date in event.effective_dates
    return False


def can_merge(r: ResolvedReport) -> bool:
    """Whether any event could ever take report r, or take another report once it holds r.

    Mirrors same_happening: a report with no target, no figures (FinancialResult) and no
    effective date (or a partnership naming fewer than two parties) matches nothing, and an
    event started from it can never grow. Such reports are common in any corpus (a bare
    "X was fined"); indexing their events made every later report of the same party scan
    them all, which is quadratic in the number of reports per party and fortnight.
    """
    if r.report.type == "Partnership":
        return len(r.participants | r.actors) >= 2
    if r.affects or r.about:
        return True
    if r.report.type == "FinancialResult":
        return bool(r.report.figures)
    return bool(r.report.effective_date)


def event_key(r: EventMention) -> str:
    """Stable identity from the first report (document, offsets, type)."""
    raw = f"{r.type}\x1f{r.doc_key}\x1f{r.start}\x1f{r.end}"
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:20]  # raw bytes of any file name


_NOBODY = frozenset({""})  # the index key of reports naming no one


def _order(r: ResolvedReport) -> tuple[str, str, int, str]:
    rep = r.report
    return r.when or "9999", rep.doc_key, rep.start, rep.type


def merge_reports(reports: list[ResolvedReport]) -> dict[str, Event]:
    """Group reports into events; order-independent because reports are sorted first."""
    ordered = sorted(reports, key=_order)
    events: list[Event] = []
    whens: list[set[str | None]] = []
    # Candidates: events of the same type sharing a party in the same or a neighbouring time bucket.
    index: dict[tuple[str, str, int | None], list[int]] = {}
    for r in ordered:
        rep = r.report
        typ = rep.type
        keys = (r.actors | r.participants | r.affects | r.about) or _NOBODY  # "": reports naming no one
        bucket_no = _bucket(r.when)
        live = can_merge(r)  # a dead report neither joins an event nor is a candidate later
        target = None
        if live:
            near = (None,) if bucket_no is None else (bucket_no - 1, bucket_no, bucket_no + 1)
            candidates: set[int] = set()
            for k in keys:
                for b in near:
                    slot = index.get((typ, k, b))
                    if slot:
                        candidates.update(slot)
            for i in sorted(candidates):
                if same_happening(events[i], r, whens[i]):
                    target = i
                    break
        if target is None:
            events.append(Event(key=event_key(rep), type=typ))
            whens.append(set())
            target = len(events) - 1
        if live:
            for k in keys:
                slot = index.setdefault((typ, k, bucket_no), [])
                if not slot or slot[-1] != target:
                    slot.append(target)
        ev = events[target]
        ev.reports.append(rep)
        whens[target].add(r.when)
        if r.actors:
            ev.actors |= r.actors
        if r.participants:
            ev.participants |= r.participants
        if r.affects:
            ev.affects |= r.affects
        if r.about:
            ev.about |= r.about
        if rep.date:
            ev.dates.add(rep.date)
        if rep.effective_date:
            ev.effective_dates.add(rep.effective_date)
        for f in rep.figures:
            if all((f.value, f.unit) != (g.value, g.unit) for g in ev.figures):
                ev.figures.append(f)
    for ev in events:
        miss = 1.0
        for rep in ev.reports:
            miss *= 1.0 - max(0.0, min(1.0, rep.confidence))
        ev.confidence = round(1.0 - miss, 3)
    return {ev.key: ev for ev in events}
