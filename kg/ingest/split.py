"""Find the articles in one file's repaired lines: numbered newsletters, timestamp-delimited
lists, "headline + source·timestamp" stacks, "【headline】" flashes, related-reading sections and runs of
"M月D日消息" items; anything else is one article."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import LEAD_EN, LEAD_EN_DASH, LEAD_ZH
from .head import is_head_field
from .lexicon import Markers, load_markers
from .repair import FINAL_PUNCT, is_dateline, year_lines

_NUMBERED = re.compile(r"\s*(?P<n>\d{1,2})\s*[.、．)]\s*(?P<rest>\S.*)")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_NEWS_LEAD_ZH = re.compile(r"\s*\d{1,2}月\d{1,2}日(?:消息|讯|电)")
_NEWS_LEAD_EN = re.compile(rf"{LEAD_EN.pattern[:-1]}", re.IGNORECASE)
_BULLET = re.compile(r"[-*•]\s+(?=\S)")
# a newsletter's masthead: its name and the full date ("电商快报 2024年9月20日")
_MASTHEAD_DATE = re.compile(
    r"[^\s\d][^\d]{0,24}?\s+(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?")


@dataclass
class Draft:
    """One article as found: its headline and raw body lines (metadata is read later)."""

    headline: str | None = None
    lines: list[str] = field(default_factory=list)
    dateline: str | None = None  # the timestamp or "publisher· timestamp" line after the headline
    head_parsed: bool = False  # True when byline/timestamp lines still need reading (single articles)


@dataclass
class Layout:
    """How a file is laid out: a title and preamble, and its articles in order."""

    kind: str  # "single", "numbered", "stacked", "bracketed", "related", "leads"
    items: list[Draft]
    title: str | None = None
    preamble: list[str] = field(default_factory=list)


def width(text: str) -> int:
    """Display width: a Han character counts as two Latin ones."""
    return len(text) + (0 if text.isascii() else sum(map(len, _CJK_RUN.findall(text))))


def is_headline(line: str) -> bool:
    """Short, with no sentence-final full stop, and not a timestamp."""
    s = line.strip()
    # (width is at least the length and at most twice it: no count under 101 characters)
    if not s or len(s) > 200 or is_dateline(s) or (len(s) > 100 and width(s) > 200):
        return False
    return s[-1] not in "。；;，,:：" and not (s[-1] == "." and not s.endswith(".."))


def _short_heading(line: str) -> bool:
    s = line.strip()
    return is_headline(s) and width(s) <= 40 and len(s.split()) <= 6


def _numbered(lines: list[str]) -> Layout | None:
    m = load_markers()
    starts: list[tuple[int, str]] = []
    expected = 1
    for i, line in enumerate(lines):
        # an item number is the first character but for white space (most lines open otherwise)
        mt = _NUMBERED.fullmatch(line) if line.lstrip()[:1].isdecimal() else None
        if mt and int(mt["n"]) == expected and is_headline(mt["rest"]) and not _only_digits(mt["rest"]):
            starts.append((i, mt["rest"].strip()))
            expected += 1
    if len(starts) < 3:
        return None
    items = []
    for k, (i, head) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = [ln for ln in lines[i + 1:end]]
        cut = next((j for j, ln in enumerate(body) if j and is_related_heading(ln, m)), None)
        if cut is not None:  # a closing related-reading block ("往期回顾") is not part of the item
            del body[cut:]
        while len([b for b in body if b.strip()]) > 1 and (not body[-1].strip() or _short_heading(body[-1])):
            body.pop()  # a section heading ("Internet news") before the next item
        items.append(Draft(headline=head, lines=body))
    title, preamble = _title_and_preamble(lines[: starts[0][0]], keep_title=True)
    return Layout("numbered", items, title, preamble)


def is_masthead(line: str) -> bool:
    """A short line of a name and a full date: the masthead of one issue."""
    s = line.strip()
    return width(s) <= 60 and bool(_MASTHEAD_DATE.fullmatch(s))


def _only_digits(text: str) -> bool:
    """"1. 2023" is a list of years, not a headline."""
    return text.replace(" ", "").isdigit()


def _title_and_preamble(lines: list[str], keep_title: bool) -> tuple[str | None, list[str]]:
    """A long first line is the file's title; short lines without punctuation are navigation."""
    texts = [ln.strip() for ln in lines if ln.strip()]
    title = None
    first = texts[0] if texts else ""
    if keep_title and first and width(first) > 24 and width(first) <= 800 and not is_dateline(first) \
            and first[-1] not in "。；;，,:：":
        title = texts.pop(0)
    return title, [t for t in texts if not _short_heading(t) or is_masthead(t)]


