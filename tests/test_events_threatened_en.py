"""English threats: a penalty a sentence only threatens, or a turnover named as a fine's cap, is no
event; a penalty imposed or a share of sales reported still is."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(ner="off")


def event_types(pipeline: Pipeline, text: str) -> list[str]:
    ex = pipeline(Document(key="d", source_path="d", position="", text=text, lang="en", headline=None))
    return sorted(e.type for e in ex.events)


@pytest.mark.parametrize("text", [
    "Failure to answer the Harbour Trade Office could result in fines and more severe penalties for Quillmart Inc.",
    "Breaches of the marketplace law can lead to fines of up to 6 percent of their global turnover, Quillmart Inc. was told.",
    "Quillmart Inc. may be fined if the Harbour Trade Office finds that it misled shoppers.",
    "Quillmart Inc. faces potential penalties from the Harbour Trade Office over fake reviews.",
])
def test_a_threatened_penalty_is_no_event(pipeline: Pipeline, text: str) -> None:
    types = event_types(pipeline, text)
    assert "Enforcement" not in types and "FinancialResult" not in types


@pytest.mark.parametrize("text,typ", [
    ("The Harbour Trade Office fined Quillmart Inc. $2 million on Monday over fake reviews.", "Enforcement"),
    ("Quillmart Inc. will pay a fine of $2 million to the Harbour Trade Office.", "Enforcement"),
    ("Quillmart Inc. said small sellers contributed over 80% of its sales of $3 billion last year.", "FinancialResult"),
])
def test_an_imposed_penalty_or_a_reported_share_keeps_the_event(pipeline: Pipeline, text: str, typ: str) -> None:
    assert typ in event_types(pipeline, text)
