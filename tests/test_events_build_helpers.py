"""Helpers of the events step that replace a slower equivalent answer as that equivalent does."""
from __future__ import annotations

import re

import pytest

from kg.extract.events.subject import _occurrences


@pytest.mark.parametrize(("name", "body"), [
    ("嘉翔股份", "嘉翔股份发布公告。嘉翔股份称，嘉翔股份嘉翔股份将…"),
    ("aa", "aaaaa"),  # overlapping occurrences: left to right, none overlapping
    ("a.b", "a.b axb a.b"),  # a regex meta character is a plain character
    ("星禾", "没有这个名字"),
    ("ab", ""),
])
def test_occurrences_are_re_finditer_of_the_escaped_name(name: str, body: str) -> None:
    assert _occurrences(name, body) == [m.span() for m in re.finditer(re.escape(name), body)]
