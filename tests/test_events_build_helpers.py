"""Helpers of the events step that replace a slower equivalent answer as that equivalent does."""
from __future__ import annotations

import re

import pytest

from kg.extract.events.subject import _occurrences
from kg.extract.mentions.ner.zh_spans import _boundary_ends, _cut_at_boundary_scan, cut_at_boundary, name_boundaries


def test_names_ending_in_no_boundary_character_keep_their_length() -> None:
    # the gate of cut_at_boundary: a name whose last character ends no boundary word (nor is 了/的) is not cut
    names = ["瑞达仅参与了", "星禾优选的", "嘉翔股份", "云帆课堂", "ab"]
    names += [stem + w for stem in ("星禾", "嘉翔股份", "x") for w in sorted(name_boundaries())]
    names += ["星禾" + c for c in sorted({c for w in name_boundaries() for c in w})]  # every character they hold
    for name in names:
        if name[-1] not in _boundary_ends():
            assert _cut_at_boundary_scan(name, 0, len(name)) == len(name), name
        for start in range(min(3, len(name))):
            assert cut_at_boundary(name, start, len(name)) == _cut_at_boundary_scan(name, start, len(name)), name
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


_HEADLINES = [  # (headline, body, the body's names as (start, end, type))
    ("在线教育品牌云帆课堂正式上线新功能", "云帆课堂今日在北京上线新功能。", []),  # after a descriptor
    ("第一部5G手机由中兴发布", "中兴表示，这款手机由中兴研发。", []),  # the agent after 由
    ("事实上星禾优选宣布收购嘉翔股份", "星禾优选昨日宣布收购嘉翔股份，嘉翔股份停牌。",
     [(10, 14, "Company")]),  # after a connective
    ("9月19日，华为将在德国慕尼黑正式发布新手机", "华为表示，新手机将在慕尼黑发布。", []),  # after time words
    ("市场监管总局对星禾优选处以500万元罚款", "市场监管总局对星禾优选处以500万元罚款。",
     [(0, 6, "GovernmentBody"), (7, 11, "Company")]),  # every name of the headline is named in the body
    ("市场监管总局对星禾优选处以500万元罚款", "市场监管总局对星禾优选处以500万元罚款。", [(0, 6, "GovernmentBody")]),
    ("嘉翔股份2020年上半年亏损79.18万", "嘉翔股份发布半年报。嘉翔股份称亏损收窄。", [(0, 4, "Company")]),
    ("在线教育品牌云帆课堂正式上线新功能", "品牌云帆课堂上线。", [(0, 2, "Organization")]),
]


@pytest.mark.parametrize(("headline", "body", "names"), _HEADLINES)
def test_headline_subjects_skip_only_parts_whose_names_the_body_never_has_free(
        headline: str, body: str, names: list[tuple[int, int, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    # the gate `_may_be_free` saves clause_subject's cut where no name found could add a mention: the same answer
    from kg.extract.events import subject
    from kg.extract.events.triggers import TriggerMatcher
    from kg.model import Mention

    mentions = [Mention(text=body[a:b], start=a, end=b, type=t) for a, b, t in names]
    hits = TriggerMatcher().find_typed(headline, "zh", [(0, len(headline))])[0][0]
    assert hits
    gated = subject.headline_subjects(headline, body, hits, list(mentions))
    monkeypatch.setattr(subject, "_may_be_free", lambda *args: True)
    assert gated == subject.headline_subjects(headline, body, hits, list(mentions))


def test_free_text_blanks_each_named_character() -> None:
    from kg.extract.events.subject import _free_text
    from kg.model import Mention

    ms = [Mention(text="", start=a, end=b, type="Company") for a, b in [(4, 8), (0, 2), (6, 10), (12, 12)]]
    assert _free_text("abcdefghijklmn", ms) == "\0\0cd" + "\0" * 6 + "klmn"
