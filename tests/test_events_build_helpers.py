"""Helpers of the events step that replace a slower equivalent answer as that equivalent does."""
from __future__ import annotations

import re

import pytest

from kg.extract.events.subject import _boundary_ends, _occurrences
from kg.extract.mentions.ner.zh_spans import cut_at_boundary, name_boundaries


def test_names_ending_in_no_boundary_character_keep_their_length() -> None:
    # the gate of clause_subject: a name whose last character ends no boundary word (nor is 了/的) is not cut
    names = ["瑞达仅参与了", "星禾优选的", "嘉翔股份", "云帆课堂", "ab"]
    names += [stem + w for stem in ("星禾", "嘉翔股份", "x") for w in sorted(name_boundaries())]
    names += ["星禾" + c for c in sorted({c for w in name_boundaries() for c in w})]  # every character they hold
    for name in names:
        if name[-1] not in _boundary_ends():
            assert cut_at_boundary(name, 0, len(name)) == len(name), name
    assert any(cut_at_boundary(n, 0, len(n)) < len(n) for n in names)  # (the names do test cuts)


@pytest.mark.parametrize(("name", "body"), [
    ("嘉翔股份", "嘉翔股份发布公告。嘉翔股份称，嘉翔股份嘉翔股份将…"),
    ("aa", "aaaaa"),  # overlapping occurrences: left to right, none overlapping
    ("a.b", "a.b axb a.b"),  # a regex meta character is a plain character
    ("星禾", "没有这个名字"),
    ("ab", ""),
])
def test_occurrences_are_re_finditer_of_the_escaped_name(name: str, body: str) -> None:
    assert _occurrences(name, body) == [m.span() for m in re.finditer(re.escape(name), body)]
