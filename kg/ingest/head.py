"""The block of short lines between a headline and the body (byline, outlet, timestamp):
news sites stack them in any order, sometimes on one line ("By A · Outlet · June 4, 2024"),
so each line is cut into parts and every part must be recognised for the line to count."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from .dates import ENGLISH, NUMERIC, has_year, month_day, parse_timestamp
from .lexicon import Markers
from .repair import is_chrome, is_dateline, timestamp_line

# each separator opens with one of the characters of its (?=[...]) guard, which spares the
# engine trying every branch at every position of a long line (same splits, about twice as fast)
_PART_SEP = re.compile(r"(?=[\s·•｜])(?:\s+[·•|｜—–]\s+|\s*[·•｜]\s*)")
_PART_MARKS = re.compile("[·•｜|—–]")  # a character each separator holds
_LATIN_NAME = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_HAN_OUTLET = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,15}")
_PUB_SEP = re.compile(r"(?=[\s·•|｜])(?:\s*[·•|｜]\s*|\s+[—–]\s+)")
_SHORT_NAME = re.compile(r"[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}|[\u4e00-\u9fffA-Za-z0-9]{2,15}")
_MAX_LINES = 6
_PLACE = re.compile(r"(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})\s*,")
# a wide gap (an ideographic space, or two spaces or more) between fields of one head line:
# "来源：新华社　　发布时间：2024-06-17 16:20"
_WIDE_GAP = re.compile(r"(?=\s)(?:\s*\u3000\s*|\s{2,})")
# a kicker or section label opening a head line ("Marketplace brief | Posted … | by …"):
# a few words, the later ones in lower case (so not a name or an outlet)
_KICKER = re.compile(r"(?-i:[A-Z][a-z]+(?: [a-z][\w-]*){1,3})")


@dataclass
class Head:
    """What the head block said; `names` are lone name lines whose role is not yet known."""

    date: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    definite: bool = False


@lru_cache(maxsize=1)
def known_outlets() -> frozenset[str]:
    """Every name of the news outlets in `kg/lexicons/entities/outlets.json`, casefolded: a
    wire agency's name ("Reuters", "AP") has no outlet-like ending to be known by."""
    from ..lexicons import load_entities, outlet_ids
    ids = outlet_ids()
    return frozenset(name.casefold() for e in load_entities() if e.id in ids for name in e.names if len(name) > 1)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    from ..lexicons import load_words
    return frozenset(load_words("ner/en_given_names.txt"))


_CLAUSE_MARKS = frozenset("。，,.;；:：!?！？")  # a name holds none of them


def is_outlet(text: str, markers: Markers) -> bool:
    """A short name ending like an outlet's ("北京商报", "Retail Dive", "Caixin Global"), or
    the name of a known outlet ("Reuters", "the Associated Press")."""
    s = text.strip()
    if not s or len(s) > 30 or not _CLAUSE_MARKS.isdisjoint(s):
        return False
    folded = s.casefold()
    if folded in known_outlets() or (folded.startswith("the ") and folded[4:] in known_outlets()):
        return True
    if s.isascii():
        words = s.split()
        return 1 < len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words) \
            and words[-1].casefold() in markers.outlet_suffix
    return bool(_HAN_OUTLET.fullmatch(s)) and s.endswith(markers.outlet_endings)


class _Bylined(Protocol):
    publisher: str | None
    authors: list[str]


def take_byline(into: _Bylined, mt: re.Match[str], m: Markers, *, extend: bool = False) -> None:
    """Record the names of a matched byline (and an outlet named in it) unless `into` has
    authors; with `extend`, add them to those already read (fields of one head block)."""
    from .bylines import split_byline
    names, outlet = split_byline(mt["name"], m)
    pub = mt.groupdict().get("pub") or outlet
    if pub:
        into.publisher = into.publisher or pub.strip()
    if not into.authors:
        into.authors = names
    elif extend:
        into.authors = into.authors + [n for n in names if n not in into.authors]


# the people of a byline with no "By" ("Jane Doe and John Roe"), read before an outlet's name
_NAME_LIST = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2}"
                        r"(?:(?:\s*,\s*and|\s*,|\s+and|\s*&)\s+[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2})*")


