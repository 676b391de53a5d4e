"""Relations: operatedBy, subsidiaryOf, offeredOn, affiliatedWith and role, zh and en."""
from __future__ import annotations

import pytest

from kg.extract.relations import RelationExtractor
from kg.model import Document, Extraction, Mention

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


def test_relations_wrong_types_do_not_match() -> None:
    ex = make("Amazon's Jeff Bezos spoke.", "en", {"Amazon": "Company", "Jeff Bezos": "Person"})
    assert not [r for r in ex.relations if r.predicate == "operatedBy"]
