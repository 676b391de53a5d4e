"""Share, follow and theme rows are page chrome; pages scraped one token per line are re-joined
with Latin tokens and quoted names kept in their phrases."""
from __future__ import annotations

import pytest

from kg.ingest.repair import clean_lines, is_chrome, is_fragmented, rejoin
from tests.ingest_helpers import docs_of


@pytest.mark.parametrize("line", [
    "Share: Facebook | LinkedIn | WhatsApp",
    "Share via: WhatsApp, Email, Telegram",
    "Share on: X · Reddit",
    "Follow us on X | LinkedIn",
    "Follow us: Facebook · Instagram · Threads",
    "Follow us on Bluesky",
    "关注我们：微信公众号 微博 抖音",
    "分享至 微信 朋友圈 QQ空间",
    "分享到：微信、微博、复制链接",
    "Dark mode",
    "Light mode",
    "深色模式",
    "夜间模式",
])
def test_share_follow_and_theme_rows_are_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", [
    "Shares of Facebook rose 3% on Monday.",
    "WhatsApp said it would share data with Facebook from June.",
    "Follow us as we track the vote in every state tonight and tomorrow.",
    "Follow-up orders from LinkedIn users doubled.",
    "微信与微博宣布分享数据合作，双方将共建内容生态。",
    "The dark mode feature reached all users of the app on Tuesday.",
])
def test_body_sentences_naming_networks_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


_EN_TOKENS = [
    "Northgate Post", "to retire Evening Drop", "service", "from May 3", "2025-04-01 10:00:00",
    "Northgate Post", "said on April 1 that it will retire its Evening Drop", "service",
    ", which lets small", "shops", "hand in", "parcels", "after 6pm, from May 3, 2025.",
    "Northgate Post", "said the", "new", "option", "starts on May 5.",
]


def test_latin_pages_broken_into_words_are_fragmented() -> None:
    assert is_fragmented(_EN_TOKENS)


@pytest.mark.parametrize("lines", [
    ["Acme Widgets said on Friday it would open three new warehouses in the north of the country."] * 14,
    ["Key points", "Revenue rose", "Costs fell"] + ["A full sentence of the story that goes on for a while."] * 12,
])
def test_ordinary_articles_are_not_fragmented(lines: list[str]) -> None:
    assert not is_fragmented(lines)


@pytest.mark.parametrize(("tokens", "expected"), [
    (["Northgate Post", "said it will retire its Evening Drop", "service", ", from May 3."],
     "Northgate Post said it will retire its Evening Drop service, from May 3."),
    (["甲乙超市", "宣布上线“甲乙次日达”", "服务", ",覆盖全市。"], "甲乙超市宣布上线“甲乙次日达”服务,覆盖全市。"),
    (["市网信办约谈“", "丙丁优选", "”", "APP", "运营方。"], "市网信办约谈“丙丁优选”APP运营方。"),
    (["停止“戊己小区”社区团购", "服务", "。"], "停止“戊己小区”社区团购服务。"),
])
def test_rejoin_keeps_quoted_names_and_latin_phrases_whole(tokens: list[str], expected: str) -> None:
    assert rejoin(tokens) == [expected]


@pytest.mark.parametrize(("tokens", "expected"), [
    (["他说:“", "我们会继续投入。”", "甲乙超市", "同日宣布扩张。"],
     ["他说:“我们会继续投入。”", "甲乙超市同日宣布扩张。"]),
    (["He said: “We will keep investing.”", "Acme", "also opened a store."],
     ["He said: “We will keep investing.”", "Acme also opened a store."]),
])
def test_a_quote_closed_after_its_sentence_still_ends_it(tokens: list[str], expected: list[str]) -> None:
    assert rejoin(tokens) == expected


def test_token_page_in_english_becomes_items_with_whole_headlines(tmp_path) -> None:
    head = ["Menu", "Home", "News", "Parcels", "Subscribe", "Search", "Dark mode"]
    tail = ["Northgate Post", "to cut Saturday", "deliveries", "from June 7", "2025-05-02 09:00:00",
            "Northgate Post", "said on May 2 it will cut Saturday", "deliveries", "in rural areas from June 7, 2025.",
            "Load more", "Privacy policy"]
    docs = docs_of(tmp_path, "\n".join(head + _EN_TOKENS + tail) + "\n")
    items = [d for d in docs if not d.is_container]
    assert [d.headline for d in items] == [
        "Northgate Post to retire Evening Drop service from May 3",
        "Northgate Post to cut Saturday deliveries from June 7",
    ]
    assert items[0].text.startswith("Northgate Post said on April 1 that it will retire its Evening Drop service, which")
    assert "Dark mode" not in "\n".join(d.text + (d.headline or "") for d in docs)


def test_clean_lines_reports_a_latin_token_page_as_rejoined() -> None:
    _, fragmented = clean_lines("\n".join(_EN_TOKENS))
    assert fragmented


@pytest.mark.parametrize("line", [
    "Core Insights", "Core Viewpoint:", "Highlights", "Group 2: Market Reaction", "Group 3",
    "核心要点", "核心观点：", "第一部分：监管动态", "第三部分", "第12部分:财务数据",
])
def test_scaffolding_section_headings_are_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", [
    "Group 1 Holdings said revenue rose 12% to $40 million in the quarter.",
    "Highlights of the deal include a new warehouse in Leeds.",
    "第一部分资金将用于海外仓建设，其余用于研发。",
    "核心要点在于，平台将对商家的宣传用语进行抽检。",
])
def test_sentences_opening_like_headings_stay(line: str) -> None:
    assert not is_chrome(line)


def test_scaffolding_heading_is_not_a_byline(tmp_path) -> None:
    text = ("甲乙物流被罚50万元 虚标配送时效\n新京报· 2025-04-10 09:12\n核心要点\n"
            "- 市市场监督管理局4月9日公布对甲乙物流科技有限公司的行政处罚决定,罚款50万元 [1]\n"
            "第一部分:处罚情况\n- 甲乙物流已于4月3日缴清全部罚款 [1]\n")
    docs = [d for d in docs_of(tmp_path, text) if not d.is_container]
    assert docs[0].authors == ()
    assert "核心要点" not in docs[0].text and "第一部分" not in docs[0].text


_PAGE = ("<html><body><article><h1>Acme fined over delivery claims</h1>"
         '<p class="byline">{byline}</p>'
         "<p>Acme Widgets Ltd was fined £1 million on Monday for misleading next-day delivery claims, "
         "the regulator said in a statement.</p></article></body></html>")


@pytest.mark.parametrize(("byline", "authors"), [
    ('By <span class="author">Jane Roe</span> | <time datetime="2025-02-19">19 February 2025</time>', ("Jane Roe",)),
    ("By Jane Roe · Updated 9:32 AM EDT, Tue May 21, 2024", ("Jane Roe",)),
    ('<span>杨柳</span> | <time>2025-01-08 08:30</time>', ("杨柳",)),
    ("By Jane Roe and John Doe | March 3, 2025", ("Jane Roe", "John Doe")),
])
def test_a_timestamp_in_the_byline_row_is_no_author(tmp_path, byline: str, authors: tuple[str, ...]) -> None:
    doc, = docs_of(tmp_path, _PAGE.format(byline=byline), name="a.html")
    assert doc.authors == authors
