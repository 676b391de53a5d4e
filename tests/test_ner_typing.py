"""Rules that type and check the Chinese tagger's spans, and the `--ner` modes of the pipeline.
Sentences are written for these tests; the tagger is loaded once for the module."""
from __future__ import annotations

import pytest

from kg.errors import RegistryError
from kg.extract import Pipeline, default_names
from kg.model import Document


@pytest.fixture(scope="module")
def zh() -> Pipeline:
    return Pipeline(ner="zh")


def _mentions(pipeline: Pipeline, text: str, lang: str = "zh") -> dict[str, str]:
    ex = pipeline(Document(key="t", source_path="t.txt", position="", text=text, lang=lang))
    return {m.text: m.type for m in ex.mentions}


def test_people_and_bodies_are_typed(zh):
    found = _mentions(zh, "据新华社报道，福州市公安局日前通报，犯罪嫌疑人郑海涛已被依法刑事拘留。")
    assert found.get("郑海涛") == "Person"
    assert found.get("福州市公安局") == "GovernmentBody"


def test_generic_phrases_are_no_names(zh):
    found = _mentions(zh, "各家银行纷纷下调存款利率，一家银行的负责人表示，相关部门正在研究新规。")
    assert not {"各家银行", "一家银行", "银行", "相关部门"} & set(found)


def test_forms_of_address_are_no_people(zh):
    found = _mentions(zh, "王总表示，张先生和老刘都同意这个方案，李晓峰随后签署了合同。")
    assert not {"王总", "张先生", "老刘"} & set(found)
    assert found.get("李晓峰") == "Person"


def test_forms_of_address_after_a_title_are_no_people(zh):
    """A surname with 先生 or 律师 names no one, also right after a role word (负责人) that announces names."""
    found = _mentions(zh, "这家书店的负责人钱先生告诉记者，孟律师表示合同有效，店长周海平随后签字。")
    assert not {"钱先生", "孟律师"} & set(found), found
    assert found.get("周海平") == "Person"


@pytest.mark.parametrize("mode", ["off", "zh"])
def test_local_departments_with_he_are_whole(mode):
    """Departments whose standard name holds 和 (文化和旅游局) are one body with their place, with or
    without the tagger (which reads 和 as a conjunction between two names)."""
    pipeline = Pipeline(ner=mode)
    found = _mentions(pipeline, "台州市文化和旅游局与温州市工业和信息化局联合发布通知，要求直播平台整改。")
    assert found.get("台州市文化和旅游局") == "GovernmentBody", found
    assert found.get("温州市工业和信息化局") == "GovernmentBody", found
    assert not any(name.endswith(("文化", "工业")) for name in found), found
    found = _mentions(pipeline, "该校的主管部门滨江区教育局宣布，这一事件定性为违规办学。")
    assert "滨江区教育局" in found and not any("部门" in name for name in found), found


def test_a_time_word_ends_a_name(zh):
    """上周四, 今年 after a name belong to the clause, not to the name."""
    found = _mentions(zh, "得益于展会的人气，南湖拍卖上周四的夜场拍卖总成交额高达2000万元。")
    assert "南湖拍卖" in found, found  # the subject of the clause, read by the event rules
    found |= _mentions(zh, "北岸集团今年的营收增长了一倍。")
    assert not any("上周四" in name or "今年" in name for name in found), found


def test_suffix_rule_name_is_cut_at_the_tagger_words(zh):
    off = _mentions(Pipeline(ner="off"), "消费者比方说银行卡被盗刷后，可以收到银行的赔付。")
    found = _mentions(zh, "消费者比方说银行卡被盗刷后，可以收到银行的赔付。")
    assert any(name.endswith("银行") and len(name) > 2 for name in off)  # the rule alone takes the verbs in
    assert not any(name.endswith("银行") and len(name) > 2 for name in found), found


def test_branch_joins_its_bank(zh):
    found = _mentions(zh, "记者从华信银行杭州分行获悉，该行将于下月推出新的跨境结算服务。")
    assert found.get("华信银行杭州分行") == "Company"


def test_sports_context_makes_a_club_an_organization(zh):
    found = _mentions(zh, "本赛季主场作战的巴斯蒂亚队在联赛中三战全胜。")
    orgs = {n: t for n, t in found.items() if "巴斯蒂亚" in n}
    assert orgs and set(orgs.values()) == {"Organization"}


def test_modes_choose_the_taggers():
    assert "ner" in default_names("on")
    assert "ner-zh" in default_names("zh") and "ner-en" in default_names("en")
    off = default_names("off")
    assert not any(n.startswith("ner") for n in off)
    assert off == [n for n in default_names("on") if n != "ner"]
    with pytest.raises(RegistryError, match="--ner mode 'maybe'"):
        default_names("maybe")


