"""Person -> organisation (`affiliatedWith`) and job title (`role`) from the words around a name.

Chinese puts the office before the name ("云峰物流首席执行官周立新", "A副总裁赵婷与B总裁吴海涛");
English puts it before ("Alibaba Vice President Wang Hai") or in an apposition after the name
("Maria Lopez, chief executive of Northwind Retail", "Jonathan Reed, executive director for
consumer protection at the CMA"). A title may chain offices of one organisation with 兼/"and"
("创始人兼首席执行官", "co-founder and CEO"). "公司"/"the company" in front of a title is the
organisation the document is about. Title words and organisation head words are data
(`kg/lexicons/relations.json`).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ...lexicons import LEXICON_DIR, entity_index, load_json
from ...model import ORGANIZATION_TYPES, Extraction, Mention, Relation
from ...text import HAN_BASIC, normalize
from ..cues import cue_section, phrases
from ..mentions.names_common import names_lexicon
from ..patterns import NEVER, alternation, first_mark, ordered_alternation, start_of_sentence
from ..patterns import SENTENCE_STOPS as STOPS

_ABBR_BEFORE = re.compile(r"[（(][A-Za-z]{2,6}[）)]\s*\Z")
_EN_CAPS = re.compile(r"((?:[A-Z][\w&'’.-]*)(?:\s+[A-Z][\w&'’.-]*){0,3})")
_APPOSITION_MOST = 120  # characters an English apposition after a name may run to
# where an apposition after a name ends: a stop, a comma, a quote or bracket, " said", a full stop
# before a space or the text's end (one search, not a test per character)
_APPOSITION_END = re.compile(rf"[{re.escape(STOPS)},\"“”(]| said|\.(?:\s|\Z)")


# what ends the words before a name that may hold its title: a stop, a comma, a colon, a bracket, a quote
_ZH_TITLE_BOUNDS = re.compile("(?s:.*)[" + re.escape(STOPS + "，,：:（(“\"") + "]")
_EN_TITLE_BOUNDS = re.compile("(?s:.*)[" + re.escape(STOPS + ",:(\"“") + "]")


def clause_start(text: str, bounds: re.Pattern[str], lo: int, end: int) -> int:
    """Right after the last character `bounds` ends on in text[lo:end], else `lo` (one match, not
    a step back per character)."""
    last = bounds.match(text, lo, end)
    return last.end() if last else lo


def apposition_end(text: str, a: int) -> int:
    """Where an English apposition starting at `a` ends: at the first stop, comma, quote or
    bracket, " said" or full stop before a space or the text's end, at most `_APPOSITION_MOST`
    characters on. (The search reads 5 characters past that limit, for a " said" that starts
    before it; a `\\Z` matched at the search's bound lies past the limit, so is never taken.)"""
    stop = _APPOSITION_END.search(text, a, a + _APPOSITION_MOST + 5)
    return min(stop.start() if stop else len(text), a + _APPOSITION_MOST, len(text))


def evidence(text: str, a: int, b: int) -> str:
    """The sentence(s) holding text[a:b]."""
    lo = start_of_sentence(text, a)
    stop = first_mark(text, STOPS, b, len(text))
    hi = stop + 1 if stop >= 0 else len(text)
    return text[lo:hi].strip()


@lru_cache(maxsize=1)
def _cues() -> dict:
    """copula_titles, local_government, founded_by and self_references of relations.json."""
    return load_json("relations.json")


@lru_cache(maxsize=1)
def _links() -> dict[str, list[str]]:
    """The words around a title (title_links of relations.json)."""
    return cue_section(LEXICON_DIR / "relations.json", "title_links")


@lru_cache(maxsize=1)
def _link_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """"A副总裁赵婷与B总裁…" (the joiners that split it), "chief executive of X", "… of the X" inside an
    apposition, and 在/"on the" before an exchange or a place."""
    w = _links()
    return (re.compile(f"({phrases(w['zh_joiners'])})"),
            re.compile(rf"\s+(?:{phrases(w['en_links'])})\s+(?:the\s+)?\Z", re.IGNORECASE),
            re.compile(rf"\s+(?:{phrases(w['en_apposition_links'])})\s+(?:the\s+)?"),
            re.compile(rf"(?:{phrases(w['zh_venue'])}|\b(?:{phrases(w['en_venue'])})\s+(?:the\s+)?)\Z", re.IGNORECASE))


@lru_cache(maxsize=1)
def _self_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"该公司", "the company": the words naming the story's own company (zh at a text's end, en whole)."""
    words = _cues()["self_references"]
    zh = re.compile(rf"(?:{ordered_alternation(words['zh_determiners'])})?(?:{ordered_alternation(words['zh_heads'])})\Z")
    en = re.compile(rf"\A(?:the\s+)?(?:{ordered_alternation(words['en_heads'])})\Z", re.IGNORECASE)
    return zh, en


@lru_cache(maxsize=8)
def _title_patterns(words: tuple[str, ...], lang: str) -> tuple[re.Pattern[str], ...]:
    """The title patterns of a language, built once per process (not per document): zh, a chain of
    offices at a text's end and an appointment ("聘任X为公司副总裁"); en, a title word."""
    alt = ordered_alternation(sorted(words, key=len, reverse=True))
    if lang == "zh":
        chain = phrases(_links()["zh_chain"])
        return (re.compile(rf"(?:{alt})(?:(?:{chain})(?:{alt}))*\Z", re.IGNORECASE),
                re.compile(  # "聘任X为公司副总裁", "X接任CEO"
                    rf"(?:{phrases(_links()['zh_appointed'])})(?P<org>[^，,。；;：:]{{0,24}}?)"
                    rf"(?P<title>(?:{alt})(?:(?:{chain})(?:{alt}))*)", re.IGNORECASE))
    return (re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE),)


