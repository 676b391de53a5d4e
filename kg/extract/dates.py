"""Dates in Chinese and English news, resolved to ISO days without ever reading the clock.

Regexes only (dateparser runs at ~0.016 MB/s). A date without a year takes it from the
nearest full date in the text (ties go to the preceding one), else from the document
date; with neither it is dropped, never guessed. Relative words (今日, 近日, yesterday)
need the document date. Month-only dates ("2022年10月起", "from October 2022") are emitted
as the first of the month only with an effective cue, where "from October" does mean the
1st; a bare "in October 2022" is not a day and is dropped. Cue words live in
`kg/lexicons/dates.json`.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import NamedTuple

from ..frozen import in_order, made
from ..model import DateMention, Extraction
from ..regex_needs import alike, caseless, lowered
from . import EXTRACTORS
from .cuefile import CueFile
from .patterns import alternation, first_chars, trie

CUES = "dates.json"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_ORD = r"(?:st|nd|rd|th)?"


def _year(not_after: str) -> str:
    """`(?<!not_after)` and a year 19xx/20xx, the test made after the year's first two digits."""
    return rf"(?P<y>(?:19|20)(?<!{not_after}\d\d)\d{{2}})"


def word_start(words: Iterable[str], not_after: str = r"\w") -> str:
    """`(?<!not_after)(?:w1|w2|...)` (longest first; `\b` before words that begin with a word
    character), spelled so that each branch begins with its first letter: re can then skip to the
    places where one occurs (case-exact patterns only). The words of one first letter follow it as
    a trie (`patterns.trie`): one branch per letter tried instead of every word."""
    rests: dict[str, set[str]] = {}
    for w in set(words):
        rests.setdefault(w[0], set()).add(w[1:])
    out = []
    for first, after in sorted(rests.items()):
        spelled = trie(after - {""}, icase=False)
        if "" in after and spelled:
            spelled = f"(?:{spelled})?"
        out.append(rf"{re.escape(first)}(?<!{not_after}{re.escape(first)}){spelled}")
    return "|".join(out)


class _Raw(NamedTuple):
    """A date-like span before resolution; `y` is None when the text gives no year (a named
    tuple: a text makes many, and a frozen dataclass costs several times more to build)."""

    start: int
    end: int
    kind: str  # "day" (y may be None), "month" (year and month only), "rel" (relative word), "wd" (weekday)
    m: int = 0
    d: int = 0
    y: int | None = None
    days: int = 0  # offset from the document date, for "rel"; the weekday (0 = Monday), for "wd"


_MONTHS = -1  # `DateFinder.led`: the pattern is tried where a month name starts


class _Prefixed(NamedTuple):
    """`DateFinder.led`: the pattern is tried where one of `prefixes` begins and one of `chars`
    stands `at` characters on (its matches begin so: "2023-", "2023/", "2023.")."""

    prefixes: tuple[str, ...]
    at: int
    chars: str


class _DayMonth(NamedTuple):
    """`DateFinder.led`: the pattern ("5th of May") is tried one or two characters before the
    spaces before a month name, an ordinal and "of" with its spaces aside."""

    ordinals: tuple[str, ...]


_Lead = int | _Prefixed | _DayMonth | None
in_order(DateMention, ("text", "start", "end", "value", "role", "end_value"))  # as DateFinder.find fills them
_LAST_SPANS: tuple[str, str, tuple[_Raw, ...], bool] | None = None  # (lang, text, spans, a month named?) of the last scan
_COMMAS = "，,"  # the figures step reads a text with its full-width commas made ASCII ones (and asks for its dates)


