"""English tagger output -> typed, checked name candidates.

spaCy's OntoNotes labels: PERSON becomes a Person (one word only when a full name in the same
text ends with it: "Kowalczyk" after "Tomasz Kowalczyk"; a person span ending with a business
word, "Tallis Retail", is a company); ORG is typed by its last word
(`en_heads.tsv`: Inc Company, Commission GovernmentBody, Association Organization) or a first
word that heads a government body ("Ministry of Commerce"), or a role it gives the person named
after it (`en_org_roles.tsv`: "<team> coach X", "<party> MNA X", the role no part of the name),
else Company in a business story (two words of `en_business_words.txt`) and Organization in a
story about sports, politics, courts or science; a firm named after partners ("X & Y") is a
Company. A one-word organisation that is the surname of a person named in the text ("Stone" after
"Roger Stone") is that person; the field before "Minister"/"Secretary" (`en_field_titles.txt`)
and a ticker in brackets ("(HSV)") are no part of any name. Nationalities and
groups (NORP: "South African", "Chinese"), places, dates and numbers are never names here.
Items of a list that is mostly organisations are organisations ("Zhongtong Cold Chain, Jishida and
Tiezhong Express": Jishida is no place there).
A title in quotation marks ('Bazaro Utsav Days'), a dateline ("BENGALURU:"), a place before
"-based" and the model's guesses in a headline written in capitals name no one.
Boundaries: a leading "the" and a trailing possessive are dropped, a given name the model left
out is added; metrics and roles that the
model sometimes calls organisations (GMV, CEO: `en_not_names.txt`) are rejected.
Titles (`titles.json`) and honorifics or ranks (`en_title_words.txt`: Sir, Sergeant, Marine) are
no part of a name, nor taken for a given name: a person span loses the title words it opens with
("General Ken Paxton" of "Attorney General Ken Paxton") and the field of a title written before
it ("Energy" of "Secretary of Energy Dana Whitlock"); a span of title words alone ("General
Counsel", "Chief Operating Officer") names no one.
A descriptor written right before a span ("the basketball team the Portland Comets", "news agency
X"), or an organisation descriptor right after it ("the Leeds Rovers football club"), types it
(`descriptors.tsv`) unless its own last word does; people keep their type unless the model
called them organisations or the descriptor is one of an organisation.
People the model calls organisations: an organisation span without an organisation word that
reads "<given name> <surname>" (`en_given_names.txt`; "between Amazon and Ashok Mehta", "Secretary
of Energy Dana Whitlock") is a person.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ....lexicons import load_words
from ....text import normalize
from ...patterns import alternation
from ..descriptors import desc_lexicon
from ..names_common import Candidate, NamesLexicon
from .lexicon import NerLexicon
from .spacy_en import EnSpan

PLACE_RULE = "ner:en-place"  # a place the model found: never a mention, but no weak rule's organisation either
_GOV_FIRST = frozenset({"ministry", "department", "office", "bureau", "commission", "administration", "agency"})


def title_words(names: NamesLexicon) -> frozenset[str]:
    """Casefolded words of the English titles ("chief", "officer", "general", "counsel"), without
    the fields of titles such as "Minister of Commerce"."""
    titles = [*names.titles.get("en_before", ()), *names.titles.get("en_after", ())]
    return frozenset(w.casefold() for t in titles if " of " not in t for w in re.split(r"[ \-]", t) if w)


_TITLE_OF = re.compile(r"\b([A-Za-z]+) (?:of|for) (?:the )?\Z")  # "Secretary of Energy", "Minister for Economy"


_FUNCTION_WORDS = frozenset({"me", "my", "you", "your", "we", "us", "our", "it", "its", "the", "a", "an", "of",
                             "and", "or", "to", "for", "in", "on", "at", "by", "with", "from", "up", "out"})


def _person_shaped(text: str, start: int, end: int, lex: NerLexicon, titles: frozenset[str]) -> int | None:
    """Where the person starts in an organisation span that reads "<given name> <surname>" (after
    a title word or a title's field at most), else None."""
    words = text[start:end].split(" ")
    first = 0
    field = _TITLE_OF.search(text, max(0, start - 40), start)
    if len(words) >= 3 and (words[0].casefold() in titles or (field and field.group(1).casefold() in titles)):
        first = 1
    name = words[first:]
    if not 2 <= len(name) <= 3 or name[0] not in lex.en_given_names or name[-1] in lex.en_given_names:
        return None
    if not all(w.isalpha() and w[0].isupper() and w[1:].islower() and w.casefold() not in _FUNCTION_WORDS
               and w.casefold() not in lex.en_not_person and w.casefold() not in lex.en_heads for w in name[1:]):
        return None
    return start + sum(len(w) + 1 for w in words[:first])


@lru_cache(maxsize=1)
def _title_before(titles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(sorted(titles, key=len, reverse=True))})(?: of(?: [a-z\-]+){{1,3}})? \Z",
                      re.IGNORECASE)


