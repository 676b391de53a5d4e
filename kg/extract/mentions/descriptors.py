"""Names the reader is introduced to: after a descriptor, or as the subject of a corporate verb.

News introduces an unknown firm with a descriptor noun (生鲜电商平台鲜丰汇, 社交电商平台优品汇和团多多,
"online marketplace QuickCart", "food delivery platforms FreshGo and Dashly", "Parcelly, a
last-mile delivery startup"); the descriptor gives the type (`descriptors.tsv`). A Chinese
name runs from the descriptor to a stop word, digit or punctuation (`name_edges.json`) and
needs a rare word, so 平台商家 or 电商企业 are not names. An English capitalised run right
before a corporate verb ("Vendora said", "ShopNest shares") is a company unless one of its
words is written in lower case elsewhere in the document (a common word at a sentence start)
or belongs to a person found by a title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import LexiconError
from ...lexicons import LEXICON_DIR, load_json, load_tsv
from ...model import ENTITY_TYPES
from ...text import strip_org_suffix
from ..cue_scan import CueSegments, without
from ..patterns import alternation, first_chars
from ..word_led import WordGated, WordLed
from .names_common import (
    HAN,
    LATIN,
    NAME_PROBES,
    UP,
    Candidate,
    NamesLexicon,
    Prefixes,
    all_han,
    cut,
    first_not_after,
    has_han,
    has_rare_word,
    is_rare,
    jieba_freq,
    names_lexicon,
    sentence_start,
    word_ends_at,
)

# characters no English name before or after a descriptor or a corporate verb holds, nor the words
# between: the stretches between them are read only where they hold a cue word (`CueSegments`)
_PUNCT = ".,;:()\n!?\"“”/"
_NAME_CH = re.compile(rf"[{HAN}{LATIN}0-9·&]")
# possessive (*+): what may follow a word (a space, ".", ",", the pattern's end) is never one of its
# characters, so giving characters back could never make a match; re then never tries
_EN_TAIL = rf"[{LATIN}0-9&'’\-]*+"
_EN_WORD = rf"[{UP}]{_EN_TAIL}"
# "Pallet & Post": capitalised words joined by "&" are one name
_EN_RUN_TAIL = rf"{_EN_TAIL}(?: (?:& )?{_EN_WORD}){{0,3}}"
_EN_RUN = rf"[{UP}]{_EN_RUN_TAIL}"
# the same run, not glued to a letter or digit before it: `(?<![{LATIN}0-9]){_EN_RUN}`, made fast
_EN_RUN_ALONE = first_not_after(UP, f"{LATIN}0-9") + _EN_RUN_TAIL
_HYPHEN_WORD = re.compile(r"-[a-z]+\b")
_HYPHEN_END = re.compile(r"-[a-z]+$")
_POSSESSOR = re.compile(r"(.+?)['’]s$")
_CAPITAL_BEFORE = re.compile(rf"([{UP}][\w'’\-]*)(?: (?:and|of|for|&))? \Z")
_PROSE_LOWER = re.compile(first_not_after("a-z", r"\w/.@\-") + r"[a-z\-]+(?![\w@/]|\.\w)")


@dataclass(frozen=True)
class DescLexicon:
    """Descriptor nouns by language and the edge words of the names after them."""

    zh: dict[str, str]
    en: dict[str, str]
    edges: dict[str, Any]


@lru_cache(maxsize=1)
def desc_lexicon() -> DescLexicon:
    rel = "names/descriptors.tsv"
    out: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    for no, (lang, word, typ) in load_tsv(rel, columns=3):
        if lang not in out:
            raise LexiconError(f"{LEXICON_DIR / rel}:{no}: language must be 'zh' or 'en', not {lang!r}")
        if typ not in ENTITY_TYPES:
            raise LexiconError(f"{LEXICON_DIR / rel}:{no}: unknown entity type {typ!r}")
        out[lang][word] = typ
    erel = "names/name_edges.json"
    edges = load_json(erel)
    keys = (("zh_right_stops", list), ("en_verbs", list), ("zh_max_name", int), ("en_max_words", int),
            ("en_auxiliaries", list), ("en_object_cues", list))
    for key, kind in keys:
        if not isinstance(edges, dict) or not isinstance(edges.get(key), kind):
            raise LexiconError(f"{LEXICON_DIR / erel}: key {key!r} missing or not a {kind.__name__}")
    return DescLexicon(out["zh"], out["en"], edges)


def prose_lower_words(text: str) -> set[str]:
    """Lower-case words of the prose; words of addresses and file names (streamcart.jpg) do not count."""
    return set(_PROSE_LOWER.findall(text))  # r"(?<![\w/.@\-])[a-z][a-z\-]+(?![\w@/]|\.\w)"


class _LowerWords:
    """`word in prose_lower_words(text)`, answered per word asked (a few per text): a scan for
    every lower-case word of an English text costs as much as a rule. A word is one of them when
    the pattern, tried where the word occurs, matches exactly the word (where it could not begin
    a match, its look-behind fails; a match is the same wherever a scan for all of them starts)."""

    __slots__ = ("known", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self._occurs(word)
        return found

    def _occurs(self, word: str) -> bool:
        text = self.text
        i = text.find(word) if word else -1
        while i >= 0:
            m = _PROSE_LOWER.match(text, i)
            if m is not None and m.group() == word:
                return True
            i = text.find(word, i + 1)
        return False


class DescriptorFinder:
    """Chinese and English names after descriptors; English subjects of corporate verbs."""

    def __init__(self, lexicon: NamesLexicon | None = None, desc: DescLexicon | None = None) -> None:
        # made at their first read by the properties below (a compiled class has no cached_property)
        self._lazy_zh: re.Pattern[str] | None = None
        self._lazy_en: WordLed | None = None
        self._lazy_en_apposition: WordGated | None = None
        self._lazy_lower_forms: str | None = None
        self._lazy_en_before_noun: CueSegments | None = None
        self._lazy_en_verb: CueSegments | None = None
        self._lazy_gov_after: re.Pattern[str] | None = None
        self._lazy_common_plurals: frozenset[str] | None = None
        self._lazy_credit: re.Pattern[str] | None = None
        self._lazy_en_object: WordLed | None = None
        self._lazy_zh_bracket: re.Pattern[str] | None = None
        self._lazy_zh_agent: re.Pattern[str] | None = None
        self._lazy_zh_latin_owner: WordGated | None = None
        self._lazy_zh_words: dict[str, tuple[str, ...]] | None = None
        self._lazy_zh_desc_at: Prefixes | None = None
        self._lazy_stop_tokens: frozenset[str] | None = None
        self._lazy_place_words: frozenset[str] | None = None
        self.lex = lexicon or names_lexicon()
        self.desc = desc or desc_lexicon()
        self.right_stops = tuple(sorted(set(self.desc.edges["zh_right_stops"]) | self.lex.left_stops, key=len, reverse=True))
        self._right_stop_at = Prefixes(self.right_stops)
        self.joiners = ("和", "与", "與", "及", "、")
        o = self.lex.en_orgs
        titles = {w for t in self.lex.titles["en_before"] for w in t.split()}
        self._gov_alt = alternation(o["government_heads"])
        self._zh_han = all_han(self.desc.zh)
        self.not_en = frozenset(o["start_stops"]) | frozenset(o["name_stops"]) | frozenset(o["government_heads"]) | titles

    @property
    def _zh(self) -> re.Pattern[str]:
        value = self._lazy_zh
        if value is None:
            value = self._lazy_zh = self._build_zh()
        return value

    def _build_zh(self) -> re.Pattern[str]:
        return re.compile(alternation(list(self.desc.zh)))

    @property
    def _en(self) -> WordLed:
        value = self._lazy_en
        if value is None:
            value = self._lazy_en = self._build_en()
        return value

    def _build_en(self) -> WordLed:
        words = alternation(list(self.desc.en))
        pattern = re.compile(rf"(?i:{first_chars(self.desc.en)})\b(?P<d>(?i:{words}))(?:e?s)? (?P<n>{_EN_RUN})")
        return WordLed(pattern, self.desc.en, group=NAME_PROBES)  # tried only where a descriptor word begins

    @property
    def _en_apposition(self) -> WordGated:
        value = self._lazy_en_apposition
        if value is None:
            value = self._lazy_en_apposition = self._build_en_apposition()
        return value

    def _build_en_apposition(self) -> WordGated:
        words = alternation(list(self.desc.en))
        pattern = re.compile(
            rf"(?P<n>{_EN_RUN_ALONE})(?:\.|{self._lower_forms})?, (?:a|an|the) (?:[\w\-’']+ ){{0,5}}?(?P<d>{words})"
            rf"(?= (?:for|that|which|based|in|with|from|of)\b|[,.;])"
        )
        return WordGated(pattern, self.desc.en, group=NAME_PROBES)  # run only on texts holding a descriptor word

    @property
    def _lower_forms(self) -> str:
        value = self._lazy_lower_forms
        if value is None:
            value = self._lazy_lower_forms = self._build_lower_forms()
        return value

    def _build_lower_forms(self) -> str:
        """Legal forms written in lower case after a name ("Vintra plc, the marketplace for ...")."""
        forms = self.lex.en_orgs.get("lower_legal_forms", [])
        return f"(?: (?:{alternation(forms)}))" if forms else "(?!)"

    @property
    def _en_before_noun(self) -> CueSegments:
        value = self._lazy_en_before_noun
        if value is None:
            value = self._lazy_en_before_noun = self._build_en_before_noun()
        return value

    def _build_en_before_noun(self) -> CueSegments:
        """"the Tessaly marketplace", "the Bazarro online marketplace": a name before its descriptor."""
        apps = {w.lower() for w in self.lex.services["en_words"]}  # "the Vendora Deals app" is a service
        nouns = [w for w, t in self.desc.en.items() if t == "Platform" and w.split()[-1] not in apps]
        # \b(?:the|its|their): the first letter taken by a set (a quick scan), then checked by look-behinds
        lead = r"[ti](?<!\w[ti])(?:(?<=t)heir|(?<=t)he|(?<=i)ts)"
        pattern = re.compile(rf"{lead} (?P<n>{_EN_RUN}) (?P<d>{alternation(nouns)})\b(?![\w\-])")
        # read only in the stretches between punctuation that hold a platform noun after a space
        return CueSegments(pattern, nouns, _PUNCT, group=NAME_PROBES, spaced=True)

    @property
    def _en_verb(self) -> CueSegments:
        value = self._lazy_en_verb
        if value is None:
            value = self._lazy_en_verb = self._build_en_verb()
        return value

    def _build_en_verb(self) -> CueSegments:
        verbs = alternation(self.desc.edges["en_verbs"])
        aux = alternation(self.desc.edges["en_auxiliaries"])
        # "Vendora said"; "Parcelly, a delivery startup based in Ohio, has raised"
        pattern = re.compile(
            rf"(?P<n>{_EN_RUN_ALONE})(?:, (?:a|an|the) [^,;.()\n]{{3,90}},)? (?:(?:{aux}) )?(?:{verbs})\b"
        )
        # read only in the stretches between punctuation that hold a verb after a space (the aside holds no ".;()")
        return CueSegments(pattern, self.desc.edges["en_verbs"], without(".;()\n", self.desc.edges["en_auxiliaries"]),
                           group=NAME_PROBES, spaced=True)

    @property
    def _gov_after(self) -> re.Pattern[str]:
        value = self._lazy_gov_after
        if value is None:
            value = self._lazy_gov_after = self._build_gov_after()
        return value

    def _build_gov_after(self) -> re.Pattern[str]:
        return re.compile(rf" (?:{self._gov_alt})\b")

    @property
    def _common_plurals(self) -> frozenset[str]:
        value = self._lazy_common_plurals
        if value is None:
            value = self._lazy_common_plurals = self._build_common_plurals()
        return value

    def _build_common_plurals(self) -> frozenset[str]:
        """"Lawyers said": a plural common noun opening a sentence names no firm."""
        nouns = {n for n in self.lex.collectives["en"] if " " not in n}
        return frozenset(nouns | {w.lower() for w in self.desc.edges.get("en_subject_common_nouns", ())})

    @property
    def _credit(self) -> re.Pattern[str]:
        value = self._lazy_credit
        if value is None:
            value = self._lazy_credit = self._build_credit()
        return value

    def _build_credit(self) -> re.Pattern[str]:
        phrases = self.desc.edges.get("en_credit_phrases", [])
        return re.compile(rf" (?:{alternation(phrases)})\b" if phrases else r"(?!)")

    @property
    def _en_object(self) -> WordLed:
        value = self._lazy_en_object
        if value is None:
            value = self._lazy_en_object = self._build_en_object()
        return value

    def _build_en_object(self) -> WordLed:
        cues = self.desc.edges["en_object_cues"]
        pattern = re.compile(rf"\b(?:{alternation(cues)}) (?:\*\*|\*|_)?(?=[{UP}])")
        return WordLed(pattern, cues, fold=False, group=NAME_PROBES)  # tried only where a cue word begins

    def __call__(self, text: str, persons: list[Candidate] | None = None) -> list[Candidate]:
        return [*self.zh(text), *self.zh_bracketed(text), *self.zh_agents(text), *self.zh_latin_owners(text),
                *self.en(text, persons or [])]

    @property
    def _zh_bracket(self) -> re.Pattern[str]:
        value = self._lazy_zh_bracket
        if value is None:
            value = self._lazy_zh_bracket = self._build_zh_bracket()
        return value

    def _build_zh_bracket(self) -> re.Pattern[str]:
        verbs = alternation(self.desc.edges.get("zh_bracket_verbs", ["完成"]))
        gap = int(self.desc.edges.get("zh_bracket_gap", 8))
        return re.compile(rf"「(?P<n>[{HAN}A-Za-z0-9·&]{{2,12}})」[^，,。；;！？「」\n]{{0,{gap}}}?(?:{verbs})")

    def zh_bracketed(self, text: str) -> list[Candidate]:
        """「鲸宇智能」完成3000万美元B轮融资: a brand in corner brackets as the subject of a corporate verb."""
        out = []
        for m in self._zh_bracket.finditer(text):
            name = m.group("n")
            if not self.lex.is_stopped(name) and not self.lex.plain_words(name):
                out.append(Candidate(m.start("n"), m.end("n"), "Company", "zh-bracket-subject", 0.7))
        return out

    @property
    def _zh_agent(self) -> re.Pattern[str]:
        value = self._lazy_zh_agent
        if value is None:
            value = self._lazy_zh_agent = self._build_zh_agent()
        return value

    def _build_zh_agent(self) -> re.Pattern[str]:
        verbs = alternation(self.desc.edges.get("zh_agent_verbs", [])) or "(?!)"
        adverbs = alternation(self.desc.edges.get("zh_agent_adverbs", [])) or "(?!)"
        return re.compile(rf"由(?P<n>[{HAN}A-Za-z0-9·&\-]{{2,12}}?)(?:{adverbs})?(?:{verbs})")

    def zh_agents(self, text: str) -> list[Candidate]:
        """由Gearbox开发, 由某某科技自主研发的: the agent of a verb of making or publishing is a company.
        A Chinese agent needs a rare word (由用户开发, 由团队研发 name no one); a Latin one a capital."""
        out = []
        for m in self._zh_agent.finditer(text):
            name = m.group("n")
            if self.lex.is_stopped(name) or self.lex.plain_words(name) or name in self.lex.places:
                continue
            latin = name.isascii()
            if latin and not (name[0].isupper() or name[0].isdigit()):
                continue
            if not latin and not has_rare_word(cut(name)):
                continue
            out.append(Candidate(m.start("n"), m.end("n"), "Company", "zh-agent", 0.65))
        return out

    @property
    def _zh_latin_owner(self) -> WordGated:
        value = self._lazy_zh_latin_owner
        if value is None:
            value = self._lazy_zh_latin_owner = self._build_zh_latin_owner()
        return value

    def _build_zh_latin_owner(self) -> WordGated:
        owners = alternation(self.desc.edges.get("zh_latin_owner_words", [])) or "(?!)"
        makers = alternation(self.desc.edges.get("zh_latin_maker_words", [])) or "(?!)"
        lead = first_not_after("A-Za-z", r"A-Za-z0-9&\-")
        pattern = re.compile(rf"(?P<n>{lead}[A-Za-z0-9&\-]{{1,29}})"
                             rf"(?=(?:{owners})|(?:{makers})(?:的|[、，,。；]))")
        words = [*self.desc.edges.get("zh_latin_owner_words", []), *self.desc.edges.get("zh_latin_maker_words", [])]
        return WordGated(pattern, words, group=NAME_PROBES)  # run only on texts holding an owning or making word

    def zh_latin_owners(self, text: str) -> list[Candidate]:
        """Zenimax旗下的, Gearbox开发的游戏: a word in Latin letters written inside Chinese text right
        before a word of owning, or a verb of making that ends a modifier or a clause, is a company."""
        tools = tuple(self.desc.edges.get("zh_tool_markers", ()))
        return [Candidate(m.start("n"), m.end("n"), "Company", "zh-latin-owner", 0.65)
                for m in self._zh_latin_owner.finditer(text)
                if not self.lex.is_stopped(m.group("n")) and not text.endswith(tools, 0, m.start())]

    # --- Chinese ---------------------------------------------------------------------

    def zh(self, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        if self._zh_han and not has_han(text):
            return out  # every descriptor holds a Han character: English text has none
        for m in self._zh.finditer(text):
            typ = self.desc.zh[m.group()]
            pos = m.end()
            if len(cut(text[m.start() : m.end() + 2])[0]) > len(m.group()):
                continue  # 電商業務: the descriptor is the head of a longer word, not a noun before a name
            if not word_ends_at(text, pos, m.start()):
                continue  # 服务|商家超过: the descriptor's last character belongs to the next word
            quoted = self._zh_quoted(text, pos)
            if quoted is not None:  # 社交电商平台“橙意优选”的运营方: the name is the quotation
                out.append(Candidate(pos + 1, quoted, typ, "zh-descriptor", 0.7))
                continue
            while True:
                end = self._zh_end(text, pos)
                if end is not None:
                    end = self._word_end(text, pos, end)
                if end is None or not self._zh_ok(text[pos:end], self._zh_subject(text, pos, end, typ)):
                    break
                inner = self._zh.search(text, pos + 1, end - 2)
                if inner is not None and word_ends_at(text, inner.end(), inner.start()):
                    break  # 电商 + ERP龙头聚水潭: a later descriptor inside introduces the name (聚水潭), found from it
                out.append(Candidate(pos, end, typ, "zh-descriptor", 0.7))
                joiner = next((j for j in self.joiners if text.startswith(j, end)), None)
                if joiner is None:
                    break
                pos = end + len(joiner)
        return out

    def _zh_subject(self, text: str, pos: int, end: int, typ: str) -> bool:
        """平台慧聪网: a platform's name ending in a site word; 二手交易平台转转宣布: a name right before an
        announcing verb (`zh_subject_verbs`)."""
        if typ == "Platform" and end - pos >= 3 and text[pos:end].endswith(self._zh_words["zh_site_endings"]):
            return True
        return text.startswith(self._zh_words["zh_subject_verbs"], end)

    @property
    def _zh_words(self) -> dict[str, tuple[str, ...]]:
        value = self._lazy_zh_words
        if value is None:
            value = self._lazy_zh_words = self._build_zh_words()
        return value

    def _build_zh_words(self) -> dict[str, tuple[str, ...]]:
        """The word lists `_zh_subject` and `_zh_ok` ask about every candidate, as tuples made once."""
        keys = ("zh_site_endings", "zh_subject_verbs", "zh_never_first", "zh_phrase_words")
        return {k: tuple(self.desc.edges.get(k, ())) for k in keys}

    @property
    def _zh_desc_at(self) -> Prefixes:
        value = self._lazy_zh_desc_at
        if value is None:
            value = self._lazy_zh_desc_at = self._build_zh_desc_at()
        return value

    def _build_zh_desc_at(self) -> Prefixes:
        """`name.startswith(tuple(self.desc.zh))`, asking only the descriptors that begin with its first character."""
        return Prefixes(self.desc.zh)

    def _zh_quoted(self, text: str, pos: int) -> int | None:
        """End of a name quoted right after a descriptor (平台“X”), when nothing glues to the
        closing quote (平台“X”小程序 is a service's name, left to services.py)."""
        if pos >= len(text) or text[pos] not in "“「":
            return None
        close = "”" if text[pos] == "“" else "」"
        end = text.find(close, pos + 1)
        if end < 0 or not 2 <= end - pos - 1 <= self.desc.edges["zh_max_name"]:
            return None
        name = text[pos + 1 : end]
        if not all(_NAME_CH.match(c) for c in name) or not self._zh_ok(name):
            return None
        after = end + 1
        if after < len(text) and _NAME_CH.match(text[after]) and not self._right_stop_at.at(text, after):
            return None
        return end


    def _zh_end(self, text: str, pos: int) -> int | None:
        limit = self.desc.edges["zh_max_name"]
        i = pos
        while i < len(text) and i - pos <= limit:
            if not _NAME_CH.match(text[i]) or text[i].isdigit() or (i > pos + 1 and self._right_stop_at.at(text, i)):
                return i if i - pos >= 2 else None
            i += 1
        return i if i == len(text) and i - pos >= 2 else None

    @staticmethod
    def _word_end(text: str, pos: int, end: int) -> int | None:
        """Back `end` up to a word boundary (闪达到家|正在, 收费|行为): a name never ends inside a word."""
        while end - pos >= 2:
            if word_ends_at(text, end):
                return end
            end -= 1
        return None

    @property
    def _stop_tokens(self) -> frozenset[str]:
        value = self._lazy_stop_tokens
        if value is None:
            value = self._lazy_stop_tokens = self._build_stop_tokens()
        return value

    def _build_stop_tokens(self) -> frozenset[str]:
        return frozenset(self.right_stops)

    def _zh_ok(self, name: str, subject: bool = False) -> bool:
        """`subject`: the name ends in a site word (慧聪网) or a corporate verb follows it (转转宣布), so a
        rare dictionary word (jieba knows many brands) may be a name on its own."""
        if self.lex.is_stopped(name) or self._zh_desc_at.at(name, 0):
            return False
        toks = [t for t in cut(name) if t.strip()]
        if not toks or toks[0] in self.lex.generic_heads or any(t in self._stop_tokens for t in toks):
            return False
        if toks[0] in self._zh_words["zh_never_first"]:
            return False  # 平台|仍需, 卖家|之家, 平台|即日起终止: an adverb or particle never opens a name
        if self._right_stop_at.at(name, 0):
            return False  # 发布公告: a verb, not a name
        if any(w in name for w in self._zh_words["zh_phrase_words"]):
            return False  # 电商|仓配网络, 综试区一位: the descriptor modifies a noun phrase, no name follows
        freq = jieba_freq()
        if len(toks) == 1 and freq.get(name) and not (is_rare(name) and subject):
            return False  # 选品, 業務: one ordinary word
        if len(toks[0]) > 1 and not is_rare(toks[0]):
            return False  # 活跃商家数: a name does not open with a common word
        if len(toks) >= 3 and len(toks[-1]) > 1 and not is_rare(toks[-1]):
            return False  # 选品靠经验, 價格戰激烈: a clause, not a name
        return has_rare_word(toks)

    # --- English ---------------------------------------------------------------------

    def en(self, text: str, persons: list[Candidate]) -> list[Candidate]:
        out = []
        for m in self._en.finditer(text):
            if not m.group("d")[1:].islower() and " " not in m.group("d"):
                continue
            if m.group("d")[0].isupper() and not sentence_start(text, m.start("d")):
                continue  # "Market Regulator Summons X": a Title Case headline, not a descriptor
            typ = self.desc.en[m.group("d").lower()]
            for a, b in self._en_items(text, m.start("n")):
                out.append(Candidate(a, b, self._legal_type(text[a:b], m.group("d"), typ), "en-descriptor", 0.7))
        for m in self._en_apposition.finditer(text):
            a, b = self._en_trim(text, *m.span("n"))
            if b > a and a == m.start("n"):  # "In Brazil, the largest retailer": no name
                typ = self._legal_type(text[a : m.end("n")], m.group("d"), self.desc.en[m.group("d")])
                out.append(Candidate(a, b, typ, "en-apposition", 0.65))
        for m in self._en_before_noun.finditer(text):
            a, b = self._en_trim(text, *m.span("n"))
            if b > a and a == m.start("n") and not _HYPHEN_WORD.search(text[a:b]):  # "the London-listed"
                out.append(Candidate(a, b, self.desc.en[m.group("d")], "en-before-descriptor", 0.65))
        person_words = {w for p in persons for w in text[p.start : p.end].split()}
        lower = _LowerWords(text)
        places = self._place_words
        for m in self._en_verb.finditer(text):
            if self._after_capital(text, m.start("n")):
                continue  # "Huoli Youxuan President X said": the run began earlier
            a, b = self._subject(text, *m.span("n"))
            words = text[a:b].split()
            if self._credit.match(text, m.end("n")):
                continue  # "Whitfield reported from Washington": a journalist's credit line
            if self._gov_after.match(text[b : m.end("n") + 1]):
                continue  # "Markets Authority said": a government name, cut short by its head
            if self._field_of_title(text, b):
                continue  # "Economy Minister Lusia Vaka said": the minister's field
            if (b > a and len(words) <= self.desc.edges["en_max_words"] and not words[0].isupper()
                    and words[0].lower() not in lower and not person_words & set(words)
                    and not (len(words) == 1 and words[0].lower() in self._common_plurals)
                    and not all(w in places for w in words)):  # "India's shares fell": a country's market
                out.append(Candidate(a, b, "Company", "en-subject", 0.6))
        for m in self._en_object.finditer(text):
            for a, b in self._en_items(text, m.end()):
                words = text[a:b].split()
                if words[0].lower() not in lower and not person_words & set(words):
                    out.append(Candidate(a, b, "Company", "en-object", 0.6))
        return out

    @staticmethod
    def _field_of_title(text: str, end: int) -> bool:
        from .ner.en_spans import title_follows
        from .ner.lexicon import ner_lexicon

        return title_follows(text, end, ner_lexicon())

    @property
    def _place_words(self) -> frozenset[str]:
        value = self._lazy_place_words
        if value is None:
            value = self._lazy_place_words = self._build_place_words()
        return value

    def _build_place_words(self) -> frozenset[str]:
        """Countries, regions and cities (ner/en_place_words.txt): a subject they make up owns no shares."""
        from .ner.lexicon import ner_lexicon

        return ner_lexicon().en_place_words

    def _legal_type(self, name: str, desc: str, typ: str) -> str:
        """A name with its legal form ("SwiftCart Inc.") called an app or a platform is the company
        behind it; only a marketplace descriptor makes it a platform too."""
        keep = {d.casefold() for d in self.desc.edges.get("en_legal_name_platform_descriptors", ())}
        if typ == "Platform" and desc.casefold() not in keep and strip_org_suffix(name.strip(" ,.")) != name.strip(" ,."):
            return "Company"
        return typ

    def _after_capital(self, text: str, pos: int) -> bool:
        """True when a capitalised word other than a sentence opener runs into `pos` ("Competition and Markets")."""
        m = _CAPITAL_BEFORE.search(text[max(0, pos - 40) : pos])
        return m is not None and m.group(1) not in self.not_en

    def _subject(self, text: str, a: int, b: int) -> tuple[int, int]:
        """The owner in "Jiayu's Hong Kong-listed shares" is Jiayu; "-listed" words end a name."""
        a, b = self._en_trim(text, a, b)
        pos = a
        for w in text[a:b].split(" "):
            if _HYPHEN_END.search(w):
                return a, max(a, pos - 1)
            poss = _POSSESSOR.match(w)
            if poss:
                return a, pos + len(poss.group(1))
            pos += len(w) + 1
        return a, b

    def _en_trim(self, text: str, a: int, b: int) -> tuple[int, int]:
        """Drop sentence openers and month/title words from the left, stop at the first on the right."""
        words = text[a:b].split(" ")
        k = 0
        while k < len(words) and words[k] in self.not_en:
            k += 1
        kept = []
        for w in words[k:]:
            if w in self.not_en:
                break
            kept.append(w)
        if not kept:
            return a, a
        start = a + len(" ".join(words[:k])) + (1 if k else 0)
        return start, start + len(" ".join(kept))

    def _en_items(self, text: str, pos: int) -> list[tuple[int, int]]:
        """"FreshGo and Dashly", "A, B and C": the names from `pos` on."""
        items = []
        name = re.compile(_EN_RUN)
        sep = re.compile(r"(?:\*\*|\*|_)?(?:,? and |, )(?:\*\*|\*|_)?")  # markdown emphasis too
        while True:
            m = name.match(text, pos)
            if not m:
                break
            words = m.group().split(" ")
            if "and" in words:
                words = words[: words.index("and")]
            a, b = self._en_trim(text, pos, pos + len(" ".join(words)))
            if b <= a or a != pos:
                break
            items.append((a, b))
            s = sep.match(text, b)
            if not s:
                break
            pos = s.end()
        return items
