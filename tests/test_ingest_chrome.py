"""Page chrome that is not body: furniture rows, link lists, menus and tags, captions, front matter,
"Read more" buttons, sign-off boilerplate, share/follow/theme rows; pages scraped one token per
line, re-joined. Inputs are written for these tests (not from any corpus)."""
from __future__ import annotations

import pytest

from kg.ingest.repair import clean_lines, is_chrome, is_fragmented, rejoin
from tests.ingest_helpers import BODY_EN as BODY
from tests.ingest_helpers import TITLE_EN as TITLE
from tests.ingest_helpers import ZH_BODY, ZH_TITLE, docs_of
from tests.ingest_helpers import doc_of as _doc


def _tokens(*parts: str) -> str:
    return "\n".join(parts) + "\n"


_EN_ITEMS = [
    ("Globex to cut seller fees in Europe", "2025-03-02 09:10:00",
     "March 2 news, Globex said it will cut commission fees for sellers in Europe from April 1, 2025."),
    ("Globex opens a fourth warehouse in Leeds", "2025-02-20 18:00:00",
     "February 20 news, Globex said it opened its fourth warehouse in Leeds, adding 300 jobs."),
]


@pytest.mark.parametrize("line", [
    "Related: Gamma's IPO plans in limbo | Delta shares slip below offer price",
    "Read more: Gamma faces scrutiny over pricing claims",
    "相关阅读：跨境电商物流出海，海外仓成新战场",
    "[PHOTO: Shoppers walk past a store in Columbus, Ohio. (AP Photo/John Riley)]",
    "Photo caption: Shoppers walk past a store in Columbus. (Credit: Shutterstock)",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "界面新闻编辑 | 刘畅",
    "字号  A+  A-      分享到：",
    "（本文不构成投资建议）",
    "风险提示：市场有风险，投资需谨慎。",
    "【财联社APP】 下载  |  “电报”快讯 7x24小时",
    "点击“在看”，分享给更多人",
    "新浪科技公众号",
    "[配图] 橙意集团总部 图片来源：视觉中国",
])
def test_page_furniture_inside_the_body_is_not_body(tmp_path, line):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Ann Lee\nMarch 2, 2023\n\n{BODY}\n\n{line}\n\n{BODY}\n")
    assert line not in doc.text and doc.text.count("Acme") == 2


@pytest.mark.parametrize("heading", ["MORE FROM HARBOUR GAZETTE", "往期推荐：", "Trending now"])
def test_related_link_lists_are_not_body(tmp_path, heading):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Ann Lee\nMarch 2, 2023\n\n{BODY}\n\n{heading}\n- Gamma opens second store\n"
                         "- Delta changes seller fees again\n")
    assert doc.text == BODY


@pytest.mark.parametrize(("front", "expected"), [
    ("---\nlayout: post\ntitle: \"Acme opens warehouses\"\nauthor: Jo Roe\ndate: 2024-05-06\n---\n",
     ("Acme opens warehouses", ("Jo Roe",), "2024-05-06", None)),
    ("---\nlayout: post\nsite: Harbour Weekly\ntags: [deals, retail]\n---\n",
     (TITLE, ("Ann Lee",), "2023-03-02", "Harbour Weekly")),
])
def test_front_matter_is_metadata_not_text(tmp_path, front, expected):
    doc = _doc(tmp_path, f"{front}\n# {TITLE}\n\n**By Ann Lee** · March 2, 2023\n\n{BODY}\n", "a.md")
    assert (doc.headline, doc.authors, doc.date_published, doc.publisher) == expected
    assert doc.text == BODY


@pytest.mark.parametrize("line", [
    "[Share on X](#) · [Share on LinkedIn](#) · [Copy link](#)",
    "*Acme founders Jo Roe (left) and Ann Lee. Photo: Acme*",
    "**Subscribe to Harbour Weekly** — get deal news in your inbox every Tuesday.",
])
def test_markdown_page_furniture_is_not_body(tmp_path, line):
    doc = _doc(tmp_path, f"# {TITLE}\n\n**By Ann Lee** · March 2, 2023\n\n{line}\n\n{BODY}\n", "a.md")
    assert doc.text == BODY


