"""Service names: apps, memberships, programmes and versions that platforms offer.

Service words (服务, 会员, APP, 版本) follow ordinary phrases everywhere, so a name needs a
distinctive head: quotes (“1688工业品”APP, 关于“供应等级”下线), a platform right before
it (1688买家保障服务, 店小蜜1688版本), or a Latin brand word (PLUS会员). Generic
results (会员服务, VIP会员) are dropped by the list in `services.json`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from ...model import Mention
from ..cue_scan import CueSegments, NearCue, without
from ..patterns import alternation
from ..word_led import WordGated, WordLed
from .names_common import (
    HAN,
    HAN_CHAR,
    LATIN,
    NAME_PROBES,
    UP,
    Candidate,
    NamesLexicon,
    all_han,
    cut,
    first_not_after,
    has_han,
    is_rare,
    names_lexicon,
    sentence_start,
    word_ends_at,
)

_EMPH = r"(?:\*\*|\*|_)?"  # markdown emphasis left around a name
_EN_RUN = rf"[{UP}][\w&'’\-]*(?: [{UP}][\w&'’\-]*){{0,3}}"
_CLAUSE_MARK = re.compile(r"[。；;！？!?,，\n]")
# characters no English service name and the words around it hold: the stretches between them are
# read only where they hold a cue word (`CueSegments`)
_PUNCT = ".,;:()\n!?\"“”/"
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,20})[”\"]\s?")


class ServiceFinder:
    """Quoted, platform-anchored, app-word and English service names."""

    def __init__(self, lexicon: NamesLexicon | None = None) -> None:
        # made at their first read by the properties below (a compiled class has no cached_property)
        self._lazy_app: NearCue | None = None
        self._lazy_latin_member: NearCue | None = None
        self._lazy_head: re.Pattern[str] | None = None
        self._lazy_head_after: re.Pattern[str] | None = None
        self._lazy_version: re.Pattern[str] | None = None
        self._lazy_en: CueSegments | None = None
        self._lazy_en_appos: WordGated | None = None
        self._lazy_en_life: WordLed | None = None
        self._lazy_en_stop: re.Pattern[str] | None = None
        self._lazy_launch_han: bool | None = None
        self._lazy_launched: re.Pattern[str] | None = None
        self._lazy_en_appos_forms: tuple[CueSegments, WordLed] | None = None
        self._made_en_appos_forms = False
        self.lex = lexicon or names_lexicon()
        s = self.lex.services
        self.quoted_followers = tuple(sorted(s["quoted_followers"], key=len, reverse=True))
        self.about_followers = tuple(s["quoted_about_followers"])
        self.preceders = tuple(s.get("quoted_preceders", ()))  # 即时零售服务“X”: a service named after its kind
        self.blockers = frozenset(s["version_blockers"])
        self.generic = frozenset(s["generic"])
        self.heads = tuple(s["heads"])
        self.firm_suffixes = frozenset(s.get("en_firm_suffixes", ()))
        # made once, not at each text: words that open no name, that stop one, that end a tier's name
        self._start_stops = frozenset(self.lex.en_orgs["start_stops"])
        self._name_stops = frozenset(self.lex.en_orgs["name_stops"])
        self._tiers = frozenset(s["en_tier_words"])

    @property
    def _app(self) -> NearCue:
        value = self._lazy_app
        if value is None:
            value = self._lazy_app = self._build_app()
        return value

    def _build_app(self) -> NearCue:
        words = self.lex.services["app_words"]
        before = rf"([{HAN}0-9]{{2,10}})\s?"
        pattern = re.compile(rf"{before}(?:{alternation(words)})(?![A-Za-z])")
        return NearCue(pattern, words, before, group=NAME_PROBES)  # tried only just before an app word

    @property
    def _latin_member(self) -> NearCue:
        value = self._lazy_latin_member
        if value is None:
            value = self._lazy_latin_member = self._build_latin_member()
        return value

    def _build_latin_member(self) -> NearCue:
        # r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9+]{1,10}\s?会员)", made fast
        before = rf"{first_not_after('A-Z', 'A-Za-z0-9')}[A-Za-z0-9+]{{1,10}}\s?"
        pattern = re.compile(rf"({before}会员)")
        return NearCue(pattern, ["会员"], before, group=NAME_PROBES)  # tried only just before 会员

    @property
    def _head(self) -> re.Pattern[str]:
        value = self._lazy_head
        if value is None:
            value = self._lazy_head = self._build_head()
        return value

    def _build_head(self) -> re.Pattern[str]:
        return re.compile(rf"\s*([{HAN}]{{2,8}}?(?:{alternation(self.lex.services['heads'])}))")

    @property
    def _head_after(self) -> re.Pattern[str]:
        value = self._lazy_head_after
        if value is None:
            value = self._lazy_head_after = self._build_head_after()
        return value

    def _build_head_after(self) -> re.Pattern[str]:
        return re.compile(rf"[{HAN}]{{0,6}}?(?:{alternation(self.lex.services['heads'])})")

    @property
    def _version(self) -> re.Pattern[str]:
        value = self._lazy_version
        if value is None:
            value = self._lazy_version = self._build_version()
        return value

    def _build_version(self) -> re.Pattern[str]:
        return re.compile(rf"\s*(?:[{HAN}]{{0,3}}?)(?:{alternation(self.lex.services['version_words'])})")

    @property
    def _en(self) -> CueSegments:
        value = self._lazy_en
        if value is None:
            value = self._lazy_en = self._build_en()
        return value

    def _build_en(self) -> CueSegments:
        words = alternation(self.lex.services["en_words"])
        # (?=[UP])\b[UP]: a capital after no word character, as a set first (a quick scan); a word's
        # characters are never given back (*+): a space or the pattern's end follows them
        pattern = re.compile(rf"((?:[{UP}](?<!\w[{UP}])[\w'’\-]*+)(?: [{UP}][\w'’\-]*+){{0,3}}) (?:{words})\b")
        # scanned only in the stretches between punctuation that hold a service word after a space
        return CueSegments(pattern, self.lex.services["en_words"], _PUNCT, group=NAME_PROBES, spaced=True)

    def _ok(self, name: str) -> bool:
        bare = name.strip()
        return bare not in self.generic and not self.lex.is_stopped(bare)

    def __call__(self, text: str, known: list[Mention] | None = None) -> list[Candidate]:
        out: list[Candidate] = []
        for m in _QUOTED.finditer(text):
            after = text[m.end() : m.end() + 4]
            if after.startswith(self.quoted_followers) and self._ok(m.group(1)):
                out.append(Candidate(m.start(1), m.end(1), "Service", "quoted-service", 0.75, subsumes=True))
            elif m.group(1).endswith(self.heads) and self._ok(m.group(1)):
                out.append(Candidate(m.start(1), m.end(1), "Service", "quoted-service", 0.7, subsumes=True))
            elif text.endswith(self.preceders, 0, m.start()) and self._ok(m.group(1)):
                out.append(Candidate(m.start(1), m.end(1), "Service", "quoted-service", 0.7, subsumes=True))
            elif self._head_after.match(text, m.end()) and self._ok(m.group(1)):
                # “叮咚小区”社区团购服务: a noun ending in a service head follows the quoted name
                out.append(Candidate(m.start(1), m.end(1), "Service", "quoted-service", 0.7, subsumes=True))
            elif after.startswith(self.about_followers) and self._ok(m.group(1)):
                out.append(Candidate(m.start(1), m.end(1), "Service", "quoted-about", 0.65, subsumes=True))
        for m in self._app.finditer(text):
            start = self._left_trim(m.group(1), m.start(1))
            if start is not None and self._ok(text[start : m.end(1)]):
                out.append(Candidate(start, m.end(1), "Service", "app", 0.65))
        for m in self._latin_member.finditer(text):
            if self._ok(m.group(1)):
                out.append(Candidate(m.start(1), m.end(1), "Service", "latin-member", 0.65))
        for m in self._en.finditer(text):
            words = m.group(1).split()
            drop = 0
            while drop < len(words) and words[drop] in self._start_stops:
                drop += 1
            if drop < len(words):
                start = m.start(1) + len(" ".join(words[:drop])) + (1 if drop else 0)
                if len(words) - drop == 1 and sentence_start(text, start):
                    continue  # "Grocery app X": a capital at a sentence start names nothing
                if self._ok(text[start : m.end(1)]):
                    out.append(Candidate(start, m.end(1), "Service", "en-service", 0.55))
        out.extend(self._en_apposition(text))
        out.extend(self._en_lifecycle(text))
        for mention in known or ():
            if mention.type == "Platform":
                out.extend(self._after_platform(text, mention))
        launches = self._launched.finditer(text) if not self._launch_han or has_han(text) else ()
        for m in launches:
            h = self._head.match(text, m.end())
            if h and self._distinctive(text, h):
                out.append(Candidate(h.start(1), h.end(1), "Service", "launched-service", 0.6))
        return out

    @property
    def _en_appos(self) -> WordGated:
        value = self._lazy_en_appos
        if value is None:
            value = self._lazy_en_appos = self._build_en_appos()
        return value

    def _build_en_appos(self) -> WordGated:
        s = self.lex.services
        heads, blockers = alternation(s["en_heads"]), alternation(s["en_head_blockers"])
        guard = _guard(s["en_heads"], UP) if s["en_heads"] else ""  # a name's capital or a head word's first letter
        pattern = re.compile(
            rf"{guard}(?:(?<![{LATIN}0-9])(?P<n>{_EN_RUN}){_EMPH}, (?:its|their|a|an|the) (?:[\w\-’'₹$€£]+ ){{0,4}}?"
            rf"(?:{heads})\b(?! (?:{blockers})\b)"
            rf"|\b(?:{heads}),? (?:{alternation(s['en_naming_words'])}) {_EMPH}(?P<c>{_EN_RUN}))"
        )
        return WordGated(pattern, s["en_heads"], group=NAME_PROBES)  # both forms hold a service head word

    @property
    def _en_appos_forms(self) -> tuple[CueSegments, WordLed] | None:
        if not self._made_en_appos_forms:  # (None is an answer: a flag says whether it was made)
            self._lazy_en_appos_forms = self._build_en_appos_forms()
            self._made_en_appos_forms = True
        return self._lazy_en_appos_forms

    def _build_en_appos_forms(self) -> tuple[CueSegments, WordLed] | None:
        """The two branches of `_en_appos` as patterns of their own, each quick to scan: the first
        begins with a set (a capital after no letter or digit) and is read only in the stretches between
        punctuation that hold a head word, the second begins with a head word, found in the name rules'
        probe pass. None without head words (then `_en_appos` is used)."""
        s = self.lex.services
        if not s["en_heads"]:
            return None
        heads, blockers = alternation(s["en_heads"]), alternation(s["en_head_blockers"])
        run = first_not_after(UP, f"{LATIN}0-9") + _EN_RUN[len(f"[{UP}]"):]  # (?<![{LATIN}0-9]){_EN_RUN}
        named = CueSegments(re.compile(  # read around a head word after a space
            rf"(?P<n>{run}){_EMPH}, (?:its|their|a|an|the) (?:[\w\-’'₹$€£]+ ){{0,4}}?(?:{heads})\b(?! (?:{blockers})\b)"),
            s["en_heads"], without(_PUNCT, [","], s["en_head_blockers"]), group=NAME_PROBES, spaced=True)
        called = re.compile(rf"\b(?:{heads}),? (?:{alternation(s['en_naming_words'])}) {_EMPH}(?P<c>{_EN_RUN})")
        return named, WordLed(called, s["en_heads"], fold=False, group=NAME_PROBES)

    def _en_appos_matches(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        """(group, match) of `_en_appos` in `text`: the group holding the name ("n" or "c") and the match.
        The two branches are scanned apart and merged as the alternation would take them: at the first
        place either matches, the first branch before the second, the next search resuming at its end."""
        forms = self._en_appos_forms
        if forms is None or not self._en_appos.gate(text):
            yield from (("n" if m.group("n") else "c", m) for m in self._en_appos.finditer(text))
            return
        named, called = forms
        first, second = named.search(text), called.search(text)
        while first is not None or second is not None:
            if first is not None and (second is None or first.start() <= second.start()):
                group, m = "n", first
            else:
                assert second is not None  # (first is None or after it, and the loop's test)
                group, m = "c", second
            yield group, m
            resume = m.end()
            if first is not None and first.start() < resume:
                first = named.search(text, resume)
            if second is not None and second.start() < resume:
                second = called.search(text, resume)

    def _en_apposition(self, text: str) -> list[Candidate]:
        """"Parcel Plus, its same-day delivery service," and "a service called Parcel Plus": a service name."""
        out = []
        starts, stops = self._start_stops, self._name_stops
        for group, m in self._en_appos_matches(text):
            words = m.group(group).split(" ")
            if words[0] in starts or any(w in stops for w in words) or (sentence_start(text, m.start(group)) and len(words) == 1):
                continue  # "On Tuesday, the service": no name; a lone capital at a sentence start names nothing
            if self._ok(m.group(group)):
                # above a suffix rule's 0.75 ("Tessaly Express"), unless the name ends in a legal form;
                # it replaces a platform inside it ("Rakuten Quick Deals, the flash-sale feature")
                firm = words[-1] in self.firm_suffixes
                out.append(Candidate(m.start(group), m.end(group), "Service", "en-service-apposition",
                                     0.7 if firm else 0.76, subsumes=True))
        return out

    @property
    def _en_life(self) -> WordLed:
        value = self._lazy_en_life
        if value is None:
            value = self._lazy_en_life = self._build_en_life()
        return value

    def _build_en_life(self) -> WordLed:
        s = self.lex.services
        verbs = alternation(s["en_lifecycle_verbs"])
        pattern = re.compile(
            rf"\b{_guard(s['en_lifecycle_verbs'])}(?:{verbs}) (?:(?:its|their|the|a|an) )?"
            rf"{_EMPH}(?P<n>[{UP}][\w&'’\-]*(?: [{UP}][\w&'’\-]*){{1,3}}){_EMPH}"
            rf"(?P<head>(?:\s[a-z][\w\-]*){{0,2}}?\s(?:{alternation(s['en_heads'])})s?\b)?")
        return WordLed(pattern, s["en_lifecycle_verbs"], fold=False, group=NAME_PROBES)  # tried only where a verb begins

    @property
    def _en_stop(self) -> re.Pattern[str]:
        value = self._lazy_en_stop
        if value is None:
            value = self._lazy_en_stop = self._build_en_stop()
        return value

    def _build_en_stop(self) -> re.Pattern[str]:
        stops = self.lex.services.get("en_stop_verbs", ())
        verbs = alternation(stops) or "(?!)"
        return re.compile(rf"\b{_guard(stops)}(?:{verbs}) (?:(?:its|their|the) )?"
                          rf"{_EMPH}(?P<n>[{UP}][\w&'’\-]*(?: [{UP}][\w&'’\-]*){{1,3}})\b")

    def _en_lifecycle(self, text: str) -> list[Candidate]:
        """"eBay will close its Promoted Stores Basic subscription", "retire the Brand Pulse Lite analytics
        tool": a Title Case name after a lifecycle verb that ends in a tier word or comes before a service head."""
        out = []
        tiers = self._tiers
        starts, stops = self._start_stops, self._name_stops
        firms = self.firm_suffixes
        for m in self._en_life.finditer(text):
            words = m.group("n").split(" ")
            first = () if m.group("head") else words[:1]
            if (any(w in starts or w in stops for w in first) or words[0] in firms
                    or any(w in stops or w in firms for w in words[1:])):
                continue  # "withdraw its Sunday Collect service": a service head keeps a weekday that opens a name
            stop = self._en_stop.match(text, m.start())
            if (words[-1] in tiers or m.group("head") or stop) and self._ok(m.group("n")):
                out.append(Candidate(m.start("n"), m.end("n"), "Service", "en-lifecycle-service", 0.76, subsumes=True))
        return out

    @property
    def _launch_han(self) -> bool:
        value = self._lazy_launch_han
        if value is None:
            value = self._lazy_launch_han = self._build_launch_han()
        return value

    def _build_launch_han(self) -> bool:
        """Every launch verb holds a Han character: English text is not scanned for them."""
        return all_han(self.lex.services["launch_verbs"])

    @property
    def _launched(self) -> re.Pattern[str]:
        value = self._lazy_launched
        if value is None:
            value = self._lazy_launched = self._build_launched()
        return value

    def _build_launched(self) -> re.Pattern[str]:
        return re.compile(alternation(self.lex.services["launch_verbs"]))

    def _distinctive(self, text: str, h: re.Match[str]) -> bool:
        """A service name whose words before the head are rare (买家保障服务, not 物流服务)."""
        if not (self._ok(h.group(1)) and self._right_edge(text, h.end(1))):
            return False
        toks = cut(h.group(1))
        rare = any(is_rare(t) for t in toks[:-1] if t.strip())
        return rare and not self.lex.plain_words(h.group(1))

    def _right_edge(self, text: str, end: int) -> bool:
        return word_ends_at(text, end)

    def _left_trim(self, run: str, offset: int) -> int | None:
        """Drop leading verbs and generic words from a run before APP (停止采源宝 -> 采源宝)."""
        toks = cut(run)
        pos = 0
        for i, tok in enumerate(toks):
            if tok in self.lex.left_stops or tok in self.lex.generic_heads or tok in self.generic:
                pos = sum(len(t) for t in toks[: i + 1])
        return offset + pos if len(run) - pos >= 2 else None

    def _after_platform(self, text: str, p: Mention) -> list[Candidate]:
        out = []
        v = self._version.match(text, p.end)
        if v and (v.end() >= len(text) or text[v.end()] not in self.blockers):
            left = p.start
            while left > 0 and p.start - left < 6 and HAN_CHAR.match(text, left - 1):
                left -= 1
            left = _word_boundary(text, left, p.start)  # "发布关于店小蜜": never start inside 发布
            start = self._left_trim(text[left : p.start], left) if left < p.start else None
            if start is not None:
                out.append(Candidate(start, v.end(), "Service", "platform-version", 0.75, subsumes=True))
            elif v.end() - p.end > 1 and text[p.end : v.end()].strip() not in ("版", "版本"):
                out.append(Candidate(p.start, v.end(), "Service", "platform-version", 0.6, subsumes=True))
        h = self._head.match(text, p.end)
        if h and self._distinctive(text, h):
            out.append(Candidate(h.start(1), h.end(1), "Service", "platform-service", 0.6))
        return out


