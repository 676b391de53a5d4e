"""Relations: operatedBy, subsidiaryOf, offeredOn, affiliatedWith and role, zh and en; services
launched on a platform, service anaphors, titles after 系, local officials, titled founders, short forms."""
from __future__ import annotations

import pytest

from kg.extract.mentions.repeats import long_forms
from kg.extract.relations.extractor import RelationExtractor, _fits, _fits_first, load_rules
from kg.model import ENTITY_TYPES, Document, Extraction, Mention

EXTRACTOR = RelationExtractor()


def make(text: str, lang: str, names: dict[str, str], keys: dict[str, str] | None = None) -> Extraction:
    doc = Document(key="r#1", source_path="r", position="", text=text, lang=lang)
    ex = Extraction(document=doc)
    for name, typ in names.items():
        i = text.index(name)
        ex.mentions.append(Mention(name, i, i + len(name), typ, key=(keys or {}).get(name)))
    EXTRACTOR(ex)
    return ex


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.text, r.predicate, r.object.text if r.object else r.literal or "") for r in ex.relations}


CASES = [
    ("zh-service-provider", "小蜜1688版服务提供者阿里巴巴丝路有限公司将退还款项。", "zh",
     {"小蜜1688版": "Service", "阿里巴巴丝路有限公司": "Company"}, ("小蜜1688版", "operatedBy", "阿里巴巴丝路有限公司")),
    ("zh-org-then-platform", "阿里巴巴1688今日发布通知。", "zh", {"阿里巴巴": "Company", "1688": "Platform"},
     ("1688", "operatedBy", "阿里巴巴")),
    ("zh-platform-parenthesised-org", "用户可登录1688(阿里巴巴)查看。", "zh", {"1688": "Platform", "阿里巴巴": "Company"},
     ("1688", "operatedBy", "阿里巴巴")),
    ("zh-qixia-platform", "阿里巴巴旗下的淘宝推出新功能。", "zh", {"阿里巴巴": "Company", "淘宝": "Platform"},
     ("淘宝", "operatedBy", "阿里巴巴")),
    ("zh-qixia-company", "京东集团旗下京东物流发布财报。", "zh", {"京东集团": "Company", "京东物流": "Company"},
     ("京东物流", "subsidiaryOf", "京东集团")),
    ("zh-zigongsi", "中国海外人才服务有限公司是国药集团的子公司。", "zh",
     {"中国海外人才服务有限公司": "Company", "国药集团": "Company"}, ("中国海外人才服务有限公司", "subsidiaryOf", "国药集团")),
    ("en-operated-by", "Lazada, operated by Alibaba, grew fast.", "en", {"Lazada": "Platform", "Alibaba": "Company"},
     ("Lazada", "operatedBy", "Alibaba")),
    ("en-subsidiary-of", "China Overseas Personnel Services, a subsidiary of Sinopharm Group, signed.", "en",
     {"China Overseas Personnel Services": "Company", "Sinopharm Group": "Company"},
     ("China Overseas Personnel Services", "subsidiaryOf", "Sinopharm Group")),
    ("en-possessive-platform", "Alibaba's Tmall will cut fees.", "en", {"Alibaba": "Company", "Tmall": "Platform"},
     ("Tmall", "operatedBy", "Alibaba")),
    ("zh-platform-before-service", "1688PLUS会员将上线。", "zh", {"1688": "Platform", "PLUS会员": "Service"},
     ("PLUS会员", "offeredOn", "1688")),
    ("zh-title-person", "阿里巴巴集团副总裁汪海表示,销售额超过7000亿。", "zh", {"阿里巴巴集团": "Company", "汪海": "Person"},
     ("汪海", "affiliatedWith", "阿里巴巴集团")),
    ("zh-title-literal", "阿里巴巴集团副总裁汪海表示,销售额超过7000亿。", "zh", {"阿里巴巴集团": "Company", "汪海": "Person"},
     ("汪海", "role", "副总裁")),
    ("zh-two-titles", "阿里巴巴副总裁、1688总裁汪海表示。", "zh", {"阿里巴巴": "Company", "1688": "Platform", "汪海": "Person"},
     ("汪海", "role", "总裁")),
    ("en-org-title-person", "Alibaba Vice President Wang Hai said sales grew.", "en",
     {"Alibaba": "Company", "Wang Hai": "Person"}, ("Wang Hai", "affiliatedWith", "Alibaba")),
    ("en-person-title-of-org", "Wang Xin, president of the Shenzhen Cross-Border E-Commerce Association, said so.", "en",
     {"Wang Xin": "Person"}, ("Wang Xin", "affiliatedWith", "Shenzhen Cross-Border E-Commerce Association")),
    ("zh-platform-launches-quoted-service", "抖音电商宣布上线“直播小助理”功能。", "zh",
     {"抖音电商": "Platform", "直播小助理": "Service"}, ("直播小助理", "offeredOn", "抖音电商")),
    ("zh-platform-introduces-quoted-service", "快手电商推出“好物速递”服务。", "zh",
     {"快手电商": "Platform", "好物速递": "Service"}, ("好物速递", "offeredOn", "快手电商")),
    ("en-subsidiary-place-word", "Hemma UK Ltd, a subsidiary of the Oslo-based Nordvik Home AS, closed stores.", "en",
     {"Hemma UK Ltd": "Company", "Nordvik Home AS": "Company"}, ("Hemma UK Ltd", "subsidiaryOf", "Nordvik Home AS")),
    ("en-offered-on-the", "Mercato Rapido, a same-day delivery option offered on the Mercato marketplace, starts soon.",
     "en", {"Mercato Rapido": "Service", "Mercato": "Platform"}, ("Mercato Rapido", "offeredOn", "Mercato")),
    ("en-title-maps-to-office", "On March 1, Minister of Commerce Wang Wentao said it.", "en", {"Wang Wentao": "Person"},
     ("Wang Wentao", "role", "Minister of Commerce")),
]


