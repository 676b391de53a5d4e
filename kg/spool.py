"""A spool of build outcomes on disk: whole files' outcomes in chunks, pickled, read back in order.

A streamed build keeps only the chunk it is working on in memory; the later passes
(resolution, RDF) read the chunks back one at a time. Beside each chunk the build may keep
other per-chunk data (the entity keys resolution gave its mentions) under a name.
"""
from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .model import FileOutcome

SPOOL_DOCS = 1000  # documents per chunk (whole files: a file with more documents makes one bigger chunk)


class Spool:
    """Outcomes added in corpus order, written a chunk at a time to `folder`."""

    def __init__(self, folder: Path, docs_per_chunk: int | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.limit = max(1, docs_per_chunk or SPOOL_DOCS)
        self.count = 0
        self._pending: list[FileOutcome] = []
        self._docs = 0

    def add(self, outcome: FileOutcome) -> None:
        self._pending.append(outcome)
        self._docs += max(1, len(outcome.file.documents))  # an empty or skipped file still counts
        if self._docs >= self.limit:
            self.flush()

    def flush(self) -> None:
        """Write what is pending as the next chunk."""
        if self._pending:
            self.keep(self.count, "outcomes", self._pending)
            self.count += 1
            self._pending, self._docs = [], 0

    def chunks(self) -> Iterator[tuple[int, list[FileOutcome]]]:
        """(number, outcomes) of every chunk, in corpus order, one in memory at a time."""
        self.flush()
        for i in range(self.count):
            yield i, self.load(i, "outcomes")

    def keep(self, chunk: int, name: str, data: Any) -> None:
        with (self.folder / f"{chunk:06d}.{name}.pickle").open("wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)

    def load(self, chunk: int, name: str) -> Any:
        return load_part(self.folder, chunk, name)


def load_part(folder: Path, chunk: int, name: str) -> Any:
    """What a spool in `folder` keeps under `name` for chunk number `chunk` (also from another
    process of the same build)."""
    with (Path(folder) / f"{chunk:06d}.{name}.pickle").open("rb") as f:
        return pickle.load(f)  # our own files, written by this build
