"""Event roles from sentence structure: actor, affected parties, participants, subject matter.

Rules, not a parser: the actor is the organisation before the trigger (or after the agent
marker of a passive: "B被A处罚", "B was fined by A"), a pronoun ("the platform", 该平台)
points to the platform last named, and the affected parties are the whole list that follows
the trigger ("清退中通冷链、吉时达等物流商"). The words used live in
`kg/lexicons/triggers/_roles.json`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import LexiconError
from ..lexicons import load_json, load_words
from ..model import ORGANIZATION_TYPES, Mention
from .triggers import TRIGGER_DIR, _any_of

ROLES_FILE = TRIGGER_DIR / "_roles.json"
ACTOR_TYPES = (*ORGANIZATION_TYPES, "Person")
ABOUT_TYPES = ("Policy", "Service")
_CLAUSE = {"zh": "，,；;：:", "en": ";:"}
_WINDOW = {"zh": 16, "en": 70}
_KEYS = (
    "pronouns", "passive", "agent", "list_separators", "list_openers", "list_closers",
    "future", "report_date", "source_markers", "source_after", "receivers", "list_stop",
    "investor_after", "investor_before", "anaphors", "closing", "both_parties", "venue",
    "regulator_pronouns", "reporting_verbs", "reported_subjects", "cause_markers", "noun_followers",
    "party_pronouns", "exchanges",
)


@dataclass(frozen=True)
class RoleWords:
    """Compiled word lists of `_roles.json` for one language."""

    lang: str
    pronoun: re.Pattern[str]
    passive: re.Pattern[str]
    agent: re.Pattern[str]
    separator: re.Pattern[str]  # whole gap between two list items
    opener: re.Pattern[str]
    closer: re.Pattern[str]
    future: re.Pattern[str]
    source: re.Pattern[str]
    source_after: re.Pattern[str]
    receiver: re.Pattern[str]
    list_stop: frozenset[str]
    investor_after: re.Pattern[str]  # at the start of the text after an investor
    investor_before: re.Pattern[str]  # at the end of the text before an investor
    anaphor: re.Pattern[str]  # at the end of the text before a trigger that refers back
    closing: re.Pattern[str]
    both: re.Pattern[str]
    venue: re.Pattern[str]  # at the end of the text before a venue
    regulator: re.Pattern[str]  # "the regulator": the government body last named
    reported: re.Pattern[str]  # "said on Monday it had agreed to": whole text between reporter and trigger
    cause: re.Pattern[str]  # at the start of the text after the punished party: "B因…"
    noun: re.Pattern[str]  # right after a trigger used as a noun: 处罚决定 (the decision of an event told before)
    party: re.Pattern[str]  # 当事人, "the company": the party an enforcement story is about
    exchange: re.Pattern[str]  # in an exchange's name: it lists or suspends others, it is not listed


@lru_cache(maxsize=2)
def role_words(lang: str) -> RoleWords:
    """Load and compile the role words for `lang` ("zh" or "en")."""
    data = load_json(ROLES_FILE)
    lang = "zh" if lang == "zh" else "en"
    for key in _KEYS:
        entry = data.get(key)
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(lg), list) and all(isinstance(w, str) and w for w in entry[lg]) for lg in ("zh", "en")
        ):
            raise LexiconError(f"{ROLES_FILE}: {key!r} needs lists of words for 'zh' and 'en'")

    def pat(key: str) -> re.Pattern[str]:
        return _any_of(data[key][lang], lang)

    seps = sorted(data["list_separators"][lang], key=len, reverse=True)
    sep = re.compile(r"\s*(?:" + "|".join(re.escape(s) for s in seps) + r")\s*\Z", re.IGNORECASE)
    return RoleWords(
        lang, pat("pronouns"), pat("passive"), pat("agent"), sep, pat("list_openers"), pat("list_closers"),
        pat("future"), pat("source_markers"), pat("source_after"), pat("receivers"),
        frozenset(w.casefold() for w in data["list_stop"][lang]),
        re.compile(r"\s*(?:" + pat("investor_after").pattern + ")", re.IGNORECASE),
        re.compile("(?:" + pat("investor_before").pattern + r")\s*(?:the\s+)?\Z", re.IGNORECASE),
        re.compile("(?:" + pat("anaphors").pattern + r")\s*\Z", re.IGNORECASE),
        pat("closing"), pat("both_parties"),
        re.compile("(?:" + pat("venue").pattern + r")\s*\Z", re.IGNORECASE),
        pat("regulator_pronouns"),
        _reported(pat("reporting_verbs").pattern, pat("reported_subjects").pattern, lang),
        re.compile(r"[”\"’）)]*\s*(?:" + pat("cause_markers").pattern + ")", re.IGNORECASE),
        re.compile(r"\s*(?:" + pat("noun_followers").pattern + ")", re.IGNORECASE),
        pat("party_pronouns"),
        re.compile("|".join(re.escape(w) for w in data["exchanges"][lang]), re.IGNORECASE),
    )


def _reported(verbs: str, subjects: str, lang: str) -> re.Pattern[str]:
    """The stretch "said (on Monday) (that) it (had agreed to)" between a reporter and a trigger."""
    if lang == "zh":
        return re.compile(rf"\s*(?:{verbs})[，,：:\s]*(?:{subjects})[^，,。；;]{{0,10}}\Z")
    return re.compile(rf"\s+(?:{verbs})\b[^;:.\"“]{{0,40}}?\b(?:that\s+)?(?:{subjects})\s+(?:[\w'-]+\s+){{0,4}}\Z",
                      re.IGNORECASE)


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int, lang: str) -> tuple[int, int]:
    """The clause around text[start:end] within the sentence [lo, hi)."""
    stops = _CLAUSE["zh" if lang == "zh" else "en"]
    a = start
    while a > lo and text[a - 1] not in stops:
        a -= 1
    b = end
    while b < hi and text[b] not in stops:
        b += 1
    return a, b


def investors(text: str, mentions: list[Mention], lo: int, hi: int, words: RoleWords) -> list[Mention]:
    """Every organisation of the sentence named as an investor: "由A领投，B跟投", "led by A, with participation from B";
    a person only as an angel ("天使投资人周默", "angel investor Maya Ellison", "由周默独家投资")."""
    cands = actor_candidates(mentions, lo, hi)
    angels: list[Mention] = []
    for m in cands:
        if m.type != "Person":
            continue
        if _ANGEL.search(text, max(lo, m.start - 20), m.start) or words.investor_after.match(text, m.end) or (
                angels and words.separator.match(text[angels[-1].end : m.start])):  # "angel investors A and B"
            angels.append(m)
    orgs = [m for m in cands if m.type in ORGANIZATION_TYPES or m in angels]
    out: list[Mention] = []
    for i, m in enumerate(orgs):
        if words.investor_after.match(text, m.end):  # "A、B和C跟投": the whole list before the word
            out.extend(x for x in list_ending_at(text, orgs[:i], m, words) if x not in out)
            if m not in out:
                out.append(m)
        elif words.investor_before.search(text, max(lo, m.start - 24), m.start):
            if m not in out:
                out.append(m)
            out.extend(x for x in _list_going_on(text, orgs[i + 1 :], m, words) if x not in out)
    return out


# "A and existing investor B", "A、日本創投B": a role or a kind of investor between two list items
_AND_EXISTING = re.compile(r"\s*(?:,|and|、|和|及)\s*(?:existing\s+investors?|老股东|老股東"
                           r"|[\u4e00-\u9fff]{0,4}(?:创投|創投|基金|资本|資本|投资机构|投資機構|投资方|投資方))\s*")
_ANGEL = re.compile(
    r"(?:天使投资人|个人投资者|天使投資人|個人投資者|angel investors?|individual investors?)[\s、,，]*(?:and\s+)?\Z",
    re.IGNORECASE)


def _list_going_on(text: str, after: list[Mention], first: Mention, words: RoleWords) -> list[Mention]:
    """The items joined to `first` by list separators only ("led by A, B and C")."""
    items: list[Mention] = []
    prev = first
    for m in after:
        if not words.separator.match(text[prev.end : m.start]):
            break
        items.append(m)
        prev = m
    return items


_EN_INVESTOR_LIST = re.compile(
    r"(?:the\s+)?([A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&|of))*)"
    r"((?:\s*(?:,\s*and|,|\band\b|&)\s*(?:the\s+)?[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&|of))*)*)"
)
_ZH_INVESTOR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,14}")


def unknown_investors(text: str, mentions: list[Mention], lo: int, hi: int, words: RoleWords) -> list[Mention]:
    """Investors no extractor knew, named right after "led by"/"participation from" or between
    由 and 领投: the sentence structure says they are organisations ("led by Tiger Global")."""
    taken = [m for m in mentions if lo <= m.start and m.end <= hi]
    out: list[Mention] = []

    def add(a: int, b: int) -> None:
        if b - a >= 2 and not any(t.start < b and a < t.end for t in taken + out):
            out.append(Mention(text=text[a:b], start=a, end=b, type="Company", extractor="events", confidence=0.6))

    if words.lang == "zh":
        for you in re.finditer("由", text[lo:hi]):
            a = lo + you.end()
            b = next((b for b in range(a + 2, min(a + 15, hi)) if words.investor_after.match(text, b)), None)
            if b is not None and _ZH_INVESTOR.fullmatch(text, a, b):
                add(a, b)
        return out
    for mt in re.finditer(words.investor_before.pattern.replace(r"\Z", ""), text[lo:hi], re.IGNORECASE):
        pos = lo + mt.end()
        names = _EN_INVESTOR_LIST.match(text, pos, hi)
        if not names:
            continue
        for part in re.split(r"\s*(?:,\s*and\b|,|\band\b|&)\s*", names.group(0)):
            part = re.sub(r"^the\s+", "", part.strip())
            if not part or part in words.list_stop or part.casefold() in words.list_stop:
                continue
            a = text.index(part, pos)
            size = len(part) - (1 if part.endswith(".") and part.split()[-1] not in _abbreviations() else 0)
            add(a, a + size)
            pos = a + len(part)
    return out


def list_ending_at(text: str, before: list[Mention], last: Mention, words: RoleWords) -> list[Mention]:
    """The items joined to `last` by list separators, nearest first reversed ("A、B和C" ends at C)."""
    items: list[Mention] = []
    nxt = last
    for m in reversed(before):
        between = text[m.end : nxt.start]
        if not (words.separator.match(between) or _AND_EXISTING.fullmatch(between)):  # only a separator between
            break
        items.insert(0, m)
        nxt = m
    return items


def is_venue(text: str, m: Mention, words: RoleWords) -> bool:
    """True for an exchange or place named as where something happens (在港交所, "on the Nasdaq")."""
    return bool(words.venue.search(text, max(0, m.start - 12), m.start))


def is_attribution(text: str, m: Mention, lo: int, words: RoleWords) -> bool:
    """True for a news source named as such ("According to Caixin", 据新华社)."""
    before = re.split(r"[，,：:；;]", text[max(lo, m.start - 16) : m.start])[-1]  # "据公告，A": A is no source
    after = text[m.end : m.end + 6].lstrip("》”\" ")
    told = _ZH_TOLD.search(text, max(0, m.start - 2), m.start) and _ZH_SAID.match(text, m.end)
    if words.lang == "zh" and (_ZH_DATELINE.match(text, m.end) or told):
        return True  # "新华社北京11月14日电", "新浪科技讯", "商家向亿邦动力表示"
    return bool(words.source.search(before)) or bool(words.source_after.match(after))


_ZH_DATELINE = re.compile(r"[\u4e00-\u9fff]{0,4}\d{1,2}月\d{1,2}日电|[\u4e00-\u9fff]{0,3}讯(?=[\s\d　，,：:（(]|\Z)")
_ZH_TOLD = re.compile(r"(?:向|告诉|對|对|回应|回复|答复|接受)\Z")
_ZH_SAID = re.compile(r"(?:记者|記者)?(?:表示|透露|介绍|称|稱|证实|回应|坦言|采访|採訪)")


def actor_candidates(mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    return [m for m in mentions if lo <= m.start and m.end <= hi and m.type in ACTOR_TYPES]


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
        return bool(words.agent.search(before[-6:]) or words.passive.search(before[-3:]))
    return bool(re.search(r"(?:" + words.passive.pattern + r")\s+(?:\w+ly\s+|been\s+)?\Z", before, re.IGNORECASE))


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
    for m in actor_candidates(mentions, lo, pos):
        if (m.start, m.end) in exclude or is_attribution(text, m, lo, words):
            continue
        if any(a <= m.start and m.end <= b for a, b in skip):
            continue  # "X, which competes with Y, said": Y is not the subject
        if _INSTRUMENT.search(text[max(lo, m.start - 8) : m.start]):
            continue  # "通过其微信小程序发布公告", "via its WeChat account": the channel, not the actor
        if _STORE_AFTER.match(text, m.end):
            continue  # "天貓國際旗艦店將停止營運": the platform is where the store is, not who closes it
        name = m.key or (m.alias_of or m.text)
        bracketed = last_counterpart is not None and re.fullmatch(r"[（(][^）)]*", text[last_counterpart : m.start])
        if name in counterparts or bracketed or (words.lang == "zh" and best is not None
                                                 and text[max(lo, m.start - 1) : m.start] in ("与", "和", "同", "跟")):
            counterparts.add(name)  # "A已与B（简称b）股东签署协议，以…收购b": B is the counterparty, A the subject
            last_counterpart = m.end
            continue
        best = m
    if words.lang == "en" and best is not None:
        # "Stylehaus Group plc, the fast-fashion label that sells through ASOS, Zalando and its own app, began
        # trading": a name that opens the sentence with an apposition is the subject when a comma still
        # stands between the last name and the verb
        cands = [m for m in actor_candidates(mentions, lo, pos) if not is_attribution(text, m, lo, words)]
        first = cands[0] if cands else None
        if (first is not None and first is not best and _APPOSITION.match(text, first.end)
                and "," in text[best.end : pos] and not text[lo : first.start].strip(" \"“")):
            return first
    return best


_INSTRUMENT = re.compile(r"(?:通过|借助|經由|经由|透過|\bvia|\bthrough|\busing)\s*(?:其|旗下|its|their|the)?\s*\Z", re.IGNORECASE)
_STORE_AFTER = re.compile(r"(?:国际|國際|平台|平臺|上的|上)?(?:旗舰店|旗艦店|官方旗舰店|官方旗艦店|店铺|店鋪|官方店|网店|網店|"
                          r"小程序)|\s+(?:store|storefront|shop|flagship)\b", re.IGNORECASE)
_APPOSITION = re.compile(r"(?:\s+(?:plc|inc\.?|ltd\.?|llc|corp\.?|co\.|ag|se|nv|n\.v\.|b\.v\.|s\.a\.|gmbh))?"
                         r",\s+(?:a|an|the)\s", re.IGNORECASE)
_ASIDE = re.compile(r",\s+(?:which|who|whose|based in|headquartered in|founded in|owned by|an?)\b[^,;]*,")


def asides(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Relative clauses and "based in" asides between commas, which never hold the subject."""
    return [(m.start(), m.end()) for m in _ASIDE.finditer(text, lo, hi)]


