"""Events round 2: several investors, closing dates that refer back, venues, two-party partnerships."""
from __future__ import annotations

import pytest

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
