"""Known entities by name: one Aho–Corasick automaton over every alias of the lexicon.

Text and aliases are folded alike (NFKC width folding, casefold) so 全角 ＡＭＡＺＯＮ finds
Amazon, and an offset map points each mention back at the original text. Matches are
chosen leftmost-longest without overlaps, so 抖音电商 wins over 抖音 and 京东物流 over 京东.
Latin aliases need word boundaries ("JD" not in "JDL"); short all-capital acronyms and
aliases listed as `case_sensitive` match only as written; `no_match` names never match.
Blockers (ordinary words overlapping an alias: 商务部门, 北京东路) are matched too and
emit nothing, so they out-compete the alias they contain.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ...errors import LexiconError
from ...frozen import made, template
from ...lexicons import LexiconEntity, load_entities, load_json
from ...model import Extraction, Mention
from ...text import CJK_CLASS, fold_with_offsets, is_cjk, is_latin_word_char, normalize
from .. import EXTRACTORS

CONFIG = "gazetteer.json"
# the characters `is_cjk` accepts: folded text without any of them cannot hold a name that has one
_CJK = re.compile(f"[{CJK_CLASS}]")
_CHECK = object()  # an entry whose first surface must be checked (its key may be None: a blocker)


@dataclass(frozen=True)
class _Surface:
    """One matchable surface form; `key` is None for a blocker."""

    key: str | None
    text: str
    case_sensitive: bool
    boundary_start: bool
    boundary_end: bool
    numeric: bool

    @property
    def plain(self) -> bool:
        """No test of its neighbours or its case: every occurrence counts."""
        return not (self.case_sensitive or self.boundary_start or self.boundary_end or self.numeric)


def _config() -> tuple[int, frozenset[str], list[str]]:
    data = load_json(CONFIG)
    try:
        short = int(data["short_latin_case_sensitive"])
        bad = frozenset(str(data["numeric_alias_bad_neighbours"]))
        blockers = [str(b) for b in data["blockers"]]
    except (KeyError, TypeError, ValueError) as err:
        raise LexiconError(f"{CONFIG}: missing or malformed setting: {err}") from err
    return short, bad, blockers


def _surface(key: str | None, text: str, forced_cs: bool, short: int) -> _Surface | None:
    norm = normalize(text)
    if len(norm) < 2:  # one character is never a safe name
        return None
    latin = not any(is_cjk(ch) for ch in norm)
    letters = [ch for ch in text if ch.isalpha()]
    acronym = latin and len(norm) <= short and bool(letters) and all(ch.isupper() for ch in letters)
    return _Surface(
        key=key, text=text, case_sensitive=forced_cs or acronym,
        boundary_start=is_latin_word_char(norm[0]), boundary_end=is_latin_word_char(norm[-1]),
        numeric=norm.isdigit(),
    )


class Gazetteer:
    """The automaton over all lexicon names, built once; `find` returns mentions in a text."""

    def __init__(self, entities: list[LexiconEntity] | None = None) -> None:
        self.entities = {e.id: e for e in (entities if entities is not None else load_entities())}
        short, self._bad_neighbours, blockers = _config()
        table: dict[str, list[_Surface]] = {}
        for e in self.entities.values():
            for name in e.names:
                if name in e.no_match:
                    continue
                s = _surface(e.id, name, name in e.case_sensitive, short)
                if s is not None:
                    table.setdefault(normalize(name), []).append(s)
        for word in blockers:
            norm = normalize(word)
            if any(s.key for s in table.get(norm, ())):
                raise LexiconError(f"{CONFIG}: blocker {word!r} is also an entity name")
            s = _surface(None, word, False, 0)
            if s is not None:
                table.setdefault(norm, []).append(s)
        # two automata: all names, and the names without Han characters, for text without any (most
        # English text); the second's first step is narrow, so it walks such text faster, same matches
        self._automaton = ahocorasick.Automaton()
        self._latin_automaton = ahocorasick.Automaton()
        for norm, surfaces in table.items():
            first = surfaces[0].key if surfaces[0].plain else _CHECK  # a first plain surface always wins
            # each surface with what its test needs: plain (none), its boundaries, whether more is checked
            value = (len(norm), first, tuple((s, s.plain, s.boundary_start, s.boundary_end, s.numeric or s.case_sensitive)
                                             for s in surfaces))
            self._automaton.add_word(norm, value)
            if not _CJK.search(norm):
                self._latin_automaton.add_word(norm, value)
        self._automaton.make_automaton()
        if len(self._latin_automaton):
            self._latin_automaton.make_automaton()
        else:  # no such names: an empty automaton cannot be walked
            self._latin_automaton = self._automaton
        self.size = len(table)
        self._templates: dict[str, dict[str, object]] = {}

    def entity(self, ident: str) -> LexiconEntity:
        """The lexicon entry with this id (KeyError names the id)."""
        return self.entities[ident]

    def find(self, text: str) -> list[Mention]:
        """Mentions of known entities in `text`, in text order, never overlapping."""
        if not text:
            return []
        folded, src = fold_with_offsets(text)
        # an ASCII text (a flag of the string, no scan) has no Han character
        automaton = self._automaton if not folded.isascii() and _CJK.search(folded) else self._latin_automaton
        # (start, -length, key): sorted leftmost-longest; one entry per span, so keys are never compared
        hits: list[tuple[int, int, str | None]] = []
        size = len(folded)
        for last, (length, first, surfaces) in automaton.iter(folded):
            start = last - length + 1
            if first is not _CHECK:
                hits.append((start, -length, first))
                continue
            # is a word character on either side (is_latin_word_char; an ASCII one answered by a set)?
            before = folded[start - 1] if start > 0 else " "
            after = folded[last + 1] if last + 1 < size else " "
            word_before = before in _ASCII_WORD or (before > "\x7f" and is_latin_word_char(before))
            word_after = after in _ASCII_WORD or (after > "\x7f" and is_latin_word_char(after))
            for s, plain, boundary_start, boundary_end, more in surfaces:
                if plain or (not (boundary_start and word_before) and not (boundary_end and word_after)
                             and (not more or self._accepts_more(s, text, folded, src, start, last + 1))):
                    hits.append((start, -length, s.key))
                    break
        hits.sort()
        mentions: list[Mention] = []
        taken_to = 0
        templates = self._templates
        for start, negative_length, key in hits:
            if start < taken_to:
                continue
            end = start - negative_length
            taken_to = end
            if key is None:
                continue
            a, b = src[start], src[end - 1] + 1
            fields = (templates.get(key) or self._template(key)).copy()
            fields["text"], fields["start"], fields["end"] = text[a:b], a, b
            mentions.append(made(Mention, fields))  # as Mention(**fields) makes it, for a third of the cost
        return mentions

    def _template(self, key: str) -> dict[str, object]:
        """The fields of a mention of entity `key` (its text and offsets left to fill)."""
        e = self.entities[key]
        fields = self._templates[key] = {**_MENTION, "type": e.types[0], "key": key, "extractor": "gazetteer",
                                         "confidence": 1.0, "extra_types": e.types[1:]}
        return fields

    def _accepts_more(self, s: _Surface, text: str, folded: str, src: Sequence[int], start: int, end: int) -> bool:
        """The tests of a numeric or case-sensitive surface (its word boundaries are checked in `find`)."""
        before = folded[start - 1] if start > 0 else " "
        after = folded[end] if end < len(folded) else " "
        if s.numeric and (before in self._bad_neighbours or after in self._bad_neighbours):
            return False
        if s.numeric and (
            (before in ".," and start > 1 and folded[start - 2].isdigit())
            or (after in ".," and end + 1 < len(folded) and folded[end + 1].isdigit())
        ):
            return False  # part of a larger number: 1,688 or 1688.5
        if s.case_sensitive:
            original = text[src[start] : src[end - 1] + 1]
            if " ".join(original.split()) != s.text:
                return False
        return True


_MENTION = template(Mention, {"text", "start", "end", "type", "key", "extractor", "confidence", "extra_types"})

# the ASCII characters `is_latin_word_char` accepts
_ASCII_WORD = frozenset("0123456789_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=1)
def shared_gazetteer() -> Gazetteer:
    """The built-in lexicon's automaton, built once per process: the extractor and the
    relation rules share it (building it takes a noticeable part of a small build)."""
    return Gazetteer()


@EXTRACTORS.register("gazetteer")
class GazetteerExtractor:
    """Pipeline step: add a mention for every known entity named in the document text."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else shared_gazetteer()

    def __call__(self, ex: Extraction) -> None:
        ex.mentions.extend(self.gazetteer.find(ex.document.text))
