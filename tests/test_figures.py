from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.extract import EXTRACTORS, Pipeline
from kg.extract.figures.extractor import cn_number, find_figures
from kg.model import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _got(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(f.text, str(f.value), f.unit) for f in find_figures(text, lang=lang)]


CASES = [
    ("zh-yi-yuan", "2020年1688平台销售额达7000亿元", "zh", [("7000亿元", "700000000000", "CNY")]),
    ("zh-wan-merchants-gap", "处置1.3万虚假发货商家", "zh", [("1.3万虚假发货商家", "13000", "merchants")]),
    ("zh-approx-chao", "超4.1万商家直播销售额同比增长500%", "zh",
     [("超4.1万商家", "41000", "merchants"), ("500%", "500", "percent")]),
    ("zh-orders", "三年助销农特产品超200亿单", "zh", [("超200亿单", "20000000000", "orders")]),
    ("zh-subsidy", "累计补贴超165亿元", "zh", [("超165亿元", "16500000000", "CNY")]),
    ("zh-usd", "融资1.65亿美元", "zh", [("1.65亿美元", "165000000", "USD")]),
    ("zh-hkd", "收入3000万港元", "zh", [("3000万港元", "30000000", "HKD")]),
    ("zh-rmb-prefix", "人民币500万元", "zh", [("人民币500万元", "5000000", "CNY")]),
    ("zh-companies", "近5万家企业", "zh", [("近5万家企业", "50000", "companies")]),
    ("zh-cn-numeral", "超四千商家被清退", "zh", [("超四千商家", "4000", "merchants")]),
    ("zh-cn-percent", "百分之三十的用户", "zh", [("百分之三十", "30", "percent")]),
    ("zh-points", "增长2个百分点", "zh", [("2个百分点", "2", "percentage points")]),
    ("zh-people-more", "约20多人参加", "zh", [("约20多人", "20", "people")]),
    ("zh-fullwidth", "销售额１２３亿元", "zh", [("１２３亿元", "12300000000", "CNY")]),
    ("en-billion-yuan", "revenue was 25.75 billion yuan, an increase of 43.37%", "en",
     [("25.75 billion yuan", "25750000000", "CNY"), ("43.37%", "43.37", "percent")]),
    ("en-unit-before", "the number of InPost Mobile app users has reached 9.3 million, making it", "en",
     [("9.3 million", "9300000", "users")]),
    ("en-million-count", "It sold 9.3 million last year", "en", [("9.3 million", "9300000", "count")]),
    ("en-unit-before-not-across-verbs", "users spent 9.3 million hours", "en", [("9.3 million", "9300000", "count")]),
    ("zh-unit-before", "年度活跃用户达到2100万", "zh", [("2100万", "21000000", "users")]),
    ("zh-unit-before-links", "平台商家数量已突破500万", "zh", [("500万", "5000000", "merchants")]),
    ("zh-unit-before-other-clause", "用户增长明显，营收达500万", "zh", [("500万", "5000000", "count")]),
    ("zh-counter-then-noun", "签约1200名主播，覆盖50个城市", "zh",
     [("1200名主播", "1200", "streamers"), ("50个城市", "50", "cities")]),
    ("en-shares", "sold 12.35 million shares at $17 each", "en",
     [("12.35 million shares", "12350000", "shares"), ("$17", "17", "USD")]),
    ("zh-twd", "處以罰款新臺幣600萬元", "zh", [("新臺幣600萬元", "6000000", "TWD")]),
    ("zh-twd-simplified", "罚款新台币600万元", "zh", [("新台币600万元", "6000000", "TWD")]),
    ("en-nt-dollar", "a fine of NT$6 million", "en", [("NT$6 million", "6000000", "TWD")]),
    ("en-usd-cash-stock", "will pay $420 million in cash and stock", "en", [("$420 million", "420000000", "USD")]),
    ("en-gbp", "fined £4.2 million", "en", [("£4.2 million", "4200000", "GBP")]),
    ("zh-price-per-share", "发行价为每股12.8港元", "zh", [("12.8港元", "12.8", "HKD")]),
    ("zh-traditional-yi", "營收46.2億元，市值1.2萬億港元", "zh",
     [("46.2億元", "4620000000", "CNY"), ("1.2萬億港元", "1200000000000", "HKD")]),
    ("zh-traditional-items", "逾3000項商品", "zh", [("逾3000項商品", "3000", "products")]),
    ("en-range-bare-lower", "growth of 20-30% this year", "en", [("20-30%", "20", "percent")]),
    ("en-range-to", "between 3 to 5 billion yuan", "en", [("3 to 5 billion yuan", "3000000000", "CNY")]),
    ("zh-range-both-marked", "增长20%-30%", "zh", [("20%-30%", "20", "percent")]),
    ("zh-range-zhi", "融资3至5亿元", "zh", [("3至5亿元", "300000000", "CNY")]),
    ("en-adjective-gap", "dealt with 13,000 violating merchants", "en", [("13,000 violating merchants", "13000", "merchants")]),
    ("en-comma-bare", "with 4,200 either expelled or suspended", "en", [("4,200", "4200", "count")]),
    ("en-more-than", "more than 50,000 Chinese sellers", "en", [("more than 50,000 Chinese sellers", "50000", "merchants")]),
    ("en-translated-yi", "a loss of more than 1,000. 100 million yuan.", "en",
     [("more than 1,000. 100 million yuan", "100000000000", "CNY")]),
    ("en-us-dollar-sign", "will reach US$557.9 billion in 2025", "en", [("US$557.9 billion", "557900000000", "USD")]),
    ("en-short-magnitudes", "$5m deal, £3bn, €20k", "en",
     [("$5m", "5000000", "USD"), ("£3bn", "3000000000", "GBP"), ("€20k", "20000", "EUR")]),
    ("en-m-needs-currency", "a 5m long road", "en", []),
    ("en-nearly-parcels", "In 2021, InPost processed nearly 518 million parcels", "en",
     [("nearly 518 million parcels", "518000000", "parcels")]),
    ("en-members", "recruit more than 1,000 members per day", "en", [("more than 1,000 members", "1000", "members")]),
    ("en-pieces", "made into 50,000 pieces of fragrant slices", "en", [("50,000 pieces", "50000", "items")]),
    ("en-yuan-small", "a minimum of 10 yuan and a maximum of 100 yuan per order", "en",
     [("10 yuan", "10", "CNY"), ("100 yuan", "100", "CNY")]),
    ("en-hkd-after", "3,000 HKD", "en", [("3,000 HKD", "3000", "HKD")]),
    ("en-percent-word", "up 12.5 percent", "en", [("12.5 percent", "12.5", "percent")]),
    ("en-boundary-approx", "takeover 100 merchants", "en", [("100 merchants", "100", "merchants")]),
    ("not-list-ref-ordinal", "1. JD Retail [1] Double 11 双11 618 second largest Q3 5G iPhone 14", "en", []),
    ("not-dates-times-durations", "7天 24小时 16:00 2023年3月10日 3月13日 March 8, 2022", "zh", []),
    ("not-platform-name", "1688商家 店小蜜1688版 1688平台", "zh", []),
    ("not-phone", "电话400-820-8820，邮编100000", "zh", []),
    ("not-years", "In 2021, the 2022 WeMall conference", "en", []),
    ("not-small-cn", "一家公司 十分 万一 三五家", "zh", []),
    ("not-duration-before-unit", "7天内订单", "zh", []),
]


