"""The subject of a Chinese event clause when no extractor named a party there.

News states most events as "<subject><adverbs><trigger>": "9月19日，华为将在德国慕尼黑正式发布…",
"雷军：明年小米将推10款5G手机". When no known name stands before the trigger in its clause, the
words between the clause start (after time words) and the first stop word are taken as the
party, as a low-confidence mention of the events extractor. The words live in
`kg/lexicons/triggers/_subjects.json`; a statistical tagger's spans, when present, come first
because any mention before the trigger in the clause disables this fallback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...errors import LexiconError
from ...lexicons import load_json
from ...model import ORGANIZATION_TYPES, Mention
from ...text import HAN_BASIC
from ..cues import cue_section, phrases
from ..mentions.names_common import cut, names_lexicon
from ..mentions.ner.zh_spans import cut_at_boundary, name_boundaries
from ..patterns import first_mark, last_mark, ordered_alternation
from .triggers import TRIGGER_DIR

SUBJECTS_FILE = TRIGGER_DIR / "_subjects.json"
_NAME = re.compile(rf"[{HAN_BASIC}A-Za-z][{HAN_BASIC}A-Za-z0-9·&.\-]*")
_MAX = 10


@dataclass(frozen=True)
class SubjectWords:
    time: frozenset[str]
    stops: frozenset[str]
    not_names: frozenset[str]
    person_triggers: tuple[str, ...]
    titles: re.Pattern[str]
    time_sorted: tuple[str, ...] = ()
    extra_titles: tuple[str, ...] = ()
    en_gap: frozenset[str] = frozenset()
    en_not_names: frozenset[str] = frozenset()
    bad_first: frozenset[str] = frozenset()
    skip_first: frozenset[str] = frozenset()  # connectives before a clause's subject (这是, 事实上, 亦): not part of it
    descriptor_heads: frozenset[str] = frozenset()
    object_heads: tuple[str, ...] = ()
    time_first: frozenset[str] = frozenset()  # the first characters of the time words


@lru_cache(maxsize=1)
def _time() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"9月19日", "2019年度", "前三季度": a time that opens a clause or ends a name run (time_words of _subjects.json)."""
    w = cue_section(SUBJECTS_FILE, "time_words")
    return (re.compile(rf"[\d０-９一二三四五六七八九十〇零两]{{1,4}}(?:{phrases(w['zh_time_units'])})|[\s　:：]+"),
            re.compile(rf"(?:19|20)\d\d(?:{phrases(w['zh_year_units'])})|[一二三四1-4]季度|[上下]半年"
                       rf"|{phrases(w['zh_periods'])}"))


@lru_cache(maxsize=1)
def _by_agent() -> re.Pattern[str]:
    """"由中兴(正式)发布": the agent named after 由, with the words that may follow it (zh_agent_tails)."""
    path = SUBJECTS_FILE
    tails = load_json(path).get("zh_agent_tails")
    if not isinstance(tails, list) or not all(isinstance(w, str) and w for w in tails):
        raise LexiconError(f"{path}: 'zh_agent_tails' must list non-empty strings")
    return re.compile(rf"由([{HAN_BASIC}A-Za-z][{HAN_BASIC}A-Za-z0-9·&]{{1,9}})(?:{ordered_alternation(tails)})?\Z")


@lru_cache(maxsize=1)
def subject_words() -> SubjectWords:
    data = load_json(SUBJECTS_FILE)
    titles = sorted({*data["zh_titles"], *names_lexicon().titles["zh"]}, key=len, reverse=True)
    return SubjectWords(
        time=frozenset(data["zh_time"]), stops=frozenset(data["zh_stops"]), not_names=frozenset(data["zh_not_names"]),
        person_triggers=tuple(data["zh_person_triggers"]), titles=re.compile(ordered_alternation(titles)),
        time_sorted=tuple(sorted(data["zh_time"], key=len, reverse=True)), extra_titles=tuple(data["zh_titles"]),
        en_gap=frozenset(data["en_gap"]), en_not_names=frozenset(data["en_not_names"]),
        bad_first=frozenset(data["zh_bad_first"]), skip_first=frozenset(data.get("zh_skip_first", ())),
        descriptor_heads=frozenset(data["zh_descriptor_heads"]),
        object_heads=tuple(sorted(data["zh_object_heads"], key=len, reverse=True)),
        time_first=frozenset(w[:1] for w in data["zh_time"]))


