"""Traditional Chinese is read through simplified characters and reported as written."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import Pipeline
from kg.extract.script import simplified_text
from kg.model import Document

TRADITIONAL = ("台北3月8日電 京東與拼多多昨日宣布,兩家電商平臺將聯合推出跨境物流服務。"
               "據悉,市場監督管理局已對違規商戶處以罰款人民幣120萬元,並要求平臺加強審核。")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(ner="off")


def extract(pipeline: Pipeline, text: str):
    return pipeline(Document(key="d", source_path="d", position="", text=text, lang="zh", headline=None))


def test_known_platforms_are_found_under_their_simplified_names(pipeline: Pipeline) -> None:
    names = {m.text for m in extract(pipeline, TRADITIONAL).mentions}
    assert {"京东", "拼多多"} <= names
    assert not any(n.endswith(("平臺", "平台")) or "聯合" in n or "联合" in n for n in names), names


def test_evidence_figures_and_dates_stay_as_written(pipeline: Pipeline) -> None:
    ex = extract(pipeline, TRADITIONAL)
    assert ex.document.text == TRADITIONAL
    assert ex.events, "a fine and a launch are reported"
    for event in ex.events:
        assert event.evidence == TRADITIONAL[event.start:event.end]
    assert any("120萬元" in f.text for f in ex.figures)
    for f in ex.figures:
        assert f.text == TRADITIONAL[f.start:f.end]


def test_the_simplified_copy_keeps_every_offset() -> None:
    simp = simplified_text(TRADITIONAL)
    assert simp is not None and len(simp) == len(TRADITIONAL)
    assert "京东与拼多多" in simp and "电商平台" in simp


def test_a_simplified_report_quoting_a_traditional_name_is_read_as_it_is() -> None:
    text = "京东今日宣布在台湾上线新服务,当地媒体称其为「京東臺灣站」,首批商家超过一千家,覆盖全岛主要城市。"
    assert simplified_text(text) is None


def test_the_written_form_becomes_an_alias_of_the_entity(tmp_path: Path) -> None:
    from kg.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tw.txt").write_text(TRADITIONAL + "\n", encoding="utf-8")
    build(corpus, tmp_path / "out", load_store=False, site=False, ner="off", jobs=1)
    nq = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    jd = [line for line in nq.splitlines() if line.startswith("<https://w3id.org/ecomkg/id/entity/jd-com> ")]
    assert any('core#altLabel> "京東"' in line for line in jd), jd
    assert any('rdf-schema#label> "京东"@zh' in line for line in jd), jd
