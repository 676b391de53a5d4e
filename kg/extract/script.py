"""Traditional Chinese read through simplified characters.

Every lexicon, stop list and trigger word, and jieba's dictionary, is written in simplified
characters, so a Hong Kong or Taiwan report (京東, 市場監督管理局, 電商平臺) came out as garbage
"platforms" (企業共發現, 聯防聯控工作機制) and missed the platforms the lexicons know. The
extractors read a simplified copy made by OpenCC, of the same length (every offset holds); what
they found is then put back on the original text: evidence, figures, dates and role titles as
written. Names stay simplified, so that 京東 and 京东 resolve to one entity; the form as written
is kept (`Extraction.written`) and becomes an alias of the entity, so a search for 京東 finds it.

A document is read this way only when traditional characters are a real part of its Chinese
(`TRADITIONAL_SHARE`): a simplified report quoting one traditional name is read as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Document, Extraction
from ..text import HAN_IDEOGRAPHS

TRADITIONAL_SHARE = 0.15  # of the Han characters (traditional news: 30-40 %); below, they are quotes or names
MIN_TRADITIONAL = 2  # and at least this many: a headline of 國家市監局 counts, one stray 臺 does not
_HAN = re.compile(f"[{HAN_IDEOGRAPHS}]")


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]  # opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    """A character class of every Han character that OpenCC simplifies on its own."""
    chars = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    simplified = _converter().convert("\n".join(chars)).split("\n")
    changed = [c for c, s in zip(chars, simplified, strict=True) if s != c]
    return re.compile("[" + "".join(re.escape(c) for c in changed) + "]")


def simplified_text(text: str) -> str | None:
    """The simplified copy of a mostly traditional Chinese text, of the same length; None when
    the text is simplified (or holds only a few traditional characters)."""
    found = len(_traditional().findall(text))  # a simplified text stops here, after one scan
    if found < MIN_TRADITIONAL or found < TRADITIONAL_SHARE * len(_HAN.findall(text)):
        return None
    return _in_place(text)


def _in_place(text: str) -> str:
    """`text` simplified character for character: where a phrase rule would change the length,
    that line is kept as written, so every offset holds."""
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    lines = [(line, _converter().convert(line)) for line in text.split("\n")]
    return "\n".join(s if len(s) == len(line) else line for line, s in lines)


@dataclass(frozen=True)
class ScriptView:
    """A document as written and the simplified copy its extractors read."""

    original: Document
    read: Document

    def restore(self, ex: Extraction) -> None:
        """Put what the extractors found back on the text as written (names stay simplified,
        their written forms noted in `ex.written`)."""
        orig, simp = self.original.text, self.read.text
        if self.original.headline and self.read.headline:  # evidence from a headline is found there
            orig, simp = f"{orig}\n{self.original.headline}", f"{simp}\n{self.read.headline}"
        ex.document = self.original
        for m in (*ex.mentions, *(m for e in ex.events for m in (*e.actors, *e.participants, *e.affects, *e.about)),
                  *(m for r in ex.relations for m in (r.subject, r.object) if m is not None)):
            if simp.startswith(m.text, m.start) and (as_written := orig[m.start:m.end]) != m.text:
                ex.written[(m.start, m.end)] = as_written
        ex.figures = [replace(f, text=_as_written(f.text, f.start, orig, simp)) for f in ex.figures]
        ex.dates = [replace(d, text=_as_written(d.text, d.start, orig, simp)) for d in ex.dates]
        ex.relations = [replace(r, evidence=_as_written(r.evidence, None, orig, simp),
                                literal=None if r.literal is None else _as_written(r.literal, None, orig, simp))
                        for r in ex.relations]
        ex.events = [replace(e, evidence=_as_written(e.evidence, e.start, orig, simp),
                             figures=tuple(replace(f, text=_as_written(f.text, f.start, orig, simp)) for f in e.figures),
                             role=None if e.role is None else _as_written(e.role, None, orig, simp))
                     for e in ex.events]


def _as_written(found: str, start: int | None, orig: str, simp: str) -> str:
    """`found`, a piece of the simplified copy, as the original text writes it."""
    if start is not None and simp.startswith(found, start):
        return orig[start:start + len(found)]
    at = simp.find(found)
    return orig[at:at + len(found)] if at >= 0 and found else found


def script_view(doc: Document) -> ScriptView | None:
    """The simplified reading of a traditional Chinese document, or None to read it as it is."""
    if doc.lang != "zh":
        return None
    simp = simplified_text(doc.text)
    if simp is None:
        return None
    headline = doc.headline and _in_place(doc.headline)
    return ScriptView(original=doc, read=replace(doc, text=simp, headline=headline))
