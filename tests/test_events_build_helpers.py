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


@pytest.mark.parametrize(("headline", "body"), [
    ("嘉翔股份2020年上半年亏损79.18万", "嘉翔股份发布公告，公司上半年亏损。"),  # the body repeats the subject
    ("嘉翔股份2020年上半年亏损79.18万", "公司发布公告。"),  # it repeats none of the clause: not cut
    ("星禾优选宣布完成融资，华为发布新机", "华为昨日在深圳发布新机，星禾优选称融资已完成。"),
    ("第一部5G手机由中兴发布", "中兴表示，手机将于下月上市。"),
])
def test_headline_gate_answers_as_cutting_every_clause(headline: str, body: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`_echoed` only skips clauses whose subject the body cannot repeat: the mentions are those
    found when every clause is cut."""
    from kg.extract.events import subject
    from kg.extract.events.triggers import TriggerMatcher

    hits = TriggerMatcher().find(headline, "zh", [(0, len(headline))])[0]
    assert hits
    gated = subject.headline_subjects(headline, body, hits, [])
    monkeypatch.setattr(subject, "_echoed", lambda *_: True)
    assert gated == subject.headline_subjects(headline, body, hits, [])
