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
