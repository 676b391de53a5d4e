"""`finditer` of a pattern tied to cue words, reading only the text around the cues.

`WordGated` spares a text holding none of a pattern's words; a text holding one is still
scanned whole by re, which tries the pattern at every position (at every capital, for the
English name rules: most of an English text). When a match lies near the word it holds,
the pattern is tried only there:

- `NearCue`: every match begins at most `reach` characters before a cue word (the pattern's
  part before the word is bounded, as in "([汉字0-9]{2,10})\\s?APP"): the pattern is matched at
  those few starts only;
- `CueSegments`: no match holds one of the `breaks` characters (a run of capitalised words
  before "said" never holds "." or "("): only the stretches between breaks that hold a cue
  word are scanned.

Both give exactly `pattern.finditer(text)`: re's own scan tries every start in order and
resumes at a match's end; the starts skipped here are ones where no match can begin.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from ..regex_needs import parse_tree
from .word_led import ProbeGroup, WordGated

_UNBOUNDED = 1 << 16  # re's width of a repeat without an upper bound is far above this


def without(breaks: str, *lists: Iterable[str]) -> str:
    """`breaks` less every character that a word of `lists` holds: a lexicon edit adding "Co." to
    the words a pattern alternates makes "." no break, instead of a wrong one."""
    used = {ch for words in lists for w in words for ch in w}
    return "".join(ch for ch in breaks if ch not in used)


class NearCue:
    """`finditer(text)` of `pattern`, every match of which begins at most as many characters
    before one of `words` (as written) as the regex `before` can match: the words' places are
    found in one Aho-Corasick pass (the group's), the pattern matched only at those starts."""

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str], before: str,
                 group: ProbeGroup | None = None) -> None:
        self.pattern = pattern
        self._gated = WordGated(pattern, words, group=group)
        self.reach = parse_tree(re.compile(before)).getwidth()[1]
        if self.reach >= _UNBOUNDED:
            raise ValueError(f"no bound on the characters before the word: {before}")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        cues = self._gated.cues(text)
        if cues is None:
            return self.pattern.finditer(text)
        return self._near(text, cues) if cues else iter(())

    def _near(self, text: str, cues: list[int]) -> Iterator[re.Match[str]]:
        match, reach = self.pattern.match, self.reach
        start = 0  # the first start not tried yet, nor inside a match
        for cue in cues:
            start = max(start, cue - reach)
            while start <= cue:
                m = match(text, start)
                if m is None:
                    start += 1
                else:
                    yield m
                    start = max(m.end(), start + 1)


class CueSegments:
    """`finditer(text, pos)` of `pattern`, no match of which holds a character of `breaks` and
    every match of which holds one of `words` (as written), after a space when `spaced` (then a
    word inside another, "app" in "happen", reads nothing); a look-ahead at a match's end reads
    at most one break. Only the stretches between breaks that hold such a word are scanned."""

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str], breaks: str,
                 group: ProbeGroup | None = None, spaced: bool = False) -> None:
        self.pattern = pattern
        self.spaced = spaced
        words = list(words)
        self._gated = WordGated(pattern, words, group=group)
        breaks = without(breaks, words)
        self._break = re.compile(f"[{re.escape(breaks)}]") if breaks else None

    def gate(self, text: str) -> bool:
        """False when `text` holds none of the words (then nothing matches)."""
        return self._gated.gate(text)

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        cues = self._gated.cues(text)
        if cues is None or self._break is None:
            return self.pattern.finditer(text, pos)
        if pos:
            cues = cues[bisect_left(cues, pos):]  # a match from `pos` on holds a word from `pos` on
        if self.spaced:
            cues = [cue for cue in cues if cue and text[cue - 1] == " "]
        return self._segments(text, cues, pos) if cues else iter(())

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The first match from `pos`, as `pattern.search(text, pos)`."""
        return next(self.finditer(text, pos), None)

    def _segments(self, text: str, cues: list[int], pos: int) -> Iterator[re.Match[str]]:
        brk = self._break.search  # type: ignore[union-attr]
        scan = self.pattern.finditer
        n = len(text)
        back = text[::-1]  # the break before a cue: the first after it in the reversed text
        done = -1  # the break ending the last stretch scanned
        for cue in cues:
            if cue <= done:
                continue  # in the stretch just scanned
            after = brk(text, cue)
            end = after.start() if after is not None else n
            before = brk(back, n - cue)
            begin = n - before.start() if before is not None else 0
            # up to and with the break: a look-ahead at a match's end sees it as in the text
            yield from scan(text, max(begin, pos), end + 1)
            done = end
