"""Event roles: who acts and who is affected in deals, fines, court rulings, funding rounds (every
investor, lists, follow-ups), listings and partnerships; closing and effective dates; rules a change
is about. Every sentence here is written for the test; names are invented unless they are real regulators."""
from __future__ import annotations

import pytest

from kg.model import Mention
from tests.test_events import make, only, run

INVESTOR_CASES = [
    ("zh-lead-and-follow", "甲科技完成3亿元B轮融资，本轮由红杉中国领投，高瓴资本跟投。", "zh",
     {"甲科技": "Company", "红杉中国": "Company", "高瓴资本": "Company"}, {"红杉中国", "高瓴资本"}, {"甲科技"}),
    ("en-led-by-with-participation", "Dagangku has raised $45 million in a Series B round led by Horizon Peak Capital, "
     "with participation from Blue Harbor Ventures.", "en",
     {"Dagangku": "Company", "Horizon Peak Capital": "Company", "Blue Harbor Ventures": "Company"},
     {"Horizon Peak Capital", "Blue Harbor Ventures"}, {"Dagangku"}),
]


@pytest.mark.parametrize("text,lang,names,actors,affects", [c[1:] for c in INVESTOR_CASES],
                         ids=[c[0] for c in INVESTOR_CASES])
def test_events_every_investor_is_an_actor(text, lang, names, actors, affects) -> None:
    e = only(run(make(text, lang, names)), "Investment")
    assert {m.text for m in e.actors} == actors
    assert {m.text for m in e.affects} == affects


CLOSING_CASES = [
    ("zh-deal-closes-later-sentence", "甲集团宣布以12.5亿元收购乙公司。据悉，该交易预计于2024年7月1日完成交割。", "zh",
     {"甲集团": "Company", "乙公司": "Company"}, [("2024年7月1日", "2024-07-01", "date")], "2024-07-01"),
    ("en-the-acquisition-is-expected-to-close", "Northwind Retail agreed to acquire Parcelly for $420 million. "
     "The acquisition is expected to close on September 30, 2024.", "en",
     {"Northwind Retail": "Company", "Parcelly": "Company"}, [("September 30, 2024", "2024-09-30", "date")], "2024-09-30"),
]


@pytest.mark.parametrize("text,lang,names,dates,effective", [c[1:] for c in CLOSING_CASES],
                         ids=[c[0] for c in CLOSING_CASES])
def test_events_closing_date_is_effective_date_of_the_deal(text, lang, names, dates, effective) -> None:
    ex = run(make(text, lang, names, dates=dates))
    deals = [e for e in ex.events if e.type == "Acquisition"]
    assert len(deals) == 1 and deals[0].effective_date == effective


def test_events_regulator_sentence_adds_deadline_not_new_event() -> None:
    text = ("The State Administration for Market Regulation summoned FreshGo and Dashly on Monday. "
            "The regulator ordered both platforms to publish fee rules by September 1, 2023.")
    ex = run(make(text, "en", {"State Administration for Market Regulation": "GovernmentBody", "FreshGo": "Company",
                               "Dashly": "Company"}, dates=[("September 1, 2023", "2023-09-01", "date")]))
    found = [e for e in ex.events if e.type == "Enforcement"]
    assert len(found) == 1 and found[0].effective_date == "2023-09-01"


@pytest.mark.parametrize("text,lang,names,venue", [
    ("鲜丰汇3月28日在港交所主板挂牌上市。", "zh", {"鲜丰汇": "Company", "港交所": "Company"}, "港交所"),
    ("ShopNest shares began trading on the Nasdaq on Thursday.", "en", {"ShopNest": "Company", "Nasdaq": "Company"}, "Nasdaq"),
], ids=["zh-exchange-after-zai", "en-on-the-exchange"])
def test_events_listing_venue_is_not_the_actor(text, lang, names, venue) -> None:
    e = only(run(make(text, lang, names)), "Listing")
    assert [m.text for m in e.actors] and venue not in [m.text for m in e.actors]


def test_events_person_does_not_acquire() -> None:
    text = "甲集团以5亿元收购乙公司。甲集团首席执行官王明表示，此次收购将提升能力。"
    ex = run(make(text, "zh", {"甲集团": "Company", "乙公司": "Company", "王明": "Person"}))
    assert all(m.type != "Person" for e in ex.events for m in e.actors)
    assert len([e for e in ex.events if e.type == "Acquisition"]) == 1


def test_events_partnership_needs_two_parties() -> None:
    ex = run(make("目前公司已签约主播超过1200名。", "zh", {"红杉中国": "Company"}))
    assert not [e for e in ex.events if e.type == "Partnership"]


def test_events_both_parties_are_the_partners() -> None:
    text = "甲电商与乙快运签署战略合作协议。双方联合推出“次日达”服务。"
    ex = run(make(text, "zh", {"甲电商": "Company", "乙快运": "Company"}))
    assert {m.text for m in only(ex, "Launch").actors} == {"甲电商", "乙快运"}


