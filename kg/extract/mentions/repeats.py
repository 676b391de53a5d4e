"""Pipeline step "repeats": a name discovered once is found again everywhere in its document.

Rules find a name where its context is telling ("直播电商服务商星耀传媒", "online marketplace
QuickCart"); later sentences use the bare name ("星耀传媒创始人", "QuickCart must"). Every other
occurrence of a discovered name (key=None, confidence >= 0.6) becomes a mention of the same
type, never overlapping an existing mention; Latin names need word boundaries. A registered
company name also lends its short form (杭州顺捷供应链管理有限公司 -> 顺捷供应链), built
from the lists in `kg/lexicons/names/short_forms.json`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from ...errors import LexiconError
from ...lexicons import LEXICON_DIR, load_json
from ...model import Extraction, Mention
from ...text import strip_org_suffix
from .. import EXTRACTORS
from .names_common import HAN_CHAR, LATIN, NamesLexicon, names_lexicon
from .surnames import linked_surnames, surname_mentions

MIN_CONFIDENCE = 0.6
_LATIN = re.compile(rf"[{LATIN}]")
_ORG_TYPES = frozenset({"Company", "Organization", "Platform", "GovernmentBody"})


@dataclass(frozen=True)
class ShortForms:
    """How a registered name shortens: scope words dropped from its end, minimum lengths."""

    scope_words: tuple[str, ...]
    min_han: int
    min_latin: int


@lru_cache(maxsize=1)
def short_forms() -> ShortForms:
    rel = "names/short_forms.json"
    data = load_json(rel)
    words = data.get("zh_scope_words") if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"{LEXICON_DIR / rel}: 'zh_scope_words' must list non-empty strings")
    for key in ("min_han", "min_latin"):
        if not isinstance(data.get(key), int) or data[key] < 2:
            raise LexiconError(f"{LEXICON_DIR / rel}: {key!r} must be an integer >= 2")
    return ShortForms(tuple(sorted(words, key=len, reverse=True)), data["min_han"], data["min_latin"])


def repeatable(name: str) -> bool:
    """Long enough to be found again safely: two Han characters, or three Latin with a capital."""
    han = len(HAN_CHAR.findall(name))
    if han:
        return han >= 2
    return len(name) >= 3 and any(c.isupper() for c in name) and bool(_LATIN.search(name))


def short_form(name: str, lex: NamesLexicon, forms: ShortForms) -> str | None:
    """The everyday form of a registered organisation name, or None when it has none."""
    core = strip_org_suffix(name).strip()
    if HAN_CHAR.search(core):
        places = lex.places
        # the longest place the name begins with (never all of it; none is longer than lex.longest_place)
        for k in range(min(len(core) - 1, lex.longest_place), 0, -1):
            if core[:k] in places:
                core = core[k:]
                break
        changed = True
        while changed:
            changed = False
            for w in forms.scope_words:
                if core.endswith(w) and len(core) - len(w) >= forms.min_han:
                    core, changed = core[: -len(w)], True
                    break
        ok = len(HAN_CHAR.findall(core)) >= forms.min_han
    else:
        ok = len(core) >= forms.min_latin and core[:1].isupper()
    return core if ok and core != name.strip() else None


_WORD_CHAR = re.compile(rf"[{LATIN}0-9]")  # what may not touch a Latin name on either side


def _occurrences(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Non-overlapping spans of `name` in `text`, left to right. A name that starts and ends with
    Han characters needs no word boundary; any other must not touch a Latin letter or digit on
    either side (as `(?<![LATIN0-9])NAME(?![LATIN0-9])`). Found with str.find and a look at the
    two neighbours: documents bring new names all the time, and a regex compiled for each one
    cost more than the search itself on non-repeating news."""
    bounded = not (HAN_CHAR.search(name[:1]) and HAN_CHAR.search(name[-1:]))
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if bounded and ((at and _WORD_CHAR.match(text, at - 1)) or _WORD_CHAR.match(text, end)):
            at = text.find(name, at + 1)  # as a regex scan would: try the next position
            continue
        yield at, end
        at = text.find(name, end)


