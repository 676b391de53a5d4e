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
from itertools import groupby

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]

from ..regex_needs import lowered, parse_tree

_MAX_PREFIXES = 8  # a few short prefixes test as well as many long ones
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)


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
    starts, _ = _seq(list(parse_tree(pattern)), {""})
    low = [lowered(s) for s in starts]
    if "" in starts or None in low:  # (a start with a character re folds otherwise than str.lower)
        return None
    return frozenset(low)  # type: ignore[arg-type]


def anchored(pattern: re.Pattern[str]) -> bool:
    """True when the pattern can only match at the start of the string (a leading ^)."""
    tree = list(parse_tree(pattern))
    return bool(tree) and tree[0][0] is _c.AT and tree[0][1] in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)


def max_width(pattern: re.Pattern[str]) -> int | None:
    """The longest string the pattern can match, None when unbounded."""
    _, high = parse_tree(pattern).getwidth()
    return None if high >= _c.MAXREPEAT else high


_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
               _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
_CHARSET_FLAGS = re.ASCII | re.LOCALE | re.UNICODE


def _firsts(items: list, icase: bool, last: bool = False) -> tuple[set[str], bool] | None:
    """The class items (as pattern text) one of which every match of a parsed sequence starts
    (`last`: ends) with, and whether it can match the empty string; None when not known."""
    out: set[str] = set()
    for op, av in reversed(items) if last else items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width
        if op is _c.LITERAL:
            out.add(re.escape(chr(av)))
            return out, False
        if op is _c.IN:
            for o, a in av:
                if o is _c.LITERAL:
                    out.add(re.escape(chr(a)))
                elif o is _c.RANGE:
                    out.add(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
                elif o is _c.CATEGORY and a in _CATEGORIES:
                    out.add(_CATEGORIES[a])
                else:
                    return None  # a negated class
            return out, False
        if op is _c.SUBPATTERN:
            _, add, drop, sub = av
            if (add | drop) & _CHARSET_FLAGS or (add & re.IGNORECASE and not icase):
                return None  # a part read under other flags than the guard's
            got = _firsts(list(sub), icase, last)
        elif op in _REPEATS:
            got = _firsts(list(av[2]), icase, last)
            if got is not None and av[0] == 0:
                got = (got[0], True)
        elif op is _c.BRANCH:
            alts = [_firsts(list(alt), icase, last) for alt in av[1]]
            if any(a is None for a in alts):
                return None
            got = (set().union(*(a[0] for a in alts)), any(a[1] for a in alts))  # type: ignore[index]
        else:
            return None  # any character, a back reference, a conditional group
        if got is None:
            return None
        out |= got[0]
        if not got[1]:
            return out, False
    return out, True


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""`pattern` behind a look-ahead for the characters its matches can start with: the same
    matches, but re skips a position in one test instead of trying the pattern there. Only for
    a pattern opening with a repeated part (`\s*`, `\s+`) or a word boundary: re scans fast for a
    literal or class start of its own, and tries a `^` pattern at the start only (a guard would
    hide both). `pattern` itself otherwise, when those characters are not known, or when it
    may match the empty string."""
    if pattern.pattern.startswith("(?") and not pattern.pattern.startswith(("(?:", "(?P", "(?=", "(?!", "(?<")):
        return pattern  # leading inline flags must stay first
    try:
        tree = list(parse_tree(pattern))
        got = _firsts(tree, bool(pattern.flags & re.IGNORECASE))
    except Exception:  # pragma: no cover - re's parser is internal
        return pattern
    op, av = tree[0] if tree else (None, None)
    opens_loose = (op is _c.AT and av in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY)) or op in _REPEATS
    if not opens_loose or got is None or got[1] or not got[0]:
        return pattern
    return re.compile(f"(?=[{''.join(sorted(got[0]))}])(?:{pattern.pattern})", pattern.flags)


_LOOSE_OPEN = "\\s*"
# the characters a match may be looked for by `str.find`: ASCII ones without case (a cased
# or non-ASCII one may match another under IGNORECASE), each as `_firsts` writes it
_FINDABLE = {re.escape(c): c for c in map(chr, range(128)) if c.lower() == c == c.upper()}


@dataclass(frozen=True)
class Loose:
    r"""A pattern that opens with `\s*`, searched as the rest of it (`loose`): every match of
    the rest starts with a character that is no white space, and none is empty, so a match
    of the pattern is a match of the rest with the white space right before it. The rest
    opens with a literal or a class, where the pattern (or its guard) is tried at every
    white space of a paragraph; when its first characters are a few ASCII ones without
    case ("["), they are found by `str.find` and the rest is tried only there."""

    rest: re.Pattern[str]
    opens: str | None  # the characters every match of `rest` starts with, when `str.find` may look for them

    def search(self, text: str, at: int = 0) -> re.Match[str] | None:
        """The leftmost match of `rest` at or after `at`."""
        if self.opens is None:
            return self.rest.search(text, at)
        match, find = self.rest.match, text.find
        while True:
            spots = [k for k in (find(c, at) for c in self.opens) if k >= 0]
            if not spots:
                return None
            at = min(spots)  # the next place a match can start
            if (mt := match(text, at)) is not None:
                return mt
            at += 1

    def split(self, text: str) -> list[str]:
        r"""`re.split` by the whole pattern: its leftmost match at or after a position opens the
        white space run that ends where the leftmost match of `rest` starts (no earlier run
        can be followed by one), cut off at the end of the last match."""
        out: list[str] = []
        at = 0  # the end of the last match: where the next piece starts and the next match may
        while (mt := self.search(text, at)) is not None:
            out.append(text[at:mt.start()].rstrip())  # (`\s` is `str.isspace`: the run is what rstrip takes)
            at = mt.end()
        out.append(text[at:])
        return out


def loose(pattern: re.Pattern[str]) -> Loose | None:
    r"""`pattern` as a `Loose`: None unless it opens with `\s*` (greedy), has no capturing
    group, and the first characters of every match of its rest are known and no white space."""
    text = pattern.pattern
    if not text.startswith(_LOOSE_OPEN) or pattern.groups or pattern.flags & (re.ASCII | re.VERBOSE):
        return None
    rest_text = text[len(_LOOSE_OPEN):]
    if not rest_text or rest_text[0] in "?+*{":  # (a lazy or possessive `\s*`: not handled)
        return None
    try:
        rest = re.compile(rest_text, pattern.flags)
        got = _firsts(list(parse_tree(rest)), bool(rest.flags & re.IGNORECASE))
    except Exception:  # pragma: no cover - re's parser is internal
        return None
    if got is None or got[1] or not got[0] or rest.groups:
        return None
    if re.compile(f"[{''.join(sorted(got[0]))}]", rest.flags).search(_WHITE):
        return None
    opens = "".join(sorted(_FINDABLE[item] for item in got[0])) if all(item in _FINDABLE for item in got[0]) else None
    return Loose(rest, opens if opens and len(opens) <= 3 else None)


def first_chars(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """A class of the characters every match of one of `patterns` starts with (a line opening
    with none of them matches none at its start); None when not known for one of them, when one
    may match the empty string, or when their flags differ."""
    chars: set[str] = set()
    for p in patterns:
        if p.flags != patterns[0].flags:
            return None
        try:
            got = _firsts(list(parse_tree(p)), bool(p.flags & re.IGNORECASE))
        except Exception:  # pragma: no cover - re's parser is internal
            return None
        if got is None or got[1] or not got[0]:
            return None
        chars |= got[0]
    return re.compile(f"[{''.join(sorted(chars))}]", patterns[0].flags) if chars else None


_WHITE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def last_chars(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of the characters every match of `pattern` ends with, none of them white space
    (so a match that ends a text but for white space ends at the last character of the text
    stripped); None when not known or when white space may end a match."""
    try:
        got = _firsts(list(parse_tree(pattern)), bool(pattern.flags & re.IGNORECASE), last=True)
    except Exception:  # pragma: no cover - re's parser is internal
        return None
    if got is None or got[1] or not got[0]:
        return None
    chars = re.compile(f"[{''.join(sorted(got[0]))}]", pattern.flags)
    return None if chars.search(_WHITE) else chars


_ENDS = (_c.AT_END, _c.AT_END_STRING)


def _only_white(item: tuple) -> bool:
    """True for an optional run of white space (`\\s*`)."""
    op, av = item
    return op in _REPEATS and av[0] == 0 and list(av[2]) == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])]


