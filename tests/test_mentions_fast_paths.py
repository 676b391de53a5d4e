"""The gazetteer's and the repeats step's fast paths find what their plain forms find."""
from __future__ import annotations

import random
import re

from kg.extract.mentions.gazetteer import _ASCII_WORD, shared_gazetteer
from kg.extract.mentions.names_common import LATIN
from kg.extract.mentions.repeats import _occurrences, long_forms
from kg.model import Mention
from kg.text import is_latin_word_char


def test_latin_automaton_finds_what_the_whole_one_finds(monkeypatch) -> None:
    g = shared_gazetteer()
    text = "Amazon and JD.com sold on Douyin e-commerce; 1688 listed 1,688 items, JDL not JD, amazonia, AMAZON."
    fast = g.find(text)
    assert fast and g._latin_automaton is not g._automaton
    monkeypatch.setattr(g, "_latin_automaton", g._automaton)
    assert g.find(text) == fast


def test_ascii_word_set_is_latin_word_char_on_ascii() -> None:
    assert all((chr(c) in _ASCII_WORD) == is_latin_word_char(chr(c)) for c in range(128))


def test_repeat_occurrences_match_the_look_behind_form() -> None:
    rng = random.Random(7)
    alphabet = "QuickCart JD a+b Ä3x星耀X1688_.,-"
    texts = ["".join(rng.choice(alphabet) for _ in range(300)) for _ in range(100)]
    texts.append("QuickCartQuickCart QuickCart aQuickCart QuickCart1 JD JDJD JD")
    for name in ("QuickCart", "JD", "a+b", "Ä3x", "星耀X", "X星耀", "1688"):
        slow = re.compile(rf"(?<![{LATIN}0-9]){re.escape(name)}(?![{LATIN}0-9])")
        for text in texts:
            text = text.replace(" ", f" {name} ")
            assert list(_occurrences(text, name)) == [m.span() for m in slow.finditer(text)]


def test_long_forms_without_a_long_name_keeps_the_mentions() -> None:
    ms = [Mention("Finvera", 0, 7, "Company", key=None, extractor="names", confidence=0.7)]
    assert long_forms(ms) == ms
