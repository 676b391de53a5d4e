"""Rules of the names9 round: "&" names, name particles, plural subjects, chief-officer titles."""
from __future__ import annotations

import pytest

from kg.extract.names import NamesExtractor
from tests.names_helpers import found_types


@pytest.fixture(scope="module")
def finder() -> NamesExtractor:
    return NamesExtractor()


@pytest.mark.parametrize("text, name, part", [
    ("The retailer has bought Crate & Barrow, a Leeds-based packaging company, for £4 million.", "Crate & Barrow", "Barrow"),
    ("Brightside has acquired Stone & Vale, the online furniture marketplace, this week.", "Stone & Vale", "Vale"),
])
def test_ampersand_names_stay_whole(finder: NamesExtractor, text: str, name: str, part: str) -> None:
    found = found_types(finder, text)
    assert name in found
    assert part not in found


@pytest.mark.parametrize("text, name, part", [
    ("Kestrel chief executive Maarten van Loon said sales had doubled.", "Maarten van Loon", "Loon"),
    ("Operations director Lucia de la Vega said the warehouse opens in May.", "Lucia de la Vega", "Vega"),
    ("Hendrik von Stade, president of the trade group, said members were worried.", "Hendrik von Stade", "Stade"),
])
def test_name_particles_inside_person_names(finder: NamesExtractor, text: str, name: str, part: str) -> None:
    found = found_types(finder, text)
    assert found.get(name) == "Person"
    assert part not in found


@pytest.mark.parametrize("text, word", [
    ("Analysts said the fine would dent margins.", "Analysts"),
    ("Lawyers said the ruling could be appealed.", "Lawyers"),
    ("Shoppers said delivery times had slipped.", "Shoppers"),
])
def test_plural_common_nouns_are_no_subject_names(finder: NamesExtractor, text: str, word: str) -> None:
    assert word not in found_types(finder, text)


@pytest.mark.parametrize("text, name", [
    ("Harbor Goods chief digital officer Elena Park said the app was rebuilt.", "Elena Park"),
    ("Its chief marketing officer Tom Reyes said the campaign starts in June.", "Tom Reyes"),
])
def test_chief_officer_titles_announce_persons(finder: NamesExtractor, text: str, name: str) -> None:
    assert found_types(finder, text).get(name) == "Person"


def test_subject_names_still_found(finder: NamesExtractor) -> None:
    assert found_types(finder, "Vendora said it would expand to Spain.").get("Vendora") == "Company"