@pytest.mark.parametrize("issuer", ["Acme Widgets, Inc.", "Acme Widgets Ltd."])
def test_issuer_line_under_news_provided_by_is_not_body(tmp_path, issuer):
    doc = _doc(tmp_path, f"{TITLE}\n\nNews provided by\n{issuer}\nJan 21, 2025, 08:00 ET\n\nShare this article\n\n"
                         f"NEW YORK, Jan. 21, 2025 /PRNewswire/ -- {BODY}\n")
    assert (doc.headline, doc.date_published, doc.publisher, doc.text) == (TITLE, "2025-01-21", "PRNewswire", BODY)


@pytest.mark.parametrize("crumb", ["Home / Retail / Deals", "Harbour Gazette / Business / Retail"])
def test_slash_breadcrumb_is_not_the_headline(tmp_path, crumb):
    doc = _doc(tmp_path, f"{crumb}\n\n{TITLE}\n\nBy Jane Roe\nMarch 2, 2025\n\n{BODY}\n")
    assert doc.headline == TITLE and doc.text == BODY


@pytest.mark.parametrize("menu", ["Payments | Buy now, pay later", "Retail | Direct to consumer brands"])
def test_section_menu_above_the_headline_is_not_the_headline(tmp_path, menu):
    doc = _doc(tmp_path, f"RETAIL FRONTLINE\n{menu}\n\n{TITLE}\n\nMarch 2, 2025\nWritten by: Jane Roe\n\n{BODY}\n")
    assert (doc.headline, doc.authors) == (TITLE, ("Jane Roe",))
    assert doc.text == BODY


@pytest.mark.parametrize("heading", ["READ MORE", "Read more"])
def test_read_more_button_heading_a_link_list_closes_the_body(tmp_path, heading):
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Jane Roe\nMarch 2, 2025\n\n{BODY}\n\n{heading}\n"
                         "> Rival opens a fourth warehouse\n> What the new rules mean for sellers\n")
    assert doc.text == BODY


def test_read_more_button_inside_a_body_keeps_the_story(tmp_path):
    more = "The company said hiring would start in April, with most roles in logistics and customer service."
    doc = _doc(tmp_path, f"{TITLE}\n\nBy Jane Roe\nMarch 2, 2025\n\n{BODY}\n\nRead more\n\n{more}\n")
    assert doc.text == f"{BODY}\n{more}"


@pytest.mark.parametrize("caption", ["*A worker at the Leeds warehouse. (File photo)*", "_The new site in Leeds._"])
def test_emphasised_line_under_a_markdown_image_is_a_caption(tmp_path, caption):
    text = f"# {TITLE}\n\n*By Jane Roe | March 2, 2025*\n\n{BODY}\n\n![warehouse](/img/w.jpg)\n{caption}\n"
    doc = _doc(tmp_path, text, "a.md")
    assert doc.text == BODY


@pytest.mark.parametrize("line", [
    "图：甲乙科技仓库内景（资料图）",
    "（圖說：甲乙科技執行長。圖／甲乙提供）",
    "分享到：微信  微博  QQ空间",
    "分享：微信 | 微博 | 复制链接",
    "标签：跨境电商 融资",
    "【打印本页】【关闭窗口】",
    "【热门股票】 【行情中心】 【数据中心】",
    "点击关注甲乙周刊，获取更多行业资讯",
    "（本文仅供参考，不构成投资建议）",
    "主办：某某市人民政府办公室　　网站标识码：1234567890",
    "Also read: Rival opens a fourth warehouse",
    "Share this story | Follow us on LinkedIn",
    "Follow Retail Frontline on LinkedIn | Get our weekly newsletter",
    "Click here to get Harbour Wire alerts | Share | Print",
    "Unsubscribe | Manage preferences | Forward to a friend",
    "You're receiving Deal Digest because you subscribed at example.com.",
])
def test_page_furniture_after_the_body_is_not_body(tmp_path, line):
    body = ZH_BODY if any("\u4e00" <= c <= "\u9fff" for c in line) else BODY
    title = ZH_TITLE if body == ZH_BODY else TITLE
    doc = _doc(tmp_path, f"{title}\n\n2025-03-02 10:00\n\n{body}\n\n{line}\n")
    assert doc.text == body