@pytest.mark.parametrize(("text", "lang", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_figures_find(text: str, lang: str, expected: list) -> None:
    assert _got(text, lang) == expected


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("四千", 4000), ("十", 10), ("三十五", 35), ("一万三千", 13000), ("两百万", 2_000_000), ("十万亿", 10**13),
     ("一亿零五百万", 105_000_000), ("三五", None), ("兩萬三千", 23000), ("一億零五百萬", 105_000_000)],
    ids=["thousands", "ten", "tens", "wan", "liang-bai-wan", "wan-yi", "ling", "range-rejected", "traditional-wan",
         "traditional-yi"],
)
def test_figures_cn_number(numeral: str, value: int | None) -> None:
    assert cn_number(numeral) == value


def test_figures_values_are_plain_decimals() -> None:
    (fig,) = find_figures("9.3 million users", lang="en")
    assert fig.value == Decimal(9300000) and "E" not in str(fig.value) and fig.unit == "users"


def test_figures_extractor_skips_names_and_dates() -> None:
    doc = Document(key="d", source_path="x.txt", position="", lang="zh",
                   text="阿里巴巴旗下1688商家超4.1万家，2023年3月10日起生效", date_published="2023-03-13")
    ex = Pipeline(["gazetteer", "dates", "figures"])(doc)
    assert "figures" in EXTRACTORS
    assert [(f.text, f.value, f.unit) for f in ex.figures] == [("超4.1万家", Decimal(41000), "companies")]


def test_figures_large_text_runs() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    big = text * (1_000_000 // len(text) + 1)
    found = find_figures(big, lang="en")
    assert len(found) > 1000
    assert all(big[f.start:f.end] == f.text for f in found)


def test_number_led_search_equals_a_scan_at_every_position() -> None:
    """The figures step searches near numbers only; it must find exactly the matches of the
    whole pattern tried everywhere (far leads, ranges, English and Chinese, the seeds)."""
    from kg.extract.figures.extractor import _FOLD, FigureFinder

    finder = FigureFinder()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    texts += ["approximately US $ 5 million and more than 20-30%", "大约人民币百分之三十，超过一万",
              "about a third of about 7 users; around " + "x" * 40 + " 12", "", "no numbers at all",
              "百分之五十三", "up to 3 to 5 billion", "١٢٣ units and ３万元"]
    for text in texts:
        folded = text.translate(_FOLD)
        assert [m.span() for m in finder._matches(folded)] == [m.span() for m in finder.pattern.finditer(folded)]
