"""A line that credits a story's people or outlet and opens the text ("By Jane Roe, AP",
"From the Associated Press", "Jane Doe and John Roe Daily Courier News") is the byline, not
the headline. Inputs are written for these tests (not taken from any corpus)."""
from __future__ import annotations

import pytest

from kg.ingest.bylines import split_byline
from kg.ingest.head import names_then_outlet
from kg.ingest.lexicon import load_markers
from tests.ingest_helpers import BODY_EN, TITLE_EN
from tests.ingest_helpers import doc_of as _doc


@pytest.mark.parametrize(("credit", "authors", "publisher"), [
    ("By Paula Grant, AP", ("Paula Grant",), "AP"),
    ("By Paula Grant, Reuters", ("Paula Grant",), "Reuters"),
    ("From the Associated Press", (), "Associated Press"),
    ("Courtesy of Reuters", (), "Reuters"),
    ("Jane Doe and Tomas Reyes Daily Courier News", ("Jane Doe", "Tomas Reyes"), "Daily Courier News"),
    ("Maria Lopez Bloomberg News", ("Maria Lopez",), "Bloomberg News"),
])
def test_credit_line_opening_a_text_is_no_headline(tmp_path, credit, authors, publisher):
    doc = _doc(tmp_path, f"{credit}\n\n{BODY_EN}\n")
    assert doc.headline is None
    assert (doc.authors, doc.publisher) == (authors, publisher)
    assert doc.text.startswith("Acme Widgets said")


def test_credit_line_under_a_headline_names_people_and_outlet(tmp_path):
    doc = _doc(tmp_path, f"{TITLE_EN}\nJane Doe and Tomas Reyes Daily Courier News\n\n{BODY_EN}\n")
    assert (doc.headline, doc.authors, doc.publisher) == (TITLE_EN, ("Jane Doe", "Tomas Reyes"), "Daily Courier News")


@pytest.mark.parametrize("headline", [
    "Acme Widget Sales Daily News",       # title case ending like an outlet, but no given name opens it
    "From Warehouses to Doorsteps",       # "From" + words that are no outlet
    "By the Numbers",
])
def test_headline_that_merely_looks_like_a_credit_stays(tmp_path, headline):
    doc = _doc(tmp_path, f"{headline}\n\n{BODY_EN}\n")
    assert doc.headline == headline and doc.publisher is None and doc.authors == ()


def test_known_wire_agency_closes_a_byline():
    assert split_byline("Paula Grant, AP", load_markers()) == (["Paula Grant"], "AP")


def test_names_then_outlet_needs_given_names():
    m = load_markers()
    assert names_then_outlet("Jane Doe and Tomas Reyes Bloomberg News", m) == (["Jane Doe", "Tomas Reyes"], "Bloomberg News")
    assert names_then_outlet("Acme Widget Sales Bloomberg News", m) is None
    assert names_then_outlet("Jane Doe", m) is None