@pytest.mark.parametrize("nav", [
    ("Home", "News", "Retail", "Sign in", "Globex", "Tag archive"),
    ("Home", "Marketplaces", "Toggle theme", "Globex", "Category archive"),
])
def test_menu_and_tag_name_of_a_token_per_line_page_are_not_the_first_headline(tmp_path, nav):
    lines = list(nav)
    for head, when, body in _EN_ITEMS:
        lines += [*head.split(" ", 1), when, *body.split(" ")]
    lines += ["About us", "Advertise", "Privacy policy"]
    docs = [d for d in docs_of(tmp_path, _tokens(*lines)) if not d.is_container]
    assert [d.headline for d in docs] == [h for h, _, _ in _EN_ITEMS]
    assert [d.text for d in docs] == [b for _, _, b in _EN_ITEMS]


@pytest.mark.parametrize(("nav", "head"), [
    (("首页", "快讯", "登录", "甲乙电商", "标签页"), ("甲乙电商", "调整", "保证金", "规则")),
    (("首頁", "快訊", "甲乙電商", "標籤頁"), ("甲乙電商", "調整", "保證金", "規則")),
])
def test_chinese_tag_page_menu_is_dropped(tmp_path, nav, head):
    body = ("3月2日消息,", "甲乙", "电商", "发布公告,", "将", "保证金", "标准", "下调", "三成,", "新", "规则",
            "将于", "2025年4月1日起", "施行。")
    lines = [*nav, *head, "2025-03-02 10:12:40", *body, *head, "2025-02-02 10:12:40", *body, "联系我们"]
    docs = [d for d in docs_of(tmp_path, _tokens(*lines)) if not d.is_container]
    assert [d.headline for d in docs] == ["".join(head)] * 2
    assert docs[0].text == "".join(body)


@pytest.mark.parametrize(("parts", "joined"), [
    (["February 18 news,", "Globex", "said"], "February 18 news, Globex said"),
    (["from May 15, 2025,", "sellers", "who"], "from May 15, 2025, sellers who"),
    (["3月2日消息,", "1688", "平台"], "3月2日消息,1688平台"),
    (["Globex", ": sellers"], "Globex: sellers"),
])
def test_token_per_line_text_keeps_a_space_after_a_latin_comma(parts, joined):
    from kg.ingest.repair import join_fragments
    assert join_fragments(parts) == joined


@pytest.mark.parametrize("row", ["Share this article · Sign up for the Globex Weekly newsletter",
                                 "Print | Share | Back to top", "分享 · 收藏 · 返回顶部"])
def test_row_of_page_furniture_is_chrome(row):
    from kg.ingest.repair import is_chrome
    assert is_chrome(row)


@pytest.mark.parametrize("line", ["Print and share the plan · 2025", "Globex · Share"])
def test_row_with_text_is_not_chrome(line):
    from kg.ingest.repair import is_chrome
    assert not is_chrome(line)


@pytest.mark.parametrize("line", ["That's all for this week — see you on Monday.", "That's it for today."])
def test_an_english_sign_off_is_boilerplate(line: str) -> None:
    from kg.ingest.repair import is_chrome
    assert is_chrome(line)


# --- share, follow and theme rows; pages scraped one token per line ----------------------------------

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
