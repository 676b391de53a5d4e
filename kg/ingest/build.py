"""Drafts -> `Document`s: keys, headlines, metadata, body text, and the dates of items that
carry only a month and day (year from the item's own full dates, then its newer neighbour
in a newest-first list, then the file's date, then the year the file's items use most)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Document
from .bylines import byline_names, title_case
from .dates import (
    common_year,
    is_timestamp_line,
    lead_month_day,
    make_date,
    month_day,
    parse_timestamp,
    year_before,
    year_from_text,
    year_near,
)
from .head import is_credit_line, is_outlet, parse_dateline, read_head, take_byline
from .lexicon import Markers, load_markers
from .meta import Meta, banner_outlet, detect_lang, read_meta, split_title
from .repair import is_chrome, is_dateline, strip_scaffold
from .split import Layout, is_headline, is_masthead, lead_headline, width


@dataclass
class _Item:
    headline: str | None
    meta: Meta
    text: str


_CREDIT_SEP = re.compile(r"\s+[|｜·•]\s+|\s*[|｜]\s*|\s+[—–]\s+")


def _credited_date(line: str, markers: Markers) -> str | None:
    """The issue date of a newsletter masthead line that pairs it with a compiler's credit
    ("Monday, December 9, 2024 · compiled by Jane Roe"): every other part is a credit."""
    parts = [p.strip() for p in _CREDIT_SEP.split(line.strip()) if p.strip()]
    if len(parts) < 2 or len(line) > 120:
        return None
    labels = markers.of("timestamp_label_re")
    stamps = [p for p in parts if is_timestamp_line(p, labels)]
    rest = [p for p in parts if p not in stamps]
    if len(stamps) != 1 or not all(markers.fullmatch("credit_re", p) for p in rest):
        return None
    return parse_timestamp(stamps[0])


def body_text(lines: list[str], markers: Markers | None = None) -> str:
    """Body lines -> text: scaffolding labels and reference marks removed, one line a paragraph."""
    m = markers or load_markers()
    texts = [s for s in (ln.strip() for ln in lines) if s]
    # a line holds no more strings than the whole body: when the body lacks those every
    # reference mark needs, no line has one (one test instead of one a line)
    marks = bool(m.possible("refmark_re", "\n".join(texts)))
    out: list[str] = []
    for text in texts:
        out.extend(strip_scaffold(text, m, marks=marks))
    return "\n".join(out)


def _next_text(lines: list[str]) -> str:
    return next((ln for ln in lines if ln.strip()), "")


_MENU_SEP = re.compile(r"\s*[|｜·•]\s*|\s{2,}")
_SENTENCE_END = re.compile(r"[.!?。！？]$")
_NAV_SCAN = 8  # lines above a headline that may be site navigation


_HAN_MASTHEAD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,10}")


def _nav_line(line: str, markers: Markers) -> bool:
    """A line of site navigation: a masthead or menu whose every item is one to four words
    ("AP NEWS", "Payments | Buy now, pay later", "Facebook   X   Email"), a short Chinese
    masthead ("新浪科技"), or page chrome."""
    s = line.strip()
    if not s or is_chrome(s, markers):
        return True
    if _HAN_MASTHEAD.fullmatch(s) and not s.isascii():
        return True
    items = [p for p in _MENU_SEP.split(s) if p]
    return s.isascii() and all(len(p.split()) <= 4 and not _SENTENCE_END.search(p) for p in items)


def _skip_nav(lines: list[str], markers: Markers) -> str | None:
    """Drop navigation lines above the headline when a head block (byline, timestamp) follows
    a later line; return the site named first in a menu ("COMMERCE LEDGER | Deals | …")."""
    texts = [(i, ln.strip()) for i, ln in enumerate(lines[:_NAV_SCAN * 2]) if ln.strip()][:_NAV_SCAN]
    for k, (i, text) in enumerate(texts):
        if k == 0 or not _nav_line(texts[k - 1][1], markers):
            if k:
                return None
            continue
        if not is_headline(text) or (len(text.split()) < 4 if text.isascii() else width(text) < 16):
            continue
        block, taken = read_head([ln.strip() for ln in lines[i + 1:]], markers)
        if not (taken and block.definite):
            continue
        site = None
        for _, nav in texts[:k]:
            items = [p for p in _MENU_SEP.split(nav) if p]
            if (len(items) >= 3 and not is_chrome(items[0], markers) and (
                    items[0].isupper() or is_outlet(items[0], markers))) or (
                    len(items) == 1 and (is_outlet(items[0], markers) or items[0] in block.names)):
                site = title_case(items[0])
                break
        del lines[:i]
        return site
    return None


def _above_headline(lines: list[str], markers: Markers) -> Meta:
    """Read and drop what a page prints above its headline: the outlet's name alone on a line
    ("Retail Gazette", "电商报") and a dateline or byline ("财联社7月10日讯（记者 黄思远）")."""
    meta = Meta()
    while True:
        texts = [(i, ln.strip()) for i, ln in enumerate(lines[:8]) if ln.strip()][:2]
        if len(texts) < 2 or not is_headline(texts[1][1]):
            return meta
        (i, text), (_, nxt) = texts
        if is_outlet(text, markers) and width(nxt) > width(text) + 8:
            meta.publisher = meta.publisher or text
        elif mt := next((mt for p in markers.possible("lead_dateline_re", text) if (mt := p.fullmatch(text))), None):
            meta.publisher = meta.publisher or (mt["pub"] or "").strip() or None
            meta.month_day = month_day(mt["when"])
            name = mt["name"] or mt["name2"]
            if name and not meta.authors:
                meta.authors = byline_names(name, markers)
        elif mt := next((mt for p in markers.possible("author_re", text) if (mt := p.fullmatch(text))), None):
            take_byline(meta, mt, markers)
        else:
            return meta
        del lines[:i + 1]


def _drop_leading_blanks(lines: list[str]) -> None:
    """Delete the blank lines at the head of `lines` in one cut (popping them one by one is
    quadratic when a page holds a hundred thousand)."""
    k = 0
    while k < len(lines) and not lines[k].strip():
        k += 1
    del lines[:k]


def _items(layout: Layout, markers: Markers) -> list[_Item]:
    items = []
    for draft in layout.items:
        lines = list(draft.lines)
        headline = draft.headline
        banner_pub: str | None = None
        above = Meta()
        if draft.head_parsed and headline is None:
            above = _above_headline(lines, markers)
            _drop_leading_blanks(lines)
            # a banner (breadcrumb, outlet and column) above the real headline
            while len(lines) > 2 and (outlet := banner_outlet(lines[0], markers)) is not None \
                    and is_headline(_next_text(lines[1:])):
                banner_pub = banner_pub or outlet or None
                lines.pop(0)
                _drop_leading_blanks(lines)
            nav_pub = _skip_nav(lines, markers)
            banner_pub = banner_pub or nav_pub
            credit = bool(lines) and is_credit_line(lines[0], markers)  # "By Jane Roe, AP" opening the text
            if lines and not credit and is_headline(lines[0]) and any(ln.strip() for ln in lines[1:]):
                headline = lines.pop(0).strip()  # a line alone (before blank ones) is the body, not a headline
        else:
            credit = False
        meta = read_meta(lines, head=headline is not None or draft.dateline is not None or credit, markers=markers)
        meta.publisher = meta.publisher or banner_pub or above.publisher
        meta.authors = meta.authors or above.authors
        meta.month_day = meta.month_day or above.month_day
        if draft.dateline:
            pub, when = parse_dateline(draft.dateline)
            meta.date, meta.publisher = meta.date or when, meta.publisher or pub
        text = body_text(meta.body, markers)
        if headline is None and layout.kind in ("related", "leads") and text:
            headline = lead_headline(text.split("\n", 1)[0]) or None
        if headline:
            headline, site = split_title(headline)
            meta.publisher = meta.publisher or site
        items.append(_Item(headline, meta, text))
    return items


def _fill_dates(items: list[_Item], layout: Layout, file_date: str | None) -> str | None:
    """Give month-day items a year; return the file's date (a newsletter's common date)."""
    pool: list[int | None] = []  # the file's most common year, read once and only when an item needs it
    newest_first = layout.kind in ("related", "leads")
    prev = file_date
    for it in items:
        if it.meta.date:
            prev = it.meta.date
            continue
        md = it.meta.month_day or lead_month_day(it.text)
        if md is None:
            continue
        month, day = md
        year = year_from_text(month, day, it.text)
        if year is None and prev:
            year = year_before(month, day, prev) if newest_first else year_near(month, day, prev)
        if year is None and file_date:
            year = year_before(month, day, file_date)
        if year is None:
            if not pool:
                pool.append(common_year([x.text for x in items] + [x.headline or "" for x in items]))
            year = pool[0]
        if year is not None:
            it.meta.date = make_date(year, month, day)
            prev = it.meta.date or prev
    if layout.kind == "numbered":
        dates = Counter(it.meta.date for it in items if it.meta.date)
        if file_date:  # the newsletter's own date: items without a date of their own take it
            for it in items:
                it.meta.date = it.meta.date or file_date
            return file_date
        if dates:
            common = dates.most_common(1)[0][0]
            for it in items:
                it.meta.date = it.meta.date or common
            return common
    return file_date


_FRONT_TITLE = ("title", "headline")
_FRONT_AUTHOR = ("author", "authors", "byline")
_FRONT_DATE = ("date", "published", "date_published", "pubdate")
_FRONT_PUB = ("publisher", "site", "source", "outlet")


def _front(front: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((front[k] for k in keys if front.get(k)), None)


def _apply_front(item: _Item, front: dict[str, str], markers: Markers) -> None:
    """Front matter states the page's metadata outright: it wins over what the text implies."""
    item.headline = _front(front, _FRONT_TITLE) or item.headline
    when = parse_timestamp(_front(front, _FRONT_DATE) or "")
    item.meta.date = when or item.meta.date
    item.meta.publisher = _front(front, _FRONT_PUB) or item.meta.publisher
    author = _front(front, _FRONT_AUTHOR)
    if author:
        names = byline_names(author.strip("[]"), markers)
        item.meta.authors = names or item.meta.authors


