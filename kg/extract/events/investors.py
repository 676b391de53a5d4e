"""Investors of a funding round: every organisation (and angel) named around 领投/跟投, "led by"."""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import ORGANIZATION_TYPES, Mention
from ...text import HAN_BASIC
from ..cues import phrases
from .lists import abbreviations, list_ending_at
from .role_words import RoleWords, role_cues
from .roles import actor_candidates


def investors(text: str, mentions: list[Mention], lo: int, hi: int, words: RoleWords) -> list[Mention]:
    """Every organisation of the sentence named as an investor: "由A领投，B跟投", "led by A, with participation from B";
    a person only as an angel ("天使投资人周默", "angel investor Maya Ellison", "由周默独家投资")."""
    cands = actor_candidates(mentions, lo, hi)
    angels: list[Mention] = []
    for m in cands:
        if m.type != "Person":
            continue
        if _angel().search(text, max(lo, m.start - 20), m.start) or words.investor_after.match(text, m.end) or (
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


@lru_cache(maxsize=1)
def _angel() -> re.Pattern[str]:
    """"天使投资人周默", "angel investors A and B": the words before a person who invests (angels of _roles.json)."""
    w = role_cues("angels")
    return re.compile(rf"(?:{phrases(w['zh_words'] + w['en_words'])})[\s、,，]*(?:and\s+)?\Z", re.IGNORECASE)


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
_ZH_INVESTOR = re.compile(rf"[{HAN_BASIC}A-Za-z0-9·]{{2,14}}")


@lru_cache(maxsize=2)
def _investor_opener(before: str) -> re.Pattern[str]:
    """"led by", "participation from" anywhere in a sentence: `investor_before` (the pattern of the role
    words, `before`) without its end anchor. Compiled once per language: built at each call, the long
    pattern was hashed and looked up in re's cache (and compiled again when other patterns had pushed it out)."""
    return re.compile(before.replace(r"\Z", ""), re.IGNORECASE)


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
    for mt in _investor_opener(words.investor_before.pattern).finditer(text[lo:hi]):
        pos = lo + mt.end()
        names = _EN_INVESTOR_LIST.match(text, pos, hi)
        if not names:
            continue
        for part in re.split(r"\s*(?:,\s*and\b|,|\band\b|&)\s*", names.group(0)):
            part = re.sub(r"^the\s+", "", part.strip())
            if not part or part in words.list_stop or part.casefold() in words.list_stop:
                continue
            a = text.index(part, pos)
            size = len(part) - (1 if part.endswith(".") and part.split()[-1] not in abbreviations() else 0)
            add(a, a + size)
            pos = a + len(part)
    return out
