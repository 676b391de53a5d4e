"""Events in Chinese financial news: kinds of error found on real announcements and reports.

Hired advisers are no parties of a deal; negated or denied plans and descriptions of a board are
no events; a name does not swallow the adverb or verb after it; legal names of funds and
partnerships are kept whole; actors joined by 会同/联合 act together. Sentences written here."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document, Extraction


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The rules alone (no statistical tagger): these tests check rules, not the tagger's spans."""
    return Pipeline(ner="off")


def extract(pipeline: Pipeline, text: str) -> Extraction:
    return pipeline(Document(key="d", source_path="d", position="", text=text, lang="zh"))


def parties(ex: Extraction, typ: str) -> set[str]:
    return {m.text for e in ex.events if e.type == typ for m in (*e.actors, *e.affects, *e.participants)}


def test_hired_advisers_are_no_parties_of_an_acquisition(pipeline) -> None:
    ex = extract(pipeline, "星禾科技有限公司发布公告称，公司已聘请北辰证券有限责任公司作为此次收购的财务顾问。")
    assert parties(ex, "Acquisition") == {"星禾科技有限公司"}
    assert "北辰证券有限责任公司" in {m.text for m in ex.mentions}  # the hire verb is no part of the name


@pytest.mark.parametrize("text,typ,adviser", [
    ("云帆电子股份有限公司的保荐机构为东岳证券股份有限公司，后者本年已完成8单IPO。", "Listing", "东岳证券股份有限公司"),
    ("南湖证券有限公司担任本次收购的独立财务顾问。", "Acquisition", "南湖证券有限公司"),
    ("据悉，此次收购由东岳证券股份有限公司提供财务顾问服务。", "Acquisition", "东岳证券股份有限公司"),
], ids=["sponsor-named-after-role", "adviser-with-its-role", "adviser-before-duty-verb"])
def test_sponsors_and_financial_advisers_are_no_parties(pipeline, text, typ, adviser) -> None:
    ex = extract(pipeline, text)
    assert [e for e in ex.events if e.type == typ]
    assert adviser not in parties(ex, typ)


def test_a_firm_that_invests_and_advises_stays_an_investor(pipeline) -> None:
    ex = extract(pipeline, "云帆电子完成5000万元B轮融资，由远景资本领投，青松资本跟投，青松资本担任独家财务顾问。")
    investors = {m.text for e in ex.events if e.type == "Investment" for m in e.actors}
    assert {"远景资本", "青松资本"} <= investors


@pytest.mark.parametrize("text,typ", [
    ("星禾科技有限公司表示，目前没有实质性的收购计划。", "Acquisition"),
    ("蓝湾股份有限公司称，公司目前对收购该工厂没有任何计划。", "Acquisition"),
    ("云帆集团否认将被收购。", "Acquisition"),
    ("蓝湾股份有限公司控股股东不存在减持计划，暂无上市计划。", "Listing"),
    ("关于星禾科技有限公司将申请破产的传闻，公司予以否认。", "Bankruptcy"),
], ids=["no-plan-before", "no-plan-after", "denied", "no-listing-plan", "denied-after"])
def test_negated_or_denied_plans_are_no_events(pipeline, text, typ) -> None:
    assert not [e for e in extract(pipeline, text).events if e.type == typ]


@pytest.mark.parametrize("text", [
    "星禾科技有限公司已于昨日完成对蓝湾物流有限公司的收购，尚未完成工商变更。",
    "无锡星禾科技有限公司宣布收购蓝湾物流有限公司。",
], ids=["not-yet-registered", "city-starting-with-a-negator-character"])
def test_asserted_acquisitions_stay(pipeline, text) -> None:
    assert [e for e in extract(pipeline, text).events if e.type == "Acquisition"]


@pytest.mark.parametrize("text", [
    "星禾科技有限公司董事会由9名董事组成，其中独立董事3名，董事会聘任总经理1名。",
    "蓝湾股份有限公司监事会成员包括职工代表监事李文军。",
    "公司5名激励对象因离职已不符合激励条件，其已获授的限制性股票将被回购注销。",
    "星禾科技有限公司已聘请北辰证券有限责任公司作为财务顾问。",
], ids=["board-size", "board-members", "share-plan-leavers", "adviser-hired"])
def test_descriptions_are_no_personnel_changes(pipeline, text) -> None:
    assert not [e for e in extract(pipeline, text).events if e.type == "PersonnelChange"]


def test_a_real_appointment_stays_a_personnel_change(pipeline) -> None:
    ex = extract(pipeline, "星禾科技有限公司董事会同意聘任王立军为公司总经理。")
    assert [e for e in ex.events if e.type == "PersonnelChange"]