def _after_title(text: str, start: int, names: NamesLexicon) -> bool:
    """A job title ends right before `start`, its field after "of" too ("vice president of strategy ")."""
    titles = tuple(t for t in (*names.titles.get("en_before", ()), *names.titles.get("en_after", ())) if " of " not in t)
    return _title_before(titles).search(text, max(0, start - 60), start) is not None


def _name_shaped(words: list[str], lex: NerLexicon) -> bool:
    """Two or three capitalised words, none a function word or an organisation head."""
    return 2 <= len(words) <= 3 and all(w.isalpha() and w[0].isupper() and w[1:].islower()
                                        and w.casefold() not in _FUNCTION_WORDS and w.casefold() not in lex.en_heads
                                        and w.casefold() not in lex.en_not_person for w in words)


def _person_start(text: str, start: int, end: int, titles: frozenset[str],
                  honorifics: frozenset[str] = frozenset()) -> int:
    """Drop the title words and honorifics a person span opens with, and the field after "<title>
    of" before it, while two words of the name are left."""
    words = text[start:end].split(" ")
    k = 0
    field = _TITLE_OF.search(text, max(0, start - 40), start)
    if len(words) >= 3 and field and field.group(1).casefold() in titles | honorifics:
        k = 1  # "Secretary of Energy Dana Whitlock": Energy is the title's field
    while len(words) - k > 2 and words[k].casefold().rstrip(",.") in titles | honorifics:
        k += 1
    if len(words) - k == 2 and words[k].casefold() in titles:
        k += 1  # "General Paxton" is left with a surname alone: no person span
    return start + sum(len(w) + 1 for w in words[:k])


# after a name's own "'s" ("Ben & Jerry's said", "Macy's, Kohl's and ..."): punctuation or a verb, not a noun
_NAME_S = re.compile(r"(?:\s*[,.;:!?)\]]|\s*\Z|\s+(?:said|says|is|was|were|are|has|have|had|will|would|and|or|"
                     r"also|did|does|could|should|may|might|declined|reported|announced|agreed)\b)")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    if span[:4].lower() == "the " and end - start > 4:
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail) and not (tail[-1] == "s" and _NAME_S.match(text, end)):
            end -= len(tail)
            break
    while end > start and text[end - 1] in " ,;:-–—\"“”()":
        end -= 1
    return start, end


def _given_name(text: str, start: int, end: int, names: NamesLexicon, lex: NerLexicon,
                honorifics: frozenset[str]) -> int:
    """"Tomasz Kowalczyk" when the model marked only "Kowalczyk": one capitalised word right
    before a surname, not a sentence opener (The, According), a month or an honorific ("Sir",
    "Marine"), is the given name; before a span of two words or more, only a given name is."""
    before = text[:start]
    word = before.rstrip(" ")
    if len(word) == len(before) or len(before) - len(word) != 1:
        return start
    k = len(word)
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    given = text[k : len(word)]
    stops = set(names.en_orgs.get("start_stops", ())) | set(names.en_orgs.get("name_stops", ()))
    if len(given) < 2 or not given[0].isupper() or not given[1:].islower() or given in stops \
            or given.casefold() in honorifics or (" " in text[start:end] and given not in lex.en_given_names):
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


