"""Personnel changes: who comes or goes (`affects`), the organisation (`actor`) and the position.

"联合创始人陈立新辞去首席执行官职务，由首席运营官赵敏接任", "Acme named Jane Roe chief executive":
the people are those named in the clauses that hold a trigger; the organisation is the one named
in the sentence (or, unnamed, the one the story is about); the position is the longest title of
`kg/lexicons/names/titles.json` in those clauses, preferring one right after the trigger
(辞去首席执行官: the post left) over one before the name (首席运营官赵敏: the post held).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import ORGANIZATION_TYPES, Mention
from ...text import HAN_BASIC
from ..cues import phrases
from ..mentions.names_common import names_lexicon
from ..patterns import ordered_alternation
from .context import EventDoc, key, unique
from .role_words import role_cues
from .roles import clause_bounds, is_attribution
from .subject import subject_words
from .triggers import TriggerHit


@lru_cache(maxsize=1)
def _titles() -> tuple[re.Pattern[str], re.Pattern[str]]:
    t = names_lexicon().titles
    zh = sorted({w for w in (*t["zh"], *subject_words().extra_titles) if w}, key=len, reverse=True)
    en = sorted({w for w in (*t["en_before"], *t["en_after"]) if w}, key=len, reverse=True)
    return (re.compile(ordered_alternation(zh)),
            re.compile(r"\b(?:" + ordered_alternation(en) + r")\b", re.IGNORECASE))


def position(text: str, spans: list[tuple[int, int]], hits: list[TriggerHit], lang: str) -> str | None:
    """The position the change concerns: a title right after a trigger first, else the longest."""
    pat = _titles()[0 if lang == "zh" else 1]
    found = [m for a, b in spans for m in pat.finditer(text, a, b)]
    if not found:
        return None
    after = [m for m in found for h in hits if 0 <= m.start() - h.end <= 4]
    best = after[0] if after else max(found, key=lambda m: (len(m.group()), -m.start()))
    return best.group()


def personnel_roles(doc: EventDoc, everyone: list[Mention], hits: list[TriggerHit], actor: Mention | None,
                    lo: int, hi: int) -> tuple[Mention | None, list[Mention], str | None]:
    """(organisation, people, position) of a personnel change in the sentence [lo, hi)."""
    text, words = doc.text, doc.words
    spans = sorted({clause_bounds(text, h.start, h.end, lo, hi, words.lang) for h in hits})
    inside = [m for m in everyone if lo <= m.start and m.end <= hi and not is_attribution(text, m, lo, words)]
    people = [m for m in inside if m.type == "Person" and any(a <= m.start and m.end <= b for a, b in spans)]
    if not people:  # "X已辞职" in one clause, the name in the one before
        people = [m for m in inside if m.type == "Person" and m.end <= hits[0].start][-1:]
    if not people and words.lang == "en":  # "Shein appoints Donald Tang as…", "Walmart CEO Doug McMillon to retire"
        people = _en_people(text, lo, hi, inside)
        doc.new.extend(people)
    if words.lang == "zh":  # "聘任刘某为总经理，聘任侯某为财务负责人": every person appointed, named or not
        more = [m for m in _zh_appointed(text, lo, hi) if all(key(m) != key(p) for p in people)
                and not any(x.start <= m.start and m.end <= x.end and x.type == "Person" for x in inside)]
        doc.new.extend(more)
        people = sorted([*people, *more], key=lambda m: m.start)
    if actor is None or actor.type not in ORGANIZATION_TYPES:
        orgs = [m for m in inside if m.type in ORGANIZATION_TYPES]
        before = [m for m in orgs if m.end <= hits[0].start]
        actor = (before[-1] if before else orgs[0]) if orgs else doc.main
    return actor, list(unique(people)), position(text, spans, hits, words.lang)


_EN_PERSON = r"((?:[A-Z][a-z'’-]+\s){1,2}[A-Z][a-z'’-]+)"


@lru_cache(maxsize=1)
def _en_appointed() -> re.Pattern[str]:
    """"Acme named Jane Roe chief executive": a person right after an appointment verb (appointed of _roles.json)."""
    return re.compile(rf"\b(?:{phrases(role_cues('appointed')['en_verbs'])})\s+{_EN_PERSON}\b")


def _en_people(text: str, lo: int, hi: int, inside: list[Mention]) -> list[Mention]:
    """A person an English sentence names right after an appointment verb or a title."""
    titles = _titles()[1]
    found = []
    m: re.Match[str] | None
    for m in _en_appointed().finditer(text, lo, hi):
        found.append((m.start(1), m.end(1)))
    for t in titles.finditer(text, lo, hi):
        m = re.compile(rf"\s+{_EN_PERSON}\b").match(text, t.end())
        if m is not None:
            found.append((m.start(1), m.end(1)))
    out: list[Mention] = []
    for a, b in sorted(set(found)):
        if any(x.start < b and a < x.end for x in inside) or any(a < y.end and y.start < b for y in out):
            continue
        out.append(Mention(text=text[a:b], start=a, end=b, type="Person", extractor="events", confidence=0.5))
    return out


@lru_cache(maxsize=1)
def _zh_appointed_pattern() -> re.Pattern[str]:
    """"聘任刘某为", "任命伏某担任": a name with a known surname between an appointment verb and 为/担任
    (appointed of _roles.json)."""
    w = role_cues("appointed")
    surnames = sorted((n for n in names_lexicon().surnames if n), key=len, reverse=True)
    name = rf"(?:{'|'.join(map(re.escape, surnames))})[{HAN_BASIC}]{{1,2}}?|[{HAN_BASIC}]{{1,5}}·[{HAN_BASIC}]{{1,6}}"
    return re.compile(rf"(?:{ordered_alternation(w['zh_verbs'])})({name})(?:{ordered_alternation(w['zh_as'])})")


def _zh_appointed(text: str, lo: int, hi: int) -> list[Mention]:
    """The people a Chinese sentence names right after an appointment verb, as person mentions."""
    return [Mention(text=m.group(1), start=m.start(1), end=m.end(1), type="Person", extractor="events", confidence=0.5)
            for m in _zh_appointed_pattern().finditer(text, lo, hi)]
