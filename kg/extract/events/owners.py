"""A name that only qualifies its owner: "Temu parent PDD Holdings", "Instagram owner Meta",
"Temu母公司拼多多". Headlines name the well-known brand first and the owner after it; the story
is about the owner, so the brand before an owner noun does not count towards the organisation a
story is about. Words in the `owner_after` section of `kg/lexicons/triggers/_roles.json`."""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import Mention
from ..patterns import ordered_alternation
from .role_words import role_cues


@lru_cache(maxsize=1)
def _owner_after() -> tuple[re.Pattern[str], re.Pattern[str]]:
    en, zh = _owner_patterns()
    return re.compile(en), re.compile(zh)


@lru_cache(maxsize=1)
def _owner_patterns() -> tuple[str, str]:
    cues = role_cues("owner_after")
    nouns = rf"(?i:{ordered_alternation(cues['en_nouns'])})(?: (?i:{ordered_alternation(cues['en_heads'])}))?"
    # "Temu's parent company exceeds forecasts": with 's the owner may go unnamed
    return rf"['’]s {nouns}\b| {nouns} (?=[A-Z])", rf"的?(?:{ordered_alternation(cues['zh_nouns'])})"


@lru_cache(maxsize=1)
def _owned_word() -> re.Pattern[str]:
    return re.compile(rf"[\w.&-]+(?={_owner_patterns()[0]})")


@lru_cache(maxsize=1)
def _owner_noun() -> re.Pattern[str]:
    """A space and an owner noun: every match of `_owned_word` holds one (both forms of its
    lookahead do), so a headline without one has nothing to blank."""
    return re.compile(rf" (?i:{ordered_alternation(role_cues('owner_after')['en_nouns'])})")


def without_owned_names(headline: str) -> str:
    """`headline` with each English word that qualifies an owner blanked ("Temu's parent company
    exceeds forecasts" -> "     's parent company exceeds forecasts"): the headline is not about it.
    (`_owned_word` backtracks through every run of word characters, long in Chinese: a headline
    without an owner noun is not searched.)"""
    if _owner_noun().search(headline) is None:
        return headline
    return _owned_word().sub(lambda m: " " * len(m.group()), headline)


def qualifies_owner(text: str, m: Mention) -> bool:
    """True when `m` is followed by an owner noun and the owner's name ("Temu parent PDD"), or by 's
    and an owner noun ("Temu's parent company")."""
    en, zh = _owner_after()
    return bool(en.match(text, m.end) or zh.match(text, m.end))