def clause_subject(text: str, c_lo: int, t_start: int, trigger: str, mentions: list[Mention],
                   run_ok: bool = False) -> Mention | None:
    """A mention for the subject of the clause [c_lo, t_start), or None when none is clear; `run_ok`
    when the trigger is followed by its object or has none (康旗股份收购江苏欧飞, 甲骨文中国区裁员), so
    that several words right before it are its subject, not a product that is launched."""
    if any(c_lo <= m.start and m.end <= t_start and m.type != "Place" for m in mentions) or t_start - c_lo < 2:
        return None
    words = subject_words()
    agent = _by_agent().search(text, c_lo, t_start)  # "第一部5G手机由中兴发布": the agent after 由
    if agent is not None and agent.group(1) not in words.not_names:
        return Mention(text=agent.group(1), start=agent.start(1), end=agent.end(1), type="Organization", extractor="events",
                       confidence=0.5)
    pos = c_lo + _lead(text[c_lo:t_start], words)
    parts: list[str]
    subject_start, parts, stopped = None, [], False
    for tok in cut(text[pos:t_start]):
        if subject_start is None and tok in words.skip_first:
            pos += len(tok)  # "这是星禾优选首次获得…", "事实上，…": the connective opens the clause, the name follows
            continue
        if tok in words.stops or (parts and (tok in words.time or tok in name_boundaries())):
            stopped = True
            break
        if not _NAME.fullmatch(tok):
            if parts and (tok in "（(" or _time()[0].match(text, pos) or _time()[1].match(text, pos)):
                stopped = True  # "嘉翔股份（839476）", "豫金刚石2019年亏损": the name ends at a code or a date
                break
            return None  # a number or a mark inside the run: "新款阿特兹8月下旬上市" names a product, not who acts
        if subject_start is None:
            subject_start = pos
        parts.append(tok)
        pos += len(tok)
    if subject_start is None or not parts or (not stopped and len(parts) > 1 and not run_ok):
        return None  # "华为发布": one word right before the trigger is its subject; a longer run may be its object
    heads = [i for i, tok in enumerate(parts[:-1]) if tok in words.descriptor_heads]
    if heads:  # "在线教育品牌云帆课堂": the name follows its descriptor
        subject_start += sum(len(t) for t in parts[: heads[-1] + 1])
        parts = parts[heads[-1] + 1 :]
    name = "".join(parts)
    name = name[: cut_at_boundary(name, 0, len(name))]  # "瑞达仅|参与了": jieba glued the adverb to the name
    if not 2 <= len(name) <= _MAX or name in words.not_names or name in names_lexicon().stoplist:
        return None
    if any(m.type == "Place" and m.start <= subject_start and subject_start + len(name) <= m.end for m in mentions):
        return None  # "深圳将…": a place is no party (郴州公安交警 is)
    if parts[0] in words.bad_first or name.endswith("讯"):
        return None  # "有不少厂商", "这款车": no name; "晨报讯": a dateline
    if any(m.type == "Place" and m.start == subject_start and subject_start + len(name) - m.end <= 2 for m in mentions):
        return None  # "德国北部": a place and a direction
    kind = "Person" if _is_person(name, trigger, words) else "Organization"
    return Mention(text=name, start=subject_start, end=subject_start + len(name), type=kind, extractor="events",
                   confidence=0.5)


def _is_person(name: str, trigger: str, words: SubjectWords) -> bool:
    """"张三辞去…": before a personnel trigger a two- or three-character name with a surname is a person."""
    return (trigger.startswith(words.person_triggers) and 2 <= len(name) <= 3
            and name[0] in names_lexicon().surnames)