@pytest.mark.parametrize("text,typ", [
    ("公平交易委員會宣布，對樂購網處以罰款新台幣600萬元。", "Enforcement"),
    ("樂購網宣布收購丙公司。", "Acquisition"),
], ids=["zh-hant-fine", "zh-hant-acquisition"])
def test_events_traditional_triggers(text: str, typ: str) -> None:
    ex = run(make(text, "zh", {"公平交易委員會": "GovernmentBody", "樂購網": "Platform", "丙公司": "Company"}))
    assert only(ex, typ)


def test_events_said_is_not_an_announcement() -> None:
    ex = run(make("Maria Lopez said the deal was good.", "en", {"Maria Lopez": "Person"}))
    assert not [e for e in ex.events if e.type == "Announcement"]


REPORTED_CASES = [
    ("en-said-it-had-agreed-to-acquire", "Harbor Goods said on Tuesday it had agreed to acquire Boxly, a courier app, "
     "for $80 million.", "en", {"Harbor Goods": "Company", "Boxly": "Company"}, "Acquisition", "Harbor Goods", "Boxly"),
    ("zh-biaoshi-qi-jiang-shougou", "甲集团表示，其将收购乙科技全部股权。", "zh",
     {"甲集团": "Company", "乙科技": "Company"}, "Acquisition", "甲集团", "乙科技"),
]


@pytest.mark.parametrize("text,lang,names,typ,actor,affected", [c[1:] for c in REPORTED_CASES],
                         ids=[c[0] for c in REPORTED_CASES])
def test_events_pronoun_subject_of_reported_clause_is_the_reporter(text, lang, names, typ, actor, affected) -> None:
    e = only(run(make(text, lang, names)), typ)
    assert [m.text for m in e.actors] == [actor]
    assert [m.text for m in e.affects] == [affected]


@pytest.mark.parametrize("text,names", [
    ("某市监局5月2日宣布，电商平台甲商城因虚假宣传，处以罚款50万元。", {"某市监局": "GovernmentBody", "甲商城": "Platform"}),
    ("某委員會宣布，乙購物網由於標示不實，處以罰款。", {"某委員會": "GovernmentBody", "乙購物網": "Platform"}),
], ids=["zh-yin-cause-clause", "zh-traditional-youyu-cause-clause"])
def test_events_party_before_cause_marker_is_punished(text, names) -> None:
    e = only(run(make(text, "zh", names)), "Enforcement")
    gov = next(k for k, v in names.items() if v == "GovernmentBody")
    assert [m.text for m in e.actors] == [gov]
    assert [m.text for m in e.affects] == [k for k in names if k != gov]


@pytest.mark.parametrize("text,lang,headline,published,names,typ,effective", [
    ("升级后的“甲平台会员服务”新增退货包运费。", "zh", "甲平台将于9月12日起升级会员服务", "2024-09-05",
     {"甲平台": "Platform", "甲平台会员服务": "Service"}, "Launch", "2024-09-12"),
    ("Acme will apply the revised policy to every seller in the store.", "en",
     "Acme to revise return policy starting March 1", "2024-02-20", {"Acme": "Platform"}, "PolicyChange", "2024-03-01"),
], ids=["zh-headline-jiangyu-qi", "en-headline-starting"])
def test_events_headline_gives_effective_date(text, lang, headline, published, names, typ, effective) -> None:
    e = only(run(make(text, lang, names, headline=headline, published=published)), typ)
    assert e.effective_date == effective


def test_events_headline_date_needs_a_trigger_of_the_same_type() -> None:
    ex = run(make("升级后的“甲平台会员服务”新增退货包运费。", "zh", {"甲平台": "Platform", "甲平台会员服务": "Service"},
                  headline="甲平台将于9月12日起召开年会"))
    assert only(ex, "Launch").effective_date is None


@pytest.mark.parametrize("text,name", [
    ('The "Acme Beautiful Harvest Festival" was launched on September 5, 2025.', "Acme Beautiful Harvest Festival"),
    ("The “Northern Lights Summer Shopping Week” was launched in June.", "Northern Lights Summer Shopping Week"),
], ids=["en-straight-quotes-long-title", "en-curly-quotes-long-title"])
def test_events_long_quoted_title_is_the_launched_service(text, name) -> None:
    e = only(run(make(text, "en", {})), "Launch")
    assert [m.text for m in e.about] == [name] and e.about[0].type == "Service"


def test_events_partnership_list_adds_unknown_parties_beside_known_ones() -> None:
    text = "The collaboration between Harbin Maple Works, Douyin E-commerce, and Lotus Street aims to deepen cooperation."
    e = only(run(make(text, "en", {"Douyin E-commerce": "Platform", "Lotus Street": "GovernmentBody"})), "Partnership")
    assert {m.text for m in e.participants} == {"Harbin Maple Works", "Douyin E-commerce", "Lotus Street"}


