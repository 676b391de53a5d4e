"""`build`: corpus folder -> ingest -> extract -> resolve -> RDF files, manifest and store.

Output is written to a temporary sibling folder and swapped in at the end, so an
interrupted build leaves the previous output intact.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache as cache_once
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import OutcomeCache, fingerprint
from .deadline import DOC_TIMEOUT, TimeBudgetExceeded, alarm
from .errors import KgError, RegistryError
from .extract import NER_MODES, Pipeline
from .gc_policy import paused as gc_paused
from .graph_files import GraphFiles, StoreParts
from .graph_parts import QuadPool, SharedTables, chunk_quads, chunk_runs
from .ingest.corpus import SKIPPED_FORMATS, Entry
from .ingest.limits import origin_key
from .ingest.paths import is_clean, raw_bytes, shown, storable
from .lexicons import load_entities
from .model import Document, Extraction, FileOutcome, FileResult, Problem, Resolved
from .outlock import out_lock, remove_stale, swap_in
from .rdf import QuadWriter, doc_iri, ontology_quads, shared_quads
from .resolve import Resolution
from .spool import Spool
from .stage_clock import TIMINGS_FILE, StageClock

if TYPE_CHECKING:
    from .store import PartsLoad

Progress = Callable[[str, int, int | None], None]  # (stage, done, total)


@dataclass
class BuildReport:
    """What a build read, made and wrote; the manifest is its JSON form."""

    out: Path
    files: list[dict] = field(default_factory=list)
    documents: int = 0
    entities: int = 0
    events: int = 0
    quads: int = 0
    seconds: float = 0.0
    store: str | None = None
    site: str | None = None
    site_seconds: float = 0.0
    reread: int | None = None  # files read and extracted this time (None: no cache in play)
    from_cache: int = 0  # files whose outcome came from the previous build's cache
    cache_notes: list[str] = field(default_factory=list)  # why the cache was not (fully) used

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f["status"] in ("failed", "partial"))

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.files for p in f["problems"] if p["severity"] == "warning")

    def problems(self) -> list[str]:
        """One line per problem: control characters in names or messages are escaped, so a
        newline in a file name never splits a line."""
        return [shown(f"{f['path']}{':' + str(p['line']) if p.get('line') else ''}: {p['severity']}: {p['message']}")
                for f in self.files for p in f["problems"]]

    def summary(self) -> str:
        cached = f" ({self.reread} files re-read, {self.from_cache} from the cache)" if self.reread is not None else ""
        return shown(f"{len(self.files)} files ({self.failed} with errors, {self.warnings} warnings), "
                     f"{self.documents} documents, {self.entities} entities, {self.events} events, "
                     f"{self.quads} quads in {self.seconds:.1f}s{cached} -> {self.out}")


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


def build(corpus: Path, out: Path, *, progress: Progress | None = None, load_store: bool = True,
          follow_symlinks: bool = False, doc_timeout: float | None = DOC_TIMEOUT, wait: float = 0.0,
          jobs: int = 1, ner: str = "on", site: bool = True, dask: str | None = None,
          full: bool = False) -> BuildReport:
    """Build the knowledge graph of every file under `corpus` into the folder `out`.

    One build per `out` at a time (a lock beside it; `wait` seconds for another to finish);
    `doc_timeout` bounds the extraction of each document (None or 0: no bound);
    `follow_symlinks` lets links lead outside the corpus folder; `jobs` > 1 reads and extracts
    in that many worker processes, `dask` ("local" or a scheduler's tcp://host:port) on a Dask
    cluster (same output either way, see kg.shards); `ner` picks the statistical taggers (on: both
    languages, zh, en, off: rules only); `site` also writes the browsable site (DIR/site/,
    see `kg.view.site`). Files unchanged since the last build of `out` (same name, same bytes,
    same kg, lexicons and options) are taken from its cache (DIR/cache/, see `kg.cache`) and
    only the others read; `full` ignores the cache. The output is the same either way."""
    corpus = Path(corpus)
    out = Path(out)
    if not corpus.exists():
        raise KgError(f"{corpus}: no such file or folder (give the corpus folder to build)")
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: exists and is not a folder; choose another --out")
    with out_lock(out.absolute(), wait):
        remove_stale(out.absolute())
        if ner not in NER_MODES:
            raise RegistryError(f"unknown --ner mode {ner!r}; valid: {', '.join(NER_MODES)}")
        cache = OutcomeCache(out, fingerprint(ner=ner, doc_timeout=doc_timeout or 0.0), full=full)
        try:
            report = _build(corpus, out, progress or _noop, load_store, follow_symlinks, doc_timeout or 0.0,
                            jobs, ner, site, cache, dask)
            cache.commit()  # after the swap: the new output gets this build's cache
        except BaseException:
            cache.discard()
            raise
        report.reread, report.from_cache, report.cache_notes = cache.reread, cache.from_cache, cache.notes
        return report


def _build(corpus: Path, out: Path, tick: Progress, load_store: bool, follow_symlinks: bool,
           doc_timeout: float, jobs: int = 1, ner: str = "on", site: bool = True,
           cache: OutcomeCache | None = None, dask: str | None = None) -> BuildReport:
    """Stream the outcomes through resolution into the output files. Memory holds one chunk
    of outcomes, the entity and event tables, and each file's manifest entry; the outcomes
    are spooled to disk (in the temporary output folder) and read back for each pass. Each
    stage's CPU and wall seconds go to DIR/timings.json (see kg.stage_clock)."""
    started = time.perf_counter()
    clock = StageClock()
    root = corpus if corpus.is_dir() else corpus.parent
    report = BuildReport(out=out)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    work = tmp / ".work"  # spool and sort runs; removed before the folder is swapped in
    store = _store_load(tmp) if load_store else None
    try:
        outcomes = _outcomes(corpus, root, follow_symlinks, doc_timeout, tick, jobs, ner, cache, dask, clock.workers)
        warming = _warm_back() if jobs > 1 or dask else None
        spool = Spool(work / "spool")
        resolution = Resolution(load_entities(), compact_reports=True)
        files, spooling = _spool_outcomes(outcomes, spool, resolution, tmp / TEXTS_FILE, report)
        clock.lap("front")
        clock.carve("spool", *spooling, into="front")
        if warming is not None:
            warming.join()

        tick("resolve", 0, None)
        # the quad workers' interpreters start while this process resolves (one core is idle then)
        with _back_pool(jobs, spool, clock.workers) as pool:
            with gc_paused():  # resolution keeps what it makes: the collector would find no garbage
                for i, chunk in spool.chunks():
                    docs = [d for o in chunk for d in o.file.documents]
                    spool.keep(i, "keys", resolution.assign(docs, [ex for o in chunk for ex in o.extractions]))
                    tick("resolve", i + 1, spool.count)
                clock.lap("resolve")
                resolved = resolution.finish()
            report.entities, report.events = len(resolved.entities), len(resolved.events)
            clock.lap("merge")

            tick("write", 0, None)
            graph = GraphFiles(work / "sort")
            tables = SharedTables(resolved.entities, resolved.events, resolution.report_events)
            if pool is not None:
                pool.share(tables)
            _spooled_quads(graph, spool, tables, resolved, pool)
            clock.lap("quads")
            # under --jobs the store loads in a thread while graph.trig is serialised
            early = store.start if store is not None and pool is not None else None
            own_cpu = time.thread_time()
            stored = graph.write(tmp / "graph.nq", tmp / "graph.trig", pool, early, store=store is not None)
            own_cpu = time.thread_time() - own_cpu  # this thread's share of the write stage
        del tables
        report.quads = len(stored)
        for entry, keys in files:
            entry["triples"] = sum(graph.per_doc[k] for k in keys)
            report.files.append(entry)
        del graph, files, resolved
        clock.lap("write")
        if early is not None:  # the other threads' CPU during the write stage was the store load's
            clock.carve("store", 0.0, max(0.0, clock.own_cpu("write") - own_cpu), into="write")
        if store is not None:
            report.store = _load_store(store, stored)
        clock.lap("store")
        shutil.rmtree(work)
        clock.lap("cleanup")
        report.seconds = time.perf_counter() - started
        if site:
            tick("site", 0, None)
            site_started = time.perf_counter()
            report.site = _write_site(tmp)
            report.site_seconds = time.perf_counter() - site_started
        clock.lap("site", children=True)  # the site writes its pages in forked processes
        (tmp / "manifest.json").write_text(json.dumps(manifest(report, corpus), ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8", errors="backslashreplace")
        clock.write(tmp, documents=report.documents, jobs=jobs, dask=bool(dask), ner=ner)
        swap_in(tmp, out)
    except BaseException:
        if store is not None:
            store.wait()  # a load started early still writes in tmp
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return report


def _warm_back() -> threading.Thread:
    """Load what resolution loads on first use (pypinyin's dictionaries, read by kg.resolve.pinyin)
    in a thread while workers extract, rather than after them, when this process is idle."""
    from .resolve.keys import pinyin

    thread = threading.Thread(target=pinyin, args=("中文",), daemon=True, name="kg-warm-back")
    thread.start()
    return thread


def _spool_outcomes(outcomes: Iterable[FileOutcome], spool: Spool, resolution: Resolution, texts: Path,
                    report: BuildReport) -> tuple[list[tuple[dict, list[str]]], tuple[float, float]]:
    """First pass, as the outcomes arrive: spool them, write each document's text, learn the
    short forms and name heads, and keep each file's manifest entry (its triples counted
    later) with its documents' keys. Also returns the wall and CPU seconds this thread spent
    on that, apart from waiting for and making the outcomes (the build's timings)."""
    files: list[tuple[dict, list[str]]] = []
    wall = cpu = 0.0
    with texts.open("w", encoding="utf-8", errors="backslashreplace") as f:
        for o in outcomes:
            began, began_cpu = time.perf_counter(), time.thread_time()
            files.append((_file_entry(o.file, o.problems), [d.key for d in o.file.documents]))
            f.writelines(text_line(d) for d in o.file.documents)
            report.documents += len(o.file.documents)
            resolution.learn(o.extractions)
            spool.add(o)
            wall += time.perf_counter() - began
            cpu += time.thread_time() - began_cpu
        began, began_cpu = time.perf_counter(), time.thread_time()
        spool.flush()
    return files, (wall + time.perf_counter() - began, cpu + time.thread_time() - began_cpu)


def _spooled_quads(graph: GraphFiles, spool: Spool, tables: SharedTables, resolved: Resolved,
                   pool: QuadPool | None = None) -> None:
    """Every quad of the build into `graph`: the ontology, each chunk's documents (with the
    keys resolution gave that chunk; in the processes of `pool` when there is one, while
    this one makes the rest), then what needs every entity."""
    for q in ontology_quads():
        graph.add(None, q)
    parts = [pool.submit(chunk_runs, spool.folder, i, graph.work) for i in range(spool.count)] if pool else []
    if pool is None:
        for i, chunk in spool.chunks():
            for doc_key, quads in chunk_quads(tables, chunk, spool.load(i, "keys")):
                graph.add_document(doc_key, quads)
    shared = QuadWriter(Resolved(entities=resolved.entities, lexicon_relations=resolved.lexicon_relations))
    for doc_key, q in shared_quads(shared):
        graph.add(doc_key, q)
    for part in parts:
        runs = part.result()
        graph.adopt(runs.by_text, runs.by_graph, runs.per_doc)


@contextmanager
def _back_pool(jobs: int, spool: Spool,
               on_cpu: Callable[[float], None] | None = None) -> Iterator[QuadPool | None]:
    """`jobs` processes that make the chunks' quads side by side (see kg.graph_parts; the
    caller shares the tables once resolved), or None (this process makes them) for one job or
    a single chunk; their CPU seconds per task go to `on_cpu`."""
    if jobs < 2 or spool.count < 2:
        yield None
        return
    pool = QuadPool(min(jobs, spool.count), on_cpu=on_cpu)
    try:
        yield pool
    except BaseException:
        pool.kill()
        raise
    pool.shutdown()


def _outcomes(corpus: Path, root: Path, follow_symlinks: bool, doc_timeout: float, tick: Progress, jobs: int,
              ner: str, cache: OutcomeCache | None, dask: str | None = None,
              on_cpu: Callable[[float], None] | None = None) -> Iterable[FileOutcome]:
    """One outcome per input in corpus order, as they come: the cache's for unchanged files,
    the others read and extracted here, in `jobs` worker processes or on the Dask cluster
    `dask` (see kg.shards). This process's extractors are made only when a file is extracted
    here (a rebuild from the cache, or workers, need none). The workers' CPU seconds go to `on_cpu`."""
    from . import shards

    entries: list[Entry] = shards.inputs(corpus, root, follow_symlinks)
    tick("ingest", len(entries), None)

    @cache_once
    def here() -> Pipeline:
        return Pipeline(ner=ner)

    def produce(todo: list[Entry]) -> Iterable[FileOutcome]:
        return shards.outcomes_of(todo, root, pipeline=here, budget=doc_timeout, jobs=jobs, dask=dask, ner=ner,
                                  tick=tick, on_cpu=on_cpu or shards.no_report)

    return cache.outcomes(entries, root, produce) if cache is not None else produce(entries)


PREPARE_BATCH = 512  # documents the taggers see together (bounded so memory stays flat)


def _extract_all(pipeline: Pipeline, documents: list[Document], budget: float, tick: Progress,
                 ) -> tuple[list[Extraction], dict[str, list[Problem]]]:
    """Run the extractors over every document. One bad document must not stop the corpus:
    an extractor that fails costs its own facts only, and a document (all the parts it was
    cut into together) whose extraction outlasts `budget` seconds is cut off there, its
    remaining parts kept without facts, and reported. Every `PREPARE_BATCH` documents the
    pipeline first sees the batch together (the taggers tag its sentences in batches)."""
    extractions: list[Extraction] = []
    problems: dict[str, list[Problem]] = {}
    spent: dict[str, float] = {}
    cut: dict[str, list[Document]] = {}  # origin -> its parts left without facts
    parts: Counter[str] = Counter()
    targets = [d for d in documents if not d.is_container]
    for doc in targets:
        parts[origin_key(doc)] += 1
    for i, doc in enumerate(targets, 1):
        if (i - 1) % PREPARE_BATCH == 0:
            pipeline.prepare(targets[i - 1 : i - 1 + PREPARE_BATCH])
        origin = origin_key(doc)
        if origin in cut:
            cut[origin].append(doc)
            extractions.append(Extraction(document=doc))
            tick("extract", i, len(targets))
            continue
        began = time.monotonic()
        try:
            if budget > 0:
                with alarm(budget - spent.get(origin, 0.0)):
                    ex, failed = _extract(pipeline, doc)
            else:
                ex, failed = _extract(pipeline, doc)
        except TimeBudgetExceeded:
            ex, failed = Extraction(document=doc), []
            cut[origin] = [doc]
        spent[origin] = spent.get(origin, 0.0) + time.monotonic() - began
        if budget > 0 and origin not in cut and spent[origin] >= budget:
            cut[origin] = []  # the budget ran out between parts (or no signal could stop the part)
        extractions.append(ex)
        problems.setdefault(doc.source_path, []).extend(
            Problem(doc.source_path, f"extractor failed on {doc.key} (its other facts kept): {f}", severity="warning")
            for f in failed)
        tick("extract", i, len(targets))
    for origin, left in cut.items():
        if left:
            problems.setdefault(left[0].source_path, []).append(_timeout_problem(origin, left, parts[origin], budget))
    return extractions, problems


def _extract(pipeline: Pipeline, doc: Document) -> tuple[Extraction, list[str]]:
    try:
        return pipeline(doc), []
    except Exception:  # keep what the other extractors find
        return pipeline.tolerant(doc)


def _timeout_problem(origin: str, left: list[Document], total: int, budget: float) -> Problem:
    first = left[0]
    where = origin.partition("#")[2] or "the document"
    if total > 1:
        gap = (f" at {first.position}: {len(left)} of its {total} parts ({left[0].position.rpartition(' ')[2]}"
               f"–{left[-1].position.rpartition(' ')[2]}) have no facts")
    else:
        gap = ": it has no facts"
    return Problem(first.source_path, f"extraction of {where} stopped after its time budget of {budget:g} s "
                                      f"(--doc-timeout){gap}; its text is kept", severity="error")


def _file_entry(f: FileResult, more: list[Problem]) -> dict:
    """The manifest entry of one input ("triples" is filled in once the quads are made). A
    name that is not UTF-8 is shown with \\xNN escapes, its raw bytes beside it in hex
    ("path_bytes")."""
    problems = [*f.problems, *more]
    errors = any(p.severity == "error" for p in more)
    status = f.status if not errors else ("partial" if f.documents else "failed")
    if f.format in SKIPPED_FORMATS and not f.documents and status == "ok":
        status = "skipped"
    entry = {
        "path": storable(f.path), "format": f.format, "encoding": f.encoding, "sha256": f.sha256, "status": status,
        "documents": [storable(d.key) for d in f.documents],
        "triples": 0,
        "problems": [{"severity": p.severity, "line": p.line, "message": storable(p.message)} for p in problems],
    }
    if not is_clean(f.path):
        entry["path_bytes"] = raw_bytes(f.path).hex()
    return entry


def manifest(report: BuildReport, corpus: Path) -> dict:
    return {
        "corpus": storable(str(corpus)),
        "files": report.files,
        "totals": {"files": len(report.files), "failed": report.failed, "warnings": report.warnings,
                   "documents": report.documents, "entities": report.entities, "events": report.events,
                   "quads": report.quads},
        "outputs": ["graph.nq", "graph.trig", TEXTS_FILE, "manifest.json", TIMINGS_FILE]
                   + (["store/"] if report.store else [])
                   + (["site/"] if report.site else []),
    }


TEXTS_FILE = "texts.jsonl"


def write_texts(path: Path, documents: list[Document]) -> None:
    """Each document's text, one JSON line {"doc": IRI, "text": ...}, so the site's document
    pages show the text without reading the corpus again (it may have moved or changed)."""
    with path.open("w", encoding="utf-8", errors="backslashreplace") as f:
        f.writelines(text_line(d) for d in documents)


def text_line(d: Document) -> str:
    """One line of texts.jsonl."""
    return json.dumps({"doc": doc_iri(d.key).value, "text": d.text}, ensure_ascii=False) + "\n"


def _write_site(folder: Path) -> str:
    """The site of the build in `folder` (its store, or graph.nq when there is none)."""
    from .view.site import build_site

    build_site(folder)
    return "site"


def _store_load(folder: Path) -> PartsLoad | None:
    """The load of DIR/store from the build's store files, when the store module is available."""
    try:
        from .store import PartsLoad
    except ImportError:
        return None
    return PartsLoad(folder / "store")


def _load_store(store: PartsLoad, parts: StoreParts) -> str:
    """Wait for the store load started early, or bulk-load the store files now."""
    store.result(parts)
    return "store"
