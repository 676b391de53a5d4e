"""Guards that keep responses and visits from reading as enforcement.

"The investigation team went to Shenzhen to understand the impact of the store closures": the
enforcement word names the topic of a visit, so there is no enforcement. "X表示接受处罚", "X said
it accepted the fine": the party answers a penalty, so it is never the actor of one; its sentence
goes on about the penalty already reported. Words in `kg/lexicons/triggers/_guards.json`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...lexicons import load_json, outlet_ids
from ...model import Mention
from ..patterns import first_chars
from .triggers import TRIGGER_DIR, compile_phrase

GUARDS_FILE = TRIGGER_DIR / "_guards.json"  # also read by asserted.py and asserted_en.py


@dataclass(frozen=True)
class GuardWords:
    visits: tuple[re.Pattern[str], ...]
    responders: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=2)
def guard_words(lang: str) -> GuardWords:
    data = load_json(GUARDS_FILE)[lang]
    return GuardWords(tuple(compile_phrase(w, lang, 12 if lang == "zh" else 40) for w in data["visits"]),
                      tuple(compile_phrase(w, lang, 0) for w in data["responders"]))


@lru_cache(maxsize=4)
def _any_phrase(lang: str, which: str) -> re.Pattern[str] | None:
    """One pattern that matches in a text exactly when one of the guard phrases `which` does
    (a search per phrase made one search); None without any."""
    phrases = getattr(guard_words(lang), which)
    if not phrases:
        return None
    # one test of the phrases' first characters before the branches (as `any_of_regex` does): re
    # otherwise tries every branch at every place of the text
    heads = [p.strip()[:1] for p in load_json(GUARDS_FILE)[lang][which]]
    guard = first_chars(heads) if all(h and h not in "*…" for h in heads) else ""
    return re.compile(guard + "(?:" + "|".join(f"(?:{p.pattern})" for p in phrases) + ")", re.IGNORECASE)


def is_visit(text: str, c_lo: int, t_start: int, lang: str) -> bool:
    """True when a visit or study is named in the clause before the enforcement word."""
    visits = _any_phrase(lang, "visits")
    return visits is not None and visits.search(text[c_lo:t_start]) is not None


def responds(text: str, party: Mention | None, c_lo: int, t_start: int, lang: str) -> bool:
    """True when the party named before the trigger (or the clause, if none) answers it (接受处罚)."""
    a = party.end if party is not None and c_lo <= party.end <= t_start else c_lo
    responders = _any_phrase(lang, "responders")
    return responders is not None and responders.search(text[a:t_start]) is not None


def no_outlets(mentions: list[Mention]) -> list[Mention]:
    """The mentions that are not news outlets ("每经网讯", "据证券时报报道": never a party)."""
    keys = outlet_ids()
    return [m for m in mentions if m.key not in keys]
