"""Which English sentences the tagger reads: only those with a capitalised word that no name
found so far explains."""
from __future__ import annotations

from kg.extract.mentions.ner.en_select import sentences_to_tag

STOPS = frozenset({"Monday", "March", "According"})


def test_sentences_explained_by_found_names_are_skipped():
    text = ("Amazon said on Monday it would cut fees. The company expects more sellers. "
            "Sales rose after Dana Whitfield joined. According to the filing, fees fell in March.")
    amazon = (0, 6)
    picked = [text[a:b] for a, b in sentences_to_tag(text, [amazon], STOPS)]
    assert picked == ["Sales rose after Dana Whitfield joined."]


def test_uncovered_name_at_the_start_is_read():
    text = "Bazaro cut its prices. It said so."
    assert [text[a:b] for a, b in sentences_to_tag(text, [], STOPS)] == ["Bazaro cut its prices."]


def test_partly_covered_word_is_read():
    text = "Marlowe Commerce fell 4%."
    picked = sentences_to_tag(text, [(0, 7)], STOPS)  # only "Marlowe" was found: "Commerce" is not explained
    assert picked == [(0, len(text))]


def test_place_words_alone_do_not_call_the_tagger():
    from kg.extract.mentions.ner import NerExtractor

    stops = NerExtractor(("en",))._en_stops
    text = "In Shenzhen and Poland, sales rose 5% in March. Orders from Brightlane Logistics doubled."
    picked = [text[a:b] for a, b in sentences_to_tag(text, [], stops)]
    assert picked == ["Orders from Brightlane Logistics doubled."]


def test_possessives_compounds_and_common_openers_are_explained():
    text = ("Amazon’s fees rose. Cross-border sellers complained. Sales fell, and sales staff left. "
            "Velora cut prices.")
    picked = [text[a:b] for a, b in sentences_to_tag(text, [(0, 6)], STOPS)]
    assert picked == ["Velora cut prices."]
