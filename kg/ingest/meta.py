"""Metadata read out of the text around a body: bylines, timestamps, source lines,
bracketed datelines, trailing sources, and the language of the body."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import parse_timestamp
from .lexicon import Markers, load_markers
from .repair import is_dateline

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LONE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# "[Epoch Times, August 15, 2021]" / "【新华网，2021年8月15日】" at the start of the body
_BRACKET_DATELINE = re.compile(
    r"\s*[\[【(（]\s*(?P<pub>[^\]】)）,，\d]{2,40}?)\s*[,，]\s*(?P<when>[^\]】)）]{6,30}?)\s*[\]】)）]\s*"
)
_PUB_SEP = re.compile(r"\s*[·•|｜]\s*")


@dataclass
class Meta:
    """What was read about one article."""

    date: str | None = None
    publisher: str | None = None
    author: str | None = None
    body: list[str] = field(default_factory=list)


def han_count(text: str) -> int:
    """Han characters in `text`, counted by runs (one match per run, not per character)."""
    return sum(map(len, _CJK_RUN.findall(text)))


def detect_lang(text: str) -> str:
    """"zh" when Han characters make up a fair share of the letters, else "en"."""
    sample = text[:20000]
    han = 0 if sample.isascii() else han_count(sample)
    raw = sample.encode("ascii", "ignore")  # counting in bytes: no string per letter
    latin = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    return "zh" if han and han * 3 >= latin * 0.5 else "en"


def parse_dateline(line: str) -> tuple[str | None, str | None]:
    """(publisher, ISO date) of "Bei Jing Shang Bao· 2025-11-04 10:41" or a bare timestamp."""
    parts = _PUB_SEP.split(line.strip(), maxsplit=1)
    when = parse_timestamp(line)
    if len(parts) == 2 and parse_timestamp(parts[1]) and not parse_timestamp(parts[0]):
        return parts[0].strip() or None, when
    return None, when


def _match(line: str, patterns: tuple[re.Pattern[str], ...], group: str) -> str | None:
    for p in patterns:
        mt = p.fullmatch(line.strip())
        if mt and mt[group]:
            return mt[group].strip()
    return None


def read_meta(lines: list[str], *, head: bool, markers: Markers | None = None) -> Meta:
    """Take bylines, timestamps and source lines out of a body and return them with the rest.

    With `head`, the lines just under the headline are read too: a lone 2-4 character
    Chinese name there is the author (as on many Chinese news sites).
    """
    m = markers or load_markers()
    meta = Meta()
    body = [ln.strip() for ln in lines]
    while body and not body[0]:
        body.pop(0)
    if head:
        taken = 0
        while body and taken < 5:
            line = body[0]
            if not line:
                body.pop(0)
                continue
            if is_dateline(line):
                pub, when = parse_dateline(line)
                meta.date = meta.date or when
                meta.publisher = meta.publisher or pub
            elif (name := _match(line, m.of("author_re"), "name")) and len(line) <= 60:
                meta.author = meta.author or name
            elif (pub := _match(line, m.of("source_re"), "pub")) and len(line) <= 80:
                meta.publisher = meta.publisher or pub
            elif _LONE_NAME.fullmatch(line) and meta.author is None and taken == 0:
                meta.author = line
            else:
                break
            body.pop(0)
            taken += 1
    kept: list[str] = []
    for line in body:
        short = 0 < len(line) <= 60
        if short and (pub := _match(line, m.of("source_re"), "pub")):
            meta.publisher = meta.publisher or pub
            continue
        if short and (name := _match(line, m.of("author_re"), "name")) and not kept:
            meta.author = meta.author or name
            continue
        kept.append(line)
    if kept and (mt := _BRACKET_DATELINE.match(kept[0])):
        when = parse_timestamp(mt["when"])
        if when:
            meta.date = meta.date or when
            meta.publisher = meta.publisher or mt["pub"].strip()
            kept[0] = kept[0][mt.end():]
    while kept and not kept[-1]:
        kept.pop()
    if kept:
        tail = "\n" + kept[-1]
        for p in m.of("tail_source_re"):
            mt = p.search(tail)
            if mt:
                meta.publisher = meta.publisher or mt["pub"].strip()
                kept[-1] = tail[: mt.start()].strip()
                break
    meta.body = kept
    return meta


def split_title(headline: str) -> tuple[str, str | None]:
    """"Title | Section | Site" -> ("Title", "Site"): the first part is the headline."""
    parts = [p.strip() for p in re.split(r"\s+[|｜]\s+|\s*｜\s*", headline) if p.strip()]
    if len(parts) < 2:
        return headline.strip(), None
    site = parts[-1] if len(parts[-1].split()) <= 4 and len(parts[-1]) <= 30 else None
    return parts[0], site