def _caps_line(text: str, start: int) -> bool:
    """A headline in capitals ("SOCCER - BLACKBURN SIGN NORWEGIAN STRIKER"): the model's names there
    are guesses; the story below names them in normal case."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    line = text[a : b if b >= 0 else len(text)]
    return sum(ch.isalpha() for ch in line) >= 12 and not any(ch.islower() for ch in line)


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


_FOR_THE = re.compile(r" for (?:the )?")
_BRACKETED_TAIL = re.compile(r"(?<=\w) ?\((?:[A-Z]{2,6}: ?)?[A-Z]{1,6}\)?\Z")
_FIGURE = re.compile(r"[A-Z]{2,4}\$? ?[\d.,]+(?: [a-z]+)?")
_TICKER = re.compile(r"\((?:[A-Z]{2,6}|[A-Z][a-z]+): ?\Z")


def _particle_end(text: str, end: int, particles: tuple[str, ...]) -> int:
    """"Joost van den Berg" when the model stopped at "Joost van": the particles and the capitalised
    word after them belong to the name."""
    span_tail = text[max(0, end - 12) : end]
    for p in particles:  # the span ends with a particle itself
        if span_tail.endswith(" " + p):
            end -= len(p) + 1
            break
    m = _particles_after(particles).match(text, end)
    return m.end() if m else end


@lru_cache(maxsize=4)
def _particles_after(particles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf" (?:(?:{alternation(particles)}) )+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


class _Descriptors:
    """The English descriptor nouns, matched right before or right after a span."""

    def __init__(self, desc: dict[str, str], after: frozenset[str]) -> None:
        self.types = {d.casefold(): t for d, t in desc.items()}
        words = alternation(sorted(self.types, key=len, reverse=True))
        self.before = re.compile(rf"\b({words})(?:e?s)? (?:the )?\Z", re.IGNORECASE)
        self.types.update({w: "Organization" for w in after if w not in self.types})
        org = alternation(sorted({d for d, t in self.types.items() if t in ("Organization", "GovernmentBody")}
                                 | after, key=len, reverse=True))
        self.after = re.compile(rf" ({org})\b(?![\w\-])")

    def type_at(self, text: str, start: int, end: int) -> str | None:
        m = self.before.search(text, max(0, start - 40), start)
        if m is not None and not m.group(1)[0].isupper():
            return self.types[m.group(1).casefold()]
        m = self.after.match(text, end)
        return self.types[m.group(1)] if m is not None else None


@lru_cache(maxsize=1)
def _descriptors() -> _Descriptors:
    return _Descriptors(desc_lexicon().en, frozenset(load_words("ner/en_org_words_after.txt")))


def _joined_for_the(text: str, spans: list[EnSpan], lex: NerLexicon) -> list[EnSpan]:
    """"Court of Appeals for the Ninth Circuit", "District Court for the Southern District of Ohio":
    a government organisation span goes on over "for the" and the span right after it."""
    out: list[EnSpan] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "ORG" and s.label in ("ORG", "GPE", "LOC", "FAC") \
                and _FOR_THE.fullmatch(text, prev.end, s.start) is not None:
            words = text[prev.start : prev.end].split()
            heads = {lex.en_heads.get(w.casefold()) for w in words}
            if "GovernmentBody" in heads:
                out[-1] = EnSpan(prev.start, s.end, "ORG")
                continue
        out.append(s)
    return out


_WORD_RE = re.compile(r"[a-z][a-z\-]*")


def _business_story(text: str, lex: NerLexicon) -> bool:
    """At least two words of business news (shares, revenue, retailer...): an organisation the
    text names with no head word is a firm; in a story about a game, an election or a study it
    is a team, a party or a panel."""
    hits = 0
    for m in _WORD_RE.finditer(text.lower()):
        if m.group() in lex.en_business_words:
            hits += 1
            if hits >= 2:
                return True
    return False


def _initials_joined(text: str, spans: list[EnSpan]) -> list[EnSpan]:
    """"AJ McCarron" read as an organisation "AJ" and a person "McCarron": initials in capitals
    right before a one-word person are the person's given name."""
    out: list[EnSpan] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "ORG" and s.label == "PERSON" and text[prev.end : s.start] == " " \
                and re.fullmatch(r"[A-Z]{2,3}|(?:[A-Z]\.){2,3}", text[prev.start : prev.end]) \
                and " " not in text[s.start : s.end]:
            out[-1] = EnSpan(prev.start, s.end, "PERSON")
            continue
        out.append(s)
    return out


def _role_after(text: str, start: int, end: int, roles: dict[str, str]) -> tuple[int, str | None]:
    """A role an organisation gives a person, ending the span or written right after it and before
    a capitalised name ("PML-N MNA", "Howard coach Larry Scott"): the span's end without the role,
    and the type the role gives the organisation."""
    words = text[start:end].split(" ")
    for n in (2, 1):
        if len(words) > n and " ".join(words[-n:]).casefold() in roles:
            cut = end - len(" ".join(words[-n:])) - 1
            return cut, roles[" ".join(words[-n:]).casefold()]
    return end, role_after(end, text, roles)


