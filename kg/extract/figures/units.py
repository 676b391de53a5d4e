"""What a number counts: the unit named after it ("4.1万商家", "350,000 active sellers") or,
failing that, before it when only link words stand between ("用户达到2100万", "the number
of app users has reached 9.3 million"). Words live in `kg/lexicons/figures.json`."""
from __future__ import annotations

import re

from ..cuefile import CueFile
from ..patterns import alternation, trie

_CLAUSE_END = re.compile(r"[，,。；;！!？?：:、\n()（）]")
_LAST_CLAUSE_END = re.compile(rf"(?s:.*){_CLAUSE_END.pattern}")  # up to the last of those marks, in one call


class UnitFinder:
    """Unit tables of figures.json, compiled once."""

    def __init__(self, cues: CueFile) -> None:
        self.units_zh = cues.table("units_zh", str)
        self.units_en = {k.casefold(): v for k, v in cues.table("units_en", str).items()}
        self.counters = frozenset(cues.words("counters_zh"))
        self.zh_gap, self.en_gap = cues.integer("zh_gap_chars"), cues.integer("en_gap_words")
        self.en_stop = frozenset(w.casefold() for w in cues.words("en_gap_stop"))
        self.zh_unit = re.compile(trie(self.units_zh, icase=False) or alternation(list(self.units_zh)))
        self.en_word = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
        self.cjk_run = re.compile(r"[\u3400-\u9fff]*")
        before_zh = cues.words("units_before_zh")
        for w in before_zh:
            if w not in self.units_zh:
                raise cues.error(w, f"units_before_zh: {w!r} must also be a key of units_zh")
        self.before_en = {w.casefold() for w in cues.words("units_before_en")}
        for w in self.before_en:
            if w not in self.units_en:
                raise cues.error(w, f"units_before_en: {w!r} must also be a key of units_en")
        link_words = cues.words("unit_links_zh")
        links = trie(link_words, icase=False) or alternation(link_words)
        # the last named unit in the clause, then nothing but link words up to the number
        self.before_zh = re.compile(rf"({trie(before_zh, icase=False) or alternation(before_zh)})(?:{links})*$")
        self.links_en = frozenset(w.casefold() for w in cues.words("unit_links_en"))
        self.window = cues.integer("unit_before_chars")

    def after(self, folded: str, pos: int) -> tuple[str, int]:
        """The counted unit after a number: adjacent, or after a few describing words."""
        run = self.cjk_run.match(folded, pos)
        if run and run.end() > pos:
            window = folded[pos:min(run.end(), pos + self.zh_gap + 3)]
            hits = list(self.zh_unit.finditer(window))
            if not hits:
                return "", pos
            hit = hits[0]
            if hit.start() == 0 and hit.group() in self.counters and len(hits) > 1 and \
                    hits[1].start() == hit.end() and len(hits[1].group()) > 1:
                hit = hits[1]  # 1200名主播: the noun after the measure word says more
            if hit.start() == 0 or (len(hit.group()) > 1 and hit.start() <= self.zh_gap):
                return self.units_zh[hit.group()], pos + hit.end()
            return "", pos
        at = pos
        for _ in range(self.en_gap + 1):
            word = self.en_word.match(folded, at)
            if not word:
                break
            low = word.group(1).casefold()
            if low in self.units_en:
                return self.units_en[low], word.end()
            if low in self.en_stop:
                break
            at = word.end()
        return "", pos

    def before(self, folded: str, start: int) -> str:
        """A unit named earlier in the same clause with only link words up to the number."""
        lo = max(0, start - self.window)
        last = _LAST_CLAUSE_END.match(folded, lo, start)
        left = folded[last.end() if last else lo:start].rstrip()
        if not left:
            return ""
        if not left[-1].isascii():
            mt = self.before_zh.search(left.replace(" ", ""))
            return self.units_zh[mt.group(1)] if mt else ""
        words: list[str] = re.findall(r"[A-Za-z][A-Za-z'’-]*|\S", left)
        for word in reversed(words):
            low = word.casefold()
            if low in self.before_en:
                return self.units_en[low]
            if low not in self.links_en:
                return ""
        return ""
