"""Which trigger words of an English sentence are negated: "has no plans to acquire", "had not yet
reached any agreement on a partnership", "denied reports that it would merge" report no event;
nor do threatened penalties ("could result in fines", "may be fined") or a figure's base ("fines of
up to 6 percent of their global turnover" reports no turnover), see `threatened_en`.

The rule walks back from the trigger over the words of `en_bridge` (auxiliaries, determiners,
plan and talk words) to a word of `en_negators`; any other word or a punctuation mark on the way
ends the walk, so "did not disclose the terms of the acquisition" and "has not yet completed the
merger" keep their events. Words in the `negated` section of `kg/lexicons/triggers/_guards.json`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
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
    return _walks_to(words, cues.bridge, lambda w: _ends_with_negator(w, cues))


def _ends_with_negator(words: list[str], cues: EnglishNegation) -> bool:
    last = words[-1]
    if last.endswith(("n't", "n’t")):  # didn't, won't, hasn't
        return True
    return any(tuple(words[-n:]) in cues.negators for n in range(1, min(cues.longest, len(words)) + 1))


@dataclass(frozen=True)
class EnglishThreat:
    types: frozenset[str]  # event types a threat or a share's base can void
    modals: frozenset[str]
    potential: frozenset[str]
    bridge: frozenset[str]
    shares: frozenset[tuple[str, ...]]  # each share word as its words, lower case
    caps: frozenset[tuple[str, ...]]  # each cap phrase as its words, lower case
    share_bridge: frozenset[str]
    or_else: frozenset[tuple[str, ...]] = frozenset()  # "or face": the threat that ends a condition
    # a modal, a potential word, or the last word of an or-else phrase or of a share, standing as a whole
    # token: either walk of `threatened_en` ends at one, so a text before the trigger without one is no
    # threat (most triggers are passed after this one search; None when a word is no run of letters or one sign)
    any_end: re.Pattern[str] | None = None


@lru_cache(maxsize=1)
def english_threat() -> EnglishThreat:
    cues = cue_section(GUARDS_FILE, "threatened")
    low = lambda key: frozenset(w.lower() for w in cues[key])  # noqa: E731
    modals, potential = low("en_modals"), low("en_potential")
    shares = frozenset(tuple(w.lower().split()) for w in cues["en_share"])
    or_else = frozenset(tuple(w.lower().split()) for w in cues.get("en_or_else", ()))
    ends = {*modals, *potential, *(share[-1] for share in shares if share), *(o[-1] for o in or_else if o)}
    return EnglishThreat(types=frozenset(cues["en_types"]), modals=modals, potential=potential,
                         bridge=low("en_bridge"), shares=shares,
                         share_bridge=low("en_share_bridge"), caps=frozenset(tuple(w.lower().split()) for w in cues["en_caps"]),
                         or_else=or_else, any_end=_any_token(ends))


def _any_token(words: set[str]) -> re.Pattern[str] | None:
    """A search that finds something in every text whose `_TOKEN` tokens (lower-cased) hold one of
    `words`: a word of letters between non-letters, a sign as itself; None for any other word."""
    letters = sorted((w for w in words if re.fullmatch("[a-z]+", w)), key=lambda w: (-len(w), w))
    signs = sorted(w for w in words if len(w) == 1 and not w.isspace() and not re.fullmatch("[A-Za-z]", w))
    if not words or len(letters) + len(signs) != len(words):
        return None
    branches = [rf"(?<![A-Za-z])(?i:{'|'.join(letters)})(?![A-Za-z])"] if letters else []
    if signs:
        branches.append("[" + "".join(re.escape(c) for c in signs) + "]")
    # (one test of the first characters, any case, before the branches: most places fail it at once)
    firsts = "".join(re.escape(c) for c in sorted({w[0] for w in letters} | set(signs)))
    return re.compile(rf"(?i:(?=[{firsts}]))(?:" + "|".join(branches) + ")")


def threatened_en(text: str, event_type: str, trigger_start: int, lo: int) -> bool:
    """True when an English trigger of a type in `en_types` is only threatened (the words back to a
    modal or a word like "potential" are all bridge words: "could result in fines and more severe
    penalties") or names the base of a share ("6 percent of their global turnover")."""
    cues = english_threat()
    if event_type not in cues.types:
        return False
    start = max(lo, trigger_start - _LOOK_BACK)
    if cues.any_end is not None and cues.any_end.search(text[start:trigger_start]) is None:
        return False
    words = [t.lower() for t in _TOKEN.findall(text, start, trigger_start)]
    return _walks_to(words, cues.bridge, lambda w: w[-1] in cues.modals or w[-1] in cues.potential
                     or any(tuple(w[-len(o):]) == o for o in cues.or_else)) or \
        _walks_to(words, cues.share_bridge, lambda w: _capped_share(w, cues))


def _capped_share(words: list[str], cues: EnglishThreat) -> bool:
    """True when `words` end with a cap phrase, a number and a share word ("up to 6 percent")."""
    for share in cues.shares:
        if tuple(words[-len(share):]) == share:
            end = len(words) - len(share)
            while end and (words[end - 1].isdigit() or words[end - 1] in {".", ","}):
                end -= 1
            if end < len(words) - len(share) and any(tuple(words[end - len(c):end]) == c for c in cues.caps):
                return True
    return False


def _walks_to(words: list[str], bridge: frozenset[str], found: Callable[[list[str]], bool]) -> bool:
    """True when, walking back from the end of `words` over at most `_MAX_BRIDGE` bridge words,
    the words up to some point satisfy `found` (checked at each step before the bridge word)."""
    end = len(words)
    for _ in range(_MAX_BRIDGE + 1):
        if end == 0:
            return False
        if found(words[:end]):
            return True
        if words[end - 1] not in bridge:
            return False
        end -= 1
    return False
