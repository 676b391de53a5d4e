"""Roles of enforcements: fines, orders, lawsuits, summons.

A body punishes and a firm is punished, so the rules here turn the roles the generic finder
read: a visit is no enforcement; a party that answers a penalty (X表示接受处罚) is the one
punished; a body named first in the sentence acts on the firm named after it; a firm that agrees
to pay to settle is punished; 当事人 is the party the story is about; the name after
"against"/针对 is affected; a fine added to a sentence (并处罚金) falls on the party sentenced.
Cue words: `settles`, `against` and `added_penalty` of `_roles.json`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import ORGANIZATION_TYPES, Mention
from ..cues import phrases
from ..patterns import first_chars, ordered_alternation
from .context import EventDoc, key, unique
from .guards import is_visit, responds
from .lists import list_after
from .role_words import role_cues
from .roles import actor_candidates, is_attribution
from .triggers import TriggerHit


@lru_cache(maxsize=1)
def _settle() -> re.Pattern[str]:
    """"agreed to pay … to settle", "达成和解": the party named before is punished (settles of _roles.json)."""
    w = role_cues("settles")
    guard = first_chars([*w["en_words"], *w["zh_words"]])  # (searched over long stretches: one test per place first)
    return re.compile(rf"{guard}(?:\b(?:{phrases(w['en_words'])})\b|(?:{phrases(w['zh_words'])}))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _settle_words() -> tuple[tuple[str, ...], ...]:
    """The words of each phrase of `_settle`, casefolded: a match of a phrase holds all of them."""
    w = role_cues("settles")
    return tuple(sorted({tuple(p.casefold().split(" ")) for p in [*w["en_words"], *w["zh_words"]]}))


@lru_cache(maxsize=1)
def _settle_keys() -> tuple[str, ...]:
    """One word per phrase of `_settle_words` (its longest), each dropped where a shorter one kept is
    part of it ("agree" of "agreed"): a stretch holding a phrase's words holds one of these."""
    longest = {max(words, key=len) for words in _settle_words()}
    return tuple(sorted(w for w in longest if not any(k != w and k in w for k in longest)))


# the text last asked about, and its casefolding (None where that is no guide: not in place, or a dotless ı)
_FOLDED: list[tuple[str, str | None]] = []


def settles(text: str, pos: int, end: int) -> bool:
    """`_settle().search(text, pos, end) is not None`. The stretch runs from the actor, which may
    be named sentences before ("the story's main company"), so it is often long; the regex runs
    only where the casefolded stretch holds every word of a phrase (found by `str.find`: a text's
    casefolding keeps its offsets when its length is kept, and re's case-blind match reads ı as i
    where casefolding does not)."""
    folded: str | None
    kept = _FOLDED[0] if _FOLDED else None  # read once: another thread may replace it
    if kept is None or kept[0] is not text:
        folded = text.casefold()
        kept = (text, folded if len(folded) == len(text) and "\u0131" not in folded else None)
        _FOLDED[:] = [kept]
    folded = kept[1]
    if folded is not None and (not any(folded.find(k, pos, end) >= 0 for k in _settle_keys()) or not any(
            all(folded.find(w, pos, end) >= 0 for w in words) for words in _settle_words())):
        return False
    return _settle().search(text, pos, end) is not None


@lru_cache(maxsize=1)
def _against() -> re.Pattern[str]:
    """"against (online marketplace) X", "针对X": up to three lower-case words between (against of _roles.json)."""
    w = role_cues("against")
    guard = first_chars([*w["en_words"], *w["zh_words"]])
    return re.compile(rf"{guard}(?:\b(?:{phrases(w['en_words'])})|(?:{phrases(w['zh_words'])}))"
                      r"\s*(?:the\s+)?(?:[a-z-]+\s+){0,3}\Z")


@lru_cache(maxsize=1)
def _against_words() -> re.Pattern[str]:
    """The words of `_against` alone: a sentence without one has no name after "against" (one search
    of the sentence instead of one before each of its names)."""
    w = role_cues("against")
    return re.compile(rf"{first_chars([*w['en_words'], *w['zh_words']])}(?:{phrases(w['en_words'])}|{phrases(w['zh_words'])})")


