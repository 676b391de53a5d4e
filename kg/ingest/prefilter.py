"""Cheap tests that rule a line out before a marker regex runs on it.

Ingest checks every line of every file against dozens of marker patterns; Python's regex
engine loses its literal-prefix speed-up once patterns are joined into one alternation
(and under IGNORECASE), so most of the time went into scanning lines that cannot match.
Two facts read off each pattern's parse tree decide whether to run it at all:
the literal strings every match must start with ("copyright", "版权"/"版權"), searched with
`str.__contains__`, and the longest line a whole-line pattern can match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_MAX_PREFIXES = 8  # a few short prefixes test as well as many long ones


def _seq(items: list, acc: set[str]) -> tuple[set[str], bool]:
    """Extend `acc` by the literal start of a parsed sequence; True when it was all literal."""
    for op, av in items:
        if op is _c.AT:
            continue  # ^, \b: zero width
        if op is _c.LITERAL:
            acc = {a + chr(av) for a in acc}
        elif op is _c.IN and av and all(o is _c.LITERAL for o, _ in av) and len(acc) * len(av) <= _MAX_PREFIXES:
            acc = {a + chr(v) for a in acc for _, v in av}
        elif op is _c.SUBPATTERN:
            acc, whole = _seq(list(av[-1]), acc)
            if not whole:
                return acc, False
        elif op is _c.BRANCH:
            out: set[str] = set()
            whole = True
            for alt in av[1]:
                got, alt_whole = _seq(list(alt), acc)
                out |= got
                whole = whole and alt_whole
            if len(out) > _MAX_PREFIXES:
                return acc, False
            acc = out
            if not whole:
                return acc, False
        else:
            return acc, False
    return acc, True


def literal_starts(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased strings one of which starts every match; None when no such set is known."""
    tree = _p.parse(pattern.pattern, pattern.flags)
    starts, _ = _seq(list(tree), {""})
    if "" in starts:
        return None
    return frozenset(s.lower() for s in starts)


def anchored(pattern: re.Pattern[str]) -> bool:
    """True when the pattern can only match at the start of the string (a leading ^)."""
    tree = list(_p.parse(pattern.pattern, pattern.flags))
    return bool(tree) and tree[0][0] is _c.AT and tree[0][1] in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)


def max_width(pattern: re.Pattern[str]) -> int | None:
    """The longest string the pattern can match, None when unbounded."""
    _, high = _p.parse(pattern.pattern, pattern.flags).getwidth()
    return None if high >= _c.MAXREPEAT else high


