"""Parties of Chinese events, by kind of error found on public news: the organisation that raised
a round when its investors are named in a later clause or inside the trigger, people punished
(fines fall on people too), and a fine added to a prison sentence (并处罚金). Sentences written here."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document, Extraction
from tests.test_events import make, only, run


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The rules alone (no statistical tagger): these tests check rules, not the tagger's spans."""
    return Pipeline(ner="off")


def extract(pipeline: Pipeline, text: str) -> Extraction:
    return pipeline(Document(key="d", source_path="d", position="", text=text, lang="zh"))


def roles(ex: Extraction, typ: str) -> tuple[set[str], set[str]]:
    """(actors, affected) of the events of one type."""
    events = [e for e in ex.events if e.type == typ]
    assert events, f"no {typ} event"
    return {m.text for e in events for m in e.actors}, {m.text for e in events for m in e.affects}


@pytest.mark.parametrize("text,investee,investors", [
    ("青梧数据完成3000万元A轮融资，由远帆资本领投，北辰创投跟投。", "青梧数据", {"远帆资本", "北辰创投"}),
    ("智能家居公司青梧数据宣布完成5000万元B轮融资，本轮由远帆资本领投。", "青梧数据", {"远帆资本"}),
], ids=["round-then-lead-and-follow", "descriptor-round-then-lead"])
def test_the_organisation_that_raised_a_round_is_affected_when_investors_follow(pipeline, text, investee,
                                                                                investors) -> None:
    actors, affects = roles(extract(pipeline, text), "Investment")
    assert investee in affects
    assert investors <= actors
    assert investee not in actors


def test_the_receiver_before_a_trigger_that_holds_the_investor_is_the_investee(pipeline) -> None:
    actors, affects = roles(extract(pipeline, "星澜科技有限公司获远帆资本投资。"), "Investment")
    assert "星澜科技有限公司" in affects
    assert "星澜科技有限公司" not in actors


@pytest.mark.parametrize("text,names,person", [
    ("歌手李明宇因违规演出被罚款5万元。", {"李明宇": "Person"}, "李明宇"),
    ("球员张伟因赛后冲突被足协罚款2万元。", {"张伟": "Person", "足协": "Organization"}, "张伟"),
], ids=["person-fined", "person-fined-by-body"])
def test_a_person_may_be_punished(text, names, person) -> None:
    e = only(run(make(text, "zh", names)), "Enforcement")
    assert person in {m.text for m in e.affects}
    assert person not in {m.text for m in e.actors}


@pytest.mark.parametrize("text,person", [
    ("顾建国因挪用资金罪被判处有期徒刑5年，并处罚款20万元。", "顾建国"),
    ("法院以诈骗罪判处被告人刘建华有期徒刑3年，并处罚金2万元。", "刘建华"),
    ("被告人刘建华被判处有期徒刑3年，并处罚金2万元。", "刘建华"),
], ids=["passive-sentence", "court-sentences", "defendant-is-no-passive"])
def test_a_fine_added_to_a_sentence_falls_on_the_person_sentenced(text, person) -> None:
    e = only(run(make(text, "zh", {person: "Person"})), "Enforcement")
    assert {m.text for m in e.affects} == {person}
    assert not e.actors


def test_an_added_fine_clause_names_no_party_of_its_own(pipeline) -> None:
    """"并处罚金" alone: 并处 is no name."""
    ex = extract(pipeline, "当日，并处罚金2万元。")
    assert "并处" not in {m.text for m in ex.mentions}


@pytest.mark.parametrize("text,outlet", [
    ("来源：云帆财经 云帆财经APP讯，星禾环境有限公司发布公告。公司近日中标一项垃圾处理项目。", "云帆财经"),
    ("青林汇4月21日丨星禾环境有限公司发布公告。公司近日中标一项垃圾处理项目。", "青林汇"),
    ("星禾环境有限公司发布公告。晨光报记者了解到，公司近日中标一项垃圾处理项目。", "晨光报"),
], ids=["credit-line-and-app-dateline", "dateline-with-bar", "outlet-reporter"])
def test_an_outlet_in_a_credit_line_or_dateline_is_no_party(text, outlet) -> None:
    e = only(run(make(text, "zh", {outlet: "Company", "星禾环境有限公司": "Company"})), "ContractAward")
    assert {m.text for m in e.actors} == {"星禾环境有限公司"}


@pytest.mark.parametrize("text", [
    "近期合计中标12亿元工程项目。",
    "由本公司牵头组成的联合体中标一条城市快速路建设工程。",
    "全资子公司连续中标两个项目。",
], ids=["adverb-total", "consortium", "unnamed-subsidiary"])
def test_adverbs_and_generic_nouns_are_no_subject(pipeline, text) -> None:
    ex = extract(pipeline, text)
    assert [e for e in ex.events if e.type == "ContractAward"]
    assert not {m.text for e in ex.events for m in e.actors} & {"合计", "联合体", "组成", "子公司", "全资子公司", "连续"}


