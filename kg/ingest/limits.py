"""Bounds on what one input may cost: no line and no document longer than a limit.

Rules that look at a line or a document are written for news, where a paragraph is a few
hundred characters and an article a few thousand; some cost more than linear time in the
length of what they read. A longer line (a whole file on one line) is broken into lines
of at most `MAX_LINE_CHARS`, and a longer document into parts of at most `MAX_DOC_CHARS`,
each cut at a paragraph, sentence or clause boundary where there is one. Nothing is
dropped: every part becomes a document ("part 1", "part 2", ...) and the file gets a
warning saying so.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Document, FileResult, Problem

MAX_LINE_CHARS = 8_000
MAX_DOC_CHARS = 32_000

# boundaries by preference: a sentence end, a clause end, a space; the cut goes after them
_SENTENCE_ENDS = ("。", "！", "？", "；", "! ", "? ", ". ", "; ", "!\u3000", "?\u3000", ".\u3000")
_CLAUSE_ENDS = ("，", "、", ", ", ": ", "：")
_SPACES = (" ", "\u3000", "\t")
_PART = re.compile(r"^(?P<pos>.*?)(?:, )?part \d+$")


def _cut(text: str, start: int, limit: int, prefer: tuple[tuple[str, ...], ...]) -> int:
    """The end of the piece that starts at `start`: the last boundary of the most preferred
    kind in the second half of the window, else the window's end."""
    hi = start + limit
    if hi >= len(text):
        return len(text)
    lo = start + limit // 2
    for kind in prefer:
        best = max((at + len(mark) for mark in kind if (at := text.rfind(mark, lo, hi - len(mark) + 1)) >= 0),
                   default=-1)
        if best > start:
            return best
    return hi


def pieces(text: str, limit: int, prefer: tuple[tuple[str, ...], ...]) -> list[str]:
    out = []
    start = 0
    while start < len(text):
        end = _cut(text, start, limit, prefer)
        out.append(text[start:end])
        start = end
    return out


def break_long_lines(text: str, limit: int = MAX_LINE_CHARS) -> tuple[str, int]:
    """Text whose lines are at most `limit` characters; returns it and how many lines were broken."""
    if len(text) <= limit or all(len(ln) <= limit for ln in text.split("\n")):
        return text, 0
    broken = 0
    lines = []
    for line in text.split("\n"):
        if len(line) <= limit:
            lines.append(line)
            continue
        broken += 1
        lines.extend(p.rstrip() for p in pieces(line, limit, (_SENTENCE_ENDS, _CLAUSE_ENDS, _SPACES)))
    return "\n".join(lines), broken


def long_lines_problem(path: str, broken: int, limit: int = MAX_LINE_CHARS) -> Problem:
    return Problem(path, f"{broken} line(s) longer than {limit} characters broken at sentence boundaries "
                         "(nothing dropped)", severity="warning")


def split_document(doc: Document, limit: int = MAX_DOC_CHARS) -> list[Document]:
    """`doc` itself when short enough, else its parts in order (keys "…#part N", or "…#item 3, part N")."""
    if doc.is_container or len(doc.text) <= limit:
        return [doc]
    texts = [t.strip("\n") for t in pieces(doc.text, limit, (("\n",), _SENTENCE_ENDS, _CLAUSE_ENDS, _SPACES))]
    parts = []
    for n, text in enumerate((t for t in texts if t.strip()), start=1):
        position = f"{doc.position}, part {n}" if doc.position else f"part {n}"
        parts.append(replace(doc, key=f"{doc.source_path}#{position}", position=position, text=text))
    return parts


def origin_key(doc: Document) -> str:
    """The key of the document a part was cut from (the document's own key otherwise)."""
    mt = _PART.match(doc.position)
    if mt is None or doc.key == doc.source_path:
        return doc.key
    return f"{doc.source_path}#{mt['pos']}" if mt["pos"] else doc.source_path


def bound_documents(result: FileResult, limit: int = MAX_DOC_CHARS) -> FileResult:
    """The file's documents with every long one split into parts, and a warning for each."""
    if all(len(d.text) <= limit or d.is_container for d in result.documents):
        return result
    docs: list[Document] = []
    problems = list(result.problems)
    for doc in result.documents:
        parts = split_document(doc, limit)
        if len(parts) > 1 or parts[0] is not doc:
            where = f" ({doc.position})" if doc.position else ""
            problems.append(Problem(result.path, f"document{where} is {len(doc.text):,} characters long: split into "
                                                 f"{len(parts)} parts of at most {limit:,} characters", severity="warning"))
        docs.extend(parts)
    return replace(result, documents=tuple(docs), problems=tuple(problems))