def names_then_outlet(part: str, m: Markers) -> tuple[list[str], str] | None:
    """(["Jane Doe", "John Roe"], "Bloomberg News") from "Jane Doe and John Roe Bloomberg News":
    each name opens with a known given name (so a title-case headline is never read as one),
    and the outlet is known or shaped like one."""
    if len(part) > 100 or not part.isascii():
        return None
    words = part.split()
    # every `people` below opens with the first two words, and `_NAME_LIST` opens with two
    # capitalised words: a part whose first two words are not so is no credit (most sentences)
    if len(words) < 3 or not ("A" <= words[0][0] <= "Z" and "A" <= words[1][0] <= "Z"):
        return None
    given = _given_names()
    for k in range(min(4, len(words) - 2), 0, -1):  # the longest outlet first
        outlet = " ".join(words[-k:])
        people = " ".join(words[:-k])
        if not _NAME_LIST.fullmatch(people) or not is_outlet(outlet, m):
            continue
        names = [people]
        for sep in m.of("byline_sep_re"):  # the separators between a byline's names (markers.tsv)
            names = [n for piece in names for n in sep.split(piece) if n]
        if all(len(n.split()) >= 2 and n.split()[0] in given for n in names):
            return names, outlet
    return None


def _fullmatch(line: str, patterns: tuple[re.Pattern[str], ...]) -> re.Match[str] | None:
    for p in patterns:
        mt = p.fullmatch(line)
        if mt:
            return mt
    return None


def _parts(line: str, m: Markers) -> list[str]:
    """Cut a head line at separators and around its timestamp."""
    # every separator holds one of these characters: a line without any is one part (a
    # test at C speed instead of the separator pattern tried at every position)
    pieces = _PART_SEP.split(line) if _PART_MARKS.search(line) else [line]
    parts = [p.strip() for p in pieces if p.strip()]
    out: list[str] = []
    for part in parts:
        if timestamp_line(part, m) or len(part) > 80:
            out.append(part)
            continue
        # both date patterns hold a year: a part without one has no date (most parts)
        mt = (NUMERIC.search(part) or ENGLISH.search(part)) if has_year(part) else None
        if mt and parse_timestamp(mt[0]):
            before = part[: mt.start()]
            if _PLACE.fullmatch(before.strip()):
                before = ""  # the place of a dateline ("Brussels, 3 October 2024")
            out.extend(p.strip() for p in (before, mt[0], part[mt.end():]) if p.strip())
        else:
            out.append(part)
    return out


def _read_part(part: str, head: Head, m: Markers) -> bool:
    """Record one part; False when it is not metadata."""
    labels = m.of("timestamp_label_re")
    if timestamp_line(part, m):
        head.date = head.date or parse_timestamp(part)
    elif _labelled_month_day(part, labels):
        pass  # "Posted Oct 23": a time without its year (the year is read elsewhere)
    # the length caps first: the same branches taken, without trying long lines (most body text)
    elif len(part) <= 80 and m.may_open("author_re", part) and (mt := _fullmatch(part, m.possible("author_re", part))):
        take_byline(head, mt, m, extend=True)
    elif mt := _fullmatch(part, m.possible("byline_re", part)):
        head.publisher = head.publisher or mt["pub"].strip()
        take_byline(head, mt, m, extend=True)
    elif len(part) <= 80 and m.may_open("source_re", part) and (mt := _fullmatch(part, m.of("source_re"))):
        head.publisher = head.publisher or mt["pub"].strip()
    elif m.may_open("credit_source_re", part) and (mt := _fullmatch(part, m.of("credit_source_re"))) and is_outlet(mt["pub"], m):
        head.publisher = head.publisher or re.sub(r"^the\s+", "", mt["pub"].strip())  # "the Associated Press"
    elif credited := names_then_outlet(part, m):
        head.publisher = head.publisher or credited[1]
        head.authors = head.authors + [n for n in credited[0] if n not in head.authors]
    elif len(part) <= 20 and (mt := _fullmatch(part, m.possible("lead_source_re", part))):
        head.publisher = head.publisher or mt["pub"].strip()
    elif is_outlet(part, m):
        head.publisher = head.publisher or part
        return True
    elif _LATIN_NAME.fullmatch(part) or _HAN_NAME.fullmatch(part):
        head.names.append(part)
        return True
    else:
        return False
    head.definite = True
    return True


def _labelled_month_day(part: str, labels: tuple[re.Pattern[str], ...]) -> bool:
    """A labelled month and day without a year ("Posted Oct 23", "发布于3月5日")."""
    if len(part) > 30 or not month_day(part):
        return False
    stripped = part
    for label in labels:
        stripped = label.sub("", stripped, count=1)
    if stripped == part:
        return False
    return month_day(stripped) is not None and not re.search(r"[^\W\d_]{10,}", stripped)