# === deals, fines, court rulings and rounds (the sections below) ===

def _names(e, role: str) -> list[str]:
    return [m.text for m in getattr(e, role)]


# --- who acts, who is affected --------------------------------------------------------------

ROLE_CASES = [
    ("en-passive-by-possessive", "Shein was fined 1.2 million euros by France's competition watchdog DGCCRF on Monday.",
     "en", {"Shein": "Company", "DGCCRF": "GovernmentBody"}, "Enforcement", ["DGCCRF"], ["Shein"]),
    ("en-passive-two-agents", "Boxora agreed to pay $2.5 million to settle a lawsuit brought by the Federal Trade "
     "Commission and the Ohio Department of Law.", "en",
     {"Boxora": "Company", "Federal Trade Commission": "GovernmentBody", "Ohio Department of Law": "GovernmentBody"},
     "Enforcement", ["Federal Trade Commission", "Ohio Department of Law"], ["Boxora"]),
    ("zh-source-before-comma", "另据公告，甲物流拟以约9亿元收购乙快运66.5%的股份。", "zh",
     {"甲物流": "Company", "乙快运": "Company"}, "Acquisition", ["甲物流"], ["乙快运"]),
    ("zh-passive-after-short-form", "上海甲电子商务有限公司（以下简称“甲电商”）因虚构原价，被上海市浦东新区市场监督管理局"
     "处以罚款185万元。", "zh", {"上海甲电子商务有限公司": "Company", "甲电商": "Company",
                               "上海市浦东新区市场监督管理局": "GovernmentBody"},
     "Enforcement", ["上海市浦东新区市场监督管理局"], ["甲电商"]),
    ("zh-court-plaintiff-not-affected", "昨日，某互联网法院对丙网络公司诉丁科技公司不正当竞争纠纷一案作出一审宣判。", "zh",
     {"某互联网法院": "GovernmentBody", "丙网络公司": "Company", "丁科技公司": "Company"},
     "Enforcement", ["某互联网法院"], ["丁科技公司"]),
    ("en-penalty-announced-against", "The case follows a 140 billion won penalty the KFTC announced against Gomi Mart "
     "in June.", "en", {"KFTC": "GovernmentBody", "Gomi Mart": "Company"}, "Enforcement", ["KFTC"], ["Gomi Mart"]),
    ("en-company-and-its-ceo-sued", "The Federal Trade Commission filed a lawsuit against Boxora and its co-founder and "
     "chief executive, Vera Pike.", "en",
     {"Federal Trade Commission": "GovernmentBody", "Boxora": "Company", "Vera Pike": "Person"},
     "Enforcement", ["Federal Trade Commission"], ["Boxora", "Vera Pike"]),
    ("en-which-clause-is-no-subject", "Huali, which competes with Pindo and Jingo in smaller cities, said it accepted the "
     "penalty.", "en", {"Huali": "Platform", "Pindo": "Platform", "Jingo": "Platform"}, "Enforcement", [], ["Huali"]),
    # (the subject is Huali, not a name of the aside; and Huali accepts the penalty, so it is punished, not the actor)
]


@pytest.mark.parametrize("text,lang,names,typ,actors,affects", [c[1:] for c in ROLE_CASES],
                         ids=[c[0] for c in ROLE_CASES])
def test_events_roles(text, lang, names, typ, actors, affects) -> None:
    e = only(run(make(text, lang, names)), typ)
    assert _names(e, "actors") == actors
    assert sorted(_names(e, "affects")) == sorted(affects)


def test_events_the_commission_is_the_body_named_commission() -> None:
    text = ("The European Union adopted new rules last year. The Commission has today fined Bazro €350 million "
            "for breaching the law. The European Commission said the fine was proportionate.")
    names = {"European Union": "GovernmentBody", "European Commission": "GovernmentBody", "Bazro": "Company"}
    e = only(run(make(text, "en", names)), "Enforcement")
    assert _names(e, "actors") == ["European Commission"]


def test_events_party_pronoun_is_the_party_punished_before() -> None:
    text = ("甲电商被某市场监督管理局罚款。该局于2025年5月16日作出行政处罚决定：没收当事人违法所得38.6万元，并处罚款150万元。")
    names = {"甲电商": "Company", "某市场监督管理局": "GovernmentBody"}
    ex = run(make(text, "zh", names))
    fines = [e for e in ex.events if e.type == "Enforcement"]
    assert fines and all(_names(e, "affects") == ["甲电商"] for e in fines)


