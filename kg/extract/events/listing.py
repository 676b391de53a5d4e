"""Who lists: the firm whose shares trade, never the exchange or the venue.

"在港交所上市", "on the Nasdaq": the venue is where a listing happens; "Nasdaq will suspend trading
in shares of CartNova": the exchange acts on the firm, which is the one listed. (The regulator or
exchange that approves a listing is handled with the other corporate events in `corporate.py`.)
Cue words: `venue` and `exchanges` of `_roles.json`.
"""
from __future__ import annotations

from ...model import ORGANIZATION_TYPES, Mention
from .role_words import RoleWords
from .roles import actor_candidates, is_venue
from .triggers import TriggerHit


def listing_candidates(text: str, mentions: list[Mention], words: RoleWords) -> list[Mention]:
    """The mentions that may list: neither a venue ("在港交所") nor an exchange itself."""
    return [m for m in mentions if not is_venue(text, m, words) and not words.exchange.search(m.text)]


def listed_firm(text: str, mentions: list[Mention], hit: TriggerHit, c_hi: int, actor: Mention | None, score: float,
                words: RoleWords) -> tuple[Mention | None, float]:
    """(actor, score): the organisation after the trigger when no firm was named as the actor with
    confidence, or an exchange was ("Nasdaq will suspend trading in shares of CartNova": CartNova)."""
    if score < 1 or actor is None or words.exchange.search(actor.text):
        listed = next((m for m in actor_candidates(mentions, hit.end, c_hi) if m.type in ORGANIZATION_TYPES), None)
        if listed is not None:
            return listed, 1.0
    return actor, score
