"""Resolution: one key per real-world entity across languages; one event per happening."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from kg.model import Document, EventMention, Extraction, Figure, Mention
from kg.resolve import resolve
from kg.resolve.events import ResolvedReport, can_merge, merge_reports, same_happening
from kg.resolve.keys import mention_key, person_pinyin_label


@pytest.mark.parametrize(("a", "b", "type_"), [
    pytest.param("中通冷链", "Zhongtong Cold Chain", "Company", id="zh-en-suffix-translated"),
    pytest.param("吉时达", "Jishida", "Company", id="zh-en-pinyin"),
    pytest.param("铁中快运", "Tiezhong Express", "Company", id="zh-en-express"),
    pytest.param("阿里巴巴丝路有限公司", "阿里巴巴丝路", "Company", id="legal-form-dropped"),
    pytest.param("ＡＢＣ Logistics Co., Ltd.", "abc logistics", "Company", id="width-case-legal-form"),
    pytest.param("王文涛", "Wang Wentao", "Person", id="person-pinyin"),
    pytest.param("店小蜜1688版本", "店小蜜1688版", "Service", id="service-version-suffix"),
    pytest.param("“1688工业品”APP", "1688工业品", "Service", id="service-app-suffix-quotes"),
    pytest.param("《1688商家服务管理规范》", "1688商家服务管理规范", "Policy", id="policy-title-marks"),
])
def test_resolve_keys_meet(a: str, b: str, type_: str) -> None:
    assert mention_key(a, type_) == mention_key(b, type_)


@pytest.mark.parametrize(("a", "b", "type_"), [
    pytest.param("中通冷链", "中通快递", "Company", id="different-business-line"),
    pytest.param("JD Logistics", "JD Retail", "Company", id="jd-units-apart"),
    pytest.param("王文涛", "王文", "Person", id="different-person"),
    pytest.param("1688工业品", "1688", "Service", id="service-not-platform-name"),
])
def test_resolve_keys_stay_apart(a: str, b: str, type_: str) -> None:
    assert mention_key(a, type_) != mention_key(b, type_)


def test_resolve_kinds_never_share_a_key() -> None:
    assert mention_key("京东", "Company") != mention_key("京东", "Service")


@pytest.mark.parametrize(("zh", "en"), [("刘峰", "Liu Feng"), ("汪海", "Wang Hai"), ("王文涛", "Wang Wentao")])
def test_resolve_person_pinyin_label(zh: str, en: str) -> None:
    assert person_pinyin_label(zh) == en


def _doc(key: str, text: str, date: str | None = "2025-10-28", lang: str = "en", pub: str | None = None) -> Document:
    return Document(key=key, source_path=key.split("#")[0], position="", text=text, lang=lang,
                    date_published=date, publisher=pub)


def _m(text: str, doc_text: str, type_: str = "Company", key: str | None = None) -> Mention:
    start = doc_text.index(text)
    return Mention(text=text, start=start, end=start + len(text), type=type_, key=key)


def _enforcement(doc: Document, actor: str, targets: list[str], eff: str | None = None) -> tuple[Extraction, EventMention]:
    ex = Extraction(document=doc)
    a = _m(actor, doc.text, "Platform")
    ts = [_m(t, doc.text) for t in targets]
    ex.mentions.extend([a, *ts])
    ev = EventMention(type="Enforcement", doc_key=doc.key, evidence=doc.text, start=0, end=len(doc.text),
                      trigger="terminate", actors=(a,), affects=tuple(ts), effective_date=eff,
                      date=doc.date_published, confidence=0.7)
    ex.events.append(ev)
    return ex, ev


def test_resolve_merges_two_reports_of_one_event() -> None:
    d1 = _doc("a.txt#item 1", "Douyin E-commerce will terminate Zhongtong Cold Chain and Jishida.", "2025-10-28")
    d2 = _doc("a.txt#item 2", "抖音电商清退中通冷链、吉时达等物流商。", "2025-10-27", lang="zh")
    ex1, _ = _enforcement(d1, "Douyin E-commerce", ["Zhongtong Cold Chain", "Jishida"], eff="2025-10-29")
    ex2, _ = _enforcement(d2, "抖音电商", ["中通冷链", "吉时达"])
    # both name the platform through the gazetteer id
    for ex in (ex1, ex2):
        ex.mentions[0] = Mention(ex.mentions[0].text, ex.mentions[0].start, ex.mentions[0].end, "Platform", key="douyin")
        ex.events[0] = dataclasses.replace(ex.events[0], actors=(ex.mentions[0],))
    res = resolve([ex1, ex2], [d1, d2])
    assert len(res.events) == 1
    (event,) = res.events.values()
    assert {r.doc_key for r in event.reports} == {d1.key, d2.key}
    assert event.effective_dates == {"2025-10-29"}
    zt = res.entities[mention_key("中通冷链", "Company")]
    assert zt.label_zh == "中通冷链" and zt.label_en == "Zhongtong Cold Chain"
    assert zt.sources == {d1.key, d2.key}
    assert 0.7 < event.confidence <= 1.0


def _report(doc_key: str, type_: str, when: str, actors=("a",), affects=(), about=(), participants=(),
            eff: str | None = None, figures=()) -> ResolvedReport:
    ev = EventMention(type=type_, doc_key=doc_key, evidence="x", start=0, end=1, trigger="t",
                      effective_date=eff, date=when, figures=tuple(figures))
    return ResolvedReport(ev, frozenset(actors), frozenset(participants), frozenset(affects), frozenset(about), when)


@pytest.mark.parametrize(("r1", "r2", "events"), [
    pytest.param(_report("d1", "Enforcement", "2025-10-27", affects=["zt"]),
                 _report("d2", "Enforcement", "2025-10-28", affects=["zt", "js"]), 1, id="shared-target-merges"),
    pytest.param(_report("d1", "Enforcement", "2025-10-27", affects=["zt"]),
                 _report("d2", "Enforcement", "2025-10-28", affects=["js"]), 2, id="other-target-apart"),
    pytest.param(_report("d1", "Enforcement", "2025-01-01", affects=["zt"]),
                 _report("d2", "Enforcement", "2025-10-28", affects=["zt"]), 2, id="months-apart"),
    pytest.param(_report("d1", "Enforcement", "2025-10-27", affects=["zt"]),
                 _report("d2", "Launch", "2025-10-27", affects=["zt"]), 2, id="other-type-apart"),
    pytest.param(_report("d1", "Enforcement", "2025-10-27", actors=["x"], affects=["zt"]),
                 _report("d2", "Enforcement", "2025-10-27", actors=["y"], affects=["zt"]), 2, id="other-actor-apart"),
    pytest.param(_report("d1", "Partnership", "2022-03-01", actors=["jd"], participants=["jd", "sino"]),
                 _report("d2", "Partnership", "2022-03-02", actors=["sino"], participants=["sino", "jd"]), 1,
                 id="partnership-same-parties"),
    pytest.param(_report("d1", "Partnership", "2022-03-01", actors=["jd"], participants=["jd", "sino"]),
                 _report("d2", "Partnership", "2022-03-01", actors=["jd"], participants=["jd", "other"]), 2,
                 id="partnership-other-party"),
    pytest.param(_report("d1", "PolicyChange", "2022-04-13", about=["std"], eff="2022-05-01"),
                 _report("d2", "PolicyChange", "2022-04-13", about=["std"], eff="2022-05-01"), 1, id="same-rule"),
    pytest.param(_report("d1", "PolicyChange", "2022-04-13", about=["std"], eff="2022-05-01"),
                 _report("d2", "PolicyChange", "2023-04-13", about=["std"], eff="2023-05-01"), 2,
                 id="same-rule-next-year"),
    pytest.param(_report("d1", "FinancialResult", "2021-11-15",
                         figures=[Figure("25.75 billion", 0, 1, Decimal("25750000000"), "CNY")]),
                 _report("d2", "FinancialResult", "2021-11-16",
                         figures=[Figure("257.5亿", 0, 1, Decimal("25750000000"), "CNY")]), 1, id="same-figure"),
])
def test_resolve_event_merging(r1: ResolvedReport, r2: ResolvedReport, events: int) -> None:
    assert len(merge_reports([r1, r2])) == events
    assert len(merge_reports([r2, r1])) == events  # order does not matter


def test_resolve_reports_that_cannot_merge_match_nothing() -> None:
    """can_merge (which keeps dead events out of the merge index) agrees with same_happening."""
    fig = [Figure("5", 0, 1, Decimal("5"), "CNY")]
    shapes = [
        {}, {"affects": ["t"]}, {"about": ["s"]}, {"about": ["s"], "eff": "2025-11-01"}, {"eff": "2025-11-01"},
        {"figures": fig}, {"actors": ()}, {"actors": (), "eff": "2025-11-01"},
        {"participants": ["b"]}, {"participants": ["a", "b"]}, {"actors": (), "participants": ["b"]},
    ]
    types = ("Enforcement", "PolicyChange", "FinancialResult", "Partnership")
    reports = [_report(f"d{i}", t, "2025-10-28", **kw) for t in types for i, kw in enumerate(shapes)]
    for r1 in reports:
        (ev,) = merge_reports([r1]).values()
        for r2 in reports:
            if not (can_merge(r1) and can_merge(r2)):
                assert not same_happening(ev, r2, {r1.when})


def test_resolve_publisher_and_author_become_entities() -> None:
    d = Document(key="x.txt", source_path="x.txt", position="", text="正文", lang="zh",
                 publisher="Guan Cha Zhe Wang", authors=("刘峰",))
    res = resolve([], [d])
    pub = res.entities[res.publishers["x.txt"]]
    (author_key,) = res.authors["x.txt"]
    author = res.entities[author_key]
    assert "Organization" in pub.types or "Company" in pub.types
    assert author.types == {"Person"} and author.label_zh == "刘峰" and author.label_en == "Liu Feng"


def test_resolve_every_author_becomes_a_person_in_byline_order() -> None:
    d = Document(key="y.txt", source_path="y.txt", position="", text="Body.", lang="en",
                 authors=("Dana Whitfield", "Marcus Oyelaran"))
    res = resolve([], [d])
    labels = [res.entities[k].label_en for k in res.authors["y.txt"]]
    assert labels == ["Dana Whitfield", "Marcus Oyelaran"]
    assert all(res.entities[k].types == {"Person"} for k in res.authors["y.txt"])
    assert d.author == "Dana Whitfield"


@pytest.mark.parametrize("name,short", [
    ("Sailbright Technology Co. Ltd", "Sailbright Technology"),
    ("Bazarro Europe B.V.", "Bazarro Europe"),
    ("杭州拾光网络科技有限公司", "杭州拾光网络科技"),
    ("Harbourline Retail Holdings Ltd.", "Harbourline Retail Holdings"),
    ("京东集团", None),
    ("Ltd.", None),
], ids=["co-ltd", "bv", "youxian-gongsi", "holdings-kept", "group-word-kept", "nothing-left"])
def test_resolve_short_name_without_legal_form(name: str, short: str | None) -> None:
    from kg.resolve.entities import without_legal_form

    assert without_legal_form(name) == short


@pytest.mark.parametrize("long,short", [
    ("杭州引流宝网络科技有限公司", "引流宝"),
    ("义乌快排电子商务有限公司", "快排电商"),
    ("杭州木棉代运营有限公司", "木棉代运营"),
], ids=["place-and-industry-trimmed", "both-sides-trimmed", "place-trimmed"])
def test_resolve_head_of_a_long_name_in_another_report(long: str, short: str) -> None:
    from kg.model import Mention
    from kg.resolve.entities import EntityResolver

    resolver = EntityResolver()
    mentions = [Mention(long, 0, len(long), "Company"), Mention(short, 0, len(short), "Company")]
    resolver.learn_heads(mentions)
    assert resolver.key_for(short, "Company") == resolver.key_for(long, "Company")


def test_resolve_head_shared_by_two_firms_stays_apart() -> None:
    from kg.model import Mention
    from kg.resolve.entities import EntityResolver

    resolver = EntityResolver()
    names = ["杭州星推科技有限公司", "北京星推传媒有限公司"]
    resolver.learn_heads([Mention(n, 0, len(n), "Company") for n in names])
    assert resolver.key_for("星推", "Company") not in {resolver.key_for(n, "Company") for n in names}
