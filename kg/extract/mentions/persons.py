"""Person names announced by a job title: 副总裁汪海, CEO Andy Jassy, "Wang Xin, president of".

A bare surname plus one or two characters is far too common in Chinese text to be a name
on its own, so a name is only taken right after a title word from `titles.json`, and its
length is fixed by what follows it (汪海表示: 表示 is a speech verb, so the name is 汪海).
`person_titles` also returns the title so relation finders can attach roles.
"""
from __future__ import annotations

import re

from ...model import Mention
from ..patterns import alternation, first_chars
from ..word_led import WordLed
from .names_common import (
    HAN_CHAR,
    LATIN,
    LOW,
    NAME_PROBES,
    UP,
    Candidate,
    NamesLexicon,
    Prefixes,
    first_not_after,
    has_han,
    names_lexicon,
)

# possessive (++): a name word is followed by a space, "-", "," or a word boundary, never by a
# lower-case letter, so giving letters back could never make a match; re then never tries
_EN_WORD = rf"[{UP}][{LOW}]++(?:-[{LATIN}][{LOW}]++)?"
_EN_NAME = rf"{_EN_WORD}(?: {_EN_WORD}){{1,2}}"


def en_name_pattern(particles: list[str]) -> str:
    """Two or three capitalised words; lower-case particles may stand between them ("Joost van Dam")."""
    if not particles:
        return _EN_NAME
    part = alternation(particles)
    return rf"{_EN_WORD}(?: (?:{part}))?(?: {_EN_WORD})(?:(?: (?:{part}))? {_EN_WORD})?"
_CAPITAL_END = re.compile(rf"([{UP}][\w'’-]*) \Z")


