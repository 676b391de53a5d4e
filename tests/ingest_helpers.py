"""Shared inputs and helpers of the ingest tests: one file written to a folder and read back."""
from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest_file
from kg.model import Document

BODY_EN = ("Acme Widgets said on Friday it would open three new warehouses in the north of the country, "
           "adding about 400 jobs by the end of the year.")
BODY_ZH = "某某科技有限公司今日宣布完成新一轮融资，本轮资金将主要用于产品研发和市场拓展，公司计划年内新增员工200人。"
TITLE_EN = "Acme Widgets to open three warehouses and hire 400 people"
TITLE_ZH = "某某科技完成新一轮融资 年内新增员工200人"
ZH_TITLE = "甲乙科技完成2亿元B轮融资 加码跨境仓储网络建设"
ZH_BODY = "甲乙科技今日宣布完成2亿元B轮融资，本轮由丙丁资本领投，资金将用于海外仓建设和系统研发。"


def docs_of(tmp_path: Path, text: str, name: str = "a.txt") -> tuple[Document, ...]:
    """Every document ingest makes of `text` saved as `name` (UTF-8)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ingest_file(path, tmp_path).documents


def doc_of(tmp_path: Path, text: str, name: str = "a.txt") -> Document:
    """The one document ingest makes of `text`."""
    doc, = docs_of(tmp_path, text, name)
    return doc


META_ROW_PAGE = """<html><head><title>{title}</title></head><body><article>
<h1>{title}</h1>
<div class="article-meta">{meta}</div>
<div class="article-content"><p>{body}</p></div>
</article></body></html>"""


META_ROW_BODY_ZH = ("3月2日,甲乙科技宣布完成2亿元B轮融资,本轮由丙丁资本领投,资金将用于海外仓建设和系统研发,"
                    "公司计划年内新增员工200人。")


NEWSLETTER_ITEMS_ZH = [
    ("某某科技上线新版商家后台", "9月{d}日消息,某某科技宣布新版商家后台正式上线,覆盖全国商家超过10万家。"),
    ("甲乙物流发布三季度业绩", "9月{d}日消息,甲乙物流发布三季度业绩,营收同比增长8%,利润率有所改善。"),
    ("丙丁超市与戊己农业达成合作", "9月{d}日消息,丙丁超市与戊己农业签署合作协议,双方将共建直采基地。"),
]


def newsletter_zh(masthead: str, tail: str = "", closing: str = "") -> str:
    """A Chinese newsletter: a summary line, the masthead, three numbered items (each ending in `tail`), `closing`."""
    rows = []
    for n, (head, body) in enumerate(NEWSLETTER_ITEMS_ZH, start=1):
        rows += [f"{n}、{head}", body.format(d=10 - n) + tail]
    return "\n".join(["每日电商资讯汇总:某某科技上线新版商家后台;甲乙物流发布三季度业绩;丙丁超市与戊己农业达成合作",
                      "", masthead, *rows, closing]) + "\n"


ZH_PAGE_ARTICLE = ("<p>9月19日,甲乙科技在杭州宣布启动秋季助农专项活动,活动将持续至2024年11月30日,重点推广当地农特产品。</p>"
                   "<p>甲乙科技负责人表示,平台将为新入驻的涉农商家提供流量扶持和佣金减免。</p>")


def zh_page(meta_row: str, related: str = "") -> str:
    """A Chinese HTML article page with `meta_row` under its headline and `related` after the article."""
    return ("<html><head><title>甲乙科技启动秋季助农专项_某某网</title></head><body><div class=\"main\">"
            f"<h1>甲乙科技启动秋季助农专项</h1><div class=\"meta\">{meta_row}</div>"
            f"<div class=\"article-content\">{ZH_PAGE_ARTICLE}</div>{related}</div></body></html>")