def test_events_dateline_outlet_is_never_a_party() -> None:
    text = "新华社北京11月14日电 国家互联网信息办公室、商务部14日联合发布《某管理办法》，自2026年3月1日起施行。"
    names = {"新华社": "Organization", "国家互联网信息办公室": "GovernmentBody", "商务部": "GovernmentBody"}
    ex = run(make(text, "zh", names, dates=[("2026年3月1日", "2026-03-01", "effective")]))
    assert not [e for e in ex.events if e.type == "Partnership"]  # co-issuing a rule is no partnership
    assert all("新华社" not in _names(e, "actors") for e in ex.events)


# --- rounds and their investors -------------------------------------------------------------

LIST_INVESTOR_CASES = [
    ("zh-list-before-follow", "甲科技完成3亿美元D轮融资，乙资本、丙资本和丁资本跟投。", "zh",
     {"甲科技": "Company", "乙资本": "Company", "丙资本": "Company", "丁资本": "Company"},
     {"乙资本", "丙资本", "丁资本"}, {"甲科技"}),
    ("zh-adviser-is-no-investor", "本轮融资由乙资本领投，老股东丙资本超额跟投，丁资本担任本轮独家财务顾问。", "zh",
     {"乙资本": "Company", "丙资本": "Company", "丁资本": "Company"}, {"乙资本", "丙资本"}, set()),
    ("en-unknown-names-after-led-by", "Grocerly raised $100 million in a Series D round led by Tiger Ridge, with "
     "participation from Oak Hollow and General Pines.", "en", {"Grocerly": "Company"},
     {"Tiger Ridge", "Oak Hollow", "General Pines"}, {"Grocerly"}),
    ("en-apposition-is-not-the-investee", "Kiranet, a startup that lets shopkeepers sell through WhatsApp groups, has "
     "raised $48 million in a Series C round led by Banyan Peak Capital.", "en",
     {"Kiranet": "Company", "WhatsApp": "Platform", "Banyan Peak Capital": "Company"}, {"Banyan Peak Capital"},
     {"Kiranet"}),
    ("en-angel-people", "Parcelo raised $12 million led by Foundry Ventures, with participation from angel investors "
     "Maya Ellis and Ravi Kumar.", "en",
     {"Parcelo": "Company", "Foundry Ventures": "Company", "Maya Ellis": "Person", "Ravi Kumar": "Person"},
     {"Foundry Ventures", "Maya Ellis", "Ravi Kumar"}, {"Parcelo"}),
]


@pytest.mark.parametrize("text,lang,names,actors,affects", [c[1:] for c in LIST_INVESTOR_CASES],
                         ids=[c[0] for c in LIST_INVESTOR_CASES])
def test_events_investors(text, lang, names, actors, affects) -> None:
    e = only(run(make(text, lang, names)), "Investment")
    assert set(_names(e, "actors")) == actors
    assert set(_names(e, "affects")) == affects


def test_events_follow_up_investors_join_the_round() -> None:
    text = ("Kiranet has raised $48 million in a Series C round led by Banyan Peak Capital. "
            "Existing investors Northgate Ventures and Tidewater Partners also participated.")
    names = {"Kiranet": "Company", "Banyan Peak Capital": "Company", "Northgate Ventures": "Company",
             "Tidewater Partners": "Company"}
    ex = run(make(text, "en", names, figures=[("$48 million", "48000000", "USD")]))
    rounds = [e for e in ex.events if e.type == "Investment"]
    assert len(rounds) == 1
    assert set(_names(rounds[0], "actors")) == {"Banyan Peak Capital", "Northgate Ventures", "Tidewater Partners"}


def test_events_another_amount_is_another_round() -> None:
    text = "Kiranet has raised $48 million in a Series C round led by Banyan Peak Capital. It raised $20 million in 2023."
    names = {"Kiranet": "Company", "Banyan Peak Capital": "Company"}
    ex = run(make(text, "en", names, figures=[("$48 million", "48000000", "USD"), ("$20 million", "20000000", "USD")]))
    assert len([e for e in ex.events if e.type == "Investment"]) == 2


# --- deal types and dates -------------------------------------------------------------------

@pytest.mark.parametrize("text,stake,stake_type", [
    ("Harbor Retail agreed to buy a 60% stake in Swiftly Express for HK$2.3 billion.", "60%", "Acquisition"),
    ("Glow Brands agreed to buy a 12% stake in Boxora for $30 million.", "12%", "Investment"),
], ids=["controlling-stake", "minority-stake"])
def test_events_stake_size_decides_the_type(text: str, stake: str, stake_type: str) -> None:
    names = {"Harbor Retail": "Company", "Swiftly Express": "Company", "Glow Brands": "Company", "Boxora": "Company"}
    ex = run(make(text, "en", names, figures=[(stake, stake.rstrip("%"), "percent")]))
    assert {e.type for e in ex.events} & {"Acquisition", "Investment"} == {stake_type}


