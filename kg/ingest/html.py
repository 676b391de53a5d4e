"""HTML pages: the article body only (no nav, scripts, footers, cookie banners), with title,
date, author and publisher from meta tags, JSON-LD or <time>."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..model import Document, FileResult, Problem
from .build import build_documents
from .bylines import byline_names
from .dates import is_timestamp_line, parse_timestamp
from .decode import decode_bytes
from .lexicon import load_markers
from .limits import break_long_lines, long_lines_problem
from .meta import split_title
from .readers import READERS, decoded_problems
from .repair import clean_lines

if TYPE_CHECKING:  # bs4 is imported on the first HTML page, not with the package
    from bs4 import BeautifulSoup, Tag
from .split import Layout, is_related_heading, segment

_JUNK_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe",
              "svg", "button", "template", "select", "figure", "figcaption")
_JUNK_ATTR = re.compile(
    r"cookie|consent|banner|gdpr|\bnav|menu|breadcrumb|footer|sidebar|share|social|comment|related|"
    r"recommend|advert|\bads?\b|promo|subscribe|newsletter|popup|modal|toolbar|pagination|pager", re.I)
_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
           "article", "main", "blockquote", "pre", "table", "dd", "dt", "time", "br", "hr")
_BREAKS = frozenset({"br", "hr"})  # each read as a line break
_BLOCK_NAMES = frozenset(_BLOCKS)
_SPACES = re.compile(r"[ \t\u00a0]+")
# an element holding the byline in the page's meta row ("<span class="author">杨柳</span> · 08:30")
_AUTHOR_ATTR = re.compile(r"(?:^|[\s_-])(?:author|byline|writer)(?:[_-]?name)?(?=$|\s)", re.I)
_LD_JSON = re.compile("ld\\+json", re.I)
_DATE_METAS = ("article:published_time", "og:published_time", "datepublished", "pubdate",
               "publishdate", "publish_date", "date", "dc.date", "dc.date.issued", "sailthru.date")


# the owner a copyright notice names ("© 2025 Parcel & Post Weekly. All rights reserved.")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<pub>[^\d\s©.,·|(（][^.,·|©。，]{1,48}?)\s*(?=[.,·|。，]|\ball rights\b|版权所有|\s*$)", re.I)


def _copyright_owner(soup: BeautifulSoup, tags: list[Tag]) -> str | None:
    """The outlet a page's copyright notice names, from its footer (or the last notice on the page)."""
    tags = _named(tags, "footer") or [soup]
    for tag in reversed(tags):
        for mt in reversed(list(_COPYRIGHT.finditer(tag.get_text(" ", strip=True)))):
            pub = mt["pub"].strip()
            if not re.search(r"(?i)all rights reserved|版权|版權|ICP", pub):
                return pub
    return None


def _source_tag(tags: list[Tag], texts: dict[int, str]) -> str | None:
    """The outlet of a short element that is a source line ("<span class="src">来源:联商网</span>");
    `texts` are the page's short texts (`htmltree.short_texts(soup, 40)`)."""
    patterns = load_markers().of("source_re")
    for tag in _named(tags, "span", "p", "div", "em", "small"):
        text = texts.get(id(tag))
        if text:
            for p in patterns:
                if mt := p.fullmatch(text):
                    return mt["pub"].strip()
    return None


def _time_tag(tags: list[Tag], texts: dict[int, str]) -> str | None:
    """The timestamp of a short element whose class or id marks it as the page's time
    ("<span class="time">2024-09-20 14:32</span>") and whose text is wholly a timestamp."""
    m = load_markers()
    labels = m.of("timestamp_label_re")
    for tag in tags:
        if tag.attrs is None:
            continue
        attrs = " ".join([" ".join(tag.get("class") or []), str(tag.get("id") or "")]).strip()
        text = texts.get(id(tag))
        if attrs and text and m.search("date_attr_re", attrs) \
                and is_timestamp_line(text, labels) and (when := parse_timestamp(text)):
            return when
    return None