class PersonFinder:
    """Finds (name span, title, title span) triples in Chinese and English text."""

    def __init__(self, lexicon: NamesLexicon | None = None) -> None:
        # made at their first read by the properties below (a compiled class has no cached_property)
        self._lazy_zh: re.Pattern[str] | None = None
        self._lazy_en_name: str | None = None
        self._lazy_en_before: WordLed | None = None
        self._lazy_en_after: re.Pattern[str] | None = None
        self._lazy_en_appoint: WordLed | None = None
        self._lazy_zh_appoint: re.Pattern[str] | None = None
        self.lex = lexicon or names_lexicon()
        t = self.lex.titles
        self.after_name = tuple(sorted(t["zh_after_name"], key=len, reverse=True))
        self.given_stop = frozenset(t["zh_given_stop"])
        self.adverbs = tuple(t.get("zh_predicate_adverbs", ()))
        from .ner.lexicon import ner_lexicon  # (the forms of address the tagger's spans are checked against)

        self.address_words = frozenset(ner_lexicon().person_titles)
        self.surnames = sorted(self.lex.surnames, key=len, reverse=True)
        self._surname_at = Prefixes(self.surnames)  # longest first, as `surnames`
        self._after_name_at = Prefixes(self.after_name)
        o = self.lex.en_orgs
        self.not_name = frozenset(o["start_stops"]) | frozenset(o["name_stops"]) | frozenset(o["government_heads"])
        self.not_name |= {w for s in o["company_suffixes"] + o["organization_suffixes"] for w in s.split()}

    @property
    def _zh(self) -> re.Pattern[str]:
        value = self._lazy_zh
        if value is None:
            value = self._lazy_zh = self._build_zh()
        return value

    def _build_zh(self) -> re.Pattern[str]:
        # 首席运营官（COO）高岚: the title's abbreviation in parentheses may stand before the name
        return re.compile(rf"(?P<title>{alternation(self.lex.titles['zh'])})(?:[（(][A-Za-z]{{2,6}}[)）])?[ \u3000]?")

    @property
    def _en_name(self) -> str:
        value = self._lazy_en_name
        if value is None:
            value = self._lazy_en_name = self._build_en_name()
        return value

    def _build_en_name(self) -> str:
        return en_name_pattern(self.lex.titles.get("en_name_particles", []))

    @property
    def _en_before(self) -> WordLed:
        value = self._lazy_en_before
        if value is None:
            value = self._lazy_en_before = self._build_en_before()
        return value

    def _build_en_before(self) -> WordLed:
        titles = alternation(self.lex.titles["en_before"])
        guard = first_chars(self.lex.titles["en_before"])
        pattern = re.compile(rf"(?i:{guard})\b(?P<title>(?i:{titles}))[ ,:]+(?P<name>{self._en_name})\b(?! [A-Z])")
        return WordLed(pattern, self.lex.titles["en_before"], group=NAME_PROBES)  # tried only where a title begins

    @property
    def _en_after(self) -> re.Pattern[str]:
        value = self._lazy_en_after
        if value is None:
            value = self._lazy_en_after = self._build_en_after()
        return value

    def _build_en_after(self) -> re.Pattern[str]:
        titles = alternation(self.lex.titles["en_after"])
        not_mod = alternation(self.lex.titles.get("en_after_not_modifiers", [])) or "(?!)"
        name = self._en_name
        if not name.startswith(f"[{UP}]"):  # the look-behind follows the first capital
            raise ValueError(f"a name pattern must begin with [{UP}]: {name}")
        name = first_not_after(UP, LATIN) + name[len(f"[{UP}]"):]  # (?<![{LATIN}]){self._en_name}, made fast
        return re.compile(
            rf"(?P<name>{name}), (?:the |a |an )?"
            rf"(?:(?:[{UP}][\w.&\-]* ){{0,2}}[{UP}][\w.&\-]*(?:['’]s|s['’]) )?"
            rf"(?:(?!(?:{not_mod}) )[a-z\-]+ )?"
            rf"(?P<title>(?i:{titles}))\b"
        )

    @property
    def _en_appoint(self) -> WordLed:
        value = self._lazy_en_appoint
        if value is None:
            value = self._lazy_en_appoint = self._build_en_appoint()
        return value

    def _build_en_appoint(self) -> WordLed:
        """"Deliveroo has appointed Priya Natarajan, previously at X, as chief operating officer",
        "Deliveroo names Priya Natarajan COO": the name right after an appointment verb, the title
        after "as" or right after the name (an aside between commas may stand between them)."""
        verbs = alternation(self.lex.titles.get("en_appoint_verbs", [])) or "(?!)"
        titles = alternation([*self.lex.titles["en_before"], *self.lex.titles["en_after"]])
        pattern = re.compile(
            rf"\b(?:{verbs}) (?P<name>{self._en_name})(?:, [^,;.()\n]{{3,90}},)? (?:as )?(?:(?:the|its|their|a|an|new) )?"
            rf"(?P<title>(?i:{titles}))\b"
        )
        appoint_verbs = self.lex.titles.get("en_appoint_verbs", [])
        return WordLed(pattern, appoint_verbs, fold=False, group=NAME_PROBES)  # tried where a verb begins

    def find(self, text: str) -> list[tuple[int, int, str, tuple[int, int], str]]:
        """(start, end, title, title span, rule) for every titled person in `text`."""
        # a Chinese name's given name is Han characters: English text has none, nor is it scanned for titles
        out = self._zh_find(text) if has_han(text) else []
        for pat, rule in ((self._en_before, "en-title"), (self._en_after, "en-title-after"), (self._en_appoint, "en-appoint")):
            for m in pat.finditer(text):
                words = m.group("name").split()
                if any(w in self.not_name for w in words):
                    continue
                if rule == "en-title-after" and self._inside_run(text, m.start("name")):
                    continue
                out.append((m.start("name"), m.end("name"), m.group("title"), m.span("title"), rule))
        return out

    def _zh_find(self, text: str) -> list[tuple[int, int, str, tuple[int, int], str]]:
        """The persons after a Chinese title (副总裁汪海) or an appointing verb (聘任张蔚为副总裁)."""
        out = []
        for m in self._zh.finditer(text):
            end = self._zh_name_end(text, m.end())
            if end is not None:
                out.append((m.end(), end, m.group("title"), m.span("title"), "zh-title"))
        for m in self._zh_appoint.finditer(text):  # 聘任张蔚为公司副总裁: the name between verb and 为
            end = self._zh_name_end(text, m.end(), after=("为", "為", "担任", "擔任", "出任"))
            if end is None:
                continue
            title = self._zh.search(text, end, end + 12)
            if title:
                out.append((m.end(), end, title.group("title"), title.span("title"), "zh-appoint"))
        return out

    def _inside_run(self, text: str, start: int) -> bool:
        """True when a capitalised word (not a sentence opener) runs into the name."""
        m = _CAPITAL_END.search(text[max(0, start - 40) : start])
        return m is not None and m.group(1) not in self.not_name

    @property
    def _zh_appoint(self) -> re.Pattern[str]:
        value = self._lazy_zh_appoint
        if value is None:
            value = self._lazy_zh_appoint = self._build_zh_appoint()
        return value

    def _build_zh_appoint(self) -> re.Pattern[str]:
        return re.compile(alternation(self.lex.titles["zh_appoint_verbs"]))

    def _zh_name_end(self, text: str, pos: int, after: tuple[str, ...] | None = None) -> int | None:
        for sn in self._surname_at.starting(text, pos):
            if not text.startswith(sn, pos):
                continue
            for glen in (2, 1):
                g0, end = pos + len(sn), pos + len(sn) + glen
                given = text[g0:end]
                if len(given) != glen or not all(HAN_CHAR.match(c) and c not in self.given_stop for c in given):
                    continue
                if glen == 2 and given[1] in self.adverbs:
                    continue  # 陈屹已于: the adverb opens the predicate
                if given in self.address_words:
                    return None  # 负责人姚先生: a surname with a form of address names no one in particular
                if (text.startswith(after, end) if after else self._zh_boundary(text, end)):
                    return end
                if not after and text.startswith(self.adverbs, end):  # 罗志坚将继续担任: an adverb opens the predicate
                    return end
            return None
        return None

    def _zh_boundary(self, text: str, end: int) -> bool:
        if end >= len(text) or not HAN_CHAR.match(text[end]):
            return True
        return self._after_name_at.at(text, end)  # any(text.startswith(w, end) for w in self.after_name)

    def __call__(self, text: str) -> list[Candidate]:
        return [Candidate(a, b, "Person", rule, 0.75) for a, b, _, _, rule in self.find(text)]


_FINDER: PersonFinder | None = None


def person_titles(text: str) -> list[tuple[Mention, str, tuple[int, int]]]:
    """Titled persons in `text` as (mention, title as written, title span), for role relations."""
    global _FINDER
    if _FINDER is None:
        _FINDER = PersonFinder()
    return [
        (Mention(text[a:b], a, b, "Person", extractor=f"names:{rule}", confidence=0.75), title, span)
        for a, b, title, span, rule in _FINDER.find(text)
    ]
