"""Relations of names5: launching a service on a platform, service anaphors, 系…title, local officials,
titled founders, and a short form of a longer name in the same document."""
from __future__ import annotations

import pytest

from kg.extract.mentions.repeats import long_forms
from kg.model import Mention
from tests.test_relations import make, triples

LAUNCH = [
    ("zh", "顺丰今日宣布，在拼多多（Temu）平台推出“跨境直发”服务，面向全部商家开放。",
     {"顺丰": "Company", "拼多多": "Platform", "跨境直发": "Service"}, "顺丰", "拼多多", "跨境直发"),
    ("zh", "京东物流在抖音上线“极速达”，首批覆盖十城。",
     {"京东物流": "Company", "抖音": "Platform", "极速达": "Service"}, "京东物流", "抖音", "极速达"),
    ("en", "Paylane has launched QuickPay, a checkout option for shoppers on the eBay marketplace.",
     {"Paylane": "Company", "QuickPay": "Service", "eBay": "Platform"}, "Paylane", "eBay", "QuickPay"),
    ("en", "Northbank unveils CardSafe insurance cover on Etsy.",
     {"Northbank": "Company", "CardSafe": "Service", "Etsy": "Platform"}, "Northbank", "Etsy", "CardSafe"),
]


@pytest.mark.parametrize(("lang", "text", "names", "org", "platform", "service"),
                         [(c[0], c[1], c[2], c[3], c[4], c[5]) for c in LAUNCH])
def test_launch_on_platform(lang: str, text: str, names: dict[str, str], org: str, platform: str, service: str) -> None:
    got = triples(make(text, lang, names))
    assert (service, "operatedBy", org) in got
    assert (service, "offeredOn", platform) in got


def test_launch_without_platform_gives_no_relation() -> None:
    got = triples(make("Paylane has launched QuickPay for its own customers.", "en",
                       {"Paylane": "Company", "QuickPay": "Service"}))
    assert not any(p == "offeredOn" for _, p, _ in got)


@pytest.mark.parametrize(("lang", "text", "names", "expected"), [
    ("zh", "“云仓宝”正式开放。该服务由中通提供，按件收费。", {"云仓宝": "Service", "中通": "Company"},
     ("云仓宝", "operatedBy", "中通")),
    ("en", "ShipNow opens next week. The service is operated by Parcelhub, which handles returns.",
     {"ShipNow": "Service", "Parcelhub": "Company"}, ("ShipNow", "operatedBy", "Parcelhub")),
])
def test_service_anaphor(lang: str, text: str, names: dict[str, str], expected: tuple[str, str, str]) -> None:
    assert expected in triples(make(text, lang, names))


@pytest.mark.parametrize(("text", "names", "expected"), [
    ("据悉，王小丫系上海明珠网络科技有限公司签约主播。", {"王小丫": "Person", "上海明珠网络科技有限公司": "Company"},
     {("王小丫", "affiliatedWith", "上海明珠网络科技有限公司"), ("王小丫", "role", "签约主播")}),
    ("陈立是北京优品公司副总裁。", {"陈立": "Person", "北京优品公司": "Company"},
     {("陈立", "affiliatedWith", "北京优品公司"), ("陈立", "role", "副总裁")}),
])
def test_copula_title(text: str, names: dict[str, str], expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(make(text, "zh", names))


@pytest.mark.parametrize(("text", "names", "person", "body"), [
    ("九江市委副书记、市长赵明，副市长钱芳出席会议。", {"赵明": "Person", "钱芳": "Person"}, "钱芳", "九江市人民政府"),
    ("会上，南山区副区长孙伟介绍了情况。", {"孙伟": "Person"}, "孙伟", "南山区人民政府"),
])
def test_local_official_belongs_to_the_place_government(text: str, names: dict[str, str], person: str, body: str) -> None:
    assert (person, "affiliatedWith", body) in triples(make(text, "zh", names))


def test_local_official_needs_the_place_next_to_the_title() -> None:
    got = triples(make("九江市与京东签约，京东副总裁钱芳出席，副市长孙伟致辞。", "zh",
                       {"钱芳": "Person", "孙伟": "Person", "京东": "Company"}))
    assert ("孙伟", "affiliatedWith", "九江市人民政府") not in got


@pytest.mark.parametrize(("text", "names", "expected"), [
    ("Shoplane was founded in 2019 by chief executive Ana Costa and chief technology officer Rui Lima.",
     {"Shoplane": "Company", "Ana Costa": "Person", "Rui Lima": "Person"},
     {("Ana Costa", "affiliatedWith", "Shoplane"), ("Ana Costa", "role", "chief executive"),
      ("Rui Lima", "affiliatedWith", "Shoplane"), ("Rui Lima", "role", "chief technology officer")}),
    ("Cartwise was co-founded by its CEO Mia Berg.", {"Cartwise": "Company", "Mia Berg": "Person"},
     {("Mia Berg", "affiliatedWith", "Cartwise")}),
])
def test_titled_founders(text: str, names: dict[str, str], expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(make(text, "en", names))


@pytest.mark.parametrize(("names", "short", "expected"), [
    ([("Finmo Payments", "Company"), ("Finmo", "Company")], "Finmo", "Finmo Payments"),
    ([("Orbit Labs", "Company"), ("Orbit Capital", "Company"), ("Orbit", "Company")], "Orbit", "Orbit"),  # ambiguous
    ([("Parcelo Plus", "Service"), ("Parcelo", "Company")], "Parcelo", "Parcelo"),  # a service is not a longer org name
])
def test_short_form_of_a_longer_name(names: list[tuple[str, str]], short: str, expected: str) -> None:
    ms = [Mention(n, i * 20, i * 20 + len(n), t) for i, (n, t) in enumerate(names)]
    out = long_forms(ms)
    assert next(m for m in out if m.start == ms[-1].start).text == expected


@pytest.mark.parametrize(("name", "title"), [
    ("Retail Correspondent", True), ("Senior Reporter", True), ("记者", True),
    ("Carla Benton", False), ("Jonah Head", False), ("赵一鸣", False),
])
def test_job_title_is_no_person(name: str, title: bool) -> None:
    from kg.resolve.entities import is_job_title

    assert is_job_title(name) is title
