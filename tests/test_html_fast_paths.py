"""The HTML reader's one-walk helpers must answer what Beautiful Soup's own calls answered:
`block_text` the text after inserting line breaks into the tree, `elements` filtered by name
`find_all`, on the test pages and on random pages built from the shapes the reader looks at."""
from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from kg.ingest.html import _first
from kg.ingest.htmltree import block_text, elements, flatten_deep, flattened

ROOT = Path(__file__).resolve().parent.parent
_TAGS = ["div", "span", "p", "h3", "li", "ul", "br", "hr", "time", "b", "td", "table", "tr", "script", "ruby",
         "rt", "template", "article", "footer", "a"]
_TEXTS = ["相关阅读", "来源:联商网", " x ", "2024-09-20 14:32", "\n", "By Jane Roe", "<!-- c -->", "a\u00a0 b", ""]


def _node(rng: random.Random, depth: int) -> str:
    tag = rng.choice(_TAGS)
    kids = [rng.choice(_TEXTS) if rng.random() < 0.5 or depth > 5 else _node(rng, depth + 1)
            for _ in range(rng.randint(0, 4))]
    cls = f' class="{rng.choice(["author", "time", "x y"])}"' if rng.random() < 0.3 else ""
    return f"<{tag}{cls}>{''.join(kids)}</{tag}>"


def _pages() -> list[str]:
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "tests" / "data").rglob("*.htm*"))]
    rng = random.Random(11)
    pages += [f"<html><body>{''.join(_node(rng, 0) for _ in range(rng.randint(1, 5)))}</body></html>"
              for _ in range(300)]
    return pages


def _inserted_text(tag: Tag, blocks: tuple[str, ...]) -> str:
    """The text the reader took before: breaks inserted into the tree, then get_text."""
    for br in tag.find_all(["br", "hr"]):
        br.replace_with("\n")
    for block in tag.find_all(list(blocks)):
        block.insert_before("\n")
        block.insert_after("\n")
    return tag.get_text()


def _ids(tags: Iterable[Tag]) -> list[int]:
    return [id(t) for t in tags]


def test_block_text_equals_the_text_after_inserting_breaks():
    blocks = ("p", "div", "li", "ul", "h3", "tr", "table", "time", "article", "br", "hr")
    for page in _pages():
        for pick in ("body", "div", "td"):
            soup = BeautifulSoup(page, "lxml")
            root = soup.find(pick) or soup
            assert isinstance(root, Tag)
            fast = block_text(root, frozenset(blocks), frozenset({"br", "hr"}))
            assert fast == _inserted_text(root, blocks), page


def test_elements_filtered_by_name_equal_find_all_after_decompose():
    for page in _pages():
        soup = BeautifulSoup(page, "lxml")
        tags = elements(soup)
        assert _ids(tags) == _ids(soup.find_all(True))
        for tag in soup.find_all(["footer", "span"]):
            tag.decompose()
        for names in (("p",), ("div", "li", "span"), ("time", "br")):
            assert _ids(t for t in tags if t.name in names) == _ids(soup.find_all(list(names))), page
        assert _ids(t for t in tags if not t.decomposed) == _ids(soup.find_all(True))


def test_first_with_an_attribute_equals_find():
    rng = random.Random(5)
    rels = ["canonical", "canonical alternate", "Canonical", "alternate", "", "x canonical", "canonical\n"]
    for _ in range(300):
        links = "".join(f'<link rel="{rng.choice(rels)}" href="h{i}">' if rng.random() < 0.8 else f'<link href="h{i}">'
                        for i in range(rng.randint(0, 4)))
        soup = BeautifulSoup(f"<html><head>{links}</head><body><title>t</title></body></html>", "lxml")
        tags = elements(soup)
        assert _first(tags, "link", rel="canonical") is soup.find("link", rel="canonical"), links
        assert _first(tags, "title") is soup.title


def _flattened(page: str, limit: int) -> tuple[str, int]:
    """flatten_deep as it was: every page rebuilt by the flattener, kept when not too deep."""
    rebuilt = flattened(page, limit)
    if rebuilt is None:
        return page, 0
    flat, deepest = rebuilt
    return (page if deepest <= limit else flat), deepest


def test_flatten_deep_measures_first_and_answers_as_the_flattener():
    deep = ["<div>" * n + "x" + "</div>" * n for n in (3, 7, 8, 9, 30)] + ["<p>" * 12 + "<b>" * 4, "", "<", "text"]
    for page in [*_pages(), *deep]:
        for limit in (8, 256):
            assert flatten_deep(page, limit) == _flattened(page, limit), page[:80]
