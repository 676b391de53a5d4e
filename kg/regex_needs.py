"""The literal strings every match of a regex holds, read off re's own parse tree.

Scanning a text with a pattern costs about the same whether it matches or not, and most
patterns (a copyright line, a fiscal quarter) match in few lines or sentences. Every match of
"(?:FY|fiscal)\\s*\\d\\d" holds "fy" or "fiscal" in some case, so a text without either is
skipped unread: a few substring tests (or one Aho-Corasick pass for many patterns) instead of
a scan. Ingest's marker gates (`kg/ingest/prefilter.py`) and the figures step's period gates
read patterns here, so both skip by the same rules; the patterns stay in the lexicons and
matches are unchanged. What cannot be read adds no test; a pattern read not at all is always run.

Case: a needed string is tested in the lower-cased text. That is exact only where `str.lower`
and re's IGNORECASE agree, so the characters where they do not (computed from re's own case
tables: "İ" lowers to two characters, "ſ" matches "s", Greek and Cyrillic letters with extra
case forms) are never part of a needed string, and a text holding one is not tested
(`lowered` gives None: every pattern is run on it).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

try:  # re's parser is internal (Python 3.11+; 3.10 names it sre_parse)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

Need = frozenset[str]  # a match holds one of these strings (lower-cased)
Needs = tuple[Need, ...]  # ... and one of each

_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)
_MOST = 16  # most strings in one need (a class of more characters, [A-Z], says too little)
_LIGHT = frozenset(" .,:;-()'/\"")  # common punctuation: weak evidence
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# the non-ASCII letters re matches to ASCII ones under IGNORECASE (documented in `re`)
ODD_FOLDS = "\u0130\u0131\u017f\u212a"
_CASELESS = re.compile("[\u3000-\u9fff\uff01-\uff20]")  # no case, and nothing folds to them


# --- the case model ------------------------------------------------------------------------

def _case_odd() -> frozenset[str]:
    """Characters for which `str.lower` and re's case-insensitive matching disagree ("İ" lowers
    to two characters; "ſ" matches "s"), and those re folds to an ASCII letter (ODD_FOLDS):
    never in a needed string, and a text holding one is not tested."""
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
    return frozenset(odd | set(ODD_FOLDS))


CASE_ODD = _case_odd()
_ODD_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(CASE_ODD)) + "]")


def lowered(text: str) -> str | None:
    """`text` lower-cased, to look for needed strings in; None when that would not be exact (it
    holds a character of CASE_ODD: then every pattern must be run on it)."""
    if not text.isascii() and _ODD_RE.search(text):
        return None
    return text.lower()


def holds(needed: Needs, low: str | None) -> bool:
    """True when a text (`lowered`) could hold a match: it holds a string of each need."""
    if low is None:
        return True
    for need in needed:  # (loops, not all(any(...)): this runs for every sentence and pattern)
        for s in need:
            if s in low:
                break
        else:
            return False
    return True


def as_written(need: Need) -> bool:
    """True when `need` can be looked for in a text as written, not lower-cased: every character
    of its strings is `caseless` (re matches it to itself only), so a match holds it as it is
    ("[", "（", "记者"), and the text holds it exactly when its lowered form does."""
    return all(caseless(c) for w in need for c in w)


def _low(ch: str) -> str | None:
    """What a literal `ch` leaves in the lowered text of a match: `ch` lower-cased; None when
    that is not exact (`ch` in CASE_ODD)."""
    return None if ch in CASE_ODD else ch.lower()


def char_matches(ch: str, icase: bool) -> frozenset[str] | None:
    """What re matches to the literal `ch`: itself; under IGNORECASE, for an ASCII letter its two
    cases and the non-ASCII letters re folds to ASCII ones, for a caseless character itself
    only; for any other character None (not known here)."""
    if not icase or caseless(ch):
        return frozenset(ch)
    if ch in _ASCII_LETTERS:
        candidates = {ch.lower(), ch.upper(), *ODD_FOLDS}
        return frozenset(c for c in candidates if re.fullmatch(re.escape(ch), c, re.IGNORECASE))
    return None


def caseless(ch: str) -> bool:
    """True when re, under IGNORECASE, matches `ch` to itself only and no other character to it:
    ASCII other than letters, CJK and full-width marks, and symbols, marks of punctuation and
    digits that have no case (tests check this against re's own case tables)."""
    if ch.isascii():
        return ch not in _ASCII_LETTERS
    if _CASELESS.fullmatch(ch):
        return True
    return unicodedata.category(ch)[0] not in "LM" and ch.lower() == ch == ch.upper()


# --- reading a pattern -----------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """How far to read: `cap` is the most strings a run of literals may spread into (a class or
    an alternation multiplies them; 1 keeps each class its own need), `behind` whether
    look-behinds count (not when the text tested is a window of what re scans: a look-behind
    may see before the window's start)."""

    cap: int = _MOST
    behind: bool = True


def _weight(s: str) -> float:
    """How rare a literal is in text, roughly: a letter counts one, a Han character or a
    rare sign more, common punctuation and space less."""
    return sum(0.5 if c in _LIGHT else 1.0 if c.isascii() and c.isalnum() else 3.0 if c.isascii() else 2.0
               for c in s)


def score(need: Iterable[str]) -> tuple[float, int]:
    """How selective a need is (higher: fewer texts hold it): its lightest string, then fewest strings."""
    strings = list(need)
    return min(map(_weight, strings)), -len(strings)


def _class(items: list) -> set[str] | None:
    """The lowered characters a class matches (literals and narrow ranges: at most _MOST
    characters); None when not known."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            codes: Iterable[int] = (av,)
        elif op is _c.RANGE and av[1] - av[0] < _MOST:
            codes = range(av[0], av[1] + 1)
        else:
            return None  # a negated class, a category (\d), a wide range
        for code in codes:
            low = _low(chr(code))
            if low is None:
                return None
            out.add(low)
    return out if 0 < len(out) <= _MOST else None


def _exact(op: object, av: object, how: Reading) -> set[str] | None:
    """Every string a fully literal element can match (a letter, a small class, an optional or
    alternated literal), lowered, or None."""
    if op is _c.LITERAL:
        low = _low(chr(av))  # type: ignore[arg-type]
        return None if low is None else {low}
    if op is _c.IN:
        chars = _class(av)  # type: ignore[arg-type]
        return chars if chars is not None and len(chars) <= how.cap else None
    if op is _c.SUBPATTERN:
        return _exact_seq(list(av[-1]), how)  # type: ignore[index]
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:  # type: ignore[index]
            got = _exact_seq(list(alt), how)
            if got is None or len(out | got) > how.cap:
                return None
            out |= got
        return out
    if op in _REPEATS and av[1] <= 1:  # type: ignore[index]
        got = _exact_seq(list(av[2]), how)  # type: ignore[index]
        return None if got is None else (got | {""} if av[0] == 0 else got)  # type: ignore[index]
    return None


def _exact_seq(items: list, how: Reading) -> set[str] | None:
    acc = {""}
    for op, av in items:
        if op is _c.AT:
            continue  # zero width
        got = _exact(op, av, how)
        if got is None or len(acc) * len(got) > how.cap:
            return None
        acc = {a + b for a in acc for b in got}
    return acc


def _best(items: list, how: Reading) -> set[str] | None:
    """The most selective need of a parsed sequence (by `score`), None when none is known."""
    sets = _sets(items, how)
    return max(sets, key=score) if sets else None


def _sets(items: list, how: Reading) -> list[set[str]]:
    """Sets of lowered strings such that every match of the parsed sequence holds one string of
    each: runs of literals, the characters of a class, and what a group, every branch, a
    repeated part or a look-around needs (what a look-around sees is in the text too)."""
    found: list[set[str]] = []

    def consider(cand: set[str] | None) -> None:
        if cand and "" not in cand:
            found.append(set(cand))

    run = {""}
    for op, av in items:
        if op is _c.AT:
            continue  # zero width: the run of literals goes on
        got = _exact(op, av, how)
        if got is not None and len(run) * len(got) <= how.cap:
            run = {a + b for a in run for b in got}
            continue
        consider(run)
        run = got if got is not None else {""}
        if op is _c.IN and got is None:
            consider(_class(av))
        elif op is _c.SUBPATTERN:
            found.extend(_sets(list(av[-1]), how))
        elif op is _c.ATOMIC_GROUP:
            found.extend(_sets(list(av), how))
        elif op is _c.ASSERT and (how.behind or av[0] >= 0):
            found.extend(_sets(list(av[1]), how))
        elif op is _c.BRANCH:
            union: set[str] | None = set()
            for alt in av[1]:
                need = _best(list(alt), how)
                if need is None or union is None:
                    union = None
                    break
                union |= need
            consider(union)
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_sets(list(av[2]), how))
    consider(run)
    return found


@lru_cache(maxsize=4096)
def parse_tree(pattern: re.Pattern[str]) -> _p.SubPattern:
    """re's parse tree of `pattern`, parsed once per process: several readers (the needs here,
    ingest's literal starts, widths and guards) read each marker pattern. Not to be changed.
    A marker pattern not yet compiled (`kg.ingest.lazyre.LazyPattern`) brings the tree it was
    checked with."""
    tree = getattr(pattern, "tree", None)
    return tree if tree is not None else _p.parse(pattern.pattern, pattern.flags)


@lru_cache(maxsize=2048)
def read(pattern: re.Pattern[str], how: Reading = Reading()) -> Needs:
    """Every need read off `pattern` (each a set of lowered strings one of which every match
    holds), in the order found, repeats removed; () when nothing is known or re's parser
    cannot be used (a Python that changed it gets no test rather than a wrong one)."""
    if not isinstance(pattern.pattern, str):
        return ()
    try:
        found = _sets(list(parse_tree(pattern)), how)
    except Exception:  # pragma: no cover - re's parser is internal
        return ()
    out: list[Need] = []
    for need in map(frozenset, found):
        if need not in out:
            out.append(need)
    return tuple(out)


# --- what the callers ask ---------------------------------------------------------------------

_WINDOW = Reading(cap=1, behind=False)  # sentences tested as windows of the text re scans


@lru_cache(maxsize=1024)
def needs(pattern: re.Pattern[str]) -> Needs:
    """Every need of `pattern`, for `holds` on a window of a text (`finditer(text, lo, hi)`: no
    look-behind, each class its own need), the ones most likely to fail first; () when nothing
    is known (then the pattern must always be tried)."""
    found = read(pattern, _WINDOW)
    return tuple(sorted(found, key=lambda n: (-min(map(len, n)), len(n), sorted(n))))


_MIN_WEIGHT = 2.0  # a need is worth an Aho-Corasick gate when its lightest string weighs this ("(c)", "©")


@lru_cache(maxsize=1024)
def needed_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The most selective need of `pattern`, when selective enough to gate lines by (and
    without line breaks, so as to test a text line by line); None otherwise."""
    found = read(pattern)
    if not found:
        return None
    best = max(found, key=score)
    if any("\n" in w for w in best) or score(best)[0] < _MIN_WEIGHT:
        return None
    return best


@lru_cache(maxsize=1024)
def needed_sets(pattern: re.Pattern[str]) -> Needs:
    """The needs of `pattern`, however common, the most selective first: at most three (a text
    is tested by a few substring tests)."""
    return tuple(sorted(read(pattern), key=score, reverse=True)[:3])


# --- characters a pattern cannot tell apart ---------------------------------------------------

def alike(pattern: re.Pattern[str], chars: str) -> bool:
    """True when `pattern` cannot tell the characters `chars` apart (it names none of them, in
    a literal, a class or a range, and refers back only to groups that cannot hold them): a
    text matches as well with one of them put for another. False when that is not known."""
    if not isinstance(pattern.pattern, str):
        return False
    try:
        parsed = parse_tree(pattern)
        groups: dict[int, list[tuple[object, object]]] = {}
        return _blind(list(parsed), frozenset(chars), groups)
    except Exception:  # re's parser is internal: a Python that changed it gets False
        return False


def _blind(items: list[tuple[object, object]], chars: frozenset[str], groups: dict[int, list]) -> bool:
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            if chr(av) in chars:  # type: ignore[arg-type]
                return False
        elif op is _c.IN:
            if not _class_blind(av, chars):  # type: ignore[arg-type]
                return False
        elif op is _c.SUBPATTERN:
            group, _, _, sub = cast(Any, av)
            if group is not None:
                groups[group] = list(sub)
            if not _blind(list(sub), chars, groups):
                return False
        elif op in _REPEATS:
            if not _blind(list(av[2]), chars, groups):  # type: ignore[index]
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not _blind(list(av[1]), chars, groups):  # type: ignore[index]
                return False
        elif op is _c.ATOMIC_GROUP:
            if not _blind(list(av), chars, groups):  # type: ignore[call-overload]
                return False
        elif op is _c.BRANCH:
            if not all(_blind(list(b), chars, groups) for b in av[1]):  # type: ignore[index]
                return False
        elif op is _c.GROUPREF:
            if av not in groups or not _holds_none(groups[av], chars):  # type: ignore[operator]
                return False
        elif op is _c.AT:  # \b and \B see whether a character is a word character
            if len({bool(re.fullmatch(r"\w", c)) for c in chars}) > 1:
                return False
        elif op is _c.ANY:  # `.` takes every character but the newline
            if "\n" in chars:
                return False
        else:
            return False  # a conditional group, or anything not known here
    return True


def _class_blind(items: list[tuple[object, object]], chars: frozenset[str]) -> bool:
    for op, av in items:
        if op is _c.LITERAL and chr(av) in chars:  # type: ignore[arg-type]
            return False
        if op is _c.RANGE and any(av[0] <= ord(c) <= av[1] for c in chars):  # type: ignore[index]
            return False
        if op not in (_c.LITERAL, _c.RANGE, _c.CATEGORY, _c.NEGATE):
            return False
        if op is _c.CATEGORY and any(_category_sees(av, c) for c in chars):
            return False
    return True


def _category_sees(category: object, ch: str) -> bool:
    """True when \\d, \\s or \\w (or their negations) answer differently for `ch` than for a
    character of none of them: only then can such a class tell `ch` from its stand-ins."""
    return bool(re.fullmatch(r"[\d\s\w]", ch))


def _holds_none(items: list[tuple[object, object]], chars: frozenset[str]) -> bool:
    """True when a group made of `items` can never match any of `chars` (literals and plain
    classes only)."""
    for op, av in items:
        if op is _c.LITERAL:
            if chr(av) in chars:  # type: ignore[arg-type]
                return False
        elif op is _c.IN:
            if any(o is _c.NEGATE or o is _c.CATEGORY for o, _ in av) or not _class_blind(av, chars):  # type: ignore[attr-defined, arg-type]
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is _c.SUBPATTERN:
            if not _holds_none(list(av[-1]), chars):  # type: ignore[index]
                return False
        else:
            return False
    return True


# --- what every match begins with -----------------------------------------------------------

def leading_strings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The strings (lower-cased) one of which every match of `pattern` begins with, look-arounds
    and \\b aside, when each is two characters or more ("19", "20"; "first", "second"); None when
    that is not known or too common to be worth trying each place ("h")."""
    try:
        found = _leading(list(parse_tree(pattern)), bool(pattern.flags & re.IGNORECASE))
    except Exception:  # re's parser is internal: a Python that changed it scans as before
        return None
    return tuple(sorted(found)) if found and min(map(len, found)) >= 2 else None


def _zero_width(op: object, av: object) -> bool:
    """True for an item that matches no character: a look-around, an anchor, or a group of them."""
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return True
    if op is _c.BRANCH:
        return all(all(_zero_width(o, a) for o, a in branch) for branch in av[1])  # type: ignore[index]
    if op is _c.SUBPATTERN:
        return all(_zero_width(o, a) for o, a in av[3])  # type: ignore[index]
    return False


def _leading(items: list[tuple[object, object]], icase: bool) -> set[str] | None:
    """`leading_strings` of a sequence of parsed items."""
    i = 0
    while i < len(items) and _zero_width(*items[i]):
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is _c.LITERAL:
        run = ""
        while i < len(items) and items[i][0] is _c.LITERAL:
            ch = chr(items[i][1])  # type: ignore[arg-type]
            if icase and char_matches(ch, icase=True) is None:
                break
            run += ch.lower() if icase else ch
            i += 1
        return {run} if run else None
    if op is _c.SUBPATTERN:
        _, add, drop, sub = cast(Any, av)
        return _leading(list(sub), (icase or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE)
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            found = _leading(list(branch), icase)
            if not found:
                return None
            out |= found
        return out
    return None
