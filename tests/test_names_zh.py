"""Chinese name rules: junk spans and weak suffixes, descriptors that end a name, bureau and office
suffixes, operators and channels, titled people and the story company, names before adverbs."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.extract.mentions.names import NamesExtractor
from tests.names_helpers import candidate_types as _names
from tests.names_helpers import found_pairs as _found
from tests.names_helpers import found_types
from tests.names_helpers import run_doc as _run
from tests.test_relations import make, triples


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def finder() -> NamesExtractor:
    return NamesExtractor()


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


@pytest.mark.parametrize(("text", "person"), [
    ("青禾物流创始人郑志远将继续担任公司董事长。", "郑志远"),
    ("青禾物流总经理韩立新还表示，明年将扩建仓库。", "韩立新"),
    ("青禾物流总裁李强将出席发布会。", "李强"),
])
def test_zh_name_before_adverb(pipeline: Pipeline, text: str, person: str) -> None:
    assert (person, "Person") in _found(pipeline, text, "zh")


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


@pytest.mark.parametrize("text, name", [
    ("5月9日,某生鲜平台与江西赣果农业发展有限公司签署合作协议。", "江西赣果农业发展有限公司"),
    ("杭州云築建设有限公司中标该项目。", "杭州云築建设有限公司"),
])
def test_development_words_before_legal_forms(finder: NamesExtractor, text: str, name: str) -> None:
    assert found_types(finder, text).get(name) == "Company"
