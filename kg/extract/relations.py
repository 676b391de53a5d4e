"""Relations between named entities: operatedBy, subsidiaryOf, offeredOn, affiliatedWith + role.

Patterns are data (`kg/lexicons/relations.json`): "{S}服务提供者{O}", "{S}, operated by {O}",
"{O}旗下{S}". A pattern matches two mentions when the text between and around them is the
pattern's literal text, and the mention types fit the relation. Job titles between an
organisation and a person ("阿里巴巴集团副总裁汪海", "Wang Xin, president of the X
Association") give `affiliatedWith` and `role`. `partnerOf` comes from partnership events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import LexiconError
from ..lexicons import LEXICON_DIR, entity_index, load_json
from ..model import ENTITY_TYPES, ORGANIZATION_TYPES, Extraction, Mention, Relation
from . import EXTRACTORS

RELATIONS_FILE = LEXICON_DIR / "relations.json"
_MAX_GAP = 24
_STOPS = "。！？；;\n"


@dataclass(frozen=True)
class Pattern:
    """One relation pattern: literal text before, between and after the two mentions."""

    predicate: str
    subject_types: frozenset[str]
    object_types: frozenset[str]
    subject_first: bool
    before: re.Pattern[str]
    between: re.Pattern[str]
    after: re.Pattern[str]
    source: str


def _literal(text: str) -> str:
    return r"\s*".join(re.escape(part) for part in text.split()) if text.strip() else ""


def _compile(predicate: str, stypes: frozenset[str], otypes: frozenset[str], pattern: str, where: str) -> Pattern:
    parts = re.split(r"(\{S\}|\{O\})", pattern)
    slots = [p for p in parts if p in ("{S}", "{O}")]
    if sorted(slots) != ["{O}", "{S}"]:
        raise LexiconError(f"{where}: pattern {pattern!r} needs exactly one {{S}} and one {{O}}")
    i, j = parts.index(slots[0]), parts.index(slots[1])
    pre, mid, post = "".join(parts[:i]), "".join(parts[i + 1 : j]), "".join(parts[j + 1 :])
    return Pattern(
        predicate, stypes, otypes, slots[0] == "{S}",
        re.compile(_literal(pre) + r"\s*\Z", re.IGNORECASE),
        re.compile(r"\s*" + _literal(mid) + r"\s*\Z", re.IGNORECASE),
        re.compile(r"\s*" + _literal(post), re.IGNORECASE),
        where,
    )


@dataclass(frozen=True)
class RelationRules:
    """Everything of relations.json, compiled."""

    patterns: dict[str, tuple[Pattern, ...]]  # per language
    titles: dict[str, re.Pattern[str]]  # a title at the end of a text
    title_orgs: tuple[tuple[re.Pattern[str], str], ...]
    org_heads: tuple[tuple[str, str], ...]  # (head word, type)
    speech: dict[str, re.Pattern[str]]


def _types(value: object, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not value or any(v not in ENTITY_TYPES for v in value):
        raise LexiconError(f"{where}: types must be a list of {ENTITY_TYPES}")
    return frozenset(value)


@lru_cache(maxsize=1)
def load_rules() -> RelationRules:
    """Read and validate relations.json."""
    data = load_json(RELATIONS_FILE)
    raw = RELATIONS_FILE.read_text(encoding="utf-8").splitlines()

    def where(needle: str) -> str:
        line = next((n for n, text in enumerate(raw, 1) if needle in text), None)
        return f"{RELATIONS_FILE}:{line}" if line else str(RELATIONS_FILE)

    patterns: dict[str, list[Pattern]] = {"zh": [], "en": []}
    for rel in data.get("relations", []):
        pred = rel.get("predicate")
        if pred not in ("operatedBy", "subsidiaryOf", "offeredOn"):
            raise LexiconError(f"{where(str(pred))}: unknown predicate {pred!r}")
        stypes = _types(rel.get("subject_types"), where(pred))
        otypes = _types(rel.get("object_types"), where(pred))
        for lang in ("zh", "en"):
            for p in rel.get(lang, []):
                patterns[lang].append(_compile(pred, stypes, otypes, p, where(p)))
    titles = {}
    for lang in ("zh", "en"):
        words = sorted(data["titles"][lang], key=len, reverse=True)
        titles[lang] = re.compile(r"(?:" + "|".join(re.escape(w) for w in words) + r")\Z", re.IGNORECASE)
    index = entity_index()
    title_orgs = []
    for item in data.get("title_orgs", []):
        if item.get("org") not in index:
            raise LexiconError(f"{where(str(item.get('title')))}: unknown entity id {item.get('org')!r}")
        title_orgs.append((re.compile(_literal(item["title"]), re.IGNORECASE), item["org"]))
    heads = tuple((w, typ) for typ, ws in data["org_heads"].items() for w in ws)
    if any(t not in ORGANIZATION_TYPES for _, t in heads):
        raise LexiconError(f"{where('org_heads')}: org_heads keys must be organisation types")
    speech = {lang: re.compile("|".join(re.escape(w) for w in data["person_speech"][lang]), re.IGNORECASE)
              for lang in ("zh", "en")}
    return RelationRules({k: tuple(v) for k, v in patterns.items()}, titles, tuple(title_orgs), heads, speech)


def _types_of(m: Mention) -> set[str]:
    return {m.type, *m.extra_types}


def _sentence_text(text: str, a: int, b: int) -> bool:
    return not any(ch in _STOPS for ch in text[a:b])


def pair_relations(text: str, mentions: list[Mention], patterns: tuple[Pattern, ...]) -> list[Relation]:
    """Relations from patterns over pairs of nearby mentions."""
    out: list[Relation] = []
    ms = sorted(mentions, key=lambda m: m.start)
    for i, first in enumerate(ms):
        for second in ms[i + 1 :]:
            if second.start - first.end > _MAX_GAP:
                break
            if second.start < first.end or not _sentence_text(text, first.end, second.start):
                continue
            gap = text[first.end : second.start]
            for p in patterns:
                subj, obj = (first, second) if p.subject_first else (second, first)
                if not (_types_of(subj) & p.subject_types and _types_of(obj) & p.object_types):
                    continue
                if subj.key is not None and subj.key == obj.key:
                    continue
                if not p.between.match(gap):
                    continue
                if not p.before.search(text, max(0, first.start - 12), first.start):
                    continue
                if not p.after.match(text, second.end):
                    continue
                out.append(Relation(subj, p.predicate, obj, evidence=_evidence(text, first.start, second.end),
                                    confidence=0.85))
                break
    return out


def _evidence(text: str, a: int, b: int) -> str:
    lo = max((text.rfind(ch, 0, a) for ch in _STOPS), default=-1) + 1
    his = [text.find(ch, b) for ch in _STOPS]
    hi = min([h + 1 for h in his if h >= 0], default=len(text))
    return text[lo:hi].strip()


@lru_cache(maxsize=1)
def _gazetteer():
    from .gazetteer import Gazetteer

    return Gazetteer()


def inner_platforms(service: Mention) -> list[Mention]:
    """Platforms named inside a service name ("店小蜜1688版" -> 1688)."""
    found = _gazetteer().find(service.text)
    return [
        Mention(m.text, service.start + m.start, service.start + m.end, m.type, m.key, "relations", 0.9, m.extra_types)
        for m in found if "Platform" in _types_of(m) and m.end - m.start < len(service.text)
    ]


class _Affiliations:
    """Person -> organisation (+ title) from the text around each person mention."""

    def __init__(self, ex: Extraction, rules: RelationRules, lang: str) -> None:
        self.ex, self.rules, self.lang, self.text = ex, rules, lang, ex.document.text
        self.new: list[Mention] = []

    def run(self) -> list[Relation]:
        ms = sorted(self.ex.mentions, key=lambda m: m.start)
        people = [m for m in ms if m.type == "Person"]
        orgs = [m for m in ms if m.type in ORGANIZATION_TYPES]
        out: list[Relation] = []
        for person in people:
            out.extend(self._before(person, orgs))
            out.extend(self._after(person, orgs))
        return out

    def _relations(self, person: Mention, org: Mention | None, title: str, a: int, b: int) -> list[Relation]:
        ev = _evidence(self.text, a, b)
        out = []
        if org is None:
            org = self._title_org(title, a)
        if org is not None:
            out.append(Relation(person, "affiliatedWith", org, evidence=ev, confidence=0.85))
        if title:
            out.append(Relation(person, "role", literal=title.strip(), evidence=ev, confidence=0.85))
        return out

    def _title_org(self, title: str, pos: int) -> Mention | None:
        for pat, ident in self.rules.title_orgs:
            m = pat.search(title)
            if m:
                e = entity_index()[ident]
                return Mention(title, pos, pos + len(title), e.type, ident, "relations", 0.8, e.types[1:])
        return None

    def _before(self, person: Mention, orgs: list[Mention]) -> list[Relation]:
        """"阿里巴巴副总裁、1688总裁汪海", "Alibaba Vice President Wang Hai", "Minister of Commerce Wang Wentao"."""
        text, out = self.text, []
        lo = person.start
        while lo > 0 and text[lo - 1] not in _STOPS + "，,：:" and person.start - lo < 40:
            lo -= 1
        segment = text[lo : person.start]
        if self.lang == "en":
            segment = segment.rstrip()
        title_re = self.rules.titles["zh" if self.lang == "zh" else "en"]
        end = lo + len(segment)
        if self.lang == "en":
            return self._before_en(person, orgs, lo, end, segment, title_re)
        pieces = re.split(r"(、|和|及|兼)", segment)
        cursor = lo
        for piece in pieces:
            start, stop = cursor, cursor + len(piece)
            cursor = stop
            if piece in ("、", "和", "及", "兼") or not piece.strip():
                continue
            if not title_re.search(piece.rstrip()):
                continue
            inside = [o for o in orgs if start <= o.start and o.end <= stop]
            org = inside[-1] if inside else None
            title = text[org.end if org is not None else start : stop].strip(" 的")
            if title and len(title) <= 30:
                out.extend(self._relations(person, org, title, start, max(end, person.end)))
        return out

    def _before_en(self, person: Mention, orgs: list[Mention], lo: int, end: int, segment: str,
                   title_re: re.Pattern[str]) -> list[Relation]:
        """English titles before a name: "Alibaba Vice President X", "CEO of Y X", "Minister of Commerce X"."""
        text = self.text
        inside = [o for o in orgs if lo <= o.start and o.end <= end]
        if inside:
            org = inside[-1]
            after = text[org.end : end].strip(" '’s")
            if after and title_re.search(after) and len(after) <= 30:
                return self._relations(person, org, after, org.start, person.end)
            head = re.search(r"([A-Za-z][\w -]*?)\s+of\s+(?:the\s+)?\Z", text[lo : org.start])
            if head and title_re.search(head.group(1).strip()) and not after:
                return self._relations(person, org, head.group(1).strip(), lo + head.start(1), person.end)
            return []
        for pat, _ident in self.rules.title_orgs:
            m = pat.search(segment)
            if m and not segment[m.end() :].strip():
                return self._relations(person, None, m.group(), lo + m.start(), person.end)
        m = re.search(r"((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)\s*\Z", segment)
        if m and title_re.search(m.group(1)):
            return self._relations(person, None, m.group(1), lo + m.start(1), person.end)
        return []

    def _after(self, person: Mention, orgs: list[Mention]) -> list[Relation]:
        """"Wang Xin, president of the Shenzhen Cross-Border E-Commerce Association"."""
        if self.lang == "zh":
            return []
        text = self.text
        m = re.match(r",\s*(?:the\s+)?([\w .'’-]{2,40}?)\s+of\s+(?:the\s+)?", text[person.end : person.end + 60])
        if not m or not self.rules.titles["en"].search(m.group(1)):
            return []
        at = person.end + m.end()
        org = next((o for o in orgs if o.start == at), None)
        if org is None:
            org = self._new_org(at)
        if org is None:
            return self._relations(person, None, m.group(1), person.start, at)
        return self._relations(person, org, m.group(1), person.start, org.end)

    def _new_org(self, at: int) -> Mention | None:
        """A capitalised organisation name ending with a head word, when no extractor found it."""
        text = self.text
        m = re.match(r"(?:[A-Z][\w&'’.-]*\s+){0,8}?", text[at : at + 120])
        words = re.match(r"((?:[A-Z][\w&'’.-]*[\s-]+|of\s+|and\s+|for\s+){0,8}[A-Z][\w&'’.-]*)", text[at : at + 120])
        if m is None or words is None:
            return None
        name = words.group(1).rstrip(".,")
        for head, typ in sorted(self.rules.org_heads, key=lambda h: -len(h[0])):
            idx = name.find(head)
            if idx >= 0 and re.match(r"[A-Za-z]", head):
                name = name[: idx + len(head)]
                b = at + len(name)
                if any(o.start < b and at < o.end for o in self.ex.mentions):
                    return None
                new = Mention(name, at, b, typ, None, "relations", 0.6)
                self.new.append(new)
                return new
        return None


@EXTRACTORS.register("relations")
class RelationExtractor:
    """Pipeline step: entity relations (not partnerOf, which the events step adds)."""

    def __init__(self) -> None:
        self.rules = load_rules()

    def __call__(self, ex: Extraction) -> None:
        text = ex.document.text
        if not text or not ex.mentions:
            return
        lang = "zh" if ex.document.lang == "zh" else "en"
        found = pair_relations(text, ex.mentions, self.rules.patterns[lang])
        seen = {(r.subject.start, r.predicate, r.object.start if r.object else r.literal) for r in found}
        for service in (m for m in ex.mentions if m.type == "Service"):
            for platform in inner_platforms(service):
                key = (service.start, "offeredOn", platform.start)
                if key not in seen:
                    seen.add(key)
                    found.append(Relation(service, "offeredOn", platform,
                                          evidence=_evidence(text, service.start, service.end), confidence=0.8))
        aff = _Affiliations(ex, self.rules, lang)
        found.extend(aff.run())
        ex.mentions.extend(aff.new)
        ex.relations.extend(_dedupe(found))


def _dedupe(relations: list[Relation]) -> list[Relation]:
    out: dict[tuple[object, ...], Relation] = {}
    for r in relations:
        obj = (r.object.key or r.object.text) if r.object else r.literal
        out.setdefault((r.subject.key or r.subject.text, r.predicate, obj), r)
    return list(out.values())
