"""A listing's sorted keys (or an aggregate's whole answer) kept on disk inside the store folder.

Finding and sorting every key of a whole-graph listing is the costly part of its first page
(seconds at a million triples); the page itself costs a look-up per key. So the first time a
listing is paged on a store, its sorted keys are written to `STORE/kg-listings/` (one JSON
line per key, after a header with the total), and every later first page, in any process,
reads only the lines it shows. An entry is used only while the store's data files are the
ones it was computed from (their names and sizes: RocksDB never rewrites a file in place,
every write adds or replaces files) and for the very query text it answers.

Terms are kept in their N-Triples form and parsed back one by one as terms, so a damaged or
edited entry can never put anything but a single RDF term into the page query; an entry
that does not parse is ignored and computed again.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

INDEX_DIR = "kg-listings"
_FORMAT = 1
_MAX_ENTRIES = 64  # listings kept per store (the canned ones, with room for parameters and your own)
_NOT_DATA = {"LOCK", INDEX_DIR}  # files whose change does not change the data


class DamagedEntry(ValueError):
    """An entry that does not read back as RDF terms."""


def fingerprint(store_dir: Path) -> str:
    """The store's data files (names and sizes, not the info logs): equal while its data is."""
    items = sorted((f.name, f.stat().st_size) for f in Path(store_dir).iterdir()
                   if f.name not in _NOT_DATA and not f.name.startswith("LOG"))
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()


def _entry(store_dir: Path, query: str) -> Path:
    return Path(store_dir) / INDEX_DIR / (hashlib.sha256(query.encode()).hexdigest()[:40] + ".jsonl")


@dataclass(frozen=True)
class StoredListing:
    """An entry on disk: its total and columns; `rows(offset, size)` reads only those lines."""

    path: Path
    variables: list[str]
    total: int

    def rows(self, offset: int, size: int) -> list[tuple[Any, ...]]:
        with self.path.open(encoding="utf-8") as f:
            lines = itertools.islice(f, 1 + offset, 1 + offset + size)
            return [tuple(_term(t) for t in json.loads(line)) for line in lines]

    def __len__(self) -> int:
        return self.total


def load(store_dir: Path, query: str) -> StoredListing | None:
    """The entry for `query` when it exists and matches the store's data now, else None."""
    path = _entry(store_dir, query)
    try:
        with path.open(encoding="utf-8") as f:
            head = json.loads(f.readline())
        if (head.get("format") != _FORMAT or head.get("query") != query
                or head.get("fingerprint") != fingerprint(store_dir)):
            return None
        return StoredListing(path, list(head["variables"]), int(head["total"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(store_dir: Path, query: str, variables: Sequence[str], rows: Sequence[Sequence[Any]],
         data: str | None = None) -> None:
    """Write the entry for `query` (atomically; silently not when the folder is read-only).
    `data` is the store's fingerprint taken before the rows were computed."""
    folder = Path(store_dir) / INDEX_DIR
    try:
        data = data or fingerprint(store_dir)
        folder.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps({"format": _FORMAT, "fingerprint": data, "query": query,
                                "variables": list(variables), "total": len(rows)}, ensure_ascii=False) + "\n")
            for row in rows:
                f.write(json.dumps([None if t is None else str(t) for t in row], ensure_ascii=False) + "\n")
        os.replace(tmp, _entry(store_dir, query))
        entries = sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-_MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def _term(text: str | None) -> Any:
    """One N-Triples term back as a pyoxigraph term; DamagedEntry when it is not exactly one."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise DamagedEntry(f"not a term: {text!r}")
    if text.startswith("_:"):
        if not text[2:] or any(c.isspace() for c in text):
            raise DamagedEntry(f"not a blank node: {text!r}")
        return ox.BlankNode(text[2:])
    try:
        triples = list(ox.parse(input=f"<urn:kg:s> <urn:kg:p> {text} .\n".encode(), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as err:
        raise DamagedEntry(f"not a term: {text!r}") from err
    if len(triples) != 1:
        raise DamagedEntry(f"not a term: {text!r}")
    return triples[0].object
