"""Roles of funding rounds: the investors act, the organisation that raised the round is affected.

"由A领投，B跟投" and "led by A, with participation from B" name every investor (`investors.py`);
the organisation named before them, or the subject that "received" the round ("B获得A投资",
"B raised"), is the investee. Cue words: `receivers`, `investor_after`, `investor_before`, `angels`
of `_roles.json`.
"""
from __future__ import annotations

from ...model import ORGANIZATION_TYPES, Mention
from .context import EventDoc, key, unique
from .investors import investors, unknown_investors
from .role_words import RoleWords
from .roles import actor_candidates, asides, is_attribution, within
from .triggers import TriggerHit
from .unnamed import Parties, investee


def investee_before(text: str, mentions: list[Mention], actor: Mention | None, hit: TriggerHit,
                    words: RoleWords) -> tuple[Mention, Mention | None] | None:
    """"B获得A投资", "B raised a round": (B, the investor named after it or None) when the
    organisation taken for the actor receives the round; None otherwise."""
    if actor is None or not words.receiver.search(text[actor.end : hit.start]):
        return None
    after = [m for m in actor_candidates(mentions, actor.end, hit.start) if m is not actor]
    return actor, (after[0] if after else None)


def round_roles(doc: EventDoc, main: TriggerHit, lo: int, hi: int, c_lo: int, p: Parties) -> tuple[Parties, bool]:
    """The investors (every one acts) and the investee of a round; True when investors are named."""
    text, words = doc.text, doc.words
    actor, actors, score, affects = p.actor, p.actors, p.score, p.affects
    found = unknown_investors(text, p.everyone, lo, hi, words)  # a person there ("angel investor X") is no unknown firm
    doc.new.extend(found)
    mentions = p.mentions + found
    inv = investors(text, p.everyone + found, lo, hi, words)  # angels may be people
    if inv:
        others = [m for m in actor_candidates(mentions, lo, inv[0].start)
                  if m.type in ORGANIZATION_TYPES and all(key(m) != key(i) for i in inv)
                  and not is_attribution(text, m, lo, words)]
        if words.lang == "en":  # "X, a startup that sells through WhatsApp groups, has raised": X
            spans = asides(text, lo, inv[0].start)
            others = [m for m in others if not within(m, spans)] or others
        if others and not affects:  # the organisation that raised the round
            affects = [next((m for m in others if words.receiver.search(text, m.end, m.end + 12)), others[-1])]
        actors, actor, score = unique(inv), inv[0], 1.0
        affects = [m for m in affects if all(key(m) != key(i) for i in inv)]
    if not affects:  # "VIPKID今日正式确认腾讯领投其E轮融资"
        received = investee(doc, main, lo, c_lo, actors, p.everyone)
        if received is not None:
            doc.new.append(received)
            affects = [received]
    return Parties(actor, actors, score, affects, mentions, p.everyone), bool(inv)