def test_events_closing_in_the_deal_sentence() -> None:
    text = "甲股份以现金方式收购乙云仓100%股权的交易已于2025年6月30日完成交割，交易对价为12.5亿元。"
    ex = run(make(text, "zh", {"甲股份": "Company", "乙云仓": "Company"},
                  dates=[("2025年6月30日", "2025-06-30", "date")]))
    assert only(ex, "Acquisition").effective_date == "2025-06-30"


def test_events_date_nearest_the_trigger() -> None:
    text = "Threadly shares are expected to price on April 16 and begin trading on April 17."
    ex = run(make(text, "en", {"Threadly": "Company"}, dates=[("April 16", "2025-04-16", "date"),
                                                              ("April 17", "2025-04-17", "date")]))
    assert only(ex, "Listing").date == "2025-04-17"


def test_events_offering_sentence_gives_its_amount_to_the_listing() -> None:
    text = ("Lumio Commerce Inc priced its initial public offering at $24 per share on Wednesday. "
            "The company sold 22.5 million shares, raising $540 million.")
    ex = run(make(text, "en", {"Lumio Commerce Inc": "Company"},
                  figures=[("$24", "24", "USD"), ("22.5 million shares", "22500000", "shares"),
                           ("$540 million", "540000000", "USD")]))
    listings = [e for e in ex.events if e.type == "Listing"]
    assert len(listings) == 1 and 540000000 in {int(f.value) for f in listings[0].figures}


@pytest.mark.parametrize("text,lang,names,typ", [
    ("某互联网法院判决甲公司赔偿乙公司经济损失126万元。", "zh", {"某互联网法院": "GovernmentBody", "甲公司": "Company"},
     "Enforcement"),
    # an investigation is reported, but it is not an enforcement (issue 9): an announcement of the regulator
    ("欧盟委员会宣布，对甲平台启动正式调查。", "zh", {"欧盟委员会": "GovernmentBody", "甲平台": "Platform"}, "Announcement"),
    ("Lazado said it would shut its Mall Express service from Oct 31.", "en", {"Lazado": "Platform"}, "Discontinuation"),
    ("Vendo will extend the returns window for clothing to 30 days starting August 1.", "en", {"Vendo": "Platform"},
     "PolicyChange"),
    ("The platform obligations apply to Norvo Market from 3 April 2025.", "en", {"Norvo Market": "Platform"},
     "PolicyChange"),
    ("快手电商发布公告称，自2024年7月1日起，基础保证金由2000元下调至500元。", "zh", {"快手电商": "Platform"}, "PolicyChange"),
    ("沐光生技旗下門市將於2024年7月31日起停止營運。", "zh", {"沐光生技": "Company"}, "Discontinuation"),
], ids=["zh-court-ruling", "zh-investigation", "en-shut-service", "en-returns-window", "en-obligations-apply",
        "zh-deposit-cut", "zh-traditional-stop"])
def test_events_new_triggers(text, lang, names, typ) -> None:
    assert typ in {e.type for e in run(make(text, lang, names)).events}


@pytest.mark.parametrize("text,lang,names", [
    ("悦购控股有限公司今日在港交所挂牌上市。", "zh", {"悦购控股有限公司": "Company"}),
    ("（本文不构成投资建议）", "zh", {}),
    ("Craftory CEO Jonah Feld said the fees allow it to keep investing in marketing.", "en",
     {"Craftory": "Company", "Jonah Feld": "Person"}),
    ("Kiranet had about 96 million annual active buyers at the end of 2023, according to the company.", "en",
     {"Kiranet": "Company"}),
], ids=["trigger-inside-a-name", "disclaimer", "investing-in-marketing", "buyers-is-no-purchase"])
def test_events_no_false_deal(text, lang, names) -> None:
    types = {e.type for e in run(make(text, lang, names)).events}
    assert not types & {"Acquisition", "Investment"}


def test_events_headline_date_goes_to_the_party_it_names() -> None:
    text = "天猫下调大家电类目费率。淘宝同日发布规则变更公告。这是淘宝天猫今年第三次调整商家规则。"
    names = {"天猫": "Platform", "淘宝": "Platform"}
    ex = run(make(text, "zh", names, headline="天猫下调类目费率 淘宝规则9月15日起调整", published="2025-08-12"))
    for e in ex.events:
        if e.effective_date == "2025-09-15":
            assert _names(e, "actors") == ["淘宝"]


def test_events_partnership_parties_are_the_subjects() -> None:
    text = ("Orchid Pay, NusaKirim and Halcyon Retail said they had formed a joint venture to help small sellers on "
            "Tokopedia, Shopee and Lazada ship across borders.")
    names = {n: "Company" for n in ("Orchid Pay", "NusaKirim", "Halcyon Retail")}
    names |= {n: "Platform" for n in ("Tokopedia", "Shopee", "Lazada")}
    e = only(run(make(text, "en", names)), "Partnership")
    assert {m.text for m in e.participants} == {"Orchid Pay", "NusaKirim", "Halcyon Retail"}


