"""Events: trigger typing, roles, dates and figures on hand-made extractions (zh and en)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.errors import LexiconError
from kg.extract.events.extractor import EventExtractor
from kg.extract.events.triggers import TriggerMatcher, read_triggers
from kg.model import DateMention, Document, Extraction, Figure, Mention

EXTRACTOR = EventExtractor()


def make(text: str, lang: str, names: dict[str, str], dates: list[tuple[str, str, str]] = (),
         figures: list[tuple[str, str, str]] = (), headline: str | None = None,
         published: str | None = "2024-01-05") -> Extraction:
    """An extraction with a mention for each name (first occurrence of every occurrence)."""
    doc = Document(key="t#1", source_path="t", position="", text=text, lang=lang, headline=headline,
                   date_published=published)
    ex = Extraction(document=doc)
    for name, typ in names.items():
        start = text.find(name)
        while start >= 0:
            ex.mentions.append(Mention(name, start, start + len(name), typ, key=name.lower().replace(" ", "-")))
            start = text.find(name, start + len(name))
    for surface, value, role in dates:
        i = text.index(surface)
        ex.dates.append(DateMention(surface, i, i + len(surface), value, role))
    for surface, value, unit in figures:
        i = text.index(surface)
        ex.figures.append(Figure(surface, i, i + len(surface), Decimal(value), unit))
    return ex


def run(ex: Extraction) -> Extraction:
    EXTRACTOR(ex)
    return ex


def events_of(text: str, lang: str, names: dict[str, str], typ: str) -> list:
    """The events of one type the rules find in `text` with these names as mentions."""
    return [e for e in run(make(text, lang, names)).events if e.type == typ]


def only(ex: Extraction, typ: str):
    found = [e for e in ex.events if e.type == typ]
    assert found, f"no {typ} in {[(e.type, e.trigger) for e in ex.events]}"
    return found[0]


TYPE_CASES = [
    ("zh-partnership", "京东零售与国药国际签署战略合作协议。", "zh",
     {"京东零售": "Company", "国药国际": "Company"}, "Partnership"),
    ("en-partnership", "Sinopharm International and JD Retail signed a strategic cooperation agreement.", "en",
     {"Sinopharm International": "Company", "JD Retail": "Company"}, "Partnership"),
    ("zh-policy", "快手电商发布新规,将于3月8日生效。", "zh", {"快手电商": "Platform"}, "PolicyChange"),
    ("en-policy", "Amazon will make changes to the process of managing cancellation requests.", "en",
     {"Amazon": "Platform"}, "PolicyChange"),
    ("zh-launch", "考拉海购推出气味定制服务。", "zh", {"考拉海购": "Platform"}, "Launch"),
    ("en-launch", "Koala Haigou launched a scent customization service.", "en", {"Koala Haigou": "Platform"}, "Launch"),
    ("zh-discontinuation", "1688平台将陆续停止采源宝APP的各项功能和服务。", "zh",
     {"1688平台": "Platform"}, "Discontinuation"),
    ("en-discontinuation", "Meituan will discontinue its grocery app next month.", "en",
     {"Meituan": "Platform"}, "Discontinuation"),
    ("zh-enforcement", "抖音电商清退中通冷链、吉时达等物流商。", "zh", {"抖音电商": "Platform"}, "Enforcement"),
    ("en-enforcement", "Regulators fined Alibaba for abusing its dominance.", "en", {"Alibaba": "Company"}, "Enforcement"),
    ("zh-acquisition", "阿里巴巴全资收购饿了么。", "zh", {"阿里巴巴": "Company", "饿了么": "Platform"}, "Acquisition"),
    ("en-acquisition", "Amazon agreed to acquire Whole Foods.", "en",
     {"Amazon": "Company", "Whole Foods": "Company"}, "Acquisition"),
    ("zh-investment", "腾讯领投了该公司的B轮融资。", "zh", {"腾讯": "Company"}, "Investment"),
    ("en-investment", "Sequoia invested in Shein last year.", "en", {"Sequoia": "Company", "Shein": "Company"}, "Investment"),
    ("zh-listing", "京东物流在港交所挂牌上市。", "zh", {"京东物流": "Company"}, "Listing"),
    ("en-listing", "PDD shares began trading on Nasdaq.", "en", {"PDD": "Company"}, "Listing"),
    ("zh-announcement", "深圳市商务局召开跨境电商企业座谈会。", "zh", {"深圳市商务局": "GovernmentBody"}, "Announcement"),
    ("en-announcement", "Meituan announced its spring campus recruitment.", "en", {"Meituan": "Platform"}, "Announcement"),
]


@pytest.mark.parametrize("text,lang,names,typ", [c[1:] for c in TYPE_CASES],
                         ids=[c[0] for c in TYPE_CASES])
def test_events_type_from_trigger(text: str, lang: str, names: dict[str, str], typ: str) -> None:
    ex = run(make(text, lang, names))
    assert typ in {e.type for e in ex.events}


def test_events_financial_needs_figure() -> None:
    text = "京东物流营收达到257.5亿元。京东物流营收表现不错。"
    ex = run(make(text, "zh", {"京东物流": "Company"}, figures=[("257.5亿元", "25750000000", "CNY")]))
    fin = [e for e in ex.events if e.type == "FinancialResult"]
    assert len(fin) == 1 and fin[0].figures[0].value == Decimal("25750000000")


def test_events_financial_prefers_amounts_to_percentages() -> None:
    text = "In the third quarter, JD Logistics' revenue was 25.75 billion yuan, an increase of 43.37%."
    ex = run(make(text, "en", {"JD Logistics": "Company"},
                  figures=[("25.75 billion yuan", "25750000000", "CNY"), ("43.37%", "43.37", "percent")]))
    fin = only(ex, "FinancialResult")
    assert [f.unit for f in fin.figures] == ["CNY"] and fin.actors[0].text == "JD Logistics"


def test_events_most_specific_type_wins_overlap() -> None:
    ex = run(make("1688今日发布关于实力商家店小蜜权益下线的通知。", "zh", {"1688": "Platform"}))
    assert [e.type for e in ex.events] == ["Discontinuation"]


def test_events_announcement_yields_to_other_types() -> None:
    ex = run(make("Wang said that Amazon has closed stores on 50,000 sellers.", "en", {"Amazon": "Platform"}))
    assert {e.type for e in ex.events} == {"Enforcement"}


def test_events_trigger_exception_ignored() -> None:
    ex = run(make("因业务调整,阿里巴巴暂停招聘。", "zh", {"阿里巴巴": "Company"}))
    assert "PolicyChange" not in {e.type for e in ex.events}


ROLE_CASES = [
    ("zh-list-after-trigger", "抖音电商清退中通冷链、吉时达、水趣到家和铁中快运等物流商。", "zh",
     {"抖音电商": "Platform", "中通冷链": "Company", "吉时达": "Company", "水趣到家": "Company", "铁中快运": "Company"},
     "Enforcement", "抖音电商", ["中通冷链", "吉时达", "水趣到家", "铁中快运"]),
    ("en-list-after-trigger",
     "Douyin E-commerce will terminate the services of Zhongtong Cold Chain, Jishida, Water Fun Home, and Tiezhong Express.",
     "en", {"Douyin E-commerce": "Platform", "Zhongtong Cold Chain": "Company", "Jishida": "Company",
            "Water Fun Home": "Company", "Tiezhong Express": "Company"},
     "Enforcement", "Douyin E-commerce", ["Zhongtong Cold Chain", "Jishida", "Water Fun Home", "Tiezhong Express"]),
    ("zh-passive", "多家商家被市场监管总局处罚。", "zh", {"市场监管总局": "GovernmentBody", "多家商家": "Company"},
     "Enforcement", "市场监管总局", ["多家商家"]),
    ("en-passive", "Shein was fined by the Italian regulator AGCM for greenwashing.", "en",
     {"Shein": "Company", "AGCM": "GovernmentBody"}, "Enforcement", "AGCM", ["Shein"]),
    ("zh-dui-construction", "淘宝对违规商家A店进行处罚。", "zh", {"淘宝": "Platform", "违规商家A店": "Company"},
     "Enforcement", "淘宝", ["违规商家A店"]),
    ("en-acquisition-target", "Amazon agreed to acquire Whole Foods.", "en",
     {"Amazon": "Company", "Whole Foods": "Company"}, "Acquisition", "Amazon", ["Whole Foods"]),
    ("zh-acquisition-target", "阿里巴巴全资收购饿了么。", "zh", {"阿里巴巴": "Company", "饿了么": "Platform"},
     "Acquisition", "阿里巴巴", ["饿了么"]),
    ("en-investment-led-by", "Shein raised a funding round led by Sequoia.", "en",
     {"Shein": "Company", "Sequoia": "Company"}, "Investment", "Sequoia", ["Shein"]),
]


@pytest.mark.parametrize("text,lang,names,typ,actor,affects", [c[1:] for c in ROLE_CASES], ids=[c[0] for c in ROLE_CASES])
def test_events_actor_and_affects(text, lang, names, typ, actor, affects) -> None:
    ev = only(run(make(text, lang, names)), typ)
    assert [m.text for m in ev.actors] == [actor]
    assert [m.text for m in ev.affects] == affects


FALLBACK_CASES = [
    ("en-such-as", "Brand stores that have been suspended involve sellers such as Patosun, Aoji and Zebao.", "en",
     ["Patosun", "Aoji", "Zebao"]),
    ("zh-deng", "抖音清退中通冷链、吉时达等物流商。", "zh", ["中通冷链", "吉时达"]),
]


@pytest.mark.parametrize("text,lang,expected", [c[1:] for c in FALLBACK_CASES], ids=[c[0] for c in FALLBACK_CASES])
def test_events_affects_list_without_mentions(text: str, lang: str, expected: list[str]) -> None:
    names = {"抖音": "Platform"} if lang == "zh" else {}
    ex = make(text, lang, names, headline=None)
    ex.mentions.append(Mention("Amazon", 0, 0, "Platform", "amazon")) if lang == "en" else None
    run(ex)
    ev = only(ex, "Enforcement")
    assert [m.text for m in ev.affects] == expected
    assert {m.text for m in ex.mentions} >= set(expected)  # new names are mentions too


PARTNER_CASES = [
    ("zh-yu", "京东零售与国药国际签署战略合作协议。", "zh", {"京东零售": "Company", "国药国际": "Company"}),
    ("zh-xieshou", "抖音电商携手江苏龙瑞君峰举办招商大会。", "zh", {"抖音电商": "Platform", "江苏龙瑞君峰": "Company"}),
    ("en-and", "JD Retail and Sinopharm International reach strategic cooperation.", "en",
     {"JD Retail": "Company", "Sinopharm International": "Company"}),
    ("en-between",
     "The collaboration between Jiangsu Longrui Junfeng, Douyin E-commerce, and Happiness Street aims to deepen ties.", "en",
     {"Jiangsu Longrui Junfeng": "Company", "Douyin E-commerce": "Platform", "Happiness Street": "GovernmentBody"}),
]


@pytest.mark.parametrize("text,lang,names", [c[1:] for c in PARTNER_CASES], ids=[c[0] for c in PARTNER_CASES])
def test_events_partnership_has_every_party(text: str, lang: str, names: dict[str, str]) -> None:
    ex = run(make(text, lang, names))
    ev = only(ex, "Partnership")
    assert {m.text for m in ev.participants} == set(names)
    assert ev.actors and ev.actors[0].text in names
    pairs = {(r.subject.text, r.object.text) for r in ex.relations if r.predicate == "partnerOf"}
    assert len(pairs) == len(names) * (len(names) - 1) // 2


def test_events_pronoun_refers_to_last_platform() -> None:
    text = "Amazon sells everywhere. The platform has banned 600 Chinese brands."
    ev = only(run(make(text, "en", {"Amazon": "Platform"})), "Enforcement")
    assert ev.actors[0].text == "Amazon"


def test_events_headline_main_actor_when_sentence_has_none() -> None:
    text = "考拉海购今年很忙。据悉,气味定制服务已于近日上线。"
    ev = only(run(make(text, "zh", {"考拉海购": "Platform"}, headline="考拉海购上线气味定制服务")), "Launch")
    assert ev.actors[0].text == "考拉海购" and ev.confidence < 0.9


def test_events_cited_outlet_is_not_actor() -> None:
    text = "According to Caixin, the store closures continued."
    ex = make(text, "en", {"Caixin": "Organization"}, headline="Amazon closes stores")
    ex.mentions.append(Mention("Amazon", 0, 0, "Platform", "amazon"))
    ev = only(run(ex), "Enforcement")
    assert ev.actors[0].text != "Caixin"


DATE_CASES = [
    ("zh-effective-same-sentence", "3月1日消息,快手电商发布新规,新规将于2022年3月8日正式生效。", "zh",
     {"快手电商": "Platform"}, [("3月1日", "2022-03-01", "date"), ("2022年3月8日", "2022-03-08", "effective")],
     "PolicyChange", "2022-03-01", "2022-03-08"),
    ("zh-effective-next-sentence", "1688平台日前发布公告,将修订服务标准。新服务标准内容将于2022年5月1日正式生效施行。", "zh",
     {"1688平台": "Platform"}, [("2022年5月1日", "2022-05-01", "effective")], "PolicyChange", "2024-01-05", "2022-05-01"),
    ("en-future-date-is-effective", "Douyin E-commerce will implement a cleanup of logistics companies on October 29.", "en",
     {"Douyin E-commerce": "Platform"}, [("October 29", "2025-10-29", "date")], "Enforcement", "2024-01-05", "2025-10-29"),
    ("en-date-in-sentence", "On August 13, the Shenzhen Bureau held a symposium.", "en",
     {"Shenzhen Bureau": "GovernmentBody"}, [("August 13", "2021-08-13", "date")], "Announcement", "2021-08-13", None),
    ("zh-dateline-for-later-sentences", "3月13日消息,阿里巴巴发布公告。1688平台将下线店小蜜权益。", "zh",
     {"阿里巴巴": "Company", "1688平台": "Platform"}, [("3月13日", "2023-03-13", "date")], "Discontinuation", "2023-03-13", None),
]


@pytest.mark.parametrize("text,lang,names,dates,typ,date,effective", [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_events_dates(text, lang, names, dates, typ, date, effective) -> None:
    ev = only(run(make(text, lang, names, dates=dates)), typ)
    assert (ev.date, ev.effective_date) == (date, effective)


ABOUT_CASES = [
    ("zh-book-title", "1688平台将对《1688商家服务管理规范》进行更新。", "zh", "PolicyChange", "1688商家服务管理规范", "Policy"),
    ("zh-quoted-app", "1688平台将在应用市场对“1688工业品”APP进行下架。", "zh", "Discontinuation", "1688工业品", "Service"),
    ("zh-quoted-next-to-trigger", "阿里巴巴中国站发布关于“供应等级”下线的通知。", "zh", "Discontinuation", "供应等级", "Service"),
]


@pytest.mark.parametrize("text,lang,typ,name,mtype", [c[1:] for c in ABOUT_CASES], ids=[c[0] for c in ABOUT_CASES])
def test_events_about_quoted_names(text: str, lang: str, typ: str, name: str, mtype: str) -> None:
    ex = run(make(text, lang, {"1688平台": "Platform", "阿里巴巴中国站": "Platform"}))
    ev = only(ex, typ)
    assert [(m.text, m.type) for m in ev.about] == [(name, mtype)]


def test_events_cited_outlet_in_book_title_is_not_policy() -> None:
    ex = run(make("《商报》获悉,1688平台发布关于“企业官微”下线的通知。", "zh", {"1688平台": "Platform"}))
    assert [m.text for m in only(ex, "Discontinuation").about] == ["企业官微"]


def test_events_enforcement_figures_are_counts() -> None:
    text = "The platform has dealt with 13,000 violating merchants, with 4,200 either expelled or suspended."
    ex = make(text, "en", {}, figures=[("13,000", "13000", "merchants"), ("4,200", "4200", "merchants")],
              headline="Douyin E-commerce fights false shipping")
    ex.mentions.append(Mention("Douyin E-commerce", 0, 0, "Platform", "douyin-ecommerce"))
    ev = only(run(ex), "Enforcement")
    assert {f.value for f in ev.figures} == {Decimal(13000), Decimal(4200)}


def test_events_evidence_is_the_sentence_verbatim() -> None:
    text = "First sentence here. Amazon banned 600 brands. Last one."
    ev = only(run(make(text, "en", {"Amazon": "Platform"})), "Enforcement")
    assert text[ev.start : ev.end] == ev.evidence == "Amazon banned 600 brands."


def test_events_dropped_without_actor_or_about() -> None:
    ex = run(make("Many stores were closed.", "en", {}))
    assert ex.events == []


def test_triggers_bad_file_names_file_and_line(tmp_path) -> None:
    (tmp_path / "Launch.json").write_text('{"type": "Launch", "priority": 5,\n "zh": [{"t": "上线", "w": 7}]}', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"Launch.json:2"):
        read_triggers(tmp_path)


def test_triggers_english_wildcard_and_gap() -> None:
    matcher = TriggerMatcher()
    text = "Douyin terminated the deal. They signed a framework cooperation agreement."
    hits = matcher.find(text, "en", [(0, 27), (28, len(text))])
    assert hits[0][0].type == "Enforcement" and hits[0][0].text == "terminated"
    assert any(h.type == "Partnership" for h in hits[1])


def test_triggers_tried_at_their_needles_find_what_a_full_scan_finds() -> None:
    """Each trigger's pattern is tried only where the automaton saw its leading word; the hits
    must equal those of every pattern scanned over the whole text (overlapping needles, a match
    holding the next needle, case, the seeds in both languages)."""
    from pathlib import Path

    from kg.text import sentences

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [(p.read_text(encoding="utf-8"), lang) for p in sorted(seeds.iterdir()) if p.is_file() for lang in ("zh", "en")]
    texts += [("LAUNCHED the app, launched launches; Launch-ready. The FTC fined it and fined them.", "en"),
              ("被处罚被处罚后再次处罚，宣布上线上线了。IPO上市", "zh")]
    matcher = TriggerMatcher()
    found = 0
    for text, lang in texts:
        spans = sentences(text)
        hits = matcher.find(text, lang, spans)
        every = [(trig, None) for trig in matcher.triggers.get(lang, matcher.triggers["en"])]  # searched everywhere
        assert hits == matcher._hits(text, spans, every)
        found += sum(map(len, hits))
    assert found > 50
