"""Every page's data as JSON and CSV beside it (the page's panels, each with its query and rows).

CSV cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe: news text is data, never a formula.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass
class Table:
    """One panel: what it shows, the SPARQL that gives it (None when computed), its rows."""

    name: str
    title: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    query: str | None = None
    note: str = ""
    html_rows: int | None = None  # rows shown in the page when not the default cap (a listing shows more)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "query": self.query, "note": self.note,
                "columns": self.columns, "rows": [{c: r.get(c) for c in self.columns} for r in self.rows]}


def page_json(title: str, tables: list[Table]) -> str:
    return json.dumps({"page": title, "panels": [t.as_dict() for t in tables]}, ensure_ascii=False, separators=(",", ":"))


def page_csv(tables: list[Table]) -> str:
    """All panels in one sheet: a `panel` column, then the union of the panels' columns."""
    columns: list[str] = []
    for t in tables:
        columns += [c for c in t.columns if c not in columns]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["panel", *columns])
    for t in tables:
        for r in t.rows:
            writer.writerow([csv_cell(t.name), *(csv_cell(r.get(c)) for c in columns)])
    return buf.getvalue()
