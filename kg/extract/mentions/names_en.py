"""English organisation names not in the gazetteer: capitalised runs with a suffix, and lists.

A capitalised run is only a name when it ends in an organisation suffix ("... Co., Ltd.",
"... Association"), has a government head ("Shenzhen Municipal Bureau of Commerce"), or
is an item of a list after a collective noun ("sellers such as Patosun, Aoji and Zebao"), or
owns what only a business owns ("Vendora's chief executive", "Vendora's shares": `owner_words`):
sentence-initial capitals and Title Case alone never make a name.
"""
from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple

from ..cue_scan import NearCue
from ..patterns import alternation, first_chars
from ..word_led import WordLed
from .names_common import LATIN, NAME_PROBES, UP, Candidate, NamesLexicon, names_lexicon

# Only the tokens a run can hold: capitalised words, numbers and lower-case connectors;
# any other word leaves a gap that is not a single space, so it ends the run.
# Dotted and slashed legal forms ("B.V.", "S.p.A.", "A/S") are one token.
# Word tokens: rf"[{UP}](?:\.[{LATIN}]{{1,2}})+\.?|[{UP}]/[{UP}]\b|[{UP}0-9][{LATIN}0-9'’&\-]*\.?|\b(?:of|for|and|de|on)\b|&"
# scanned as two patterns: the capitalised and numeric tokens (`_CAP_TOKEN`, the first three branches)
# and the connectors (`_LOW_TOKEN`, the last two), read only after a token of a run. Neither kind can
# begin inside the other, so each finds the tokens of its kind that the whole alternation finds. Each
# begins with a character set (the branches checking it by a look-behind), which re scans for
# quickly; a leading \b made it try the pattern at every position.
_CAP_TOKEN = re.compile(
    rf"[{UP}0-9](?:(?<=[{UP}])(?:\.[{LATIN}]{{1,2}})+\.?|(?<=[{UP}])/[{UP}]\b|(?<=[{UP}0-9])[{LATIN}0-9'’&\-]*\.?)"
)
_LOW_TOKEN = re.compile(r"[adfo&](?:(?<=\bo)[fn]\b|(?<=\bf)or\b|(?<=\ba)nd\b|(?<=\bd)e\b|(?<=&))")
_FOR_THE = re.compile(r" for the ")
_RANK_WORDS = frozenset({"Majority", "Minority", "Ranking", "Vice", "Deputy", "Assistant", "Chief"})  # before a title
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_COMMA_JOINED = frozenset({"Ltd.", "Ltd", "Limited", "Inc.", "Inc", "LLC", "LLC."})


class Tok(NamedTuple):
    """A word token (a tuple: made for every capitalised word of every document)."""

    text: str
    start: int
    end: int


_new_tok = partial(tuple.__new__, Tok)  # Tok((text, start, end)) without NamedTuple's Python-level __new__


def capitalised_runs(text: str, abbreviations: frozenset[str], connectors: frozenset[str]) -> list[list[Tok]]:
    """Maximal runs of capitalised tokens joined by single spaces (and lower-case connectors).

    A final '.' of a token stays only on `abbreviations` such as "Co." or "Inc.". Outside a run only
    a capitalised token matters (it opens one): numbers and connectors there are passed over, and
    connectors are looked for only between a run's token and the next capitalised or numeric one."""
    runs: list[list[Tok]] = []
    cur: list[Tok] = []
    last = 0  # the end of cur's last token
    raw_end = 0  # where the previous capitalised or numeric token's match ended
    for m in _CAP_TOKEN.finditer(text):
        start = m.start()
        word = m.group()
        if start and "a" <= text[start - 1] <= "z":  # "iPhone", "eBay": the capital is inside a lower-case word
            if cur:
                _close(cur, runs, connectors)
                cur = []
            raw_end = m.end()
            continue
        if cur:  # the connectors before this token: joined by one space they go on the run, else it ends
            gap = text[last:start]
            # one space or a comma holds no connector, so nothing is looked for; a gap not opening with a
            # space and a connector's first letter ends the run before a capital whatever it holds
            if gap == " " or gap == "," or gap == ", ":
                pass
            elif word[0].isupper() and (len(gap) < 2 or gap[0] != " " or gap[1] not in "adfo&"):
                _close(cur, runs, connectors)
                cur = []
            else:
                for low in _LOW_TOKEN.finditer(text, raw_end, start + 1):
                    conn = low.group()
                    if conn in connectors and text[last : low.start()] == " ":
                        cur.append(_new_tok((conn, low.start(), low.end())))
                        last = low.end()
                    else:
                        _close(cur, runs, connectors)
                        cur = []
                        break
        end = raw_end = m.end()
        if not cur and not word[0].isupper():
            continue  # outside a run a number opens nothing
        if word[-1] == "." and word not in abbreviations:
            word, end = word[:-1], end - 1
        tok = _new_tok((word, start, end))
        if cur:
            gap = text[last:start]
            if gap == " " or (gap in (",", ", ") and word in _COMMA_JOINED):
                cur.append(tok)
                last = end
                continue
            _close(cur, runs, connectors)
        cur = [tok]
        last = end
    _close(cur, runs, connectors)  # connectors after the last token would end it: dropped anyway
    return runs