@pytest.mark.parametrize("text,lang,names,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_relations_patterns(text: str, lang: str, names: dict[str, str], expected: tuple[str, str, str]) -> None:
    assert expected in triples(make(text, lang, names))


def test_relations_title_office_object_is_keyed() -> None:
    ex = make("On March 1, Minister of Commerce Wang Wentao said it.", "en", {"Wang Wentao": "Person"})
    objs = [r.object for r in ex.relations if r.predicate == "affiliatedWith"]
    assert objs and objs[0].key == "mofcom" and objs[0].type == "GovernmentBody"


def test_relations_service_names_its_platform() -> None:
    ex = make("店小蜜1688版将停止服务。", "zh", {"店小蜜1688版": "Service"})
    assert ("店小蜜1688版", "offeredOn", "1688") in triples(ex)


def test_relations_no_pair_across_sentences() -> None:
    ex = make("阿里巴巴发布公告。1688将调整规则。", "zh", {"阿里巴巴": "Company", "1688": "Platform"})
    assert not [r for r in ex.relations if r.predicate == "operatedBy"]


def test_relations_pairs_around_a_stop_and_a_person() -> None:
    # a stop ends the pairs of the mentions before it, not those after it; a person (whose types lead
    # no pattern) between two pairs hides neither
    ex = make("阿里巴巴旗下的淘宝推出新功能。汪海说，京东集团旗下京东物流发布财报。", "zh",
              {"阿里巴巴": "Company", "淘宝": "Platform", "汪海": "Person", "京东集团": "Company", "京东物流": "Company"})
    found = triples(ex)
    assert {("淘宝", "operatedBy", "阿里巴巴"), ("京东物流", "subsidiaryOf", "京东集团")} <= found
    assert not {t for t in found if "淘宝" in t and "京东集团" in t}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_relations_leading_types_agree_with_pair_types(lang: str) -> None:
    # pair_relations skips a mention whose types fill no pattern's first slot: that must be exactly
    # when no pair it leads fits a pattern
    for p in load_rules().patterns[lang]:
        for first in ENTITY_TYPES:
            fits_some_pair = any(_fits(p, frozenset({first}), frozenset({second})) for second in ENTITY_TYPES)
            assert _fits_first(p, frozenset({first})) == fits_some_pair, (p.source, first)


def test_relations_wrong_types_do_not_match() -> None:
    ex = make("Amazon's Jeff Bezos spoke.", "en", {"Amazon": "Company", "Jeff Bezos": "Person"})
    assert not [r for r in ex.relations if r.predicate == "operatedBy"]


AFFILIATION_CASES = [
    ("zh-org-repeated-before-title", "云峰物流集团发布公告。云峰物流首席执行官周立新表示，收购将提升能力。", "zh",
     {"云峰物流集团": "Company", "周立新": "Person"}, {("周立新", "role", "首席执行官")}),
    ("zh-chained-titles", "星耀传媒创始人兼首席执行官陈思远表示，资金将用于建设。", "zh",
     {"星耀传媒": "Company", "陈思远": "Person"},
     {("陈思远", "affiliatedWith", "星耀传媒"), ("陈思远", "role", "创始人兼首席执行官")}),
    ("zh-two-people-two-orgs", "甲公司副总裁赵婷与乙快运总裁吴海涛出席仪式。", "zh",
     {"甲公司": "Company", "乙快运": "Company", "赵婷": "Person", "吴海涛": "Person"},
     {("赵婷", "affiliatedWith", "甲公司"), ("赵婷", "role", "副总裁"), ("吴海涛", "affiliatedWith", "乙快运"),
      ("吴海涛", "role", "总裁")}),
    ("zh-department-of-regulator", "市场监管总局网络交易监督管理司司长孙红表示，将加强监管。", "zh",
     {"市场监管总局": "GovernmentBody", "孙红": "Person"},
     {("孙红", "affiliatedWith", "市场监管总局"), ("孙红", "role", "司长")}),
    ("zh-company-means-main-org", "鲜丰汇今日上市。鲜丰汇营收增长。公司董事长林晓峰表示满意。", "zh",
     {"鲜丰汇": "Company", "林晓峰": "Person"}, {("林晓峰", "affiliatedWith", "鲜丰汇"), ("林晓峰", "role", "董事长")}),
    ("zh-traditional-title", "公平會副主任委員陳志明表示，將持續監督。", "zh",
     {"公平會": "GovernmentBody", "陳志明": "Person"},
     {("陳志明", "affiliatedWith", "公平會"), ("陳志明", "role", "副主任委員")}),
    ("en-apposition-unknown-org", "Maria Lopez, chief executive of Northwind Retail, said the deal was good.", "en",
     {"Maria Lopez": "Person"},
     {("Maria Lopez", "affiliatedWith", "Northwind Retail"), ("Maria Lopez", "role", "chief executive")}),
    ("en-title-for-unit-at-org", "Jonathan Reed, executive director for consumer protection at the CMA, said so.", "en",
     {"Jonathan Reed": "Person", "CMA": "GovernmentBody"},
     {("Jonathan Reed", "affiliatedWith", "CMA"), ("Jonathan Reed", "role", "executive director for consumer protection")}),
    ("en-title-of-function-at-org", "Daniel Cho, vice president of operations at Swiftline Express, said it works.", "en",
     {"Daniel Cho": "Person", "Swiftline Express": "Company"},
     {("Daniel Cho", "affiliatedWith", "Swiftline Express"), ("Daniel Cho", "role", "vice president of operations")}),
    ("en-after-said", "\"It works,\" said Daniel Brooks, chief financial officer of ShopNest. Shares rose.", "en",
     {"Daniel Brooks": "Person"}, {("Daniel Brooks", "affiliatedWith", "ShopNest")}),
]


@pytest.mark.parametrize("text,lang,names,expected", [c[1:] for c in AFFILIATION_CASES],
                         ids=[c[0] for c in AFFILIATION_CASES])
def test_relations_affiliations(text: str, lang: str, names: dict[str, str], expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(make(text, lang, names))


@pytest.mark.parametrize("text,lang,names,absent", [
    ("Li Wei, head of China at the bank, said so.", "en", {"Li Wei": "Person"}, "China"),
    ("甲公司在港交所挂牌。公司董事长王明表示满意。", "zh",
     {"港交所": "Company", "王明": "Person"}, "港交所"),
], ids=["en-place-is-not-org", "zh-exchange-is-not-main-org"])
def test_relations_affiliation_not_to(text: str, lang: str, names: dict[str, str], absent: str) -> None:
    assert not [t for t in triples(make(text, lang, names)) if t[1] == "affiliatedWith" and t[2] == absent]


def test_relations_operates_after_an_apposition() -> None:
    text = "Lumora Europe B.V., a subsidiary of Dublin-based Lumora Holdings Ltd., operates the Lumora marketplace."
    doc = Document(key="r#1", source_path="r", position="", text=text, lang="en")
    ex = Extraction(document=doc)
    for name, typ in (("Lumora Europe B.V.", "Company"), ("Lumora Holdings Ltd.", "Company")):
        ex.mentions.append(Mention(name, text.index(name), text.index(name) + len(name), typ))
    at = text.rindex("Lumora")
    ex.mentions.append(Mention("Lumora", at, at + 6, "Platform"))
    EXTRACTOR(ex)
    assert ("Lumora", "operatedBy", "Lumora Europe B.V.") in triples(ex)
    assert ("Lumora Europe B.V.", "subsidiaryOf", "Lumora Holdings Ltd.") in triples(ex)


def test_relations_dateline_credit_is_not_the_owner() -> None:
    from kg.extract import Pipeline

    text = "【电商报讯】9月2日，北京青物科技有限公司发布公告称，旗下二手平台“青物优品”小程序将停止运营。"
    doc = Document(key="k", source_path="x", position="", text=text, lang="zh")
    ex = Pipeline(["gazetteer", "names", "repeats", "relations"])(doc)
    owners = {r.object.text for r in ex.relations if r.predicate == "operatedBy" and r.subject.text == "青物优品"}
    assert owners == {"北京青物科技有限公司"}


@pytest.mark.parametrize("text", [
    "社交电商平台“青禾优选”的运营方青禾集团昨日发布财报。",
    "社交电商平台「青禾优选」的运营方青禾集团昨日发布财报。",
], ids=["curly-quotes", "corner-brackets"])
def test_relations_quotes_around_a_name_are_not_between(text: str) -> None:
    from kg.extract import Pipeline

    doc = Document(key="k", source_path="x", position="", text=text, lang="zh")
    ex = Pipeline(["gazetteer", "names", "repeats", "relations"])(doc)
    assert ("青禾优选", "operatedBy", "青禾集团") in {(r.subject.text, r.predicate, r.object.text) for r in ex.relations}


# --- launching a service on a platform, service anaphors, 系…title, local officials, titled founders, short forms ---

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