def test_english_tagger_not_run_in_zh_mode(zh):
    assert _mentions(zh, "Shares of Marlowe Commerce fell after Dana Fields left.", lang="en") == \
        _mentions(Pipeline(ner="off"), "Shares of Marlowe Commerce fell after Dana Fields left.", lang="en")


def test_both_sides_of_a_fixture_are_teams(zh):
    found = _mentions(zh, "周末焦点战：格兰维尔vs特伦托斯，主队近期状态更好。")
    teams = {n for n, t in found.items() if t == "Organization"}
    assert any("格兰维尔" in n for n in teams) and any("特伦托斯" in n for n in teams)
    assert not any(t == "Person" for n, t in found.items() if "格兰维尔" in n or "特伦托斯" in n)


def test_hyphenated_name_is_one_person(zh):
    found = _mentions(zh, "主教练表示，后卫马丁-奥斯瓦尔德将在下一轮复出。")
    assert found.get("马丁-奥斯瓦尔德") == "Person"


def test_service_name_loses_the_words_its_edge_cuts(zh):
    text = "3月21日消息，1688平台日前发布关于店小蜜1688版服务调整的通知。"
    off = _mentions(Pipeline(ner="off"), text)
    found = _mentions(zh, text)
    # the rule alone no longer starts inside 发布 either (services.py reads whole jieba words, issue 9)
    assert off.get("店小蜜1688版") == "Service" and not any(n.startswith(("布", "关于")) for n in off)
    assert found.get("店小蜜1688版") == "Service"
    assert not any(n.startswith(("布", "关于")) for n in found)


def test_english_service_is_no_person():
    """The seeds' sentence in which the model read "Seller Center" as a person."""
    text = ("In the future, for sellers using Seller Center, the order cancellation request initiated by the buyer "
            "will appear in the banner on the Manage Orders page, said Maya Lindqvist, head of operations.")
    found = _mentions(Pipeline(ner="en"), text, lang="en")
    assert found.get("Seller Center") != "Person"
    assert found.get("Maya Lindqvist") == "Person"


def test_cli_ner_modes(tmp_path):
    """`kg build --ner off` builds with the rules only; an unknown mode is refused before any output."""
    from typer.testing import CliRunner

    from kg.cli import app

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("福州市公安局日前通报，犯罪嫌疑人郑海涛已被依法刑事拘留。\n", encoding="utf-8")
    runner = CliRunner()
    bad = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "bad"), "--ner", "maybe"])
    assert bad.exit_code == 2 and "--ner mode 'maybe'" in bad.output
    assert not (tmp_path / "bad" / "graph.nq").exists()
    graphs = {}
    for mode in ("off", "zh"):
        result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / mode), "--ner", mode, "--no-store", "-q"])
        assert result.exit_code == 0, result.output
        graphs[mode] = (tmp_path / mode / "graph.nq").read_text(encoding="utf-8")
    assert "郑海涛" not in graphs["off"]  # no rule knows this person
    assert '"郑海涛"@zh' in graphs["zh"]


@pytest.mark.parametrize(("text", "not_names"), [
    ("BENGALURU: Online marketplace Bazaro said on Sunday its 'Bazaro Utsav Days' festive sale set a record.",
     {"BENGALURU", "Bazaro Utsav Days"}),
    ("Larkfield UK Ltd, a subsidiary of the Copenhagen-based Nordhavn Retail A/S, will close its stores.",
     {"Copenhagen"}),
])
def test_english_titles_datelines_and_places_are_no_organisations(text, not_names):
    found = _mentions(Pipeline(ner="en"), text, lang="en")
    assert not not_names & {n for n, t in found.items() if t != "Place"}  # a place may be a kg:Place, no organisation


def test_rule_names_keep_words_that_belong_to_them(zh):
    """Checks of rule names against the tagger's words keep brackets and one-character verbs
    inside a name, and a verb-like word after a place."""
    found = _mentions(zh, "二手交易平台转转集团宣布，本轮由杭州跃迁资本领投，沐光（上海）贸易有限公司跟投。")
    assert {"转转集团", "杭州跃迁资本", "沐光（上海）贸易有限公司"} <= set(found)


