"""Partnerships: every party that signs, the parties "both" refers to, and `partnerOf` relations.

"A、B签署战略合作协议", "collaboration between A, B, and C": the organisations of the clause (or the
list right after the trigger, even of names no extractor knew) are the participants; in English a
name after the trigger joins only after with/between ("A, B and C formed a joint venture to help
sellers on X"). "双方", "both companies" name the parties of the last partnership. One party alone
makes no partnership ("签约主播"). Cue words: `partners_after` and `both_parties` of `_roles.json`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import ORGANIZATION_TYPES, EventMention, Mention, Relation
from ..cues import phrases
from .context import EventDoc, key, unique
from .lists import fallback_list, list_after
from .role_words import ACTOR_TYPES, role_cues
from .roles import actor_candidates, is_attribution
from .triggers import TriggerHit

LIST_GAP = {"zh": 2, "en": 6}  # at most this far after the trigger, a list of unknown names gives the parties


@lru_cache(maxsize=1)
def _with() -> re.Pattern[str]:
    """"(an agreement) with", "between": names after these are partners (partners_after of _roles.json)."""
    w = role_cues("partners_after")
    return re.compile(rf"\s*(?:(?:{phrases(w['en_nouns'])})\s+)?(?:{phrases(w['en_links'])})\b", re.IGNORECASE)


def both_parties(doc: EventDoc, hit: TriggerHit, c_lo: int) -> tuple[Mention, ...]:
    """"双方联合推出", "both companies will": the parties of the last partnership."""
    idx = doc.last.get("Partnership")
    if idx is None or not doc.words.both.search(doc.text, c_lo, hit.start):
        return ()
    return doc.ex.events[idx].participants


def partnership_parties(doc: EventDoc, mentions: list[Mention], hit: TriggerHit, lo: int, c_lo: int, c_hi: int,
                 actor: Mention | None, both: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The parties of a partnership (fewer than two: no partnership); unknown names of a list after
    the trigger are added to the document's new mentions."""
    text, words = doc.text, doc.words
    parts = [m for m in actor_candidates(mentions, c_lo, c_hi)
             if m.type in ORGANIZATION_TYPES and not is_attribution(text, m, lo, words)]
    if words.lang == "en" and sum(m.end <= hit.start for m in parts) >= 2:
        # "A, B and C formed a joint venture to help sellers on X, Y and Z": the parties are
        # the subjects; names after the trigger join only after with/between/among
        after = [m for m in parts if m.start >= hit.end]
        joined = list_after(text, after, hit.end, c_hi, words) if _with().match(text, hit.end) else []
        parts = [m for m in parts if m.end <= hit.start or m in joined]
    if actor is not None and actor.type in ORGANIZATION_TYPES:
        parts.insert(0, actor)
    # "collaboration between A, B, and C" with names no extractor knew: the list right after
    # the trigger names the parties (anywhere after it, only when fewer than two are known)
    found = fallback_list(text, hit.end, c_hi, words, mentions, "Company", "events")
    if len(unique(parts)) < 2 or (found and found[0].start - hit.end <= LIST_GAP[words.lang]):
        doc.new.extend(m for m in found if m.extractor == "events" and m not in doc.new)
        parts.extend(found)
    out = unique(parts)
    return out if len(out) >= 2 else both


def partner_relations(event: EventMention) -> list[Relation]:
    """One `partnerOf` per pair of partnership participants (the resolver makes it symmetric)."""
    if event.type != "Partnership":
        return []
    parts = [p for p in event.participants if p.type in ACTOR_TYPES and p.type != "Person"]
    return [
        Relation(subject=a, predicate="partnerOf", object=b, evidence=event.evidence, confidence=event.confidence)
        for i, a in enumerate(parts) for b in parts[i + 1 :] if key(a) != key(b)
    ]
