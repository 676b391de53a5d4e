"""Walk a corpus and read every file: one `FileResult` per file, whatever goes wrong."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import IngestError, KgError
from ..model import FileResult, Problem
from . import html as _html  # noqa: F401 - registers the HTML reader
from . import records as _records  # noqa: F401 - registers the JSON readers
from .readers import READERS

_KNOWN = (".txt", ".md", ".text", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson")
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(s for s in _KNOWN if s in READERS)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def ingest_file(path: Path, root: Path) -> FileResult:
    """Read one file; `source_path` is relative to `root` with "/" separators. Never raises."""
    rel = _relative(Path(path), Path(root))
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = suffix or "(no suffix)"
        return FileResult(rel, "unsupported", None,
                          problems=(Problem(rel, f"skipped: unsupported file type {kind}", severity="warning"),))
    fmt = {".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json",
           ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "text")
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return FileResult(rel, fmt, None, problems=(Problem(rel, f"cannot read file: {err.strerror or err}"),))
    try:
        return READERS.get(suffix)(data, rel)
    except IngestError as err:
        return FileResult(rel, fmt, None, problems=(Problem(rel, err.reason, line=err.line),))
    except (KgError, ValueError, LookupError, RecursionError) as err:
        return FileResult(rel, fmt, None, problems=(Problem(rel, f"could not be read: {err}"),))


def ingest_corpus(root: Path) -> Iterator[FileResult]:
    """Every non-hidden file under `root` in sorted order (or `root` itself if it is a file)."""
    root = Path(root)
    if root.is_file():
        yield ingest_file(root, root.parent)
        return
    for folder, dirs, files in os.walk(root, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield ingest_file(Path(folder) / name, root)
