"""English negation: a plan denied or negated is no event; a negated reporting verb is still one.
A penalty only threatened, or a turnover named as a fine's cap, is no event either; a penalty
imposed or a share of sales reported still is."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.extract.events.asserted_en import negated_en
from kg.model import Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(ner="off")


def event_types(pipeline: Pipeline, text: str) -> list[str]:
    ex = pipeline(Document(key="d", source_path="d", position="", text=text, lang="en", headline=None))
    return sorted(e.type for e in ex.events)


@pytest.mark.parametrize("text", [
    "Quillmart Inc. said it has no plans to acquire Dovetail Foods.",
    "Quillmart Inc. denied reports that it would acquire Dovetail Foods.",
    "Quillmart Inc. ruled out a merger with Renly Ltd.",
    "Quillmart Inc. didn't lay off any staff this year.",
])
def test_a_negated_or_denied_event_is_no_event(pipeline: Pipeline, text: str) -> None:
    assert event_types(pipeline, text) == []


@pytest.mark.parametrize("text,typ", [
    ("Quillmart Inc. acquired Dovetail Foods for $20 million on Monday.", "Acquisition"),
    ("Quillmart Inc. did not disclose the terms of the acquisition of Dovetail Foods.", "Acquisition"),
    ("Quillmart Inc. has not yet completed the acquisition of Dovetail Foods.", "Acquisition"),
    ("Quillmart Inc. would not comment on the acquisition of Dovetail Foods.", "Acquisition"),
    ("Not only did Quillmart Inc. acquire Dovetail Foods, it also bought Renly Ltd.", "Acquisition"),
    ("Quillmart Inc. will no longer offer free shipping in Canada.", "Discontinuation"),
])
def test_a_negation_of_something_else_keeps_the_event(pipeline: Pipeline, text: str, typ: str) -> None:
    assert typ in event_types(pipeline, text)


def test_the_walk_back_stops_at_punctuation_and_the_sentence_start() -> None:
    text = "It did not, however, stop the merger."
    assert not negated_en(text, text.index("merger"), 0)
    text = "No. The merger went ahead."
    assert not negated_en(text, text.index("merger"), text.index("The"))
    text = "There was no merger."
    assert negated_en(text, text.index("merger"), 0)


@pytest.mark.parametrize("text", [
    "Failure to answer the Harbour Trade Office could result in fines and more severe penalties for Quillmart Inc.",
    "Breaches of the marketplace law can lead to fines of up to 6 percent of their global turnover, Quillmart Inc. was told.",
    "Quillmart Inc. may be fined if the Harbour Trade Office finds that it misled shoppers.",
    "Quillmart Inc. faces potential penalties from the Harbour Trade Office over fake reviews.",
    "The Harbour Trade Office said Quillmart Inc. must appoint a local representative by June, or face a ban.",
    "Analysts had projected revenue of 4.1 billion yuan for Quillmart Inc., according to data compiled by Tallis.",
])
def test_a_threatened_penalty_is_no_event(pipeline: Pipeline, text: str) -> None:
    types = event_types(pipeline, text)
    assert "Enforcement" not in types and "FinancialResult" not in types


@pytest.mark.parametrize("text,typ", [
    ("The Harbour Trade Office fined Quillmart Inc. $2 million on Monday over fake reviews.", "Enforcement"),
    ("Quillmart Inc. will pay a fine of $2 million to the Harbour Trade Office.", "Enforcement"),
    ("Quillmart Inc. said small sellers contributed over 80% of its sales of $3 billion last year.", "FinancialResult"),
    ("Quillmart Inc. reported revenue of 4.3 billion yuan, beating the 4.1 billion yuan analysts had expected.",
     "FinancialResult"),
])
def test_an_imposed_penalty_or_a_reported_share_keeps_the_event(pipeline: Pipeline, text: str, typ: str) -> None:
    assert typ in event_types(pipeline, text)


def test_launching_an_investigation_is_no_launch(pipeline: Pipeline) -> None:
    """"launched … investigation" says what "launched" means there: no product or service Launch."""
    types = event_types(pipeline, "The Harbour Trade Office launched an antitrust investigation into Quillmart Inc. in May.")
    assert "Launch" not in types
    assert "Launch" in event_types(pipeline, "Quillmart Inc. launched a same-day delivery service in May.")


def test_the_threat_search_passes_no_trigger_the_walks_would_stop(monkeypatch) -> None:
    """`threatened_en` answers without its one search (`any_end`) as with it, in every sentence
    above and at every word (a modal, a share sign, a word cut by the look-back window)."""
    from dataclasses import replace

    from kg.extract.events import asserted_en

    texts = ["Failure to answer could result in fines and more severe penalties.",
             "Breaches can lead to fines of up to 6 percent of their global turnover.",
             "It may be fined. Fines of up to 10% of annual revenue. Sales rose 80% of the total.",
             "Mighty Cancorp faces potential penalties; it can't be fined as much as 4 pct of its revenue.",
             "Sellers must register by May, or face a ban and fines; analysts had projected revenue of $2 billion."]
    cues = asserted_en.english_threat()
    assert cues.any_end is not None
    places = [(text, at, lo) for text in texts for at in range(len(text) + 1) for lo in (0, max(0, at - 30))]
    fast = [asserted_en.threatened_en(text, "Enforcement", at, lo) for text, at, lo in places]
    monkeypatch.setattr(asserted_en, "english_threat", lambda: replace(cues, any_end=None))
    assert [asserted_en.threatened_en(text, "Enforcement", at, lo) for text, at, lo in places] == fast
    assert 0 < sum(fast) < len(fast)


def test_slapped_with_a_fine_punishes_the_object(pipeline: Pipeline) -> None:
    """"A slapped B with a fine": B (the last name between the verb and "with") is punished, A acts."""
    text = ("The Harbour Trade Office opened a probe into Quillmart Inc. and also slapped Quillmart's biggest rival, "
            "Dovetail Foods Inc., with a $76,500 fine.")
    ex = pipeline(Document(key="d", source_path="d", position="", text=text, lang="en", headline=None))
    fines = [e for e in ex.events if e.type == "Enforcement"]
    assert fines and [m.text for m in fines[0].affects] == ["Dovetail Foods Inc."], fines
    assert [m.text for m in fines[0].actors] == ["Harbour Trade Office"], fines