@pytest.fixture(scope="module")
def tagged() -> Pipeline:
    """The default chain with the Chinese tagger: people's names come from it."""
    return Pipeline(ner="zh")


def test_named_leavers_of_a_share_plan_still_leave(tagged) -> None:
    ex = extract(tagged, "鉴于公司原激励对象中张立新、赵文华因离职已不具备激励资格，公司决定回购其股票。")
    assert [e for e in ex.events if e.type == "PersonnelChange"]


@pytest.mark.parametrize("text,name", [
    ("本轮融资由宁波梅山保税港区恒泰投资管理合伙企业（有限合伙）领投。", "宁波梅山保税港区恒泰投资管理合伙企业（有限合伙）"),
    ("上海云峰股权投资管理有限公司跟投了本轮融资。", "上海云峰股权投资管理有限公司"),
    ("公司已聘请瑞鼎联合证券有限责任公司作为财务顾问。", "瑞鼎联合证券有限责任公司"),
    ("珠海横琴康源投资管理合伙企业(有限合伙)拟收购该公司20%股份。", "珠海横琴康源投资管理合伙企业(有限合伙)"),
], ids=["partnership", "fund-manager", "joint-word-in-legal-name", "half-width-parentheses"])
def test_legal_names_of_funds_and_partnerships_are_kept_whole(pipeline, text, name) -> None:
    assert name in {m.text for m in extract(pipeline, text).mentions}


def test_a_verb_before_a_legal_name_still_ends_it(pipeline) -> None:
    names = {m.text for m in extract(pipeline, "星禾科技投资蓝湾有限公司。").mentions}
    assert "蓝湾有限公司" in names
    assert "星禾科技投资蓝湾有限公司" not in names


@pytest.mark.parametrize("text,typ,actors", [
    ("国家邮政局会同文化和旅游部约谈了蓝湾物流有限公司。", "Enforcement", {"国家邮政局", "文化和旅游部"}),
    ("星禾科技有限公司与蓝湾物流有限公司共同出资收购云帆电子有限公司。", "Acquisition", {"星禾科技有限公司", "蓝湾物流有限公司"}),
    ("星禾科技有限公司和蓝湾建设有限公司作为联合体中标某市政工程项目。", "ContractAward",
     {"星禾科技有限公司", "蓝湾建设有限公司"}),
], ids=["summons-together", "buy-together", "consortium-wins"])
def test_joint_actors_all_act(pipeline, text, typ, actors) -> None:
    events = [e for e in extract(pipeline, text).events if e.type == typ]
    assert events
    assert actors <= {a.text for a in events[0].actors}
    assert not actors & {m.text for m in events[0].affects}


def test_a_preposition_glued_to_a_name_is_cut_off(pipeline) -> None:
    names = {m.text for m in extract(pipeline, "国家邮政局会同文化和旅游部对星禾科技有限公司进行调查。").mentions}
    assert "星禾科技有限公司" in names


@pytest.mark.parametrize("text,name", [
    ("招标人青林新型材料发展有限公司已发出中标通知书。", "青林新型材料发展有限公司"),
    ("星禾集团下属云帆煤业集团长坡煤矿有限责任公司完成改制。", "云帆煤业集团长坡煤矿有限责任公司"),
], ids=["tender-role", "subsidiary-word"])
def test_role_words_before_a_long_legal_name_end_it(pipeline, text, name) -> None:
    assert name in {m.text for m in extract(pipeline, text).mentions}


def test_a_subject_name_ends_before_the_adverb_and_verb_after_it(pipeline) -> None:
    ex = extract(pipeline, "目前星禾瑞达仅参与了湖北荆楚医院的战略投资。")  # (a strategic investor named as a noun is no event)
    names = {m.text for m in ex.mentions}
    assert "星禾瑞达" in names
    assert not any(n.startswith("星禾瑞达") and n != "星禾瑞达" for n in names)


@pytest.mark.parametrize("span,name", [
    ("星禾科技仅参与了", "星禾科技"), ("蓝湾集团已经", "蓝湾集团"), ("云帆物流均", "云帆物流"), ("成都", "成都"),
    ("星禾", "星禾"),
])
def test_organisation_spans_are_cut_at_boundary_words(span, name) -> None:
    from kg.extract.mentions.ner.zh_spans import cut_at_boundary

    assert span[: cut_at_boundary(span, 0, len(span))] == name


def test_the_buyer_that_hires_an_adviser_stays_the_buyer(pipeline) -> None:
    ex = extract(pipeline, "星禾科技有限公司拟以现金收购蓝湾物流有限公司并聘请云帆证券有限公司为财务顾问。")
    assert "星禾科技有限公司" in {a.text for e in ex.events if e.type == "Acquisition" for a in e.actors}


