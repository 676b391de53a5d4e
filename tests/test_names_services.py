"""Services named by rule: after lifecycle and stop verbs, and services that sign agreements acting as platforms."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.extract.mentions.names import NamesExtractor
from tests.names_helpers import candidate_types as _names
from tests.names_helpers import run_doc as _run


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def finder() -> NamesExtractor:
    return NamesExtractor()


def _service(text: str, name: str):
    from kg.model import Mention

    a = text.index(name)
    return Mention(name, a, a + len(name), "Service", key="some-service")


@pytest.mark.parametrize(("text", "name"), [
    ("Etsy will close its Listing Boost Basic subscription on Sept. 30, 2025.", "Listing Boost Basic"),
    ("Walmart said it will retire the Seller Radar Lite analytics tool next month.", "Seller Radar Lite"),
    ("Zalando launched Partner Ads Pro for brands in Germany.", "Partner Ads Pro"),
])
def test_en_lifecycle_service(pipeline: Pipeline, text: str, name: str) -> None:
    ex = _run(pipeline, text, "en")
    assert (name, "Service") in {(m.text, m.type) for m in ex.mentions}


@pytest.mark.parametrize("text, name", [
    ("某平台宣布,“邻里拼”社区团购服务将于下月起停止运营。", "邻里拼"),
    ("某平台将于6月1日起停止“晨光到家”生鲜配送。", "晨光到家"),
    ("The courier will withdraw its Weekend Drop\nservice from July.", "Weekend Drop"),
    ("The carrier said it will withdraw Evening Pickup Plus next month.", "Evening Pickup Plus"),
    ("The marketplace will discontinue Seller Spotlight from May 1.", "Seller Spotlight"),
])
def test_services_after_stop_verbs(finder: NamesExtractor, text: str, name: str) -> None:
    assert "Service" in _names(finder, text).get(name, set())


@pytest.mark.parametrize("text, name", [
    ("4月1日,云闪付与广州某跨境支付有限公司签署战略合作协议。", "云闪付"),
    ("钱包App携手本地银行达成合作,共同推出分期服务。", "钱包App"),
    ("Shop Pay partners with Harbor Outfitters on instalments.", "Shop Pay"),
])
def test_services_that_sign_agreements_act_as_platforms(text: str, name: str) -> None:
    from kg.extract.mentions.services import partner_services

    [m] = partner_services(text, [_service(text, name)])
    assert m.type == "Platform" and "Service" in m.extra_types and m.key == "some-service"


@pytest.mark.parametrize("text, name", [
    ("云闪付与银联卡的绑定流程将于下月简化。", "云闪付"),
    ("用户可在钱包App和网页端查看账单,合作商户另行通知。", "钱包App"),
    ("Shop Pay will add instalments next month.", "Shop Pay"),
])
def test_services_without_agreements_stay_services(text: str, name: str) -> None:
    from kg.extract.mentions.services import partner_services

    [m] = partner_services(text, [_service(text, name)])
    assert m.type == "Service"