def _start(m: Mention) -> int:
    return m.start


class Affiliations:
    """Finds affiliations and titles of every person mention of one document."""

    def __init__(self, ex: Extraction, rules, lang: str) -> None:  # rules: relations.RelationRules
        self.ex, self.rules, self.lang, self.text = ex, rules, lang, ex.document.text
        self.new: list[Mention] = []
        # `main`, worked out once when first read (an explicit lazy field: compiled with mypyc, a
        # functools.cached_property recomputes on every read)
        self._main: Mention | None = None
        self._main_known = False
        # (each sorted apart: most documents name no person, and sorting is stable, so each keeps the order it has in all)
        self.people = sorted((m for m in ex.mentions if m.type == "Person"), key=_start)
        self.orgs = sorted((m for m in ex.mentions if m.type in ORGANIZATION_TYPES), key=_start)
        if lang == "zh":
            self.chain, self.appointed = _title_patterns(tuple(rules.titles_words[lang]), lang)
        else:
            self.has_title = _title_patterns(tuple(rules.titles_words[lang]), lang)[0]

    @property
    def main(self) -> Mention | None:
        """The story's company, worked out only for a document whose people need it."""
        if not self._main_known:
            self._main = self._main_org()
            self._main_known = True
        return self._main

    def _main_org(self) -> Mention | None:
        """The organisation named most often (a headline mention counts twice)."""
        if not self.orgs:
            return None
        head = normalize(self.ex.document.headline or "")
        venue = _link_patterns()[3]
        named = [m for m in self.orgs if not venue.search(self.text, max(0, m.start - 8), m.start)]
        counts = Counter(m.key or normalize(m.text) for m in named)
        if not counts:
            return None
        for m in self.orgs:
            if head and normalize(m.text) in head:
                counts[m.key or normalize(m.text)] += 1
        best = counts.most_common(1)[0][0]
        return next(m for m in self.orgs if (m.key or normalize(m.text)) == best)

    def run(self) -> list[Relation]:
        out: list[Relation] = []
        for i, person in enumerate(self.people):
            prev_end = self.people[i - 1].end if i else 0
            found = self._before_zh(person, prev_end) if self.lang == "zh" else self._before_en(person)
            if self.lang == "zh":
                after = self._after_zh(person)  # "原COO高岚接任CEO": the office taken now is the role
                if after:
                    has_org = any(r.predicate == "affiliatedWith" for r in found)
                    found = [r for r in found if r.predicate == "affiliatedWith"] + [
                        r for r in after if r.predicate == "role" or not has_org]
            if self.lang == "zh":
                copula = self._copula_zh(person)
                if copula:
                    found = copula
                elif not any(r.predicate == "affiliatedWith" for r in found):
                    found = found + self._local_government(person, found)
            if self.lang != "zh" and not any(r.predicate == "affiliatedWith" for r in found):
                found = self._appointed_en(person) or found
            if not found and self.lang != "zh":
                found = self._after_en(person)
            if self.lang != "zh" and not any(r.predicate == "affiliatedWith" for r in found):
                found = self._founded_by(person) or found
            out.extend(found)
        return out

    # -- building blocks --------------------------------------------------------------------
    def _relations(self, person: Mention, org: Mention | None, title: str, a: int, b: int) -> list[Relation]:
        ev = evidence(self.text, a, b)
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
            if pat.search(title):
                e = entity_index()[ident]
                return Mention(title, pos, pos + len(title), e.type, ident, "relations", 0.8, e.types[1:])
        return None

    def _known_inside(self, a: int, b: int) -> Mention | None:
        """An organisation of the document named again in text[a:b] (last one, longest name)."""
        inside = [o for o in self.orgs + self.new if a <= o.start and o.end <= b]
        if inside:
            return inside[-1]
        segment = self.text[a:b]
        best: tuple[int, int, Mention] | None = None
        for o in self.orgs:
            i = segment.rfind(o.text)
            if i >= 0 and len(o.text) >= 2 and (best is None or (i, len(o.text)) > best[:2]):
                best = (i, len(o.text), o)
        if best is None:
            return None
        i, n, o = best
        m = Mention(o.text, a + i, a + i + n, o.type, o.key, "relations", 0.7, o.extra_types)
        self.new.append(m)
        return m

    # -- Chinese: 组织 + 职务 + 人名 -------------------------------------------------------------
    def _before_zh(self, person: Mention, floor: int) -> list[Relation]:
        text = self.text
        abbr = _ABBR_BEFORE.search(text, max(floor, person.start - 12), person.start)  # 首席运营官（COO）高岚
        end = abbr.start() if abbr else person.start
        lo = clause_start(text, _ZH_TITLE_BOUNDS, max(floor, end - 40), end)
        out: list[Relation] = []
        joiners = set(_links()["zh_joiners"])
        pieces = _link_patterns()[0].split(text[lo:end])
        cursor = lo
        for piece in pieces:
            start, stop = cursor, cursor + len(piece)
            cursor = stop
            if piece in joiners or not piece.strip():
                continue
            m = self.chain.search(piece.rstrip(" 的"))
            if not m:
                continue
            title = m.group()
            t_start = start + m.start()
            org = self._known_inside(start, t_start)
            office = title.casefold() in self.rules.office_titles
            if org is None and (_self_words()[0].search(text[start:t_start]) or (not office and (
                    self._main_in_sentence(person) or self._no_org_in_sentence(person)))):
                org = self.main  # "公司副总裁X", the story's company named earlier in the sentence or the only one near
            out.extend(self._relations(person, org, title, start, max(person.end, stop)))
        return out

    def _no_org_in_sentence(self, person: Mention) -> bool:
        """True when the story's main organisation is a company and the person's sentence names no
        organisation at all ("易点云仓成立于2020年。创始人兼CEO许若川曾任…": the founder of the story's company)."""
        if self.main is None or "Company" not in {self.main.type, *self.main.extra_types}:
            return False
        lo = start_of_sentence(self.text, person.start, "。！？\n")
        hi = first_mark(self.text, "。！？\n", person.end, len(self.text))
        hi = len(self.text) if hi < 0 else hi
        return not any(lo <= o.start and o.end <= hi for o in self.orgs)

    def _main_in_sentence(self, person: Mention) -> bool:
        """True when the story's main organisation is named earlier in the person's sentence."""
        if self.main is None:
            return False
        lo = start_of_sentence(self.text, person.start, "。！？\n")
        main = self.main.key or normalize(self.main.text)
        return any(lo <= o.start and o.end <= person.start and (o.key or normalize(o.text)) == main for o in self.orgs)

    def _after_zh(self, person: Mention) -> list[Relation]:
        """"聘任张蔚为公司副总裁", "由李明担任阿里巴巴CTO": the office named after the person."""
        m = self.appointed.match(self.text, person.end)
        if not m:
            return []
        a, b = m.span("org")
        org = self._known_inside(a, b) if b > a else None
        if org is None and _self_words()[0].search(self.text[a:b]):
            lo = start_of_sentence(self.text, person.start)
            org = next((o for o in self.orgs if lo <= o.start < person.start), self.main)  # the sentence's subject
        return self._relations(person, org, m.group("title"), person.start, m.end())

    def _copula_zh(self, person: Mention) -> list[Relation]:
        """"林小溪系杭州星耀文化传媒有限公司签约主播": person, 系/是, an organisation, then its title."""
        verbs = _cues()["copula_titles"].get("zh", [])
        m = re.match(rf"\s*(?:{alternation(verbs, NEVER)})", self.text[person.end : person.end + 4])
        if not m:
            return []
        at = person.end + m.end()
        org = next((o for o in self.orgs if o.start == at), None)
        if org is None:
            return []
        rest = self.text[org.end : org.end + 20]
        lead = len(rest) - len(rest.lstrip("的 "))
        for stop in range(len(rest), lead, -1):
            t = self.chain.fullmatch(rest[lead:stop])
            if t:
                return self._relations(person, org, t.group(), person.start, org.end + stop)
        return []

    def _local_government(self, person: Mention, found: list[Relation]) -> list[Relation]:
        """"赣州市委副书记、市长李振华，副市长何婉清": a local official's title belongs to the
        government of the place named right before it (only titles, names and list marks between)."""
        cue = _cues()["local_government"]
        lo = start_of_sentence(self.text, person.start)
        seg = self.text[lo : person.start]
        level, title = None, None
        for lv, ts in cue["levels"].items():
            t = re.search(rf"(?:{alternation(ts, NEVER)})\s*\Z", seg)
            if t:
                level, title = lv, t.group().strip()
                seg = seg[: t.start()]
                break
        if level is None:
            return []
        places = list(re.finditer(rf"[{HAN_BASIC}]{{2,6}}?{re.escape(level)}", seg))
        if not places:
            return []
        place = places[-1]
        between = seg[place.end() :]
        for p in self.people:
            if lo + place.end() <= p.start and p.end <= person.start:
                between = between.replace(p.text, "")
        fill = [*cue["filler"], *self.rules.titles_words["zh"]]
        if re.sub(alternation(fill, NEVER), "", between).strip():
            return []
        name = place.group() + cue["body"]
        start = lo + place.start()
        body = next((o for o in self.orgs if o.text == name), None)
        body = Mention(name, start, start + len(place.group()), "GovernmentBody", body.key if body else None,
                       "relations", 0.7)
        self.new.append(body)
        ev = evidence(self.text, start, person.end)
        out = [Relation(person, "affiliatedWith", body, evidence=ev, confidence=0.7)]
        if not any(r.predicate == "role" for r in found):
            out.append(Relation(person, "role", literal=title, evidence=ev, confidence=0.7))
        return out

    def _founded_by(self, person: Mention) -> list[Relation]:
        """"Kompra was founded in 2021 by chief executive Luiza Andrade and chief technology officer
        Diego Fontes": each titled founder is affiliated with the founded organisation."""
        words = _cues()["founded_by"].get("en", [])
        lo = start_of_sentence(self.text, person.start)
        lo = max(lo, self.text.rfind(". ", 0, person.start) + 1)
        seg = self.text[lo : person.start]
        m = re.search(rf"(?<![\w-])(?:{alternation(words, NEVER)})\b[^,;]{{0,40}}?\bby\s+(?:.*?\band\s+)?"
                      rf"(?:(?:its|the|their)\s+)?(?P<title>[a-z][a-z -]{{1,40}}?)\s*\Z", seg)
        if not m or not self.rules.titles["en"].search(m.group("title")) or not self.has_title.fullmatch(
                m.group("title")):
            return []
        v = lo + m.start()
        org = next((o for o in reversed(self.orgs) if lo <= o.start and o.end <= v), None)
        if org is None:
            return []
        return self._relations(person, org, m.group("title"), org.start, person.end)

    # -- English ----------------------------------------------------------------------------
    def _appointed_en(self, person: Mention) -> list[Relation]:
        """"Deliveroo has appointed Priya Natarajan, previously at X, as chief operating officer":
        the organisation right before an appointment verb takes the person; the title follows."""
        verbs = alternation(names_lexicon().titles.get("en_appoint_verbs", []), NEVER)
        seg = self.text[max(0, person.start - 80) : person.start]
        between = phrases(_links()["en_before_verb"])
        m = re.search(rf"(?:\s+(?:{between}|on \w+ \d+))*\s+(?:{verbs})\s+\Z", seg)
        if not m:
            return []
        v = person.start - len(seg) + m.start()
        org = next((o for o in reversed(self.orgs) if o.end == v), None)
        if org is None:
            return []
        after = self.text[person.end : person.end + 140]
        t = re.match(r"(?:,[^,;.()\n]{3,90},)?\s+(?:as\s+)?(?:(?:the|its|their|a|an|new)\s+)?(?P<t>[A-Za-z][\w -]*)", after)
        title = ""
        if t:
            h = self.has_title.match(t.group("t"))
            title = h.group() if h else ""
        return self._relations(person, org, title, org.start, person.end + (t.end() if t else 0))

    def _before_en(self, person: Mention) -> list[Relation]:
        """"Alibaba Vice President X", "CEO of Y X", "Minister of Commerce X"."""
        text = self.text
        lo = clause_start(text, _EN_TITLE_BOUNDS, max(0, person.start - 40), person.start)
        segment = text[lo : person.start].rstrip()
        end = lo + len(segment)
        title_re = self.rules.titles["en"]
        inside = [o for o in self.orgs if lo <= o.start and o.end <= end]
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

    def _after_en(self, person: Mention) -> list[Relation]:
        """"X, chief executive of Y", "X, vice president of operations at Y", "X, the company's CFO"."""
        text = self.text
        m = re.match(r",\s*(?:the\s+|a\s+|an\s+)?", text[person.end : person.end + 8])
        if not m:
            return []
        a = person.end + m.end()
        b = apposition_end(text, a)
        apposition = text[a:b]
        if not self.has_title.search(apposition):
            return []
        # the organisation: a mention in the apposition after of/at/for, else one named again, else a new name
        org: Mention | None
        for org in [o for o in self.orgs + self.new if a < o.start and o.end <= b]:
            link = _link_patterns()[1].search(text, a, org.start)
            if link and self.has_title.search(text, a, link.start()):
                return self._relations(person, org, text[a : link.start()], person.start, org.end)
        poss = re.match(r"(.+?)['’]s\s+(.+)\Z", apposition)
        if poss and _self_words()[1].match(poss.group(1)) and self.has_title.search(poss.group(2)):
            return self._relations(person, self.main, poss.group(2).strip(), person.start, b)
        if poss and self.has_title.search(poss.group(2)):  # "X, the CMA's executive director"
            owner = next((o for o in self.orgs + self.new if o.start == a and o.end == a + len(poss.group(1))), None)
            if owner is not None:
                return self._relations(person, owner, poss.group(2).strip(), person.start, b)
        link = None
        for link in _link_patterns()[2].finditer(apposition):
            if self.has_title.search(apposition, 0, link.start()):
                break
        else:
            return self._relations(person, None, apposition.strip(), person.start, b) if self.rules.titles["en"].search(
                apposition.strip()) else []
        title, at = apposition[: link.start()], a + link.end()
        org = self._known_inside(at, b) if _EN_CAPS.match(text, at) else None
        if org is not None and org.start != at:
            org = None
        if org is None:
            org = self._new_org(at, b)
        return self._relations(person, org, title, person.start, b)

    def _new_org(self, at: int, limit: int) -> Mention | None:
        """A capitalised name right at `at` that no extractor found: up to a head word, or all of it."""
        text = self.text
        words = re.match(r"((?:[A-Z][\w&'’.-]*[\s-]+|of\s+|and\s+|for\s+){0,8}[A-Z][\w&'’.-]*)", text[at:limit])
        if words is None:
            return None
        name = words.group(1).rstrip(".,")
        typ = "Company"
        for head, htyp in sorted(self.rules.org_heads, key=lambda h: -len(h[0])):
            idx = name.find(head)
            if idx >= 0 and re.match(r"[A-Za-z]", head):
                name, typ = name[: idx + len(head)], htyp
                break
        else:
            caps = _EN_CAPS.match(name)
            if caps is None or caps.group(1) != name or name.casefold() in self.rules.not_org:
                return None
        b = at + len(name)
        if any(o.start < b and at < o.end for o in self.ex.mentions):
            return None
        new = Mention(name, at, b, typ, None, "relations", 0.6)
        self.new.append(new)
        return new
