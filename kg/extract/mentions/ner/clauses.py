"""Pieces of a text short enough to tag: sentences, long ones cut at clause boundaries.

A recurrent tagger's time grows with the longest row of a batch, and rows are batched by equal
length; short pieces of similar length keep batches full. A sentence longer than `limit` is
cut after the last clause mark (，；：、 and their ASCII forms) that keeps the piece within the
limit, so a name is never split unless a clause runs past the limit without any mark.
"""
from __future__ import annotations

from ....text import sentences

CLAUSE_MARKS = frozenset("，；：、,;:")
LIMIT = 64


def pieces(text: str, limit: int = LIMIT) -> list[tuple[int, int]]:
    """(start, end) spans covering every sentence of `text`, none longer than `limit`."""
    out: list[tuple[int, int]] = []
    for start, end in sentences(text):
        while end - start > limit:
            cut = _last_mark(text, start, start + limit)
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out


def _last_mark(text: str, start: int, stop: int) -> int:
    """The end of the last clause mark in text[start:stop], or `stop` when there is none;
    a mark in the first quarter would leave a tiny piece, so a hard cut is preferred then."""
    for i in range(stop - 1, start + (stop - start) // 4, -1):
        if text[i] in CLAUSE_MARKS:
            return i + 1
    return stop
