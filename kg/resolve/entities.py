"""Mentions -> entities: one entity per real-world thing across names, languages and documents."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import ORGANIZATION_TYPES, Document, Entity, Mention
from .keys import clean_name, fold, has_cjk, mention_key, person_pinyin_label


@dataclass
class _Draft:
    """What the sightings of one entity say. A corpus names an entity many times in a few ways:
    each sighting counts its (type, extra types) and its name as given, and `types` and
    `surfaces` are worked out from those counts once, when the entity is made."""

    key: str
    votes: Counter[tuple[str, tuple[str, ...]]] = field(default_factory=Counter)  # (type, extra types) per sighting
    cued: set[str] = field(default_factory=set)  # the types some mention took from a cue, not a default
    names: Counter[str] = field(default_factory=Counter)  # the names as given (not yet `clean_name`d)
    sources: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)  # traditional forms of simplified surfaces (aliases only)

    @property
    def types(self) -> Counter[str]:
        """The sightings per type (a mention's extra types count as its type does)."""
        out: Counter[str] = Counter()
        for (type_, extra), n in self.votes.items():
            out[type_] += n
            for t in extra:
                out[t] += n
        return out

    @property
    def surfaces(self) -> Counter[str]:
        """The sightings per cleaned name."""
        out: Counter[str] = Counter()
        for name, n in self.names.items():
            out[clean_name(name)] += n
        return out


class EntityResolver:
    """Assigns every mention an entity key and accumulates what each entity is called.

    Keys come from the gazetteer id when the lexicon knows the entity, else from an exact
    alias match in the lexicon, else from the cross-language matching key of the name.
    """

    def __init__(self, lexicon: Iterable[Any] = (), *, first_source_only: bool = False) -> None:
        # first_source_only: each entity keeps only its first document (by key) and whether the
        # lexicon alone pulled it in (""), all that the RDF needs; a big corpus saves a set
        # entry per entity per document naming it
        self.first_source_only = first_source_only
        self.lexicon = {e.id: e for e in lexicon}
        self.alias_index: dict[str, str] = {}
        for entry in self.lexicon.values():
            for name in (entry.label_zh, entry.label_en, *entry.aliases):
                if name:
                    self.alias_index.setdefault(_alias_form(name), entry.id)
        self.drafts: dict[str, _Draft] = {}
        self.short_forms: dict[tuple[str, str], str] = {}  # (short form, kind) -> the long name's key
        self.heads: dict[str | None, str] = {}  # distinctive head of a long Chinese name -> its key
        self._head_names: dict[tuple[str, str], None] = {}  # (long Chinese org name, type), first seen first
        # key_for's answers for (name, type): a corpus names each entity many times, and the
        # answer changes only when a short form or the heads do (then this is emptied)
        self._keys: dict[tuple[str, str], str] = {}

    def learn_short_forms(self, mentions: Iterable[Mention]) -> None:
        """Short forms a document introduces (星禾网络 for 杭州星禾网络科技有限公司) name the long
        name's entity in every document, also where a later report uses the short form alone."""
        for m in mentions:
            if m.alias_of and not m.key:
                form = (_alias_form(m.text), _kind(m.type))
                if form not in self.short_forms:
                    self.short_forms[form] = self.key_for(m.alias_of, m.type)
                    self._keys.clear()

    def learn_heads(self, mentions: Iterable[Mention]) -> None:
        """The distinctive head of each long Chinese organisation name (杭州引流宝网络科技有限公司 ->
        引流宝): a later report that names the firm by its head alone (引流宝, 快排电商) means the same
        firm, when exactly one long name in the corpus has that head."""
        self._head_names = {}
        self.note_head_names(mentions)
        self.settle_heads()

    def note_head_names(self, mentions: Iterable[Mention]) -> None:
        """Collect the long Chinese organisation names whose heads `settle_heads` weighs; a
        streamed build notes them chunk by chunk (distinct names only, so this stays small)."""
        for m in mentions:
            if m.key or m.alias_of or _kind(m.type) != "org" or not has_cjk(m.text) or not _LEGAL_FORM.search(m.text):
                continue
            self._head_names[(m.text, m.type)] = None

    def settle_heads(self) -> None:
        """The heads owned by exactly one long name noted so far (after every short form is
        learned, since a long name's key may come from one)."""
        owners: dict[str, set[str]] = {}
        for text, type_ in self._head_names:
            head = zh_head(text)
            if head:
                owners.setdefault(head, set()).add(self.key_for(text, type_))
        self.heads = {h: next(iter(keys)) for h, keys in owners.items() if len(keys) == 1}
        self._keys.clear()

    def key_for(self, name: str, type_: str, known: str | None = None) -> str:
        if known:
            return known
        key = self._keys.get((name, type_))
        if key is None:
            key = self._keys[(name, type_)] = self._key_of(name, type_)
        return key

    def _key_of(self, name: str, type_: str) -> str:
        hit = self.alias_index.get(_alias_form(name))
        if hit and _compatible(type_, self.lexicon[hit].types):
            return hit
        learned = self.short_forms.get((_alias_form(name), _kind(type_)))
        if learned is None and _kind(type_) == "org" and has_cjk(name) and not _LEGAL_FORM.search(name):
            learned = self.heads.get(zh_head(name))  # 引流宝 for 杭州引流宝网络科技有限公司 named elsewhere
        return learned if learned is not None else mention_key(name, type_)

    def add(self, name: str, type_: str, doc_key: str, *, known: str | None = None,
            extra_types: Iterable[str] = (), cued: bool = False) -> str:
        """Record one sighting of a name and return its entity key; `cued`: the type was read
        from a cue in the text (see `type_is_cued`), not given by default."""
        key = self.key_for(name, type_, known)
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = _Draft(key)
        extra = extra_types if type(extra_types) is tuple else tuple(extra_types)
        draft.votes[(type_, extra)] += 1
        if cued:
            draft.cued.add(type_)
            draft.cued.update(extra)
        draft.names[name] += 1
        if not (self.first_source_only and doc_key):
            draft.sources.add(doc_key)
        elif doc_key not in draft.sources:  # (when it is there, it is the first already)
            first = min((s for s in draft.sources if s), default=None)
            if first is None or doc_key < first:
                draft.sources.discard(first)  # type: ignore[arg-type]
                draft.sources.add(doc_key)
        return key

    def add_written(self, key: str, as_written: str) -> None:
        """A form the name was written in (traditional Chinese) beside the one it was read as."""
        self.drafts[key].written.add(clean_name(as_written))

    def add_mention(self, m: Mention, doc_key: str) -> str:
        return self.add(m.text, m.type, doc_key, known=m.key, extra_types=m.extra_types, cued=type_is_cued(m))

    def add_document_people(self, doc: Document) -> tuple[str | None, tuple[str, ...]]:
        """Entities for the publisher and the authors named in a document's metadata."""
        pub = self.add(doc.publisher, "Organization", doc.key) if doc.publisher else None
        names = [byline_name(a) for a in doc.authors if a and not is_job_title(a)]
        authors = tuple(dict.fromkeys(self.add(a, "Person", doc.key) for a in names if a))
        return pub, authors

    def entities(self) -> dict[str, Entity]:
        out: dict[str, Entity] = {}
        for key in sorted(self.drafts):
            draft = self.drafts[key]
            entry = self.lexicon.get(key)
            votes = draft.types
            types = _lexicon_types(entry.types, votes) if entry else _settle_types(votes, draft.cued)
            ent = Entity(key=key, types=types, sources=set(draft.sources))
            surfaces = [s for s, _ in sorted(draft.surfaces.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))]
            zh = [s for s in surfaces if has_cjk(s)]
            en = [s for s in surfaces if not has_cjk(s)]
            ent.label_zh = (entry.label_zh if entry else None) or (zh[0] if zh else None)
            ent.label_en = (entry.label_en if entry else None) or (en[0] if en else None)
            if "Person" in types and ent.label_zh and not ent.label_en:
                ent.label_en = person_pinyin_label(ent.label_zh)
            ent.alt_labels = {s for s in (*surfaces, *draft.written) if s not in (ent.label_zh, ent.label_en)}
            if entry:
                ent.alt_labels |= {a for a in entry.aliases if a not in (ent.label_zh, ent.label_en)}
            elif types.intersection(ORGANIZATION_TYPES):  # "Sailbright Technology" for "Sailbright Technology Co. Ltd"
                ent.alt_labels |= {b for s in surfaces if (b := without_legal_form(s)) and b not in (ent.label_zh, ent.label_en)}
            out[key] = ent
        return out


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    from ..lexicons import load_json

    data = load_json("names/titles.json")
    return frozenset(fold(w) for key in ("zh", "en_before", "en_after") for w in data.get(key, []))


