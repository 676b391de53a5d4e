"""Linear-time helpers for HTML trees of any shape.

`get_text` on every element costs the size of each subtree, which is quadratic in the depth
of a page (100,000 nested `<div>`s never finish); these helpers compute what the reader
asks of every element (its short text, its text length) in one bottom-up pass instead, with
exactly `get_text`'s result. A page nested deeper than `MAX_DEPTH` is first flattened:
elements below that depth lose their tags but keep their text.
"""
from __future__ import annotations

import html
from collections.abc import Collection, Iterator, Mapping

from bs4 import PageElement, Tag
from lxml import etree

MAX_DEPTH = 256  # real pages nest 20-60 levels
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_RAW = frozenset({"script", "style"})
_MAIN = Tag.MAIN_CONTENT_STRING_TYPES  # the strings get_text() of an ordinary element reads


class _Depth:
    """lxml parser target that only measures how deep the page nests: the events of `_Flattener`
    (the same callbacks, so the same tree), without rebuilding the page."""

    def __init__(self) -> None:
        self.depth = 0
        self.deepest = 0

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:  # (lxml: a dict or its _ImmutableMapping)
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, data: str) -> None:
        return None

    def comment(self, text: str) -> None:
        return None

    def close(self) -> int:
        return self.deepest


class _Flattener:
    """lxml parser target: re-emits the page with every element deeper than the limit
    replaced by its content (a line break for its tags), and measures the depth."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.depth = 0
        self.deepest = 0
        self.out: list[str] = []
        self.raw = 0  # inside <script>/<style> at a kept depth

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:  # (lxml: a dict or its _ImmutableMapping)
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)
        if self.depth > self.limit:
            self._break()
            return
        attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in attrib.items() if isinstance(k, str))
        self.out.append(f"<{tag}{attrs}>")
        if tag in _RAW:
            self.raw += 1

    def end(self, tag: str) -> None:
        if self.depth <= self.limit:
            if tag in _RAW:
                self.raw -= 1
            if tag not in _VOID:
                self.out.append(f"</{tag}>")
        else:
            self._break()
        self.depth -= 1

    def _break(self) -> None:
        if not self.out or self.out[-1] != "\n":  # one break for a run of dropped tags
            self.out.append("\n")

    def data(self, data: str) -> None:
        self.out.append(data if self.raw else html.escape(data, quote=False))

    def comment(self, text: str) -> None:
        return None

    def close(self) -> str:
        return "".join(self.out)


def flatten_deep(page: str, limit: int = MAX_DEPTH) -> tuple[str, int]:
    """(page, depth): the page unchanged when it nests at most `limit` levels deep, else
    its flattened form. The depth is that of the original page (0 when it cannot be parsed).
    The depth is measured first: the rebuilt page is only made when it is needed."""
    measure = etree.HTMLParser(target=_Depth(), recover=True, huge_tree=True)
    try:
        measure.feed(page)
        depth = measure.close()
    except (etree.LxmlError, ValueError, TypeError):
        depth = None  # measured again below, where an error keeps the page as it is
    if depth is not None and depth <= limit:
        return page, depth
    rebuilt = flattened(page, limit)
    if rebuilt is None:
        return page, 0
    flat, deepest = rebuilt
    return (page, deepest) if deepest <= limit else (flat, deepest)


def flattened(page: str, limit: int) -> tuple[str, int] | None:
    """(the page rebuilt at most `limit` levels deep, the original page's depth), or None
    when lxml cannot parse it."""
    target = _Flattener(limit)
    parser = etree.HTMLParser(target=target, recover=True, huge_tree=True)
    try:
        parser.feed(page)
        flat = parser.close()
    except (etree.LxmlError, ValueError, TypeError):
        return None
    return flat, target.deepest


def _tags(root: Tag) -> list[Tag]:
    """`root` and every element under it in document order (an iterative walk)."""
    return [root, *(d for d in root.descendants if isinstance(d, Tag))]


def short_texts(root: Tag, limit: int) -> dict[int, str]:
    """id(element) -> element.get_text(" ", strip=True), for every element whose text is at
    most `limit` characters long (longer ones are absent)."""
    parts: dict[int, list[str] | None] = {}
    own: dict[int, str] = {}
    for tag in reversed(_tags(root)):
        held: list[str] = []
        acc: list[str] | None = held
        size = -1
        for child in tag.contents:
            if isinstance(child, Tag):
                got = parts.get(id(child))
                if got is None:
                    acc = None
                    break
                held.extend(got)
                size += sum(len(s) + 1 for s in got)
            elif type(child) in _MAIN and (s := child.strip()):  # type: ignore[attr-defined]
                held.append(s)
                size += len(s) + 1
            if size > limit:
                acc = None
                break
        parts[id(tag)] = acc
        if tag.interesting_string_types != _MAIN:  # <script>, <style>, <rt>…: their own kind of string
            text = tag.get_text(" ", strip=True) if len(tag.contents) < limit else None
            if text is not None and len(text) <= limit:
                own[id(tag)] = text
        elif acc is not None:
            own[id(tag)] = " ".join(acc)
    return own


def text_lengths(root: Tag) -> dict[int, int]:
    """id(element) -> len(element.get_text()) for every element under `root`."""
    main: dict[int, int] = {}  # the length of the strings an ordinary ancestor reads
    sizes: dict[int, int] = {}
    for tag in reversed(_tags(root)):
        total = 0
        for child in tag.contents:
            if isinstance(child, Tag):
                total += main[id(child)]
            elif type(child) in _MAIN:
                total += len(child)  # type: ignore[arg-type]
        main[id(tag)] = total
        sizes[id(tag)] = total if tag.interesting_string_types == _MAIN else len(tag.get_text())
    return sizes


def elements(root: Tag) -> list[Tag]:
    """Every element under `root` in document order: `root.find_all(True)`, which a page's
    rules filter by name instead of each asking Beautiful Soup to walk the page again."""
    return [d for d in root.descendants if isinstance(d, Tag)]


def block_text(root: Tag, blocks: Collection[str], breaks: Collection[str]) -> str:
    """`root.get_text()` with a line break before and after each element named in `blocks` and
    one in place of each element named in `breaks` (and its content): what inserting those
    breaks into the tree would give, without the edits (bs4's insert is costly per element)."""
    types = root.interesting_string_types or _MAIN
    out: list[str] = []
    stack: list[tuple[Iterator[PageElement], bool]] = [(iter(root.contents), False)]
    while stack:
        for node in stack[-1][0]:
            if isinstance(node, Tag):
                if node.name in breaks:
                    out.append("\n")
                    continue
                block = node.name in blocks
                if block:
                    out.append("\n")
                stack.append((iter(node.contents), block))
                break
            if type(node) in types:
                out.append(node)  # type: ignore[arg-type]
        else:
            if stack.pop()[1]:
                out.append("\n")
    return "".join(out)
