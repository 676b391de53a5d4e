from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.extract import EXTRACTORS, Pipeline
from kg.extract.cuefile import CueFile
from kg.extract.dates import date_spans, find_dates
from kg.extract.patterns import alternation, first_chars
from kg.model import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _got(text: str, lang: str, doc_date: str | None) -> list[tuple[str, str, str | None, str]]:
    return [(d.text, d.value, d.end_value, d.role) for d in find_dates(text, lang=lang, doc_date=doc_date)]


CASES = [
    ("zh-full", "2023年3月10日发布", "zh", None, [("2023年3月10日", "2023-03-10", None, "date")]),
    ("iso", "2023-03-10 更新", "zh", None, [("2023-03-10", "2023-03-10", None, "date")]),
    ("slash", "截至2023/3/10，", "zh", None, [("2023/3/10", "2023-03-10", None, "date")]),
    ("dotted", "于2023.3.10公布", "zh", None, [("2023.3.10", "2023-03-10", None, "date")]),
    ("timestamp-time-ignored", "2023-03-13 17:16", "zh", None, [("2023-03-13", "2023-03-13", None, "date")]),
    ("en-mdy", "on March 8, 2022.", "en", None, [("March 8, 2022", "2022-03-08", None, "date")]),
    ("en-dmy", "on 8 March 2022.", "en", None, [("8 March 2022", "2022-03-08", None, "date")]),
    ("en-abbrev-yearless", "Mar. 8 it said", "en", "2022-03-01", [("Mar. 8", "2022-03-08", None, "date")]),
    ("en-yearless-docdate", "On August 13, the bureau met", "en", "2021-08-15",
     [("August 13", "2021-08-13", None, "date")]),
    ("en-ordinal", "March 1st news", "en", "2022-03-01", [("March 1st", "2022-03-01", None, "date")]),
    ("zh-yearless-docdate", "3月13日消息", "zh", "2023-03-13T17:16:00", [("3月13日", "2023-03-13", None, "date")]),
    ("zh-yearless-from-text", "已于2023年3月1日起调整，5月4日退款", "zh", None,
     [("2023年3月1日", "2023-03-01", None, "effective"), ("5月4日", "2023-05-04", None, "date")]),
    ("zh-yearless-nearest-following", "3月21日消息，小蜜于2023年3月1日起调整", "zh", None,
     [("3月21日", "2023-03-21", None, "date"), ("2023年3月1日", "2023-03-01", None, "effective")]),
    ("year-boundary", "发布于2022年12月28日，1月3日生效", "zh", None,
     [("2022年12月28日", "2022-12-28", None, "date"), ("1月3日", "2023-01-03", None, "effective")]),
    ("zh-effective-zi-qi", "自2023年3月10日起，平台将下架", "zh", None, [("2023年3月10日", "2023-03-10", None, "effective")]),
    ("zh-effective-qi-hao", "2023年3月15号起新规正式生效", "zh", None, [("2023年3月15号", "2023-03-15", None, "effective")]),
    ("zh-effective-clause", "计划将于2021年3月1日对该产品下线处理", "zh", None,
     [("2021年3月1日", "2021-03-01", None, "effective")]),
    ("zh-effective-after-time", "自2022年4月28日00:00:00起调整", "zh", None,
     [("2022年4月28日", "2022-04-28", None, "effective")]),
    ("zh-effective-label", "调整生效时间为2021年2月24日。", "zh", None, [("2021年2月24日", "2021-02-24", None, "effective")]),
    ("zh-future-not-effective", "将于2023年5月4日退还款项", "zh", None, [("2023年5月4日", "2023-05-04", None, "date")]),
    ("zh-qisu-not-effective", "于2023年5月4日起诉", "zh", None, [("2023年5月4日", "2023-05-04", None, "date")]),
    ("en-take-effect", "which will take effect on March 8, 2022.", "en", None,
     [("March 8, 2022", "2022-03-08", None, "effective")]),
    ("en-starting-from", "starting from April 27, 2022, Amazon will", "en", None,
     [("April 27, 2022", "2022-04-27", None, "effective")]),
    ("en-as-of-is-reporting-date", "As of March 31, 2024, the platform had 5 million users", "en", None,
     [("March 31, 2024", "2024-03-31", None, "date")]),
    ("en-effective-as-of", "the fee is effective as of May 1, 2022, for sellers", "en", None,
     [("May 1, 2022", "2022-05-01", None, "effective")]),
    ("zh-jiezhi-is-reporting-date", "截至2024年3月31日，平台用户达1亿", "zh", None,
     [("2024年3月31日", "2024-03-31", None, "date")]),
    ("en-by-deadline", "Sellers must comply by March 1, 2024.", "en", None,
     [("March 1, 2024", "2024-03-01", None, "effective")]),
    ("en-weekday", "Vendora said on Wednesday it will charge sellers", "en", "2024-05-22",
     [("Wednesday", "2024-05-22", None, "date")]),
    ("en-weekday-before-docdate", "The regulator said on Friday", "en", "2024-05-22",
     [("Friday", "2024-05-17", None, "date")]),
    ("en-weekday-no-docdate", "The regulator said on Friday", "en", None, []),
    ("en-weekday-range-is-hours", "Open Monday to Friday.", "en", "2024-05-22", []),
    ("zh-weekday", "阿里巴巴周一宣布", "zh", "2024-05-22", [("周一", "2024-05-20", None, "date")]),
    ("zh-weekday-traditional", "公平會星期二宣布", "zh", "2024-01-10", [("星期二", "2024-01-09", None, "date")]),
    ("zh-weekday-every", "每周一更新，上周三发布", "zh", "2024-05-22", []),
    ("zh-weekday-range", "周一至周五营业", "zh", "2024-05-22", []),
    ("zh-traditional-effective", "新規將於2024年3月1日起實施", "zh", None,
     [("2024年3月1日", "2024-03-01", None, "effective")]),
    ("zh-traditional-cong", "從2024年3月1日開始", "zh", None, [("2024年3月1日", "2024-03-01", None, "effective")]),
    ("zh-range-time", "活动时间为2025年1月21日0点-2025年2月6日", "zh", None,
     [("2025年1月21日0点-2025年2月6日", "2025-01-21", "2025-02-06", "date")]),
    ("zh-range-yearless-end", "将于2023年5月4日至5月10日期间退还", "zh", None,
     [("2023年5月4日至5月10日", "2023-05-04", "2023-05-10", "date")]),
    ("zh-range-docdate", "2月19日至3月31日期间", "zh", "2024-01-05", [("2月19日至3月31日", "2024-02-19", "2024-03-31", "date")]),
    ("zh-range-day-only", "5月4日至10日", "zh", "2023-04-01", [("5月4日至10日", "2023-05-04", "2023-05-10", "date")]),
    ("en-range-from-to", "from May 4 to May 10", "en", "2022-03-01", [("May 4 to May 10", "2022-05-04", "2022-05-10", "date")]),
    ("en-range-dash", "May 4-10", "en", "2022-01-01", [("May 4-10", "2022-05-04", "2022-05-10", "date")]),
    ("zh-month-effective", "商家将在2022年10月起陆续升级", "zh", None, [("2022年10月", "2022-10-01", None, "effective")]),
    ("en-month-effective", "from October 2022 on", "en", None, [("October 2022", "2022-10-01", None, "effective")]),
    ("month-without-cue", "in October 2022, 2022年10月销售", "en", None, []),
    ("month-part", "预计将在2023年5月底前全面停止", "zh", None, []),
    ("zh-relative", "阿里巴巴1688今日发布，近日上线", "zh", "2023-03-13",
     [("今日", "2023-03-13", None, "date"), ("近日", "2023-03-13", None, "date")]),
    ("zh-yesterday", "昨日宣布", "zh", "2023-03-01", [("昨日", "2023-02-28", None, "date")]),
    ("en-relative", "recently announced; yesterday it said", "en", "2022-03-01",
     [("recently", "2022-03-01", None, "date"), ("yesterday", "2022-02-28", None, "date")]),
    ("zh-today-effective", "今日起执行", "zh", "2023-03-01", [("今日", "2023-03-01", None, "effective")]),
    ("blocker-toutiao", "今日头条发布", "zh", "2023-03-01", []),
    ("blocker-festival", "节日前夕", "zh", "2023-03-01", []),
    ("blocker-then-date", "据今日头条报道，今日上线", "zh", "2023-03-01", [("今日", "2023-03-01", None, "date")]),
    ("blocker-en", "USA TODAY said today", "en", "2022-03-01", [("today", "2022-03-01", None, "date")]),
    ("no-docdate-yearless", "3月13日消息，昨日宣布，recently", "zh", None, []),
    ("not-dates", "In 2021, 2021年, 1688平台, 7天, 24小时, 16:00, 3.15晚会, Q3", "en", "2022-01-01", []),
    ("may-verb", "sellers may 5 times", "en", "2022-01-01", []),
    ("invalid-day", "2023年2月30日", "zh", None, []),
]