class _Anchored:
    """Where any of some words begins in a text, found by searching it for a few pieces the
    words share ("day" of Monday...Sunday, 星期 of 星期一...星期天) and checking which word
    stands around each: a handful of fast searches instead of a regex tried at every position."""

    def __init__(self, words: Iterable[str]) -> None:
        listed = list(words)
        left = {w for w in listed if w}
        self.everywhere = len(left) < len(set(listed))  # an empty word begins everywhere
        # piece -> the words holding it, with each place it holds it at
        self.pieces: dict[str, list[tuple[str, int]]] = {}
        while left:
            counts: dict[str, int] = {}
            for w in left:
                for piece in {w[i:i + n] for n in (1, 2, 3) for i in range(len(w) - n + 1)}:
                    counts[piece] = counts.get(piece, 0) + 1
            # the piece most words hold, longer first; a lone ASCII letter (found everywhere) last
            best = max(counts, key=lambda p: (not (len(p) == 1 and p.isascii()), counts[p], len(p), p))
            held = sorted(w for w in left if best in w)
            self.pieces[best] = [(w, i) for w in held for i in range(len(w)) if w.startswith(best, i)]
            left.difference_update(held)

    def starts(self, text: str) -> list[int]:
        """Where one of the words begins in `text`, in order."""
        if self.everywhere:
            return list(range(len(text) + 1))
        out: set[int] = set()
        for piece, holders in self.pieces.items():
            at = text.find(piece)
            while at >= 0:
                out.update(at - i for w, i in holders if at >= i and text.startswith(w, at - i))
                at = text.find(piece, at + 1)
        return sorted(out)


def _prefixed(text: str, lead: _Prefixed) -> list[int]:
    """The places `lead` names in `text`, in order."""
    out = []
    for prefix in lead.prefixes:
        at = text.find(prefix)
        while at >= 0:
            if text[at + lead.at:at + lead.at + 1] in lead.chars and at + lead.at < len(text):
                out.append(at)
            at = text.find(prefix, at + 1)
    out.sort()
    return out


def _space_before(text: str, pos: int) -> int:
    """Where the run of spaces that ends at `pos` begins (`pos` when there is none)."""
    while pos and text[pos - 1].isspace():  # (re's \s is str.isspace)
        pos -= 1
    return pos


def _day_month(text: str, lead: _DayMonth, months: list[int]) -> list[int]:
    """The places `lead` names in `text` (`months`: where month names begin), in order: a day
    of one or two digits, maybe an ordinal, spaces, maybe "of" and spaces, then the month."""
    out: set[int] = set()
    for month in months:
        gap = _space_before(text, month)
        if gap == month:
            continue  # (the day and the month are apart by spaces)
        ends = [gap]
        if gap >= 3 and text.startswith("of", gap - 2) and text[gap - 3].isspace():
            ends.append(_space_before(text, gap - 2))
        for end in ends:
            for stop in (end, end - 2) if text[max(0, end - 2):end] in lead.ordinals else (end,):
                out.update(at for at in (stop - 2, stop - 1) if at >= 0 and text[at].isdecimal())
    return sorted(out)


def _order(r: _Raw) -> tuple[int, int, bool]:
    """Earliest first, then longest, a blocker after a date of the same span."""
    return r.start, r.start - r.end, r.kind == "block"