def _wire_lead(text: str, markers: Markers) -> bool:
    """A paragraph opening with a wire dateline ("SEOUL, March 4 (Yonhap) - ...")."""
    return markers.any_match("wire_dateline_re", text)


def _datelike(text: str, markers: Markers) -> bool:
    return is_dateline(text, markers) or _wire_lead(text, markers)


def _head_end(texts: list[str], i: int, markers: Markers) -> int | None:
    """Index of the dateline that closes the head of an article headed at `i`: the next line,
    or a line after up to two short head lines (outlet, byline)."""
    for j in range(i + 1, min(i + 4, len(texts))):
        if _datelike(texts[j], markers):
            return j
        if not (is_headline(texts[j]) and width(texts[j]) <= 60):
            return None
    return None


def _stacked(lines: list[str]) -> Layout | None:
    m = load_markers()
    texts = [ln.strip() for ln in lines if ln.strip()]
    dated = year_lines(texts)  # a line without a year is no dateline: one scan for all
    datelike = [(k in dated and is_dateline(t, m, year_seen=True)) or _wire_lead(t, m) for k, t in enumerate(texts)]
    if sum(1 for k, d in enumerate(datelike) if d and not (k and datelike[k - 1])) < 2:
        return None
    starts: list[int] = []
    closed = -1  # the last line of the previous start's head block
    for i, t in enumerate(texts[:-1]):
        nxt = texts[i + 1]
        if i <= closed or not is_headline(t) or (m.may_open("author_re", t)  # (no byline opens so: none matches)
                                                  and any(p.fullmatch(t) for p in m.possible("author_re", t))):
            continue  # a byline over a timestamp closes an article, it heads none
        end = _head_end(texts, i, m)
        if end is not None and not (starts and datelike[i - 1]):
            # a section or site name over the headline ("快手电商" / headline / "界面新闻· date"):
            # the headline is the last line above the dateline that is no byline or outlet
            starts.append(next((k for k in range(end - 1, i, -1) if not is_head_field(texts[k], m)), i))
            while end + 1 < len(texts) and is_headline(texts[end + 1]) and width(texts[end + 1]) <= 60:
                end += 1  # byline or outlet lines under the dateline belong to the same head
            closed = end
        elif (i == 0 or not datelike[i - 1]) and width(t) <= 120 and width(nxt) >= max(120, 2 * width(t)) \
                and (not starts or i > starts[-1] + 1):
            starts.append(i)
    if len(starts) < 2:
        return None
    items = []
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(texts)
        body = texts[i + 1:end]
        dateline = body.pop(0) if body and is_dateline(body[0], m) else None
        items.append(Draft(headline=texts[i], lines=body, dateline=dateline))
    _, preamble = _title_and_preamble(texts[: starts[0]], keep_title=False)
    return Layout("stacked", items, None, preamble)


_BRACKET_HEAD = re.compile(r"\s*【\s*(?P<head>[^【】]{4,80}?)\s*】\s*")


def _bracket_head(text: str, markers: Markers) -> str | None:
    """The headline of a "【headline】" line (news flashes), or None."""
    mt = _BRACKET_HEAD.fullmatch(text)
    if not mt or not is_headline(mt["head"]):
        return None
    head = mt["head"].strip()
    folded = head.casefold().rstrip(":：")
    return None if folded in markers.related or folded in markers.chrome else head


def _bracketed(lines: list[str]) -> Layout | None:
    """A flash list: each item opens with "【headline】" on its own line above its paragraph."""
    m = load_markers()
    texts = [ln.strip() for ln in lines if ln.strip()]
    heads = [_bracket_head(t, m) for t in texts]
    starts = [i for i, h in enumerate(heads) if h and i + 1 < len(texts) and heads[i + 1] is None
              and (width(texts[i + 1]) >= 60 or texts[i + 1][-1] in FINAL_PUNCT)]
    if len(starts) < 2:
        return None
    items = []
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(texts)
        items.append(Draft(headline=heads[i], lines=texts[i + 1:end]))
    _, preamble = _title_and_preamble(texts[: starts[0]], keep_title=False)
    return Layout("bracketed", items, None, preamble)


