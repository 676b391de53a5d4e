"""Walk a corpus and read every file: one `FileResult` per file, whatever goes wrong."""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..deadline import TimeBudgetExceeded, alarm
from ..errors import IngestError, KgError
from ..model import FileResult, Problem
from . import html as _html  # noqa: F401 - registers the HTML reader
from . import records as _records  # noqa: F401 - registers the JSON readers
from .limits import bound_documents
from .plain import read_plain
from .readers import READERS

_KNOWN = (".txt", ".md", ".text", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson")
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(s for s in _KNOWN if s in READERS)


def _relative(path: Path, root: Path) -> str:
    # a POSIX path's text is normal (no "//", "." or trailing "/"): one under `root` spells
    # `root`, "/", then its relative path (`relative_to` compares parts, ~4 µs a file)
    whole, base = str(path), str(root)
    if os.sep == "/" and base not in ("/", "//") and whole.startswith(base + "/") and not base.startswith("//"):
        return whole[len(base) + 1:]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


_FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def _path(path: Path | str) -> Path:
    """`path` as a `Path` (a `Path` as it is: making one again parses it again, per file)."""
    return path if isinstance(path, Path) else Path(path)


def file_format(path: Path) -> str:
    """The manifest's format of a supported file, from its suffix."""
    return _FORMATS.get(_path(path).suffix.lower(), "text")


def relative_name(path: Path, root: Path) -> str:
    """The name of `path` in the manifest: relative to `root`, with "/" separators."""
    return _relative(Path(path), Path(root))


def ingest_file(path: Path, root: Path, budget: float = 0.0) -> FileResult:
    """Read one file; `source_path` is relative to `root` with "/" separators. Never raises.

    With a `budget` (seconds, main thread), a reading that outlasts it is abandoned and the
    file is read again as plain text (`plain.read_plain`), which costs linear time."""
    path = _path(path)
    rel = _relative(path, _path(root))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = suffix or "(no suffix)"
        return FileResult(rel, "unsupported", None,
                          problems=(Problem(rel, f"skipped: unsupported file type {kind}", severity="warning"),))
    fmt = _FORMATS.get(suffix, "text")
    try:
        data = path.read_bytes()
    except OSError as err:
        return FileResult(rel, fmt, None, problems=(Problem(rel, f"cannot read file: {err.strerror or err}"),))
    return replace(_parse(data, rel, suffix, fmt, budget), sha256=hashlib.sha256(data).hexdigest())


def _parse(data: bytes, rel: str, suffix: str, fmt: str, budget: float) -> FileResult:
    """The reading of a file's bytes by the reader of its suffix (see `ingest_file`)."""
    try:
        if budget > 0:
            try:
                with alarm(budget):
                    return bound_documents(READERS.get(suffix)(data, rel))
            except TimeBudgetExceeded:
                return read_plain(data, rel, fmt, budget)
        return bound_documents(READERS.get(suffix)(data, rel))
    except IngestError as err:
        return FileResult(rel, fmt, None, problems=(Problem(rel, err.reason, line=err.line),))
    except (KgError, ValueError, LookupError, RecursionError) as err:
        return FileResult(rel, fmt, None, problems=(Problem(rel, f"could not be read: {err}"),))


SKIPPED_FORMATS = frozenset({"unsupported", "link", "special"})  # listed with status "skipped"


def _skipped(rel: str, fmt: str, reason: str) -> FileResult:
    return FileResult(rel, fmt, None, problems=(Problem(rel, f"skipped: {reason}", severity="warning"),))


def _inside(target: str, root_real: str) -> bool:
    return target == root_real or target.startswith(root_real.rstrip(os.sep) + os.sep)


Entry = tuple[Path, FileResult | None]  # an input path and, when it is not to be read, why (see walk_corpus)


def walk_corpus(root: Path, *, follow_symlinks: bool = False) -> Iterator[Entry]:
    """Every non-hidden entry under `root` in sorted order, as (path, None) to read or
    (path, skipped result). The corpus folder is a boundary: a symbolic link (file or folder)
    is followed only when its target stays inside it, unless `follow_symlinks`; broken links,
    links that loop back into their own folders and non-regular files (FIFOs, devices, which
    could block a read forever) are skipped, each with its reason."""
    root = Path(root)
    root_real = os.path.realpath(root)
    stack: list[tuple[Path, tuple[str, ...]]] = [(root, (root_real,))]
    while stack:
        folder, chain = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as err:
            yield folder, _skipped(_relative(folder, root), "special", f"folder cannot be read: {err.strerror or err}")
            continue
        subdirs: list[tuple[Path, tuple[str, ...]]] = []
        for entry in entries:
            path = folder / entry.name
            rel = _relative(path, root)
            real = ""  # the resolved path, needed only for a link or a folder (resolving costs a system call a part)
            if entry.is_symlink():
                real = os.path.realpath(path)
                try:
                    info = os.stat(path)
                except OSError as err:
                    why = "symbolic link loop" if err.errno == errno.ELOOP else "broken symbolic link"
                    yield path, _skipped(rel, "link", f"{why} ({err.strerror or err})")
                    continue
                if not follow_symlinks and not _inside(real, root_real):
                    yield path, _skipped(rel, "link", "symbolic link leads outside the corpus folder "
                                                      "(use --follow-symlinks to read it)")
                    continue
            else:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError as err:
                    yield path, _skipped(rel, "special", f"cannot be read: {err.strerror or err}")
                    continue
            if stat.S_ISDIR(info.st_mode):
                real = real or os.path.realpath(path)
                if real in chain:
                    yield path, _skipped(rel, "link", "symbolic link loop (leads back to a folder that holds it)")
                else:
                    subdirs.append((path, (*chain, real)))
            elif stat.S_ISREG(info.st_mode):
                yield path, None
            else:
                yield path, _skipped(rel, "special", "not a regular file (FIFO, socket or device)")
        stack.extend(reversed(subdirs))


def ingest_corpus(root: Path, *, follow_symlinks: bool = False, budget: float = 0.0) -> Iterator[FileResult]:
    """Every non-hidden file under `root` in sorted order (or `root` itself if it is a file);
    see `walk_corpus` for what is skipped."""
    root = Path(root)
    if root.is_file():
        yield ingest_file(root, root.parent, budget)
        return
    for path, skipped in walk_corpus(root, follow_symlinks=follow_symlinks):
        yield skipped if skipped is not None else ingest_file(path, root, budget)