@pytest.mark.parametrize("text,names", [
    ("证监会并购重组委昨日审核了星禾科技以发行股份购买资产的方案，方案未获通过。",
     {"星禾科技": "Company", "证监会": "GovernmentBody"}),
    ("证监会并购重组委今天召开会议，审议星禾科技购买资产的申请。",
     {"星禾科技": "Company", "证监会": "GovernmentBody"}),
], ids=["not-approved-by", "committee-meets"])
def test_a_body_that_reviews_a_deal_is_no_party_of_it(text, names) -> None:
    events = [e for e in run(make(text, "zh", names)).events if e.type == "Acquisition"]
    assert events
    assert all("证监会" not in {m.text for m in (*e.actors, *e.affects)} for e in events)


def test_a_review_committee_named_after_mergers_is_no_acquisition(pipeline) -> None:
    ex = extract(pipeline, "并购重组委在审核意见中要求公司补充说明标的估值。")
    assert not [e for e in ex.events if e.type == "Acquisition"]


@pytest.mark.parametrize("text", [
    "凡获得配售的网下投资者须在规定时间内缴款。",
    "本次公开发行未安排战略投资者参与配售。",
    "星禾科技昨日融资买入额为860万元，融资净偿还120万元。",
    "星禾集团拟为子公司13亿元融资提供担保。",
    "青林市天使投资协会上周宣告成立。",
], ids=["placement-investor", "strategic-investor-noun", "margin-trading", "loan-guarantee", "association-name"])
def test_nouns_built_on_investment_words_are_no_funding_round(pipeline, text) -> None:
    assert not [e for e in extract(pipeline, text).events if e.type == "Investment"]


def test_a_round_received_is_still_a_funding_round(pipeline) -> None:
    ex = extract(pipeline, "星澜科技有限公司获得远帆资本投资2000万元。")
    assert [e for e in ex.events if e.type == "Investment"]


@pytest.mark.parametrize("text,party", [
    ("近日，省消保委结合专项调查情况，对五家智能音箱品牌进行了集体约谈。", "五家智能音箱品牌"),
    ("曝光！杭州这9家高风险物流企业被约谈", "杭州这9家高风险物流企业"),
], ids=["object-after-dui", "counted-subject-of-passive"])
def test_an_unnamed_party_before_the_trigger_is_affected(pipeline, text, party) -> None:
    _, affects = roles(extract(pipeline, text), "Enforcement")
    assert party in affects


@pytest.mark.parametrize("text,person", [
    ("青林区法院以盗窃罪判处韩某有期徒刑两年，并处罚金一万元。", "韩某"),
    ("近日，青林区检察院以涉嫌盗窃罪，对曹某提起公诉。", "曹某"),
], ids=["fine-added-to-sentence", "prosecuted"])
def test_a_person_named_by_surname_only_is_the_party_punished(pipeline, text, person) -> None:
    _, affects = roles(extract(pipeline, text), "Enforcement")
    assert person in affects


def test_a_company_named_with_mou_is_no_person(pipeline) -> None:
    ex = extract(pipeline, "某某公司被罚款5万元。")
    assert not [m for m in ex.mentions if m.type == "Person"]


@pytest.mark.parametrize("text,names,board", [
    ("两家企业冲刺科创板IPO均告失败。", {"科创板": "Organization"}, "科创板"),
    ("今年以来已有30家企业在创业板上市。", {"创业板": "Organization"}, "创业板"),
], ids=["board-of-a-failed-ipo", "board-of-listings"])
def test_a_market_board_never_lists(text, names, board) -> None:
    events = [e for e in run(make(text, "zh", names)).events if e.type == "Listing"]
    assert board not in {m.text for e in events for m in (*e.actors, *e.affects)}


def test_a_sponsor_verb_is_no_subject(pipeline) -> None:
    ex = extract(pipeline, "8月17日，由青林证券保荐的星禾光电股份有限公司在科创板成功上市。")
    actors, _ = roles(ex, "Listing")
    assert actors == {"星禾光电股份有限公司"}


@pytest.mark.parametrize("text,people", [
    ("星禾股份董事会决定聘任沈嘉言为公司副总裁。", {"沈嘉言"}),
    ("董事会会议决定聘任刘建华为总裁，聘任侯明为财务总监。", {"刘建华", "侯明"}),
], ids=["name-before-wei", "two-appointed"])
def test_the_people_appointed_after_the_verb_are_affected(pipeline, text, people) -> None:
    _, affects = roles(extract(pipeline, text), "PersonnelChange")
    assert people <= affects