_PERSON = re.compile(rf"[{HAN_BASIC}]{{2,4}}|[{HAN_BASIC}A-Za-z]+(?:[·⋅•][{HAN_BASIC}A-Za-z]+)+")


def titled_person(text: str, c_lo: int, t_start: int, mentions: list[Mention]) -> tuple[Mention | None, Mention | None]:
    """"格兰博财务负责人段守辉辞职", "费耶诺德主帅斯塔姆辞职": (organisation, person) around the last title
    before a personnel trigger, each None when the text there is no name or an extractor already named it."""
    words = subject_words()
    clause = text[c_lo:t_start]
    found = list(words.titles.finditer(clause))
    if not found:
        return None, None
    title = found[-1]
    # the person: right after the title, up to the trigger or a particle (已, 因, 向, 申请)
    ends = phrases(cue_section(SUBJECTS_FILE, "clause_ends")["zh_person_ends"])
    tail = re.split(rf"(?:{ends})|[，,（(\s]", clause[title.end():], maxsplit=1)[0]
    person = None
    board = clause.startswith("会", title.end())  # "董事会同意聘任…": a title and 会 name a board, not a person
    if _PERSON.fullmatch(tail) and tail not in words.not_names and not board:
        a = c_lo + title.end()
        if not any(m.start < a + len(tail) and a < m.end for m in mentions):
            person = Mention(text=tail, start=a, end=a + len(tail), type="Person", extractor="events", confidence=0.55)
    head = clause[: found[0].start()]
    lead = _lead(head, words)
    org_text = re.sub(r"[（(][^）)]*[）)]$", "", head[lead:]).rstrip("、，, 的")
    org = None
    if _NAME.fullmatch(org_text) and 2 <= len(org_text) <= _MAX and org_text not in words.not_names \
            and org_text not in names_lexicon().stoplist:
        a = c_lo + lead
        if not any(m.start < a + len(org_text) and a < m.end for m in mentions):
            org = Mention(text=org_text, start=a, end=a + len(org_text), type="Organization", extractor="events",
                          confidence=0.5)
    return org, person


def _lead(span: str, words: SubjectWords) -> int:
    """Length of the time words and dates that open a clause ("9月19日", "近日", "当地时间周三")."""
    pos, time = 0, _time()[0]
    while pos < len(span):
        m = time.match(span, pos)
        if m:
            pos = m.end()
            continue
        if span[pos] not in words.time_first:
            return pos  # (no time word starts here: most clauses open with a name)
        word = next((w for w in words.time_sorted if span.startswith(w, pos)), None)
        if word is None:
            return pos
        pos += len(word)
    return pos


_EN_NAME = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|of|and|de))*")


@lru_cache(maxsize=1)
def _weekday() -> tuple[re.Pattern[str], frozenset[str]]:
    """"on Monday": words of a date between an English subject and its trigger, and the words that must
    come before a second capitalised one (time_words of _subjects.json)."""
    w = cue_section(SUBJECTS_FILE, "time_words")
    return (re.compile(rf"(?:{phrases(w['en_weekdays'])})|\d{{1,4}}|[A-Z][a-z]+", re.IGNORECASE),
            frozenset(w["en_date_links"]))


_AND_BEFORE = re.compile(r"(?:,\s*)?\band\s+(?:(?:also|then|later|subsequently)\s+)?\Z")


def coordinated_subject(text: str, mentions: list[Mention], t_start: int, lo: int) -> Mention | None:
    """"Vipshop runs VIP.com, an online retailer, and debuted on the NYSE": a verb after "and" shares the
    subject of the sentence, the organisation that opens it, not the name written last before it."""
    if not _AND_BEFORE.search(text, max(lo, t_start - 30), t_start):
        return None
    first = next((m for m in mentions if lo <= m.start and m.end <= t_start), None)
    if first is None or first.type not in ORGANIZATION_TYPES:
        return None
    lead = text[lo : first.start].split()  # "Guangzhou-based Vipshop", "The Shanghai-based retailer Vipshop": no verb before
    if not all(w[:1].isupper() or w.endswith("-based") or w.lower() in ("the", "a", "an") for w in lead):
        return None
    return first


