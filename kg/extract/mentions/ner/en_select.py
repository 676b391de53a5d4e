"""Which English sentences the tagger needs to read: those with a capitalised word that no
name found so far explains.

spaCy's recogniser costs most of an English build (about 0.08 MB/s), and in English a name
of a person or an organisation is capitalised. A sentence whose capitalised words are all
inside names the gazetteer and the rules already found, or are months, weekdays or ordinary
sentence openers ("The", "According"; a first word the text also writes in lower case, "Sales
rose"), holds nothing the tagger would add, so it is not read. Possessives ("Amazon's") count
as the name, and title-case compounds ("Cross-border") as ordinary words.
A name a weak rule found (a sentence's subject) does not count as found: the tagger may
correct its type.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ....text import sentences

_CAPITAL = re.compile(r"(?<![\w'’])[A-Z][\w&'’.-]*")
_POSSESSIVE = re.compile(r"['’]s\Z")
_LOWER_TAIL = re.compile(r"-[a-z]")
_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """spaCy's English stop words (lower case): a capitalised one at a sentence start is no name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def sentences_to_tag(text: str, covered: list[tuple[int, int]], stops: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `text` that hold a capitalised word outside `covered`
    spans (sorted, disjoint or not) and not in `stops`."""
    spans = sorted(covered)
    starts = [a for a, _ in spans]
    reach = []  # the furthest end among spans starting at or before each index
    far = -1
    for _, b in spans:
        far = max(far, b)
        reach.append(far)

    def inside(a: int, b: int) -> bool:
        i = bisect_right(starts, a) - 1
        return i >= 0 and reach[i] >= b

    lower = None  # the text's words in lower case, made on first need
    out = []
    for a, b in sentences(text):
        for m in _CAPITAL.finditer(text, a, b):
            word = _POSSESSIVE.sub("", m.group().rstrip(".'’"))
            if word in stops or inside(m.start(), m.start() + len(word)) or _LOWER_TAIL.search(word):
                continue  # known, explained, or "Cross-border" / "E-commerce" written in title case
            if m.start() == a:
                if word.lower() in _openers():
                    continue
                if lower is None:
                    lower = set(_WORD.findall(text))
                if word.lower() in lower:  # "Sales rose": the text writes "sales" too
                    continue
            out.append((a, b))
            break
    return out