@pytest.mark.parametrize(("text", "lang", "doc_date", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_dates_find(text: str, lang: str, doc_date: str | None, expected: list) -> None:
    assert _got(text, lang, doc_date) == expected


def test_dates_offsets_point_at_text() -> None:
    text = "通知称，自2023年3月10日起，1688平台将在应用市场下架。"
    for d in find_dates(text, lang="zh", doc_date=None):
        assert text[d.start:d.end] == d.text


def test_dates_spans_include_unresolvable() -> None:
    assert date_spans("3月13日消息，2022年10月") == [(0, 5), (8, 16)]


def test_dates_registered_extractor() -> None:
    doc = Document(key="d", source_path="x.txt", position="", text="On August 13, the bureau met.", lang="en",
                   date_published="2021-08-15")
    ex = Pipeline(["dates"])(doc)
    assert "dates" in EXTRACTORS
    assert [(d.value, d.role) for d in ex.dates] == [("2021-08-13", "date")]


def test_dates_cue_file_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "_format": "x",\n  "clause_chars": "ten"\n}\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.json:3: 'clause_chars'"):
        CueFile(str(bad)).integer("clause_chars")


def test_dates_large_text_runs() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    big = text * (1_000_000 // len(text) + 1)
    found = find_dates(big, lang="zh", doc_date="2023-03-13")
    assert len(found) > 1000
    assert all(big[d.start:d.end] == d.text for d in found[:200])


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_first_chars_guard_keeps_matches(flags: int) -> None:
    """The first-character lookahead only skips positions where no word can start."""
    words = ["Monday", "kelvin", "straße", "is", "今日", "a few days ago", ".net"]
    text = "On MONDAY the \u212aelvin (K) ſtraße İs today; 今日 A FEW DAYS AGO, .NET and ıs .net"
    plain = re.compile(f"(?:{alternation(words)})", flags)
    guarded = re.compile(f"{first_chars(words)}(?:{alternation(words)})", flags)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert first_chars(["x", ""]) == ""  # an empty word matches anywhere: no guard


_LED_TEXTS = [
    "On 5 May 2023, Sept. 25 and Sept.May 2022; 12 of March, 2021 and March 2020, May 4 to May 6.",
    "5th  of   June 2019 vs 123 June 2019, June 3:15, Junes 4, xMay 3, 3 Mayday, 2 Jan. 2020, 2023年5月10日",
    "TODAY, today and Today; YESTERDAY, a few days ago, a FEW days ago, recently; ſtoday K-today İtoday",
    "今日头条说，近日、日前、昨天、明日方舟。3日前，每日前天 tomorrowland today's Today Show",
    "2023 年 5 月 10 日，２０２３年５月份，1.2023年3月，12023年5月，3 月 5 号，年月，2023\u3000年 12\n月 1日，5月6月7日",
    "2023-05-06, 2023/5/6 and 1999.12.31; 12023-1-2, 2020-1-2x, 120-1-2, v2019.3.4, 2019-3/4, 2021-13-40",
    "the 5th of May, 3 of  June, 12th\nMar. 2020, 1st of\tOctober, 21 of May, xof May, 3rdof May, 44 May",
    "Monday, MONDAY, Mondays, xMonday, Sunday-Friday, 周一至周五, 每周二, 星期天, 礼拜六, 禮拜日, 週三, holiday",
    "", "no dates at all",
]


@pytest.mark.parametrize("text", _LED_TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))])
def test_dates_patterns_tried_at_their_leads_find_what_a_scan_finds(text: str) -> None:
    """Patterns tried only where a month name (or another pattern's match) starts, and the
    relative words tried only where one is written, find exactly what a scan of the whole
    text finds."""
    from kg.extract.dates import DateFinder
    from tests.dates_helpers import assert_leads_equal_a_scan

    assert_leads_equal_a_scan(DateFinder(), text)


