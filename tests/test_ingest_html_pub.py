"""A page's publisher when no meta tag names it: a source element, the site name after the page
title, or the owner in the footer's copyright notice."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest.meta import split_title
from tests.ingest_helpers import BODY_EN, BODY_ZH, TITLE_EN, TITLE_ZH, doc_of


def _page(title: str, h1: str, body: str, footer: str = "", meta_row: str = "") -> str:
    return (f"<html><head><title>{title}</title></head><body><main><article><h1>{h1}</h1>"
            f"{meta_row}<p>{body}</p><p>{body}</p></article></main><footer>{footer}</footer></body></html>")


@pytest.mark.parametrize(("title", "footer", "pub"), [
    (f"{TITLE_EN} | Parcel &amp; Post Weekly", "", "Parcel & Post Weekly"),
    (TITLE_EN, "<p>© 2025 Harbour Retail Times. All rights reserved.</p><a>Privacy</a>", "Harbour Retail Times"),
    (TITLE_EN, "© 2024 Resale Dispatch · Privacy policy · Terms of use", "Resale Dispatch"),
    (TITLE_EN, "Copyright © 2019-2025 Shelf Street News | Contact", "Shelf Street News"),
])
def test_title_suffix_or_copyright_names_the_publisher(tmp_path: Path, title: str, footer: str, pub: str) -> None:
    doc = doc_of(tmp_path, _page(title, TITLE_EN, BODY_EN, footer), "a.html")
    assert doc.publisher == pub
    assert doc.headline == TITLE_EN


@pytest.mark.parametrize("footer", [
    "Copyright © 2004-2025 版权所有 沪ICP备05000000号",
    "© 2025 All rights reserved.",
])
def test_a_notice_naming_no_owner_names_no_publisher(tmp_path: Path, footer: str) -> None:
    doc = doc_of(tmp_path, _page(TITLE_EN, TITLE_EN, BODY_EN, footer), "a.html")
    assert doc.publisher is None


def test_a_source_element_beats_the_title_suffix(tmp_path: Path) -> None:
    row = '<div class="meta"><span class="time">2025-01-08 10:15</span> <span class="src">来源:联商网</span></div>'
    doc = doc_of(tmp_path, _page(f"{TITLE_ZH}_物流_某某网", TITLE_ZH, BODY_ZH, meta_row=row), "a.html")
    assert doc.publisher == "联商网"


@pytest.mark.parametrize(("title", "expected"), [
    (f"{TITLE_ZH}_物流_联商网", (TITLE_ZH, "联商网")),
    (f"{TITLE_ZH}_新浪科技", (TITLE_ZH, "新浪科技")),
    ("my_file_name released as open source by Acme", ("my_file_name released as open source by Acme", None)),
])
def test_chinese_titles_split_at_underscores(title: str, expected: tuple[str, str | None]) -> None:
    assert split_title(title) == expected
