"""Event roles from sentence structure: actor, affected parties, participants, subject matter.

Rules, not a parser: the actor is the organisation before the trigger (or after the agent
marker of a passive: "B被A处罚", "B was fined by A"), a pronoun ("the platform", 该平台)
points to the platform last named, and the affected parties are the whole list that follows
the trigger ("清退中通冷链、吉时达等物流商"). The words used live in
`kg/lexicons/triggers/_roles.json`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ...model import Mention
from ...text import HAN_BASIC
from ..cues import phrases
from ..patterns import first_chars, mark_offsets, ordered_alternation
from .role_words import ACTOR_TYPES, RoleWords, role_cues

_CLAUSE = {"zh": "，,；;：:", "en": ";:"}


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int, lang: str) -> tuple[int, int]:
    """The clause around text[start:end] within the sentence [lo, hi)."""
    at = mark_offsets(text, _CLAUSE["zh" if lang == "zh" else "en"])  # (`last_mark` and `first_mark`, inlined)
    if start > lo:  # after the last stop before `start`
        i = bisect_left(at, start) - 1
        a = at[i] + 1 if i >= 0 and at[i] >= lo else max(lo, 0)
    else:
        a = start
    if end < hi:  # the first stop at or after `end`
        i = bisect_left(at, max(end, 0))
        b = at[i] if i < len(at) and at[i] < hi else hi
    else:
        b = end
    return a, b


def is_venue(text: str, m: Mention, words: RoleWords) -> bool:
    """True for an exchange or place named as where something happens (在港交所, "on the Nasdaq")."""
    return bool(words.venue.search(text, max(0, m.start - 12), m.start))


# (the text, the role words) last asked about, and the answers for it by (start, end, type, window start)
_ATTRIBUTED: list[tuple[str, RoleWords, dict[tuple[int, int, str, int], bool]]] = []


def is_attribution(text: str, m: Mention, lo: int, words: RoleWords) -> bool:
    """True for a news source named as such ("According to Caixin", 据新华社).

    Many rules ask this of the same names of one document: the answers are kept for the text
    last asked about (the answer depends on the text, the name's span and type, and where the
    sentence starts when that is within the 16 characters before the name)."""
    kept = _ATTRIBUTED[0] if _ATTRIBUTED else None  # read once: another thread may replace it
    if kept is None or kept[0] is not text or kept[1] is not words:
        kept = (text, words, {})
        _ATTRIBUTED[:] = [kept]
    key = (m.start, m.end, m.type, max(lo, m.start - 16))
    answer = kept[2].get(key)
    if answer is None:
        answer = kept[2][key] = _is_attribution(text, m, key[3], words)
    return answer


_SOURCE_CLAUSE = re.compile(r"[，,：:；;]")


def _is_attribution(text: str, m: Mention, lo: int, words: RoleWords) -> bool:
    before = _SOURCE_CLAUSE.split(text[lo : m.start])[-1]  # "据公告，A": A is no source
    after = text[m.end : m.end + 6].lstrip("》”\" ")
    if words.lang == "zh":
        told_to, told_said = _told_source()
        if _ZH_DATELINE.match(text, m.end) or (told_to.search(text, max(0, m.start - 2), m.start)
                                               and told_said.match(text, m.end)):
            return True  # "新华社北京11月14日电", "新浪科技讯", "商家向亿邦动力表示"
    if words.source.search(before):
        return True  # "据新华社"
    credit = max(lo, m.start - 8)
    if (text.find(":", credit, m.start) >= 0 or text.find("：", credit, m.start) >= 0) \
            and _credit(words.source.pattern).search(text, credit, m.start):
        return True  # "来源：某某财经" (a colon, then only spaces, before the name)
    # "Reuters reported", "据新华社报道": an outlet that reports is a source; "TikTok Shop said that …" acts
    return bool(words.source_after.match(after)) and (words.lang == "zh" or m.type == "Organization")


# "新华社北京11月14日电", "新浪科技讯", "某某财经APP讯", "某经AI快讯", "某某汇4月21日丨", "某某报记者从…获悉"
_ZH_DATELINE = re.compile(rf"[{HAN_BASIC}]{{0,4}}\d{{1,2}}月\d{{1,2}}日(?:电|\s*[丨｜|])"
                          rf"|\s?[A-Za-z]{{0,4}}[{HAN_BASIC}]{{0,3}}讯(?=[\s\d　，,：:（(]|\Z)|记者(?!表示|称|说)")


@lru_cache(maxsize=2)
def _credit(source: str) -> re.Pattern[str]:
    """"来源：某某财经": a source word (`source`, the pattern of the role words' sources) and a colon right
    before the name (the clause split drops it). Keyed by the pattern's text, not the role words: hashing
    those hashes every compiled pattern they hold, at each of the many calls."""
    return re.compile(rf"(?:{source})\s*[:：]\s*\Z", re.IGNORECASE)


@lru_cache(maxsize=1)
def _store_after() -> re.Pattern[str]:
    """"天貓國際旗艦店", "the Amazon storefront": words after a platform that make it the place of a store."""
    w = role_cues("store_after")
    return re.compile(rf"(?:{ordered_alternation(w['zh_places'])})?(?:{ordered_alternation(w['zh_stores'])})"
                      rf"|\s+(?:{ordered_alternation(w['en_stores'])})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _told_source() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"商家向亿邦动力表示": the words before and after an outlet that is told something (told_source of _roles.json)."""
    words = role_cues("told_source")
    to = re.compile(rf"(?:{ordered_alternation(words['to'])})\Z")
    said = re.compile(rf"(?:{ordered_alternation(words['reporters'])})?(?:{ordered_alternation(words['verbs'])})")
    return to, said


_ACTOR_SET = frozenset(ACTOR_TYPES)  # (a set: this test runs for every name at every step)


def actor_candidates(mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    return [m for m in mentions if lo <= m.start and m.end <= hi and m.type in _ACTOR_SET]


def passive_agent(text: str, mentions: list[Mention], t_start: int, t_end: int, lo: int, hi: int,
                  words: RoleWords) -> Mention | None:
    """The agent of a passive trigger: "被A处罚" (zh) or "fined by A" (en)."""
    cands = actor_candidates(mentions, lo, hi)
    if words.lang == "zh":
        for m in reversed([c for c in cands if c.end <= t_start]):
            head = text[max(lo, m.start - 3) : m.start]
            gap = text[m.end : t_start]
            if words.agent.search(head) and len(gap) <= 8 and not re.search(r"[，,。；]", gap):
                return m
        return None
    tail_cands = [c for c in cands if c.start >= t_end]
    for m in tail_cands:
        gap = text[t_end : m.start]
        if len(gap) <= 70 and _BY_AGENT.search(gap) and ";" not in gap:
            return m
    return None


# "fined … by (the) France's competition watchdog X": up to four words between "by" and the agent
_BY_AGENT = re.compile(r"(?<![\w-])by\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,4}\Z", re.IGNORECASE)


def is_passive(text: str, t_start: int, lo: int, words: RoleWords) -> bool:
    """True when the trigger is used passively ("were blocked", "被清退")."""
    before = text[max(lo, t_start - 14) : t_start]
    if words.lang == "zh":
        # (a trigger may itself open with the passive marker: 被罚, 遭罚)
        return bool(words.agent.search(before[-6:]) or words.passive.search(before[-3:]) or words.passive.match(text, t_start))
    return bool(_passive_en(words.passive.pattern).search(before))


@lru_cache(maxsize=4)
def _passive_en(passive: str) -> re.Pattern[str]:
    """"were blocked", "has been quietly removed": a passive word (and an adverb or "been") right before."""
    return re.compile(r"(?:" + passive + r")\s+(?:\w+ly\s+|been\s+)?\Z", re.IGNORECASE)


def reporting_subject(text: str, mentions: list[Mention], pos: int, lo: int, words: RoleWords) -> Mention | None:
    """"Northwind said on Monday it had agreed to acquire…", "A表示，其将收购…": the pronoun
    subject of the reported clause is the organisation that reports it."""
    cands = actor_candidates(mentions, lo, pos)
    if not cands:
        return None
    m = cands[-1]
    return m if words.reported.match(text[m.end : pos]) else None


def reason_subject(text: str, m: Mention, pos: int, words: RoleWords) -> bool:
    """True when `m` is the subject of a cause clause before the trigger ("B因虚假宣传，被处以罚款")."""
    return bool(words.cause.match(text, m.end)) and m.end < pos


def nearest_before(text: str, mentions: list[Mention], pos: int, lo: int, words: RoleWords,
                   exclude: set[tuple[int, int]]) -> Mention | None:
    """The actor-type mention closest before `pos` in the sentence, not a cited source."""
    best = None
    counterparts: set[str] = set()
    last_counterpart: int | None = None
    skip = asides(text, lo, pos) if words.lang == "en" else []
    instrument, store_after, counterpart_before = _instrument(), _store_after(), _counterpart_before()
    for m in actor_candidates(mentions, lo, pos):
        if (exclude and (m.start, m.end) in exclude) or is_attribution(text, m, lo, words):
            continue
        if skip and within(m, skip):
            continue  # "X, which competes with Y, said": Y is not the subject
        if instrument.search(text[max(lo, m.start - 8) : m.start]):
            continue  # "通过其微信小程序发布公告", "via its WeChat account": the channel, not the actor
        if store_after.match(text, m.end):
            continue  # "天貓國際旗艦店將停止營運": the platform is where the store is, not who closes it
        name = m.key or (m.alias_of or m.text)
        bracketed = last_counterpart is not None and (_IN_BRACKET.fullmatch(text, last_counterpart, m.start)
                                                      or words.separator.match(text[last_counterpart : m.start]))
        if name in counterparts or bracketed or (words.lang == "zh" and text.endswith(counterpart_before, lo, m.start)):
            counterparts.add(name)  # "A已与B（简称b）股东签署协议，以…收购b": B is the counterparty, A the subject
            last_counterpart = m.end
            continue
        best = m
    if words.lang == "en" and best is not None:
        # "Stylehaus Group plc, the fast-fashion label that sells through ASOS, Zalando and its own app, began
        # trading": a name that opens the sentence with an apposition is the subject when a comma still
        # stands between the last name and the verb
        first = next((m for m in actor_candidates(mentions, lo, pos) if not is_attribution(text, m, lo, words)), None)
        if (first is not None and first is not best and _apposition().match(text, first.end)
                and "," in text[best.end : pos] and not text[lo : first.start].strip(" \"“")):
            return first
    return best


_IN_BRACKET = re.compile(r"[（(][^）)]*")  # "A（简称a": a name inside the bracket after the counterparty


@lru_cache(maxsize=1)
def _instrument() -> re.Pattern[str]:
    """"通过其微信小程序", "via its WeChat account": the words before a channel (instrument of _roles.json)."""
    w = role_cues("instrument")
    guard = first_chars([*w["zh_words"], *w["en_words"]])  # (one test per place before the branches)
    return re.compile(rf"{guard}(?:{phrases(w['zh_words'])}|\b(?:{phrases(w['en_words'])}))\s*(?:{phrases(w['owners'])})?\s*\Z",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _apposition() -> re.Pattern[str]:
    """"Stylehaus Group plc, the fast-fashion label …": a legal form and an apposition (apposition of _roles.json)."""
    forms = phrases(role_cues("apposition")["en_legal_forms"])
    return re.compile(rf"(?:\s+(?:{forms}))?,\s+(?:a|an|the)\s", re.IGNORECASE)


@lru_cache(maxsize=1)
def _aside() -> re.Pattern[str]:
    """", which competes with Y,", ", based in Austin,": an aside between commas (asides of _roles.json)."""
    return re.compile(rf",\s+(?:{phrases(role_cues('asides')['en_words'])}|an?)\b[^,;]*,")


@lru_cache(maxsize=1)
def _counterpart_before() -> tuple[str, ...]:
    """"A已与B签署协议": the words before a counterparty (counterpart_before of _roles.json)."""
    return tuple(role_cues("counterpart_before")["zh_words"])


def within(m: Mention, spans: list[tuple[int, int]]) -> bool:
    """True when the mention lies inside one of the spans (an aside, a bracket)."""
    return any(a <= m.start and m.end <= b for a, b in spans)


def asides(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Relative clauses and "based in" asides between commas, which never hold the subject."""
    return [(m.start(), m.end()) for m in _aside().finditer(text, lo, hi)]


def quoted_names(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Spans of 《…》 and “…” names in the sentence, with their bracket kind."""
    out: list[tuple[int, int, str]] = []
    sentence = text[lo:hi]
    if "《" not in sentence and "“" not in sentence and '"' not in sentence:
        return out  # every name of _QUOTED opens with one of these (most sentences have none)
    for m in _QUOTED.finditer(sentence):
        g = next(i for i in range(1, 5) if m.group(i))
        out.append((lo + m.start(g), lo + m.end(g), "book" if g == 1 else "quote"))
    return out


# Chinese quoted names are short; an English Title Case name in quotes may be longer
# ("Douyin Beautiful Harvest Festival").
_EN_QUOTED = r"[A-Z0-9][\w&'.-]*(?:\s+[\w&'.-]+){0,7}"
_QUOTED = re.compile(rf"《([^《》]{{2,40}})》|“([^“”]{{2,20}})”|[“\"]({_EN_QUOTED})[”\"]|\"([^\"]{{2,30}})\"")
