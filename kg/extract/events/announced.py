"""The subject of an event named inside the title of the document that announces it:
"国电电力发布了关于宁夏太阳能申请破产清算的公告", "审议通过了《关于星禾集团收购北辰物流的议案》".
The company that publishes the document reports the event; the clause after 关于 says who acts.
Words in the `announced_about` section of `kg/lexicons/triggers/_roles.json`."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ...model import ORGANIZATION_TYPES, Mention
from ..patterns import ordered_alternation
from .role_words import role_cues
from .subject import clause_subject

_LOOK_AHEAD = 40  # characters after the trigger in which the document noun closes the clause


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], re.Pattern[str]]:
    cues = role_cues("announced_about")
    documents = ordered_alternation(cues["zh_documents"])
    closing = re.compile(rf"[^，,。；;！？]{{0,{_LOOK_AHEAD}}}?的[^，,。；;！？的]{{0,8}}?(?:{documents})")
    return tuple(cues["zh_openers"]), closing


def last_opener(text: str, openers: tuple[str, ...], lo: int, hi: int) -> tuple[int, str]:
    """(offset, opener) of the last of `openers` in text[lo:hi] (of two at one offset, the greater),
    (-1, "") when there is none: `max((text.rfind(o, lo, hi), o) for o in openers)` without a
    generator (asked at each Chinese trigger)."""
    k, opener = -1, ""
    for o in openers:
        at = text.rfind(o, lo, hi)
        if at > k or (at == k >= 0 and o > opener):
            k, opener = at, o
    return k, opener


def announced_subject(text: str, c_lo: int, t_start: int, t_end: int,
                      names: Callable[[], list[Mention]]) -> Mention | None:
    """The organisation right after the last 关于 before the trigger in its clause, when the clause
    is the title of a document (… 的公告); a run of name words there when no mention stands in it.
    `names` gives the document's names (asked for only when the clause has that form)."""
    openers, closing = _cues()
    k, opener = last_opener(text, openers, c_lo, t_start)
    if k < 0 or not closing.match(text, t_end):
        return None
    start = k + len(opener)
    mentions = names()
    inside = [m for m in mentions if start <= m.start and m.end <= t_start and m.type in ORGANIZATION_TYPES]
    if inside:
        return inside[0]
    found = clause_subject(text, start, t_start, text[t_start:t_end], mentions, True)
    return found if found is not None and found.type != "Person" else None