def test_events_existing_investor_in_a_follow_up_list() -> None:
    text = ("Parcelo has raised a $12 million Series A round led by Foundry Ventures. Redwood Lane Capital and existing "
            "investor Northgate Partners also participated in the round.")
    names = {n: "Company" for n in ("Parcelo", "Foundry Ventures", "Redwood Lane Capital", "Northgate Partners")}
    ex = run(make(text, "en", names, figures=[("$12 million", "12000000", "USD")]))
    rounds = [e for e in ex.events if e.type == "Investment"]
    assert len(rounds) == 1
    assert {m.text for m in rounds[0].actors} == {"Foundry Ventures", "Redwood Lane Capital", "Northgate Partners"}


@pytest.mark.parametrize("text,lang,names,typ,actors", [
    ("国家互联网信息办公室、商务部、国家市场监督管理总局14日联合发布《某办法》，自2026年3月1日起施行。", "zh",
     {"国家互联网信息办公室": "GovernmentBody", "商务部": "GovernmentBody", "国家市场监督管理总局": "GovernmentBody"},
     "PolicyChange", ["国家互联网信息办公室", "商务部", "国家市场监督管理总局"]),
    ("Shares of Lumo Commerce opened at $31.10 in their New York Stock Exchange debut on Thursday.", "en",
     {"Lumo Commerce": "Company", "New York Stock Exchange": "Organization"}, "Listing", ["Lumo Commerce"]),
], ids=["zh-list-of-issuers-acts", "en-venue-in-their-debut"])
def test_events_actor_lists_and_venues(text, lang, names, typ, actors) -> None:
    assert _names(only(run(make(text, lang, names)), typ), "actors") == actors


def test_events_outlet_a_platform_answers_is_no_actor() -> None:
    text = "多家直播电商平台11月15日回应北京商报记者称，将按照新规要求修订平台规则。"
    ex = run(make(text, "zh", {"北京商报": "Organization"}))
    assert all("北京商报" not in _names(e, "actors") for e in ex.events)


def test_events_buyback_is_an_announcement_not_a_rule() -> None:
    text = ("同日，甲科技发布《关于以集中竞价交易方式回购公司股份方案的公告》，公司拟使用自有资金不低于1亿元（含）"
            "且不超过2亿元（含）回购公司股份。")
    ex = run(make(text, "zh", {"甲科技": "Company"},
                  figures=[("1亿元", "100000000", "CNY"), ("2亿元", "200000000", "CNY")]))
    assert {e.type for e in ex.events} == {"Announcement"}
    assert _names(only(ex, "Announcement"), "actors") == ["甲科技"]


def test_events_the_party_after_dui_not_a_later_dui() -> None:
    text = ("另据某省市场监督管理局消息，该局近日对甲文化传媒有限公司作出行政处罚决定：甲文化在直播过程中，"
            "对所售商品的功效作虚假宣传，被责令停止违法行为，并处罚款260万元。")
    names = {"某省市场监督管理局": "GovernmentBody", "甲文化传媒有限公司": "Company"}
    e = only(run(make(text, "zh", names)), "Enforcement")
    assert _names(e, "actors") == ["某省市场监督管理局"] and _names(e, "affects") == ["甲文化传媒有限公司"]


def test_events_a_suspension_lists_the_company_not_the_exchange() -> None:
    text = "Nasdaq will suspend trading in shares of CartNova Holdings Ltd. on Oct. 20, 2025, the company said."
    names = {"Nasdaq": "Company", "CartNova Holdings Ltd.": "Company"}
    e = only(run(make(text, "en", names, dates=[("Oct. 20, 2025", "2025-10-20", "date")])), "Listing")
    assert _names(e, "actors") == ["CartNova Holdings Ltd."]


@pytest.mark.parametrize("text,names,absent", [
    ("FlexPay went live on Nov. 3 for shoppers buying from third-party sellers on Walmart Marketplace.",
     {"FlexPay": "Service", "Walmart Marketplace": "Platform"}, "Acquisition"),
], ids=["shoppers-buying-is-no-deal"])
def test_events_launch_not_purchase(text, names, absent) -> None:
    types = {e.type for e in run(make(text, "en", names)).events}
    assert absent not in types


def test_events_merger_target_is_the_company_valued() -> None:
    text = ("Online resale marketplaces Loopo Inc. and Bazzo Inc. said they have agreed to merge in an all-stock "
            "transaction that values Bazzo Inc. at about $1.25bn.")
    names = {"Loopo Inc.": "Company", "Bazzo Inc.": "Company"}
    e = only(run(make(text, "en", names, figures=[("$1.25bn", "1250000000", "USD")])), "Acquisition")
    assert _names(e, "actors") == ["Loopo Inc."] and _names(e, "affects") == ["Bazzo Inc."]


