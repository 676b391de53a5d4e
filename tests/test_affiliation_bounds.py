"""The one-search bounds of affiliations (where the words before a name start, where an apposition
after it ends) answer as the character-by-character loops they replace, on random texts."""
from __future__ import annotations

import random

from kg.extract.patterns import SENTENCE_STOPS as STOPS
from kg.extract.relations.affiliations import (
    _EN_TITLE_BOUNDS,
    _ZH_TITLE_BOUNDS,
    apposition_end,
    clause_start,
)

_ALPHABET = [*"ab .,:;\n\"“”(（）)，：。！？；", " said", ". ", "\u3000", "\t"]


def _texts(seed: int, count: int = 150) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) if rng.random() < 0.3 else "x" * rng.randint(1, 30)
                    for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _loop_start(text: str, marks: str, floor: int, end: int) -> int:
    lo = end
    while lo > floor and text[lo - 1] not in marks and end - lo < 40:
        lo -= 1
    return lo


def _loop_apposition_end(text: str, a: int) -> int:
    import re

    b = a
    while (b < len(text) and b - a < 120 and text[b] not in STOPS + ",\"“”(" and not text.startswith(" said", b)
           and not re.match(r"\.(?:\s|\Z)", text[b : b + 2])):
        b += 1
    return b


def test_clause_start_is_the_loop() -> None:
    for text in _texts(1):
        for end in range(len(text) + 1):
            for floor in {0, max(0, end - 7), end}:
                assert clause_start(text, _ZH_TITLE_BOUNDS, max(floor, end - 40), end) == \
                    _loop_start(text, STOPS + "，,：:（(“\"", floor, end)
            assert clause_start(text, _EN_TITLE_BOUNDS, max(0, end - 40), end) == \
                _loop_start(text, STOPS + ",:(\"“", 0, end)


def test_apposition_end_is_the_loop() -> None:
    for text in _texts(2):
        for a in range(len(text) + 1):
            assert apposition_end(text, a) == _loop_apposition_end(text, a)
