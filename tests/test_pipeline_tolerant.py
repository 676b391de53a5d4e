"""`Pipeline.tolerant`: an extractor that raises costs its own facts, not the document's; a plain
call lets the error go up."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document, Extraction


def _broken(ex: Extraction) -> None:
    raise ValueError("figures bug")


def _pipeline_with_broken_figures() -> Pipeline:
    pipeline = Pipeline(ner="off")
    pipeline.extractors[pipeline.names.index("figures")] = _broken
    return pipeline


DOC = Document(key="d", source_path="d.txt", position="", lang="zh",
               text="2024年3月1日，京东宣布收购星禾集团，交易金额为10亿元。")


def test_tolerant_records_the_failure_and_keeps_the_other_facts() -> None:
    ex, failed = _pipeline_with_broken_figures().tolerant(DOC)
    assert failed == ["figures: ValueError: figures bug"]
    assert any(m.text == "京东" for m in ex.mentions) and ex.dates and ex.events  # the steps before and after ran
    assert not ex.figures


def test_a_plain_call_raises() -> None:
    with pytest.raises(ValueError, match="figures bug"):
        _pipeline_with_broken_figures()(DOC)


def test_tolerant_without_failures_equals_a_plain_call() -> None:
    pipeline = Pipeline(ner="off")
    ex, failed = pipeline.tolerant(DOC)
    assert failed == [] and ex == pipeline(DOC)
