"""Relations between named entities: operatedBy, subsidiaryOf, offeredOn, affiliatedWith + role.

Patterns are data (`kg/lexicons/relations.json`): "{S}服务提供者{O}", "{S}, operated by {O}",
"{O}旗下{S}". A pattern matches two mentions when the text between and around them is the
pattern's literal text, and the mention types fit the relation. Job titles between an
organisation and a person ("阿里巴巴集团副总裁汪海", "Wang Xin, president of the X
Association") give `affiliatedWith` and `role`. `partnerOf` comes from partnership events.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from ...errors import LexiconError
from ...lexicons import LEXICON_DIR, entity_index, load_json
from ...model import ENTITY_TYPES, ORGANIZATION_TYPES, Extraction, Mention, Relation
from .. import EXTRACTORS
from ..mentions.gazetteer import shared_gazetteer
from ..mentions.names_common import names_lexicon
from ..patterns import NEVER, alternation, first_mark, ordered_alternation, start_of_sentence
from ..patterns import SENTENCE_STOPS as _STOPS
from .affiliations import Affiliations, evidence

RELATIONS_FILE = LEXICON_DIR / "relations.json"
_MAX_GAP = 48


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


_GAP = r"[^。！？；;\n]{0,30}?"  # "…" in a pattern: a few words of the same sentence


def _literal(text: str) -> str:
    """The pattern text as a regex: whitespace may vary, "…" stands for a short gap."""
    if not text.strip():
        return ""
    return _GAP.join(r"\s*".join(re.escape(part) for part in piece.split()) for piece in text.split("…"))


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
    titles_words: dict[str, tuple[str, ...]]
    not_org: frozenset[str]  # capitalised words after "CEO of" that are places, not organisations
    office_titles: frozenset[str] = frozenset()  # titles of public office (副市长): never a company's


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
        titles[lang] = re.compile(r"(?:" + ordered_alternation(words) + r")\Z", re.IGNORECASE)
    index = entity_index()
    title_orgs = []
    for item in data.get("title_orgs", []):
        if item.get("org") not in index:
            raise LexiconError(f"{where(str(item.get('title')))}: unknown entity id {item.get('org')!r}")
        title_orgs.append((re.compile(_literal(item["title"]), re.IGNORECASE), item["org"]))
    heads = tuple((w, typ) for typ, ws in data["org_heads"].items() for w in ws)
    if any(t not in ORGANIZATION_TYPES for _, t in heads):
        raise LexiconError(f"{where('org_heads')}: org_heads keys must be organisation types")
    speech = {lang: re.compile(ordered_alternation(data["person_speech"][lang]), re.IGNORECASE)
              for lang in ("zh", "en")}
    not_org = data.get("not_org", [])
    if not isinstance(not_org, list) or not all(isinstance(w, str) and w for w in not_org):
        raise LexiconError(f"{where('not_org')}: 'not_org' must be a list of words")
    return RelationRules({k: tuple(v) for k, v in patterns.items()}, titles, tuple(title_orgs), heads, speech,
                         {lang: tuple(data["titles"][lang]) for lang in ("zh", "en")},
                         frozenset(w.casefold() for w in not_org),
                         frozenset(w.casefold() for w in data.get("office_titles", [])))


def _types_of(m: Mention) -> set[str]:
    return {m.type, *m.extra_types}


@lru_cache(maxsize=256)
def _type_set(first: str, extra: tuple[str, ...]) -> frozenset[str]:
    """A mention's types as a set, made once per combination (a corpus has a handful)."""
    return frozenset((first, *extra))


_STOP_CHAR = re.compile("[" + re.escape(_STOPS) + "]")
_START = attrgetter("start")  # (a sort key called in C, not a lambda per mention)


