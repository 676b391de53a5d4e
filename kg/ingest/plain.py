"""The fallback reading of a file whose normal reading outlasts its time budget: the text
as it stands (long lines and documents cut into bounded parts, nothing dropped), without
the repairs, article splitting and metadata rules, which cost the most. Everything here
runs in linear time at C speed."""
from __future__ import annotations

import json
from typing import Any

from lxml import etree

from ..model import Document, FileResult, Problem
from .decode import decode_bytes
from .limits import bound_documents, break_long_lines
from .meta import detect_lang
from .readers import decoded_problems
from .records import _TEXT, _TITLE, checked_record

_SKIP = frozenset({"script", "style", "noscript", "template"})


class _Text:
    """lxml parser target keeping the text of a page (no scripts or styles), a line break for each tag."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.skip = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.skip += tag in _SKIP
        self.out.append("\n")

    def end(self, tag: str) -> None:
        self.skip -= tag in _SKIP
        self.out.append("\n")

    def data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)

    def close(self) -> str:
        return "".join(self.out)


def _page_text(page: str) -> str:
    parser = etree.HTMLParser(target=_Text(), recover=True, huge_tree=True)
    try:
        parser.feed(page)
        return parser.close()
    except (etree.LxmlError, ValueError, TypeError):
        return ""


def _lines(text: str) -> str:
    text, _ = break_long_lines(text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(ln.strip() for ln in text.split("\n") if ln.strip())


def _doc(path: str, position: str, text: str, headline: str | None = None) -> Document:
    key = f"{path}#{position}" if position else path
    return Document(key=key, source_path=path, position=position, text=text, lang=detect_lang(text),
                    headline=headline)


def read_plain(data: bytes, path: str, fmt: str, budget: float) -> FileResult:
    """`data` read as plain text (records: each record's text field), with a warning saying so."""
    decoded = decode_bytes(data, path)
    problems = decoded_problems(decoded, path)
    problems.append(Problem(path, f"reading took longer than its time budget of {budget:g} s (--doc-timeout): "
                                  "read as plain text, without repairs, article splitting or metadata",
                            severity="warning"))
    docs: list[Document] = []
    if fmt in ("json", "jsonl"):
        for n, line, record in _records(decoded.text, fmt, path, problems):
            record = checked_record(record, path, f"record {n}", line, problems)
            raw = next((record[k] for k in _TEXT if isinstance(record.get(k), str) and record[k].strip()), "")
            title = next((record[k] for k in _TITLE if isinstance(record.get(k), str)), None)
            if text := _lines(raw):
                docs.append(_doc(path, f"record {n}", text, title))
            else:
                problems.append(Problem(path, f"record {n} has no text (expected 'text', 'content' or 'body')",
                                        line=line))
    else:
        text = _lines(_page_text(decoded.text) if fmt == "html" else decoded.text)
        if text:
            docs.append(_doc(path, "", text))
        else:
            problems.append(Problem(path, "no text found"))
    return bound_documents(FileResult(path, fmt, decoded.encoding, tuple(docs), tuple(problems)))


def _records(text: str, fmt: str, path: str, problems: list[Problem]) -> list[tuple[int, int | None, dict[str, Any]]]:
    found: list[tuple[int | None, Any]] = []
    if fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    found.append((number, json.loads(line)))
                except json.JSONDecodeError as err:
                    problems.append(Problem(path, f"malformed JSON line skipped: {err.msg}", line=number))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            problems.append(Problem(path, f"malformed JSON: {err.msg}", line=err.lineno))
            data = []
        if isinstance(data, dict):
            data = next((v for v in data.values() if isinstance(v, list)), [data])
        found = [(None, item) for item in data] if isinstance(data, list) else []
    out = []
    for n, (at, record) in enumerate(found, start=1):
        if isinstance(record, dict):
            out.append((n, at, record))
        else:
            problems.append(Problem(path, f"record {n} is not a JSON object", line=at))
    return out