def _lead_items(lines: list[str]) -> list[Draft]:
    """Group lines into items, each starting at a news lead ("3月8日消息,")."""
    items: list[Draft] = []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if (mt := _BULLET.match(s)) and (LEAD_ZH.match(s[mt.end():]) or LEAD_EN_DASH.match(s[mt.end():])):
            s = s[mt.end():]  # a dated entry of a bulleted list ("- June 3 — …")
        if _NEWS_LEAD_ZH.match(s) or LEAD_ZH.match(s) or _NEWS_LEAD_EN.match(s) or not items:
            items.append(Draft(lines=[s]))
        else:
            items[-1].lines.append(s)
    return items


def is_related_heading(line: str, markers: Markers) -> bool:
    """A heading of a related-reading section ("相关阅读：", "Related coverage", "MORE FROM …")."""
    s = line.strip()
    if s and s[0] not in "【】[]" and s[-1] not in "【】[]:：":  # the strips below would take nothing off
        if len(s) > 60 and len(s) > markers.related_longest:
            return False  # too long for any heading (most lines)
    else:
        s = s.strip("【】[]").strip().rstrip(":：").strip()
    # (casefold never shortens: a line longer than every heading is none of them, and is not folded)
    return (len(s) <= markers.related_longest and s.casefold() in markers.related) \
        or (len(s) <= 60 and markers.may_open("related_re", s) and markers.fullmatch("related_re", s))


def segment(lines: list[str], markers: Markers | None = None) -> Layout:
    """Choose the layout of a file's repaired lines."""
    m = markers or load_markers()
    for finder in (_numbered, _stacked, _bracketed):
        layout = finder(lines)
        if layout is not None:
            return layout
    for i, line in enumerate(lines):
        if is_related_heading(line, m):
            main = Draft(lines=lines[:i], head_parsed=True)
            entries = [ln.strip() for ln in lines[i + 1:] if ln.strip()]
            if all(_short_heading(e) or (is_headline(e) and width(e) <= 80) for e in entries):
                return Layout("single", [main])  # a list of links: titles only, nothing to read
            related = _lead_items(lines[i + 1:])
            if related:
                return Layout("related", [main, *related])
            return Layout("single", [main])
    texts = [ln.strip() for ln in lines if ln.strip()]
    leads = [t for t in texts if _NEWS_LEAD_ZH.match(t)]
    if len(leads) >= 3 and len(leads) >= len(texts) / 2:
        first = next(i for i, t in enumerate(texts) if _NEWS_LEAD_ZH.match(t))
        title, preamble = _title_and_preamble(texts[:first], keep_title=True)
        return Layout("leads", _lead_items(texts[first:]), title, preamble)
    return Layout("single", [Draft(lines=lines, head_parsed=True)])


def lead_headline(text: str, limit: int = 60) -> str:
    """Headline of a lead item: its first sentence after the lead, cut at a clause if long."""
    s = text.strip()
    mt = LEAD_ZH.match(s) or LEAD_EN.match(s) or LEAD_EN_DASH.match(s)
    if mt:
        s = s[mt.end():].lstrip(" ,，:：")
    s = re.sub(r"^(?:《[^》]{1,12}》|据[^,，]{0,12})?(?:获悉|了解到|据悉|日前|近日|消息)[,，]\s*", "", s)
    sentence = re.split(r"(?<=[。！？!?])|(?<=[^A-Z.]\.)\s", s, maxsplit=1)[0].strip()
    sentence = sentence.rstrip("。.！!？? ")
    if width(sentence) <= limit * 2 or (mt and not _CJK_RUN.search(sentence)):
        # a dated one-paragraph item has no headline of its own: its first sentence, whole
        return sentence
    cut = max((sentence.rfind(c, 0, limit) for c in "，,；;："), default=-1)
    return sentence[:cut] if cut >= 8 else sentence[:limit]


__all__ = ["FINAL_PUNCT", "Draft", "Layout", "is_headline", "lead_headline", "segment", "width"]
