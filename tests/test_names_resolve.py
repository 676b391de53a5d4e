"""Names as the resolver reads them: byline names, contracted bureau names, service and platform types kept apart."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(("byline", "expected"), [
    ("By Laura Bennett", "Laura Bennett"),
    ("3 March 2024", None),
    ("第二部分", None),
    ("主要内容", None),
    ("客服", None),
    ("周明轩", "周明轩"),
    ("Laura Bennett", "Laura Bennett"),
])
def test_byline_name(byline: str, expected: str | None) -> None:
    from kg.resolve.entities import byline_name

    assert byline_name(byline) == expected


@pytest.mark.parametrize(("long", "short"), [
    ("浙江省市场监督管理局", "浙江省市场监管局"),
    ("宁波市市场监督管理局", "宁波市市场监管局"),
])
def test_contracted_bureau_names_meet(long: str, short: str) -> None:
    from kg.resolve.keys import org_key

    assert org_key(long) == org_key(short)


def test_resolver_keeps_service_and_platform_types() -> None:
    from collections import Counter

    from kg.resolve.entities import _lexicon_types, _settle_types

    assert _settle_types(Counter({"Service": 3, "Platform": 1})) == {"Service", "Platform"}
    assert _settle_types(Counter({"Service": 3, "Company": 1})) == {"Service"}
    assert _lexicon_types(("Service",), Counter({"Service": 2, "Platform": 1})) == {"Service", "Platform"}
    assert _lexicon_types(("Service",), Counter({"Service": 2})) == {"Service"}


def test_the_market_regulator_bureau_under_its_three_spellings_is_one_key() -> None:
    """某市市场监督管理局, 某市市场监管局 and 某市监局 (the city's 市 merged into 市监局) name one bureau;
    a province's bureau stays apart from its capital's."""
    from kg.resolve.keys import org_key

    assert org_key("丽水市市场监督管理局") == org_key("丽水市市场监管局") == org_key("丽水市监局")
    assert org_key("余杭区市场监督管理局") == org_key("余杭区市监局")
    assert org_key("浙江省市场监督管理局") != org_key("杭州市市场监督管理局")
