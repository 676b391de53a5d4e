"""`finditer` of a pattern tied to a list of words, made fast: `WordLed` for a pattern whose
matches begin with one of the words, `WordGated` for one whose matches hold one anywhere.

Python's re scans a case-insensitive pattern (or one led by a look-ahead guard) position by
position through its general matcher, trying every word of an alternation wherever the
first letter fits: about 0.1 µs per character, the cost of a whole English document for
every such pattern (a case-sensitive alternation of many words is hardly faster). So the
words are looked for all at once with an Aho-Corasick automaton over the lower-cased text
(a few ms per MB), and the pattern is tried (`match`) only where one of them begins. The
matches are the same as `pattern.finditer(text)`: every match begins with one of the words, each place where one
does is tried in order, and a match resumes the search at its end.
A case-sensitive pattern (`fold=False`) is probed in the text as it is. Lower-casing keeps
offsets only when no character changes length, and a few characters match an ASCII letter
under IGNORECASE without lower-casing to it; such text (rare) and folded word lists that are
not ASCII take the pattern's own `finditer`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import ahocorasick

from ..regex_needs import parse_tree

# Characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not
# give that letter (İ, dotless ı, long ſ); tests/test_word_led.py checks the list is complete.
# (`kg.regex_needs.ODD_FOLDS` also lists the Kelvin sign: it lowers to "k" in place, so a
# lowered text finds the words here, which is all this module asks of it.)
ODD_FOLDS = "\u0130\u0131\u017f"
_ODD = re.compile(f"[{ODD_FOLDS}]")


class ProbeGroup:
    """One Aho-Corasick pass per text for the word-led patterns of a step: each pattern probing
    the text for its own words costs a pass each (most of the time of a small pattern); the
    group probes the lower-cased text once for all their words and hands each pattern the
    places where its words begin. Members join when they are made; the text last probed is
    kept, as every member reads the same document in turn."""

    def __init__(self) -> None:
        self._words: list[list[str]] = []  # per member: its words, lower-cased and prefix-free
        self._index: dict[tuple[str, ...], int] = {}  # a member's words -> its index
        self._probe: ahocorasick.Automaton | None = None
        self._last: tuple[str | None, list[Sequence[int]]] = (None, [])

    def join(self, words: list[str]) -> int:
        """Add a member probing for `words` (lower-cased, prefix-free); returns its index. Members
        with the same words share one (each finder made anew, as tests do, adds no work)."""
        key = tuple(sorted(words))
        if key in self._index:
            return self._index[key]
        self._words.append(words)
        self._index[key] = len(self._words) - 1
        self._probe = None  # rebuilt for the next text
        self._last = (None, [])
        return len(self._words) - 1

    def starts(self, text: str, low: str, member: int) -> Sequence[int]:
        """Where the words of `member` begin in `low` (`text` lower-cased, same offsets), in order."""
        last = self._last  # read once: it is replaced whole
        if last[0] is not text or member >= len(last[1]):
            last = (text, self._probed(low))
            self._last = last
        return last[1][member]

    def places(self, text: str, member: int) -> Sequence[int] | None:
        """`starts` of `text` for `member`, or None when lower-casing moves offsets (`_folded`): the
        text is lower-cased only when it was not probed last (most members ask after the first)."""
        last = self._last
        if last[0] is text and member < len(last[1]):
            return last[1][member]
        low = _folded(text)
        return None if low is None else self.starts(text, low, member)

    def _probed(self, low: str) -> list[Sequence[int]]:
        """Each member's places in `low`; most members have none (they share one empty tuple)."""
        hits: dict[int, list[int]] = {}
        for end, owners in self._automaton().iter(low):
            for i, back in owners:
                pos = hits.get(i)
                if pos is None:
                    hits[i] = [end - back]
                else:
                    pos.append(end - back)
        found: list[Sequence[int]] = [()] * len(self._words)
        for i, pos in hits.items():
            if len(pos) > 1:
                pos.sort()  # words are prefix-free within a member: no place comes twice
            found[i] = pos
        return found

    def _automaton(self) -> ahocorasick.Automaton:
        if self._probe is None:
            owners: dict[str, list[tuple[int, int]]] = {}
            for i, words in enumerate(self._words):
                for w in words:
                    owners.setdefault(w, []).append((i, len(w) - 1))
            probe = ahocorasick.Automaton()
            for w, who in owners.items():
                probe.add_word(w, tuple(who))
            probe.make_automaton()
            self._probe = probe
        return self._probe