@EXTRACTORS.register("repeats")
class RepeatsExtractor:
    """Adds the other occurrences of discovered names (and their short forms)."""

    def __init__(self, lexicon: NamesLexicon | None = None, forms: ShortForms | None = None) -> None:
        self.lex = lexicon or names_lexicon()
        self.forms = forms or short_forms()

    def names(self, mentions: list[Mention]) -> dict[str, tuple[str, float]]:
        """Surface form -> (type, confidence) of every discovered name worth repeating."""
        out: dict[str, tuple[str, float]] = {}
        for m in sorted(mentions, key=lambda m: -m.confidence):
            if m.key is not None or m.confidence < MIN_CONFIDENCE:
                continue
            forms = [m.text]
            if m.type in _ORG_TYPES:
                short = short_form(m.text, self.lex, self.forms)
                if short:
                    forms.append(short)
            for f in forms:
                if repeatable(f) and not self.lex.is_stopped(f) and f not in out:
                    out[f] = (m.type, m.confidence)
        return out

    def find(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """New mentions for the further occurrences, longest names first, never overlapping."""
        spans = sorted((m.start, m.end) for m in mentions)
        starts = [s for s, _ in spans]
        new: list[Mention] = []
        self.dropped: list[Mention] = []
        for name, (typ, conf) in sorted(self.names(mentions).items(), key=lambda kv: -len(kv[0])):
            for a, b in _occurrences(text, name):
                if _overlaps(spans, starts, a, b):
                    inner = [x for x in mentions if x.start < b and a < x.end]
                    weak = [x for x in inner if x.key is None and a <= x.start and x.end <= b
                            and x.end - x.start < b - a and x.confidence <= conf]
                    if not inner or len(weak) != len(inner) or any(n.start < b and a < n.end for n in new):
                        continue
                    # "Brand Pulse Lite" again where a weaker rule read only "Pulse Lite": the known name wins
                    self.dropped.extend(weak)
                    spans[:] = [sp for sp in spans if not (a <= sp[0] and sp[1] <= b)]
                    starts[:] = [sp[0] for sp in spans]
                new.append(Mention(name, a, b, typ, key=None, extractor="repeats", confidence=conf))
                i = bisect_right(starts, a)
                spans.insert(i, (a, b))
                starts.insert(i, a)
        return new

    def __call__(self, ex: Extraction) -> None:
        new = self.find(ex.document.text, ex.mentions)
        if self.dropped:
            gone = {id(m) for m in self.dropped}
            ex.mentions[:] = [m for m in ex.mentions if id(m) not in gone]
        if new:
            ex.mentions.extend(new)
        ex.mentions[:] = long_forms(ex.mentions)
        ex.mentions.extend(surname_mentions(ex.document.text, ex.mentions, _honorifics()))  # "Ms. Pryce"
        ex.mentions[:] = linked_surnames(ex.mentions, _honorifics())  # a tagger's "Eversole" is Jeff Eversole
        ex.mentions.sort(key=lambda m: (m.start, m.end))


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    from .ner.lexicon import ner_lexicon  # the tagger's word lists, without the tagger

    return ner_lexicon().en_title_words


def long_forms(mentions: list[Mention]) -> list[Mention]:
    """"Finvera" beside "Finvera Payments" in one document: a discovered Latin organisation name that
    is the first word(s) of exactly one longer discovered organisation name of the same kind is its
    short form, so its mentions carry the long name (their spans stay) and resolve to one entity."""
    orgs = [m for m in mentions if m.key is None and m.type in _ORG_TYPES and not HAN_CHAR.search(m.text)]
    longer: dict[str, set[str]] = {}
    names = {m.text for m in orgs}
    for name in names:
        words = name.split()
        for k in range(1, len(words)):
            longer.setdefault(" ".join(words[:k]), set()).add(name)
    if not longer:  # no discovered organisation name of two words or more: nothing to lengthen
        return list(mentions)
    out = []
    among = set(orgs)  # (a set: a mention equal to one of them counts, as in the list, without a pass over it)
    for m in mentions:
        full = longer.get(m.text, set()) if m in among else set()
        if len(full) == 1 and m.type in {"Company", "Organization"}:
            kinds = {o.type for o in orgs if o.text in full}
            if kinds <= {m.type, "Company", "Organization"}:
                m = replace(m, text=next(iter(full)))
        out.append(m)
    return out


def _overlaps(spans: list[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
    i = bisect_right(starts, b - 1)  # spans starting before b
    return any(s < b and a < e for s, e in spans[max(0, i - 50) : i])
