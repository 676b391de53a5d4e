"""The plain searches that replaced a regex compiled per name give the regex's matches exactly:
repeats' name occurrences, the family-name references, on random text over the characters that
decide boundaries (Latin letters, digits, apostrophes, hyphens, Han, spaces)."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.mentions.names_common import LATIN
from kg.extract.mentions.repeats import _occurrences
from kg.extract.mentions.surnames import _word_hits

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALPHABET = "AbBaé9'’- 星耀传媒.é_X"
texts = st.text(alphabet=ALPHABET, max_size=60)
names = st.text(alphabet=ALPHABET, min_size=1, max_size=5)


def _regex_occurrences(text: str, name: str) -> list[tuple[int, int]]:
    body = re.escape(name)
    han = re.compile(r"[\u4e00-\u9fff]")
    if han.match(name[:1]) and han.match(name[-1:]):
        return [m.span() for m in re.finditer(body, text)]
    return [m.span() for m in re.finditer(rf"(?<![{LATIN}0-9]){body}(?![{LATIN}0-9])", text)]


@SETTINGS
@given(text=texts, name=names.filter(lambda n: len(n) >= 2))
def test_repeats_occurrences_equal_the_bounded_regex(text: str, name: str) -> None:
    text = text.replace("X", name)  # names inside the text, not only by chance
    assert list(_occurrences(text, name)) == _regex_occurrences(text, name)


@SETTINGS
@given(text=texts, words=st.lists(names, min_size=1, max_size=4, unique=True))
def test_family_name_hits_equal_the_alternation(text: str, words: list[str]) -> None:
    text = " ".join([text, *words, text[::-1], words[0] + words[-1]])
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                         + r")(?![\w'’-])")
    assert _word_hits(text, {w: set() for w in words}) == [m.span() for m in pattern.finditer(text)]


def test_a_latin_name_touching_a_letter_is_no_occurrence() -> None:
    text = "QuickCart said. QuickCarts and xQuickCart, QuickCart9 QuickCart"
    assert list(_occurrences(text, "QuickCart")) == [(0, 9), (54, 63)]