def test_anchored_words_begin_where_a_scan_finds_them() -> None:
    """`_Anchored` finds every place one of its words begins, with a few searches."""
    from kg.extract.dates import _Anchored

    words = ["Monday", "Friday", "周一", "星期天", "a", "aa", "today"]
    text = "aaa Monday Fridays 周一周一 星期天 星期 today TODAY"
    want = sorted({m.start() for w in words for m in re.finditer(f"(?={re.escape(w)})", text)})
    assert _Anchored(words).starts(text) == want
    assert _Anchored(["x", ""]).starts("ab") == [0, 1, 2]  # an empty word begins everywhere


def test_word_start_trie_finds_what_the_longest_first_alternation_finds() -> None:
    """Month names, weekdays and the relative words led by their first letter and spelled as a
    trie match where their plain longest-first alternation with the same look-behind matches."""
    from kg.extract.dates import DateFinder, word_start

    finder = DateFinder()
    lists = [(list(finder.months), r"\w"), (list(finder.weekdays), "[A-Za-z]"), (["今日", "今天", "日前", "a", "ab", "b"], r"\w")]
    text = ("Sept. September Sep Septembers xMay Mayday May, June Jun Jul. July 5 Dec. Decem 周一 星期天 周一至周五 "
            "今日 今天天 x日前 ab a aab b ba Monday Mondays Sunday") * 2
    for words, not_after in lists:
        plain = "|".join(rf"(?<!{not_after}){re.escape(w)}" for w in sorted(set(words), key=lambda w: (-len(w), w)))
        old, new = re.compile(f"(?:{plain})"), re.compile(f"(?:{word_start(words, not_after)})")
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
        for pos in range(len(text)):
            a, b = new.match(text, pos), old.match(text, pos)
            assert (a and a.span()) == (b and b.span())
