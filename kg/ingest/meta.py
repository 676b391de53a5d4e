"""Metadata read out of the text around a body: bylines, timestamps, source lines,
bracketed datelines, trailing sources, and the language of the body."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bylines import byline_names, title_case
from .dates import month_day, parse_timestamp
from .head import Head, is_outlet, read_head, take_byline
from .lexicon import Markers, load_markers
from .repair import is_chrome, is_dateline
from .split import is_headline, is_related_heading, width

_STANDFIRST = 4  # lines a summary may take between headline and byline
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# "[Epoch Times, August 15, 2021]" / "【新华网，2021年8月15日】" at the start of the body
_BRACKET_DATELINE = re.compile(
    r"\s*[\[【(（]\s*(?P<pub>[^\]】)）,，\d]{2,40}?)\s*[,，]\s*(?P<when>[^\]】)）]{6,30}?)\s*[\]】)）]\s*"
)


@dataclass
class Meta:
    """What was read about one article."""

    date: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    month_day: tuple[int, int] | None = None
    body: list[str] = field(default_factory=list)

    @property
    def author(self) -> str | None:
        """The first byline name."""
        return self.authors[0] if self.authors else None


def han_count(text: str) -> int:
    """Han characters in `text`, counted by runs (one match per run, not per character)."""
    return sum(map(len, _CJK_RUN.findall(text)))


def detect_lang(text: str) -> str:
    """"zh" when Han characters make up a fair share of the letters, else "en"."""
    sample = text[:20000]
    raw = sample.encode("ascii", "ignore")  # counting in bytes: no string per letter
    latin = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    if sample.isascii():
        return "en"
    if (len(sample) - len(raw)) * 3 < latin * 0.5:
        return "en"  # every Han character is one of the non-ASCII ones: too few to decide "zh", none counted
    han = 0
    for run in _CJK_RUN.finditer(sample):  # counted up to the share that decides (most of a Chinese text unread)
        han += run.end() - run.start()
        if han * 3 >= latin * 0.5:
            return "zh"
    return "en"


def _match(line: str, patterns: tuple[re.Pattern[str], ...], group: str) -> str | None:
    for p in patterns:
        mt = p.fullmatch(line.strip())
        if mt and mt[group]:
            return mt[group].strip()
    return None


def _fullmatch_any(line: str, patterns: tuple[re.Pattern[str], ...]) -> re.Match[str] | None:
    for p in patterns:
        mt = p.fullmatch(line.strip())
        if mt and mt["name"]:
            return mt
    return None


def read_meta(lines: list[str], *, head: bool, markers: Markers | None = None) -> Meta:
    """Take bylines, timestamps and source lines out of a body and return them with the rest.

    With `head`, the lines just under the headline are read too: a lone 2-4 character
    Chinese name there is the author (as on many Chinese news sites).
    """
    m = markers or load_markers()
    meta = Meta()
    body = [ln.strip() for ln in lines]
    blank = next((i for i, ln in enumerate(body) if ln), len(body))
    del body[:blank]  # in one cut: popping blank lines one by one is quadratic
    if head:
        block, start, taken = _find_head(body, m)
        meta.date, meta.publisher, meta.authors = block.date, block.publisher, list(block.authors)
        del body[start:start + taken]
    kept: list[str] = []
    late_source = None  # a source line after the body names the issuer; a wire dateline wins
    for line in body:
        short = 0 < len(line) <= 60
        if short and m.may_open("source_re", line) and (pub := _match(line, m.of("source_re"), "pub")):
            if any(len(k) > 80 for k in kept):
                late_source = late_source or pub
            else:
                meta.publisher = meta.publisher or pub
            continue
        if short and not kept and m.may_open("author_re", line) and (mt := _fullmatch_any(line, m.possible("author_re", line))):
            take_byline(meta, mt, m)
            continue
        kept.append(line)
    _cut_end_sections(kept, m)
    if kept and (mt := _BRACKET_DATELINE.match(kept[0])):
        when = parse_timestamp(mt["when"])
        if when:
            meta.date = meta.date or when
            meta.publisher = meta.publisher or mt["pub"].strip()
            kept[0] = kept[0][mt.end():]
    _read_wire_dateline(kept, meta, m)
    _read_tail(kept, meta, m)
    meta.publisher = meta.publisher or late_source
    if meta.publisher is None and kept:
        lead = kept[0].split("，", 1)[0].split(",", 1)[0]
        for p in m.possible("lead_source_re", lead):
            if mt := p.search(lead):
                meta.publisher = mt["pub"].strip()
                break
    meta.body = kept
    return meta


def _cut_end_sections(kept: list[str], m: Markers) -> None:
    """Drop closing boilerplate: from a heading such as "About Acme", "Forward-Looking
    Statements" or "Media Contact" (after some body) to the end."""
    seen_body = False
    for i, line in enumerate(kept):
        if seen_body and len(line) <= 80 and m.fullmatch("end_section_re", line):
            del kept[i:]
            return
        if seen_body and is_related_heading(line, m) and all(
                not k or (is_headline(k) and width(k) <= 100) for k in kept[i + 1:]):
            del kept[i:]  # a list of related links closes the page
            return
        seen_body = seen_body or len(line) > 80