def test_a_board_is_no_person_after_a_title(pipeline) -> None:
    ex = extract(pipeline, "公司董事会同意聘任梁思远为公司副总经理。")
    assert "会同意" not in {m.text for m in ex.mentions}
    assert "董事会" not in {m.text for e in ex.events for m in e.actors}


@pytest.mark.parametrize("text,typ", [
    ("今年全省中稻收购达到38亿斤，比上年多出2亿斤。", "Acquisition"),
    ("粮库按最低收购价收购小麦20万吨。", "Acquisition"),
    ("星禾银行自2005年上市以来共回购过3次。", "Listing"),
    ("星禾集团将名下两栋写字楼挂牌出售。", "Listing"),
], ids=["grain-purchase", "grain-floor-price", "since-listing", "asset-put-up-for-sale"])
def test_purchases_of_goods_and_nouns_built_on_listing_are_no_deal(pipeline, text, typ) -> None:
    assert not [e for e in extract(pipeline, text).events if e.type == typ]


def test_a_deal_that_names_its_price_is_still_an_acquisition(pipeline) -> None:
    ex = extract(pipeline, "星禾科技拟收购蓝湾物流，本次收购预估金额约1.2亿元。")
    assert [e for e in ex.events if e.type == "Acquisition"]


@pytest.mark.parametrize("text,typ", [
    ("青林市拟出台个人破产条例，草案已提交审议。", "Bankruptcy"),
    ("欧洲航司破产潮仍在加剧。", "Bankruptcy"),
    ("星禾科技同意为子公司向银行申请融资事项承担连带担保责任。", "Investment"),
    ("星禾科技表示将重新制定融资计划。", "Investment"),
], ids=["personal-bankruptcy-rules", "wave-of-bankruptcies", "guarantee-for-a-loan", "funding-plan"])
def test_topic_nouns_are_no_bankruptcy_or_round(pipeline, text, typ) -> None:
    assert not [e for e in extract(pipeline, text).events if e.type == typ]


@pytest.mark.parametrize("text,names,issuer", [
    ("星禾科技近日发布公告。公司变压器产品今年中标青林电网多个项目。",
     {"星禾科技": "Company", "青林电网": "Company"}, "青林电网"),
    ("星禾科技公告，公司近日收到青林石化有限公司签发的中标通知书。",
     {"星禾科技": "Company", "青林石化有限公司": "Company"}, "青林石化有限公司"),
], ids=["issuer-after-trigger", "issuer-sends-the-notice"])
def test_the_issuer_of_a_tender_never_wins_it(text, names, issuer) -> None:
    events = [e for e in run(make(text, "zh", names)).events if e.type == "ContractAward"]
    assert events
    assert all(issuer not in {m.text for m in e.actors} for e in events)
    assert any("星禾科技" in {m.text for m in e.actors} for e in events)


@pytest.mark.parametrize("text,investee", [
    ("远帆资本领投青弦数据2亿元融资。", "青弦数据"),
    ("远帆资本领投青弦数据的B轮融资，北辰创投跟投。", "青弦数据"),
], ids=["amount-after-name", "round-after-de"])
def test_the_organisation_after_the_lead_investor_word_raised_the_round(pipeline, text, investee) -> None:
    actors, affects = roles(extract(pipeline, text), "Investment")
    assert investee in affects
    assert "远帆资本" in actors


def test_a_recall_is_done_by_the_subject_of_its_own_clause(pipeline) -> None:
    text = "一周要闻：新能源购置税政策调整落地，蓝湾汽车召回超4千辆电动车。"
    ex = run(make(text, "zh", {"新能源": "Company"}))
    actors, _ = roles(ex, "Recall")
    assert "新能源" not in actors
    assert "蓝湾汽车" in actors


def test_a_case_word_is_no_subject(pipeline) -> None:
    ex = extract(pipeline, "涉案的三家公司均被处以罚款。")
    assert "涉案" not in {m.text for m in ex.mentions}


@pytest.mark.parametrize("text", [
    "预估收购对价约为5000万元。",
    "用于收购一家物流公司。",
    "达成收购协议后股价上涨。",
], ids=["estimate", "used-for", "reached"])
def test_verbs_before_an_acquisition_are_no_subject(pipeline, text) -> None:
    ex = extract(pipeline, text)
    assert not {m.text for e in ex.events for m in e.actors} & {"预估", "用于", "达成"}


def test_the_people_responsible_summoned_are_affected(pipeline) -> None:
    _, affects = roles(extract(pipeline, "青林县约谈辖区冷库企业安全生产责任人和管理人"), "Enforcement")
    assert "辖区冷库企业安全生产责任人和管理人" in affects
