"""Shared helpers of the names tests: what the name extractor, or the whole chain, finds in one sentence."""
from __future__ import annotations

from kg.extract import Pipeline
from kg.extract.mentions.names import NamesExtractor
from kg.model import Document, Extraction


def found_types(names: NamesExtractor, text: str) -> dict[str, str]:
    """New names found in `text` (nothing known before), each with its entity type."""
    new, _ = names.find(text, [])
    return {m.text: m.type for m in new}


def run_doc(pipeline: Pipeline, text: str, lang: str) -> Extraction:
    """The whole chain's reading of `text` as a document of 2025-06-02."""
    return pipeline(Document(key="t", source_path="t", position="", text=text, lang=lang, date_published="2025-06-02"))


def found_pairs(pipeline: Pipeline, text: str, lang: str) -> set[tuple[str, str]]:
    """(text, type) of every mention the whole chain finds in `text`."""
    return {(m.text, m.type) for m in run_doc(pipeline, text, lang).mentions}


def candidate_types(finder: NamesExtractor, text: str) -> dict[str, set[str]]:
    """Every candidate span the name rules propose in `text`, with the types proposed for it."""
    out: dict[str, set[str]] = {}
    for c in finder.candidates(text):
        out.setdefault(text[c.start : c.end], set()).add(c.type)
    return out
