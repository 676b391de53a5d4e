"""Pipeline step "names": names the gazetteer does not know, found by rules.

The rules live in their own modules (Chinese and English organisations, lists, persons,
policies, services); this module runs them, drops page chrome and generic words, and
settles overlaps:
- candidates among themselves: higher confidence first, then the longer span;
- with a mention already in `ex.mentions` (the gazetteer ran first): the known mention
  wins, except that an organisation name found by its suffix (阿里巴巴丝路有限公司,
  "Shenzhen Cross-Border E-Commerce Association"), a platform version (店小蜜1688版本) or a
  quoted or 《》 title (“1688工业品”APP) replaces the known names strictly inside it, because it names a different, more specific
  thing; when both reduce to the same core name (阿里巴巴集团 vs 阿里巴巴) the known one stays.
Discovered mentions have `key=None`; the resolver keys them by their normalised name.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

from ...model import Extraction, Mention
from ...text import normalize, strip_org_suffix
from .. import EXTRACTORS
from .aliases import alias_mentions, brand_mentions
from .descriptors import DescriptorFinder
from .names_common import HAN_CHAR, Candidate, NamesLexicon, names_lexicon
from .names_en import EnOrgFinder
from .names_zh import ZhOrgFinder
from .persons import PersonFinder
from .policies import PolicyFinder
from .services import ServiceFinder, partner_services

# sort keys read in C (no Python call per mention): a mention's start, and its (start, end)
_START = attrgetter("start")
_SPAN = attrgetter("start", "end")
_ORGS = frozenset({"Company", "Organization", "Platform", "GovernmentBody"})
_EDGE = " \t\n\r\u3000“”\"'‘’《》「」()（）,，.。:：;；、"


def _keeps_end(span: str) -> bool:
    """A final "." of "Co." or ")" closing a "(" inside the name is part of the name."""
    if span.endswith((")", "）")):
        return "(" in span or "（" in span
    return span.endswith(".") and not span.endswith("..")


def _firm_head(ordered: list[str], name: str) -> bool:
    """`name` begins (and is not) one of the sorted firm cores `ordered` (see `_not_firm_short_forms`)."""
    i = bisect_right(ordered, name)
    return i < len(ordered) and ordered[i].startswith(name)


class _Spans:
    """Disjoint spans kept sorted by start, for overlap tests in logarithmic time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # spans starting before `end`; only the last can reach `start`
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class _Near:
    """Known mentions by start offset: those overlapping a span, in their original order,
    without comparing the span with every mention (a long text has thousands)."""

    def __init__(self, known: list[Mention]) -> None:
        starts = [m.start for m in known]
        order = sorted(range(len(known)), key=starts.__getitem__)  # (stable: ties keep their order)
        self.known = known
        self.order = order
        self.starts = [starts[i] for i in order]
        self.longest = max([m.end - m.start for m in known], default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        idx = sorted(i for i in self.order[lo:hi] if self.known[i].end > start)
        return [self.known[i] for i in idx]


@EXTRACTORS.register("names")
class NamesExtractor:
    """Runs every name rule over a document and adds the mentions that survive."""

    def __init__(self, lexicon: NamesLexicon | None = None) -> None:
        self.lex = lexicon or names_lexicon()
        self.zh = ZhOrgFinder(self.lex)
        self.en = EnOrgFinder(self.lex)
        self.persons = PersonFinder(self.lex)
        self.policies = PolicyFinder(self.lex)
        self.services = ServiceFinder(self.lex)
        self.descriptors = DescriptorFinder(self.lex)
        self._place_ends = tuple(self.lex.en_orgs.get("place_prefixes", ()))  # ("-based", ...): read once

    def candidates(self, text: str, known: list[Mention] | None = None) -> list[Candidate]:
        """Every rule's raw candidates, trimmed of edge punctuation, without stop-listed names."""
        persons = self.persons(text)
        found = [
            *self.zh(text), *self.zh.list_items(text), *self.en(text), *self.en.list_items(text),
            *persons, *self.policies(text, known), *self.services(text, known),
            *self.descriptors(text, persons),
        ]
        out = []
        for c in found:
            a, b = c.start, c.end
            while a < b and text[a] in _EDGE:
                a += 1
            while b > a and text[b - 1] in _EDGE and not _keeps_end(text[a:b]):
                b -= 1
            if b > a and not self.lex.is_stopped(text[a:b]) and not self._place_word(text[a:b]):
                out.append(c if (a, b) == (c.start, c.end) else Candidate(a, b, c.type, c.rule, c.confidence, c.subsumes))
        return out

    def _place_word(self, span: str) -> bool:
        """"Berlin-based", "Denver-headquartered": a place adjective alone is never a name."""
        ends = self._place_ends
        return bool(ends) and " " not in span.strip() and span.strip().endswith(ends)

    def find(self, text: str, known: list[Mention] | None = None) -> tuple[list[Mention], list[Mention]]:
        """(new mentions, known mentions they replace), never overlapping what remains."""
        known = list(known or ())
        cands = self._not_firm_short_forms(text, self.candidates(text, known))
        cands = sorted(cands, key=lambda c: (-c.confidence, -(c.end - c.start), c.start))
        taken: list[Candidate] = []
        replaced: list[Mention] = []
        gone: set[Mention] = set()
        spans = _Spans()  # the taken spans, disjoint: an overlap test is one bisection
        near = _Near(known)  # known mentions by start: only those that can overlap are compared
        for c in cands:
            if spans.overlaps(c.start, c.end):
                continue
            hits = near.overlapping(c.start, c.end)
            if gone:  # (a mention's hash reads all its fields: none is asked while nothing is replaced)
                hits = [m for m in hits if m not in gone]
            if hits and not self._may_replace(text, c, hits):
                continue
            replaced.extend(hits)
            gone.update(hits)
            taken.append(c)
            spans.add(c.start, c.end)
        also = self._also_platform(cands, taken)
        new = [
            Mention(text[c.start : c.end], c.start, c.end, c.type, key=None,
                    extractor=f"names:{c.rule}", confidence=c.confidence,
                    extra_types=("Platform",) if id(c) in also else ())
            for c in sorted(taken, key=_START)
        ]
        return new, replaced

    @staticmethod
    def _also_platform(cands: list[Candidate], taken: list[Candidate]) -> set[int]:
        """"Threadloop Inc., an online marketplace": the company name found by its suffix wins, and the
        apposition that calls the same name a marketplace makes it a platform too."""
        starts = {c.start for c in cands if c.type == "Platform" and c not in taken}
        return {id(c) for c in taken if c.type == "Company" and c.start in starts}

    def _not_firm_short_forms(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        """A quoted "service" that is the head of a firm's name in the same text (“众刷”小程序 beside
        杭州众刷网络科技有限公司) names the firm, not a service: it is dropped."""
        cores = set()
        for c in cands:
            if c.type in _ORGS:
                core = normalize(strip_org_suffix(text[c.start : c.end]))
                cores.add(core[len(self._place_prefix(core)):])
        ordered = sorted(cores)  # the cores a name is a proper prefix of follow it, side by side
        return [c for c in cands if c.type != "Service" or not _firm_head(ordered, normalize(text[c.start : c.end]))]

    def _place_prefix(self, core: str) -> str:
        """The longest place name `core` begins with ("" if none): its prefixes looked up in the
        set of places, longest first (none longer than the longest place), instead of trying every place."""
        places = self.lex.places
        for k in range(min(len(core), self.lex.longest_place), -1, -1):
            if core[:k] in places:
                return core[:k]
        return ""

    def _may_replace(self, text: str, c: Candidate, hits: list[Mention]) -> bool:
        if not c.subsumes:
            return False
        core = normalize(strip_org_suffix(text[c.start : c.end]))
        for m in hits:
            inside = c.start <= m.start and m.end <= c.end and (m.end - m.start) < (c.end - c.start)
            if not inside or normalize(strip_org_suffix(m.text)) == core:
                return False
            if m.end == c.end and (strip_org_suffix(m.text) != m.text or HAN_CHAR.search(m.text)) \
                    and not self._is_place(text[c.start : m.start]):
                return False  # 希望京东集团, 还要等最高人民检察院: a known Chinese name (or full name) ends the span;
                # a word before it is no part of it ("Guangdong Provincial" + Department of Commerce is)
        return True

    def _is_place(self, head: str) -> bool:
        """深圳市 or 浙江 before a known firm's full name makes a longer name; any other word does not."""
        return any(head.startswith(p) for p in self.lex.places)

    def __call__(self, ex: Extraction) -> None:
        new, replaced = self.find(ex.document.text, ex.mentions)
        if replaced:
            gone = {id(m) for m in replaced}
            ex.mentions[:] = [m for m in ex.mentions if id(m) not in gone]
        ex.mentions.extend(new)
        ex.mentions.extend(alias_mentions(ex.document.text, ex.mentions))  # （以下简称“公平会”）
        ex.mentions.extend(brand_mentions(ex.document.text, ex.mentions))  # HIFIVE（成都某某科技有限公司）
        ex.mentions[:] = partner_services(ex.document.text, ex.mentions, self.lex)  # 微信支付与X达成合作
        ex.mentions.sort(key=_SPAN)