def pair_relations(text: str, mentions: list[Mention], patterns: tuple[Pattern, ...]) -> list[Relation]:
    """Relations from patterns over pairs of nearby mentions."""
    out: list[Relation] = []
    ms = sorted(mentions, key=_START)
    starts = [m.start for m in ms]
    types = [_type_set(m.type, m.extra_types) for m in ms]  # once per mention, not once per pair and pattern
    fitting, leading, any_between = _fitting(patterns)
    for i, first in enumerate(ms):
        lead = leading.get(types[i])
        if lead is None:
            lead = leading[types[i]] = any(_fits_first(p, types[i]) for p in patterns)
        if not lead:
            continue  # no pattern takes this mention's types in the first slot: none of its pairs can match
        for j in range(i + 1, len(ms)):
            second = ms[j]
            if second.start - first.end > _MAX_APPOSITION_GAP:
                break
            if second.start < first.end or (first.key is not None and first.key == second.key):
                continue  # overlapping, or one entity named twice
            pair = (types[i], types[j])
            allowed = fitting.get(pair)
            if allowed is None:
                allowed = fitting[pair] = [p for p in patterns if _fits(p, *pair)]
            if not allowed:
                continue
            if _STOP_CHAR.search(text, first.end, second.start) is not None:
                break  # a sentence stop between them: every later pair holds it too
            gap = text[first.end : second.start]
            gaps = _gap_readings(gap)
            inside = ms[bisect_left(starts, first.end) : bisect_right(starts, second.start)]
            for chainless in _owner_chains(gap, first.end, inside):
                gaps.extend(g for g in _gap_readings(chainless) if g not in gaps)
            if not any(any_between.match(gap) for gap in gaps):
                continue  # (no pattern's middle fits any reading: most pairs, told by one match per reading)
            for p in allowed:
                if not any(p.between.match(gap) for gap in gaps):
                    continue
                if not p.before.search(text, max(0, first.start - 12), first.start):
                    continue
                if not p.after.match(text, second.end):
                    continue
                subj, obj = (first, second) if p.subject_first else (second, first)
                out.append(Relation(subj, p.predicate, obj, evidence=_evidence(text, first.start, second.end),
                                    confidence=0.85))
                break
    return out


_Fitting = dict[tuple[frozenset[str], frozenset[str]], list[Pattern]]


@lru_cache(maxsize=256)
def _any_between(betweens: tuple[str, ...]) -> re.Pattern[str]:
    """One expression that matches where any of the patterns' middles (`between`, all compiled
    case-blind, each ending in \\Z) matches: a pair of mentions whose gap fits none is passed at
    once. Made from every pattern of a language's list, not per pair of types' allowed ones:
    compiling one per pair (a corpus has a score) cost more than the narrower test saved."""
    return re.compile("|".join(f"(?:{b})" for b in betweens) or "(?!)", re.IGNORECASE)


_FITTING: dict[int, tuple[tuple[Pattern, ...], _Fitting, dict[frozenset[str], bool], re.Pattern[str]]] = {}


def _fitting(patterns: tuple[Pattern, ...]) -> tuple[_Fitting, dict[frozenset[str], bool], re.Pattern[str]]:
    """The patterns each pair of mention types allows (in their order), whether a set of types
    may lead a pair at all (`_fits_first` of some pattern), and `_any_between` of the list's
    middles, kept per pattern list for the process: a document has few type pairs, a corpus not
    many more. The list itself is kept with them, so its id is not reused."""
    kept = _FITTING.get(id(patterns))
    if kept is None or kept[0] is not patterns:
        middles = tuple(dict.fromkeys(p.between.pattern for p in patterns))
        kept = _FITTING[id(patterns)] = (patterns, {}, {}, _any_between(middles))
    return kept[1], kept[2], kept[3]


def _fits_first(p: Pattern, first: frozenset[str]) -> bool:
    """True when a mention of types `first` may fill the slot the pattern names first."""
    return bool(first & (p.subject_types if p.subject_first else p.object_types))


def _fits(p: Pattern, first: frozenset[str], second: frozenset[str]) -> bool:
    """True when the types of the first and the second mention of a pair fit the pattern's slots."""
    subj, obj = (first, second) if p.subject_first else (second, first)
    return bool(subj & p.subject_types and obj & p.object_types)


