"""Pipeline step "repeats", second part: later references to a person named in English by the
family name alone: "Dana Pryce … Ms. Pryce said … Pryce declined". Each becomes a mention of that
person (its text the full name, its span the family name), so it resolves to the same entity and
the event rules see a person there.

After an honorific or rank (`kg/lexicons/ner/en_title_words.txt`: Mr, Ms, Dr, President…) the
word may be the first or the last word of the name ("Mr Zhang" for Zhang Guobao, surname first);
bare, only the last word, of three letters or more, not next to another capitalised word ("Ford
Motor" is no reference to Harrison Ford). A word shared by two people of the document refers to
neither.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...model import Mention
from .names_common import HAN_CHAR

_ADDRESS = re.compile(r"([A-Za-z]+)\.?\s+\Z")  # the word right before: "Ms. ", "Mr "
_CAPITALISED = re.compile(r"[A-Z][A-Za-z'’-]*")
_MIN_BARE = 3
_NAME_CHAR = re.compile(r"[\w'’-]")  # what may not touch a family name on either side


def _name_words(mentions: list[Mention], honorifics: frozenset[str]
                ) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, float]]:
    """The English person names of several words (not "Mr Zhang" itself), by the words a reference
    may use: first or last after an honorific, last alone; and each name's best confidence."""
    people = [m for m in mentions if m.type == "Person" and not HAN_CHAR.search(m.text) and len(m.text.split()) >= 2
              and m.text.split()[0].rstrip(".").casefold() not in honorifics]
    addressed: dict[str, set[str]] = {}
    bare: dict[str, set[str]] = {}
    confidence: dict[str, float] = {}
    for m in people:
        words = m.text.split()
        for w in {words[0], words[-1]}:
            addressed.setdefault(w, set()).add(m.text)
        bare.setdefault(words[-1], set()).add(m.text)
        confidence[m.text] = max(confidence.get(m.text, 0.0), m.confidence)
    return addressed, bare, confidence


def linked_surnames(mentions: list[Mention], honorifics: frozenset[str]) -> list[Mention]:
    """The mentions, with a person found under the family name alone ("Eversole", "Mr Zhang", as a
    tagger may give it) carrying the full name of the one person of the document it fits (its span
    stays), so both resolve to one entity."""
    addressed, bare, _ = _name_words(mentions, honorifics)
    if not addressed:
        return mentions
    out = []
    for m in mentions:
        words = m.text.split()
        names: set[str] = set()
        if m.type == "Person" and m.key is None and not HAN_CHAR.search(m.text):
            if len(words) == 2 and words[0].rstrip(".").casefold() in honorifics:
                names = addressed.get(words[1], set())
            elif len(words) == 1 and len(words[0]) >= _MIN_BARE:
                names = bare.get(words[0], set())
        out.append(replace(m, text=next(iter(names))) if len(names) == 1 else m)
    return out


def surname_mentions(text: str, mentions: list[Mention], honorifics: frozenset[str]) -> list[Mention]:
    """New Person mentions for the family-name references of the document's English person names."""
    addressed, bare, confidence = _name_words(mentions, honorifics)
    if not addressed:
        return []
    taken = sorted((m.start, m.end) for m in mentions)
    found = []
    for a, b in _word_hits(text, addressed):
        word = text[a:b]
        if any(s < b and a < e for s, e in taken):
            continue
        before = _ADDRESS.search(text, max(0, a - 16), a)
        if before is not None and before.group(1).casefold() in honorifics:
            names = addressed[word]
        elif len(word) >= _MIN_BARE and not _next_to_capitalised(text, a, b):
            names = bare.get(word, set())
        else:
            continue
        if len(names) == 1:
            name = next(iter(names))
            found.append(Mention(name, a, b, "Person", key=None, extractor="repeats", confidence=confidence[name]))
    return found


def _word_hits(text: str, words: dict[str, set[str]]) -> list[tuple[int, int]]:
    """Spans of the words in `text` where no word character, apostrophe or hyphen touches them,
    left to right, never overlapping, the longest word first where several start at one place: the
    matches of `(?<![\\w'’-])(?:longest|…|shortest)(?![\\w'’-])`, found with str.find (each document
    names new people, and compiling that alternation for each one cost more than the search)."""
    found = []
    for w in words:
        at = text.find(w)
        while at >= 0:
            end = at + len(w)
            if not ((at and _NAME_CHAR.match(text, at - 1)) or _NAME_CHAR.match(text, end)):
                found.append((at, -len(w)))
            at = text.find(w, at + 1)
    out: list[tuple[int, int]] = []
    for at, neg in sorted(found):
        if not out or at >= out[-1][1]:
            out.append((at, at - neg))
    return out


def _next_to_capitalised(text: str, a: int, b: int) -> bool:
    """A capitalised word right before or after text[a:b] (one space apart): part of a longer name."""
    after = _CAPITALISED.match(text, b + 1) if text[b : b + 1] == " " else None
    prev = text[max(0, a - 30) : a]
    before = re.search(r"([A-Z][A-Za-z'’-]*) \Z", prev)
    return after is not None or (before is not None and not _sentence_start(prev, before.start()))


def _sentence_start(prev: str, at: int) -> bool:
    """The capitalised word before is the first of its sentence ("Later Pryce said"): still bare."""
    return not prev[:at].strip() or prev[:at].rstrip()[-1:] in ".!?\"“"
