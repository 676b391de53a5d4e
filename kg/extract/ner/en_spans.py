"""English tagger output -> typed, checked name candidates.

spaCy's OntoNotes labels: PERSON becomes a Person; ORG is typed by its last word
(`en_heads.tsv`: Inc Company, Commission GovernmentBody, Association Organization) or a first
word that heads a government body ("Ministry of Commerce"), else Company. Nationalities and
groups (NORP: "South African", "Chinese"), places, dates and numbers are never names here.
Boundaries: a leading "the" and a trailing possessive are dropped; metrics and roles that the
model sometimes calls organisations (GMV, CEO: `en_not_names.txt`) are rejected.
"""
from __future__ import annotations

from ...text import normalize
from ..names_common import Candidate, NamesLexicon
from .lexicon import NerLexicon
from .spacy_en import EnSpan

_GOV_FIRST = frozenset({"ministry", "department", "office", "bureau", "commission", "administration", "agency"})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    if span[:4].lower() == "the " and end - start > 4:
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail):
            end -= len(tail)
            break
    while end > start and text[end - 1] in " ,;:-–—\"“”()":
        end -= 1
    return start, end


def en_candidates(text: str, spans: list[EnSpan], lex: NerLexicon, names: NamesLexicon) -> list[Candidate]:
    """Typed candidates from the English model's entities in `text`."""
    out: list[Candidate] = []
    for s in spans:
        if s.label not in ("PERSON", "ORG"):
            continue
        start, end = _trim(text, s.start, s.end)
        span = text[start:end]
        if len(span) < 2 or not span[:1].isupper() or names.is_stopped(span) or normalize(span) in lex.en_not_names:
            continue
        words = span.replace(",", " ").split()
        if s.label == "PERSON":
            if "\n" in span or any(ch.isdigit() for ch in span) or span.isupper():
                continue
            out.append(Candidate(start, end, "Person", "ner:en", 0.7))
            continue
        last = words[-1].rstrip(".").casefold()
        typ = lex.en_heads.get(last)
        if words[0].casefold() in _GOV_FIRST and len(words) > 1:
            typ = "GovernmentBody"
        out.append(Candidate(start, end, typ or "Company", "ner:en-head" if typ else "ner:en", 0.7 if typ else 0.6))
    return out