def _find_head(body: list[str], m: Markers) -> tuple[Head, int, int]:
    """The head block right under the headline, or after a short standfirst (a few summary
    bullets or a dek) when it holds a timestamp, byline or source line."""
    block, taken = read_head(body, m)
    if taken:
        return block, 0, taken
    for start in range(1, min(len(body), _STANDFIRST + 1)):
        if m.any_match("wire_dateline_re", body[start - 1]):
            break  # the story has begun: a source line after it names no head
        if body[start]:
            block, taken = read_head(body[start:], m)
            if taken and block.definite:
                return block, start, taken
    return Head(), 0, 0


def _read_wire_dateline(kept: list[str], meta: Meta, m: Markers) -> None:
    """Read the dateline that opens the first paragraph: the outlet is the publisher, the
    month and day the date (its year is found later), a reporter named in it the author.

    A wire dateline ("NEW YORK, May 21 (Reuters) - ") is taken off the body; a Chinese one
    ("新华社北京6月17日电（记者韩清源）") is part of the first sentence and stays.
    """
    if not kept:
        return
    at = next((i for i, k in enumerate(kept) if k), 0)
    nxt = next((i for i in range(at + 1, len(kept)) if kept[i]), None)
    if nxt is not None and m.any_match("wire_dateline_re", kept[nxt]):
        if is_headline(kept[at]) and width(kept[at]) <= 200:
            at = nxt  # a dek (standfirst) between the headline and the dateline
        elif len(kept[at]) <= 40:
            del kept[at:nxt]  # the issuer's name under "News provided by": no body
            nxt = None
    for kind in ("wire_dateline_re", "lead_dateline_re"):
        if kind == "wire_dateline_re" and not m.any_match(kind, kept[at]):
            continue  # one try of their alternation (built for the test above) says none matches
        for p in m.possible(kind, kept[at]):
            mt = p.match(kept[at])
            if not mt:
                continue
            groups = mt.groupdict()
            if groups.get("pub"):
                pub = groups["pub"].strip()
                meta.publisher = meta.publisher or (title_case(pub) if " " in pub else pub)
            if groups.get("when"):
                meta.month_day = month_day(groups["when"])
                meta.date = meta.date or parse_timestamp(groups["when"])  # a dateline with its year
            name = groups.get("name") or groups.get("name2")
            if name and not meta.authors:
                meta.authors = byline_names(name, m)
            if kind == "wire_dateline_re":
                rest = kept[at][mt.end():].strip()
                if rest:
                    kept[at] = rest
                else:
                    kept.pop(at)
            return


def _read_tail(kept: list[str], meta: Meta, m: Markers) -> None:
    """Read and drop what closes a body: a timestamp, a reporting credit, a source line,
    a lone outlet name."""
    for _ in range(4):
        while kept and not kept[-1]:
            kept.pop()
        if not kept:
            return
        last = kept[-1]
        if is_dateline(last, m):
            meta.date = meta.date or parse_timestamp(last)
            kept.pop()
            continue
        if is_outlet(last, m):
            meta.publisher = meta.publisher or last
            kept.pop()
            continue
        if len(last) <= 60 and m.may_open("author_re", last.strip()) \
                and (mt := _fullmatch_any(last, m.possible("author_re", last))):
            take_byline(meta, mt, m)  # a byline under the story ("By Ravi Menon")
            kept.pop()
            continue
        if len(last) <= 30 and (mt := _fullmatch_any(last, m.possible("byline_re", last))):
            meta.publisher = meta.publisher or mt["pub"].strip()
            take_byline(meta, mt, m)  # an outlet's reporter under the story ("北京商报记者 何柳")
            kept.pop()
            continue
        hit = False
        end = last.rstrip()[-1:]
        maybe: tuple[re.Pattern[str], ...] | None = None
        for p, ends in m.with_last_chars("tail_author_re"):
            if ends is not None and not ends.fullmatch(end):
                continue  # no match of it can end the line: the test below would fail
            if maybe is None:
                maybe = m.possible("tail_author_re", last)
            if p not in maybe:
                continue  # the line lacks a string every match holds ("记者", "by"): no scan of it
            mt = p.search(last)
            if mt and not last[mt.end():].strip():
                take_byline(meta, mt, m)
                kept[-1] = last[: mt.start()].strip()
                hit = True
                break
        tail = "\n" + kept[-1]
        maybe = None  # the patterns whose needed strings the text holds: looked for once one may end it
        last_char = "" if tail[-1:].isspace() else tail[-1:]  # (a text ending in white space: no test by it)
        for p, ends in m.with_end_chars("tail_source_re"):
            if last_char and ends is not None and not ends.fullmatch(last_char):
                continue  # no match of it can end the text (it is anchored there)
            if maybe is None:
                maybe = m.possible("tail_source_re", tail)
            if p not in maybe:
                continue  # a needed string missing
            mt = p.search(tail)
            if mt:
                meta.publisher = meta.publisher or mt["pub"].strip()
                kept[-1] = tail[: mt.start()].strip()
                hit = True
                break
        if not hit:
            return


