"""JSON Lines and JSON: one record = one Document (key "path#record N"); a bad line or a
record without text is a Problem naming the line, and the good records are kept."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..model import Document, FileResult, Problem
from .build import body_text
from .bylines import byline_names
from .dates import parse_timestamp
from .decode import decode_bytes
from .lexicon import load_markers
from .limits import MAX_LINE_CHARS, break_long_lines
from .meta import detect_lang, read_meta
from .paths import is_clean
from .readers import READERS, decoded_problems
from .repair import clean_lines

_TEXT = ("text", "content", "body")
_SURROGATE = re.compile(f"[{chr(0xD800)}-{chr(0xDFFF)}]")  # (mypyc takes no surrogate in a literal)
_LISTS = ("items", "articles", "data", "records", "documents")


def _field(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, ""):
            return str(value).strip()
    return None


def _byline_names(value: str | None) -> list[str]:
    """The names in an author field, which may hold a whole byline ("本报记者 邢舟" -> ["邢舟"])
    or several names ("A and B", "张三、李四")."""
    if value is None:
        return []
    m = load_markers()
    for p in m.of("author_re") + m.of("byline_re"):  # "北京商报记者 赵天舒 王柳": the outlet is no author
        mt = p.fullmatch(value.strip())
        if mt and mt["name"]:
            return byline_names(mt["name"], m)
    return byline_names(value, m)


_TITLE, _DATE, _PUB = ("title", "headline"), ("date", "date_published", "published", "time"), ("source", "publisher", "site")
_AUTHOR, _URL, _LANG = ("author", "byline"), ("url", "link"), ("lang", "language")
_NAMED = frozenset(_PUB + _AUTHOR)  # may be {"name": …}; authors also a list of names


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {int: "a number", float: "a number", list: "a list", dict: "an object"}.get(type(value), "null")


def _well_typed(name: str, value: object) -> bool:
    if value is None or isinstance(value, str):
        return True
    if name in _NAMED and isinstance(value, dict):
        return isinstance(value.get("name"), str | None)
    if name in _AUTHOR and isinstance(value, list):
        return all(isinstance(v, str) or (isinstance(v, dict) and isinstance(v.get("name"), str)) for v in value)
    return False


def _clean_text(value: str) -> str:
    """Lone surrogates ("\\ud800" in JSON) cannot be written as UTF-8: each becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)


def checked_record(record: dict[str, Any], path: str, where: str, line: int | None,
                   problems: list[Problem]) -> dict[str, Any]:
    """The record with every field this reader uses checked for its type: a field of the
    wrong type (a number for a title, a list for the text) is left out with a warning
    naming the file, line and field; a string with invalid characters is repaired."""
    out = dict(record)
    for name in (*_TEXT, *_TITLE, *_DATE, *_PUB, *_AUTHOR, *_URL, *_LANG):
        if name not in record:
            continue
        value = record[name]
        if not _well_typed(name, value):
            del out[name]
            what = "text" if name not in _AUTHOR else "a name or a list of names"
            problems.append(Problem(path, f"{where}: field '{name}' is {_kind(value)}, expected {what}; "
                                          "field ignored", line=line, severity="warning"))
        elif isinstance(value, str) and not is_clean(value):
            out[name] = _clean_text(value)
            problems.append(Problem(path, f"{where}: field '{name}' holds invalid characters (lone "
                                          "surrogates); replaced by U+FFFD", line=line, severity="warning"))
    return out


def record_document(record: dict[str, Any], path: str, n: int) -> Document | None:
    """A record -> Document, its text repaired like any page; None without text."""
    raw = _field(record, *_TEXT)
    if not raw:
        return None
    raw, _ = break_long_lines(raw)
    lines, _ = clean_lines(raw)
    headline = _field(record, "title", "headline")
    meta = read_meta(lines, head=headline is not None)
    text = body_text(meta.body)
    if not text:
        return None
    lang = _field(record, "lang", "language")
    position = f"record {n}"
    return Document(
        key=f"{path}#{position}", source_path=path, position=position, text=text,
        lang=lang[:2].lower() if lang and lang[:2].lower() in ("zh", "en") else detect_lang(text),
        headline=headline,
        date_published=parse_timestamp(_field(record, "date", "date_published", "published", "time") or "")
        or meta.date,
        publisher=_field(record, "source", "publisher", "site") or meta.publisher,
        authors=tuple(_byline_names(_field(record, "author", "byline")) or meta.authors),
        url=_field(record, "url", "link"),
    )


def _records_jsonl(text: str, path: str, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(Problem(path, f"malformed JSON line skipped: {err.msg}", line=number))


def _records_json(text: str, path: str, problems: list[Problem]) -> Iterator[tuple[int | None, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        problems.append(Problem(path, f"malformed JSON: {err.msg}", line=err.lineno))
        return
    if isinstance(data, dict):
        data = next((data[k] for k in _LISTS if isinstance(data.get(k), list)), [data] if any(
            k in data for k in _TEXT) else None)
    if not isinstance(data, list):
        problems.append(Problem(path, "JSON is neither a list of records nor an object holding one"))
        return
    yield from ((None, item) for item in data)


def _read(data: bytes, path: str, fmt: str) -> FileResult:
    decoded = decode_bytes(data, path)
    problems = decoded_problems(decoded, path)
    finder = _records_jsonl if fmt == "jsonl" else _records_json
    docs: list[Document] = []
    for n, (line, record) in enumerate(finder(decoded.text, path, problems), start=1):
        where = f"record {n}"
        if not isinstance(record, dict):
            problems.append(Problem(path, f"{where} is not a JSON object", line=line))
            continue
        record = checked_record(record, path, where, line, problems)
        raw = _field(record, *_TEXT) or ""
        if len(raw) > MAX_LINE_CHARS and max(map(len, raw.split("\n"))) > MAX_LINE_CHARS:
            problems.append(Problem(path, f"{where}: lines longer than {MAX_LINE_CHARS} characters broken at "
                                          "sentence boundaries (nothing dropped)", line=line, severity="warning"))
        doc = record_document(record, path, n)
        if doc is None:
            problems.append(Problem(path, f"{where} has no text (expected 'text', 'content' or 'body')", line=line))
            continue
        docs.append(doc)
    if not docs and not problems:
        problems.append(Problem(path, "no records found"))
    return FileResult(path, fmt, decoded.encoding, tuple(docs), tuple(problems))


@READERS.register(".jsonl", ".ndjson")
def read_jsonl(data: bytes, path: str) -> FileResult:
    """One JSON record a line."""
    return _read(data, path, "jsonl")


@READERS.register(".json")
def read_json(data: bytes, path: str) -> FileResult:
    """A list of records, or an object holding one under items/articles/data."""
    return _read(data, path, "json")
