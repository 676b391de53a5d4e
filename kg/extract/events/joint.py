"""Organisations that act together are all actors: "证监会会同公安部…", "A与B共同收购C".

The generic role rules take the name nearest the trigger as its actor, so in "A会同B对C进行调查"
only B acts and A is lost, and in "A与B共同出资收购C" B may even read as a counterparty. Here both
names joined by a joint word (会同, 联合, 携手) or by 与/和 with 共同 after them, before the trigger
in its clause, act. Words in the `joint_agents` section of `kg/lexicons/triggers/_roles.json`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from ...model import ORGANIZATION_TYPES, Mention
from ..cues import phrases
from ..patterns import CLAUSE_MARKS
from .context import key, unique
from .role_words import role_cues

JOINT_SKIP = ("Partnership", "PersonnelChange")


@lru_cache(maxsize=1)
def _joint() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    w = role_cues("joint_agents")
    return (re.compile(rf"\s*(?:{phrases(w['zh_joiners'])})\s*\Z"), re.compile(rf"\s*(?:{phrases(w['zh_links'])})\s*\Z"),
            re.compile(rf"\s*(?:{phrases(w['zh_tails'])})"))


def joint_actors(text: str, typ: str, mentions: list[Mention], actors: tuple[Mention, ...], affects: list[Mention],
                 c_lo: int, t_start: int) -> tuple[tuple[Mention, ...], list[Mention]]:
    """(actors, affects) with every organisation of a joint pair before the trigger in its clause acting."""
    if typ in JOINT_SKIP:
        return actors, affects
    joiner, link, tail = _joint()
    orgs = [m for m in mentions if c_lo <= m.start and m.end <= t_start and m.type in ORGANIZATION_TYPES]
    pairs: list[Mention] = []
    for a, b in pairwise(orgs):
        between = text[a.end : b.start]
        if any(c in CLAUSE_MARKS for c in between):
            continue
        if joiner.fullmatch(between) or (link.fullmatch(between) and tail.match(text, b.end)):
            pairs.extend((a, b))
    if not pairs:
        return actors, affects
    together = unique(pairs)
    joined = {key(m) for m in together}
    return unique([*together, *actors]), [m for m in affects if key(m) not in joined]
