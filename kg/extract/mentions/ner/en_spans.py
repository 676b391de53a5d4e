"""English tagger output -> typed, checked name candidates.

spaCy's OntoNotes labels: PERSON becomes a Person (one word only when a full name in the same
text ends with it: "Kowalczyk" after "Tomasz Kowalczyk"; a person span ending with a business
word, "Tallis Retail", is a company); ORG is typed by its last word
(`en_heads.tsv`: Inc Company, Commission GovernmentBody, Association Organization) or a first
word that heads a government body ("Ministry of Commerce"), else Company. Nationalities and
groups (NORP: "South African", "Chinese"), places, dates and numbers are never names here.
Items of a list that is mostly organisations are organisations ("Zhongtong Cold Chain, Jishida and
Tiezhong Express": Jishida is no place there).
A title in quotation marks ('Bazaro Utsav Days'), a dateline ("BENGALURU:") and a place before
"-based" name no one.
Boundaries: a leading "the" and a trailing possessive are dropped, a given name the model left
out is added; metrics and roles that the
model sometimes calls organisations (GMV, CEO: `en_not_names.txt`) are rejected.
"""
from __future__ import annotations

import re

from ....text import normalize
from ..names_common import Candidate, NamesLexicon
from .lexicon import NerLexicon
from .spacy_en import EnSpan

_GOV_FIRST = frozenset({"ministry", "department", "office", "bureau", "commission", "administration", "agency"})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    if span[:4].lower() == "the " and end - start > 4:
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail):
            end -= len(tail)
            break
    while end > start and text[end - 1] in " ,;:-–—\"“”()":
        end -= 1
    return start, end


def _given_name(text: str, start: int, names: NamesLexicon) -> int:
    """"Tomasz Kowalczyk" when the model marked only "Kowalczyk": one capitalised word right
    before a surname, not a sentence opener (The, According) or a month, is the given name."""
    before = text[:start]
    word = before.rstrip(" ")
    if len(word) == len(before) or len(before) - len(word) != 1:
        return start
    k = len(word)
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    given = text[k : len(word)]
    stops = set(names.en_orgs.get("start_stops", ())) | set(names.en_orgs.get("name_stops", ()))
    if len(given) < 2 or not given[0].isupper() or not given[1:].islower() or given in stops:
        return start
    return k


_OPEN = "'\"‘“"
_CLOSE = "'\"’”"


def _quoted(text: str, start: int, end: int) -> bool:
    """A span inside quotation marks that close right after it is (part of) a title: of a sale, a
    campaign, a nickname ("the 'Cross-border E-commerce Capital of Mainland China'")."""
    if end >= len(text) or not any(ch in _CLOSE for ch in text[end : end + 2]):
        return False
    before = text[max(0, start - 60) : start]
    opening = max(before.rfind(ch) for ch in "‘“\"'")
    return opening >= 0 and not any(ch in "’”" for ch in before[opening + 1 :])


def _dateline(text: str, start: int, end: int) -> bool:
    """"BENGALURU:" or "SHANGHAI (Reuters) -" at the start of a line: the place a story was filed."""
    line_start = start == 0 or text[start - 1] == "\n"
    after = text[end : end + 3].lstrip()
    return line_start and text[start:end].isupper() and after[:1] in (":", "(", "-", "—", "–", ",")


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\Z")


def _lists_of_organisations(text: str, spans: list[EnSpan]) -> list[EnSpan]:
    """"including Zhongtong Cold Chain, Jishida, Shuiqu Daijia, and Tiezhong Express": in a list
    of which at least half (and two) are organisations, the items the model took for places are
    organisations too ("in Indonesia, Malaysia and Singapore, Halcyon …" stays places)."""
    out = list(spans)
    groups: list[list[int]] = []
    for i, s in enumerate(out):
        if groups and _LIST_GAP.match(text[out[groups[-1][-1]].end : s.start]):
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        labels = [out[i].label for i in group]
        orgs = labels.count("ORG")
        if orgs >= 2 and 2 * orgs >= len(group) and set(labels) <= {"ORG", "GPE", "LOC"}:
            for i in group:
                out[i] = EnSpan(out[i].start, out[i].end, "ORG")
    return out


def en_candidates(text: str, spans: list[EnSpan], lex: NerLexicon, names: NamesLexicon) -> list[Candidate]:
    """Typed candidates from the English model's entities in `text`."""
    spans = _lists_of_organisations(text, spans)
    out: list[Candidate] = []
    surnames: list[tuple[int, int]] = []  # one-word people: kept when a full name here ends with them
    things = {w.casefold() for w in names.en_orgs.get("thing_heads", ())}
    places = tuple(names.en_orgs.get("place_prefixes", ()))  # "Copenhagen-based": a place before a name
    for s in spans:
        if s.label not in ("PERSON", "ORG"):
            continue
        start, end = _trim(text, s.start, s.end)
        if end < len(text) - 1 and text[end] == "-" and text[end + 1].isalpha() and " " in text[start:end]:
            end = text.rindex(" ", start, end)  # "WeMall ShopExpress Cross-border": the cut word is no part
        span = text[start:end]
        if len(span) < 2 or not span[:1].isupper() or names.is_stopped(span) or normalize(span) in lex.en_not_names \
                or "%" in span:
            continue
        words = span.replace(",", " ").split()
        if _quoted(text, start, end) or _dateline(text, start, end) or text.startswith(places, end):
            continue  # 'Bazaro Utsav Days' (a sale's title), "BENGALURU:" (where the story was filed)
        if s.label == "PERSON":
            if "\n" in span or any(ch.isdigit() for ch in span) or span.isupper() \
                    or words[-1].casefold() in lex.en_not_person:
                continue
            start = _given_name(text, start, names)
            typ = lex.en_heads.get(words[-1].rstrip(".").casefold())
            if typ:  # "Tallis Retail": a business word ends no person's name
                out.append(Candidate(start, end, typ, "ner:en-head", 0.65))
            elif " " in text[start:end]:
                out.append(Candidate(start, end, "Person", "ner:en", 0.7))
            else:
                surnames.append((start, end))
            continue
        last = words[-1].rstrip(".").casefold()
        if last in things:  # "Hang Seng Tech Index", "Seller Center App": a thing, not an organisation
            continue
        typ = lex.en_heads.get(last)
        if words[0].casefold() in _GOV_FIRST and len(words) > 1:
            typ = "GovernmentBody"
        out.append(Candidate(start, end, typ or "Company", "ner:en-head" if typ else "ner:en", 0.7 if typ else 0.6))
    full = {text[c.start : c.end].rsplit(" ", 1)[-1] for c in out if c.type == "Person"}
    out.extend(Candidate(a, b, "Person", "ner:en", 0.7) for a, b in surnames if text[a:b] in full)
    return sorted(out, key=lambda c: c.start)