def end_chars(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a pattern anchored at the end (`...[)）]\\s*$`): a class of the characters one of
    which ends a text it matches, when that text does not end in white space (its closing
    `\\s*` then matches nothing); None when not known, or the pattern is not anchored so."""
    try:
        tree = list(parse_tree(pattern))
    except Exception:  # pragma: no cover - re's parser is internal
        return None
    if pattern.flags & re.MULTILINE or not tree or tree[-1][0] is not _c.AT or tree[-1][1] not in _ENDS:
        return None
    while tree and (tree[-1][0] is _c.AT or _only_white(tree[-1])):
        tree.pop()  # the anchor and the white space before it
    got = _firsts(tree, bool(pattern.flags & re.IGNORECASE), last=True)
    if got is None or got[1] or not got[0]:
        return None
    chars = re.compile(f"[{''.join(sorted(got[0]))}]", pattern.flags)
    return None if chars.search(_WHITE) else chars


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

    def _may_start(self, line: str) -> bool:
        """True when `line` holds a literal start (or cannot be tested lower-cased: `lowered`)."""
        low = lowered(line)
        return low is None or self.starts.search(low) is not None  # type: ignore[union-attr]

    def search(self, line: str) -> bool:
        """True when any pattern matches somewhere in `line`."""
        if self.starts is not None and self._may_start(line) and self.keyed.search(line):  # type: ignore[union-attr]
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
# without one (`kg.regex_needs.needed_literals`); one Aho-Corasick pass over the lower-cased
# text of a whole file finds the few lines that hold any, and only those run the full patterns.


_LETTERS_BY_FREQUENCY = {c: i for i, c in enumerate("etaoinshrdlcumwfgypbvkjxqz")}


def _frequent_first(item: tuple[str, int]) -> list[int]:
    """Sort key of a literal: its characters ranked by how common they are in English text."""
    return [_LETTERS_BY_FREQUENCY.get(c, 0x100 + ord(c)) for c in item[0]]


def _lowered_lines(text: str, lines: list[str]) -> str | None:
    """`lowered(text)` of `text`, the lines `lines` joined by line breaks. An English page with
    a curly quote or a dash somewhere is not ASCII, and `str.lower` of such a text takes the
    slow path for every character; when most of it is ASCII lines, those are lowered on the
    fast path and only the runs of other lines by `lowered` (the same text: `str.lower` maps
    each character alone but for a final sigma, which reads no context across a line break)."""
    if text.isascii():
        return text.lower()
    if sum(len(line) for line in lines if line.isascii()) * 2 < len(text):
        return lowered(text)
    out: list[str] = []
    for is_ascii, run in groupby(lines, key=str.isascii):
        if is_ascii:
            out.extend(line.lower() for line in run)
            continue
        low = lowered("\n".join(run))  # (a run of other lines, lowered together)
        if low is None:
            return None
        out.append(low)
    return "\n".join(out)


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
        # an ASCII text can hold only the ASCII strings: a smaller automaton runs faster. A node
        # of pyahocorasick's trie looks a character up among its children one by one, in the
        # order they were added: words added by English letter frequency find the common
        # letters first (about 40 % less time on English text; the same words and marks)
        self._automaton = ahocorasick.Automaton()
        self._ascii = ahocorasick.Automaton()
        for word, mark in sorted(marks.items(), key=_frequent_first):
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
        low = _lowered_lines(text, lines)
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
