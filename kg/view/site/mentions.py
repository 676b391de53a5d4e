"""A document's text cut into plain runs and recognised names, for highlighting and linking.

The names are the labels and aliases of the entities the document mentions (its
`schema:mentions`), matched longest first; the text itself is never interpreted.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MIN_NAME = 2  # one-character names would light up everywhere


def segments(text: str, names: Iterable[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """[(run, entity IRI or None)] covering `text` in order; `names` are (surface form, IRI).

    Every occurrence of every name is found with str.find (a document names a handful of
    entities; compiling a regex per document costs more), then the longest wins where
    occurrences overlap, the earliest where they tie."""
    by_name: dict[str, str] = {}
    for name, iri in sorted(names):
        name = name.strip()
        if len(name) >= MIN_NAME and name not in by_name:
            by_name[name] = iri
    if not text:
        return []
    found: list[tuple[int, int, str]] = []
    for name, iri in by_name.items():
        at = text.find(name)
        while at >= 0:
            found.append((at, -len(name), iri))
            at = text.find(name, at + len(name))
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, neg_len, iri in sorted(found):
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:start - neg_len], iri))
        pos = start - neg_len
    if pos < len(text):
        out.append((text[pos:], None))
    return out


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\.)\s+|\n+")


def sentence_naming(text: str, first: Iterable[str], second: Iterable[str]) -> str | None:
    """The first sentence of `text` that names both sides (any of their names), if any."""
    a = [n for n in first if len(n) >= MIN_NAME]
    b = [n for n in second if len(n) >= MIN_NAME]
    if not a or not b:
        return None
    for sentence in _SENTENCE_END.split(text):
        if any(n in sentence for n in a) and any(n in sentence for n in b):
            return sentence.strip()
    return None
