"""Chinese name rules added for announcements, funding news and Traditional reports (sentences written for the tests)."""
from __future__ import annotations

import pytest

from kg.extract.mentions.names import NamesExtractor
from kg.extract.mentions.persons import PersonFinder
from tests.names_helpers import found_types as _found


@pytest.mark.parametrize(("text", "name"), [
    ("云帆电商创始人王青已于上周辞去职务。", "王青"),
    ("公司副总裁李峰曾在京东任职。", "李峰"),
    ("原首席财务官（CFO）周蔓接任总裁一职。", "周蔓"),
    ("前首席技术官(CTO)孙立群出任公司顾问。", "孙立群"),
    ("总经理赵宁因个人原因离职。", "赵宁"),
], ids=["adverb-yi", "adverb-ceng", "title-abbrev-fullwidth", "title-abbrev-ascii", "after-yin"])
def test_zh_person_edges(text: str, name: str) -> None:
    found = {text[a:b] for a, b, *_ in PersonFinder().find(text)}
    assert name in found
    assert not any(f != name and f.startswith(name) for f in found)


@pytest.mark.parametrize(("text", "name", "typ"), [
    ("生鲜电商平台鲜多多正在经历一轮裁员。", "鲜多多", "Platform"),
], ids=["ends-at-word-boundary"])
def test_descriptor_name_ends_at_a_word(names: NamesExtractor, text: str, name: str, typ: str) -> None:
    assert _found(names, text).get(name) == typ


@pytest.mark.parametrize("text", [
    "部分平台收费行为不规范，商户反映较多。",
    "大陸電商業務連年虧損。",
    "平台活跃商家数近5万家。",
    "云帆电商于本月中旬发布公告。",
    "过去卖家选品靠经验，现在靠数据。",
    "快手电商发布公告称将调整规则。",
], ids=["inside-word", "descriptor-inside-word", "common-opening", "preposition", "clause", "verb"])
def test_descriptor_junk(names: NamesExtractor, text: str) -> None:
    found = _found(names, text)
    assert not [n for n, t in found.items() if t in ("Platform", "Company") and n not in ("云帆电商", "快手电商")], found


@pytest.mark.parametrize(("text", "name", "absent"), [
    ("公司拟收购星岚（杭州）网络科技有限公司30%股权。", "星岚（杭州）网络科技有限公司", "网络科技有限公司"),
    ("兹提述华信控股有限公司日期为2024年3月1日之公告。", "华信控股有限公司", "兹提述华信控股有限公司"),
    ("公司与配售代理天成证券有限公司订立配售协议。", "天成证券有限公司", "配售代理天成证券有限公司"),
    ("晨曦生技今日公告退出大陸市場。", "晨曦生技", None),
    ("业绩将并入本集团财务报表，成为公司控股子公司。", None, "并入本集团"),
], ids=["place-in-parens", "announcement-boilerplate", "deal-role", "weak-shengji", "generic-heads"])
def test_zh_suffix_edges(names: NamesExtractor, text: str, name: str | None, absent: str | None) -> None:
    found = _found(names, text)
    if name:
        assert name in found, found
    if absent:
        assert absent not in found and "公司控股" not in found, found


def test_short_form_of_a_discovered_name_is_that_name() -> None:
    from kg.extract.mentions.aliases import alias_mentions
    from kg.model import Mention

    text = "华信控股有限公司（「本公司」）宣布，本公司已完成收购。"  # a deictic short form
    long = Mention("华信控股有限公司", 0, 8, "Company")
    shorts = alias_mentions(text, [long])
    assert [(text[m.start:m.end], m.text) for m in shorts] == [("本公司", "华信控股有限公司")] * 2


@pytest.mark.parametrize(("text", "name"), [
    ("36氪获悉，SaaS服务商「云栖数科」完成2亿元A轮融资。", "云栖数科"),
    ("跨境物流企业「海帆」已于本周一宣布获得新一轮投资。", "海帆"),
], ids=["funding", "gap-before-verb"])
def test_bracketed_subject_is_a_company(names: NamesExtractor, text: str, name: str) -> None:
    assert _found(names, text).get(name) == "Company"


def test_bracketed_without_corporate_verb_is_nothing(names: NamesExtractor) -> None:
    assert "好评" not in _found(names, "买家给出「好评」之后可以返现。")


@pytest.mark.parametrize(("text", "absent"), [
    ("杭州星刷网络科技有限公司通过自行开发的“星刷”小程序招募刷手。", "星刷"),
], ids=["app-named-after-firm"])
def test_quoted_firm_head_is_no_service(names: NamesExtractor, text: str, absent: str) -> None:
    assert _found(names, text).get(absent) != "Service"