def _guard(words: list[str], more: str = "") -> str:
    """`(?=[...])` of the characters a match can begin with (the words' first characters and the
    class `more`): most positions of a text, Chinese above all, fail this one test instead of
    every branch of a long English pattern. No guard when a word is empty or there is none."""
    if any(not w for w in words) or not (words or more):
        return ""
    return "(?=[" + more + "".join(sorted({re.escape(w[0]) for w in words})) + "])"


def _word_boundary(text: str, left: int, end: int) -> int:
    """The first jieba word boundary at or after `left` (the words read with a little context before)."""
    pos = max(0, left - 4)
    for tok in cut(text[pos:end]):
        if pos >= left:
            return pos
        pos += len(tok)
    return end


@lru_cache(maxsize=4)
def _partner_verb(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """" partners with", " has teamed up with": built once per list of verbs, not per service mention."""
    return re.compile(rf"\s+(?:has\s+|have\s+)?(?:{alternation(list(verbs))})\b", re.IGNORECASE)


def partner_services(text: str, mentions: list[Mention], lexicon: NamesLexicon | None = None) -> list[Mention]:
    """Services that sign agreements (微信支付与X达成合作, "Pay Now partners with X"): as the subject of
    a partnership verb the service acts as an organisation, so it is typed Platform as well (the
    service type stays an extra type). Returns the mentions to use in place of the given ones."""
    s = (lexicon or names_lexicon()).services
    joiners = tuple(s.get("zh_partner_joiners", ()))
    words = tuple(s.get("zh_partner_words", ()))
    en = tuple(s.get("en_partner_verbs", ()))
    out = []
    for m in mentions:
        if m.type != "Service":
            out.append(m)
            continue
        clause = _CLAUSE_MARK.split(text[m.end : m.end + 80], maxsplit=1)[0]
        zh = bool(joiners) and clause.startswith(joiners) and any(w in clause for w in words)
        en_hit = bool(en) and _partner_verb(en).match(clause)
        if zh or en_hit:
            extra = tuple(t for t in (*m.extra_types, "Service") if t != "Platform")
            m = replace(m, type="Platform", extra_types=extra)
        out.append(m)
    return out