def _join(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


@dataclass(frozen=True)
class Searcher:
    """`search(line)` over many patterns, each run only on lines that can hold a match."""

    starts: re.Pattern[str] | None  # any literal start, searched in the lower-cased line
    keyed: re.Pattern[str] | None  # the patterns that have literal starts
    at_start: re.Pattern[str] | None  # patterns anchored at ^, tried at position 0 only
    always: re.Pattern[str] | None  # the rest

    @classmethod
    def of(cls, patterns: tuple[re.Pattern[str], ...]) -> Searcher:
        keyed, at_start, always = [], [], []
        literals: set[str] = set()
        for p in patterns:
            starts = literal_starts(p)
            if starts is not None:
                keyed.append(p)
                literals |= starts
            elif anchored(p):
                at_start.append(p)
            else:
                always.append(p)
        lits = "|".join(re.escape(w) for w in sorted(literals, key=lambda w: (-len(w), w)))
        return cls(re.compile(lits) if lits else None, _join(keyed), _join(at_start), _join(always))

    def search(self, line: str) -> bool:
        """True when any pattern matches somewhere in `line`."""
        if self.starts is not None and self.starts.search(line.lower()) and self.keyed.search(line):
            return True
        if self.at_start is not None and self.at_start.match(line):
            return True
        return self.always is not None and self.always.search(line) is not None


@dataclass(frozen=True)
class WholeLine:
    """`fullmatch(line)` over many patterns; the bounded ones are skipped for lines longer
    than any of them can match."""

    bounded: re.Pattern[str] | None
    longest: int
    unbounded: re.Pattern[str] | None

    @classmethod
    def of(cls, patterns: tuple[re.Pattern[str], ...]) -> WholeLine:
        widths = [(p, max_width(p)) for p in patterns]
        bounded = [p for p, w in widths if w is not None]
        longest = max((w for _, w in widths if w is not None), default=0)
        return cls(_join(bounded), longest, _join([p for p, w in widths if w is None]))

    def fullmatch(self, line: str) -> bool:
        if self.bounded is not None and len(line) <= self.longest and self.bounded.fullmatch(line):
            return True
        return self.unbounded is not None and self.unbounded.fullmatch(line) is not None


# --- needed literals: a document-level test before the per-line patterns -------------------
#
# Most lines of a page are body text that no marker pattern matches; testing each of them
# against dozens of patterns is most of ingest's time. A pattern whose every match must
# contain one of a few literal strings ("photo", "newsletter", "版权") cannot match a line
# without one; one Aho-Corasick pass over the lower-cased text of a whole file finds the few
# lines that hold any, and only those run the full patterns.

_CAP = 16  # most strings in one literal set (beyond it the set says too little)
_MIN_WEIGHT = 2.0  # a set is worth a gate when its lightest string weighs this much ("(c)", "©")
_LIGHT = frozenset(" .,:;-()'/\"")  # common punctuation: weak evidence


def _weight(s: str) -> float:
    """How rare a literal is in text, roughly: a letter counts one, a Han character or a
    rare sign more, common punctuation and space less."""
    return sum(0.5 if c in _LIGHT else 1.0 if c.isascii() and c.isalnum() else 3.0 if c.isascii() else 2.0
               for c in s)


def _score(strings: set[str]) -> tuple[float, int]:
    return min(map(_weight, strings)), -len(strings)


def _exact(op: object, av: object) -> set[str] | None:
    """Every string a fully literal element can match (a letter, a small class of letters, an
    optional or alternated literal), or None."""
    if op is _c.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is _c.IN and av and all(o is _c.LITERAL for o, _ in av) and len(av) <= _CAP:  # type: ignore[union-attr]
        return {chr(v) for _, v in av}  # type: ignore[union-attr]
    if op is _c.SUBPATTERN:
        return _exact_seq(list(av[-1]))  # type: ignore[index]
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:  # type: ignore[index]
            got = _exact_seq(list(alt))
            if got is None or len(out | got) > _CAP:
                return None
            out |= got
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[1] <= 1:  # type: ignore[index]
        got = _exact_seq(list(av[2]))  # type: ignore[index]
        return None if got is None else (got | {""} if av[0] == 0 else got)  # type: ignore[index]
    return None


def _exact_seq(items: list) -> set[str] | None:
    acc = {""}
    for op, av in items:
        if op is _c.AT:
            continue  # zero width
        got = _exact(op, av)
        if got is None or len(acc) * len(got) > _CAP:
            return None
        acc = {a + b for a in acc for b in got}
    return acc


def _needed(items: list) -> set[str] | None:
    """A set of strings one of which every match of the parsed sequence contains; the most
    selective one found (see `_needed_sets`), None when none is known."""
    sets = _needed_sets(items)
    return max(sets, key=_score) if sets else None


def _needed_sets(items: list) -> list[set[str]]:
    """Sets of strings such that every match of the parsed sequence contains one string of
    each set: runs of literals, and what a group, every branch, a repeated part or a
    look-around needs (what a look-around sees is in the text too)."""
    found: list[set[str]] = []

    def consider(cand: set[str] | None) -> None:
        if cand and "" not in cand:
            found.append(set(cand))

    run = {""}
    for op, av in items:
        if op is _c.AT:
            continue  # zero width: the run of literals goes on
        got = _exact(op, av)
        if got is not None and len(run) * len(got) <= _CAP:
            run = {a + b for a in run for b in got}
            continue
        consider(run)
        run = got if got is not None else {""}
        if op is _c.SUBPATTERN:
            found.extend(_needed_sets(list(av[-1])))
        elif op is _c.ASSERT:
            found.extend(_needed_sets(list(av[1])))
        elif op is _c.BRANCH:
            union: set[str] | None = set()
            for alt in av[1]:
                need = _needed(list(alt))
                if need is None or union is None:
                    union = None
                    break
                union |= need
            consider(union)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found.extend(_needed_sets(list(av[2])))
    consider(run)
    return found


def _casefix_odd() -> frozenset[str]:
    """Characters for which `str.lower` and the regex engine's case-insensitive matching
    disagree ("İ" lowers to two characters; "ſ" matches "s"): a text holding one is not gated."""
    try:
        from re._casefix import _EXTRA_CASES as extra  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - an older or other re
        extra = {}
    import _sre

    odd = {chr(cp) for cp in extra if cp >= 0x80} | {chr(v) for vs in extra.values() for v in vs if v >= 0x80}
    for lo, hi in ((0x80, 0x2200), (0xA640, 0xA800), (0xFB00, 0xFB50)):  # the scripts with case
        for cp in range(lo, hi):
            c = chr(cp)
            low = c.lower()
            if len(low) != 1 or ord(low) != _sre.unicode_tolower(cp) or ord(low) in extra:
                odd.add(c)
    return frozenset(odd)


_ODD = _casefix_odd()
_ODD_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_ODD)) + "]")


