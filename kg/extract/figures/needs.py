"""The characters a regex cannot match without, read from the pattern itself.

Scanning a sentence with a pattern costs about the same whether it matches or not, and most
patterns (a quarter, a half year, a fiscal year) match in few sentences. Every match of
"(?:今年|去年)?第(?P<q>[一二三四])季度" holds 第, 季 and 度, so a sentence without one of
them is skipped unread. The test is derived from the compiled pattern (re's own parser), so
the patterns stay in the lexicons and matches are unchanged: a pattern this module cannot
read gets no test and is always scanned.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

try:  # re's parser is internal; without it every pattern is scanned, as before
    from re import _parser as _sre
except ImportError:  # pragma: no cover
    _sre = None  # type: ignore[assignment]

Needs = tuple[frozenset[str], ...]  # each set: a match holds at least one of its characters

_MAX_RANGE = 64  # a wider class ([\u4e00-\u9fff]) says too little to be worth testing
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# the non-ASCII letters re matches to ASCII ones under IGNORECASE (documented in `re`)
ODD_FOLDS = "\u0130\u0131\u017f\u212a"
_CASELESS = re.compile("[\u3000-\u9fff\uff01-\uff20]")  # no case, and nothing folds to them


def needs(pattern: re.Pattern[str]) -> Needs:
    """Sets of characters such that every match of `pattern` holds a character of each set;
    () when nothing is known (then the pattern must always be tried)."""
    if _sre is None or not isinstance(pattern.pattern, str):
        return ()
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
    except Exception:
        return ()
    found = _sequence(list(parsed), bool(pattern.flags & re.IGNORECASE))
    return tuple(sorted(set(found), key=lambda s: (len(s), sorted(s))))


def holds(needed: Needs, chars: set[str] | frozenset[str]) -> bool:
    """True when `chars` (the characters of some text) could hold a match."""
    return all(not s.isdisjoint(chars) for s in needed)


def _sequence(items: Iterable[tuple[object, object]], icase: bool) -> list[frozenset[str]]:
    """The needs of a sequence: every item that must match adds its own."""
    out: list[frozenset[str]] = []
    for op, av in items:
        got = _item(op, av, icase)
        if got:
            out.extend(got)
    return out


def _item(op: object, av: object, icase: bool) -> list[frozenset[str]]:
    if op is _sre.LITERAL:
        chars = char_matches(chr(av), icase)  # type: ignore[arg-type]
        return [chars] if chars else []
    if op is _sre.IN:
        chars = _class(av, icase)  # type: ignore[arg-type]
        return [chars] if chars else []
    if op is _sre.SUBPATTERN:
        _, add, drop, sub = av  # type: ignore[misc]
        flag = (icase or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE
        return _sequence(list(sub), flag)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(list(av), icase)  # type: ignore[call-overload]
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av  # type: ignore[misc]
        return _sequence(list(sub), icase) if low >= 1 else []
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            got = _sequence(list(branch), icase)
            if not got:
                return []  # a branch that needs nothing: the alternation needs nothing
            union |= min(got, key=len)
        return [frozenset(union)]
    return []  # lookarounds, anchors, any character, categories, back references: no need known


def _class(items: list[tuple[object, object]], icase: bool) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars = char_matches(chr(av), icase)  # type: ignore[arg-type]
        elif op is _sre.RANGE and av[1] - av[0] <= _MAX_RANGE:  # type: ignore[index,operator]
            chars = frozenset()
            for code in range(av[0], av[1] + 1):  # type: ignore[index,operator]
                one = char_matches(chr(code), icase)
                if one is None:
                    return None
                chars |= one
        else:
            return None  # a negated class, a category (\d), a wide range
        if chars is None:
            return None
        out |= chars
    return frozenset(out) or None


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