@pytest.mark.parametrize(("text", "short"), [
    ("本公司拟收购杭州云帆物流有限公司（以下简称“目标公司”）全部股权。目标公司主要从事仓储业务。", "目标公司"),
    ("星海科技股份有限公司（以下简称“发行人”）拟于科创板上市。发行人本次拟募资5亿元。", "发行人"),
], ids=["target-company", "issuer"])
def test_role_short_forms_carry_the_long_name(text: str, short: str) -> None:
    from kg.extract.mentions.aliases import alias_mentions
    from kg.extract.mentions.names import NamesExtractor

    new, _ = NamesExtractor().find(text, [])
    aliases = alias_mentions(text, new)
    assert aliases and all(m.text != short for m in aliases)


@pytest.mark.parametrize(("text", "name", "typ"), [
    ("社交电商平台“青禾优选”的运营方青禾集团昨日发布财报。", "青禾集团", "Company"),
    ("跨境电商SaaS服务商云岚科技控股有限公司今日在港交所上市。", "云岚科技控股有限公司", "Company"),
    ("8月1日晚间，岚途股份（301234.SZ）发布公告称。", "岚途股份", "Company"),
    ("据悉，禾川网络（2367.HK）股价上涨。", "禾川网络", "Company"),
    ("生鲜电商平台“鲜禾到家”的创始人接受了采访。", "鲜禾到家", "Platform"),
], ids=["role-noun-left", "descriptor-left", "stock-code-sz", "stock-code-hk", "quoted-after-descriptor"])
def test_zh_name_left_edges_and_stock_codes(names: NamesExtractor, text: str, name: str, typ: str) -> None:
    found = _found(names, text)
    assert found.get(name) == typ
    assert not any(f != name and f.endswith(name) for f in found)


@pytest.mark.parametrize("text", [
    "违反规定的，由网信、商务、市场监管等部门依据职责依法处理。",
    "由教育、卫生等部门联合开展检查。",
], ids=["fields-of-work", "fields-of-work-2"])
def test_zh_department_fields_are_no_bodies(names: NamesExtractor, text: str) -> None:
    assert not [n for n, t in _found(names, text).items() if t == "GovernmentBody"]


def test_zh_quoted_name_glued_to_an_app_word_is_left_to_services(names: NamesExtractor) -> None:
    assert _found(names, "旗下二手平台“青物优品”小程序将停止运营。").get("青物优品") != "Platform"


def test_a_list_of_short_forms_each_names_the_company() -> None:
    """（以下简称“X股份”、“发行人”或“公司”）: every quoted form stands for the long name; 公司 only on its
    own, never inside 子公司."""
    from kg.extract import Pipeline
    from kg.model import Document

    text = ("星澜重工股份有限公司（以下简称“星澜股份”、“发行人”或“公司”）首次公开发行股票的申请已获核准。"
            "公司表示，其子公司将于下月投产，星澜股份将在创业板上市。")
    ex = Pipeline(ner="off")(Document(key="d", source_path="d", position="", text=text, lang="zh"))
    found = {(m.start, m.text, m.alias_of) for m in ex.mentions if m.extractor == "names:alias"}
    assert (text.index("星澜股份"), "星澜股份", "星澜重工股份有限公司") in found
    assert (text.rindex("星澜股份"), "星澜股份", "星澜重工股份有限公司") in found
    assert (text.index("公司表示"), "星澜重工股份有限公司", None) in found  # the issuer, under its long name
    assert not any(start == text.index("子公司") + 1 for start, _, _ in found)


@pytest.mark.parametrize(("text", "brand"), [
    ("音乐版权公司青澜音（成都青澜音科技有限公司）已完成A轮融资。青澜音表示，资金将用于研发。", "青澜音"),
    ("BLUEWAVE（成都青澜音科技有限公司）已完成A轮融资。", "BLUEWAVE"),
], ids=["han-brand", "latin-brand"])
def test_a_brand_before_its_legal_name_in_parentheses_names_the_company(text: str, brand: str) -> None:
    from kg.extract import Pipeline
    from kg.model import Document

    ex = Pipeline(ner="off")(Document(key="d", source_path="d", position="", text=text, lang="zh"))
    brands = [m for m in ex.mentions if m.text == brand]
    assert brands and all(m.alias_of == "成都青澜音科技有限公司" for m in brands), ex.mentions
    assert len(brands) == text.count(brand) - ("青澜音" in brand)  # every place but inside the legal name


@pytest.mark.parametrize("text", [
    "据悉，公司（成都青澜音科技有限公司）已完成融资。",
    "It is run by Chengdu Qinglan Technology Co., Ltd. (成都青澜音科技有限公司) since 2019.",
], ids=["generic-word", "english-legal-form"])
def test_no_brand_from_a_generic_word_or_an_english_legal_form(text: str) -> None:
    from kg.extract import Pipeline
    from kg.model import Document

    ex = Pipeline(ner="off")(Document(key="d", source_path="d", position="", text=text, lang="zh"))
    assert not [m for m in ex.mentions if m.extractor == "names:brand"], ex.mentions