def list_after(text: str, mentions: list[Mention], pos: int, hi: int, words: RoleWords,
               types: tuple[str, ...] = ACTOR_TYPES) -> list[Mention]:
    """Every mention of a list that starts soon after `pos` ("A、B和C", "A, B, and C")."""
    cands = [m for m in mentions if m.start >= pos and m.end <= hi and m.type in types]
    if not cands:
        return []
    first = cands[0]
    gap = text[pos : first.start]
    if len(gap) > _WINDOW[words.lang] or re.search(r"[。；;]", gap):
        return []
    out = [first]
    for m in cands[1:]:
        between = _BRACKETS.sub("", text[out[-1].end : m.start])  # "A(简称a)、B(简称b)": the short forms sit in brackets
        if m.type == "Person" and _ITS_TITLE.fullmatch(between):
            out.append(m)  # "BoxBloom and its co-founder and chief executive, Vanessa Pryor"
            continue
        if not words.separator.search(between) or len(between.strip()) > 12:
            break
        out.append(m)
    return out


_BRACKETS = re.compile(r"[(（][^()（）]{0,12}[)）]|[“”\"()（）]")
_ITS_TITLE = re.compile(r",?\s*(?:and|as well as)\s+(?:its|their)\s+[\w\s'’-]{2,60}?,?\s*|(?:及其|以及其|和其)[^，。；]{1,12}")


