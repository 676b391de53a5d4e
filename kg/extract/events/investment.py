"""Roles of funding rounds: the investors act, the organisation that raised the round is affected.

"由A领投，B跟投" and "led by A, with participation from B" name every investor (`investors.py`);
the organisation named before them, or the subject that "received" the round ("B获得A投资",
"B raised"), is the investee. Cue words: `receivers`, `investor_after`, `investor_before`, `angels`
of `_roles.json`.
"""
from __future__ import annotations

import re

from ...model import ORGANIZATION_TYPES, Mention
from ...text import HAN_BASIC
from .context import EventDoc, key, unique
from .investors import investors, unknown_investors
from .role_words import RoleWords
from .roles import actor_candidates, asides, clause_bounds, is_attribution, within
from .triggers import TriggerHit
from .unnamed import Parties, investee


def investee_before(text: str, mentions: list[Mention], actor: Mention | None, hit: TriggerHit,
                    words: RoleWords) -> tuple[Mention, Mention | None] | None:
    """"B获得A投资", "B raised a round": (B, the investor named after it or None) when the
    organisation taken for the actor receives the round; None otherwise."""
    if actor is None:
        return None
    if words.receiver.search(text[actor.end : hit.start]):
        after = [m for m in actor_candidates(mentions, actor.end, hit.start) if m is not actor]
        return actor, (after[0] if after else None)
    if words.lang == "zh" and not text[actor.end : hit.start].strip() and words.receiver.match(hit.text):
        # "B获A投资" read as one trigger (获…投资): B receives, the investor stands inside the trigger
        inside = [m for m in actor_candidates(mentions, hit.start, hit.end) if m is not actor]
        return actor, (inside[0] if inside else None)
    return None


def round_roles(doc: EventDoc, main: TriggerHit, hits: list[TriggerHit], lo: int, hi: int, c_lo: int,
                p: Parties) -> tuple[Parties, bool]:
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
        # "B完成A轮融资，由A1领投": the investors stand in a later clause, B is the subject of the round's clause
        for h in sorted(hits, key=lambda h: h.start):
            h_lo = clause_bounds(text, h.start, h.end, lo, hi, words.lang)[0]
            if received is None and h_lo != c_lo and not any(h_lo <= a.start < h.end for a in actors):
                received = investee(doc, h, lo, h_lo, actors, p.everyone)  # (a clause naming investors names no investee)
        if received is None and inv:  # "A领投B的2亿元融资", "A领投B2亿融资": B right after the investor word
            received = investee_after(text, main, hi, p.everyone, actors)
        if received is not None:
            doc.new.append(received)
            affects = [received]
    return Parties(actor, actors, score, affects, mentions, p.everyone), bool(inv)


# the investee's name runs up to 的, an amount, a round (B轮, 天使轮, 新一轮) or the word for the round
_OBJECT = re.compile(rf"([{HAN_BASIC}A-Za-z][{HAN_BASIC}A-Za-z0-9·&]{{1,11}}?)"
                     r"(?=的|\d|[A-Za-z]+\+?轮|[天种新首][使子一轮]|战略|融资|投资)")


def investee_after(text: str, hit: TriggerHit, hi: int, everyone: list[Mention],
                   actors: tuple[Mention, ...]) -> Mention | None:
    """"A领投B的2亿元融资": the organisation right after an investor word (领投, 跟投) that the round is of;
    a known name there, or the run of name characters up to 的, an amount or the round."""
    if not _INVESTOR_WORD.fullmatch(hit.text):
        return None
    known = next((m for m in everyone if hit.end <= m.start <= hit.end + 1 and m.end <= hi), None)
    if known is not None:
        return None if any(key(known) == key(a) for a in actors) else known
    m = _OBJECT.match(text, hit.end, hi)
    if m is None or any(m.start(1) < x.end and x.start < m.end(1) for x in everyone):
        return None
    return Mention(text=m.group(1), start=m.start(1), end=m.end(1), type="Company", extractor="events", confidence=0.5)


_INVESTOR_WORD = re.compile("领投|跟投|参投|联合领投|共同领投|独家投资|領投")
