"""Rules of the names9 round: "&" names, name particles, plural subjects, chief-officer titles."""
from __future__ import annotations

import pytest

from kg.extract.mentions.names import NamesExtractor
from tests.names_helpers import found_types


@pytest.fixture(scope="module")
def finder() -> NamesExtractor:
    return NamesExtractor()


@pytest.mark.parametrize("text, name, part", [
    ("The retailer has bought Crate & Barrow, a Leeds-based packaging company, for £4 million.", "Crate & Barrow", "Barrow"),
    ("Brightside has acquired Stone & Vale, the online furniture marketplace, this week.", "Stone & Vale", "Vale"),
])
def test_ampersand_names_stay_whole(finder: NamesExtractor, text: str, name: str, part: str) -> None:
    found = found_types(finder, text)
    assert name in found
    assert part not in found


@pytest.mark.parametrize("text, name, part", [
    ("Kestrel chief executive Maarten van Loon said sales had doubled.", "Maarten van Loon", "Loon"),
    ("Operations director Lucia de la Vega said the warehouse opens in May.", "Lucia de la Vega", "Vega"),
    ("Hendrik von Stade, president of the trade group, said members were worried.", "Hendrik von Stade", "Stade"),
])
def test_name_particles_inside_person_names(finder: NamesExtractor, text: str, name: str, part: str) -> None:
    found = found_types(finder, text)
    assert found.get(name) == "Person"
    assert part not in found


@pytest.mark.parametrize("text, word", [
    ("Analysts said the fine would dent margins.", "Analysts"),
    ("Lawyers said the ruling could be appealed.", "Lawyers"),
    ("Shoppers said delivery times had slipped.", "Shoppers"),
])
def test_plural_common_nouns_are_no_subject_names(finder: NamesExtractor, text: str, word: str) -> None:
    assert word not in found_types(finder, text)


@pytest.mark.parametrize("text, name", [
    ("Harbor Goods chief digital officer Elena Park said the app was rebuilt.", "Elena Park"),
    ("Its chief marketing officer Tom Reyes said the campaign starts in June.", "Tom Reyes"),
])
def test_chief_officer_titles_announce_persons(finder: NamesExtractor, text: str, name: str) -> None:
    assert found_types(finder, text).get(name) == "Person"


def test_subject_names_still_found(finder: NamesExtractor) -> None:
    assert found_types(finder, "Vendora said it would expand to Spain.").get("Vendora") == "Company"


@pytest.mark.parametrize("text, name", [
    ("福建省互联网信息办公室近日约谈某外卖平台。", "福建省互联网信息办公室"),
    ("成都市互聯網信息辦公室發布通報。", "成都市互聯網信息辦公室"),
])
def test_cyberspace_office_suffix(finder: NamesExtractor, text: str, name: str) -> None:
    assert found_types(finder, text).get(name) == "GovernmentBody"


@pytest.mark.parametrize("text, name", [
    ("3月2日,外贸B2B平台易趣网日前调整佣金。", "易趣网"),
    ("图书电商平台当当网正式推出新频道。", "当当网"),
])
def test_site_names_after_platform_descriptor(finder: NamesExtractor, text: str, name: str) -> None:
    assert found_types(finder, text).get(name) == "Platform"


@pytest.mark.parametrize("text, name", [
    ("同日,二手交易平台转转宣布上线验机服务。", "转转"),
    ("本地生活平台口碑表示,将扩大补贴。", "口碑"),
])
def test_dictionary_word_before_announcing_verb(finder: NamesExtractor, text: str, name: str) -> None:
    assert found_types(finder, text).get(name) == "Platform"


@pytest.mark.parametrize("text, name, longer", [
    ("二手交易平台鲸选集团宣布完成融资。", "鲸选集团", "二手交易平台鲸选集团"),
    ("跨境B2B平台优贸科技有限公司发布年报。", "优贸科技有限公司", "跨境B2B平台优贸科技有限公司"),
])
def test_descriptor_words_end_names_on_the_left(finder: NamesExtractor, text: str, name: str, longer: str) -> None:
    found = {text[c.start : c.end] for c in finder.candidates(text)}
    assert name in found
    assert longer not in found


@pytest.mark.parametrize("text, junk", [
    ("电商平台选品完成后才能上架。", "选品"),
    ("该平台互联网流量增长。", "互联网"),
])
def test_ordinary_words_after_descriptor_stay_out(finder: NamesExtractor, text: str, junk: str) -> None:
    assert junk not in found_types(finder, text)


def _service(text: str, name: str):
    from kg.model import Mention

    a = text.index(name)
    return Mention(name, a, a + len(name), "Service", key="some-service")


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


def test_resolver_keeps_service_and_platform_types() -> None:
    from collections import Counter

    from kg.resolve.entities import _lexicon_types, _settle_types

    assert _settle_types(Counter({"Service": 3, "Platform": 1})) == {"Service", "Platform"}
    assert _settle_types(Counter({"Service": 3, "Company": 1})) == {"Service"}
    assert _lexicon_types(("Service",), Counter({"Service": 2, "Platform": 1})) == {"Service", "Platform"}
    assert _lexicon_types(("Service",), Counter({"Service": 2})) == {"Service"}


@pytest.mark.parametrize("text, name", [
    ("5月9日,某生鲜平台与江西赣果农业发展有限公司签署合作协议。", "江西赣果农业发展有限公司"),
    ("杭州云築建设有限公司中标该项目。", "杭州云築建设有限公司"),
])
def test_development_words_before_legal_forms(finder: NamesExtractor, text: str, name: str) -> None:
    assert found_types(finder, text).get(name) == "Company"
