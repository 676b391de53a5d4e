"""`html._meta` reads the page's <meta> tags listed once (`elements` filtered by name); it must
find what a `soup.find` per name and attribute found."""
from __future__ import annotations

import random
import re

from bs4 import BeautifulSoup

from kg.ingest.html import _meta, _named
from kg.ingest.htmltree import elements


def _find_each(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            tag = soup.find("meta", attrs={attr: re.compile(rf"^{re.escape(name)}$", re.I)})
            if tag is not None and tag.get("content"):
                return str(tag["content"]).strip()
    return None


def test_meta_agrees_with_a_find_per_name():
    rng = random.Random(3)
    attrs = ["property", "name", "itemprop", "class"]
    values = ["og:title", "OG:Title", "author", "og:title\n", "x og:title", "", "og:url", "dc.creator"]
    for _ in range(300):
        metas = [f'<meta {rng.choice(attrs)}="{rng.choice(values)}" content="{rng.choice(["", "T", " z "])}">'
                 for _ in range(rng.randint(0, 5))]
        page = (f"<html><head>{''.join(metas[:2])}</head><body><div>{''.join(metas[2:])}"
                "<span><meta itemprop='author' content='q'></span></div></body></html>")
        soup = BeautifulSoup(page, "lxml")
        metas = _named(elements(soup), "meta")
        for names in (("og:title", "twitter:title"), ("author", "article:author", "dc.creator"), ("og:url",)):
            assert _meta(metas, *names) == _find_each(soup, *names), page
