"""Extraction: document text -> mentions, dates, figures, relations and events.

An extractor is a small callable built once (it may hold an automaton or compiled
patterns) and called per document with the shared `Extraction`, to which it appends what
it finds. Extractors run in registry order given by `DEFAULT_PIPELINE`, so later ones
(relations, events) can use what earlier ones (mentions, dates, figures) found.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Protocol

from ..errors import RegistryError
from ..model import Document, Extraction
from ..registry import Registry
from .script import ScriptView, script_view


class Extractor(Protocol):
    def __call__(self, ex: Extraction) -> None: ...


EXTRACTORS: Registry[Callable[[], Extractor]] = Registry("extractor")
DEFAULT_PIPELINE = ("gazetteer", "names", "ner", "repeats", "places", "dates", "figures", "relations", "events")
NER_MODES = {"on": "ner", "zh": "ner-zh", "en": "ner-en", "off": None}  # `kg build --ner` -> extractor


# registry name -> the module (under this package) that registers it; modules sit by concept
BUILTIN_MODULES = {
    "gazetteer": "mentions.gazetteer",
    "names": "mentions.names",
    "ner": "mentions.ner",
    "repeats": "mentions.repeats",
    "places": "mentions.places",
    "dates": "dates",
    "figures": "figures.extractor",
    "relations": "relations.extractor",
    "events": "events.extractor",
}


def _load_builtin() -> None:
    """Import the extractor modules so that they register themselves."""
    import importlib

    for name in DEFAULT_PIPELINE:
        module = f"{__name__}.{BUILTIN_MODULES[name]}"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:  # a module not written yet
            if err.name != module:
                raise


def readable(doc: Document) -> Document:
    """The text the extractors read: a document that is only a headline (a one-line news item,
    a title without its article) is read through its headline, so its events are not lost;
    evidence offsets then refer to the headline."""
    if doc.text.strip() or not doc.headline or not doc.headline.strip():
        return doc
    return replace(doc, text=doc.headline)


def _read(doc: Document) -> tuple[Document, ScriptView | None]:
    """The document the extractors read (traditional Chinese through simplified characters) and,
    when that is a copy, the view that puts their findings back on the original."""
    view = script_view(doc)
    return (doc, None) if view is None else (view.read, view)


def default_names(ner: str = "on") -> list[str]:
    """The default chain with the statistical tagger of mode `ner` (on, zh, en or off)."""
    if ner not in NER_MODES:
        raise RegistryError(f"unknown --ner mode {ner!r}; valid: {', '.join(NER_MODES)}")
    _load_builtin()
    tagger = NER_MODES[ner]
    out = []
    for n in DEFAULT_PIPELINE:
        if n == "ner":
            if tagger is not None:
                out.append(tagger)
        elif n in EXTRACTORS:
            out.append(n)
    return out


class Pipeline:
    """The configured chain of extractors, built once and applied to many documents."""

    def __init__(self, names: Iterable[str] | None = None, ner: str = "on") -> None:
        _load_builtin()
        wanted = list(names) if names is not None else default_names(ner)
        self.names = wanted
        self.extractors = [EXTRACTORS.get(n)() for n in wanted]

    def prepare(self, docs: list[Document]) -> None:
        """Let extractors that work best on many documents at once (the taggers) see a batch
        before its documents are extracted one by one."""
        readable_docs = [_read(readable(d))[0] for d in docs]  # the texts they will read (a headline-only item's headline)
        for extractor in self.extractors:
            prepare = getattr(extractor, "prepare", None)
            if prepare is not None:
                prepare(readable_docs)

    def __call__(self, doc: Document) -> Extraction:
        return self._run(doc, None)

    def tolerant(self, doc: Document) -> tuple[Extraction, list[str]]:
        """Run every extractor, skipping one that raises, so one bug costs one extractor's facts,
        not the document's; returns the failures as "name: error" for the manifest."""
        failed: list[str] = []
        return self._run(doc, failed), failed

    def _run(self, doc: Document, failed: list[str] | None) -> Extraction:
        """The extractors over the document as they read it (a traditional-Chinese text through its
        simplified copy, put back after); with `failed`, an extractor that raises is recorded there
        and skipped, without it the error goes up."""
        read, view = _read(readable(doc))
        ex = Extraction(document=read)
        for name, extractor in zip(self.names, self.extractors, strict=True):
            if failed is None:
                extractor(ex)
                continue
            try:
                extractor(ex)
            except Exception as err:  # a bug in one extractor must not hide what the others found
                failed.append(f"{name}: {type(err).__name__}: {err}")
        if view is not None:
            view.restore(ex)
        return ex

    def pipe(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        for doc in docs:
            yield self(doc)