def _iso(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _doc_day(doc_date: str | None) -> date | None:
    if not doc_date or len(doc_date) < 10:
        return None
    try:
        return date.fromisoformat(doc_date[:10])
    except ValueError:
        return None


def _near_year(m: int, d: int, ref: date) -> date | None:
    """The day m-d in the year that puts it within about six months of `ref`."""
    best = None
    for y in (ref.year, ref.year - 1, ref.year + 1):
        day = _iso(y, m, d)
        if day and (best is None or abs((day - ref).days) < abs((best - ref).days)):
            best = day
    return best


class DateFinder:
    """Compiled date patterns and cue lists; `find(text, lang, doc_date)` does the work."""

    def __init__(self) -> None:
        cues = CueFile(CUES)
        months = cues.table("months_en", int)
        for name, num in months.items():
            if not 1 <= num <= 12:
                raise cues.error(name, f"month {name!r} must map to 1..12")
        self.months = months
        # every pattern begins with what it consumes first (a digit, 19/20, a month's first
        # letter) and tests what stands before it right after that: re then skips to the places
        # where that first character occurs instead of trying every position of the text
        mon = rf"(?P<mon>{word_start(months)})(?:\.|\b)"
        day = rf"(?P<d>\d(?<!\w\d)\d?){_ORD}"  # \b\d{1,2}
        year_nd, year_ns = _year(r"[\d０-９.]"), _year(r"[\d./-]")
        # each pattern with what it needs in the text (a month name, 月, or nothing): a text without
        # that is not scanned by it at all (Chinese news names no English month, English has no 月)
        self.mon_re = re.compile(mon)
        day_mon = rf"{day}\s+(?:of\s+)?{mon}"
        self.patterns: list[tuple[str, re.Pattern[str], str]] = [
            ("day", re.compile(rf"{year_nd}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})(?:\s*[日号]|(?!\d))"), "月"),
            ("day", re.compile(
                rf"{year_ns}(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?!\d|\.\d)(?:\s*[日号])?"), ""),
            ("day", re.compile(rf"{mon}\s+{day}(?:\s*,\s*|\s+){_YEAR}\b"), "mon"),
            ("day", re.compile(rf"{day_mon},?\s+{_YEAR}\b"), "mon"),
            ("month", re.compile(rf"{year_nd}\s*年\s*(?P<m>\d{{1,2}})\s*月(?!\s*\d)份?"), "月"),
            ("month", re.compile(rf"{mon}\s*,?\s+{_YEAR}\b"), "mon"),
            ("day", re.compile(r"(?P<m>\d(?<![\d０-９.年]\d)\d?)\s*月\s*(?P<d>\d{1,2})\s*[日号]"), "月"),
            ("day", re.compile(rf"{mon}\s+{day}\b(?!:)"), "mon"),
            ("day", re.compile(day_mon), "mon"),
        ]
        # where each pattern is tried: MONTHS, only where a month name starts (the patterns that
        # begin with `mon`, as `mon_re` is); k, only where pattern k matched (pattern 3 is pattern 8
        # and more); a _Prefixed or a _DayMonth, where it says; None, everywhere. Every match starts
        # at one of those places, and no place is inside an earlier match of the leading pattern
        # (each is preceded by no word character), so trying them in order, from the end of the
        # last match on, finds what a scan finds. Chinese text is short and writes 年, 月, 日 and
        # 20xx in nearly every sentence: there trying each place costs more than a scan, so the
        # patterns that every text gets (and the relative words, the weekdays) scan it whole.
        day_of = _DayMonth(("st", "nd", "rd", "th"))  # (_ORD's)
        self.led: list[_Lead] = [None, _Prefixed(("19", "20"), 4, "-/."), _MONTHS, 8, None, _MONTHS, None, _MONTHS, day_of]
        # where each pattern's month name, month, day and year stand in `Match.groups()` (None: no such
        # group): read by position, not through a dict of every group made per match
        self.fields = [tuple(p.groupindex[g] - 1 if g in p.groupindex else None for g in ("mon", "m", "d", "y"))
                       for _, p, _ in self.patterns]
        self.relative: dict[str, tuple[str, int, frozenset[str]]] = {}
        for item in cues.get("relative"):
            ok = isinstance(item, dict) and isinstance(item.get("word"), str) and item.get("lang") in ("zh", "en")
            if not ok or not isinstance(item.get("days"), int):
                raise cues.error(str(item.get("word", "relative")) if isinstance(item, dict) else "relative",
                                 "each relative entry needs word (str), lang (zh|en) and days (int)")
            not_after = item.get("not_after", "")
            if not isinstance(not_after, str):
                raise cues.error(item["word"], "not_after must be a string of characters")
            self.relative[item["word"].casefold()] = (item["lang"], item["days"], frozenset(not_after))
        words = alternation(list(self.relative))
        self.rel_re = re.compile(rf"{first_chars(self.relative)}(?<![A-Za-z])(?:{words})(?![A-Za-z])", re.IGNORECASE)
        self.rel_words = _Anchored(w.lower() for w in self.relative)  # (lower-cased: as `lowered` leaves them)
        # the relative words a text not in English keeps (it drops the English ones, which share no place with these),
        # as written when they have no case, each led by its first character: re skips to where one stands
        local = [w for w, (lang_of, _, _) in self.relative.items() if lang_of != "en"]
        self.rel_local = re.compile(rf"(?:{word_start(local, '(?i:[A-Za-z])')})(?i:(?![A-Za-z]))") \
            if local and all(caseless(c) for w in local for c in w) else None
        self.weekdays = cues.table("weekdays", int)
        for name, num in self.weekdays.items():
            if not 0 <= num <= 6:
                raise cues.error(name, f"weekday {name!r} must map to 0 (Monday) .. 6 (Sunday)")
        self.wd_re = re.compile(rf"(?:{word_start(self.weekdays, '[A-Za-z]')})(?![A-Za-z])")
        self.wd_words = _Anchored(self.weekdays)  # every match of wd_re begins with one of them, as written
        self.wd_not_after = frozenset(cues.text("weekday_not_after"))
        self.wd_joiners = tuple(cues.words("weekday_not_before"))
        blockers = cues.words("relative_blockers")
        spelled = trie(blockers, icase=True) or alternation(blockers)
        self.rel_blockers = re.compile(rf"{first_chars(blockers)}(?:{spelled})", re.IGNORECASE)
        self.blocker_len = max(map(len, blockers), default=0)  # a blocker's match is as long as its word
        tod = cues.regex("time_of_day_re")
        self.tod = re.compile(tod)
        zh_join, en_join = alternation(cues.words("range_joiners_zh")), alternation(cues.words("range_joiners_en"))
        self.joiner = re.compile(rf"{tod}\s*(?:(?P<zh>{zh_join})|(?P<en>{en_join})(?![A-Za-z]))\s*")
        self.day_only = re.compile(rf"(?P<d>\d{{1,2}})(?:\s*[日号]|{_ORD}\b)(?!\s*[月:])")
        self.range_prefix = tuple(w.casefold() for w in cues.words("range_prefix_en") + cues.words("range_prefix_zh"))
        self.before_zh = tuple(cues.words("effective_before_zh"))
        self.future_zh = tuple(cues.words("future_before_zh"))
        self.after_zh = tuple(cues.words("effective_after_zh"))
        self.after_block_zh = tuple(cues.words("effective_after_blockers_zh"))
        self.before_en = tuple(w.casefold() for w in cues.words("effective_before_en"))
        self.after_en = tuple(w.casefold() for w in cues.words("effective_after_en"))
        self.month_part_zh = tuple(cues.words("month_part_after_zh"))
        self.month_part_en = tuple(w.casefold() for w in cues.words("month_part_before_en"))
        self.clause = cues.integer("clause_chars")
        self.clause_end = re.compile(r"[，,。；;！!？?\n]")
        # the scans a text without a month name gets (and their cue words) cannot tell a full-width comma
        # from an ASCII one: then such a text with its commas made ASCII has the same spans
        cue_chars = "".join([*("".join(na) for _, _, na in self.relative.values()), *self.wd_not_after, *self.wd_joiners])
        scans = [p for _, p, needs in self.patterns if needs != "mon"] + [self.rel_re, self.wd_re, self.rel_blockers]
        self.comma_blind = all(alike(p, _COMMAS) for p in scans) and not any(c in cue_chars for c in _COMMAS)

    # -- candidates -----------------------------------------------------------------
    def spans(self, text: str, lang: str = "zh") -> list[_Raw]:
        """Every date-like span, longest first at each position, without overlaps.

        The dates and the figures extractors both ask this of the same document, one
        after the other; the last answer is kept so the twelve patterns scan each text once.
        Every DateFinder reads the same cue file, so the memo is shared between instances.
        """
        global _LAST_SPANS
        last = _LAST_SPANS  # read once: another thread may replace it
        if last is not None and last[0] == lang and (last[1] == text or self._alike(last[1], text, last[3])):
            return list(last[2])
        months = [mt.start() for mt in self.mon_re.finditer(text)]
        has_month = bool(months)
        kept = self._scan(text, lang, has_month, months)
        _LAST_SPANS = (lang, text, tuple(kept), has_month)
        return kept

    def _alike(self, seen: str, text: str, has_month: bool) -> bool:
        """True when `text` is `seen` with some commas full-width or not, which the scans cannot
        tell apart (`comma_blind`, and no month name: the English month patterns do see commas).
        The figures step asks for the dates of the text it reads, whose commas are ASCII."""
        return self.comma_blind and not has_month and len(seen) == len(text) and \
            seen.replace(_COMMAS[0], _COMMAS[1]) == text.replace(_COMMAS[0], _COMMAS[1])

    def _scan(self, text: str, lang: str, has_month: bool, months: list[int] | None = None) -> list[_Raw]:
        """The date-like spans of `text` (`months`: where `mon_re` matches, when known)."""
        found: list[_Raw] = []
        has = {"": True, "月": "月" in text, "mon": has_month}
        if months is None:
            months = [mt.start() for mt in self.mon_re.finditer(text)] if has_month else []
        matches: dict[int, list[re.Match[str]]] = {}
        for k, (kind, _, needs) in enumerate(self.patterns):
            if not has[needs]:
                continue
            at_mon, at_m, at_d, at_y = self.fields[k]
            for mt in self._matches(k, text, months, matches, lang):
                g = mt.groups()
                mon = g[at_mon] if at_mon is not None else None
                m = self.months[mon] if mon else int(g[at_m])  # type: ignore[index]
                d = int(g[at_d]) if at_d is not None and g[at_d] else 1
                y = int(g[at_y]) if at_y is not None and g[at_y] else None
                if 1 <= m <= 12 and 1 <= d <= 31:
                    found.append(_Raw(mt.start(), mt.end(), kind, m, d, y))
        low = lowered(text) if lang != "zh" else None
        if low is not None:
            relative = self._tried_at(self.rel_re, text, self._rel_starts(low))
        elif lang == "zh" and self.rel_local is not None:
            relative = self.rel_local.finditer(text)
        else:
            relative = self.rel_re.finditer(text)
        for mt in relative:
            lang_of, days, not_after = self.relative[mt.group().casefold()]
            if lang_of == "en" and lang != "en":
                continue
            if mt.start() and text[mt.start() - 1] in not_after:
                continue
            found.append(_Raw(mt.start(), mt.end(), "rel", days=days))
        weekdays = self._tried_at(self.wd_re, text, self.wd_words.starts(text)) if lang != "zh" else self.wd_re.finditer(text)
        for mt in weekdays:
            if self._weekday_ok(text, mt.start(), mt.end()):
                found.append(_Raw(mt.start(), mt.end(), "wd", days=self.weekdays[mt.group()]))
        if self._may_block(text, found):  # else no blocker can change what is kept: not scanned for
            for mt in self.rel_blockers.finditer(text):
                found.append(_Raw(mt.start(), mt.end(), "block"))
        found.sort(key=_order)
        kept: list[_Raw] = []
        for raw in found:
            if kept and raw.start < kept[-1].end:
                continue
            kept.append(raw)
        return [r for r in kept if r.kind != "block"]

    def _matches(self, k: int, text: str, months: list[int], done: dict[int, list[re.Match[str]]],
                 lang: str = "en") -> list[re.Match[str]]:
        """The matches of pattern `k` in `text`, as `finditer` finds them (`led`; `done`: those
        found so far in this text, by pattern)."""
        if k not in done:
            pattern, led = self.patterns[k][1], self.led[k]
            if led is None or (lang == "zh" and isinstance(led, _Prefixed)):
                done[k] = list(pattern.finditer(text))
            else:
                if isinstance(led, _Prefixed):
                    at = _prefixed(text, led)
                elif isinstance(led, _DayMonth):
                    at = _day_month(text, led, months)
                elif led == _MONTHS:
                    at = months
                else:
                    at = [mt.start() for mt in self._matches(led, text, months, done)]
                done[k] = list(self._tried_at(pattern, text, at))
        return done[k]

    @staticmethod
    def _tried_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)` when every match starts at one of `starts` (ascending)."""
        end = 0
        for at in starts:
            if at >= end:
                mt = pattern.match(text, at)
                if mt is not None:
                    yield mt
                    end = mt.end()

    def _rel_starts(self, low: str) -> list[int]:
        """Where a relative word starts in the text (`low`: it `lowered`): every match of
        `rel_re` starts at one of them, since re folds no other letter to an ASCII one there."""
        return self.rel_words.starts(low)

    def _may_block(self, text: str, found: list[_Raw]) -> bool:
        """False when no blocker ("今日头条") starts where it could cover the start of a span in
        `found`: blockers only drop the spans starting inside them, and are dropped themselves."""
        width = self.blocker_len
        for raw in found:
            hit = self.rel_blockers.search(text, max(0, raw.start - width + 1), raw.start + width)
            if hit is not None and hit.start() <= raw.start:
                return True
        return False

    def _weekday_ok(self, text: str, start: int, end: int) -> bool:
        """A weekday of this week: not 每周一 / 上周一, not an end of 周一至周五 / Monday to Friday."""
        if start and text[start - 1] in self.wd_not_after:
            return False
        if text.startswith(self.wd_joiners, end):
            return False
        before = text[max(0, start - 10):start]
        return not before.endswith(self.wd_joiners) and not before.rstrip().endswith(("至", "到"))

    # -- roles ----------------------------------------------------------------------
    def _effective(self, text: str, start: int, end: int, is_range: bool) -> bool:
        before = text[max(0, start - 40):start].rstrip()
        low = before.casefold()
        if low.endswith(self.before_en):  # one test for all the cues (mostly none ends the text)
            for cue in self.before_en:
                if low.endswith(cue) and (len(low) == len(cue) or not low[-len(cue) - 1].isalpha()):
                    if not (is_range and cue in self.range_prefix):
                        return True
        if before.endswith(self.before_zh) and not (is_range and before.endswith(self.range_prefix)):
            return True
        tail = text[end:end + 60]
        tod = self.tod.match(tail)
        tail = tail[tod.end() if tod else 0:].lstrip()
        if tail.casefold().startswith(self.after_en):
            return True
        if tail.startswith(self.after_zh) and not tail.startswith(self.after_block_zh):
            return True
        if before.endswith(self.future_zh):
            stop = self.clause_end.search(tail)
            clause = tail[:min(self.clause, stop.start() if stop else self.clause)]
            return any(cue in clause for cue in self.after_zh if len(cue) > 1)
        return False

    def _month_part(self, text: str, raw: _Raw) -> bool:
        """True for "5月底", "end of May 2023": a part of a month, not its first day."""
        return text[raw.end:raw.end + 2].startswith(self.month_part_zh) or \
            text[max(0, raw.start - 20):raw.start].rstrip().casefold().endswith(self.month_part_en)

    # -- resolution -----------------------------------------------------------------
    def _ranges(self, text: str, raws: list[_Raw]) -> list[tuple[_Raw, _Raw | None]]:
        """Pair each date with the end of a range that follows it ("5月4日至10日")."""
        out: list[tuple[_Raw, _Raw | None]] = []
        i = 0
        while i < len(raws):
            a = raws[i]
            join = self.joiner.match(text, a.end) if a.kind == "day" else None
            nxt = raws[i + 1] if i + 1 < len(raws) else None
            if join and join.group("en") in ("and",) and not text[:a.start].rstrip().casefold().endswith("between"):
                join = None
            if join and nxt and nxt.start == join.end() and nxt.kind == "day":
                out.append((a, nxt))
                i += 2
                continue
            if join:
                only = self.day_only.match(text, join.end())
                if only and int(only.group("d")) > a.d:
                    out.append((a, _Raw(a.start, only.end(), "day", a.m, int(only.group("d")), a.y)))
                    i += 1
                    continue
            out.append((a, None))
            i += 1
        return out

    def find(self, text: str, *, lang: str, doc_date: str | None) -> list[DateMention]:
        raws = self.spans(text, lang)
        doc_day = _doc_day(doc_date)
        # a year for "Sept 25" comes from a full day nearby; "March 2024" only when there is no document date
        full = [r for r in raws if r.y is not None and (r.kind == "day" or doc_day is None)]
        starts = [r.start for r in full]
        out: list[DateMention] = []
        for a, b in self._ranges(text, raws):
            if b is not None and a.y is None and b.y is not None:
                a = a._replace(y=b.y if (a.m, a.d) <= (b.m, b.d) else b.y - 1)
            start_day = self._resolve(a, full, starts, doc_day)
            if start_day is None or (a.kind == "month" and self._month_part(text, a)):
                continue
            end_day = None
            if b is not None:
                end_day = _near_year(b.m, b.d, start_day) if b.y is None else _iso(b.y, b.m, b.d)
                if end_day is not None and end_day < start_day:
                    end_day = None
            stop = b.end if b is not None and end_day is not None else a.end
            effective = self._effective(text, a.start, stop, end_day is not None)
            if a.kind == "month" and not effective:
                continue
            # (made as `kg.frozen.made` makes it: the same object for half the cost of the frozen __init__)
            out.append(made(DateMention, {
                "text": text[a.start:stop], "start": a.start, "end": stop, "value": start_day.isoformat(),
                "role": "effective" if effective else "date", "end_value": end_day.isoformat() if end_day else None,
            }))
        return out

    def _resolve(self, raw: _Raw, full: list[_Raw], starts: list[int], doc_day: date | None) -> date | None:
        if raw.kind == "rel":
            return doc_day + timedelta(days=raw.days) if doc_day else None
        if raw.kind == "wd":  # the latest such weekday on or before the document date
            return doc_day - timedelta(days=(doc_day.weekday() - raw.days) % 7) if doc_day else None
        if raw.y is not None:
            return _iso(raw.y, raw.m, raw.d)
        ref = _nearest(raw, full, starts)
        if ref is not None and ref.y is not None:
            ref_day = _iso(ref.y, ref.m, ref.d)
            return _near_year(raw.m, raw.d, ref_day) if ref_day else None
        return _near_year(raw.m, raw.d, doc_day) if doc_day else None

    def __call__(self, ex: Extraction) -> None:
        doc = ex.document
        ex.dates.extend(self.find(doc.text, lang=doc.lang, doc_date=doc.date_published))


def _nearest(raw: _Raw, full: list[_Raw], starts: list[int]) -> _Raw | None:
    """The full date closest to `raw` in the text; the preceding one wins a tie."""
    i = bisect.bisect_left(starts, raw.start)
    before = full[i - 1] if i > 0 else None
    after = full[i] if i < len(full) else None
    if before is None or after is None:
        return before or after
    return before if raw.start - before.end <= after.start - raw.end else after


EXTRACTORS.register("dates")(DateFinder)

_FINDER: DateFinder | None = None


def _finder() -> DateFinder:
    global _FINDER
    if _FINDER is None:
        _FINDER = DateFinder()
    return _FINDER


def find_dates(text: str, *, lang: str, doc_date: str | None) -> list[DateMention]:
    """Dates in `text`, in text order; yearless and relative ones need a full date or `doc_date`."""
    return _finder().find(text, lang=lang, doc_date=doc_date)


def date_spans(text: str, lang: str = "zh") -> list[tuple[int, int]]:
    """Spans of everything that looks like a date, resolvable or not (for other extractors)."""
    return [(r.start, r.end) for r in _finder().spans(text, lang)]
