"""The words a regex cannot match without, read from the pattern itself.

Scanning a sentence with a pattern costs about the same whether it matches or not, and most
patterns (a quarter, a half year, a fiscal year) match in few sentences. Every match of
"(?:今年|去年)?第(?P<q>[一二三四])季度" holds 第 and 季度, and every match of
"(?:FY|fiscal)\\s*(?P<fy>\\d\\d)" holds "fy" or "fiscal" in some case, so a sentence without
them is skipped unread. The test is derived from the compiled pattern (re's own parser), so the
patterns stay in the lexicons and matches are unchanged: what this module cannot read adds no
test, and a pattern it cannot read at all is always scanned.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

try:  # re's parser is internal; without it every pattern is scanned, as before
    from re import _parser as _sre
except ImportError:  # pragma: no cover
    _sre = None  # type: ignore[assignment]

Need = frozenset[str]  # a match holds one of these strings (in lower case)
Needs = tuple[Need, ...]  # ... and one of each

_MAX_RANGE = 64  # a wider class ([\u4e00-\u9fff]) says too little to be worth testing
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# the non-ASCII letters re matches to ASCII ones under IGNORECASE (documented in `re`)
ODD_FOLDS = "\u0130\u0131\u017f\u212a"
_ODD = frozenset(ODD_FOLDS)
_CASELESS = re.compile("[\u3000-\u9fff\uff01-\uff20]")  # no case, and nothing folds to them


def needs(pattern: re.Pattern[str]) -> Needs:
    """What every match of `pattern` holds, as tested by `holds`; () when nothing is known
    (then the pattern must always be tried)."""
    if _sre is None or not isinstance(pattern.pattern, str):
        return ()
    try:  # (re's parser is internal: a Python that changed it gets no test rather than a wrong one)
        found = _sequence(list(_sre.parse(pattern.pattern, pattern.flags)), bool(pattern.flags & re.IGNORECASE))
    except Exception:
        return ()
    return tuple(sorted(set(found), key=lambda n: (-min(map(len, n)), len(n), sorted(n))))


def lowered(text: str) -> str | None:
    """The text as `holds` reads it: in lower case; None when it holds one of the letters that
    re folds to ASCII ones (ſ, K, İ, ı), which lower otherwise (then every pattern is tried)."""
    return None if not _ODD.isdisjoint(text) else text.lower()


def holds(needed: Needs, low: str | None) -> bool:
    """True when a text (`lowered`) could hold a match."""
    if low is None:
        return True
    for need in needed:  # (loops, not all(any(...)): this runs for every sentence and pattern)
        for s in need:
            if s in low:
                break
        else:
            return False
    return True


def _sequence(items: Iterable[tuple[object, object]], icase: bool) -> list[Need]:
    """The needs of a sequence: every item that must match adds its own, and literal
    characters in a row make one string."""
    out: list[Need] = []
    run: list[str] = []
    for op, av in items:
        low = _low(chr(av), icase) if op is _sre.LITERAL else None  # type: ignore[arg-type]
        if low is not None:
            run.append(low)
            continue
        if run:
            out.append(frozenset(["".join(run)]))
            run = []
        out.extend(_item(op, av, icase))
    if run:
        out.append(frozenset(["".join(run)]))
    return out


def _best(found: list[Need]) -> Need | None:
    """The most telling of a branch's needs: its shortest string longest, then fewest strings."""
    return max(found, key=lambda n: (min(map(len, n)), -len(n)), default=None)


def _item(op: object, av: object, icase: bool) -> list[Need]:
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
        least, _, sub = av  # type: ignore[misc]
        return _sequence(list(sub), icase) if least >= 1 else []
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            best = _best(_sequence(list(branch), icase))
            if best is None:
                return []  # a branch that needs nothing: the alternation needs nothing
            union |= best
        return [frozenset(union)]
    return []  # lookarounds, anchors, any character, categories, back references: no need known


