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
