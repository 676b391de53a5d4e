"""Shared helper of the names tests: what the name extractor finds in one sentence."""
from __future__ import annotations

from kg.extract.mentions.names import NamesExtractor


def found_types(names: NamesExtractor, text: str) -> dict[str, str]:
    """New names found in `text` (nothing known before), each with its entity type."""
    new, _ = names.find(text, [])
    return {m.text: m.type for m in new}
