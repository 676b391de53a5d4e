"""Places: countries, regions and cities from `kg/lexicons/places/`, and the seats they give.

A place name becomes a `Place` mention only where no earlier extractor named something (深圳 in
深圳市商务局 stays part of the body). Chinese names match anywhere, English names as written on
word boundaries; the longest leftmost name wins (内蒙古 over 蒙古国's 蒙古). An organisation whose
seat the text states (总部位于深圳的X, "X, based in Berlin", "Berlin-based X") gets `locatedIn`.
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ...errors import LexiconError
from ...lexicons import LEXICON_DIR, load_json
from ...model import ORGANIZATION_TYPES, Extraction, Mention, Relation
from .. import EXTRACTORS
from ..patterns import alternation
from .names_common import HAN_CHAR, has_han

PLACES_DIR = LEXICON_DIR / "places"
KINDS = ("country", "region", "province", "city")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,60}")
_NAME_GOES_ON = re.compile(r" (?!(?:On|In|At|The|And|For|From|To|By|With|As|On|Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday)\b)[A-Z][a-z]")
_NAME_OF = re.compile(r"\b[A-Z][\w&.-]* (?:of|for|de) \Z")


@dataclass(frozen=True)
class Place:
    id: str
    kind: str
    zh: tuple[str, ...]
    en: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"place-{self.id}"


def read_places(folder=PLACES_DIR) -> list[Place]:
    """Every place of the TSV files, checked: four columns, a known kind, unique slug ids."""
    out: list[Place] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4:
                raise LexiconError(f"{path}:{n}: expected 4 tab-separated columns (id, kind, zh, en), got {len(cols)}")
            ident, kind, zh, en = cols
            if not _SLUG.fullmatch(ident) or kind not in KINDS:
                raise LexiconError(f"{path}:{n}: bad id {ident!r} or kind {kind!r} (kinds: {', '.join(KINDS)})")
            if ident in seen:
                raise LexiconError(f"{path}:{n}: id {ident!r} already used in {seen[ident]}")
            seen[ident] = f"{path.name}:{n}"
            names = (tuple(w.strip() for w in zh.split(",") if w.strip()), tuple(w.strip() for w in en.split(",") if w.strip()))
            if not names[0] and not names[1]:
                raise LexiconError(f"{path}:{n}: {ident!r} has no name")
            out.append(Place(ident, kind, *names))
    if not out:
        raise LexiconError(f"{folder}: no places")
    return out


@lru_cache(maxsize=1)
def _seat_words() -> dict[str, re.Pattern[str]]:
    data = load_json(PLACES_DIR / "seats.json")
    def alt(key: str) -> str:
        return alternation(data[key])

    return {
        "zh_after_org": re.compile(rf"\s*(?:的)?(?:{alt('zh_after_org')})\s*\Z"),
        "zh_before_place": re.compile(rf"(?:{alt('zh_before_place')})\s*\Z"),
        "en_after_org": re.compile(rf",?\s+(?:(?:is|was|which\s+is|a|an|the)\s+)?(?:[\w-]+\s+){{0,4}}?"
                                   rf"(?:{alt('en_after_org')})\s+\Z", re.IGNORECASE),
        "en_before_org": re.compile(rf"(?:{alt('en_before_org')})\s+(?:(?:[a-z][\w-]*|[A-Z][\w-]*)\s+){{0,3}}?",
                                    re.IGNORECASE),
    }


class PlaceFinder:
    """Pipeline step: `Place` mentions and the `locatedIn` relations the text states."""

    def __init__(self, places: list[Place] | None = None) -> None:
        self.places = places if places is not None else read_places()
        # each name holds its Chinese reading, then its Latin one (the latter checked for word
        # boundaries); where two places share a name in one script, the last listed has it
        readings: dict[str, list[tuple[int, str, bool] | None]] = {}
        for p in self.places:
            for script, names in enumerate((p.zh, p.en)):
                for name in names:
                    readings.setdefault(name, [None, None])[script] = (len(name), p.key, script == 1)
        # the names in two automata, those holding a Han character and the others: a text without
        # Han characters (most English ones) is spared the first, whose hundreds of first characters
        # made every step of one mixed automaton slow; a name and its readings stay in one of them
        self._by_script: list[tuple[ahocorasick.Automaton, bool]] = []
        for han in (True, False):
            part = ahocorasick.Automaton()
            for name, found in readings.items():
                if bool(HAN_CHAR.search(name)) == han:
                    part.add_word(name, tuple(r for r in found if r is not None))
            if len(part):
                part.make_automaton()
                self._by_script.append((part, han))

    def find(self, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
        hits = []
        han_text = has_han(text)  # asked by the name rules of this document already
        found = [hit for part, han in self._by_script if han_text or not han for hit in part.iter(text)]
        for end, readings in found:  # one automaton's or the other's: sorted below as the one's would be
            for size, key, latin in readings:
                start = end + 1 - size
                if latin and ((start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"))
                              or (end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] in "_"))):
                    continue
                if latin and (_NAME_GOES_ON.match(text, end + 1) or _NAME_OF.search(text, max(0, start - 30), start)):
                    continue  # "Jiangsu Longrui Junfeng", "London Stock Exchange", "Bank of China": part of a name
                hits.append((start, end + 1, key))
        if not hits:
            return []  # most texts: no place, so no taken span is sorted
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        spans = sorted(taken)
        starts = [a for a, _ in spans]
        reach = list(itertools.accumulate((b for _, b in spans), max))  # the furthest end among the first i spans
        out: list[Mention] = []
        last = -1
        for start, end, key in hits:
            i = bisect_left(starts, end)  # the taken spans starting before `end`: one overlaps if any reaches past `start`
            if start < last or (i and reach[i - 1] > start):
                continue
            out.append(Mention(text=text[start:end], start=start, end=end, type="Place", key=key, extractor="places"))
            last = end
        return out

    def __call__(self, ex: Extraction) -> None:
        text = ex.document.text
        found = self.find(text, [(m.start, m.end) for m in ex.mentions])
        if found:  # a seat needs a place
            ex.mentions.extend(found)
            ex.relations.extend(seats(text, ex.mentions, found, ex.document.lang))


def seats(text: str, mentions: list[Mention], places: list[Mention], lang: str) -> list[Relation]:
    """`locatedIn` where the text states a seat: 总部位于深圳的X, X总部位于深圳, "X, based in Berlin"."""
    w = _seat_words()
    orgs = sorted((m for m in mentions if m.type in ORGANIZATION_TYPES), key=lambda m: m.start)
    out = []
    for p in places:
        org = None
        if lang == "zh":
            before = [o for o in orgs if o.end <= p.start and p.start - o.end <= 8]
            if before and w["zh_after_org"].match(text, before[-1].end, p.start):
                org = before[-1]
            elif w["zh_before_place"].search(text, max(0, p.start - 6), p.start) and text.startswith("的", p.end):
                org = next((o for o in orgs if p.end < o.start <= p.end + 16
                            and not re.search(r"[，,。；;]", text[p.end:o.start])), None)
        else:
            before = [o for o in orgs if o.end <= p.start and p.start - o.end <= 60]
            if before and w["en_after_org"].fullmatch(text, before[-1].end, p.start):
                org = before[-1]
            else:
                m = w["en_before_org"].match(text, p.end)
                if m is not None:
                    org = next((o for o in orgs if o.start == m.end()), None)
        if org is not None:
            out.append(Relation(subject=org, predicate="locatedIn", object=p, evidence=text[max(0, org.start - 20):p.end + 20]))
    return out


def market_places(text: str, mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    """The places named in [lo, hi) that are no organisation's seat ("Berlin-based X" names no market)."""
    w = _seat_words()
    out = []
    for m in mentions:
        if m.type != "Place" or not (lo <= m.start and m.end <= hi):
            continue
        if w["en_before_org"].match(text, m.end) or w["zh_before_place"].search(text, max(lo, m.start - 6), m.start):
            continue
        if re.search(r"(?:based|headquartered)\s+in\s+\Z|总部(?:位于|设在|在)\Z", text[max(lo, m.start - 20):m.start]):
            continue
        out.append(m)
    return out


EXTRACTORS.register("places")(PlaceFinder)