def _read_parts(parts: list[str], head: Head, m: Markers, not_field: str | None = None) -> bool:
    """Record every part of a line; one short unknown name beside a byline or timestamp
    on the same line ("By A · TechCrunch · June 4, 2024") is the outlet. `not_field`: a text
    `_read_part` already turned down (it changes nothing then, so the answer stands)."""
    before = head.definite
    head.definite = False
    unknown = [p for p in parts if (p == not_field or not _read_part(p, head, m)) and not is_chrome(p, m)
               and not m.fullmatch("head_label_re", p)]
    line_definite, head.definite = head.definite, before or head.definite
    if not unknown:
        return True
    if len(unknown) == 1 and len(parts) > 1 and line_definite and _SHORT_NAME.fullmatch(unknown[0]):
        head.publisher = head.publisher or unknown[0]
        return True
    if len(unknown) == 1 and len(parts) > 2 and line_definite and unknown[0] == parts[0] \
            and _KICKER.fullmatch(unknown[0]):
        return True  # a section label opening the line
    return False


def _read_field(text: str, head: Head, markers: Markers) -> bool:
    """Record one field of a head line into `head` (in place); False when it is not metadata."""
    whole = Head(head.date, head.publisher, list(head.authors), list(head.names), head.definite)
    known = _read_part(text, whole, markers)
    if known and whole.definite:
        # "文｜李思远" is one byline, not two parts (field by field: no `__dict__` when compiled by mypyc)
        head.date, head.publisher, head.authors, head.names, head.definite = \
            whole.date, whole.publisher, whole.authors, whole.names, whole.definite
        return True
    if is_dateline(text, markers):
        pub, when = parse_dateline(text)
        head.date, head.publisher = head.date or when, head.publisher or pub
        head.definite = True
        return True
    parts = _parts(text, markers)
    if not known and parts == [text]:
        # a line of one part (most body lines), turned down above: `_read_parts` would read no
        # part and leave `head` as it is; it is a field only as page chrome or a head label
        return is_chrome(text, markers) or markers.fullmatch("head_label_re", text)
    return _read_parts(parts, head, markers, None if known else text)


def is_head_field(line: str, markers: Markers) -> bool:
    """A line a head block may hold between headline and timestamp (byline, outlet, name)."""
    return _read_field(line.strip(), Head(), markers)


def is_credit_line(line: str, markers: Markers) -> bool:
    """A line that credits a story's authors or outlet ("By Jane Roe, AP", "From the
    Associated Press", "Jane Doe and John Roe Bloomberg News"): never a headline."""
    head = Head()
    return _read_field(line.strip(), head, markers) and head.definite and bool(head.authors or head.publisher) \
        and head.date is None


def parse_dateline(line: str) -> tuple[str | None, str | None]:
    """(publisher, ISO date) of "Bei Jing Shang Bao· 2025-11-04 10:41" or a bare timestamp."""
    parts = _PUB_SEP.split(line.strip(), maxsplit=1)
    when = parse_timestamp(line)
    if len(parts) == 2 and parse_timestamp(parts[1]) and not parse_timestamp(parts[0]):
        return parts[0].strip() or None, when
    return None, when


def read_head(body: list[str], markers: Markers) -> tuple[Head, int]:
    """Read the head block at the start of `body`; return it and how many lines it took.

    A lone name counts only in a block that also holds a timestamp, byline or source line,
    or as the first line under a Chinese headline (a common layout), so a short subheading
    is never taken for a person.
    """
    head = Head()
    taken = 0
    for i, line in enumerate(body[:_MAX_LINES]):
        if not line:
            taken = i + 1
            continue
        trial = Head(head.date, head.publisher, list(head.authors), list(head.names), head.definite)
        if is_dateline(line, markers):
            pub, when = parse_dateline(line)
            trial.date, trial.publisher = trial.date or when, trial.publisher or pub
            trial.definite = True
            head, taken = trial, i + 1
            continue
        # a wide gap holds two white-space characters in a row or an ideographic space; every
        # white-space character but " " is unprintable, so a printable line without "  " has none
        wide = "  " in line or not line.isprintable()
        fields = [f for f in _WIDE_GAP.split(line) if f] if wide else [line]
        split = Head(head.date, head.publisher, list(head.authors), list(head.names), head.definite)
        if len(fields) > 1 and all(is_chrome(f, markers) or _read_field(f, split, markers) for f in fields):
            trial = split
        elif not _read_field(line, trial, markers):
            break
        head, taken = trial, i + 1
    if head.names and not head.definite:
        first = body[0] if body else ""
        if _HAN_NAME.fullmatch(first) and head.names[0] == first:
            return Head(authors=[first]), 1
        return Head(), 0
    if head.names and not head.authors:
        head.authors = [head.names[0]]
    return head, taken