def _close(cur: list[Tok], runs: list[list[Tok]], connectors: frozenset[str]) -> None:
    while cur and cur[-1].text in connectors:
        cur.pop()
    if cur:
        runs.append(cur)


def _split_and(run: list[Tok]) -> list[list[Tok]]:
    """Split a run at "and"/"&" ("X Co., Ltd. and Guangdong Provincial Department")."""
    parts: list[list[Tok]] = [[]]
    for tok in run:
        if tok.text in ("and", "&"):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


class EnOrgFinder:
    """Organisation and government names by suffix or head; `list_items` for enumerations."""

    def __init__(self, lexicon: NamesLexicon | None = None) -> None:
        # made at their first read by the properties below (a compiled class has no cached_property)
        self._lazy_title_words: frozenset[str] | None = None
        self._lazy_list_open: WordLed | None = None
        self._lazy_joiner: re.Pattern[str] | None = None
        self.lex = lexicon or names_lexicon()
        o = self.lex.en_orgs
        self.suffixes = [(s, "Company") for s in o["company_suffixes"]]
        self.suffixes += [(s, "Organization") for s in o["organization_suffixes"]]
        self.suffixes.sort(key=lambda s: -len(s[0]))
        self._last_words = frozenset(s.split()[-1].split(",")[-1] for s, _ in self.suffixes)
        self.gov_heads = frozenset(o["government_heads"])
        self.connectors = frozenset(o["connectors"])
        self.start_stops = frozenset(o["start_stops"])
        self.name_stops = frozenset(o["name_stops"])
        self.local_heads = frozenset(o["local_heads"])
        self.local_parents = tuple(o["local_parents"])
        self.thing_heads = frozenset(o.get("thing_heads", ()))
        self.generic_gov_words = frozenset(o.get("generic_government_words", ()))
        self.gov_fields = frozenset(o.get("government_field_words", ()))
        self._memo: tuple[str | None, list[list[Tok]]] = (None, [])
        # a run holding none of these words has no suffix, government head or local office: no name
        self._name_words = self._last_words | self.gov_heads | self.local_heads
        dotted = {w for s, _ in self.suffixes for w in s.replace(",", " ").split() if w.endswith(".")}
        self.abbreviations = frozenset(s for s, _ in self.suffixes if s.endswith(".")) | dotted | {"Co.", "S.A."}
        self.place_prefixes = tuple(o.get("place_prefixes", ()))
        owned = alternation(list(o.get("owner_words", ()))) or "(?!)"
        self._owned = re.compile(rf" (?:{owned})\b(?![\w\-])")
        # the text-wide tests that spare a text its capitalised runs: a run's name word, a possessive
        # before an owner word (`_owned` where a token ends); literal branches first, so re scans quickly
        self._name_word = re.compile(alternation(self._name_words) or "(?!)")
        self._possessive_owned = re.compile(rf"(?:{alternation(_POSSESSIVE_ENDS)})(?={self._owned.pattern})")
        titles = alternation(list(o.get("business_titles", ()))) or "(?!)"
        self.title_modifiers = frozenset(o.get("title_modifiers", ()))
        self._business_title = re.compile(rf" (?:{titles}) [{UP}][{LATIN}]+ [{UP}]")
        # each test above is tried only just before one of its words as written (found in the name
        # rules' probe pass), where the possessive and a space or the space that leads it stands: most
        # texts name no owner word or title, and the space or "s" that leads either pattern stands everywhere
        self._owner_cue = NearCue(self._possessive_owned, list(o.get("owner_words", ())),
                                  rf"(?:{alternation(_POSSESSIVE_ENDS)}) ", group=NAME_PROBES)
        self._title_cue = NearCue(self._business_title, list(o.get("business_titles", ())), " ", group=NAME_PROBES)

    @property
    def _title_words(self) -> frozenset[str]:
        value = self._lazy_title_words
        if value is None:
            value = self._lazy_title_words = self._build_title_words()
        return value

    def _build_title_words(self) -> frozenset[str]:
        """One-word titles and honorifics (casefolded) that open "<title> of <body>"."""
        from .ner.lexicon import ner_lexicon

        titles = [*self.lex.titles.get("en_before", ()), *self.lex.titles.get("en_after", ())]
        return frozenset(t.casefold() for t in titles if " " not in t) | ner_lexicon().en_title_words

    def runs(self, text: str) -> list[list[Tok]]:
        """Capitalised runs, split at month names and without sentence-initial words (memoised)."""
        if self._memo[0] is text:
            return self._memo[1]
        out = self._runs(text)
        self._memo = (text, out)
        return out

    def _runs(self, text: str) -> list[list[Tok]]:
        out = []
        for run in capitalised_runs(text, self.abbreviations, self.connectors):
            if len(run) == 1:  # most runs: one word, kept unless it is a stop word
                word = run[0].text
                if word not in self.name_stops and word not in self.start_stops and word not in self.connectors:
                    out.append(run)
                continue
            part: list[Tok] = []
            for tok in [*run, None]:
                if tok is None or tok.text in self.name_stops:
                    while part and (part[0].text in self.start_stops or part[0].text in self.connectors
                                    or (len(part) > 1 and part[0].text.endswith(self.place_prefixes))):
                        part.pop(0)  # "Denver-based ShopHarbor Inc.": the place word describes the name
                    while part and part[-1].text in self.connectors:
                        part.pop()
                    if part:
                        out.append(part)
                    part = []
                else:
                    part.append(tok)
        return out

    def __call__(self, text: str) -> list[Candidate]:
        out = self.owners(text)
        if self._name_word.search(text) is None:
            return out  # no run can hold a suffix, a government head or a local office: none is made
        name_words = self._name_words
        for run in self.runs(text):
            if not any(t.text in name_words for t in run):
                continue  # most runs: a person, a place, a sentence's first word
            amp = any(t.text == "&" for t in run[1:-1]) and not any(t.text == "and" for t in run)
            whole = self._suffixed(text, run) if amp else None
            if whole is not None and whole.end == run[-1].end:
                out.append(whole)  # "Harlan & Pierce LLP": one firm named after its partners
                continue
            parts = _split_and(run)
            k = 0
            while k < len(parts):
                part = parts[k]
                cand = self._best(text, part)
                # "Australian Competition and Consumer Commission": a first half ending in a field word
                # joins the government name after "and"
                if (cand is None and part[-1].text in self.gov_fields and k + 1 < len(parts)
                        and (nxt := self._best(text, parts[k + 1])) is not None and nxt.rule == "en-government"):
                    k += 1
                    part = part + parts[k]
                    cand = Candidate(part[0].start, part[-1].end, nxt.type, nxt.rule, nxt.confidence, True)
                # "Ministry of Industry and Information Technology": a government name goes on
                while (
                    cand is not None and cand.rule == "en-government" and k + 1 < len(parts)
                    and part[-1].text not in self.gov_heads and self._best(text, parts[k + 1]) is None
                    and not any(t.text.endswith(("'s", "’s")) for t in parts[k + 1])
                ):  # "Bureau of Trade and Industry" goes on; "X Bureau and Vendora's chief" does not
                    k += 1
                    part = part + parts[k]
                    cand = Candidate(part[0].start, part[-1].end, cand.type, cand.rule, cand.confidence, True)
                if cand is not None and cand.rule == "en-government" and cand.end == part[-1].end:
                    cand = self._for_the(text, cand)
                if cand is not None:
                    out.append(cand)
                k += 1
        return out

    def owners(self, text: str) -> list[Candidate]:
        """"Vendora's chief executive", "Harbor Street Markets' shares": the capitalised run before a
        possessive that only a business has, or before a title only a business gives ("Vendora CEO
        Ana Costa", "Vendora co-founder Ana Costa"); not a place ("Kenya's", owner words such as
        "revenue" are also a country's) nor a person ("Ana Costa's shares")."""
        if next(self._owner_cue.finditer(text), None) is None and next(self._title_cue.finditer(text), None) is None:
            return []  # no token can end before an owner word or a business title: no run is made
        from .ner.lexicon import ner_lexicon  # the place words and given names of the tagger's lists

        lex = ner_lexicon()
        out = []
        for run in self.runs(text):
            for last in run:  # "Skype's CEO Niklas Zennstrom" is one capitalised run
                possessive = last.text.endswith(_POSSESSIVE_ENDS)  # (?:['’]s|s['’])\Z
                titled = not possessive and text.startswith(" ", last.end) \
                    and self._business_title.match(text, last.end) is not None
                if not titled and not (possessive and self._owned.match(text, last.end) is not None):
                    continue
                end = last.end - (2 if last.text[-2:] in ("'s", "’s") else 1 if possessive else 0)
                words = text[run[0].start : end].split()
                if words and words[0] not in lex.en_given_names and not any(w in lex.en_place_words for w in words) \
                        and not any(w in self.title_modifiers for w in words) \
                        and words[-1] not in self.gov_heads and not self.lex.is_stopped(text[run[0].start : end]):
                    out.append(Candidate(run[0].start, end, "Company", "en-owner", 0.6))
                break
        return out

    def _for_the(self, text: str, cand: Candidate) -> Candidate:
        """"United States District Court for the Eastern District of Ohio": a government name goes on
        over "for the" and the capitalised words after it (up to an "and")."""
        m = _FOR_THE.match(text, cand.end)
        if m is None:
            return cand
        for run in self.runs(text):
            if run[0].start == m.end():
                part = _split_and(run)[0]
                return Candidate(cand.start, part[-1].end, cand.type, cand.rule, cand.confidence, True)
        return cand

    def _best(self, text: str, run: list[Tok]) -> Candidate | None:
        """The suffix name, unless a government head comes after its suffix."""
        local = self._local_office(text, run)
        if local is not None:
            return local
        suffixed = self._suffixed(text, run)
        heads = [t for t in run[1:] if t.text in self.gov_heads] or [t for t in run[:1] if t.text in self.gov_heads]
        if heads and len(run) >= 2 and (suffixed is None or heads[-1].end > suffixed.end):
            return self._government(run)
        return suffixed

    def _suffixed(self, text: str, run: list[Tok]) -> Candidate | None:
        starts = {t.start for t in run}
        for i in range(len(run) - 1, 0, -1):
            if run[i].text not in self._last_words or (i + 1 < len(run) and run[i + 1].text == "of"):
                continue  # "Capital of Mainland China": the name does not end here
            if any(t.text in self.thing_heads for t in run[i + 1 :]):
                return None  # "Hang Seng Tech Index": the run names an index, not the firm
            end = run[i].end
            for sfx, typ in self.suffixes:
                st = end - len(sfx)
                if st > run[0].start and st in starts and text[st:end] == sfx:
                    return Candidate(run[0].start, end, typ, "en-suffix", 0.75, subsumes=True)
        return None

    def _local_office(self, text: str, run: list[Tok]) -> Candidate | None:
        """"Happiness Street of Suqian District": a sub-district office, named "Happiness Street"."""
        for i, t in enumerate(run[1:-2], 1):
            if t.text in self.local_heads and run[i + 1].text == "of" and text[: run[-1].end].endswith(self.local_parents):
                return Candidate(run[0].start, t.end, "GovernmentBody", "en-local-government", 0.7, subsumes=True)
        return None

    def _government(self, run: list[Tok]) -> Candidate | None:
        heads = [i for i, t in enumerate(run) if t.text in self.gov_heads]
        if not heads or len(run) < 2:
            return None
        if len(run) > 2 and run[0].text.endswith(("'s", "’s")):
            run = run[1:]  # "India's Central Consumer Protection Authority": the owner is no part of the name
        cut = next((i for i in range(heads[0] + 1, len(run)) if run[i].text.casefold() in self._title_words), None)
        if cut is not None:  # "Senate Majority Leader Chuck Thune": a title and a person follow the body
            run = run[:cut]
            while run and (run[-1].text in self.title_modifiers or run[-1].text in _RANK_WORDS):
                run.pop()
            if len(run) < 2 or not any(t.text in self.gov_heads for t in run):
                return None
        level = self.gov_heads | self.connectors | set(self.local_parents) | self.generic_gov_words
        if all(t.text in level for t in run):
            return None  # "District Court", "Municipal Bureau": no place or field names which one
        if run[1].text in ("of", "for") and run[0].text.casefold() in self._title_words:
            return None  # "Speaker of Parliament", "Minister of Commerce": a person's title, no body
        return Candidate(run[0].start, run[-1].end, "GovernmentBody", "en-government", 0.75, subsumes=True)

    # --- enumerations --------------------------------------------------------------

    @property
    def _list_open(self) -> WordLed:
        value = self._lazy_list_open
        if value is None:
            value = self._lazy_list_open = self._build_list_open()
        return value

    def _build_list_open(self) -> WordLed:
        lists = self.lex.lists
        nouns = alternation(list(self.lex.collectives["en"]))
        openers = alternation(lists["en_openers"])
        actions = alternation(lists["en_actions"])
        leads = [*self.lex.collectives["en"], *lists["en_openers"], *lists["en_actions"]]
        pattern = re.compile(
            rf"{first_chars(leads)}(?:\b(?P<noun1>{nouns})\b,?\s+(?P<open>{openers})|\b(?P<open2>{openers})"
            rf"(?:\s+[a-z]+){{0,2}}?\s+(?P<noun2>{nouns})|\b(?P<act>{actions}))\b\s+(?:the\s+)?",
            re.IGNORECASE,
        )
        return WordLed(pattern, leads, group=NAME_PROBES)  # tried only where a noun, opener or action begins

    @property
    def _joiner(self) -> re.Pattern[str]:
        value = self._lazy_joiner
        if value is None:
            value = self._lazy_joiner = self._build_joiner()
        return value

    def _build_joiner(self) -> re.Pattern[str]:
        joiners = alternation(self.lex.lists["en_joiners"])
        return re.compile(rf"\s*,\s*(?:(?:{joiners})\s+)?|\s+(?:{joiners})\s+")

    def list_items(self, text: str) -> list[Candidate]:
        """Items of "sellers such as A, B and C" or "terminate the services of A, B and C"."""
        out: list[Candidate] = []
        starts: dict[int, tuple[list[Tok], int]] | None = None  # made at the first opener only
        for m in self._list_open.finditer(text):
            if starts is None:
                starts = {t.start: (run, i) for run in self.runs(text) for i, t in enumerate(run)}
            noun = (m.group("noun1") or m.group("noun2") or "").lower()
            typ = self.lex.collectives["en"].get(noun, "Company")
            items = self._items(text, m.end(), starts)
            if len(items) >= (1 if noun else 2):
                conf = 0.7 if noun else 0.6
                out.extend(Candidate(a, b, typ, "en-list", conf) for a, b in items)
        return out

    def _items(self, text: str, pos: int, starts: dict[int, tuple[list[Tok], int]]) -> list[tuple[int, int]]:
        """Consecutive capitalised items from `pos`, split at joiners ("A, B and C")."""
        items: list[tuple[int, int]] = []
        while pos in starts:
            run, i = starts[pos]
            k = i
            while k < len(run) and run[k].text not in ("and", "&", "or"):
                k += 1
            if k - i > 5:
                break
            items.append((run[i].start, run[k - 1].end))
            if k < len(run):  # "Aoji and Zebao" inside one run
                pos = run[k + 1].start
                continue
            j = self._joiner.match(text, run[-1].end)
            if not j:
                break
            pos = j.end()
        return [(a, b) for a, b in items if not self.lex.is_stopped(text[a:b])]