def sentence_subject_en(text: str, lo: int, t_start: int, mentions: list[Mention]) -> Mention | None:
    """"Brightway Motors will recall…", "Acme Corp said on Monday it would lay off…": the capitalised
    name that opens the sentence when only auxiliaries, dates and "said … it" stand before the trigger."""
    if any(lo <= m.start and m.end <= t_start and m.type != "Place" for m in mentions):
        return None
    words = subject_words()
    m = _EN_NAME.match(text, lo)
    if m is None or m.end() >= t_start:
        return None
    name = m.group().rstrip(".")
    if any(x.type == "Place" and x.start == m.start() for x in mentions):
        return None  # "China said…": a place is no party
    if name.split()[0] in words.en_not_names or len(name) < 2 or (name.isupper() and len(name) < 3):
        return None
    gap = text[m.end() : t_start].replace(",", " ").split()
    weekday, links = _weekday()
    if not all(w in words.en_gap or (weekday.fullmatch(w) and w not in ("I",)) for w in gap):
        return None
    if any(w[:1].isupper() for w in gap) and not any(w.lower() in links for w in gap):
        return None  # a second capitalised run without "on"/"in" before it is no date
    return Mention(text=name, start=m.start(), end=m.start() + len(name), type="Organization", extractor="events",
                   confidence=0.5)




@lru_cache(maxsize=1)
def _object_edges() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """"约谈X进行…", "约谈了X": where the object after an enforcement trigger ends, and the words
    skipped before it (clause_ends of _subjects.json)."""
    w = cue_section(SUBJECTS_FILE, "clause_ends")
    return re.compile(rf"[，,。；;！!？?、：:（(\s]|{phrases(w['zh_object_ends'])}"), tuple(w["zh_object_leads"])


def clause_object(text: str, t_end: int, c_hi: int, mentions: list[Mention]) -> Mention | None:
    """"约谈网约车公司负责人", "约谈12家网络文学企业": the object right after an enforcement trigger,
    when it ends in an organisation head of `_subjects.json` and no extractor named anything there."""
    words = subject_words()
    object_end, leads = _object_edges()
    m = object_end.search(text, t_end, min(c_hi, t_end + 24))
    end = m.start() if m else min(c_hi, t_end + 24)
    start = t_end
    while (lead := next((w for w in leads if text.startswith(w, start, end)), None)) is not None:
        start += len(lead)
    span = text[start:end]
    if not 2 <= len(span) <= 20 or any(start < x.end and x.start < end and x.type != "Place" for x in mentions):
        return None
    head = next((h for h in words.object_heads if span.endswith(h)), None)
    if head is None or (len(span) == len(head) and len(span) < 3):
        return None
    return Mention(text=span, start=start, end=end, type="Organization", extractor="events", confidence=0.45)


def object_before(text: str, c_lo: int, t_start: int, passive: bool, mentions: list[Mention]) -> Mention | None:
    """"对七家电视品牌进行了约谈" (the object after 对), "这14家运输企业被约谈" (the subject before the
    passive marker): an unnamed party of an enforcement that stands before its trigger, when it ends
    in an organisation head of `_subjects.json` and no extractor named anything there."""
    words = subject_words()
    object_end, leads = _object_edges()
    if passive:
        end = max(text.rfind(w, c_lo, t_start) for w in ("被", "遭"))
        start = c_lo
    else:
        dui = text.rfind("对", c_lo, t_start)
        if dui < 0:
            return None
        start = dui + 1
        m = object_end.search(text, start, t_start)
        end = m.start() if m else t_start
    if end <= start:
        return None
    while (lead := next((w for w in (*leads, *words.time_sorted) if text.startswith(w, start, end)), None)) is not None:
        start += len(lead)
    span = text[start:end]
    if not 3 <= len(span) <= 20 or re.search(r"[，,。；;！!？?、：:（(\s“”\"]", span):
        return None
    if any(start < x.end and x.start < end and x.type != "Place" for x in mentions):
        return None
    if not any(span.endswith(h) for h in words.object_heads):
        return None
    return Mention(text=span, start=start, end=end, type="Organization", extractor="events", confidence=0.45)