class WordLed:
    """`finditer(text)` of `pattern`, which must begin every match with one of `words` (case
    aside when `fold`: the pattern matches them case-insensitively) and never match the
    empty string. With `group`, the places are found in the group's one pass over the text
    (lower-cased: for a case-sensitive pattern with ASCII words a superset of its places,
    which is enough, since the pattern is tried at each)."""

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str], fold: bool = True,
                 group: ProbeGroup | None = None) -> None:
        self.pattern = pattern
        self.fold = fold
        lowered = {w.lower() for w in words} if fold else set(words)
        shortest, _ = parse_tree(pattern).getwidth()
        usable = bool(lowered) and all(w and (w.isascii() or not fold) for w in lowered) and shortest > 0
        self._probe: ahocorasick.Automaton | None = None
        self._group: ProbeGroup | None = None
        self._member = -1
        if usable:
            self._probe = ahocorasick.Automaton()
            for w in _prefix_free(lowered):
                self._probe.add_word(w, len(w) - 1)
            self._probe.make_automaton()
            if group is not None and all(w.isascii() for w in lowered):
                self._group = group
                self._member = group.join(_prefix_free({w.lower() for w in lowered}))

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """As `pattern.finditer(text, pos)` (the words are looked for at the call, not at the first match)."""
        if self._probe is None:
            return self.pattern.finditer(text, pos)
        if self._group is not None:
            starts = self._group.places(text, self._member)
            if starts is not None:
                return self._tried(text, starts, pos) if starts else iter(())
        low = _folded(text) if self.fold else text
        if low is None:
            return self.pattern.finditer(text, pos)
        # the words are prefix-free, so no two occurrences start at one place: no duplicates to drop
        return self._tried(text, sorted([end - back for end, back in self._probe.iter(low)]), pos)

    def _tried(self, text: str, starts: Sequence[int], resume: int) -> Iterator[re.Match[str]]:
        """The pattern's matches at `starts` from `resume` on (in order), each search resuming where a
        match ended."""
        match = self.pattern.match
        for pos in starts:
            if pos >= resume:  # where the pattern's own search would go on from
                m = match(text, pos)
                if m is not None:
                    yield m
                    resume = m.end()

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The first match, as `pattern.search(text, pos)`."""
        return next(self.finditer(text, pos), None)


def _lower_stable(word: str) -> bool:
    """True when wherever `word` stands in a text, `word.lower()` stands in the lower-cased text at
    the same place (its letters are ASCII, or lower-case themselves: not Σ, whose lower case
    depends on what follows it)."""
    return all(ch.isascii() or ch.lower() == ch for ch in word)


def _prefix_free(words: set[str]) -> list[str]:
    """The words no other word begins: wherever a longer word begins, a shorter one it starts with
    begins too, so probing for the shorter alone finds the same places, with fewer hits."""
    kept: list[str] = []
    for w in sorted(words):  # a word's prefixes sort right before it
        if not kept or not w.startswith(kept[-1]):
            kept.append(w)
    return kept


_FOLDED: list[tuple[str, str | None]] = [("", "")]  # the text last folded and its fold


def _folded(text: str) -> str | None:
    """`text` lower-cased with offsets kept, or None when lower-casing moves them or a character
    folds oddly (then the pattern's own finditer is used). Kept for the text last asked about:
    every word-led pattern of a step reads the same document."""
    last = _FOLDED[0]  # read once: another thread may replace it
    if last[0] is text:
        return last[1]
    low: str | None = text.lower()
    if not text.isascii() and (len(low) != len(text) or _ODD.search(text)):  # ASCII folds in place
        low = None
    _FOLDED[0] = (text, low)
    return low


class WordGated:
    """`finditer(text)` of a case-sensitive `pattern` every match of which contains one of
    `words` (anywhere, not only at its start): run only on texts that hold one of them. One
    Aho-Corasick pass over a text (a few ms per MB) spares most texts a scan by re's general
    matcher, which tries the pattern at every position."""

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str], group: ProbeGroup | None = None) -> None:
        self.pattern = pattern
        needles = set(words)
        self._probe: ahocorasick.Automaton | None = None
        self._group: ProbeGroup | None = None
        self._member = -1
        self._needles: tuple[str, ...] = ()
        if needles and all(needles):
            self._probe = ahocorasick.Automaton()
            for w in needles:
                self._probe.add_word(w, w)
            self._probe.make_automaton()
            if group is not None and all(_lower_stable(w) for w in needles):
                # found in the group's pass over the lower-cased text, then checked as written
                self._group = group
                self._member = group.join(_prefix_free({w.lower() for w in needles}))
                self._needles = tuple(needles)

    def gate(self, text: str) -> bool:
        """False when `text` holds none of the words (then nothing matches)."""
        if self._probe is None:
            return True
        if self._group is not None:
            places = self._group.places(text, self._member)
            if places is not None:  # where a word begins written in any case: is it written so?
                if not places:
                    return False
                needles = self._needles
                return any(text.startswith(needles, pos) for pos in places)
        return next(self._probe.iter(text), None) is not None

    def cues(self, text: str) -> list[int] | None:
        """Where the words begin in `text` as written, in order (None without words: then any text
        may match). For scans that read only around them (`kg.extract.cue_scan`)."""
        if self._probe is None:
            return None
        if self._group is not None:
            places = self._group.places(text, self._member)
            if places is not None:
                needles = self._needles
                return [pos for pos in places if text.startswith(needles, pos)]
        return sorted({end - len(w) + 1 for end, w in self._probe.iter(text)})

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.gate(text):
            return iter(())
        return self.pattern.finditer(text)