def role_after(end: int, text: str, roles: dict[str, str]) -> str | None:
    """The type a role written at `end` and followed by a capitalised name gives the organisation
    before it (" coach Larry Scott": Organization), else None."""
    m = re.match(r" ([A-Za-z]+(?: [a-z]+)?) [A-Z]", text[end : end + 40])
    if m is None:
        return None
    role = m.group(1).casefold()
    return roles.get(role) or roles.get(role.split(" ")[0])


def _title_field(text: str, end: int, words: list[str], lex: NerLexicon) -> bool:
    """True when a title that takes its field before it ("Minister", "Secretary") follows the span
    and a capitalised name follows the title, and the span has no head word of its own."""
    if words and lex.en_heads.get(words[-1].rstrip(".").casefold()) is not None:
        return False  # "Ministry of Trade Secretary ..." keeps its own head
    return title_follows(text, end, lex)


def title_follows(text: str, end: int, lex: NerLexicon) -> bool:
    """A title that takes its field before it ("Minister", "Secretary") and then a capitalised
    name follow `end`: the words before are the title's field."""
    rest = text[end : end + 60]
    for title in lex.en_field_titles:
        if rest.startswith(" " + title + " ") and rest[len(title) + 2 : len(title) + 3].isupper():
            return True
    return False


_FIRM_WORD = re.compile(r"\bfirms? (?:the )?\Z")  # "law firm", "accounting firm": partners' names follow
_FIRM_BEFORE = re.compile(r"\b(?:at|of|from|joined|joins|founded|for|by|rival|rivals|to)\s+\Z")


def _firm_place(text: str, start: int) -> bool:
    """"He left Dell", "shares of Dell", "at Dell": in a business story, a founder's surname right
    after these words is read as his firm's name, not as him."""
    return _FIRM_BEFORE.search(text, max(0, start - 12), start) is not None