@lru_cache(maxsize=1)
def _added_penalty() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """"并处罚金": the words opening a clause that adds a fine, the verbs that pass the sentence
    before it and the passive marker 被 where it opens no noun (被告人) (added_penalty of _roles.json)."""
    w = role_cues("added_penalty")
    return (re.compile(rf"(?:{ordered_alternation(w['zh_openers'])})"),
            re.compile(rf"(?:{ordered_alternation(w['zh_sentence_verbs'])})"),
            re.compile(rf"被(?!{ordered_alternation([n[1:] for n in w['zh_nouns']])})"))


_CLAUSE_STOP = re.compile(r"[，,；;：:。！？!?]")


def sentenced_party(text: str, everyone: list[Mention], hit: TriggerHit, lo: int, c_lo: int) -> Mention | None:
    """"X被判处有期徒刑五年，并处罚金二万元", "法院判处X有期徒刑，并处罚金": the party sentenced in the
    clauses before a clause that adds a fine (people included), or None when that is not the form."""
    opener, verbs, passive = _added_penalty()
    if c_lo <= lo or not opener.fullmatch(text, c_lo, hit.start):
        return None
    before = actor_candidates(everyone, lo, c_lo)
    bei = max((x.start() for x in passive.finditer(text, lo, c_lo)), default=-1)
    if bei >= 0:  # the party before the passive marker, in the same clause as it
        stop = max((x.end() for x in _CLAUSE_STOP.finditer(text, lo, bei)), default=lo)
        found = [m for m in before if stop <= m.start and m.end <= bei]
        return found[-1] if found else None
    verb = verbs.search(text, lo, c_lo)
    if verb is not None:  # the first name after the verb that passes the sentence
        found = [m for m in before if m.start >= verb.end() and not _CLAUSE_STOP.search(text, verb.end(), m.start)]
        return found[0] if found else None
    return None


@lru_cache(maxsize=1)
def _anonymous() -> re.Pattern[str]:
    """"郭某", "张某某": a person a court report names by surname only."""
    from ..mentions.names_common import names_lexicon

    surnames = sorted((n for n in names_lexicon().surnames if n), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, surnames))})某{{1,2}}(?!{_NOT_PERSON})")


# "某某公司", "何某些": 某 before these words makes no person
_NOT_PERSON = "某*(?:公司|企业|集团|单位|些|种|个|地|市|县|省|区|镇|村|品牌|平台|机构|部门|银行|医院|网站|店)"


def anonymous_people(text: str, lo: int, hi: int, known: list[Mention]) -> list[Mention]:
    """"法院判处韩某有期徒刑", "对曹某提起公诉": the people of the sentence named by surname and 某
    that no extractor named, as person mentions of the events extractor."""
    out: list[Mention] = []
    if text.find("某", lo, hi) < 0:
        return out  # (every such name holds 某: most sentences have none, and the surnames are many)
    for m in _anonymous().finditer(text, lo, hi):
        a, b = m.span()
        if not any(x.start < b and a < x.end for x in known):
            out.append(Mention(text=m.group(), start=a, end=b, type="Person", extractor="events", confidence=0.5))
    return out


def body_after(mentions: list[Mention], hit: TriggerHit, c_hi: int) -> Mention | None:
    """"a penalty the KFTC announced against X": with no actor before the trigger, the body after it."""
    return next((m for m in actor_candidates(mentions, hit.end, c_hi) if m.type == "GovernmentBody"), None)


@lru_cache(maxsize=1)
def _hit_with() -> re.Pattern[str]:
    """"slapped B with a $76,500 fine": the object between the verb and "with" (hit_with of _roles.json)."""
    verbs = ordered_alternation(role_cues("hit_with")["en_verbs"])
    return re.compile(rf"\b(?:{verbs})\s+(?P<obj>[^;]{{1,80}}?)\s+with\s+[^;]{{0,40}}\Z", re.IGNORECASE)