def _class(items: list[tuple[object, object]], icase: bool) -> Need | None:
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            codes: Iterable[int] = (av,)  # type: ignore[assignment]
        elif op is _sre.RANGE and av[1] - av[0] <= _MAX_RANGE:  # type: ignore[index,operator]
            codes = range(av[0], av[1] + 1)  # type: ignore[index,operator]
        else:
            return None  # a negated class, a category (\d), a wide range
        for code in codes:
            low = _low(chr(code), icase)
            if low is None:
                return None
            out.add(low)
    return frozenset(out) or None


def _low(ch: str, icase: bool) -> str | None:
    """What a literal `ch` leaves in the lowered text of a match (`lowered`): `ch` in lower
    case; None when that is not known here (a cased non-ASCII letter)."""
    if (ch.isascii() or caseless(ch)) and (not icase or char_matches(ch, icase) is not None):
        return ch.lower()
    return None


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


def alike(pattern: re.Pattern[str], chars: str) -> bool:
    """True when `pattern` cannot tell the characters `chars` apart (it names none of them, in
    a literal, a class or a range, and refers back only to groups that cannot hold them): a
    text matches as well with one of them put for another. False when that is not known."""
    if _sre is None or not isinstance(pattern.pattern, str):
        return False
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
        groups: dict[int, list[tuple[object, object]]] = {}
        return _blind(list(parsed), frozenset(chars), groups)
    except Exception:  # re's parser is internal: a Python that changed it gets False
        return False


def _blind(items: list[tuple[object, object]], chars: frozenset[str], groups: dict[int, list]) -> bool:
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            if chr(av) in chars:  # type: ignore[arg-type]
                return False
        elif op is _sre.IN:
            if not _class_blind(av, chars):  # type: ignore[arg-type]
                return False
        elif op is _sre.SUBPATTERN:
            group, _, _, sub = av  # type: ignore[misc]
            if group is not None:
                groups[group] = list(sub)
            if not _blind(list(sub), chars, groups):
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            if not _blind(list(av[2]), chars, groups):  # type: ignore[index]
                return False
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if not _blind(list(av[1]), chars, groups):  # type: ignore[index]
                return False
        elif op is _sre.ATOMIC_GROUP:
            if not _blind(list(av), chars, groups):  # type: ignore[call-overload]
                return False
        elif op is _sre.BRANCH:
            if not all(_blind(list(b), chars, groups) for b in av[1]):  # type: ignore[index]
                return False
        elif op is _sre.GROUPREF:
            if av not in groups or not _holds_none(groups[av], chars):  # type: ignore[operator]
                return False
        elif op is _sre.AT:  # \b and \B see whether a character is a word character
            if len({bool(re.fullmatch(r"\w", c)) for c in chars}) > 1:
                return False
        elif op is _sre.ANY:  # `.` takes every character but the newline
            if "\n" in chars:
                return False
        else:
            return False  # a conditional group, or anything not known here
    return True


def _class_blind(items: list[tuple[object, object]], chars: frozenset[str]) -> bool:
    for op, av in items:
        if op is _sre.LITERAL and chr(av) in chars:  # type: ignore[arg-type]
            return False
        if op is _sre.RANGE and any(av[0] <= ord(c) <= av[1] for c in chars):  # type: ignore[index]
            return False
        if op not in (_sre.LITERAL, _sre.RANGE, _sre.CATEGORY, _sre.NEGATE):
            return False
        if op is _sre.CATEGORY and any(_category_sees(av, c) for c in chars):
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
        if op is _sre.LITERAL:
            if chr(av) in chars:  # type: ignore[arg-type]
                return False
        elif op is _sre.IN:
            if any(o is _sre.NEGATE or o is _sre.CATEGORY for o, _ in av) or not _class_blind(av, chars):  # type: ignore[union-attr]
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is _sre.SUBPATTERN:
            if not _holds_none(list(av[-1]), chars):  # type: ignore[index]
                return False
        else:
            return False
    return True
