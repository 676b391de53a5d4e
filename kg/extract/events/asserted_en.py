"""Which trigger words of an English sentence are negated: "has no plans to acquire", "had not yet
reached any agreement on a partnership", "denied reports that it would merge" report no event.

The rule walks back from the trigger over the words of `en_bridge` (auxiliaries, determiners,
plan and talk words) to a word of `en_negators`; any other word or a punctuation mark on the way
ends the walk, so "did not disclose the terms of the acquisition" and "has not yet completed the
merger" keep their events. Words in the `negated` section of `kg/lexicons/triggers/_guards.json`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..cues import cue_section
from .guards import GUARDS_FILE

_MAX_BRIDGE = 8  # bridge words a negation reaches across ("had not yet reached any agreements on")
_LOOK_BACK = 120  # characters before the trigger searched for them
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[^\sA-Za-z]")


@dataclass(frozen=True)
class EnglishNegation:
    negators: frozenset[tuple[str, ...]]  # each negator as its words, lower case
    longest: int  # words in the longest negator
    bridge: frozenset[str]
    # a word of a negator, or an n't ending, standing as a whole token: a text without one has no
    # negation, so most triggers are passed after one search (None when a negator is not all letters)
    any_negator: re.Pattern[str] | None = None


@lru_cache(maxsize=1)
def english_negation() -> EnglishNegation:
    neg = cue_section(GUARDS_FILE, "negated")
    negators = frozenset(tuple(w.lower().split()) for w in neg["en_negators"])
    return EnglishNegation(negators=negators, longest=max(map(len, negators)),
                           bridge=frozenset(w.lower() for w in neg["en_bridge"]), any_negator=_any_negator(negators))


def _any_negator(negators: frozenset[tuple[str, ...]]) -> re.Pattern[str] | None:
    """A search that finds something in every text whose tokens hold a negator: the negators' first
    words (any case) and n't, each between non-letters as `_TOKEN` cuts them; None when a word is not
    all ASCII letters (then no such shortcut is safe)."""
    words = sorted({neg[0] for neg in negators if neg}, key=lambda w: (-len(w), w))  # (a negator's first word)
    if not words or not all(re.fullmatch("[a-z]+", w) for w in words):
        return None
    firsts = "".join(sorted({w[0] for w in words} | {"n"}))  # (one test per place before the branches)
    return re.compile(rf"(?i:(?=[{firsts}]))(?:(?<![A-Za-z])(?i:" + "|".join(words) + r")(?![A-Za-z])"
                      r"|(?i:n['’]t)(?![A-Za-z]))")


def negated_en(text: str, trigger_start: int, lo: int) -> bool:
    """True when the words before the trigger (within its sentence, which starts at `lo`) are a
    negator followed only by bridge words."""
    cues = english_negation()
    start = max(lo, trigger_start - _LOOK_BACK)
    if cues.any_negator is not None and cues.any_negator.search(text[start:trigger_start]) is None:
        return False
    words = [t.lower() for t in _TOKEN.findall(text, start, trigger_start)]
    end = len(words)  # words[:end] is tried as ending with a negator; words[end:] are bridge words
    for _ in range(_MAX_BRIDGE + 1):
        if end == 0:
            return False
        if _ends_with_negator(words[:end], cues):
            return True
        if words[end - 1] not in cues.bridge:
            return False
        end -= 1
    return False


def _ends_with_negator(words: list[str], cues: EnglishNegation) -> bool:
    last = words[-1]
    if last.endswith(("n't", "n’t")):  # didn't, won't, hasn't
        return True
    return any(tuple(words[-n:]) in cues.negators for n in range(1, min(cues.longest, len(words)) + 1))