def test_english_lists_nicknames_and_cut_words():
    en = Pipeline(ner="en")
    found = _mentions(en, "The platform signed agreements on Friday with carriers including Zhongtong Cold Chain, "
                          "Jishida, Shuiqu Daijia, and Tiezhong Express.", lang="en")
    assert {"Jishida", "Shuiqu Daijia", "Zhongtong Cold Chain"} <= {n for n, t in found.items() if t == "Company"}
    found = _mentions(en, "Shenzhen, known as the “Cross-border E-commerce Capital of Mainland China,” bears the "
                          "brunt, while WeMall ShopExpress Cross-border Services opened a new office.", lang="en")
    assert not any("Capital" in n for n in found)
    assert "WeMall ShopExpress Cross" not in found


def test_a_list_of_places_stays_places():
    found = _mentions(Pipeline(ner="en"), "The venture will deliver parcels in Indonesia, Malaysia and Singapore, "
                                          "Halcyon said, and Halcyon 25% of the shares.", lang="en")
    assert not {"Indonesia", "Malaysia", "Singapore", "Halcyon 25%"} & {n for n, t in found.items() if t != "Place"}
    assert {found.get(n) for n in ("Indonesia", "Malaysia", "Singapore")} == {"Place"}


def test_verb_clause_before_a_generic_head_is_no_name(zh):
    """"请尽快联系银行", "次日再找银行": a verb whose object is a generic head, and a one-character verb
    at a suffix name's left edge (是 + 商会), are no part of a name."""
    found = _mentions(zh, "储户的存折丢了，请尽快联系银行挂失；周末可以次日再找银行补办。不管是商会还是消费者组织都没有表态。")
    assert not any(n.endswith("银行") for n in found)
    assert not any(n.startswith("是") for n in found)


def test_kinds_of_public_body_and_association(zh):
    """Heads of kinds of institution: a self-defence force is a public body, a 联社 (a federation of
    credit unions, a news agency) an organisation, a 研究会 an association, and a branch of the
    central bank stays a public body."""
    found = _mentions(zh, "越南海上自卫队昨日出港。为什么要赋予河北省联社这么多权力？")
    assert found.get("越南海上自卫队") == "GovernmentBody"
    assert found.get("河北省联社") == "Organization"
    found = _mentions(zh, "省茶叶文化研究会秘书长表示，中国人民银行长沙分行也参加了座谈。")
    assert found.get("省茶叶文化研究会") == "Organization"
    assert found.get("中国人民银行长沙分行") == "GovernmentBody"
    assert found.get("中国农业银行长沙分行", "Company") == "Company"


def test_head_cut_off_in_several_words_is_joined():
    """The tagger's words as it may cut them: an organisation span and, written on, the words of an
    institution's head (保障 管理 中心); the head is joined, other nouns (主任) are not."""
    from kg.extract.mentions.names_common import names_lexicon
    from kg.extract.mentions.ner.lac import Word
    from kg.extract.mentions.ner.lexicon import ner_lexicon
    from kg.extract.mentions.ner.zh_spans import zh_candidates

    text = "县住房保障管理中心主任表示"
    cuts = [(0, 3, "ORG"), (3, 5, "vn"), (5, 7, "vn"), (7, 9, "n"), (9, 11, "n"), (11, 13, "v")]
    found = {text[c.start : c.end]: c.type for c in zh_candidates(text, [Word(*w) for w in cuts], ner_lexicon(), names_lexicon())}
    assert found == {"县住房保障管理中心": "GovernmentBody"}


def test_contract_roles_are_no_part_of_a_name():
    """A tagger span that swallowed the role after a party's name (蓝湖公司甲方) is cut before it."""
    from kg.extract.mentions.ner.zh_spans import cut_at_boundary

    text = "根据协议，蓝湖公司甲方负责供货。"
    assert text[5 : cut_at_boundary(text, 5, 11)] == "蓝湖公司"


def test_a_place_and_an_armed_force_make_a_public_body(zh):
    found = _mentions(zh, "据报道，泰国军方宣布了新的采购计划，菲律宾空军也派出了飞机。")
    assert found.get("泰国军方") == "GovernmentBody"
    assert found.get("菲律宾空军") == "GovernmentBody"


def test_a_foreign_place_before_a_known_body_names_its_own_body(zh):
    """"德国 + 财政部" is not China's Ministry of Finance; a word that is no place before a known body's
    name is no part of it, and China's own bodies stay the known ones."""
    found = _mentions(zh, "德国财政部周二表示，这起案子最后还要等最高人民检察院决定。"
                          "中国国家邮政局未予置评，法国外交部也未回应。")
    assert found.get("德国财政部") == "GovernmentBody" and found.get("法国外交部") == "GovernmentBody"
    assert "财政部" not in found and "外交部" not in found
    assert "最高人民检察院" in found and not any(n.endswith("最高人民检察院") and n != "最高人民检察院" for n in found)
    assert "国家邮政局" in found


