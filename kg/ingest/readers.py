"""Readers by file suffix (a `Registry`): bytes -> `FileResult`. Each decodes, repairs and
splits; problems become `Problem`s, never exceptions."""
from __future__ import annotations

from collections.abc import Callable

from ..model import FileResult, Problem
from ..registry import Registry
from .build import build_documents
from .decode import Decoded, decode_bytes
from .limits import break_long_lines, long_lines_problem
from .markdown import SUFFIXES as MARKDOWN
from .markdown import front_matter, plain
from .repair import clean_lines
from .split import segment

Reader = Callable[[bytes, str], FileResult]
READERS: Registry[Reader] = Registry("reader")


def decoded_problems(decoded: Decoded, path: str) -> list[Problem]:
    """A lossy decoding is an error (part unread); a guessed one, and each repair, a warning."""
    out = [Problem(path, note, severity="warning") for note in decoded.repairs]
    if decoded.note is None:
        return out
    return [Problem(path, decoded.note, severity="error" if decoded.lossy else "warning"), *out]


@READERS.register(".txt", ".md", ".text", ".markdown")
def read_text(data: bytes, path: str) -> FileResult:
    """Plain text: one article, or the items of a newsletter, list or stack."""
    decoded = decode_bytes(data, path)
    problems = decoded_problems(decoded, path)
    front, text = front_matter(decoded.text)
    text = plain(text) if path.lower().endswith(MARKDOWN) else text
    text, broken = break_long_lines(text)
    if broken:
        problems.append(long_lines_problem(path, broken))
    lines, fragmented = clean_lines(text)
    if fragmented:
        problems.append(Problem(path, "re-joined text scraped one token per line", severity="warning"))
    docs = build_documents(path, segment(lines), front=front)
    if not docs:
        problems.append(Problem(path, "no article text found (only page chrome or blank lines)"))
    return FileResult(path, "text", decoded.encoding, tuple(docs), tuple(problems))