_evidence = evidence
_MAX_APPOSITION_GAP = 140
# ", a subsidiary of Singapore-based Bazarro Holdings Pte. Ltd., " between a subject and its verb
_APPOSITION = re.compile(r"\A\s*,\s*(?:a|an|the)\s[^,;()]{3,100}?,\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _place_words() -> re.Pattern[str]:
    """"the Copenhagen-based": a hyphenated place word before a name, skipped between two mentions."""
    ends = names_lexicon().en_orgs.get("place_prefixes", [])
    alts = ordered_alternation(ends) or NEVER
    return re.compile(rf"\b[\w.]+(?:{alts})\s+\Z")


def _gap_readings(gap: str) -> list[str]:
    """The text between two mentions as written, without a place word before the second mention
    ("a subsidiary of the Copenhagen-based X"), and without an apposition after the first ("X, a
    subsidiary of Y, operates Z"); empty when the mentions are too far apart for any of them."""
    out = [gap] if len(gap) <= _MAX_GAP else []
    # (a place word is followed by spaces up to the gap's end: a gap that does not end in one holds none)
    bare = _place_words().sub("", gap) if gap[-1:].isspace() else gap
    if bare != gap and len(bare) <= _MAX_GAP:
        out.append(bare)
    unquoted = gap.lstrip("”」』’\"").rstrip("“「『‘\"")
    if unquoted != gap and len(unquoted) <= _MAX_GAP:
        out.append(unquoted)  # 平台“X”的运营方Y: the quotes around a name are not between the names
    if unquoted != gap.lstrip():
        bare_app = _app_word().sub("", unquoted, count=1)  # “X”APP由Y运营: the app word names X's kind
        if bare_app != unquoted and len(bare_app) <= _MAX_GAP:
            out.append(bare_app)
    m = _APPOSITION.match(gap)
    if m and len(gap) - m.end() <= _MAX_GAP:
        out.append(" " + gap[m.end():])
    return out


@lru_cache(maxsize=1)
def _app_word() -> re.Pattern[str]:
    words = sorted(names_lexicon().services["app_words"], key=len, reverse=True)
    return re.compile(r"\A\s?(?:" + ordered_alternation(words) + r")(?![A-Za-z])\s*")


def _owner_chains(gap: str, gap_start: int, mentions: list[Mention]) -> list[str]:
    """由A旗下B运营: B is the nearer owner; the gap without the chain "A旗下" that names B's parent."""
    out = []
    for m in mentions:  # (pair_relations passes only the mentions starting inside the gap, in order)
        rest = gap[m.end - gap_start :] if gap_start <= m.start and m.end - gap_start <= len(gap) else None
        if rest is not None and _owner_link().fullmatch(rest):
            out.append(gap[: m.start - gap_start])
    return out


@lru_cache(maxsize=1)
def _owner_link() -> re.Pattern[str]:
    """The words between a parent and the company it owns (owner_links of relations.json)."""
    return re.compile(r"\s*(?:" + ordered_alternation(_cues()["owner_links"]["zh"]) + r")\s*")


@lru_cache(maxsize=1)
def _gazetteer():
    return shared_gazetteer()


def inner_platforms(service: Mention) -> list[Mention]:
    """Platforms named inside a service name ("店小蜜1688版" -> 1688)."""
    return [
        Mention(m.text, service.start + m.start, service.start + m.end, m.type, m.key, "relations", 0.9, m.extra_types)
        for m in _platforms_in(service.text)
    ]


@lru_cache(maxsize=4096)
def _platforms_in(name: str) -> tuple[Mention, ...]:
    """The platforms the gazetteer finds inside a name, at offsets in it: looked up once per name
    (a service is named in many documents, and many times in one)."""
    return tuple(m for m in _gazetteer().find(name) if "Platform" in _types_of(m) and m.end - m.start < len(name))


def subject_owners(text: str, mentions: list[Mention], lang: str) -> list[Relation]:
    """"A公司今日发布公告称，因业务调整，旗下平台“B”APP将…": 旗下 with no owner right before it
    names a service or platform of the sentence's subject (its first organisation)."""
    if lang != "zh" or "旗下" not in text:  # (most documents: then their mentions need no sorting)
        return []
    ms = sorted(mentions, key=_START)
    out = []
    for hit in re.finditer("旗下", text):
        pos = hit.start()
        lo = start_of_sentence(text, pos, _STOPS + "】")  # 【电商报讯】: a credit, not the subject
        if any(pos - 2 <= m.end <= pos for m in ms):
            continue  # "A旗下B": the pair patterns read it
        owner = next((m for m in ms if lo <= m.start and m.end <= pos and _types_of(m) & {"Company", "Organization"}), None)
        owned = next((m for m in ms if pos < m.start <= pos + 16 and _types_of(m) & {"Service", "Platform"}), None)
        if owner is not None and owned is not None and (owner.key is None or owner.key != owned.key):
            out.append(Relation(owned, "operatedBy", owner, evidence=_evidence(text, owner.start, owned.end), confidence=0.7))
    return out


def brand_owners(mentions: list[Mention]) -> list[Relation]:
    """A Latin service named after its owner ("Parcelio Plus" of Parcelio): operatedBy it, or offeredOn a platform."""
    services = [m for m in mentions if m.type == "Service" and " " in m.text]
    if not services:
        return []  # (most documents: then no table of their organisations)
    orgs = {m.text: m for m in mentions if _types_of(m) & set(ORGANIZATION_TYPES)}
    out = []
    for service in services:
        words = service.text.split(" ")
        for k in range(len(words) - 1, 0, -1):
            owner = orgs.get(" ".join(words[:k]))
            if owner is None:
                continue
            types = _types_of(owner)
            if types & {"Company", "Organization"}:
                out.append(Relation(service, "operatedBy", owner))
            if "Platform" in types:
                out.append(Relation(service, "offeredOn", owner))
            break
    return out


@lru_cache(maxsize=1)
def _cues() -> dict:
    """The cue-word sections of relations.json (launch_on, service_anaphors, copula_titles,
    local_government, founded_by, owner_links, self_references), checked once."""
    data = load_json(RELATIONS_FILE)
    for key in ("launch_on", "service_anaphors", "copula_titles", "local_government", "founded_by", "owner_links",
                "self_references"):
        if not isinstance(data.get(key), dict):
            raise LexiconError(f"{RELATIONS_FILE}: {key!r} must be an object")
    return data


def anaphor_mentions(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """"该服务由菜鸟提供", "The service is operated by X": the anaphor read as the service named last before it."""
    anaphor = _anaphor(lang)
    services = sorted((m for m in mentions if m.type == "Service"), key=lambda m: m.start)
    if anaphor is None or not services:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for hit in anaphor.finditer(text):
        a, b = hit.span()
        if any(s < b and a < e for s, e in taken):
            continue
        last = next((m for m in reversed(services) if m.end <= a), None)
        if last is not None:
            out.append(Mention(last.text, a, b, "Service", last.key, "relations", 0.7, last.extra_types))
    return out


@lru_cache(maxsize=2)
def _anaphor(lang: str) -> re.Pattern[str] | None:
    """The service anaphors of `lang` (service_anaphors of relations.json), compiled once; None without any."""
    words = _cues()["service_anaphors"].get(lang, [])
    if not words:
        return None
    edge = (r"(?<![\w-])", r"(?![\w-])") if lang == "en" else ("", "")
    return re.compile(rf"{edge[0]}(?:{alternation(words, NEVER)}){edge[1]}", re.IGNORECASE)


@lru_cache(maxsize=1)
def _launch_patterns() -> dict[str, re.Pattern[str]]:
    """The launch_on cues of relations.json as the patterns `launch_relations` tries, compiled once."""
    cue = _cues()["launch_on"]
    return {
        "zh_verb": re.compile(rf"(?:{alternation(cue['zh_verbs'], NEVER)})\s*[“「『\"]?\s*\Z"),
        "zh_tail": re.compile(rf"(?:[（(][^（）()]{{1,20}}[）)])?\s*(?:{alternation(cue['zh_platform_tail'], NEVER)})?\s*"),
        "en_verb": re.compile(rf"(?<![\w-])(?:{alternation(cue['en_verbs'], NEVER)})\s+(?:the\s+|its\s+|a\s+)?\Z",
                              re.IGNORECASE),
        "en_on": re.compile(rf"(?<![\w-])(?:{alternation(cue['en_on'], NEVER)})\s+\Z", re.IGNORECASE),
    }


def _sentence_start(text: str, pos: int) -> int:
    return start_of_sentence(text, pos)


def launch_relations(text: str, mentions: list[Mention], lang: str) -> list[Relation]:
    """A company that launches a service on a platform runs it, and the platform offers it:
    "菜鸟宣布，在速卖通平台推出“X”服务", "Finvera launches X pay-later option on Walmart Marketplace"."""
    if not any(m.type == "Service" for m in mentions):
        return []  # (most documents name no service: then nothing is sorted)
    pats = _launch_patterns()
    ms = sorted(mentions, key=_START)
    out: list[Relation] = []

    def org_ok(m: Mention) -> bool:
        return bool(_types_of(m) & {"Company", "Organization"}) and "Platform" not in _types_of(m)

    for s in (m for m in ms if m.type == "Service"):
        lo = _sentence_start(text, s.start)
        if lang == "zh":
            verb = pats["zh_verb"].search(text[lo : s.start])
            if not verb:
                continue
            v = lo + verb.start()
            tail = pats["zh_tail"]
            plat = next((p for p in reversed(ms) if lo <= p.start and p.end <= v and "Platform" in _types_of(p)
                         and text[max(lo, p.start - 1) : p.start] == "在" and tail.fullmatch(text[p.end : v])), None)
            if plat is None:
                continue
            org = next((o for o in reversed(ms) if lo <= o.start and o.end <= plat.start - 1 and org_ok(o)
                        and plat.start - o.end <= 16), None)
        else:
            verb = pats["en_verb"].search(text[lo : s.start])
            if not verb:
                continue
            v = lo + verb.start()
            org = next((o for o in reversed(ms) if lo <= o.start and o.end <= v and org_ok(o)
                        and not text[o.end : v].strip()), None)
            stop = first_mark(text, _STOPS, s.end, len(text))
            hi = min(stop if stop >= 0 else len(text), s.end + 80)
            on = pats["en_on"]
            plat = next((p for p in ms if s.end < p.start and p.end <= hi and "Platform" in _types_of(p)
                         and on.search(text[s.end : p.start])), None)
        if org is None or plat is None or (org.key is not None and org.key == plat.key):
            continue
        ev = _evidence(text, org.start, s.end)
        out.append(Relation(s, "operatedBy", org, evidence=ev, confidence=0.75))
        out.append(Relation(s, "offeredOn", plat, evidence=ev, confidence=0.75))
    return out


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
        found = pair_relations(text, [*ex.mentions, *anaphor_mentions(text, ex.mentions, lang)],
                               self.rules.patterns[lang])
        found.extend(launch_relations(text, ex.mentions, lang))
        seen = {(r.subject.start, r.predicate, r.object.start if r.object else r.literal) for r in found}
        key: tuple[int, str, int | str | None]
        for service in (m for m in ex.mentions if m.type == "Service"):
            for platform in inner_platforms(service):
                key = (service.start, "offeredOn", platform.start)
                if key not in seen:
                    seen.add(key)
                    found.append(Relation(service, "offeredOn", platform,
                                          evidence=_evidence(text, service.start, service.end), confidence=0.8))
        for rel in [*brand_owners(ex.mentions), *subject_owners(text, ex.mentions, lang)]:
            key = (rel.subject.start, rel.predicate, rel.object.start if rel.object else None)
            if key not in seen:
                seen.add(key)
                found.append(Relation(rel.subject, rel.predicate, rel.object,
                                      evidence=_evidence(text, rel.subject.start, rel.subject.end), confidence=0.7))
        if any(m.type == "Person" for m in ex.mentions):  # (affiliations are a person's: most documents name none)
            aff = Affiliations(ex, self.rules, lang)
            found.extend(aff.run())
            ex.mentions.extend(aff.new)
        found = [r for r in found if "Place" not in (r.subject.type, r.object.type if r.object else "")]  # places: locatedIn only
        ex.relations.extend(_dedupe(found))


def _dedupe(relations: list[Relation]) -> list[Relation]:
    if len(relations) < 2:
        return relations  # (nothing to drop)
    out: dict[tuple[object, ...], Relation] = {}
    for r in relations:
        obj = (r.object.key or r.object.text) if r.object else r.literal
        out.setdefault((r.subject.key or r.subject.text, r.predicate, obj), r)
    return list(out.values())
