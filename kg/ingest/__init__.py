"""Ingest: files -> decoded, repaired text -> one `Document` per article or news item.

`ingest_corpus(root)` walks a folder recursively and yields one `FileResult` per input
file (documents plus problems), so every input is accounted for in the manifest.

The names below are loaded on first use (PEP 562): a process that needs only a small
submodule (`kg.ingest.paths`, as the graph's quad workers do through `kg.rdf`) does not
import every reader, which took 0.17 CPU s per process.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import SUPPORTED_SUFFIXES, ingest_corpus, ingest_file
    from .readers import READERS

__all__ = ["READERS", "SUPPORTED_SUFFIXES", "ingest_corpus", "ingest_file"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from . import corpus  # registers every reader (and holds READERS)

        return getattr(corpus, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
