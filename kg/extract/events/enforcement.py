"""Roles of enforcements: fines, orders, lawsuits, summons.

A body punishes and a firm is punished, so the rules here turn the roles the generic finder
read: a visit is no enforcement; a party that answers a penalty (X表示接受处罚) is the one
punished; a body named first in the sentence acts on the firm named after it; a firm that agrees
to pay to settle is punished; 当事人 is the party the story is about; the name after
"against"/针对 is affected. Cue words: `settles` and `against` of `_roles.json`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import ORGANIZATION_TYPES, Mention
from ..cues import phrases
from .context import EventDoc, key, unique
from .guards import is_visit, responds
from .lists import list_after
from .role_words import role_cues
from .roles import actor_candidates, is_attribution
from .triggers import TriggerHit


@lru_cache(maxsize=1)
def _settle() -> re.Pattern[str]:
    """"agreed to pay … to settle", "达成和解": the party named before is punished (settles of _roles.json)."""
    w = role_cues("settles")
    return re.compile(rf"\b(?:{phrases(w['en_words'])})\b|(?:{phrases(w['zh_words'])})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _against() -> re.Pattern[str]:
    """"against (online marketplace) X", "针对X": up to three lower-case words between (against of _roles.json)."""
    w = role_cues("against")
    return re.compile(rf"(?:\b(?:{phrases(w['en_words'])})|(?:{phrases(w['zh_words'])}))\s*(?:the\s+)?(?:[a-z-]+\s+){{0,3}}\Z")


def body_after(mentions: list[Mention], hit: TriggerHit, c_hi: int) -> Mention | None:
    """"a penalty the KFTC announced against X": with no actor before the trigger, the body after it."""
    return next((m for m in actor_candidates(mentions, hit.end, c_hi) if m.type == "GovernmentBody"), None)


def enforcement_parties(doc: EventDoc, mentions: list[Mention], everyone: list[Mention], hit: TriggerHit,
                        actor: Mention | None, affects: list[Mention], score: float, lo: int,
                        hi: int) -> tuple[Mention | None, list[Mention]]:
    """(actor, affected) once the generic rules named them: the body acts, the firm is punished."""
    text, words = doc.text, doc.words
    if actor is not None and actor.type != "GovernmentBody":
        # "The FTC on Wednesday ordered operator Cartwheel Inc to pay $18.5M in penalties": the body named
        # first in the sentence acts on the company named after it
        first = next((m for m in actor_candidates(mentions, lo, actor.start)
                      if not is_attribution(text, m, lo, words)), None)
        if first is not None and first.type == "GovernmentBody":  # the object of its verb is the party
            obj = next((m for m in actor_candidates(mentions, first.end, actor.end)
                        if m.type != "GovernmentBody" and m.type in ORGANIZATION_TYPES), actor)
            affects, actor = [obj, *[m for m in affects if key(m) != key(obj)]], first
    if actor is not None and actor.type != "GovernmentBody" and _settle().search(
            text, actor.end, hit.end + 40):  # "X has agreed to pay $18.5M to settle FTC charges": X is punished
        body = next((m for m in actor_candidates(mentions, lo, hi) if m.type == "GovernmentBody"), None) or \
            doc.recent_regulator(hit.start)
        if body is not None:
            affects, actor = [actor, *affects], body
    if not affects and words.party.search(text, lo, hi):
        party = doc.recent_party(lo)  # "没收当事人违法所得": the party the story is about
        affects = [party] if party is not None and (actor is None or key(party) != key(actor)) else []
    if not affects:  # "a penalty the KFTC announced against Coupang"
        against = _against()
        target = [m for m in actor_candidates(everyone, lo, hi) if against.search(text[max(lo, m.start - 40) : m.start])
                  and (actor is None or key(m) != key(actor) or score < 1)][:1]
        if target and actor is not None and key(target[0]) == key(actor):
            actor = None  # "A group of shoppers filed a lawsuit against X": X is sued, the plaintiffs are unnamed
        affects = list_after(text, everyone, target[0].start, hi, words) if target else []  # and its CEO
    return actor, affects


def checked_enforcement(doc: EventDoc, mentions: list[Mention], hit: TriggerHit, c_lo: int, lo: int, hi: int,
                        actor: Mention | None, affects: list[Mention],
                        score: float) -> tuple[Mention | None, list[Mention], float] | None:
    """None when the sentence reports no new enforcement (a visit; an answer to a penalty already
    reported); else (actor, affected, score), the party that answers a penalty turned into the one punished."""
    text, lang = doc.text, doc.words.lang
    if is_visit(text, c_lo, hit.start, lang):
        return None  # "went to Shenzhen to understand the impact of the store closures": a visit
    if responds(text, actor, c_lo, hit.start, lang):  # "X表示接受处罚": X answers a penalty
        if "Enforcement" in doc.last:
            return None  # the sentence goes on about the penalty already reported
        affects = list(unique([actor, *affects])) if actor is not None else affects
        actor = next((m for m in actor_candidates(mentions, lo, hi) if m.type == "GovernmentBody"
                      and all(key(m) != key(a) for a in affects)), None) or doc.recent_regulator(hit.start)
        score = 0.8
    return actor, affects, score
