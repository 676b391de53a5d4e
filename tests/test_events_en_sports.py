"""A match report's penalty (the penalty area, a penalty kick) is no regulator's penalty, while a
fine stays an enforcement. Sentences written here."""
from __future__ import annotations

import pytest

from tests.test_events import events_of

NAMES = {"Norland Foods": "Company", "Fair Trading Authority": "GovernmentBody", "Port Vale Rovers": "Organization"}


@pytest.mark.parametrize("text", [
    "Ana Ruiz was tripped in the penalty area and Kai Moss stepped up to equalise for Port Vale Rovers.",
    "Kai Moss scored from the penalty spot for Port Vale Rovers.",
    "Port Vale Rovers won on penalties after a goalless draw.",
], ids=["area", "spot", "shootout"])
def test_a_penalty_of_a_match_is_no_enforcement(text) -> None:
    assert not events_of(text, "en", NAMES, "Enforcement")


def test_a_regulators_penalty_is_still_an_enforcement() -> None:
    text = "The Fair Trading Authority imposed a penalty of $2 million on Norland Foods."
    assert events_of(text, "en", NAMES, "Enforcement")