def test_descriptors_of_trades_and_teams_introduce_names(zh):
    """开发商X, 游戏发行商X: a firm; 中游球队X, 主队X: a club, whose name ends before 则 or 本场."""
    found = _mentions(zh, "据开发商卡洛斯特表示，新版本下月上线。游戏发行商莫雷诺斯宣布裁员。")
    assert found.get("卡洛斯特") == "Company" and found.get("莫雷诺斯") == "Company"
    found = _mentions(zh, "中游球队维戈塞尔塔则连胜三场，主队阿拉维斯本场必须取胜。")
    assert found.get("维戈塞尔塔") == "Organization" and found.get("阿拉维斯") == "Organization"


def test_a_bare_name_takes_the_type_it_has_elsewhere_in_the_document(zh):
    """"那么南安普顿呢？" has no cue of its own; the next sentence, a match report, makes it a club."""
    ex = zh(Document(key="t", source_path="t.txt", position="", lang="zh",
                     text="记者：那么南安普顿呢？南安普顿上周末在主场落后两球后扳平了比分。"))
    assert {m.type for m in ex.mentions if m.text == "南安普顿"} == {"Organization"}


def test_a_central_bank_is_a_public_body(zh):
    found = _mentions(zh, "泰国中央银行周三宣布降息。")
    assert found.get("泰国中央银行") == "GovernmentBody"


def test_a_suffix_inside_the_name_of_a_cup_ends_no_name(zh):
    found = _mentions(zh, "雪豹队本季度联赛商会杯小组赛输球，青年商会锦标赛也将开幕；蓝海集团赛后表示满意。")
    assert not any(n.endswith(("联盟", "商会")) for n in found)
    assert found.get("蓝海集团") == "Company"


def test_the_agent_of_making_or_publishing_is_a_company(zh):
    """由X开发 / 由X自主研发: X made it; 由用户, 由团队, 由我们 or a country name no firm."""
    found = _mentions(zh, "这款游戏由Gearbox开发，资料片由北京云帆互娱自主研发。插件由用户自主开发，这台机器由中国制造。")
    assert found.get("Gearbox") == "Company" and found.get("北京云帆互娱") == "Company"
    assert "用户" not in found and found.get("中国") != "Company"


def test_a_place_or_person_where_a_team_stands_is_a_club(zh):
    """In a match report a club named after its town (客队萨拉戈萨, 莱比锡坐镇主场) or a country's team
    (轻取卢森堡) is a team; a player beaten by another stays a person, and a place outside a match
    report stays a place."""
    found = _mentions(zh, "客队萨拉戈萨近期状态不佳，莱比锡坐镇主场，上轮比赛他们轻取卢森堡。")
    assert {found.get(n) for n in ("萨拉戈萨", "莱比锡", "卢森堡")} == {"Organization"}
    found = _mentions(zh, "王浩然击败李子豪夺冠。")
    assert found.get("李子豪") == "Person"
    found = _mentions(zh, "这家公司去年在卢森堡设立了分部。")
    assert found.get("卢森堡") != "Organization"


def test_short_league_names_in_a_match_report(zh):
    """德甲, 荷甲: a country's abbreviation and a tier name a league in a sports sentence; 美甲 is a
    manicure."""
    found = _mentions(zh, "本赛季德甲主队赢球的比例很高。他在荷甲效力三年后转会葡超。")
    assert {found.get(n) for n in ("德甲", "荷甲", "葡超")} == {"Organization"}
    assert "美甲" not in _mentions(zh, "周末她去做了美甲，顺便看了场比赛。")


def test_a_latin_word_that_owns_or_makes_is_a_company(zh):
    """Zenimax旗下, Arkane研发的: a firm in Latin letters inside Chinese text; a tool used to make
    something (用Unity开发的) and a count (Walkman发行量) are no firms."""
    found = _mentions(zh, "Zenimax旗下的Arkane研发的引擎很出色，这是Ubisoft出品的游戏。")
    assert {found.get(n) for n in ("Zenimax", "Arkane", "Ubisoft")} == {"Company"}
    found = _mentions(zh, "我们用Unity开发的游戏上线了，据说Walkman发行量很大。")
    assert found.get("Unity") != "Company" and found.get("Walkman") != "Company"


def test_a_country_abbreviation_and_jun_is_its_military(zh):
    """英军, 法军: a country's armed forces are a public body; 亚军 (runner-up) and 敌军 are not."""
    found = _mentions(zh, "英军和法军的士兵参加了演习，泰军随后撤退。他获得亚军，我军和敌军对峙。")
    assert {found.get(n) for n in ("英军", "法军", "泰军")} == {"GovernmentBody"}
    assert not {"亚军", "敌军"} & set(found)
