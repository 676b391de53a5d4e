"""Cue words of a rule: read from one section of a JSON lexicon, put into the rule's regex.

A rule such as "the organisation after 针对 / "against" is the party affected" mixes words with
regex structure. The words live in a lexicon section (`{"_note": "...", "<list>": [words]}`)
so a researcher can extend them; the code keeps the structure and puts each list in with
`phrases()`. The convention is described in `kg/lexicons/README.md` ("Cue words of rules").
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from pathlib import Path

from ..errors import LexiconError
from .cuefile import CueFile
from .patterns import NEVER


@cache
def cue_section(path: Path, key: str) -> dict[str, list[str]]:
    """The word lists of section `key` of the JSON file `path`, checked once (errors name the file
    and line, as for the other cue files); keys starting with "_" (the "_note" saying what the
    lists are for) are left out."""
    cues = CueFile(str(path))
    entry = cues.get(key)
    if not isinstance(entry, dict):
        raise cues.error(key, f"{key!r} must be an object of word lists")
    out = {}
    for name, words in entry.items():
        if name.startswith("_"):
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise cues.error(name, f"{key}.{name} must list non-empty strings")
        out[name] = words
    return out


def _phrase(word: str) -> str:
    """One cue phrase as a regex: escaped; a space matches any whitespace (none needed after a
    punctuation mark: ", and" matches ",and" too)."""
    parts = word.split(" ")
    out = re.escape(parts[0])
    for prev, part in pairwise(parts):
        if part == "" or prev == "":
            raise LexiconError(f"cue phrase {word!r} has two spaces in a row or an outer space")
        out += (r"\s*" if not (prev[-1].isalnum() or prev[-1] == "_") else r"\s+") + re.escape(part)
    return out


def phrases(words: Iterable[str], empty: str = NEVER) -> str:
    """A regex alternation of cue phrases, longest first (so the longest one wins where two
    start at one place), escaped; `empty` when there are none."""
    return "|".join(_phrase(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) or empty