_HEAD_PARTS = "，,；;：: 　|｜"  # marks that part a headline


def headline_subjects(headline: str, body: str, hits: list, mentions: list[Mention]) -> list[Mention]:
    """"嘉翔股份2020年上半年亏损79.18万" over a body that names 嘉翔股份 again: the subject of a Chinese
    headline's event clause, found wherever the body repeats it and nothing else was named there,
    so that the body's events know who acts. `hits` are the trigger hits of the headline."""
    out: list[Mention] = []
    names = set()
    free = _free_text(body, mentions) if hits else ""
    for h in hits:  # the headline's part that holds the trigger
        a = last_mark(headline, _HEAD_PARTS, 0, h.start) + 1
        if not _may_be_free(headline, a, h.start, free):
            continue  # (no name found there could add a mention: the jieba cut of the part is saved)
        b = first_mark(headline, _HEAD_PARTS, h.end, len(headline))
        b = len(headline) if b < 0 else b
        found = clause_subject(headline, a, h.start, h.text, [], run_ok=len(headline[h.end:b].strip()) >= 2)
        if found is not None and found.type != "Person":
            names.add(found.text)
    taken = [(m.start, m.end) for m in mentions]
    for name in sorted(names, key=lambda n: (-len(n), n)):
        for a, b in _occurrences(name, body):
            if any(x < b and a < y for x, y in taken):
                continue
            out.append(Mention(text=name, start=a, end=b, type="Organization", extractor="events", confidence=0.55))
            taken.append((a, b))
    return out


def _free_text(body: str, mentions: list[Mention]) -> str:
    """The body with every named span blanked (NUL): a headline name adds a mention only where the body
    has it free, and there its first two characters are in this text."""
    parts, at = [], 0
    for start, end in sorted((m.start, m.end) for m in mentions):
        if end <= at:
            continue
        if start > at:
            parts.append(body[at:start])
            at = start
        parts.append("\0" * (end - at))
        at = end
    parts.append(body[at:])
    return "".join(parts)


@lru_cache(maxsize=1)
def _name_openers() -> frozenset[str]:
    """The characters a name of `clause_subject` may follow inside its span: 由 (the agent), and the last
    characters of the connectives and descriptors it skips (这是, 品牌)."""
    words = subject_words()
    return frozenset("由") | frozenset(w[-1] for w in (*words.skip_first, *words.descriptor_heads))


def _may_be_free(headline: str, a: int, t: int, free: str) -> bool:
    """False when no name `clause_subject` may find in headline[a:t] stands free in the body (`free`).
    Such a name (two characters or more) starts where the span's time words end, or right after one of
    `_name_openers`; most headline names are named in the body already, and then none is."""
    pos = a + _lead(headline[a:t], subject_words())
    if headline[pos : pos + 2] in free:
        return True
    openers = _name_openers()
    return any(headline[j : j + 2] in free for j in range(a + 1, t - 1) if headline[j - 1] in openers)


def _occurrences(name: str, body: str) -> list[tuple[int, int]]:
    """The spans of `name` in `body`, left to right and not overlapping (`re.finditer(re.escape(name), body)`
    without compiling a pattern per headline name: each would push a pattern the steps reuse out of re's cache)."""
    spans: list[tuple[int, int]] = []
    at = body.find(name)
    while at >= 0:
        spans.append((at, at + len(name)))
        at = body.find(name, at + len(name))
    return spans
