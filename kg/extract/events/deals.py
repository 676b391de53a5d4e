"""Acquisitions and mergers: the party acquired and the day a deal closed.

"A and B agreed to merge in a deal that values B at $1.25bn": B is acquired, A acts.
"交易已于2025年6月30日完成交割", "the deal closed on Sept. 30": the date is when the deal (or a
funding round) took effect. "方案经证监会审核后实施", "the competition authority blocked the plan to
acquire X": a body that reviews a deal is no party of it.
Cue words: `valuation`, `completion`, `closing` and `approvers` of `_roles.json`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import DateMention, Mention
from ..cues import phrases
from ..patterns import first_chars, ordered_alternation
from .context import key
from .role_words import RoleWords, role_cues
from .roles import actor_candidates


@lru_cache(maxsize=1)
def _valuation() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"a deal that values B at $1.25bn": the words before and after the party acquired (valuation of _roles.json)."""
    w = role_cues("valuation")
    return (re.compile(rf"\b(?:{phrases(w['en_verbs'])})\s+\Z", re.IGNORECASE),
            re.compile(rf"\s+(?:{phrases(w['en_after'])})\b"))


@lru_cache(maxsize=1)
def _done() -> re.Pattern[str]:
    """"已于6月14日完成": the words after a date that make it the day a deal closed (completion of _roles.json)."""
    w = role_cues("completion")
    return re.compile(rf"\s*(?:{ordered_alternation(w['before'])})?(?:{ordered_alternation(w['adverbs'])})?"
                      rf"(?:{ordered_alternation(w['verbs'])})")


@lru_cache(maxsize=2)
def _review(lang: str) -> re.Pattern[str]:
    """"审核通过", "审议", "blocked", "approved": the words after a body that reviews a deal in its
    clause (approvers of _roles.json)."""
    cues = role_cues("approvers")
    # (tried at each of the 12 or 40 places after the body: one test of the words' first characters first)
    if lang == "zh":
        zh = cues["zh_review"]
        return re.compile(rf"[^，,。；;：:]{{0,12}}?{first_chars(zh)}(?:{ordered_alternation(zh)})")
    en = cues["en_review"]
    return re.compile(rf"[^,.;:!?\n]{{0,40}}?\b{first_chars(en)}(?:{phrases(en)})\b", re.IGNORECASE)


def not_approvers(text: str, mentions: list[Mention], lang: str = "zh") -> list[Mention]:
    """The mentions without the government bodies that review the deal in their clause."""
    review = _review("zh" if lang == "zh" else "en")
    return [m for m in mentions if m.type != "GovernmentBody" or not review.match(text, m.end)]


def valued_party(text: str, mentions: list[Mention], actors: tuple[Mention, ...], lo: int,
                 hi: int) -> tuple[tuple[Mention, ...], list[Mention]] | None:
    """(actors, affected) when one of several actors is the company a merger values; None otherwise."""
    values, at = _valuation()
    valued = next((m for m in actor_candidates(mentions, lo, hi) if values.search(text[max(lo, m.start - 10) : m.start])
                   and at.match(text[m.end :])), None)
    if valued is not None and len(actors) > 1 and any(key(a) == key(valued) for a in actors):
        return tuple(a for a in actors if key(a) != key(valued)), [valued]
    return None


def closing_date(text: str, here: list[DateMention], words: RoleWords) -> str | None:
    """The date of the sentence that says a deal closed ("完成交割", "closed on"), if any."""
    return next((d.value for d in here if words.closing.search(text[d.end : d.end + 10])
                 or _done().match(text, d.end)), None)