def is_job_title(name: str) -> bool:
    """"Retail Correspondent", "高级记者": a byline or name that is a job title names no person."""
    t = fold(clean_name(name))
    words = t.split()
    return t in _title_words() or (len(words) > 1 and len(words[-1]) >= 6 and words[-1] in _title_words() and name[:1].isupper()
                                   and all(w[:1].isupper() for w in name.split()))


_BY = re.compile(r"\A(?:by|from)\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _surnames() -> tuple[str, ...]:
    from ..lexicons import load_words

    return tuple(sorted(load_words("names/surnames_zh.txt"), key=len, reverse=True))


def byline_name(name: str) -> str | None:
    """The person a byline names: "By Hannah Reeve" is Hannah Reeve; a date ("19 February 2025"),
    a section heading (第一部分, 核心要点) or a word (服务) caught as a byline names nobody."""
    t = _BY.sub("", clean_name(name)).strip()
    if not t or any(ch.isdigit() for ch in t):
        return None
    if has_cjk(t):
        han = re.sub(r"[\s·•]", "", t)
        if not re.fullmatch(r"[\u3400-\u9fff]{2,4}", han):
            return t if re.search(r"[A-Za-z]", han) else None
        return t if han.startswith(_surnames()) and len(han) > 1 else None
    return t


def _alias_form(name: str) -> str:
    return "".join(ch for ch in fold(clean_name(name)) if ch.isalnum())


def _kind(type_: str) -> str:
    return "org" if type_ in ORGANIZATION_TYPES else type_


def _compatible(type_: str, lexicon_types: tuple[str, ...]) -> bool:
    """A discovered name may take a lexicon identity only within the same broad kind."""
    def kind(t: str) -> str:
        return "org" if t in ORGANIZATION_TYPES else t

    return any(kind(type_) == kind(t) for t in lexicon_types)


def _lexicon_types(types: tuple[str, ...], votes: Counter[str]) -> set[str]:
    """A known entity's types; a service that signed an agreement as a party (微信支付与X达成合作)
    acts as a platform too."""
    out = set(types)
    if "Service" in out and not out & set(ORGANIZATION_TYPES) and votes.get("Platform"):
        out.add("Platform")
    return out


def _kind_of(t: str, types: set[str]) -> str:
    """Broad kind of a type; a service beside a platform type is the same thing (an app and its platform)."""
    return "org" if t in ORGANIZATION_TYPES or (t == "Service" and "Platform" in types) else t


# Extractors whose type is no reading of the text around the name, so it says nothing against a
# type another mention read from a cue:
# - "ner:zh", "ner:en": a tagger's organisation span with no head word, descriptor or context cue,
#   typed Company because the story reads like business news (or Organization otherwise);
# - "events": the party of an event, typed by its role alone (who acted, who invested);
# - "repeats", "names:alias": a further occurrence or a short form, which copies the type of a
#   name found before in the same document; that mention casts its own vote, cued or not.
# Every other extractor (gazetteer, suffix, head, descriptor, context, team and list rules) types
# a name from something written in or next to it.
UNCUED_EXTRACTORS = frozenset({"ner:zh", "ner:en", "events", "repeats", "names:alias"})


def type_is_cued(m: Mention) -> bool:
    """True when the mention's type was read from a cue (a suffix, a head word, a descriptor, a
    context word, the gazetteer), False when its extractor gives the type by default."""
    return m.extractor not in UNCUED_EXTRACTORS


def _cue_backed(votes: Counter[str], cued: AbstractSet[str]) -> set[str]:
    """The organisation types to weigh: when some mention read an organisation type from a cue,
    organisation types that only defaults gave are dropped (a club a tagger called a Company in a
    business-sounding story stays the Organization its name's head says), so a default never
    outvotes a cue across documents. Other types, and the votes of kept ones, are untouched."""
    orgs = set(ORGANIZATION_TYPES)
    if not cued & orgs:
        return set(votes)
    return {t for t in votes if t not in orgs or t in cued}


def _settle_types(votes: Counter[str], cued: AbstractSet[str] = frozenset()) -> set[str]:
    """The types a discovered entity keeps: the specific ones, not their superclass, and the
    ones read from a cue over the ones given by default (`_cue_backed`)."""
    types = _cue_backed(votes, cued)
    if types & {"Company", "Platform", "GovernmentBody"}:
        types.discard("Organization")
    if "GovernmentBody" in types and types & {"Company", "Platform"}:
        # a body named like a company in one place and like an office in another: keep the majority
        keep = max(sorted(types & {"GovernmentBody", "Company", "Platform"}), key=lambda t: votes[t])
        types -= {"GovernmentBody", "Company", "Platform"} - {keep}
    seen = set(types)
    kinds = {_kind_of(t, seen) for t in types}
    if len(kinds) > 1:  # a name seen as a person and as an organisation: keep the majority kind
        best = max(sorted(kinds), key=lambda k: sum(v for t, v in votes.items() if _kind_of(t, seen) == k))
        types = {t for t in types if _kind_of(t, seen) == best}
    return types


_LEGAL_FORM = re.compile(
    r"(?:[\s,]+(?:co\.?,?\s*ltd\.?|company\s+limited|ltd\.?|limited|inc\.?|incorporated|corp\.?|corporation|llc|l\.l\.c\."
    r"|plc|gmbh|ag|s\.a\.|n\.v\.|b\.v\.|a/s|pte\.?\s*ltd\.?|pty\.?\s*ltd\.?)"
    r"|股份有限公司|有限责任公司|有限公司)\s*\Z", re.IGNORECASE)


def without_legal_form(name: str) -> str | None:
    """The name without its legal form (Co., Ltd., Inc., 有限公司), as people write it short;
    None when it has none or too little is left. Group words (集团, Holdings) stay: they tell
    a group from its platform."""
    short = _LEGAL_FORM.sub("", name).strip(" ,")
    if short == name.strip() or len(short) < (2 if has_cjk(short) else 3):
        return None
    return short


@lru_cache(maxsize=1)
def _zh_trims() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Places (longest first) and industry endings (weak organisation suffixes, longest first)."""
    from ..lexicons import load_tsv, load_words

    places = sorted((w for w in load_words("names/places_zh.txt") if has_cjk(w)), key=len, reverse=True)
    endings = sorted({cols[0] for _, cols in load_tsv("names/zh_org_suffixes.tsv") if len(cols) > 2 and cols[2] == "weak"}
                     | {"电商", "电子商务"}, key=len, reverse=True)
    return tuple(places), tuple(endings)


@lru_cache(maxsize=65536)
def zh_head(name: str) -> str | None:
    """The distinctive part of a Chinese organisation name: no place before it, no legal form or
    industry words after it (杭州引流宝网络科技有限公司 and 引流宝 -> 引流宝; 快排电商 -> 快排)."""
    places, endings = _zh_trims()
    head = _LEGAL_FORM.sub("", clean_name(name))
    for place in places:
        if head.startswith(place) and len(head) > len(place) + 1:
            head = head[len(place) :]
            break
    trimmed = True
    while trimmed:
        trimmed = False
        for end in endings:
            if head.endswith(end) and len(head) > len(end) + 1:
                head, trimmed = head[: -len(end)], True
                break
    return head if len(head) >= 2 else None
