"""Rules of the names8 round: verb phrases before weak suffixes, descriptor edges, stop-verb services."""
from __future__ import annotations

import pytest

from kg.extract.mentions.names import NamesExtractor


@pytest.fixture(scope="module")
def finder() -> NamesExtractor:
    return NamesExtractor()


def _names(finder: NamesExtractor, text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in finder.candidates(text):
        out.setdefault(text[c.start : c.end], set()).add(c.type)
    return out


@pytest.mark.parametrize("text, junk", [
    ("多家快递公司正通过收购扩张干线网络。", "扩张干线网络"),
    ("该公司计划在珠三角地区加密社区仓网络。", "加密社区仓网络"),
    ("品牌方将在华南布局冷链物流。", "布局冷链物流"),
    ("一家AI零售SaaS服务商宣布完成融资。", "AI零售"),
    ("业内人士认为,平台仍需加强审核。", "仍需"),
    ("海外仓新增两个站点。(跨境卖家之家快讯)", "之家快讯"),
    ("去年服务商家超过500家。", "家超过"),
])
def test_no_junk_names(finder: NamesExtractor, text: str, junk: str) -> None:
    assert junk not in _names(finder, text)


@pytest.mark.parametrize("text, name", [
    ("直播电商服务商星耀传媒近日完成融资。", "星耀传媒"),
    ("据悉,闪达网络将于下月上线新系统。", "闪达网络"),
])
def test_weak_suffix_names_still_found(finder: NamesExtractor, text: str, name: str) -> None:
    assert name in _names(finder, text)


@pytest.mark.parametrize("text, name", [
    ("某平台宣布,“邻里拼”社区团购服务将于下月起停止运营。", "邻里拼"),
    ("某平台将于6月1日起停止“晨光到家”生鲜配送。", "晨光到家"),
    ("The courier will withdraw its Weekend Drop\nservice from July.", "Weekend Drop"),
    ("The carrier said it will withdraw Evening Pickup Plus next month.", "Evening Pickup Plus"),
    ("The marketplace will discontinue Seller Spotlight from May 1.", "Seller Spotlight"),
])
def test_services_after_stop_verbs(finder: NamesExtractor, text: str, name: str) -> None:
    assert "Service" in _names(finder, text).get(name, set())


@pytest.mark.parametrize("text", [
    "Shops closed Monday and reopened on Tuesday.",
    "The store will withdraw from the market.",
])
def test_stop_verbs_without_names(finder: NamesExtractor, text: str) -> None:
    assert not any("Service" in t for t in _names(finder, text).values())
