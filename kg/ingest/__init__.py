"""Ingest: files -> decoded, repaired text -> one `Document` per article or news item.

`ingest_corpus(root)` walks a folder recursively and yields one `FileResult` per input
file (documents plus problems), so every input is accounted for in the manifest.
"""
from __future__ import annotations

from .corpus import SUPPORTED_SUFFIXES, ingest_corpus, ingest_file
from .readers import READERS

__all__ = ["READERS", "SUPPORTED_SUFFIXES", "ingest_corpus", "ingest_file"]