def _struck_with(text: str, everyone: list[Mention], hit: TriggerHit, lo: int,
                 actor: Mention | None) -> tuple[Mention | None, list[Mention]] | None:
    """(the body that acts, [the firm punished]) for "A slapped B with a fine", or None."""
    m = _hit_with().search(text, lo, hit.start)
    objects = [c for c in actor_candidates(everyone, m.start("obj"), m.end("obj")) if c.type in ORGANIZATION_TYPES] if m else []
    if m is None or not objects:  # (no match: no objects)
        return None
    target = objects[-1]  # "Alibaba's biggest rival, JD.com": the last name is the one struck
    bodies = [c for c in actor_candidates(everyone, lo, m.start()) if c.type == "GovernmentBody"]
    body = bodies[-1] if bodies else (actor if actor is not None and key(actor) != key(target) else None)
    return body, [target]


def enforcement_parties(doc: EventDoc, mentions: list[Mention], everyone: list[Mention], hit: TriggerHit,
                        actor: Mention | None, affects: list[Mention], score: float, lo: int,
                        hi: int) -> tuple[Mention | None, list[Mention]]:
    """(actor, affected) once the generic rules named them: the body acts, the firm is punished."""
    text, words = doc.text, doc.words
    if words.lang == "en" and (struck := _struck_with(text, everyone, hit, lo, actor)) is not None:
        return struck
    if actor is not None and actor.type != "GovernmentBody":
        # "The FTC on Wednesday ordered operator Cartwheel Inc to pay $18.5M in penalties": the body named
        # first in the sentence acts on the company named after it
        first = next((m for m in actor_candidates(mentions, lo, actor.start)
                      if not is_attribution(text, m, lo, words)), None)
        if first is not None and first.type == "GovernmentBody":  # the object of its verb is the party
            obj = next((m for m in actor_candidates(mentions, first.end, actor.end)
                        if m.type != "GovernmentBody" and m.type in ORGANIZATION_TYPES), actor)
            affects, actor = [obj, *[m for m in affects if key(m) != key(obj)]], first
    if actor is not None and actor.type != "GovernmentBody" and settles(
            text, actor.end, hit.end + 40):  # "X has agreed to pay $18.5M to settle FTC charges": X is punished
        body = next((m for m in actor_candidates(mentions, lo, hi) if m.type == "GovernmentBody"), None) or \
            doc.recent_regulator(hit.start)
        if body is not None:
            affects, actor = [actor, *affects], body
    if not affects and words.party.search(text, lo, hi):
        party = doc.recent_party(lo)  # "没收当事人违法所得": the party the story is about
        affects = [party] if party is not None and (actor is None or key(party) != key(actor)) else []
    if not affects and _against_words().search(text, lo, hi) is not None:  # "a penalty the KFTC announced against Coupang"
        against = _against()
        target = [m for m in actor_candidates(everyone, lo, hi) if against.search(text[max(lo, m.start - 40) : m.start])
                  and (actor is None or key(m) != key(actor) or score < 1)][:1]
        if target and actor is not None and key(target[0]) == key(actor):
            actor = None  # "A group of shoppers filed a lawsuit against X": X is sued, the plaintiffs are unnamed
        affects = list_after(text, everyone, target[0].start, hi, words) if target else []  # and its CEO
    return actor, affects


def checked_enforcement(doc: EventDoc, mentions: list[Mention], hit: TriggerHit, c_lo: int, lo: int, hi: int,
                        actor: Mention | None, affects: list[Mention],
                        score: float) -> tuple[Mention | None, list[Mention], float] | None:
    """None when the sentence reports no new enforcement (a visit; an answer to a penalty already
    reported); else (actor, affected, score), the party that answers a penalty turned into the one punished."""
    text, lang = doc.text, doc.words.lang
    if is_visit(text, c_lo, hit.start, lang):
        return None  # "went to Shenzhen to understand the impact of the store closures": a visit
    if responds(text, actor, c_lo, hit.start, lang):  # "X表示接受处罚": X answers a penalty
        if "Enforcement" in doc.last:
            return None  # the sentence goes on about the penalty already reported
        affects = list(unique([actor, *affects])) if actor is not None else affects
        actor = next((m for m in actor_candidates(mentions, lo, hi) if m.type == "GovernmentBody"
                      and all(key(m) != key(a) for a in affects)), None) or doc.recent_regulator(hit.start)
        score = 0.8
    return actor, affects, score
