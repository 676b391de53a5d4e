"""Enumerations of parties: the list after a trigger, the list ending at a name, the list a clause
refers back to ("上述三家服务商"), and names of a list no extractor knew."""
from __future__ import annotations

import re
from functools import lru_cache

from ...lexicons import load_words
from ...model import ORGANIZATION_TYPES, Mention
from ...text import HAN_BASIC
from ..cues import phrases
from ..patterns import first_chars, ordered_alternation
from .role_words import ACTOR_TYPES, RoleWords, role_cues

_WINDOW = {"zh": 16, "en": 70}


@lru_cache(maxsize=1)
def _and_existing() -> re.Pattern[str]:
    """"A and existing investor B", "A、日本創投B": a role or a kind of investor between two list items
    (existing_investor of _roles.json)."""
    w = role_cues("existing_investor")
    return re.compile(rf"\s*(?:{phrases(w['joiners'])})\s*(?:{phrases(w['words'])}"
                      rf"|[{HAN_BASIC}]{{0,4}}(?:{phrases(w['zh_fund_heads'])}))\s*")


@lru_cache(maxsize=1)
def _its_title() -> re.Pattern[str]:
    """"A and its chief executive, B", "A及其法定代表人B": a person joined to an organisation by a title
    (its_people of _roles.json)."""
    w = role_cues("its_people")
    return re.compile(rf",?\s*(?:{phrases(w['en_joiners'])})\s+(?:its|their)\s+[\w\s'’-]{{2,60}}?,?\s*"
                      rf"|(?:{phrases(w['zh_words'])})[^，。；]{{1,12}}")


def list_ending_at(text: str, before: list[Mention], last: Mention, words: RoleWords) -> list[Mention]:
    """The items joined to `last` by list separators, nearest first reversed ("A、B和C" ends at C)."""
    items: list[Mention] = []
    nxt = last
    for m in reversed(before):
        between = text[m.end : nxt.start]
        if not (words.separator.match(between) or _and_existing().fullmatch(between)):  # only a separator between
            break
        items.insert(0, m)
        nxt = m
    return items


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
        if m.type == "Person" and _its_title().fullmatch(between):
            out.append(m)  # "BoxBloom and its co-founder and chief executive, Vanessa Pryor"
            continue
        if not words.separator.search(between) or len(between.strip()) > 12:
            break
        out.append(m)
    return out


_BRACKETS = re.compile(r"[(（][^()（）]{0,12}[)）]|[“”\"()（）]")


_EN_ITEM = r"[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&|of|de))*"
_EN_LIST = re.compile(rf"({_EN_ITEM})((?:\s*(?:,\s*and|,\s*or|,|\band\b|\bor\b|&)\s*{_EN_ITEM})+)")
_EN_SPLIT = re.compile(r"\s*(?:,\s*and\b|,\s*or\b|,|\band\b|\bor\b|&)\s*")
_ZH_ITEM = re.compile(rf"[{HAN_BASIC}A-Za-z0-9·]{{2,14}}\Z")


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
        joiners = role_cues("zh_list")["joiners"]
        parts = re.split(f"({phrases(joiners)})", body)
        offset = body_start
        for part in parts:
            if part in joiners:
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
            if piece.endswith(".") and piece.split()[-1] not in abbreviations():
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
def abbreviations() -> frozenset[str]:
    return frozenset(load_words("abbreviations.txt"))


@lru_cache(maxsize=1)
def _the_above() -> re.Pattern[str]:
    """"上述三家", "the three": words that refer back to a list named before (the_above of _roles.json)."""
    w = role_cues("the_above")
    guard = first_chars([*w["zh_words"], "these", "the"])  # (searched over whole sentences: one test per place first)
    return re.compile(rf"{guard}(?:(?:{ordered_alternation(w['zh_words'])})(?:\d+|[一二两三四五六七八九十]+)?"
                      rf"(?:{ordered_alternation(w['zh_counters'])})?"
                      rf"|\b(?:these|the)\s+(?:{ordered_alternation(w['en_numbers'])}|\d+)\b)", re.IGNORECASE)


def referred_list(text: str, mentions: list[Mention], lo: int, hi: int, prev_lo: int, words: RoleWords) -> list[Mention]:
    """"与上述三家服务商终止合作", "the three firms": the longest list of organisations named
    in the previous sentence (or earlier in this one) when the clause refers back to it."""
    if not _the_above().search(text, lo, hi):
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
