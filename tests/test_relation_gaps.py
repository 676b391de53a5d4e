"""The gate of `_gap_readings`: a gap that does not end in whitespace holds no place word to drop
(the place-word pattern ends in spaces up to the gap's end), so skipping its substitution changes nothing."""
from __future__ import annotations

import random

from kg.extract.mentions.names_common import names_lexicon
from kg.extract.relations.extractor import _place_words


def test_place_word_sub_only_where_a_gap_ends_in_whitespace() -> None:
    ends = names_lexicon().en_orgs.get("place_prefixes", [])
    assert ends, "the lexicon names place prefixes"
    rng = random.Random(3)
    pieces = [" ", "  ", "\t", "\u3000", ", a subsidiary of the ", "Copenhagen", "运营", "旗下", "x.", *ends]
    hits = 0
    for _ in range(3000):
        gap = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        bare = _place_words().sub("", gap)
        hits += bare != gap
        if not gap[-1:].isspace():
            assert bare == gap, gap
    assert hits  # (the sample does hold place words the pattern drops)