_CRUMB_SEP = re.compile(r"\s*(?:>|＞|»|›|→)\s*")
_SLASH_SEP = re.compile(r"\s+/\s+")  # "Home / Marketplaces / Amazon"
_BILINGUAL = re.compile(r"(?P<han>[\u4e00-\u9fff]{2,10})\s+(?P<latin>[A-Za-z][A-Za-z0-9&.'’ -]{1,40})")
_COLUMN_SEP = re.compile(r"\s*[·•｜|]\s*")
_SENTENCE_MARK = re.compile(r"[。，,；;！？!?：:]")


def banner_outlet(line: str, markers: Markers | None = None) -> str | None:
    """The outlet of a banner line that sits above a headline, or None when `line` is no banner.

    A banner is a breadcrumb ("經濟日報 > 產業 > 產業熱點", "首页 > 规则解读") or an outlet with
    one of its columns ("法治日报·电商法治观察"). The outlet is its first part when that part
    names one; a banner without an outlet gives "".
    """
    m = markers or load_markers()
    s = line.strip()
    if not s or _SENTENCE_MARK.search(s) or len(s) > 60:
        return None
    crumbs = [p for p in _CRUMB_SEP.split(s) if p]
    if len(crumbs) < 2:  # a slash path is a breadcrumb only when it starts at the site or "Home"
        crumbs = [p for p in _SLASH_SEP.split(s) if p]
        if len(crumbs) < 2 or not (is_chrome(crumbs[0], m) or masthead_outlet(crumbs[0], m)):
            crumbs = []
    if len(crumbs) >= 2 and all(len(p) <= 12 or (p.isascii() and len(p.split()) <= 3) for p in crumbs):
        first = crumbs[0]
        site = is_outlet(first, m) or (first.isascii() and len(first.split()) >= 2 and not is_chrome(first, m)
                                       and all(w[:1].isupper() for w in first.split()))
        return first if site else ""
    parts = [p for p in _COLUMN_SEP.split(s) if p]
    if len(parts) >= 2 and (outlet := masthead_outlet(parts[0], m)) and not any(c.isdigit() for c in s) \
            and all(len(p) <= 8 or (p.isascii() and len(p.split()) <= 3) for p in parts[1:]):
        return outlet  # an outlet and its columns ("科技島報 TechIsland Daily｜新創｜募資")
    return None


def masthead_outlet(text: str, markers: Markers | None = None) -> str | None:
    """The outlet a masthead names: an outlet's name ("北京商报"), or the Chinese name of a
    bilingual masthead whose either half is one ("科技島報 TechIsland Daily" -> "科技島報")."""
    m = markers or load_markers()
    s = text.strip()
    if is_outlet(s, m):
        return s
    mt = _BILINGUAL.fullmatch(s)
    if mt and (is_outlet(mt["han"], m) or is_outlet(mt["latin"], m)):
        return mt["han"]
    return None


def split_title(headline: str, markers: Markers | None = None) -> tuple[str, str | None]:
    """"Title | Section | Site" -> ("Title", "Site"): the first part is the headline.

    A first part that names a source ("36氪获悉｜…") or is shorter than the last part is a
    kicker, not the title: the whole line is the headline (and the source its publisher).
    """
    m = markers or load_markers()
    if "|" not in headline and "｜" not in headline and "_" not in headline:
        return headline.strip(), None  # no separator: one part (most headlines)
    # "Title | Site", "标题｜站点", and Chinese sites' "标题_频道_站点"
    parts = [p.strip() for p in re.split(r"\s+[|｜]\s+|\s*｜\s*|(?<![A-Za-z0-9])_(?![A-Za-z0-9])", headline)
             if p.strip()]
    if len(parts) < 2:
        return headline.strip(), None
    for p in m.of("lead_source_re"):
        if mt := p.fullmatch(parts[0]):
            return headline.strip(), mt["pub"].strip()
    if len(parts[-1]) >= len(parts[0]):
        return headline.strip(), None
    site = parts[-1] if len(parts[-1].split()) <= 4 and len(parts[-1]) <= 30 else None
    if site is not None and parse_timestamp(site):
        site = None  # "Outlet | By Name | May 6, 2021": a date closing the line names no site
    return parts[0], site
