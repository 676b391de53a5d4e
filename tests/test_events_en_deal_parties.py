"""English deals: a regulator that rules on a deal ("the Competition Authority blocked the plan to
acquire X") is no party of it, and taking over a role or a case is no acquisition. Sentences
written here."""
from __future__ import annotations

import pytest

from tests.test_events import events_of


@pytest.mark.parametrize("text", [
    "Norland Foods shares fell after the Fair Trading Authority blocked its plan to acquire Pellham Markets.",
    "The Fair Trading Authority approved Norland Foods' acquisition of Pellham Markets on Monday.",
    "Norland Foods said the Fair Trading Authority is reviewing its bid to buy Pellham Markets.",
], ids=["blocked", "approved", "reviewing"])
def test_a_regulator_ruling_on_a_deal_is_no_party(text) -> None:
    names = {"Norland Foods": "Company", "Pellham Markets": "Company", "Fair Trading Authority": "GovernmentBody"}
    events = events_of(text, "en", names, "Acquisition")
    assert events
    parties = {m.text for e in events for m in (*e.actors, *e.affects)}
    assert "Fair Trading Authority" not in parties
    assert "Pellham Markets" in parties


def test_a_regulator_that_buys_is_still_a_party() -> None:
    text = "The Fair Trading Authority agreed to acquire Pellham Markets' old headquarters building."
    names = {"Pellham Markets": "Company", "Fair Trading Authority": "GovernmentBody"}
    events = events_of(text, "en", names, "Acquisition")
    assert "Fair Trading Authority" in {m.text for e in events for m in e.actors}


@pytest.mark.parametrize("text", [
    "Prosecutor Dana Holt was named to take over the case after two colleagues quit.",
    "Jane Roe will take over as chief executive of Norland Foods in May.",
    "Mr. Holt takes over the role from Ms. Roe, Norland Foods said.",
], ids=["case", "as-title", "role"])
def test_taking_over_a_role_or_a_case_is_no_acquisition(text) -> None:
    names = {"Norland Foods": "Company", "Dana Holt": "Person", "Jane Roe": "Person"}
    assert not events_of(text, "en", names, "Acquisition")


def test_taking_over_a_firm_is_still_an_acquisition() -> None:
    text = "Norland Foods agreed to take over Pellham Markets for $2 billion."
    names = {"Norland Foods": "Company", "Pellham Markets": "Company"}
    assert events_of(text, "en", names, "Acquisition")
