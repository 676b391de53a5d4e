"""Reported numbers (money, counts, percentages) normalised to base units.

"7000亿元" is 700000000000 CNY, "9.3 million users" 9300000 users, "超4.1万商家" 41000
merchants. A bare number becomes a figure only when something says it is one: a magnitude,
a currency, a percent sign, a counted unit, thousands separators or an approximator
("more than"); so years, list numbers, model names, "[1]" and "1688" stay out. Words live in
`kg/lexicons/figures.json`. Chinese numerals ("四千") count only with a unit and from ten up.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ...model import Extraction, Figure
from ...regex_needs import ODD_FOLDS, char_matches
from .. import EXTRACTORS
from ..cuefile import CueFile
from ..dates import date_spans
from ..patterns import alternation, first_chars, trie
from .meaning import figure, with_meaning
from .units import UnitFinder

CUES = "figures.json"
_FOLD = str.maketrans("０１２３４５６７８９，．％", "0123456789,.%")
_TO_FOLD = re.compile("[０-９，．％]")  # (most texts hold none: one search, not a translation of every character)
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ODD_FOLDS = frozenset(ODD_FOLDS)
_YEAR = re.compile(r"(?:19|20)\d\d")
_CN_NUMERAL_FIRST = "一二两兩三四五六七八九十"  # what a Chinese numeral of a figure starts with
_GROUPS = ("approx", "cur1", "pct1", "num", "cn", "yi", "mag", "emag", "cur2", "pct2")  # the figure pattern's, in order


def cn_number(s: str) -> int | None:
    """The value of a Chinese numeral ("一万三千" = 13000), None for runs like "三五" (3 to 5)."""
    total = mid = sec = 0
    num: int | None = None
    prev_digit = False
    for ch in s:
        if ch in _CN_DIGITS:
            if prev_digit and _CN_DIGITS[ch] != 0 and num != 0:
                return None
            num, prev_digit = _CN_DIGITS[ch], True
            continue
        prev_digit = False
        if ch in _CN_UNITS:
            sec += (1 if num is None else num) * _CN_UNITS[ch]
        elif ch in "万萬":
            mid += (sec + (num or 0)) * 10_000
            sec = 0
        elif ch in "亿億":
            total += (mid + sec + (num or 0)) * 100_000_000
            mid = sec = 0
        num = None
    return total + mid + sec + (num or 0)


def _fold(text: str) -> str:
    """`text.translate(_FOLD)`, faster: most Chinese texts hold only the full-width comma of those
    characters, and one `str.replace` does it for a fraction of what a translation costs."""
    if not _TO_FOLD.search(text):
        return text
    text = text.replace("，", ",")
    return text.translate(_FOLD) if _TO_FOLD.search(text) else text


def _lead_words(words: list[str], number_start: re.Pattern[str]) -> dict[str, tuple[str, ...]] | None:
    """The words that may stand before a figure's number (approximators, currencies, percent
    words) in lower case, by their last character, for `_may_lead`; None when that test would
    not be exact: a word with a character whose other cases re (IGNORECASE) does not match as
    `str.lower` does, or with a number's first character (then the number found first may be
    inside the words)."""
    out: dict[str, list[str]] = {}
    for w in words:
        if not w or number_start.search(w) or any(char_matches(c, icase=True) is None for c in w):
            return None
        out.setdefault(w[-1].lower(), []).append(w.lower())
    return {last: tuple(ws) for last, ws in out.items()}


def _may_lead(before: str, words: dict[str, tuple[str, ...]]) -> bool:
    """False only when no match of the figure pattern can start in `before` (the text up to a
    number): none of `words` ends it, nor ends it but for one space. The four letters re folds
    to ASCII ones under IGNORECASE (ſ, K, İ, ı) do not lower as re folds them: then True."""
    if not before:
        return False
    if not _ODD_FOLDS.isdisjoint(before):
        return True
    low = before.lower()
    if low.endswith(words.get(low[-1], ())):
        return True
    return low[-1].isspace() and len(low) > 1 and low[:-1].endswith(words.get(low[-2], ()))


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """True when one of `spans` (sorted, disjoint; `starts` their starts) overlaps [start, end)."""
    i = bisect.bisect_right(starts, end - 1)
    return bool(i) and spans[i - 1][1] > start


def _plain(value: Decimal) -> Decimal:
    """13000.0 -> 13000 (no exponent), 43.370 -> 43.37."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


