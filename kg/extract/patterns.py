"""Small regex and text helpers that many extractors share: one copy of each.

Alternations of cue words read from the lexicons, the guard that makes them fast, and where
the sentence around an offset starts.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from ..regex_needs import char_matches

NEVER = "(?!)"  # a regex that matches nowhere: the alternation of no words
SENTENCE_STOPS = "。！？；;\n"  # marks that end a Chinese sentence or clause group, and a line
CLAUSE_MARKS = "，,。；;！？!?：:\n"  # marks a Chinese clause does not reach across (a negation, a joint actor)


def start_of_sentence(text: str, pos: int, stops: str = SENTENCE_STOPS) -> int:
    """The offset right after the last of `stops` before `pos` (0 when there is none)."""
    return last_mark(text, stops, 0, pos) + 1


# marks -> (the text last asked about, the offsets of those marks in it)
_MARKS: dict[str, tuple[str, list[int]]] = {}


def mark_offsets(text: str, marks: str) -> list[int]:
    """Where any of the characters `marks` stands in `text`, in order (an ASCII comma or colon between
    two digits excepted: it belongs to a number or a time): found in one scan and kept
    for the text last asked about (the steps ask about the same document many times, and a
    search per mark from an offset back to the start, or on to the end, of a long text cost
    as much as the rest of the step)."""
    kept = _MARKS.get(marks)  # read once: another thread may replace it
    if kept is not None and kept[0] is text:
        return kept[1]
    found = [m.start() for m in _marks_re(marks).finditer(text)]
    if ("," in marks or ":" in marks) and any(text[i] in ",:" for i in found):
        # "人民币2,991亿元", "10:30": a comma or colon between digits is part of a number, no mark
        last = len(text) - 1
        found = [i for i in found if not (text[i] in ",:" and 0 < i < last and text[i - 1].isdigit()
                                          and text[i + 1].isdigit())]
    _MARKS[marks] = (text, found)
    return found


@lru_cache(maxsize=64)
def _marks_re(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(marks) + "]")


def last_mark(text: str, marks: str, lo: int, pos: int) -> int:
    """The offset of the last of `marks` in text[lo:pos], -1 when there is none
    (`max(text.rfind(c, lo, pos) for c in marks)`)."""
    at = mark_offsets(text, marks)
    i = bisect_left(at, pos) - 1
    return at[i] if i >= 0 and at[i] >= lo else -1


def first_mark(text: str, marks: str, pos: int, hi: int) -> int:
    """The offset of the first of `marks` in text[pos:hi], -1 when there is none."""
    at = mark_offsets(text, marks)
    i = bisect_left(at, max(pos, 0))
    return at[i] if i < len(at) and at[i] < hi else -1


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


def trie(words: Iterable[str], *, icase: bool) -> str:
    """`alternation(words)` spelled as a trie ("net (?:income|loss|profit)"), for a pattern
    compiled with IGNORECASE when `icase`: re tries every branch of an alternation at each place,
    a trie one character per step. Of two words one of which begins the other the longer is still
    tried first, and no two branches of a step can match one character (under IGNORECASE the words
    are ASCII or have no case, and a letter's branch takes both its cases), so every match is the
    same. "" when that cannot be said (an empty word, a cased letter beyond ASCII)."""
    listed = sorted(set(words))
    if not listed or not all(listed):
        return ""
    if icase and any(char_matches(c, icase=True) is None for w in listed for c in w):
        return ""
    root: dict[str, dict] = {}
    for w in listed:
        node = root
        for ch in w:
            node = node.setdefault(ch.lower() if icase else ch, {})
        node[""] = {}

    def spelled(node: dict[str, dict]) -> str:
        kids = [re.escape(ch) + spelled(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body

    return spelled(root)


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
