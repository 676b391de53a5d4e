"""English family-name references ("Ms. Pryce", bare "Pryce") name the person introduced in full;
a person who only says a sentence after its trigger is no party of its events."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.extract.mentions.surnames import surname_mentions
from kg.model import Document, Mention

HONORIFICS = frozenset({"mr", "ms", "mrs", "dr", "president"})


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(ner="off")


def person(text: str, name: str) -> Mention:
    at = text.index(name)
    return Mention(name, at, at + len(name), "Person", confidence=0.8)


def test_honorific_and_bare_family_names_refer_to_the_full_name() -> None:
    text = "Dana Pryce runs the firm. Ms. Pryce said sales rose. Pryce declined to comment."
    found = surname_mentions(text, [person(text, "Dana Pryce")], HONORIFICS)
    assert [(text[m.start:m.end], m.text, m.type) for m in found] == [("Pryce", "Dana Pryce", "Person")] * 2


def test_surname_first_names_are_found_after_an_honorific_only() -> None:
    text = "Zhang Guobao opened the line. Mr Zhang said gas would flow. Zhang added more."
    found = surname_mentions(text, [person(text, "Zhang Guobao")], HONORIFICS)
    assert [m.start for m in found] == [text.index("Zhang said")]


def test_no_reference_when_two_people_share_the_word_or_it_is_part_of_a_longer_name() -> None:
    text = "Dana Pryce and Lee Pryce met. Ms. Pryce left. Harrison Ford spoke; Ford Motor fell."
    mentions = [person(text, "Dana Pryce"), person(text, "Lee Pryce"), person(text, "Harrison Ford")]
    assert surname_mentions(text, mentions, HONORIFICS) == []


def test_a_closing_speaker_is_no_party(pipeline: Pipeline) -> None:
    text = ("Northwind Retail named a new chief. A new plan may come after chairman Frank Oduya has retired, "
            "said Mira Castell, an analyst.")
    ex = pipeline(Document(key="d", source_path="d", position="", text=text, lang="en", headline=None))
    parties = {m.text for e in ex.events for m in (*e.actors, *e.affects, *e.participants)}
    assert "Frank Oduya" in parties and "Mira Castell" not in parties


def test_a_tagged_family_name_carries_the_full_name() -> None:
    from kg.extract.mentions.surnames import linked_surnames

    text = "Jeff Eversole won. Eversole said so. Mr Zhang spoke after Zhang Guobao arrived."
    bare = Mention("Eversole", text.index("Eversole said"), text.index("Eversole said") + 8, "Person", extractor="ner")
    mr = Mention("Mr Zhang", text.index("Mr Zhang"), text.index("Mr Zhang") + 8, "Person", extractor="ner")
    linked = linked_surnames([person(text, "Jeff Eversole"), bare, mr, person(text, "Zhang Guobao")], HONORIFICS)
    assert [m.text for m in linked] == ["Jeff Eversole", "Jeff Eversole", "Zhang Guobao", "Zhang Guobao"]
    assert (linked[1].start, linked[1].end) == (bare.start, bare.end)
