"""A newsletter masthead pairing the issue date with a compiler's credit dates the issue and
its undated items; an HTML meta-row element marked as the time dates the page; a related-reading
block of dated items on a page makes one document per item."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_helpers import docs_of

_ITEMS_EN = [
    ("Acme Widgets opens a warehouse in Leeds",
     "Acme Widgets said it has opened a 40,000-square-metre warehouse in Leeds, adding 300 jobs."),
    ("Foxglove Pay raises $12 million",
     "Foxglove Pay, a checkout start-up, raised $12 million in a round led by Birch Lane Capital."),
    ("Quillmart to close its marketplace app",
     "Quillmart said its marketplace app will be switched off at the end of the quarter."),
]


def _brief(masthead: str) -> str:
    rows = []
    for n, (head, body) in enumerate(_ITEMS_EN, start=1):
        rows += [f"## {n}. {head}", "", body, ""]
    return "\n".join(["# Seller Notes — Issue 12", "", masthead, "",
                      "This week: a warehouse, a funding round and a closure.", "", "---", "", *rows])


@pytest.mark.parametrize(("masthead", "date"), [
    ("*Monday, December 9, 2024 · compiled by Rachel Dunmore*", "2024-12-09"),
    ("Tuesday, March 4, 2025 | curated by Sam Ortiz", "2025-03-04"),
    ("15 June 2023 · edited by Lee Park", "2023-06-15"),
])
def test_a_dated_credit_line_dates_the_issue_and_its_items(tmp_path: Path, masthead: str, date: str) -> None:
    container, *items = docs_of(tmp_path, _brief(masthead), "brief.md")
    assert container.is_container and container.date_published == date
    assert len(items) == 3 and all(d.date_published == date for d in items)


@pytest.mark.parametrize("masthead", [
    "Monday, December 9, 2024 · Acme Widgets opened a warehouse in Leeds this week",
    "compiled by Rachel Dunmore",
])
def test_a_line_that_is_not_date_and_credit_dates_nothing(tmp_path: Path, masthead: str) -> None:
    container, *_ = docs_of(tmp_path, _brief(masthead), "brief.md")
    assert container.date_published is None