def test_events_class_action_plaintiffs_unnamed() -> None:
    text = "A group of shoppers filed a class-action lawsuit against online marketplace DealNesto Inc. on Tuesday."
    e = only(run(make(text, "en", {"DealNesto Inc.": "Company"})), "Enforcement")
    assert _names(e, "affects") == ["DealNesto Inc."] and "DealNesto Inc." not in _names(e, "actors")


def test_events_the_channel_is_not_the_actor() -> None:
    text = "社区团购平台“鲜鲜优选”通过其微信小程序发布公告称，受经营策略调整影响，平台将于2025年7月31日起停止运营。"
    ex = run(make(text, "zh", {"鲜鲜优选": "Platform", "微信": "Platform"},
                  dates=[("2025年7月31日", "2025-07-31", "effective")]))
    e = only(ex, "Discontinuation")
    assert _names(e, "actors") == ["鲜鲜优选"] and e.effective_date == "2025-07-31"
    assert "PolicyChange" not in {x.type for x in ex.events}  # 策略调整 is the cause, not a rule change


def test_events_investor_list_with_a_kind_between() -> None:
    text = "甲循物今日宣布完成B輪募資，由北辰創投領投，宏景資本、日本創投Mirai Partners跟投。"
    names = {"甲循物": "Company", "北辰創投": "Company", "宏景資本": "Company", "Mirai Partners": "Company"}
    e = only(run(make(text, "zh", names)), "Investment")
    assert set(_names(e, "actors")) == {"北辰創投", "宏景資本", "Mirai Partners"}


def test_events_deadline_sentence_after_a_fine() -> None:
    text = ("The CMA fined Brightline £4.2m on Tuesday. The CMA said Brightline, which hosts 14,000 sellers, must "
            "remove all incentivised reviews by 31 March 2026.")
    names = {"CMA": "GovernmentBody", "Brightline": "Company"}
    ex = run(make(text, "en", names, dates=[("31 March 2026", "2026-03-31", "effective")]))
    assert only(ex, "Enforcement").effective_date == "2026-03-31"


def test_events_the_three_above_are_the_list_named_before() -> None:
    text = ("丁电商发布公告称，经平台排查，甲网络科技有限公司、乙电子商务有限公司、丙传媒有限公司三家服务商存在组织刷单行为。"
            "平台决定自2025年7月10日起与上述三家服务商终止合作，将其清退。")
    parties = {"甲网络科技有限公司": "Company", "乙电子商务有限公司": "Company", "丙传媒有限公司": "Company"}
    e = only(run(make(text, "zh", {"丁电商": "Platform", **parties})), "Enforcement")
    assert _names(e, "actors") == ["丁电商"] and set(_names(e, "affects")) == set(parties)


def test_events_a_word_inside_a_name_is_no_pronoun() -> None:
    text = ("上海市市场监督管理局日前公布行政处罚决定书，上海甲优选电子商务有限公司（下称“甲优选”）因虚构原价，"
            "被处以罚款120万元。")
    names = {"上海市市场监督管理局": "GovernmentBody", "上海甲优选电子商务有限公司": "Company", "甲优选": "Company"}
    e = only(run(make(text, "zh", names, headline="“甲优选”被罚120万元")), "Enforcement")
    assert _names(e, "actors") == ["上海市市场监督管理局"] and _names(e, "affects") == ["甲优选"]


def test_events_who_pays_to_settle_is_punished() -> None:
    text = ("Cartwell, the Austin-based marketplace, has agreed to pay $18.5 million to settle Federal Trade "
            "Commission charges that it paid for fake reviews.")
    names = {"Cartwell": "Company", "Federal Trade Commission": "GovernmentBody"}
    e = only(run(make(text, "en", names)), "Enforcement")
    assert _names(e, "actors") == ["Federal Trade Commission"] and _names(e, "affects") == ["Cartwell"]


def test_events_a_round_with_no_investor_named_is_the_companys() -> None:
    text = "本轮融资将用于智能补货模型研发。甲云仓近日完成2亿元B+轮融资，本轮融资由乙资本领投。"
    names = {"甲云仓": "Company", "乙资本": "Company"}
    ex = run(make(text, "zh", names, headline="甲云仓完成2亿元B+轮融资"))
    assert all("甲云仓" not in _names(e, "actors") for e in ex.events if e.type == "Investment")


