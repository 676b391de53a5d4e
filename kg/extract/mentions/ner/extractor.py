"""Pipeline step "ner": names found by the statistical taggers, typed and checked by rules.

Runs after the gazetteer and the name rules, so a known entity or a rule's name keeps its
span: a tagger's candidate that overlaps any mention already found, or that is part of a name
found in the document, is dropped. What the taggers add are the names no lexicon lists and no
suffix marks (executives, regulators, brands). The Chinese tagger works best on many sentences
at once: `prepare` tags a batch of documents before they are extracted one by one, and
`__call__` tags a document that was not prepared (a very long one, or a single call in a
test). The English tagger, the costlier one, runs in `__call__`, on the sentences of the
document that hold a capitalised word the names found so far do not explain (`en_select`).
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property

from ....lexicons import load_words
from ....model import Document, Extraction, Mention
from ....text import normalize
from ..aliases import alias_mentions, defined_acronym
from ..names_common import Candidate, names_lexicon
from ..places import read_places
from .en_select import sentences_to_tag
from .en_spans import PLACE_RULE, en_candidates, role_after
from .lac import Word
from .lac import shared_tagger as lac_tagger
from .lexicon import ner_lexicon
from .spacy_en import EnSpan
from .spacy_en import shared_tagger as spacy_tagger
from .zh_spans import checked_rule_span, left_trimmed_span, zh_candidates

LANGS = ("zh", "en")
WEAK_RULES = frozenset({"names:en-subject"})  # rules whose type a tagger's Person span overrides
PREPARE_MAX_CHARS = 20_000  # longer documents are tagged inside their own time budget instead


def _lone_opener(text: str, span: str, after: str = "") -> bool:
    """"Notifications will no longer be sent": read alone, a sentence's first word in title case
    looks like a name to the model; it is one only if the text also writes it mid-sentence, if
    it is no word of the model's vocabulary ("Quillmart co-founder Arjun Bhatia said"), or if a
    role an organisation gives a person follows it (`after`: "Howard coach Larry Scott")."""
    if " " in span or not span.istitle() or not spacy_tagger().known_word(span):
        return False
    if role_after(0, after, ner_lexicon().en_org_roles) is not None:
        return False
    return not re.search(rf"[a-z,;]\s+{re.escape(span)}\b", text)


class NerExtractor:
    """Adds the typed tagger names of a document's language (`langs`: "zh", "en" or both)."""

    def __init__(self, langs: Iterable[str] = LANGS) -> None:
        self.langs = tuple(langs)
        self.lex = ner_lexicon()
        self.names = names_lexicon()
        self._en_stops = frozenset(self.names.en_orgs.get("name_stops", ())) | frozenset(
            self.names.en_orgs.get("start_stops", ())) | self.lex.en_place_words | frozenset(
            w for w in load_words("ner/en_not_names.txt") if " " not in w)
        self._ready: dict[str, tuple[list[Candidate], list[Word]]] = {}
        self.seconds: dict[str, float] = dict.fromkeys(self.langs, 0.0)  # tagging time per language (benchmarks)
        self.cpu: dict[str, float] = dict.fromkeys(self.langs, 0.0)  # the same in CPU time of this process
        self.chars: dict[str, int] = dict.fromkeys(self.langs, 0)

    def prepare(self, docs: Iterable[Document]) -> None:
        """Tag the Chinese documents of a batch together; their candidates wait for `__call__`.
        English documents are tagged in `__call__`, where the names found so far tell which of
        their sentences need the tagger (`en_select`)."""
        self._ready.clear()
        by_lang: dict[str, list[Document]] = {lang: [] for lang in self.langs if lang == "zh"}
        for d in docs:
            if d.lang in by_lang and d.text and len(d.text) <= PREPARE_MAX_CHARS:
                by_lang[d.lang].append(d)
        for lang, group in by_lang.items():
            for d, cands in zip(group, self._tag(lang, [d.text for d in group]), strict=True):
                self._ready[d.key] = cands

    def _tag(self, lang: str, texts: list[str], known: list[Mention] | None = None,
             ) -> list[tuple[list[Candidate], list[Word]]]:
        if not texts:
            return []
        began, cpu = time.perf_counter(), time.process_time()
        if lang == "zh":
            out = [(zh_candidates(t, w, self.lex, self.names), w)
                   for t, w in zip(texts, lac_tagger().words(texts), strict=True)]
        else:
            out = [(self._english(t, known or []), []) for t in texts]
        self.seconds[lang] += time.perf_counter() - began
        self.cpu[lang] += time.process_time() - cpu
        self.chars[lang] += sum(len(t.encode("utf-8")) for t in texts)
        return out

    def _english(self, text: str, known: list[Mention]) -> list[Candidate]:
        """Candidates of an English text, the tagger reading only the sentences that may hold a
        name not found yet."""
        covered = [(m.start, m.end) for m in known if m.extractor not in WEAK_RULES]
        picked = sentences_to_tag(text, covered, self._en_stops)
        spans = []
        for (a, _b), found in zip(picked, spacy_tagger().spans([text[a:b] for a, b in picked]), strict=True):
            spans.extend(EnSpan(a + s.start, a + s.end, s.label) for s in found
                         if s.start > 0 or not _lone_opener(text, text[a + s.start : a + s.end],
                                                            text[a + s.end : a + s.end + 40]))
        people = frozenset(m.text for m in known if m.type == "Person")
        return en_candidates(text, spans, self.lex, self.names, people)

    def tagged(self, doc: Document, known: list[Mention] | None = None) -> tuple[list[Candidate], list[Word]]:
        """The typed candidates of one document and the tagger's words (Chinese only), prepared
        or tagged now; `known`, the mentions found so far, spares the English tagger the
        sentences they explain."""
        if doc.lang not in self.langs or not doc.text:
            return [], []
        ready = self._ready.pop(doc.key, None)
        return ready if ready is not None else self._tag(doc.lang, [doc.text], known)[0]

    def candidates(self, doc: Document, known: list[Mention] | None = None) -> list[Candidate]:
        """The typed candidates of one document."""
        return [c for c in self.tagged(doc, known)[0] if c.rule != PLACE_RULE]

    def _check_rule_names(self, ex: Extraction, words: list[Word]) -> None:
        """Chinese names found by a suffix rule (…银行, …公司) whose left edge the tagger's words
        show to be a verb or a count are trimmed, or dropped when nothing but the suffix is left;
        a rule's service name loses the words its left edge cuts through (布关于店小蜜1688版)."""
        text = ex.document.text
        kept = []
        for m in ex.mentions:
            if m.key is None and m.extractor == "names:zh-suffix":
                span = checked_rule_span(text, m.start, m.end, words, self.lex, self._suffix_len(m.text))
                if span is None:
                    continue
                if span != (m.start, m.end):
                    m = replace(m, text=text[span[0] : span[1]], start=span[0])
            elif m.key is None and m.type == "Service" and m.extractor.startswith("names:") and "quoted" not in m.extractor:
                start = left_trimmed_span(m.start, m.end, words)
                if m.end - start < 2:
                    continue
                if start != m.start:
                    m = replace(m, text=text[start : m.end], start=start)
            kept.append(m)
        ex.mentions[:] = kept

    @cached_property
    def _zh_suffixes(self) -> tuple[str, ...]:
        return tuple(sorted((s for s, _, _ in names_lexicon().zh_suffixes), key=len, reverse=True))

    def _suffix_len(self, name: str) -> int:
        """Length of the longest organisation suffix (`zh_org_suffixes.tsv`) that ends `name`."""
        return next((len(s) for s in self._zh_suffixes if name.endswith(s)), 0)

    def _extends_known(self, text: str, c: Candidate, mentions: list[Mention]) -> bool:
        """新浪 + 乐居 read as one organisation by the tagger: a known name followed by a word of
        its own (not a head such as 集团 or 平台, not a generic word) names another, more specific
        organisation, which replaces the known one there."""
        if not c.rule.startswith("ner:zh") or c.type not in ("Company", "Platform"):
            return False
        inner = [m for m in mentions if c.start <= m.start and m.end <= c.end]
        if len(inner) != 1 or inner[0].start != c.start or inner[0].end >= c.end:
            return False
        rest = text[inner[0].end : c.end]
        return len(rest) >= 2 and self.lex.zh_head_type(rest) is None and not self.names.is_stopped(rest) \
            and not self.lex.zh_generic(rest) and rest not in self.lex.generic_heads

    def _place_before_known(self, text: str, c: Candidate, mentions: list[Mention]) -> bool:
        """德国 + 财政部, 法国 + 外交部 read as one body by the tagger: a place written before a known
        public body's name names that place's own body, which replaces the known one there."""
        if not c.rule.startswith("ner:zh") or c.type != "GovernmentBody":
            return False
        inner = [m for m in mentions if c.start <= m.start and m.end <= c.end]
        if len(inner) != 1 or inner[0].end != c.end or inner[0].start <= c.start or inner[0].type != "GovernmentBody":
            return False
        return text[c.start : inner[0].start] in self._own_body_places

    @cached_property
    def _own_body_places(self) -> frozenset[str]:
        """Chinese names of places that have bodies of their own (every place but China itself,
        whose bodies the gazetteer names: 中国 + 国家邮政局 is the known 国家邮政局)."""
        return frozenset(n for p in read_places() if p.id != "cn" for n in p.zh) | (self.names.places - {"中国"})

    def _retype_weak(self, ex: Extraction, cands: list[Candidate]) -> None:
        """A name a rule typed an organisation only because it is a sentence's subject ("Themba
        Nkosi said") is a person when the tagger reads exactly that span as one, or when it reads
        "<given name> <surname>" ("Sanjay Mehra told reporters"); it takes the type the tagger's
        span of the same words gets from its head word or descriptor ("Halden Tribune reported")."""
        people = {(c.start, c.end) for c in cands if c.type == "Person"}
        headed = {(c.start, c.end): c.type for c in cands if c.rule in ("ner:en-head", "ner:en-descriptor")}
        for i, m in enumerate(ex.mentions):
            if m.key is None and m.extractor in WEAK_RULES and headed.get((m.start, m.end), m.type) != m.type:
                ex.mentions[i] = m = replace(m, type=headed[(m.start, m.end)], extra_types=())
                continue  # "Halden Tribune reported": the model's span ends with an outlet's word
            words = m.text.split()
            person_shaped = 2 <= len(words) <= 3 and words[0] in self.lex.en_given_names \
                and all(w.isalpha() and w.istitle() and w.casefold() not in self.lex.en_heads for w in words[1:])
            if m.key is None and m.extractor in WEAK_RULES and ((m.start, m.end) in people or person_shaped):
                ex.mentions[i] = replace(m, type="Person", extra_types=())

    @staticmethod
    def _grows_rule_name(c: Candidate, mentions: list[Mention]) -> bool:
        """"Columbia Law School" over a rule's "Columbia Law": an English organisation the tagger ends
        with its head word replaces the shorter names rules found inside it (never a gazetteer's)."""
        if c.rule != "ner:en-head" or c.type == "Person":
            return False
        inner = [m for m in mentions if m.start < c.end and c.start < m.end]
        return bool(inner) and all(m.key is None and c.start <= m.start and m.end <= c.end
                                   and (m.start, m.end) != (c.start, c.end) for m in inner)

    @staticmethod
    def _acronyms(ex: Extraction) -> None:
        """"Confederation of Retail Traders (CRT)": an abbreviation the tagger read as a name of its
        own is the short form of the name before it (its type, its entity), here and where it recurs."""
        text = ex.document.text
        defined = {}
        for m in ex.mentions:
            short = defined_acronym(text, m)
            if short and short not in defined:
                defined[short] = m
        if not defined:
            return
        for i, m in enumerate(ex.mentions):
            long_ = defined.get(m.text)
            if long_ is not None and m.key is None and m.extractor.startswith("ner:"):
                ex.mentions[i] = replace(m, type=long_.type, key=long_.key, extra_types=long_.extra_types,
                                         extractor="names:alias", alias_of=None if long_.key else long_.text)
        ex.mentions.extend(alias_mentions(text, ex.mentions))

    def __call__(self, ex: Extraction) -> None:
        text = ex.document.text
        cands, words = self.tagged(ex.document, ex.mentions)
        if words:
            self._check_rule_names(ex, words)
        places = {(c.start, c.end) for c in cands if c.rule == PLACE_RULE  # and a place word: the model calls
                  and all(w in self.lex.en_place_words for w in text[c.start : c.end].split())}  # new brands places too
        if places:  # "in the Netherlands was fined": a subject rule's firm that the model reads as a place
            ex.mentions[:] = [m for m in ex.mentions if not (m.key is None and m.extractor in WEAK_RULES
                                                             and (m.start, m.end) in places)]
            cands = [c for c in cands if c.rule != PLACE_RULE]
        taken = sorted((m.start, m.end) for m in ex.mentions)
        known = {normalize(m.text) for m in ex.mentions}
        new = []
        self._retype_weak(ex, cands)
        for c in sorted(cands, key=lambda c: c.start):
            # a name grown over a shorter one (光大银行 + 长春分行, 新浪 + 乐居): the shorter goes
            if c.subsumes or self._extends_known(text, c, ex.mentions) or self._grows_rule_name(c, ex.mentions) \
                    or self._place_before_known(text, c, ex.mentions):
                inner = [m for m in ex.mentions if c.start <= m.start and m.end <= c.end and (m.start, m.end) != (c.start, c.end)]
                if inner and all(c.start <= a and b <= c.end for a, b in taken if a < c.end and c.start < b):
                    gone = {id(m) for m in inner}
                    ex.mentions[:] = [m for m in ex.mentions if id(m) not in gone]
                    taken = [(a, b) for a, b in taken if not (c.start <= a and b <= c.end)]
            if any(a < c.end and c.start < b for a, b in taken):
                continue
            name = normalize(text[c.start : c.end])
            if any(name in k for k in known):
                continue  # part of a name found here already ("Longrui Junfeng" of "Jiangsu Longrui Junfeng
                # Information Technology Co., Ltd."): the "repeats" step finds its short forms with its type
            taken.append((c.start, c.end))
            new.append(Mention(text[c.start : c.end], c.start, c.end, c.type, key=None,
                               extractor=c.rule, confidence=c.confidence))
        if new:
            ex.mentions.extend(new)
            if ex.document.lang == "en":
                self._acronyms(ex)
            ex.mentions.sort(key=lambda m: (m.start, m.end))
