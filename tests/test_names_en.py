"""English name rules: "&" names, name particles, plural subjects, chief-officer titles, appointments,
government names with "and", place adjectives, legal names called apps, firms that appoint."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.extract.mentions.names import NamesExtractor
from tests.names_helpers import candidate_types as _names
from tests.names_helpers import found_pairs as _found
from tests.names_helpers import found_types
from tests.names_helpers import run_doc as _run
from tests.test_relations import make, triples


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def names():
    from kg.extract.mentions.names import NamesExtractor

    return NamesExtractor()


@pytest.fixture(scope="module")
def finder() -> NamesExtractor:
    return NamesExtractor()


def test_en_lifecycle_needs_tier_or_head(pipeline: Pipeline) -> None:
    ex = _run(pipeline, "Etsy will close its Dublin Office on Friday.", "en")
    assert not any(m.type == "Service" for m in ex.mentions)


def test_repeat_of_known_name_wins_over_shorter_reading(pipeline: Pipeline) -> None:
    ex = _run(pipeline, "Acme will retire the Cart Pulse Lite reporting tool.\nCart Pulse Lite was launched in 2021.", "en")
    services = [m for m in ex.mentions if m.text == "Cart Pulse Lite"]
    assert len(services) == 2
    assert not any(m.text == "Pulse Lite" for m in ex.mentions)


@pytest.mark.parametrize(("text", "person", "org", "role"), [
    ("Parcelnest has appointed Daniel Okafor, formerly a director at Boxwell Ltd, as chief financial officer.",
     "Daniel Okafor", "Parcelnest", "chief financial officer"),
    ("Parcelnest named Sara Lindqvist as COO on Monday.", "Sara Lindqvist", "Parcelnest", "COO"),
    ("Parcelnest hired Tom Becker as head of logistics.", "Tom Becker", "Parcelnest", "head"),
])
def test_en_appointment(text: str, person: str, org: str, role: str) -> None:
    got = triples(make(text, "en", {org: "Company", person: "Person"}))
    assert (person, "affiliatedWith", org) in got
    assert (person, "role", role) in got


def test_en_as_title_names_no_person(pipeline: Pipeline) -> None:
    text = "Parcelnest has appointed Daniel Okafor, formerly at Boxwell Retail, as chief operating officer."
    found = _found(pipeline, text, "en")
    assert ("Boxwell Retail", "Person") not in found
    assert ("Daniel Okafor", "Person") in found


@pytest.mark.parametrize(("text", "name"), [
    ("The Australian Competition and Consumer Commission said on Monday it would sue Parcelnest.",
     "Australian Competition and Consumer Commission"),
    ("The Kenyan Competition and Consumer Commission opened an inquiry.", "Kenyan Competition and Consumer Commission"),
])
def test_government_name_with_and(names, text: str, name: str) -> None:
    from tests.names_helpers import found_types

    assert found_types(names, text).get(name) == "GovernmentBody"


@pytest.mark.parametrize("text", [
    "Parcelnest agreed to acquire Lisbon-based courier Boxwell Ltd for $20 million.",
    "Parcelnest agreed to buy Austin-headquartered Boxwell Ltd.",
])
def test_place_adjective_is_no_name(names, text: str) -> None:
    from tests.names_helpers import found_types

    found = found_types(names, text)
    assert not [n for n in found if n.endswith(("-based", "-headquartered"))]
    assert any(n.startswith("Boxwell Ltd") for n in found)


@pytest.mark.parametrize(("text", "name", "platform"), [
    ("Basketly Inc., a Boston-based grocery delivery app, will pay a fine.", "Basketly Inc.", False),
    ("Parcelnest will buy resale platform Loopwear GmbH for €30 million.", "Loopwear GmbH", False),
    ("Dealora Ltd, an online marketplace for vintage furniture, raised funds.", "Dealora Ltd", True),
])
def test_legal_name_called_an_app_is_a_company(names, text: str, name: str, platform: bool) -> None:
    new, _ = names.find(text, [])
    m = next(m for m in new if m.text == name)
    assert m.type == "Company"
    assert ("Platform" in m.extra_types) is platform


def test_unknown_firm_that_appoints_is_found(pipeline: Pipeline) -> None:
    ex = _run(pipeline, "Boxwell has appointed Maria Ferreira as chief financial officer.", "en")
    got = {(r.subject.text, r.predicate, r.object.text if r.object else r.literal) for r in ex.relations}
    assert ("Maria Ferreira", "affiliatedWith", "Boxwell") in got


@pytest.mark.parametrize("text", [
    "Shops closed Monday and reopened on Tuesday.",
    "The store will withdraw from the market.",
])
def test_stop_verbs_without_names(finder: NamesExtractor, text: str) -> None:
    assert not any("Service" in t for t in _names(finder, text).values())


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
