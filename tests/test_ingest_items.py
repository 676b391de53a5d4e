"""Pages of several items: stacked wire stories, newsletters and their issue dates, related-reading
blocks of dated entries, sign-offs closing the last item. Inputs are written for these tests (not from any corpus)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest_file
from tests.ingest_helpers import BODY_EN as BODY
from tests.ingest_helpers import TITLE_EN as TITLE
from tests.ingest_helpers import docs_of
from tests.ingest_helpers import docs_of as _docs
from tests.ingest_helpers import newsletter_zh as _newsletter
from tests.ingest_helpers import zh_page as _zh_page

STACK_ZH = [
    ("甲乙科技完成2亿元B轮融资 加码跨境仓储", "海港日报· 2025-03-02 09:10",
     "3月2日,甲乙科技宣布完成2亿元B轮融资,本轮由丙丁资本领投,资金将用于海外仓建设和系统研发。"),
    ("丙丁物流上线跨境退货服务", "山城晚报· 2025-03-01 18:00",
     "丙丁物流3月1日宣布上线跨境退货服务,首批覆盖德国、法国和西班牙三国,商家可在后台一键开通。"),
]


STACK_EN = [
    ("Acme Widgets to open three warehouses", "Harbour Gazette· 2025-03-02 09:10",
     "Acme Widgets said on Friday it would open three new warehouses, adding about 400 jobs."),
    ("Globex cuts seller fees in Europe", "Retail Weekly· 2025-03-01 18:00",
     "Globex said on Thursday it would cut commission fees for sellers in Europe from April 1."),
]


def _stack(banner: str, items: list[tuple[str, str, str]]) -> str:
    return banner + "\n" + "".join(f"{h}\n{d}\n{b}\n" for h, d, b in items)


_ARTICLE = ("# Globex to cut seller fees in Europe\n\n**By Jane Roe** · Published June 12, 2025\n\n"
            "Globex said on Wednesday it would cut commission fees for sellers in Europe from July 1, 2025, "
            "the first cut since the marketplace opened there.\n\n## Related reading\n\n")


_MAIN_EN = ("Acme Widgets shares rise 5% on debut\n\nBy Jane Roe | 9 July 2025\n\n"
            "Acme Widgets began trading on the London Stock Exchange on July 9, 2025, after raising "
            "£120 million in its initial public offering, and closed the first day higher.\n\n"
            "Related reading\n")


_ITEMS_EN = [
    ("Acme Widgets opens a warehouse in Leeds",
     "Acme Widgets said it has opened a 40,000-square-metre warehouse in Leeds, adding 300 jobs."),
    ("Foxglove Pay raises $12 million",
     "Foxglove Pay, a checkout start-up, raised $12 million in a round led by Birch Lane Capital."),
    ("Quillmart to close its marketplace app",
     "Quillmart said its marketplace app will be switched off at the end of the quarter."),
]


def _brief(masthead: str) -> str:
    rows = []
    for n, (head, body) in enumerate(_ITEMS_EN, start=1):
        rows += [f"## {n}. {head}", "", body, ""]
    return "\n".join(["# Seller Notes — Issue 12", "", masthead, "",
                      "This week: a warehouse, a funding round and a closure.", "", "---", "", *rows])


_RELATED_ZH = ("<li><p>9月12日消息,丙丁电商发布《丙丁电商商家保证金管理规范》,新规将于2024年10月1日起正式生效。</p></li>"
               "<li><p>9月5日消息,戊己超市在江西赣州上线“产地直发”服务,消费者下单后由果园直接发货。</p></li>")


def _zh_brief(last_tail: str, closing: str) -> str:
    rows = ["1、某某科技上线新版商家后台", "9月2日消息,某某科技宣布新版商家后台正式上线,覆盖全国商家超过10万家。(电商报)",
            "2、甲乙物流完成新一轮融资", f"9月2日消息,甲乙物流宣布完成新一轮融资,资金将用于仓储网络建设。{last_tail}"]
    return "\n".join(["电商早报:某某科技上线新版商家后台;甲乙物流完成新一轮融资", "", *rows, "", closing, ""])


@pytest.mark.parametrize("stamp", ["November 3, 2025 7:42 AM GMT · Updated 2 hours ago",
                                   "November 3, 2025 7:42 AM GMT · Updated 15 minutes ago"])
def test_stacked_wire_stories_with_relative_update_times_are_split(tmp_path, stamp):
    first = f"{TITLE}\n\nBy Ann Lee\n{stamp}\n\nNov 3 (Reuters) - {BODY}\n\n{BODY}\n\n"
    second = ("Beta Parcel completes purchase of locker firm\n\nBy Jo Roe\nOctober 1, 2025 10:15 AM GMT+2\n\n"
              "WARSAW, Oct 1 (Reuters) - Beta Parcel said on Wednesday it had completed its purchase of a "
              "locker operator.\n\nRelated coverage\n- Gamma raises outlook\n- Delta expands lockers\n")
    docs = _docs(tmp_path, first + second)
    items = [(d.headline, d.date_published, d.publisher, d.authors) for d in docs if not d.is_container]
    assert items == [(TITLE, "2025-11-03", "Reuters", ("Ann Lee",)),
                     ("Beta Parcel completes purchase of locker firm", "2025-10-01", "Reuters", ("Jo Roe",))]
    assert "Gamma" not in docs[-1].text


@pytest.mark.parametrize("stamp", ["Friday, March 7, 2025", "2025-03-07"])
def test_newsletter_date_is_its_own_and_dates_undated_items(tmp_path, stamp):
    items = "".join(f"{n}. Acme item number {n} opens a warehouse\n{lead}Acme Widgets opened a warehouse in town {n}.\n\n"
                    for n, lead in ((1, "On March 4, "), (2, ""), (3, "")))
    docs = _docs(tmp_path, f"ACME COMMERCE BRIEF — Weekly roundup, Issue #12\n{stamp}\n\n{items}")
    assert [d.date_published for d in docs] == ["2025-03-07", "2025-03-04", "2025-03-07", "2025-03-07"]


@pytest.mark.parametrize("masthead", ["DEAL DIGEST — Edition of Thursday, March 6, 2025",
                                      "Deal Digest — Issue of March 6, 2025"])
def test_newsletter_masthead_dates_and_publishes_its_items(tmp_path, masthead):
    other = "Beta Stores said it would close 12 shops in the south after a weak holiday season, cutting 300 jobs."
    text = (f"{masthead}\nIn today's issue: two stories\n=====\n\n{TITLE}\n\nBy Jane Roe\nMarch 6, 2025\n\n{BODY}\n\n"
            f"-----\n\nBeta Stores to close 12 shops in the south\n\nBy John Doe\nMarch 6, 2025\n\n{other}\n")
    path = tmp_path / "n.txt"
    path.write_text(text, encoding="utf-8")
    docs = ingest_file(path, tmp_path).documents
    items = [d for d in docs if not d.is_container]
    assert [d.publisher for d in items] == ["Deal Digest", "Deal Digest"]
    assert [d.date_published for d in items] == ["2025-03-06", "2025-03-06"]


@pytest.mark.parametrize(("banner", "items"), [
    ("甲乙电商", STACK_ZH), ("跨境观察", STACK_ZH),
    ("Marketplace Watch", STACK_EN), ("Seller News Daily", STACK_EN),
])
def test_site_name_over_stacked_articles_is_not_the_first_headline(tmp_path, banner, items):
    docs = [d for d in docs_of(tmp_path, _stack(banner, items)) if not d.is_container]
    assert [d.headline for d in docs] == [h for h, _, _ in items]
    assert [d.text for d in docs] == [b for _, _, b in items]


@pytest.mark.parametrize("byline", ["By Jane Roe", "记者 张三"])
def test_byline_between_stacked_headline_and_dateline_stays_in_the_head(tmp_path, byline):
    items = [(h, f"{byline}\n{d}", b) for h, d, b in STACK_EN]
    docs = [d for d in docs_of(tmp_path, _stack("", items)) if not d.is_container]
    assert [d.headline for d in docs] == [h for h, _, _ in STACK_EN]


@pytest.mark.parametrize("bullet", ["-", "*", "•"])
def test_dated_bullets_of_a_related_section_are_items_with_their_dates(tmp_path, bullet):
    entries = [("June 3", "Globex completed its acquisition of Initech Cards, a trading card grader.",
                "2025-06-03", "Globex completed its acquisition of Initech Cards, a trading card grader"),
               ("May 21", "Globex updated its refund policy for sellers of items over $500.",
                "2025-05-21", "Globex updated its refund policy for sellers of items over $500")]
    text = _ARTICLE + "".join(f"{bullet} **{d}** — {s}\n" for d, s, _, _ in entries)
    text += "\n*Share this article* · *Sign up for the Globex Weekly newsletter*\n"
    docs = [d for d in docs_of(tmp_path, text, "a.md") if not d.is_container]
    assert [(d.headline, d.date_published) for d in docs[1:]] == [(h, w) for _, _, w, h in entries]
    assert [d.text for d in docs[1:]] == [f"{d} — {s}" for d, s, _, _ in entries]


@pytest.mark.parametrize(("masthead", "date"), [
    ("电商快报 2024年9月20日", "2024-09-20"),
    ("零售早参 2023年9月12日 星期二", "2023-09-12"),
    ("Retail Brief 2022-09-15", "2022-09-15"),
])
def test_a_masthead_with_a_full_date_dates_the_issue(tmp_path: Path, masthead: str, date: str) -> None:
    container, *items = docs_of(tmp_path, _newsletter(masthead))
    assert container.date_published == date
    assert [it.date_published[5:] for it in items] == ["09-09", "09-08", "09-07"]


@pytest.mark.parametrize("heading", ["往期回顾", "相关阅读", "Related reading"])
def test_a_related_block_after_the_last_item_is_dropped(tmp_path: Path, heading: str) -> None:
    closing = f"{heading}\n每日电商资讯汇总:某平台上线新工具;某物流发布半年报..."
    *_, last = docs_of(tmp_path, _newsletter("电商快报 2024年9月20日", closing=closing))
    assert heading not in last.text and "半年报" not in last.text


@pytest.mark.parametrize(("entry", "date", "headline"), [
    ("July 3: The Fair Trade Office of Ruritania imposed a penalty of ₹4.5 crore on Bolt Grocers Pvt Ltd, "
     "a quick-commerce operator, for forcing suppliers into exclusive deals. It will appeal.",
     "2025-07-03", "The Fair Trade Office of Ruritania imposed a penalty of ₹4.5 crore on Bolt Grocers Pvt Ltd, "
     "a quick-commerce operator, for forcing suppliers into exclusive deals"),
    ("June 30: Zeta Pay appointed Mara Holm, previously at U.S. Bank, as chief risk officer. She starts in May.",
     "2025-06-30", "Zeta Pay appointed Mara Holm, previously at U.S. Bank, as chief risk officer"),
    ("Jul. 1 — Borealis Retail said it would close its loyalty club from August 31, 2025, and move members "
     "to the standard plan.",
     "2025-07-01", "Borealis Retail said it would close its loyalty club from August 31, 2025, and move members "
     "to the standard plan"),
])
def test_a_dated_related_entry_takes_its_date_and_its_whole_first_sentence(
        tmp_path: Path, entry: str, date: str, headline: str) -> None:
    *_, item = docs_of(tmp_path, _MAIN_EN + entry + "\n")
    assert item.date_published == date
    assert item.headline == headline


@pytest.mark.parametrize("line", ["May 5:30 pm is the cut-off for orders.", "June 3:2 was the final score."])
def test_a_clock_time_is_no_dated_lead(line: str) -> None:
    from kg.ingest.dates import LEAD_EN_DASH
    assert not LEAD_EN_DASH.match(line)


@pytest.mark.parametrize(("masthead", "date"), [
    ("*Monday, December 9, 2024 · compiled by Rachel Dunmore*", "2024-12-09"),
    ("Tuesday, March 4, 2025 | curated by Sam Ortiz", "2025-03-04"),
    ("15 June 2023 · edited by Lee Park", "2023-06-15"),
])
def test_a_dated_credit_line_dates_the_issue_and_its_items(tmp_path: Path, masthead: str, date: str) -> None:
    container, *items = docs_of(tmp_path, _brief(masthead), "brief.md")
    assert container.is_container and container.date_published == date
    assert len(items) == 3 and all(d.date_published == date for d in items)


@pytest.mark.parametrize("masthead", [
    "Monday, December 9, 2024 · Acme Widgets opened a warehouse in Leeds this week",
    "compiled by Rachel Dunmore",
])
def test_a_line_that_is_not_date_and_credit_dates_nothing(tmp_path: Path, masthead: str) -> None:
    container, *_ = docs_of(tmp_path, _brief(masthead), "brief.md")
    assert container.date_published is None


@pytest.mark.parametrize("heading", ["<h3>相关阅读</h3>", "<h4>延伸阅读：</h4>", "<div>相关新闻</div>"])
def test_dated_related_entries_on_a_page_are_documents(tmp_path: Path, heading: str) -> None:
    related = f'<div class="related">{heading}<ul>{_RELATED_ZH}</ul></div>'
    row = '<span class="time">2024-09-20 14:32</span>'
    container, main, first, second = docs_of(tmp_path, _zh_page(row, related), "a.html")
    assert container.is_container and main.headline == "甲乙科技启动秋季助农专项"
    assert main.date_published == "2024-09-20" and "丙丁" not in main.text
    assert first.date_published == "2024-09-12" and "2024年10月1日" in first.text
    assert second.date_published == "2024-09-05" and first.parent_key == container.key


def test_a_related_list_of_titles_only_stays_out(tmp_path: Path) -> None:
    related = ('<div class="related"><h3>相关阅读</h3><ul><li><a>丙丁电商发布新规</a></li>'
               '<li><a>戊己超市上线产地直发</a></li></ul></div>')
    doc, = docs_of(tmp_path, _zh_page('<span class="time">2024-09-20</span>', related), "a.html")
    assert doc.date_published == "2024-09-20" and "丙丁" not in doc.text


@pytest.mark.parametrize(("tail", "pub"), [
    ("(36氪)", "36氪"), ("（21世纪经济报道）", "21世纪经济报道"), ("(界面新闻)", "界面新闻"),
    ("(5亿元)", None), ("(2024年)", None),
])
@pytest.mark.parametrize("closing", ["以上就是今天的电商早报,我们明天见。", "以上是本期的零售周报,下期见!", ""])
def test_a_sign_off_is_dropped_and_the_last_item_keeps_its_source(
        tmp_path: Path, tail: str, pub: str | None, closing: str) -> None:
    *_, last = docs_of(tmp_path, _zh_brief(tail, closing))
    assert last.publisher == pub
    assert "明天见" not in last.text and "下期见" not in last.text
    assert (tail not in last.text) == (pub is not None)


def test_a_body_sentence_about_today_is_not_a_sign_off() -> None:
    from kg.ingest.repair import is_chrome
    assert not is_chrome("以上是今天的交易数据,平台成交额同比增长12%。")