def _related_lines(soup: BeautifulSoup, tags: list[Tag]) -> list[str]:
    """A related-reading block of the page ("<h3>相关阅读</h3><ul><li>…</li></ul>"): its heading
    and one line per entry, so that dated entries become items of their own as in text files."""
    m = load_markers()
    texts = _tree().short_texts(soup, 200)  # a heading is short; longer elements are never one
    for head in _named(tags, "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "div", "p"):
        text = texts.get(id(head))
        if text is None or not is_related_heading(text, m) or _named(_tree().elements(head), *_BLOCKS):
            continue
        box = head.parent
        if not _is_tag(box):
            continue
        entries = [li.get_text(" ", strip=True) for li in _named(_tree().elements(box), "li")]
        entries = [e for e in entries if e]
        if entries:
            return [head.get_text(" ", strip=True), *entries]
    return []


def _meta(metas: list[Tag], *names: str) -> str | None:
    """The content of the first of the page's <meta> tags whose property, name or itemprop is
    one of `names` (tried in that order), as `soup.find("meta", attrs={attr: ...})` finds it."""
    # the tags that have each attribute, listed once (most pages give a <meta> one or two of them)
    having = [(attr, [(t, v) for t in metas if (v := t.get(attr)) is not None]) for attr in _META_ATTRS]
    for name in names:
        rx = _meta_rx(name)
        for _, tags in having:
            tag = next((t for t, v in tags if _attr_matches(v, rx)), None)
            if tag is not None and _is_tag(tag) and tag.get("content"):
                return str(tag["content"]).strip()
    return None


_META_ATTRS = ("property", "name", "itemprop")


@lru_cache(maxsize=64)
def _meta_rx(name: str) -> re.Pattern[str]:
    """The pattern a <meta> attribute is tested with (the names are the reader's constants)."""
    return re.compile(rf"^{re.escape(name)}$", re.I)


def _attr_matches(value: object, rx: re.Pattern[str]) -> bool:
    """Beautiful Soup's test of an attribute value against a pattern: a value list matches
    when one of its items does, or else all of them joined by spaces."""
    if value is None:
        return False
    if isinstance(value, list):
        return any(rx.search(v) for v in value) or (len(value) != 1 and rx.search(" ".join(value)) is not None)
    return rx.search(str(value)) is not None


def _json_ld(tags: list[Tag]) -> dict:
    for tag in (t for t in _named(tags, "script") if _attr_matches(t.get("type"), _LD_JSON)):
        try:
            data = json.loads(tag.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(item, dict) and ("datePublished" in item or "headline" in item):
                return item
    return {}


def _name(value: object) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() if value else None


def _names(value: object) -> list[str]:
    """Every name of a JSON-LD author (one person, or a list of them)."""
    values = value if isinstance(value, list) else [value]
    return [n for n in (_name(v) for v in values) if n]


def _author_tags(tags: list[Tag], texts: dict[int, str]) -> list[Tag]:
    """Short elements marked as the author (class, itemprop or rel) that hold no other element
    of the same kind: their text is a byline, never the outlet of a dateline."""
    found: list[Tag] = []
    seen: set[int] = set()
    for tag in tags:
        attrs = " ".join([" ".join(tag.get("class") or []), str(tag.get("itemprop") or ""),
                          " ".join(tag.get("rel") or [])])
        if _AUTHOR_ATTR.search(attrs) and texts.get(id(tag)) and not any(id(t) in seen for t in tag.parents):
            found.append(tag)
            seen.add(id(tag))
    return found


_META_SEP = re.compile(r"\s+[|｜·•]\s+|\s*[|｜]\s*")


def _byline(text: str) -> list[str]:
    """The names of a byline with or without its label ("By Jane Roe", "文/张三", "杨柳");
    a timestamp beside it in the meta row ("By Jane Roe | 19 February 2025") is no name."""
    m = load_markers()
    parts = _META_SEP.split(text)
    if len(parts) > 1:
        labels = m.of("timestamp_label_re")
        kept = [p for p in parts if p.strip() and not is_timestamp_line(p.strip(), labels)]
        if kept and len(kept) < len(parts):
            return [n for p in kept for n in _byline(p)]
    for p in m.of("author_re"):
        if mt := p.fullmatch(text):
            return byline_names(mt["name"])
    return byline_names(text)


def _junk(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    attrs = " ".join([" ".join(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")])
    return bool(attrs.strip()) and bool(_JUNK_ATTR.search(attrs)) and tag.name not in ("body", "html", "article")


def _densest(soup: BeautifulSoup, tags: list[Tag]) -> Tag:
    """<article>, <main>, or the block whose <p> children hold the most text."""
    sizes = _tree().text_lengths(soup)
    for name in ("article", "main"):
        found = _named(tags, name)
        if found:
            return max(found, key=lambda t: sizes[id(t)])
    best, score = _first(tags, "body") or soup, 0
    for tag in _named(tags, "div", "section", "td"):
        text = sum(sizes[id(p)] for p in _named(tag.contents, "p"))
        if text > score:
            best, score = tag, text
    return best


def _text(tag: Tag) -> str:
    """The element's text, a line per block (a <br> or <hr> breaks the line too)."""
    text = _tree().block_text(tag, _BLOCK_NAMES, _BREAKS)
    lines = (_SPACES.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines)


def _named(tags: Sequence[Any], *names: str) -> list[Tag]:
    """`find_all(names)` over the page's elements listed once (`htmltree.elements`): a decomposed
    element has no name, so the list stays true as the reader takes junk out of the page (a
    string's name is None: a tag's `contents` filter too)."""
    return [t for t in tags if t.name in names]


def _first(tags: list[Tag], name: str, **attrs: str) -> Tag | None:
    """`find(name, attr=value)`: the first element of that name with each attribute value (an
    item of a multi-valued one, or all items joined, as Beautiful Soup matches them)."""
    for t in tags:
        if t.name == name and all(_attr_is(t.get(k), v) for k, v in attrs.items()):
            return t
    return None


def _attr_is(value: object, want: str) -> bool:
    if isinstance(value, list):
        return want in value or (len(value) != 1 and " ".join(value) == want)
    return value is not None and str(value) == want


@lru_cache(maxsize=1)
def _tree() -> Any:
    """kg.ingest.htmltree, imported with bs4 on the first HTML page (once: an import
    statement run for every call looks the module up again)."""
    from . import htmltree

    return htmltree


def _is_tag(node: Any) -> bool:
    return isinstance(node, _tree().Tag)


@READERS.register(".html", ".htm", ".xhtml")
def read_html(data: bytes, path: str) -> FileResult:
    """One page; a page listing several dated items yields a container and its items."""
    decoded = decode_bytes(data, path)
    problems = decoded_problems(decoded, path)
    page, depth = _tree().flatten_deep(decoded.text)
    if depth > _tree().MAX_DEPTH:
        problems.append(Problem(path, f"elements nested {depth:,} levels deep: those below level {_tree().MAX_DEPTH} "
                                      "were read as plain text of their ancestor", severity="warning"))
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "lxml")
    tags = _tree().elements(soup)  # the page's elements listed once, for every find below
    metas = _named(tags, "meta")
    ld = _json_ld(tags)
    h1 = _first(tags, "h1")
    title_tag = _first(tags, "title")
    title = _meta(metas, "og:title", "twitter:title") or _name(ld.get("headline")) \
        or (h1.get_text(" ", strip=True) if h1 else None) \
        or (title_tag.get_text(" ", strip=True) if title_tag else None)
    when = _meta(metas, *_DATE_METAS) or _name(ld.get("datePublished"))
    time_tag = _first(tags, "time")
    if not when and time_tag:
        when = str(time_tag.get("datetime") or time_tag.get_text(" ", strip=True))
    short = _tree().short_texts(soup, 40)
    when = when or _time_tag(tags, short)
    author_meta = _meta(metas, "author", "article:author", "dc.creator")
    authors = byline_names(author_meta) if author_meta else [
        n for v in _names(ld.get("author")) for n in byline_names(v)]
    publisher = _meta(metas, "og:site_name", "publisher", "dc.publisher") or _name(ld.get("publisher"))
    # a site name after the page title ("Headline | Outlet") or in the copyright notice names
    # the outlet when nothing better does
    page_title = title_tag.get_text(" ", strip=True) if title_tag else ""
    site_pub = (split_title(page_title)[1] if page_title else None) or _copyright_owner(soup, tags)
    source_pub = _source_tag(tags, short)
    marked = []
    for tag in _author_tags(tags, short):
        marked += [n for n in _byline(tag.get_text(" ", strip=True)) if n not in marked]
        tag.decompose()  # out of the meta row, so that "杨柳 · 08:30" is not read as an outlet
    authors = authors or marked
    authors = [n for n in authors if not publisher or n.casefold() != publisher.casefold()]  # "亿邦动力 孟晓"
    canonical = _first(tags, "link", rel="canonical")
    url = _meta(_named(tags, "meta"), "og:url") or (str(canonical["href"]) if canonical else None)
    related = _related_lines(soup, tags)
    for tag in _named(tags, *_JUNK_TAGS):
        tag.decompose()
    for tag in [t for t in _tree().elements(soup) if _junk(t)]:
        if not tag.decomposed:
            tag.decompose()
    body = _densest(soup, tags)
    text, broken = break_long_lines(_text(body))
    if broken:
        problems.append(long_lines_problem(path, broken))
    lines, _ = clean_lines(text)
    headline, site = split_title(title) if title else (None, None)
    lines = [ln for ln in lines if not headline or ln.strip() != headline.strip()]
    if related and not any(ln.strip() == related[0] for ln in lines):
        lines = [*lines, "", *related]
    layout = segment(lines)
    if layout.kind == "related":
        layout.items[0].headline = layout.items[0].headline or headline
    if layout.kind == "single":
        layout = Layout("single", layout.items)
        layout.items[0].headline = headline
    docs = build_documents(path, layout, url=url)
    if len(docs) == 1:
        d = docs[0]
        docs = [Document(**{**d.__dict__, "date_published": parse_timestamp(when or "") or d.date_published,
                            "authors": tuple(authors) or d.authors,
                            "publisher": d.publisher or publisher or source_pub or site or site_pub,
                            "headline": d.headline or headline})]
    elif docs and docs[0].is_container and layout.kind == "related" and len(docs) > 1:
        # the page's own article is the first item; the related entries are the others
        c, d = docs[0], docs[1]
        when_iso = parse_timestamp(when or "")
        docs[1] = Document(**{**d.__dict__, "date_published": when_iso or d.date_published,
                              "authors": tuple(authors) or d.authors,
                              "publisher": d.publisher or publisher or source_pub or site or site_pub,
                              "headline": d.headline or headline})
        docs[0] = Document(**{**c.__dict__, "headline": c.headline or headline,
                              "date_published": c.date_published or when_iso})
    elif docs and docs[0].is_container:
        c = docs[0]
        docs[0] = Document(**{**c.__dict__, "headline": c.headline or headline,
                              "date_published": c.date_published or parse_timestamp(when or "")})
    if not docs:
        problems.append(Problem(path, "no article text found in the page"))
    return FileResult(path, "html", decoded.encoding, tuple(docs), tuple(problems))
