"""Roles of corporate events: layoffs, recalls, bankruptcies, tenders won, price changes, listings.

These are things a firm does to itself or its customers, so a government body named in the
sentence (the regulator that publishes a recall, the court that accepts a bankruptcy filing, the
authority that awards a tender, the regulator or exchange that approves a listing) is not the actor
when a firm is named: the firm acts; for a tender the body that awards it is the party affected
("公司中标X的项目": X); a firm named after the trigger or after 收到/在 (收到X签发的中标通知书)
issued the tender and never wins it (awarders of _roles.json).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import Mention
from ..patterns import ordered_alternation
from .context import EventDoc, key
from .role_words import role_cues
from .roles import actor_candidates, is_attribution
from .triggers import TriggerHit

CORPORATE_TYPES = ("Layoff", "Recall", "Bankruptcy", "ContractAward", "PriceChange")
_FIRMS = ("Company", "Platform", "Organization")


def corporate_roles(doc: EventDoc, typ: str, mentions: list[Mention], hit: TriggerHit, actor: Mention | None,
                    affects: list[Mention], lo: int, hi: int) -> tuple[Mention | None, list[Mention]]:
    """The firm that acts and, for a tender, who awards it."""
    text, words = doc.text, doc.words
    firms = [m for m in actor_candidates(mentions, lo, hi) if m.type in _FIRMS and not is_attribution(text, m, lo, words)
             and not words.exchange.search(m.text)]
    if actor is not None and (actor.type == "GovernmentBody" or words.exchange.search(actor.text)):
        before = [m for m in firms if m.end <= hit.start]
        body, actor = actor, (before[-1] if before else firms[0]) if firms else None  # no firm named: none acts
        if typ == "ContractAward" and body.type == "GovernmentBody":
            affects = [body, *affects]
    elif actor is None and firms:
        before = [m for m in firms if m.end <= hit.start]
        actor = before[-1] if before else firms[0]
    if typ == "ContractAward" and words.lang == "zh" and actor is not None and _awards(text, actor, hit, lo):
        # "产品中标X的采购项目", "收到X签发的中标通知书": X issued the tender
        winners = [m for m in firms if m.end <= hit.start and not _awards(text, m, hit, lo)]
        main = doc.main if doc.main is not None and not _awards(text, doc.main, hit, lo) else None
        affects, actor = [actor, *affects], (winners[-1] if winners else main)
    if typ == "ContractAward" and not affects and actor is not None:
        after = [m for m in actor_candidates(mentions, hit.end, hi) if key(m) != key(actor)]
        affects = after[:1]  # "won a contract from X", "中标X项目"
    if actor is not None:
        affects = [m for m in affects if key(m) != key(actor)]
    return actor, affects


@lru_cache(maxsize=1)
def _awarder_before() -> re.Pattern[str]:
    """"收到X", "在X中标": the words right before a firm that issued a tender (awarders of _roles.json)."""
    return re.compile(rf"(?:{ordered_alternation(role_cues('awarders')['zh_before'])})\Z")


def _awards(text: str, m: Mention, hit: TriggerHit, lo: int) -> bool:
    """True when `m` issued the tender of `hit`: named after the trigger, or right after 收到/在."""
    return m.start >= hit.end or bool(_awarder_before().search(text, max(lo, m.start - 2), m.start))