_EN_ITEM = r"[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&|of|de))*"
_EN_LIST = re.compile(rf"({_EN_ITEM})((?:\s*(?:,\s*and|,\s*or|,|\band\b|\bor\b|&)\s*{_EN_ITEM})+)")
_EN_SPLIT = re.compile(r"\s*(?:,\s*and\b|,\s*or\b|,|\band\b|\bor\b|&)\s*")
_ZH_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,14}\Z")


def fallback_list(text: str, pos: int, hi: int, words: RoleWords, taken: list[Mention],
                  mention_type: str, extractor: str) -> list[Mention]:
    """Names of a list after `pos` that no extractor found, as new mentions (≥ 2 items).

    Used for affected parties like "such as Patosun, Aoji and Zebao" or "清退中通冷链、吉时达等":
    an enumeration right after an enforcement verb names the parties even when the names
    are unknown to the gazetteer.
    """
    segment = text[pos:hi]
    spans: list[tuple[int, int]] = []
    if words.lang == "zh":
        m = re.match(r"[了掉对将]?([^，,。；;：:！？]{2,80}?)(?=等|[，,。；;]|\Z)", segment)
        if not m or "、" not in m.group(1):
            return []
        body_start = pos + m.start(1)
        body = m.group(1)
        parts = re.split(r"(、|和|及|与)", body)
        offset = body_start
        for part in parts:
            if part in ("、", "和", "及", "与"):
                offset += len(part)
                continue
            if not _ZH_ITEM.match(part):
                return []
            spans.append((offset, offset + len(part)))
            offset += len(part)
    else:
        if len(segment) > 160:
            segment = segment[:160]
        m = _EN_LIST.search(segment)
        if not m:
            return []
        offset = pos + m.start()
        chunk = m.group(0)
        cursor = 0
        for piece in _EN_SPLIT.split(chunk):
            if not piece:
                continue
            i = chunk.index(piece, cursor)
            size = len(piece)
            if piece.endswith(".") and piece.split()[-1] not in _abbreviations():
                size -= 1  # a sentence-final full stop, not part of the name
            spans.append((offset + i, offset + i + size))
            cursor = i + len(piece)
        spans = [s for s in spans if text[s[0] : s[1]].casefold() not in words.list_stop]
    if len(spans) < 2:
        return []
    out = []
    for a, b in spans:
        same = [t for t in taken if t.start == a and t.end == b]
        if same:
            out.append(same[0])
        elif any(t.start < b and a < t.end for t in taken):
            return []  # an extractor read this stretch differently: trust it
        else:
            out.append(Mention(text=text[a:b], start=a, end=b, type=mention_type, extractor=extractor, confidence=0.6))
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(load_words("abbreviations.txt"))