@pytest.mark.parametrize("text,names,actor,affected", [
    ("The U.S. Federal Trade Commission on Wednesday ordered online marketplace operator Cartwell Inc to pay "
     "$18.5 million in civil penalties.", {"Federal Trade Commission": "GovernmentBody", "Cartwell Inc": "Company"},
     "Federal Trade Commission", "Cartwell Inc"),
    ("证券时报网讯，甲电商昨日发布公告，星禾网络、播优电商、拾光传媒三家服务商自7月10日起被清退。",
     {"甲电商": "Platform", "星禾网络": "Company", "播优电商": "Company", "拾光传媒": "Company"}, None, "拾光传媒"),
], ids=["en-body-first-acts-on-the-company", "zh-agentless-passive-whole-list"])
def test_events_enforcement_structure(text, names, actor, affected) -> None:
    e = only(run(make(text, "zh" if "。" in text else "en", names)), "Enforcement")
    if actor:
        assert _names(e, "actors") == [actor]
    assert affected in _names(e, "affects")


def test_events_the_counterparty_after_yu_is_not_the_buyer() -> None:
    text = ("1月8日消息，甲速递今日宣布，已与广州乙快运有限公司（以下简称“乙快运”）股东签署股权转让协议，"
            "以11.2亿元收购乙快运70%股权。")
    ex = make(text, "zh", {"甲速递": "Company", "广州乙快运有限公司": "Company"})
    long_end = text.index("有限公司") + 4
    for i in (text.index("乙快运", long_end), text.rindex("乙快运")):  # the short form, not inside the long name
        ex.mentions.append(Mention("乙快运", i, i + 3, "Company"))
    ex = run(ex)
    e = only(ex, "Acquisition")
    assert _names(e, "actors") == ["甲速递"] and "乙快运" in _names(e, "affects")
    assert "Partnership" not in {x.type for x in ex.events}  # a share transfer agreement is no partnership


def test_events_subject_with_apposition_holding_a_list() -> None:
    text = ("Stylo Group plc, the Manchester-based fashion label that sells through ASOS, Zalando and its own app, "
            "began trading on the London Stock Exchange on July 9, 2025.")
    names = {"Stylo Group": "Company", "ASOS": "Platform", "Zalando": "Platform", "London Stock Exchange": "Organization"}
    e = only(run(make(text, "en", names)), "Listing")
    assert _names(e, "actors") == ["Stylo Group"]


def test_events_the_platform_of_a_store_is_not_the_actor() -> None:
    text = "沐光生技宣布，其天貓國際旗艦店將於2024年7月31日起停止營運。"
    e = only(run(make(text, "zh", {"沐光生技": "Company", "天貓": "Platform"},
                      dates=[("2024年7月31日", "2024-07-31", "effective")])), "Discontinuation")
    assert _names(e, "actors") == ["沐光生技"]


def test_events_a_company_that_said_acts() -> None:
    text = "TikTok Shop said on May 5 that updated Affiliate Creator Standards will take effect on June 2, 2025."
    ex = run(make(text, "en", {"TikTok Shop": "Platform", "Affiliate Creator Standards": "Policy"},
                  dates=[("June 2, 2025", "2025-06-02", "effective")]))
    assert _names(only(ex, "PolicyChange"), "actors") == ["TikTok Shop"]


@pytest.mark.parametrize("text,about", [
    ("甲电商近日发布《直播间商品信息描述规范》，要求商家如实描述。新规将于2025年4月1日起正式施行。", ["直播间商品信息描述规范"]),
], ids=["the-new-rule-is-the-one-named"])
def test_events_the_new_rule(text: str, about: list[str]) -> None:
    ex = run(make(text, "zh", {"甲电商": "Platform", "直播间商品信息描述规范": "Policy"},
                  dates=[(d, v, "effective") for d, v in (("2025年4月1日", "2025-04-01"), ("2025年12月31日", "2025-12-31"))
                         if d in text]))
    last = [e for e in ex.events if e.type == "PolicyChange" and e.effective_date][-1]
    assert _names(last, "about") == about


def test_events_ending_cooperation_with_a_list() -> None:
    text = ("丁宝通报三家违规服务商，平台即日起终止与甲网络科技有限公司、乙电子商务有限公司、丙广告有限公司的合作，"
            "清退其全部服务。")
    names = {"甲网络科技有限公司": "Company", "乙电子商务有限公司": "Company", "丙广告有限公司": "Company"}
    ex = run(make(text, "zh", {"丁宝": "Platform", **names}))
    for e in ex.events:
        assert e.type != "Partnership"
        assert not set(_names(e, "actors")) & set(names)  # the parties ended with are never the actor


def test_events_the_replaced_rule_is_not_the_subject() -> None:
    text = "The General Product Safety Regulation applies from 13 December 2024, replacing the General Product Safety Directive."
    names = {"General Product Safety Regulation": "Policy", "General Product Safety Directive": "Policy"}
    ex = run(make(text, "en", names, dates=[("13 December 2024", "2024-12-13", "effective")]))
    assert _names(only(ex, "PolicyChange"), "about") == ["General Product Safety Regulation"]
