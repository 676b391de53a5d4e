"""Chinese affiliations from appointments: the office taken now, titles with an abbreviation, the story's company."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _relations(pipeline: Pipeline, text: str) -> set[tuple[str, str, str]]:
    ex = pipeline(Document(key="t", source_path="t", position="", text=text, lang="zh", date_published="2024-06-03"))
    return {(r.subject.text, r.predicate, r.object.text if r.object else r.literal) for r in ex.relations}


@pytest.mark.parametrize("text,expected", [
    ("同日，星禾网络科技有限公司发布公告称，董事会同意聘任张蔚为公司副总裁。",
     {("张蔚", "affiliatedWith", "星禾网络科技有限公司"), ("张蔚", "role", "副总裁")}),
    ("星禾网络科技有限公司宣布人事调整，原首席运营官（COO）高岚接任CEO，全面负责日常经营。",
     {("高岚", "affiliatedWith", "星禾网络科技有限公司"), ("高岚", "role", "CEO")}),
], ids=["appointment-to-the-company", "former-title-with-abbreviation-then-new-office"])
def test_affiliations_zh_appointments(pipeline: Pipeline, text: str, expected: set) -> None:
    found = _relations(pipeline, text)
    assert expected <= found, found
    assert ("高岚", "role", "首席运营官") not in found


def test_affiliations_zh_public_office_is_not_the_company(pipeline: Pipeline) -> None:
    found = _relations(pipeline, "签约仪式上，京东副总裁钱芳出席，副市长孙伟致辞。")
    assert ("钱芳", "affiliatedWith", "京东") in found
    assert not any(s == "孙伟" and p == "affiliatedWith" for s, p, _ in found)