def _usable(need: set[str], weight: float = _MIN_WEIGHT) -> frozenset[str] | None:
    """`need` lower-cased, when it weighs `weight` and is exact to test lower-cased text by."""
    if any(len(w.lower()) != len(w) or _ODD_RE.search(w) for w in need):
        return None
    lowered = frozenset(w.lower() for w in need)
    return lowered if _score(set(lowered))[0] >= weight else None


@lru_cache(maxsize=1024)
def needed_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased strings one of which every match of `pattern` holds, when selective
    enough to test a text by (and without line breaks, so as to test a text line by
    line); None otherwise."""
    need = _needed(list(_p.parse(pattern.pattern, pattern.flags)))
    if need is None or any("\n" in w for w in need):
        return None
    return _usable(need)


@lru_cache(maxsize=1024)
def needed_sets(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of lower-cased strings of which a match of `pattern` holds one each, however
    common (a line is tested by a few substring tests: at most three sets, the most
    selective first)."""
    sets = sorted(_needed_sets(list(_p.parse(pattern.pattern, pattern.flags))), key=_score, reverse=True)
    out: list[frozenset[str]] = []
    for need in sets:
        usable = _usable(need, 0.0)
        if usable is not None and usable not in out:
            out.append(usable)
    return tuple(out[:3])


def lowered_for_literals(text: str) -> str | None:
    """`text` lower-cased to look for needed literals in, None when that would not be exact
    (a character the regex engine folds otherwise than `str.lower`)."""
    if not text.isascii() and _ODD_RE.search(text):
        return None
    return text.lower()


class LiteralGate:
    """The lines of a text that hold one of some literal strings (case-insensitively), for
    many sets of strings at once: set k is bit k of a line's mark."""

    keys: tuple[tuple[int, str, re.Pattern[str]], ...] = ()  # what each bit stands for (see Markers.gate)
    group_bits: tuple[int, ...] = ()

    def __init__(self, groups: tuple[frozenset[str], ...]) -> None:
        import ahocorasick

        marks: dict[str, int] = {}
        for k, group in enumerate(groups):
            for word in group:
                marks[word] = marks.get(word, 0) | (1 << k)
        self.literals = frozenset(marks)
        # an ASCII text can hold only the ASCII strings: a smaller automaton runs faster
        self._automaton = ahocorasick.Automaton()
        self._ascii = ahocorasick.Automaton()
        for word, mark in marks.items():
            self._automaton.add_word(word, (len(word), mark))
            if word.isascii():
                self._ascii.add_word(word, (len(word), mark))
        for automaton in (self._automaton, self._ascii):
            if len(automaton):
                automaton.make_automaton()

    def lines(self, lines: list[str]) -> dict[int, int] | None:
        """The mark of each line of `lines` that may hold a literal (index -> set bits);
        None when the text cannot be tested this way (a character whose case the regex
        engine folds otherwise than `str.lower`)."""
        if not self.literals:
            return {}
        text = "\n".join(lines)
        low = lowered_for_literals(text)
        if low is None or low.count("\n") != len(lines) - 1:  # a line holding a line break: no line numbers
            return None
        hit: dict[int, int] = {}
        automaton = self._ascii if low.isascii() else self._automaton
        if not len(automaton):
            return hit
        line, at = 0, 0
        count = low.count
        for end, (size, mark) in automaton.iter(low):
            start = end - size + 1
            if start > at:  # literals hold no line break: only a later start can be on a later line
                line += count("\n", at, start)
                at = start
            hit[line] = hit.get(line, 0) | mark
        return hit
