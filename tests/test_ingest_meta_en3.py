"""English page layouts: navigation above the headline, breadcrumbs with a site name,
document-type labels and places in head lines, captions, credits and closing sections.
Inputs are written for these tests (not taken from any corpus)."""
from __future__ import annotations

import pytest

from tests.ingest_helpers import BODY_EN as BODY
from tests.ingest_helpers import TITLE_EN as TITLE
from tests.ingest_helpers import doc_of as _doc


@pytest.mark.parametrize(("nav", "publisher"), [
    ("DAILY COURIER  |  Business  |  Tech  |  Markets", "Daily Courier"),
    ("Metro News\nWorld | Business | Sports\nFacebook   X   Email   Copy Link", "Metro News"),
    ("World | Business | Sports\nFacebook   X   Email   Copy Link", None),
])
def test_navigation_above_the_headline_is_skipped(tmp_path, nav, publisher):
    doc = _doc(tmp_path, f"{nav}\n\n{TITLE}\n\nBy Ann Lee\nMarch 2, 2023 · 4 min read\n\n{BODY}\n")
    assert (doc.headline, doc.date_published, doc.authors) == (TITLE, "2023-03-02", ("Ann Lee",))
    assert doc.publisher == publisher and doc.text == BODY


@pytest.mark.parametrize(("crumb", "publisher"), [
    ("Northland Trade Ministry > Newsroom > Press release", "Northland Trade Ministry"),
    ("Home > Newsroom > Press release", None),
])
def test_breadcrumb_names_the_site_and_the_heading_is_the_headline(tmp_path, crumb, publisher):
    doc = _doc(tmp_path, f"{crumb}\n\n# {TITLE}\n\n**Press release** | Lisbon, 3 October 2024\n\n{BODY}\n", "a.md")
    assert (doc.headline, doc.date_published, doc.publisher) == (TITLE, "2024-10-03", publisher)
    assert doc.text == BODY


@pytest.mark.parametrize("line", [
    "FILE PHOTO: Trucks wait outside a depot in Leeds, May 2, 2024. (AP Photo/Jo Roe, File)",
    "Workers load boxes at the depot. (Reuters Photo/Jo Roe)",
    "Lee reported from Leeds. Chen reported from York.",
    "Associated Press writer Jo Roe in York contributed to this report.",
    "___",
])
def test_captions_and_credits_are_not_body(tmp_path, line):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Ann Lee\nMarch 2, 2023\n\n{line}\n\n{BODY}\n\n{line}\n")
    assert doc.text == BODY


@pytest.mark.parametrize("heading", [
    "About Acme Widgets", "Forward-Looking Statements", "Media Contact:", "Contacts for media", "媒体联系人：",
])
def test_closing_sections_are_dropped(tmp_path, heading):
    doc = _doc(tmp_path, f"{TITLE}\n\nMarch 2, 2023\n\n{BODY}\n\n{heading}\nAcme Widgets makes widgets in 12 countries.\n")
    assert doc.text == BODY


@pytest.mark.parametrize(("lead", "date", "publisher"), [
    ("LEEDS, March 2, 2023 /PRNewswire/ -- ", "2023-03-02", "PRNewswire"),
    ("BOSTON, Jan. 5, 2024 /Business Wire/ -- ", "2024-01-05", "Business Wire"),
])
def test_press_release_wire_dateline(tmp_path, lead, date, publisher):
    doc = _doc(tmp_path, f"{TITLE}\n\n{lead}{BODY}\n")
    assert (doc.date_published, doc.publisher, doc.text) == (date, publisher, BODY)


@pytest.mark.parametrize("stamp", ["Last updated: June 10, 2025 11:42 a.m. ET", "Jan 21, 2025, 08:00 PT"])
def test_us_time_zones_in_timestamps(tmp_path, stamp):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Ann Lee\n{stamp}\n\n{BODY}\n")
    assert doc.date_published[:4] == "2025" and doc.text == BODY