def en_candidates(text: str, spans: list[EnSpan], lex: NerLexicon, names: NamesLexicon,
                  people: frozenset[str] = frozenset()) -> list[Candidate]:
    """Typed candidates from the English model's entities in `text`; `people`, the names of the
    persons other steps found in it, type a lone surname the model calls an organisation."""
    spans = _joined_for_the(text, _lists_of_organisations(text, _initials_joined(text, spans)), lex)
    out: list[Candidate] = []
    surnames: list[tuple[int, int]] = []  # one-word people: kept when a full name here ends with them
    lone_orgs: list[int] = []  # indexes in `out` of one-word organisations typed by default: a surname?
    things = {w.casefold() for w in names.en_orgs.get("thing_heads", ())}
    titles = title_words(names)
    honorifics = lex.en_title_words
    default = "Company" if _business_story(text, lex) else "Organization"
    descs = _descriptors()
    places = tuple(names.en_orgs.get("place_prefixes", ()))  # "Copenhagen-based": a place before a name
    for s in spans:
        if s.label in ("GPE", "LOC"):
            out.append(Candidate(s.start, s.end, "Place", PLACE_RULE, 0.5))  # vetoes weak rule names, added as no name
            continue
        if s.label not in ("PERSON", "ORG"):
            continue
        start, end = _trim(text, s.start, s.end)
        if (bracket := _BRACKETED_TAIL.search(text, start, end)) is not None:
            end = bracket.start()  # "Halden Savings (HSV)": the ticker is a short form, no part of the name
        if end < len(text) - 1 and text[end] == "-" and text[end + 1].isalpha() and " " in text[start:end]:
            end = text.rindex(" ", start, end)  # "WeMall ShopExpress Cross-border": the cut word is no part
        span = text[start:end]
        if len(span) < 2 or not span[:1].isupper() or names.is_stopped(span) or normalize(span) in lex.en_not_names \
                or "%" in span or _FIGURE.fullmatch(span) or _TICKER.search(text, max(0, start - 12), start):
            continue  # "INR 75.55" is a price; "(ASX: KGN)" a ticker
        words = span.replace(",", " ").split()
        if all(w.casefold().rstrip(".") in titles | honorifics for w in re.split(r"[ \-]", span.replace(",", " ")) if w):
            continue  # "General Counsel", "Chief Administrative Officer", "Sir": a title, no name
        if _quoted(text, start, end) or _dateline(text, start, end) or text.startswith(places, end) \
                or _caps_line(text, start):
            continue  # 'Bazaro Utsav Days' (a sale's title), "BENGALURU:" (where the story was filed)
        if s.label == "PERSON":
            if "\n" in span or any(ch.isdigit() for ch in span) or span.isupper() \
                    or words[-1].casefold() in lex.en_not_person or any(w.casefold() in _FUNCTION_WORDS for w in words):
                continue  # "Buy Me Now": a pronoun or a preposition in title case makes a brand, no person
            start = _given_name(text, start, end, names, lex, honorifics)
            start = _person_start(text, start, end, titles, honorifics)
            particles = tuple(sorted(names.titles.get("en_name_particles", ()), key=len, reverse=True))
            if particles:
                end = _particle_end(text, end, particles)
            if " " not in text[start:end] and text[start:end] != span:
                continue  # only a title and a surname were marked: the titled-person rule decides
            words = text[start:end].split()
            typ = lex.en_heads.get(words[-1].rstrip(".").casefold())
            context = descs.type_at(text, start, end)
            if not typ and context in ("Organization", "GovernmentBody", "Platform"):
                typ = context  # "the Leeds Rovers football club": the model took a club for a person
            if not typ and context == "Company" and text[start:end].split()[0] not in lex.en_given_names \
                    and _FIRM_WORD.search(text, max(0, start - 12), start):
                typ = context  # "the law firm Chapman Reeve": two surnames right after "firm"
            if not typ and " & " in text[start:end]:
                typ = "Company"  # "Kirkwood & Ellery": partners' names joined make a (law) firm, no person
            if typ:  # "Tallis Retail": a business word ends no person's name
                out.append(Candidate(start, end, typ, "ner:en-head", 0.65))
            elif " " in text[start:end]:
                out.append(Candidate(start, end, "Person", "ner:en", 0.7))
            else:
                surnames.append((start, end))
            continue
        if _title_field(text, end, words, lex):
            continue  # "Road Transport Minister Ade Bello": the minister's field, no organisation
        role_end, role = _role_after(text, start, end, lex.en_org_roles)
        if role_end != end:  # "PML-N MNA": the member's role is no part of the party's name
            end, span = role_end, text[start:role_end]
            words = span.replace(",", " ").split()
        last = words[-1].rstrip(".").casefold()
        if last in things:  # "Hang Seng Tech Index", "Seller Center App": a thing, not an organisation
            continue
        typ = lex.en_heads.get(last)
        link = next((w for w in words[1:-1] if w in ("of", "on", "for")), None)
        if typ is None and link is not None:  # "Court of Appeals", "Bank of Lisbon", "Association for Sellers"
            typ = lex.en_heads.get(words[words.index(link, 1) - 1].casefold())
        if words[0].casefold() in _GOV_FIRST and len(words) > 1:
            typ = "GovernmentBody"
        context = descs.type_at(text, start, end)
        if typ is None and context is None and _after_title(text, start, names) and _name_shaped(words, lex):
            out.append(Candidate(start, end, "Person", "ner:en-title", 0.65))
            continue  # "senior vice president of strategy Lars Ekdahl": a title announces a person
        if typ is None and context is None and (person := _person_shaped(text, start, end, lex, titles)) is not None:
            out.append(Candidate(person, end, "Person", "ner:en-given", 0.65))
            continue
        if typ is None and context is not None and context != "Person":
            out.append(Candidate(start, end, context, "ner:en-descriptor", 0.65))
            continue
        if typ is None and role is not None:
            out.append(Candidate(start, end, role, "ner:en-role", 0.65))
            continue  # "Howard coach Larry Scott": a team; "PML-N MNA Ahsan Iqbal": a party
        if typ is None and len(words) == 1 and span.istitle() and re.search(rf"\b{re.escape(span.lower())}\b", text):
            continue  # "the Opposition" where the text also writes "opposition": a word, no name
        if typ is None and len(words) == 1:
            lone_orgs.append(len(out))
        firm = "Company" if " & " in span else default  # "Kirkwood & Ellery": a firm named after its partners
        out.append(Candidate(start, end, typ or firm, "ner:en-head" if typ else "ner:en", 0.7 if typ else 0.6))
    full = {text[c.start : c.end].rsplit(" ", 1)[-1] for c in out if c.type == "Person"}
    full |= {p.rsplit(" ", 1)[-1] for p in people if " " in p}
    for i in lone_orgs:  # "Jackson sentenced Stone" after "Roger Stone": the model's organisation is his surname
        if text[out[i].start : out[i].end] in full and not (default == "Company" and _firm_place(text, out[i].start)):
            out[i] = Candidate(out[i].start, out[i].end, "Person", "ner:en-surname", 0.7)
    out.extend(Candidate(a, b, "Person", "ner:en", 0.7) for a, b in surnames if text[a:b] in full)
    return sorted(out, key=lambda c: c.start)
