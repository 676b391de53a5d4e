"""A document's text cut into plain runs and recognised names, for highlighting and linking.

The names are the labels and aliases of the entities the document mentions (its
`schema:mentions`), matched longest first; the text itself is never interpreted.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MIN_NAME = 2  # one-character names would light up everywhere


def segments(text: str, names: Iterable[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """[(run, entity IRI or None)] covering `text` in order; `names` are (surface form, IRI)."""
    by_name: dict[str, str] = {}
    for name, iri in sorted(names):
        name = name.strip()
        if len(name) >= MIN_NAME and name not in by_name:
            by_name[name] = iri
    if not by_name or not text:
        return [(text, None)] if text else []
    pattern = re.compile("|".join(re.escape(n) for n in sorted(by_name, key=lambda n: (-len(n), n))))
    out: list[tuple[str, str | None]] = []
    at = 0
    for m in pattern.finditer(text):
        if m.start() > at:
            out.append((text[at:m.start()], None))
        out.append((m.group(), by_name[m.group()]))
        at = m.end()
    if at < len(text):
        out.append((text[at:], None))
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