def test_an_underwriter_named_with_an_adverb_before_its_role_is_no_party(pipeline) -> None:
    ex = extract(pipeline, "据悉，东岳证券股份有限公司已经以承销商的身份参与了今年的8个IPO项目。")
    assert "东岳证券股份有限公司" not in parties(ex, "Listing")


def test_a_legal_name_with_compound_business_words_is_kept_whole(pipeline) -> None:
    ex = extract(pipeline, "公司控股子公司星禾共生创业投资管理有限公司持有公司股份。")
    assert "星禾共生创业投资管理有限公司" in {m.text for m in ex.mentions}


def test_the_issuer_of_a_tender_is_not_what_the_story_is_about(pipeline) -> None:
    ex = extract(pipeline, "星禾环境有限公司收到招标人青林建材发展有限公司确认的中标通知书。"
                           "青林建材发展有限公司表示，项目将于年内开工。本次中标价为6000万元。")
    winners = [{a.text for a in e.actors} for e in ex.events if e.type == "ContractAward"]
    assert winners
    assert all("青林建材发展有限公司" not in w for w in winners)


def test_a_thousands_separator_does_not_end_the_clause(pipeline) -> None:
    """"人民币2,991亿元": the ASCII comma inside a number is no clause mark, so the result keeps its amount."""
    ex = extract(pipeline, "星禾集团第三季度净收入为人民币1,234亿元(美元170亿),较去年同期增长12.5%。")
    results = [e for e in ex.events if e.type == "FinancialResult"]
    assert results and {m.text for m in results[0].actors} == {"星禾集团"}
    assert "人民币1,234亿元" in {f.text for f in results[0].figures}


@pytest.mark.parametrize(("text", "launch"), [
    ("10月20日，2025跨境电商博览会在杭州国际博览中心开幕，展期三天。", False),
    ("距离新赛季开幕还有不到两个月，各支球队都在积极备战。", False),
    ("10月20日晚，天猫双11购物狂欢节正式开幕。", True),
], ids=["expo-opens", "season-opens", "shopping-festival-opens"])
def test_an_opening_is_a_launch_only_of_a_shopping_festival(pipeline, text: str, launch: bool) -> None:
    """开幕 opens an exhibition, a season or a ceremony: no product or service; a platform's shopping
    festival that opens is its programme starting."""
    assert any(e.type == "Launch" for e in extract(pipeline, text).events) is launch


def test_a_passive_penalty_leads_the_roles_of_its_sentence(pipeline) -> None:
    """"某省查处…第一案 X被罚5万元": 被罚 says X is punished; X never becomes the one that acts."""
    ex = extract(pipeline, "浙江查处违反《电子商务法》第一案 拼多多被罚5万元")
    fines = [e for e in ex.events if e.type == "Enforcement"]
    assert fines and all("拼多多" not in {m.text for m in e.actors} for e in fines), fines
    assert any("拼多多" in {m.text for m in e.affects} for e in fines), fines


def test_the_subject_inside_an_announcement_title_acts(pipeline) -> None:
    """"A发布了关于B申请破产清算的公告": B applies; A only publishes the notice."""
    ex = extract(pipeline, "日前，星禾集团旗下上市公司北辰电力发布了关于青岚能源申请破产清算的公告。")
    events = [e for e in ex.events if e.type == "Bankruptcy"]
    assert events and [m.text for m in events[0].actors] == ["青岚能源"], events


def test_hired_cue_guards_change_no_match() -> None:
    """`role` and `duty_after` of the hired cues test the words' first characters first: at every
    place of the seed texts (and of a text of the cue words) they match as the bare alternations do."""
    import re
    from pathlib import Path

    from kg.extract.cues import phrases
    from kg.extract.events.hired import hired_cues
    from kg.extract.events.role_words import role_cues

    w = role_cues("hired")
    cues = hired_cues()
    bare = {"role": re.compile(phrases(w["zh_roles"])), "duty_after": re.compile(phrases(w["zh_duty_verbs"]))}
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(Path(__file__).resolve().parents[1].glob("seeds/*")) if p.is_file()]
    texts.append("，".join(f"A{x}B" for x in [*w["zh_roles"], *w["zh_duty_verbs"]]))
    found = 0
    for name, plain in bare.items():
        guarded = getattr(cues, name)
        for text in texts:
            for pos in range(0, len(text), 7):
                got = guarded.search(text, pos)
                assert (got and got.span()) == ((m := plain.search(text, pos)) and m.span())
                assert (guarded.match(text, pos) is None) == (plain.match(text, pos) is None)
                found += got is not None
    assert found
