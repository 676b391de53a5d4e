"""Small regex and text helpers that many extractors share: one copy of each.

Alternations of cue words read from the lexicons, the guard that makes them fast, and where
the sentence around an offset starts.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

NEVER = "(?!)"  # a regex that matches nowhere: the alternation of no words
SENTENCE_STOPS = "。！？；;\n"  # marks that end a Chinese sentence or clause group, and a line


def start_of_sentence(text: str, pos: int, stops: str = SENTENCE_STOPS) -> int:
    """The offset right after the last of `stops` before `pos` (0 when there is none)."""
    return max(text.rfind(c, 0, pos) for c in stops) + 1


def first_chars(words: Iterable[str]) -> str:
    """`(?=[...])` of the words' first characters, to put right before an alternation of them.

    re tries every branch of an alternation at every position of the text (it builds no
    trie), so scanning for one of many words is slow; a single character-set test rejects
    most positions first. The set folds case under re.IGNORECASE or (?i:...) as the words
    do, so matches are unchanged. An empty word matches anywhere: then no guard.
    """
    firsts = set()
    for w in words:
        if not w:
            return ""
        firsts.add(re.escape(w[0]))
    return "(?=[" + "".join(sorted(firsts)) + "])"


def ordered_alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words in the order given: where two could match at one
    place, the first listed wins (the lexicon's order is part of the rule). Remembered per
    list of words, since some steps ask for the same one in every document."""
    return _ordered_alternation(tuple(words))


@lru_cache(maxsize=256)
def _ordered_alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


def alternation(words: Iterable[str], empty: str = "") -> str:
    """A regex alternation of literal words, longest first so the longest one wins; `empty`
    (say NEVER) when there are no words."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) or empty
