"""Resolution: the type an entity keeps across documents, when mentions disagree on it."""
from __future__ import annotations

import pytest

from kg.model import Mention
from kg.resolve.entities import EntityResolver, type_is_cued


def _settled(*votes: tuple[str, str]) -> set[str]:
    """Types of the one entity a name gets from (type, extractor) mentions, one per document."""
    resolver = EntityResolver()
    keys = {resolver.add_mention(Mention("蓝湾竞技", 0, 4, typ, extractor=rule), f"d{i}.txt")
            for i, (typ, rule) in enumerate(votes)}
    (key,) = keys
    return resolver.entities()[key].types


@pytest.mark.parametrize(("votes", "types"), [
    pytest.param([("Organization", "ner:zh-context"), ("Company", "ner:zh"), ("Company", "ner:zh")],
                 {"Organization"}, id="cued-org-beats-default-companies"),
    pytest.param([("Organization", "ner:zh-team"), ("Company", "ner:zh"), ("Company", "repeats")],
                 {"Organization"}, id="a-repeat-copies-a-default"),
    pytest.param([("GovernmentBody", "names:zh-suffix"), ("Company", "ner:zh"), ("Company", "ner:zh")],
                 {"GovernmentBody"}, id="cued-body-beats-default-companies"),
    pytest.param([("Organization", "ner:zh-context"), ("Company", "names:zh-suffix")],
                 {"Company"}, id="both-cued-specific-wins-as-before"),
    pytest.param([("GovernmentBody", "names:zh-suffix"), ("Company", "names:zh-list"), ("Company", "ner:zh-head")],
                 {"Company"}, id="both-cued-majority-as-before"),
    pytest.param([("Organization", "events"), ("Company", "ner:zh")],
                 {"Company"}, id="no-cue-either-side-as-before"),
    pytest.param([("Organization", "ner:zh-team"), ("Organization", "ner:zh"), ("Company", "ner:zh")],
                 {"Organization"}, id="default-org-votes-kept-beside-a-cue"),
])
def test_resolve_type_from_a_cue_beats_a_default(votes: list[tuple[str, str]], types: set[str]) -> None:
    assert _settled(*votes) == types


def test_resolve_person_or_organisation_still_by_majority_of_all_votes() -> None:
    # a cue decides between organisation types only; whether a name is a person or an
    # organisation (one key, e.g. a lexicon's or a learned one) stays the majority of every vote
    from collections import Counter

    from kg.resolve.entities import _settle_types

    votes = Counter({"Person": 3, "Organization": 1, "Company": 1})
    assert _settle_types(votes, {"Organization"}) == {"Person"}
    assert _settle_types(Counter({"Person": 1, "Organization": 1, "Company": 2}), {"Organization"}) == {"Organization"}


@pytest.mark.parametrize(("rule", "cued"), [
    ("ner:zh", False), ("ner:en", False), ("events", False), ("repeats", False), ("names:alias", False),
    ("ner:zh-context", True), ("ner:zh-head", True), ("ner:zh-team", True), ("ner:en-head", True),
    ("names:zh-suffix", True), ("names:en-descriptor", True), ("gazetteer", True),
])
def test_resolve_which_extractors_read_a_type_from_a_cue(rule: str, cued: bool) -> None:
    assert type_is_cued(Mention("x", 0, 1, "Company", extractor=rule)) is cued


def test_resolve_club_named_bare_in_business_stories_stays_an_organisation() -> None:
    # a club named once in a match report (a sports cue in the sentence) and twice, bare, in
    # sponsorship stories that read like business news (no cue: the tagger's default is Company)
    from kg.extract import Pipeline
    from kg.model import Document
    from kg.resolve import resolve

    texts = ["本轮联赛中，蓝湾竞技在主场以二比一击败对手。",
             "蓝湾竞技与一家饮料企业签约，赞助金额达到三千万元。",
             "蓝湾竞技宣布与运动品牌续约，合同金额为两千万元。"]
    docs = [Document(key=f"d{i}.txt", source_path=f"d{i}.txt", position="", text=t, lang="zh")
            for i, t in enumerate(texts)]
    pipeline = Pipeline()
    pipeline.prepare(docs)
    extractions = [pipeline(d) for d in docs]
    rules = {(m.type, type_is_cued(m)) for ex in extractions for m in ex.mentions if m.text == "蓝湾竞技"}
    assert rules == {("Organization", True), ("Company", False)}  # the case this test is about
    club = [e for e in resolve(extractions, docs).entities.values() if e.label_zh == "蓝湾竞技"]
    assert [e.types for e in club] == [{"Organization"}]
