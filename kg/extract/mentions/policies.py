"""Policy and rule names: 《1688商家服务管理规范》, “新灯塔考核体系”, Digital Markets Act.

《》 also wraps newspapers (《商报》获悉), so a title is a policy only when it contains a
rule word (规范, 办法, 协议 …) and does not look like a cited outlet. Unquoted Chinese
rule names are taken only right after a platform mention (1688新灯塔考核体系).
"""
from __future__ import annotations

import re

from ...model import Mention
from ..cue_scan import CueSegments, without
from ..patterns import alternation
from .names_common import HAN, NAME_PROBES, UP, Candidate, NamesLexicon, names_lexicon, word_ends_at

_BOOK = re.compile(r"《([^《》]{2,80})》")
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,40})[”\"]")
_PUNCT = ".,;:()\n!?\"“”/"  # no English law's name holds one: the text between them is read around a suffix
_TRAILER = re.compile(r"(?:[-—–（(].{1,12}|\s+)\Z")  # 标准-货运, 办法（试行）


class PolicyFinder:
    """Policies in 《》, in quotes, after a platform name, and English Title Case laws."""

    def __init__(self, lexicon: NamesLexicon | None = None) -> None:
        # made at their first read by the properties below (a compiled class has no cached_property)
        self._lazy_en: CueSegments | None = None
        self._lazy_after_platform: re.Pattern[str] | None = None
        self.lex = lexicon or names_lexicon()
        p = self.lex.policies
        self.zh_suffixes = tuple(sorted(p["zh_suffixes"], key=len, reverse=True))
        self.outlet_suffixes = tuple(p["outlet_suffixes"])
        self.outlet_followers = tuple(p["outlet_followers"])

    @property
    def _en(self) -> CueSegments:
        value = self._lazy_en
        if value is None:
            value = self._lazy_en = self._build_en()
        return value

    def _build_en(self) -> CueSegments:
        p = self.lex.policies
        word = rf"(?:[{UP}][\w'’\-]*|[0-9]{{4}})"
        conn = alternation(p["en_connectors"])
        pattern = re.compile(
            rf"\b{word}(?: (?:(?:{conn}) )?{word})*? (?:{alternation(p['en_suffixes'])})\b"
        )
        # read only in the stretches between punctuation that hold a policy suffix ("Act", "Regulation") after a space
        return CueSegments(pattern, p["en_suffixes"], without(_PUNCT, p["en_connectors"]), group=NAME_PROBES,
                           spaced=True)

    @property
    def _after_platform(self) -> re.Pattern[str]:
        value = self._lazy_after_platform
        if value is None:
            value = self._lazy_after_platform = self._build_after_platform()
        return value

    def _build_after_platform(self) -> re.Pattern[str]:
        suffixes = alternation(self.lex.policies["after_platform_suffixes"])
        return re.compile(rf"\s*([{HAN}A-Za-z0-9\s]{{2,14}}?(?:{suffixes}))")

    def _ends_in_rule(self, title: str) -> bool:
        core = _TRAILER.sub("", title.strip()) or title
        return core.endswith(self.zh_suffixes) or title.strip().endswith(self.zh_suffixes)

    def _is_outlet(self, title: str, text: str, end: int) -> bool:
        after = text[end : end + 4].lstrip()
        return title.strip().endswith(self.outlet_suffixes) or after.startswith(self.outlet_followers)

    def _right_edge(self, text: str, end: int) -> bool:
        return word_ends_at(text, end)

    def __call__(self, text: str, known: list[Mention] | None = None) -> list[Candidate]:
        out = []
        for m in _BOOK.finditer(text):
            title = m.group(1)
            if self._is_outlet(title, text, m.end()) or not any(s in title for s in self.zh_suffixes):
                continue
            conf = 0.85 if self._ends_in_rule(title) else 0.6
            out.append(Candidate(m.start(1), m.end(1), "Policy", "zh-book-title", conf, subsumes=True))
        for m in _QUOTED.finditer(text):
            if self._ends_in_rule(m.group(1)) and any(ch.isalpha() for ch in m.group(1)):
                out.append(Candidate(m.start(1), m.end(1), "Policy", "quoted-rule", 0.7, subsumes=True))
        for m in self._en.finditer(text):
            words = m.group().split()
            drop = 0
            while drop < len(words) - 1 and words[drop] in self.lex.en_orgs["start_stops"]:
                drop += 1
            if len(words) - drop >= 2:
                start = m.start() + len(" ".join(words[:drop])) + (1 if drop else 0)
                out.append(Candidate(start, m.end(), "Policy", "en-title", 0.7))
        for mention in known or ():
            if mention.type != "Platform":
                continue
            after = self._after_platform.match(text, mention.end)
            if after and self._right_edge(text, after.end(1)) and not self.lex.plain_words(after.group(1)):
                out.append(Candidate(after.start(1), after.end(1), "Policy", "zh-after-platform", 0.6))
        return out