def quoted_names(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Spans of 《…》 and “…” names in the sentence, with their bracket kind."""
    out = []
    for m in _QUOTED.finditer(text[lo:hi]):
        g = next(i for i in range(1, 5) if m.group(i))
        out.append((lo + m.start(g), lo + m.end(g), "book" if g == 1 else "quote"))
    return out


# Chinese quoted names are short; an English Title Case name in quotes may be longer
# ("Douyin Beautiful Harvest Festival").
_EN_QUOTED = r"[A-Z0-9][\w&'.-]*(?:\s+[\w&'.-]+){0,7}"
_QUOTED = re.compile(rf"《([^《》]{{2,40}})》|“([^“”]{{2,20}})”|[“\"]({_EN_QUOTED})[”\"]|\"([^\"]{{2,30}})\"")


_THE_ABOVE = re.compile(r"(?:上述|前述|以上|该|這|这)(?:\d+|[一二两三四五六七八九十]+)?(?:家|个|名|個)?"
                        r"|\b(?:these|the)\s+(?:two|three|four|five|six|\d+)\b", re.IGNORECASE)


def referred_list(text: str, mentions: list[Mention], lo: int, hi: int, prev_lo: int, words: RoleWords) -> list[Mention]:
    """"与上述三家服务商终止合作", "the three firms": the longest list of organisations named
    in the previous sentence (or earlier in this one) when the clause refers back to it."""
    if not _THE_ABOVE.search(text, lo, hi):
        return []
    orgs = [m for m in mentions if prev_lo <= m.start and m.end <= hi and m.type in ORGANIZATION_TYPES]
    best: list[Mention] = []
    for i, first in enumerate(orgs):
        run = [first]
        for m in orgs[i + 1 :]:
            between = _BRACKETS.sub("", text[run[-1].end : m.start])
            if between and not words.separator.match(between):
                break
            if between:
                run.append(m)
        if len(run) > len(best):
            best = run
    return best if len(best) >= 2 else []