class FigureFinder:
    """Compiled number pattern and unit tables; `find(text, lang)` does the work."""

    def __init__(self) -> None:
        cues = CueFile(CUES)
        self.mag = {**cues.table("magnitudes_zh", int), **cues.table("magnitudes_en", int)}
        self.mag_need_cur = frozenset(cues.words("magnitudes_need_currency"))
        self.cur_before = cues.table("currencies_before", str)
        self.cur_after = cues.table("currencies_after", str)
        self.pct_after = cues.table("percent_after", str)
        self.units = UnitFinder(cues)
        self.fallback = cues.text("fallback_unit")
        self.more = cues.text("more_zh")
        self.not_after = tuple(cues.words("not_after"))
        self.not_before = tuple(cues.words("not_before_zh"))
        self.approx_not_after = frozenset(cues.text("approx_not_after_zh"))
        self.number_names = frozenset(cues.words("number_names"))
        def words(ws: list[str]) -> str:  # the same alternation, spelled as a trie where it can be (re tries fewer branches)
            return trie(ws, icase=True) or alternation(ws)

        approx = words(self._approx_words(cues))
        zh_mag = words(list(cues.table("magnitudes_zh", int)))
        en_mag = words(list(cues.table("magnitudes_en", int)))
        yi = words(cues.words("hundred_million_en"))
        more = f"[{re.escape(self.more)}]?"
        firsts = {w[0].casefold() for w in [*self._approx_words(cues), *self.cur_before, *cues.words("percent_before")]}
        first = "".join(sorted(re.escape(c) for c in firsts | {c.upper() for c in firsts}))
        word_end = r"(?!(?<=[A-Za-z])[A-Za-z])"  # "3亿美元D轮": a Latin word may not go on; 元 may touch one
        def guard(words: list[str]) -> str:
            # each optional group of words first tests the words' first characters: most places
            # fail that at once instead of trying every word (matches unchanged)
            return first_chars(words) if words else ""

        approx_w, cur1_w, pct1_w = self._approx_words(cues), list(self.cur_before), cues.words("percent_before")
        yi_w, zh_mag_w = cues.words("hundred_million_en"), list(cues.table("magnitudes_zh", int))
        en_mag_w, cur2_w, pct2_w = list(cues.table("magnitudes_en", int)), list(self.cur_after), list(self.pct_after)
        self.pattern = re.compile(
            rf"(?=[\d{_CN_NUMERAL_FIRST}{first}])"
            rf"(?:(?<![A-Za-z]){guard(approx_w)}(?P<approx>{approx})\s?)?"
            rf"(?:{guard(cur1_w)}(?P<cur1>{words(cur1_w)})\s?)?"
            rf"(?:{guard(pct1_w)}(?P<pct1>{words(pct1_w)}))?"
            rf"(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<cn>[{_CN_NUMERAL_FIRST}][零〇一二两兩三四五六七八九十百千万亿萬億]*))"
            rf"(?:\.?\s{guard(yi_w)}(?P<yi>{yi})\b)?{more}"
            rf"(?:{guard(zh_mag_w)}(?P<mag>{zh_mag})|\s?{guard(en_mag_w)}(?P<emag>{en_mag})(?![A-Za-z]))?{more}"
            rf"(?:\s?{guard(cur2_w)}(?P<cur2>{words(cur2_w)}){word_end})?"
            rf"(?:\s?{guard(pct2_w)}(?P<pct2>{words(pct2_w)}){word_end})?",
            re.IGNORECASE,
        )
        self.num_group, self.cn_group = self.pattern.groupindex["num"], self.pattern.groupindex["cn"]
        if sorted(self.pattern.groupindex, key=self.pattern.groupindex.__getitem__) != list(_GROUPS) \
                or self.pattern.groups != len(_GROUPS):
            raise AssertionError("_figure unpacks the figure pattern's groups in the order of _GROUPS")
        joiners = alternation(cues.words("range_joiners"))
        # "20-30%", "3至5亿元": the bare lower bound just before a figure
        self.joiner_chars = frozenset(c for w in cues.words("range_joiners") for c in w if len(w) == 1)
        self.range_gap = re.compile(rf"\s?(?:{joiners}|\sto\s)\s?")
        self.max_gap = 2 + max([4, *map(len, cues.words("range_joiners"))])  # the longest text range_gap matches
        self.range_left = re.compile(rf"(?<![A-Za-z0-9.,])(?P<lo>\d+(?:\.\d+)?)\s?(?:{joiners}|\s(?:to)\s)\s?$")
        # every figure holds a number, at most `lead_width` characters after the figure's start
        # (the longest approximator, currency and percent word before it, each with its space)
        self.number_start = re.compile(rf"[\d{_CN_NUMERAL_FIRST}]")
        self.lead_width = (max(map(len, self._approx_words(cues)), default=0) + 1 + max(map(len, self.cur_before), default=0) + 1
                           + max(map(len, cues.words("percent_before")), default=0))
        self.lead_words = _lead_words([*self._approx_words(cues), *self.cur_before, *cues.words("percent_before")],
                                      self.number_start)
        # the characters re lets end those words, and the four it folds to ASCII letters
        self.lead_hint = frozenset(c for last in self.lead_words or () for c in char_matches(last, icase=True) or ())
        self.lead_hint |= _ODD_FOLDS

    def _matches(self, folded: str, dates: list[tuple[int, int]] | None = None,
                 out: list[Figure] | None = None) -> Iterator[re.Match[str]]:
        """`self.pattern.finditer(folded)`, faster: the search starts at most `lead_width`
        characters before the next number, since no figure can start further from one. Letters
        that may begin a figure ("about", "US$") are everywhere in English text, and trying the
        whole pattern at each of them was most of the figures step. And it starts at the number
        itself unless one of those words (`lead_words`) ends right before it.

        Less the matches `find` drops before any other work: those whose number is part of a date
        (`dates`, sorted and disjoint) unless a figure just before (`out`, the figures found so far)
        may be a range's lower bound. The pattern is matched at their number only to learn where
        the search goes on (a match that starts at a word before the number ends where it does)."""
        pos = 0
        words, hint, width = self.lead_words, self.lead_hint, self.lead_width
        # (with no `lead_words`, a word before the number may hold a numeral: its match may not start at the number)
        dates = dates if dates and words is not None else []
        k, n, max_gap = 0, len(dates), self.max_gap
        while True:
            number = self.number_start.search(folded, pos)
            if number is None:
                return
            at = number.start()
            if n:
                while k < n and dates[k][1] <= at:
                    k += 1
                # (the match starts at the number or after `pos`, up to `width` characters before it)
                if k < n and dates[k][0] <= at and (not out or max(pos, at - width) - out[-1].end > max_gap):
                    pos = self.pattern.match(folded, at).end()  # type: ignore[union-attr]  # (a number always starts a match)
                    continue
            if words is None:
                at -= width
            elif at and (folded[at - 1] in hint or (at > 1 and folded[at - 1].isspace() and folded[at - 2] in hint)):
                if _may_lead(folded[max(0, at - width):at], words):  # (most numbers have no word before them)
                    at -= width
            mt = self.pattern.search(folded, max(pos, at))
            if mt is None:
                return
            yield mt
            pos = mt.end()

    def find(self, text: str, *, lang: str) -> list[Figure]:
        folded = _fold(text)
        dates = date_spans(folded, lang)
        date_starts = [s for s, _ in dates]
        out: list[Figure] = []
        num_group, cn_group, max_gap = self.num_group, self.cn_group, self.max_gap
        k, n = 0, len(dates)  # dates[k]: the first date that ends after the number (numbers come in order)
        for mt in self._matches(folded, dates, out):
            ns, num_end = mt.span(num_group)
            if ns < 0:
                ns, num_end = mt.span(cn_group)
            while k < n and dates[k][1] <= ns:
                k += 1
            in_date = k < n and dates[k][0] < num_end  # the number overlaps a date (they are sorted and disjoint)
            if in_date and (not out or mt.start() - out[-1].end > max_gap):
                continue  # part of a date (no range can reach back into the last figure), before any other work
            fig = self._figure(text, folded, mt, out[-1] if out else None, ns, num_end, in_date)
            if fig is None:
                continue
            if out and fig.start < out[-1].end and fig.unit != out[-1].unit:
                own = text[out[-1].end : fig.end].lstrip(" to-–~至")
                out.append(replace(fig, text=own, start=fig.end - len(own)))
                continue  # "rose 19 per cent to 142 billion yuan": a change, then a level, not a range
            if out and fig.start < out[-1].end:  # the upper end of "20%-30%": one figure, the lower bound
                out[-1] = replace(out[-1], text=text[out[-1].start:fig.end], end=fig.end)
                continue
            if _overlaps(dates, date_starts, fig.start, fig.end):
                continue  # part of a date
            out.append(fig)
        return out

    def _range(self, folded: str, lead: int, prev: Figure | None) -> tuple[int, Decimal | None] | None:
        """(start, lower bound) when a range ends at `lead`: a bare number ("20-30%") gives its
        value; a figure just before ("20%-30%") gives None. No range: None."""
        if not lead or (folded[lead - 1] not in self.joiner_chars and not folded.endswith(" to ", 0, lead)):
            return None
        left0 = max(0, lead - 24)
        mt = self.range_left.search(folded, left0, lead)
        if mt and (prev is None or prev.end <= mt.start()):
            return mt.start(), Decimal(mt.group("lo"))
        if prev is not None and self.range_gap.fullmatch(folded, prev.end, lead):
            return prev.start, None
        return None

    def _figure(self, text: str, folded: str, mt: re.Match[str], prev: Figure | None,
                ns: int, num_end: int, in_date: bool) -> Figure | None:
        """The figure of the match `mt` (its number at [ns, num_end), `in_date` when that overlaps a
        date), None when it is none; `prev`, the figure found last."""
        approx, cur1, pct1, num, cn, yi, mag, emag, cur2, pct2 = mt.groups()  # (_GROUPS)
        if not (cur1 or pct1 or yi or mag or emag or cur2 or pct2) and \
                ((num or cn) in self.number_names or folded.startswith(self.not_before, num_end)):
            return None  # 1688, 2023年, 30天 with no word that says it is a figure: told first (see below)
        start, end = mt.span()
        lead = mt.start(1) if approx else mt.start(2) if cur1 else ns
        if approx and lead and folded[lead - 1] in self.approx_not_after:
            approx = None  # 签约, 合约: a word ending in 约, not "about"
            start = lead = mt.start(2) if cur1 else ns
        span = None
        if not approx and lead and (folded[lead - 1] in self.joiner_chars or folded.endswith(" to ", 0, lead)):
            span = self._range(folded, lead, prev)
            if span is not None:
                start = span[0]
        if in_date and (prev is None or start >= prev.end):
            # the figure would hold this number, so `find` would drop it as part of a date (it
            # does not reach back into `prev`): most numbers of a text are in its dates
            return None
        if lead:
            before = folded[lead - 1]
            if span is None and before.isascii() and (before.isalnum() or before in ".,:/-"):
                return None  # inside a token: Q3, A100, 9.3's tail, 16:00, 1.2.3
            if before in "[【":
                return None
        if folded.endswith(self.not_after, 0, lead):
            return None
        if end < len(folded) and folded[end].isascii() and folded[end].isalnum() and folded[end - 1].isascii():
            return None  # 5G, 3D, 4K (but "3亿美元D轮": a Chinese unit may touch a Latin word)
        mag_word = mag or emag
        if emag and not cur1 and emag.lower() in self.mag_need_cur:
            return None
        currency = (cur1 and self._lookup(self.cur_before, cur1)) or (cur2 and self._lookup(self.cur_after, cur2)) or ""
        pct = "percent" if pct1 else (pct2 and self._lookup(self.pct_after, pct2)) or ""
        number = num or cn
        said = mag_word or currency or pct or yi  # something says it is a figure, whatever follows
        if not said and (number in self.number_names or folded.startswith(self.not_before, num_end)):
            return None  # 1688, 618 (before the unit is looked for: they are no figure whatever follows)
        if span is not None and span[1] is not None:
            base = span[1]
        elif cn:
            whole_cn = cn_number(cn)
            if whole_cn is None:
                return None
            base = Decimal(whole_cn)
        else:
            try:
                base = Decimal(number.replace(",", "") if "," in number else number)
            except InvalidOperation:
                return None
        unit, unit_end = "", end
        if not (currency or pct):
            unit, unit_end = self.units.after(folded, end)
            if not unit:
                unit = self.units.before(folded, start)
                unit_end = end if unit else unit_end
        bare = not (said or unit)
        if cn:
            if bare or base < 10:
                return None
        elif bare and not ("," in number or approx):
            return None
        if not said and unit_end > end + 1 and _YEAR.fullmatch(number):
            return None  # a year followed by words, not a count
        value = base
        if yi:
            value *= 100_000_000
        if mag_word:
            value *= self.mag[mag_word] if mag_word in self.mag else self.mag[mag_word.lower()]
        if unit:
            stop = unit_end
        else:
            whole = mt.group()
            stop = end - (len(whole) - len(whole.rstrip()))
        return figure(text[start:stop], start, stop, _plain(value), currency or pct or unit or self.fallback)

    @staticmethod
    def _approx_words(cues: CueFile) -> list[str]:
        return cues.words("approximators_zh") + cues.words("approximators_en")

    @staticmethod
    def _lookup(table: dict[str, str], word: str | None) -> str:
        if not word:
            return ""
        if word in table:
            return table[word]
        low = word.casefold()
        return next((v for k, v in table.items() if k.casefold() == low), "")

    def __call__(self, ex: Extraction) -> None:
        doc = ex.document
        figures = self.find(doc.text, lang=doc.lang)
        if not figures:  # (most documents: then the names and dates need no sorting)
            return
        taken = sorted((m.start, m.end) for m in ex.mentions)
        taken += [(d.start, d.end) for d in ex.dates]
        taken.sort()
        starts = [s for s, _ in taken]
        found = []
        for fig in figures:
            i = bisect.bisect_right(starts, fig.end - 1)
            if any(e > fig.start for _, e in taken[max(0, i - 8):i]):
                continue  # part of a name (58同城) or a date
            found.append(fig)
        ex.figures.extend(with_meaning(doc.text, found, doc.lang, doc.date_published, ex.dates))


EXTRACTORS.register("figures")(FigureFinder)

_FINDER: FigureFinder | None = None


def find_figures(text: str, *, lang: str) -> list[Figure]:
    """Figures in `text`, in text order, with values in base units."""
    global _FINDER
    if _FINDER is None:
        _FINDER = FigureFinder()
    return _FINDER.find(text, lang=lang)