def build_documents(
    source_path: str, layout: Layout, *, markers: Markers | None = None, url: str | None = None,
    front: dict[str, str] | None = None,
) -> list[Document]:
    """Documents of one file: a single article, or a container and its items; `front` holds
    the fields of the file's front matter (title, author, date, site)."""
    m = markers or load_markers()
    items = [it for it in _items(layout, m) if it.text or it.headline]
    if front and len(items) == 1 and not layout.preamble:
        _apply_front(items[0], front, m)
    elif front:
        layout.title = _front(front, _FRONT_TITLE) or layout.title
    file_date = None
    container_head = layout.title
    if layout.kind == "related" and items:
        file_date = items[0].meta.date
        container_head = container_head or items[0].headline
    file_pub = None
    preamble_lines = list(layout.preamble)
    if file_date is None:  # a masthead over the items ("财联社 · 电报 ｜ 2024/06/18 星期二") dates them
        for k, line in enumerate(preamble_lines):
            if is_dateline(line, m) or is_masthead(line):
                file_pub, file_date = parse_dateline(line)
                file_pub = title_case(file_pub) if file_pub and file_pub.isupper() else file_pub
                del preamble_lines[k]
                break
            if (issued := _credited_date(line, m)) is not None:
                file_date = issued
                del preamble_lines[k]
                break
    masthead_date = file_date if len(preamble_lines) < len(layout.preamble) else None
    file_date = _fill_dates(items, layout, file_date)
    for it in items:  # an item of a dated list without a day of its own came out that day
        it.meta.date = it.meta.date or masthead_date
    if len(items) == 1 and not layout.preamble:
        it = items[0]
        return [Document(
            key=source_path, source_path=source_path, position="", text=it.text,
            lang=detect_lang(it.text or it.headline or ""), headline=it.headline,
            date_published=it.meta.date, publisher=it.meta.publisher, authors=tuple(it.meta.authors), url=url,
        )]
    if not items:
        return []
    preamble = "\n".join(preamble_lines)
    item_langs = [detect_lang(it.text or it.headline or "") for it in items]  # once each: the items below reuse them
    langs = Counter(item_langs)
    docs = [Document(
        key=source_path, source_path=source_path, position="", text=preamble,
        lang=detect_lang(preamble) if preamble else langs.most_common(1)[0][0],
        headline=container_head, date_published=file_date, publisher=file_pub, url=url, is_container=True,
    )]
    # items of a newsletter that name no source of their own came out in it; where some
    # items name theirs, the masthead may be an aggregator's and says nothing of the others
    masthead_pub = file_pub if not any(it.meta.publisher for it in items) else None
    for n, (it, lang) in enumerate(zip(items, item_langs, strict=True), start=1):
        position = f"item {n}"
        docs.append(Document(
            key=f"{source_path}#{position}", source_path=source_path, position=position, text=it.text,
            lang=lang, headline=it.headline,
            date_published=it.meta.date, publisher=it.meta.publisher or masthead_pub, authors=tuple(it.meta.authors),
            parent_key=source_path,
        ))
    return docs
