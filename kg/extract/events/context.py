"""Per-document context shared by the event builder and the referring-back rules.

`EventDoc` holds the sorted mentions, the organisation the document is about and its report
date; `key`/`unique` give the identity the resolver will use for a mention.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace

from ...lexicons import outlet_ids
from ...model import ORGANIZATION_TYPES, DateMention, EventMention, Extraction, Figure, Mention
from ...text import normalize
from .guards import no_outlets
from .hired import HIRED_TYPES, hired_names
from .owners import qualifies_owner, without_owned_names
from .role_words import RoleWords
from .roles import is_attribution, is_venue


def key(m: Mention) -> str:
    """One key per entity within a document: a short form counts as the long name it stands for."""
    return m.key or normalize(m.alias_of or m.text)


def unique(ms: list[Mention]) -> tuple[Mention, ...]:
    seen: dict[str, Mention] = {}
    for m in ms:
        seen.setdefault(key(m), m)
    return tuple(seen.values())


class EventDoc:
    """Per-document context: mentions, main actor, report date."""

    def __init__(self, ex: Extraction, words: RoleWords) -> None:
        self.ex = ex
        self.text = ex.document.text
        self.words = words
        ordered = sorted(ex.mentions, key=lambda m: (m.start, -m.end))
        self.mentions = [m for m in ordered if m.type != "Place"]  # a place is never a party
        self.places = [m for m in ordered if m.type == "Place"]  # but may be a market
        self._starts = [m.start for m in self.mentions]  # (`mentions` never changes: `new` grows instead)
        orgs = [m for m in self.mentions if m.type in ORGANIZATION_TYPES]
        # where the text names an adviser, auditor, law firm or underwriter of a deal, that name is no party
        # of a deal, nor what the story is about, nor whom "the company" means
        hired = hired_names(self.text, orgs) if words.lang == "zh" else []
        self.hired = frozenset((m.start, m.end) for m in hired)
        self.hired_keys = frozenset(key(m) for m in hired)  # never the story's main party, wherever named
        self.orgs = [m for m in orgs if (m.start, m.end) not in self.hired]
        self.report_date = self._report_date()
        self.new: list[Mention] = []
        self.last: dict[str, int] = {}  # event type -> index in ex.events of its latest event
        self._known_parties: list[Mention] | None = None
        # `main`, worked out once when first read (an explicit lazy field: compiled with mypyc, a
        # functools.cached_property recomputes on every read)
        self._main: Mention | None = None
        self._main_known = False

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """The names of `mentions` that lie within [lo, hi), in order: one sentence's or clause's
        names found by bisection, so that the rules of each event do not filter every name of a
        long document (`[m for m in mentions if lo <= m.start and m.end <= hi]`)."""
        starts = self._starts
        return [m for m in self.mentions[bisect_left(starts, lo) : bisect_right(starts, hi)] if m.end <= hi]

    def named_in(self, lo: int, hi: int) -> list[Mention]:
        """`mentions_in` and then the names the events step added (`new`) within [lo, hi): the
        order of `[m for m in mentions + new if lo <= m.start and m.end <= hi]`."""
        found = self.mentions_in(lo, hi)
        if self.new:
            found.extend(m for m in self.new if lo <= m.start and m.end <= hi)
        return found

    def parties(self) -> list[Mention]:
        """`no_outlets(self.mentions + self.new)`: the names that may be a party of an event (an
        outlet reports, it is never one). The document's own names are filtered once; the names
        the events step adds as it goes, at each call."""
        if self._known_parties is None:
            self._known_parties = no_outlets(self.mentions)
        return [*self._known_parties, *no_outlets(self.new)] if self.new else list(self._known_parties)

    @property
    def main(self) -> Mention | None:
        """The organisation the document is about, worked out when a rule first asks (a document
        without events never needs it)."""
        if not self._main_known:
            self._main = self._main_actor()
            self._main_known = True
        return self._main

    def _main_actor(self) -> Mention | None:
        """The organisation the document is about: most named in the text, headline first.

        Each name is keyed once; the tests of whether a name counts run cheapest first (a hired
        firm, a known outlet, an owner's qualifier, a venue, then the publisher's name and an
        attribution), and whether a name is in the headline is worked out once per name."""
        if not self.orgs:
            return None
        text, words, hired = self.text, self.words, self.hired_keys
        outlet = normalize(self.ex.document.publisher or "")
        outlets = outlet_ids()

        def the_outlet(m: Mention) -> bool:  # the publisher reports; it is not what the story is about
            if m.key in outlets:
                return True  # any known outlet ("每经网讯", "据格隆汇"): a source, not the subject
            if not outlet or m.type != "Organization":
                return False
            name = normalize(m.text)
            return len(name) >= 2 and (name in outlet or outlet in name)

        keys = [key(m) for m in self.orgs]
        counts: dict[str, int] = {}
        for m, k in zip(self.orgs, keys, strict=True):
            if k in hired or the_outlet(m) or qualifies_owner(text, m) or is_venue(text, m, words) \
                    or is_attribution(text, m, 0, words):
                continue
            counts[k] = counts.get(k, 0) + 1
        if not counts:
            return None
        headline = normalize(without_owned_names(self.ex.document.headline or ""))
        # a short form counts for its full name ("Lumora" for "Lumora Home Inc.")
        # (a shorter key s counts for k when k starts with s and a space: k cut before each of its spaces)
        full = {k: counts[k] + (sum(counts.get(k[:i], 0) for i, c in enumerate(k) if c == " ") if " " in k else 0)
                for k in counts}
        in_head: dict[str, int] = {}  # name -> whether the headline holds it (its first word, for a long one)
        best, best_score = None, (-1, -1, -1)
        for m, k in zip(self.orgs, keys, strict=True):
            if k not in counts:
                continue
            named = in_head.get(m.text)
            if named is None:
                named = in_head[m.text] = int(bool(headline) and _head_name(m.text) in headline)
            score = (named, full[k], int(m.type == "Platform" or "Platform" in m.extra_types))
            if score > best_score:  # (the first of the best, as `max` gives it)
                best, best_score = m, score
        return best

    def not_hired(self, mentions: list[Mention], typ: str) -> list[Mention]:
        """The candidates of an event of type `typ`, without the names of firms hired for a deal where
        the text says so (a firm that invests in one clause and advises in the next keeps the first)."""
        if typ not in HIRED_TYPES or not self.hired:
            return mentions
        return [m for m in mentions if (m.start, m.end) not in self.hired]

    def _report_date(self) -> tuple[str | None, bool]:
        """The dateline ("3月13日消息", "On March 1,") or the publication day (flagged weaker)."""
        for d in self.ex.dates:
            if d.start <= 16 and d.role == "date":
                return d.value, True
        pub = self.ex.document.date_published
        return (pub[:10] if pub else None), False

    def recent_party(self, pos: int) -> Mention | None:
        """The company last named before `pos` that is neither a government body nor a cited
        outlet: whom 当事人 / "the company" in an enforcement story means."""
        idx = self.last.get("Enforcement")
        if idx is not None and self.ex.events[idx].affects:
            return self.ex.events[idx].affects[0]  # the party punished earlier in the story
        before = [m for m in self.orgs if m.end <= pos and m.type != "GovernmentBody"
                  and not is_attribution(self.text, m, 0, self.words) and not is_venue(self.text, m, self.words)]
        return before[-1] if before else None

    def recent_regulator(self, pos: int, head: str = "") -> Mention | None:
        """The government body last named before `pos`, else the first named after it
        ("China's top market regulator has fined … The State Administration … said"); with
        `head` ("commission"), one whose name holds that word wins ("the Commission" is the
        European Commission, not the EU named last)."""
        bodies = [m for m in self.orgs if m.type == "GovernmentBody"]
        if head:
            named = [m for m in bodies if head.casefold() in m.text.casefold()]
            bodies = named or bodies
        before = [m for m in bodies if m.end <= pos]
        return before[-1] if before else (bodies[0] if bodies else None)

    def recent_platform(self, pos: int, company: bool = False) -> Mention | None:
        """Whom "the platform" / "it" before `pos` means: the organisation the story is about while it is
        in view, else the platform named last; for "the company" (`company`), the company named last."""
        before = [m for m in self.orgs if m.end <= pos and not is_attribution(self.text, m, 0, self.words)
                  and not is_venue(self.text, m, self.words)]
        kind = "Company" if company else "Platform"
        platforms = [m for m in before if m.type == kind or kind in m.extra_types]
        main = self.main
        main_key = key(main) if main is not None else ""
        named = [m for m in before if main is not None and (key(m) == main_key or main_key.startswith(key(m) + " "))]
        if named and pos - named[-1].start < 600:  # the organisation the story is about, still in view
            return named[-1]
        if platforms:
            return platforms[-1]
        return before[-1] if before else self.main


def _head_name(name: str) -> str:
    """What of a name the headline must hold: its first word when that is long ("Lumora" of "Lumora
    Home Inc."), else the whole name (normalised)."""
    folded = normalize(name)
    words = folded.split()
    return words[0] if len(words) > 1 and len(words[0]) >= 4 else folded


DEAL_TYPES = ("Acquisition", "Investment")


def another_amount(event: EventMention, figures: Iterable[Figure]) -> bool:
    """True when a deal's sentence names another amount in a currency the deal already has
    ("It raised $20 million in 2023" after a $48 million round): another deal, not more of this one."""
    if event.type not in DEAL_TYPES:
        return False
    money = {f.unit: f.value for f in event.figures if f.unit.isupper()}
    return any(f.unit in money and money[f.unit] != f.value for f in figures if f.unit.isupper())


def with_more_figures(event: EventMention, figures: Iterable[Figure]) -> EventMention:
    """The event with the figures it does not have yet (same value and unit counts once)."""
    have = {(f.value, f.unit) for f in event.figures}
    more = tuple(f for f in figures if (f.value, f.unit) not in have)
    return replace(event, figures=event.figures + more) if more else event


def dates_in(dates: list[DateMention], lo: int, hi: int) -> list[DateMention]:
    return [d for d in dates if lo <= d.start and d.end <= hi]
