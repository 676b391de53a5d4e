"""names6 rules: English services after lifecycle verbs, 由A旗下B运营 and “X”APP由Y运营, a platform's channel
as the platform, the story's company for a titled founder alone in a sentence, and a known name repeated
over a weaker shorter reading."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document
from tests.test_relations import make, triples


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _run(pipeline: Pipeline, text: str, lang: str):
    return pipeline(Document(key="t", source_path="t", position="", text=text, lang=lang, date_published="2025-06-02"))


@pytest.mark.parametrize(("text", "name"), [
    ("Etsy will close its Listing Boost Basic subscription on Sept. 30, 2025.", "Listing Boost Basic"),
    ("Walmart said it will retire the Seller Radar Lite analytics tool next month.", "Seller Radar Lite"),
    ("Zalando launched Partner Ads Pro for brands in Germany.", "Partner Ads Pro"),
])
def test_en_lifecycle_service(pipeline: Pipeline, text: str, name: str) -> None:
    ex = _run(pipeline, text, "en")
    assert (name, "Service") in {(m.text, m.type) for m in ex.mentions}


def test_en_lifecycle_needs_tier_or_head(pipeline: Pipeline) -> None:
    ex = _run(pipeline, "Etsy will close its Dublin Office on Friday.", "en")
    assert not any(m.type == "Service" for m in ex.mentions)


def test_repeat_of_known_name_wins_over_shorter_reading(pipeline: Pipeline) -> None:
    ex = _run(pipeline, "Acme will retire the Cart Pulse Lite reporting tool.\nCart Pulse Lite was launched in 2021.", "en")
    services = [m for m in ex.mentions if m.text == "Cart Pulse Lite"]
    assert len(services) == 2
    assert not any(m.text == "Pulse Lite" for m in ex.mentions)


@pytest.mark.parametrize(("text", "names", "expected"), [
    ("公告显示，“云药宝”APP由华康医药旗下上海华康健康有限公司运营，于2020年上线。",
     {"云药宝": "Service", "华康医药": "Company", "上海华康健康有限公司": "Company"},
     ("云药宝", "operatedBy", "上海华康健康有限公司")),
    ("“速达宝”App由顺丰运营。", {"速达宝": "Service", "顺丰": "Company"}, ("速达宝", "operatedBy", "顺丰")),
    ("据介绍，“省心卡”由上海拉扎斯信息科技有限公司提供，仅在饿了么超市频道开通使用。",
     {"省心卡": "Service", "上海拉扎斯信息科技有限公司": "Company", "饿了么": "Platform"}, ("省心卡", "offeredOn", "饿了么")),
    ("“尝鲜卡”目前只在淘宝百亿补贴板块上线。", {"尝鲜卡": "Service", "淘宝": "Platform"}, ("尝鲜卡", "offeredOn", "淘宝")),
])
def test_zh_operator_and_channel(text: str, names: dict[str, str], expected: tuple[str, str, str]) -> None:
    assert expected in triples(make(text, "zh", names))


@pytest.mark.parametrize(("text", "person", "org"), [
    ("云帆物流成立于2018年，总部位于成都。联合创始人兼总裁陈思凡曾在多家物流企业任职。云帆物流今年订单量增长三成。",
     "陈思凡", "云帆物流"),
])
def test_titled_person_alone_belongs_to_the_story_company(pipeline: Pipeline, text: str, person: str, org: str) -> None:
    ex = _run(pipeline, text, "zh")
    got = {(r.subject.text, r.predicate, r.object.text if r.object else r.literal) for r in ex.relations}
    assert (person, "affiliatedWith", org) in got


def test_titled_person_beside_another_org_is_not_the_story_company(pipeline: Pipeline) -> None:
    ex = _run(pipeline, "云帆物流今年订单量增长三成。据悉，董事长王建国此前任职于顺丰。", "zh")
    assert not any(r.subject.text == "王建国" and r.predicate == "affiliatedWith" for r in ex.relations)
