"""The quads of a streamed build's spooled chunks, made here or in worker processes.

Once resolution has finished, each chunk's quads depend only on the chunk (its outcomes and
the keys resolution gave it, both on disk in the spool) and on tables every chunk shares
(the entities, the event heads, the event of each report). So `--jobs N` makes them in N
processes side by side: each turns whole chunks into sorted runs of N-Quads lines (see
`kg.external_sort`) and counts each document's quads; the build merges the runs. The lines,
and so the output, are the same as when this process makes every quad itself.
"""
from __future__ import annotations

import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from .errors import KgError
from .external_sort import ExternalSort, write_lines
from .gc_policy import settle as settle_gc
from .model import Entity, Event, EventMention, FileOutcome, Resolved
from .nquads import QuadText
from .rdf import QuadWriter, document_group_lists
from .resolve import DocumentKeys
from .spool import load_part


@dataclass
class SharedTables:
    """What every chunk's quads need beyond the chunk: the entities, the events (as
    `EventHead`s) and the event of each report by its number in corpus order."""

    entities: dict[str, Entity]
    events: dict[str, Event]
    report_events: list[str]


def chunk_quads(tables: SharedTables, chunk: list[FileOutcome], keys: DocumentKeys) -> Iterator[tuple[str, list[QuadText]]]:
    """(document key, its quads as text) of every document of one chunk, with the keys resolution gave it."""
    events = tables.events
    view = Resolved(entities=tables.entities, relations=keys.relations, events=events,
                    mention_keys=keys.mention_keys, publishers=keys.publishers, authors=keys.authors)
    events_by_doc: dict[str, list[tuple[Event, EventMention]]] = {}
    number = keys.first_report
    for o in chunk:
        for ex in o.extractions:
            for rep in ex.events:
                events_by_doc.setdefault(rep.doc_key, []).append((events[tables.report_events[number]], rep))
                number += 1
    docs = (d for o in chunk for d in o.file.documents)
    return document_group_lists(QuadWriter(view), docs, events_by_doc)


@dataclass
class ChunkRuns:
    """A chunk's quads as sorted runs: by text (graph.nq) and in TriG order, and the number of
    quads made for each document (repeats counted)."""

    by_text: list[Path]
    by_graph: list[Path]
    per_doc: Counter[str]


_TABLES: SharedTables | None = None  # a worker's copy, set once when it starts


def chunk_runs(spool: Path, chunk: int, sort: Path) -> ChunkRuns:
    """In a worker: the quads of spooled chunk number `chunk` as sorted runs in `sort`."""
    assert _TABLES is not None, "a worker started without the shared tables"
    by_text = ExternalSort(sort, f"nq-c{chunk:06d}")
    by_graph = ExternalSort(sort, f"trig-c{chunk:06d}")
    per_doc: Counter[str] = Counter()
    for doc_key, quads in chunk_quads(_TABLES, load_part(spool, chunk, "outcomes"), load_part(spool, chunk, "keys")):
        per_doc[doc_key] += len(quads)
        by_text.extend([f"{text} .\n".encode() for _, text in quads])
        by_graph.extend([f"{graph} {text}\n".encode() for graph, text in quads])
    by_text.spill()
    by_graph.spill()
    return ChunkRuns(by_text.runs, by_graph.runs, per_doc)


def merge_into(runs: list[Path], path: Path) -> int:
    """The distinct lines of sorted `runs`, in order, into `path` (the runs are removed);
    returns how many lines."""
    count = 0
    with path.open("wb") as f:
        for block in ExternalSort.blocks(runs):
            write_lines(f, block)
            count += len(block)
    return count


_TASKS = {"chunk_runs": chunk_runs, "merge_into": merge_into}  # what a worker may be asked to run


class QuadPool:
    """`workers` child Python processes (`_serve`, started as `kg.shards` starts its workers:
    a fresh interpreter, so a caller's script is never re-imported), each given the shared
    tables once, then `submit`ted tasks of `_TASKS` by threads of this process, one per child.
    The children start at once, so a build can make the pool before resolution and `share`
    the tables after it: their interpreters start while it resolves, when a core is idle.
    The CPU seconds a child spends on each task (the first: with its start) go to `on_cpu`."""

    def __init__(self, workers: int, tables: SharedTables | None = None,
                 on_cpu: Callable[[float], None] | None = None) -> None:
        self._on_cpu = on_cpu
        self._tables: bytes | None = None
        if tables is not None:
            self.share(tables)
        self._todo: queue.SimpleQueue[tuple[Future, str, tuple] | None] = queue.SimpleQueue()
        self._procs: list[subprocess.Popen] = []
        self.cpu: dict[int, float] = {}  # CPU seconds each child (by pid) had used at its last answer (benchmarks)
        self._lock = threading.Lock()
        self._closed = False
        self._threads = [threading.Thread(target=self._feed, daemon=True, name=f"kg-quads-{k}")
                         for k in range(workers)]
        for t in self._threads:
            t.start()

    def share(self, tables: SharedTables) -> None:
        """The tables every task needs (before the first `submit`)."""
        self._tables = pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)

    def submit(self, task: Callable, *args: object) -> Future:
        assert self._tables is not None, "share the tables before submitting tasks"
        future: Future = Future()
        self._todo.put((future, task.__name__, args))
        return future

    def _feed(self) -> None:
        proc: subprocess.Popen | None = None
        fed = False  # whether `proc` has the tables
        try:
            proc = self._start()  # now, before there are tasks (see the class's docstring)
        except (OSError, WorkerGone):  # the first task tries again, and reports what fails
            proc = None
        try:
            while (item := self._todo.get()) is not None:
                future, name, args = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if proc is None:
                        proc, fed = self._start(), False
                    if not fed:
                        self._feed_tables(proc)
                        fed = True
                    future.set_result(self._ask(proc, name, args))
                except BaseException as err:  # handed to whoever waits on the future
                    future.set_exception(err)
                    if isinstance(err, WorkerGone):
                        proc = None
        finally:
            if proc is not None:
                _end(proc)

    def _start(self) -> subprocess.Popen:
        from .shards import child_command, child_env

        with self._lock:
            if self._closed:
                raise WorkerGone("the pool is shut down")
            proc = subprocess.Popen(child_command("from kg.graph_parts import _serve; _serve()"),
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=child_env(), close_fds=True)
            self._procs.append(proc)
        return proc

    def _feed_tables(self, proc: subprocess.Popen) -> None:
        assert proc.stdin is not None and self._tables is not None
        try:
            proc.stdin.write(self._tables)
        except OSError as err:
            proc.kill()
            raise WorkerGone(f"a process writing the graph's quads ended (exit code {proc.wait()})") from err

    def _ask(self, proc: subprocess.Popen, name: str, args: tuple) -> object:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            pickle.dump((name, args), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            proc.stdin.flush()
            before = self.cpu.get(proc.pid, 0.0)
            status, value, self.cpu[proc.pid] = pickle.load(proc.stdout)
            if self._on_cpu is not None:
                self._on_cpu(max(0.0, self.cpu[proc.pid] - before))
        except (OSError, EOFError, pickle.UnpicklingError) as err:
            proc.kill()
            raise WorkerGone(f"a process writing the graph's quads ended (exit code {proc.wait()})") from err
        if status != "ok":
            raise KgError(f"writing the graph's quads failed in a worker process: {value}")
        return value

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """Stop the children once their tasks are done (`cancel_futures`: drop the waiting ones;
        a failing build kills them at once)."""
        with self._lock:
            self._closed = True
            if cancel_futures:
                while True:
                    try:
                        item = self._todo.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item[0].cancel()
        for _ in self._threads:
            self._todo.put(None)
        if wait:
            for t in self._threads:
                t.join()

    def kill(self) -> None:
        """End every child now (the build stopped: Ctrl-C or an error)."""
        self.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            for proc in self._procs:
                proc.kill()
        for t in self._threads:
            t.join()


class WorkerGone(KgError):
    """A quad worker process ended before it answered."""


def _end(proc: subprocess.Popen) -> None:
    try:
        if proc.stdin:
            proc.stdin.close()
        proc.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()
    finally:
        if proc.stdout:
            proc.stdout.close()


def _serve() -> None:
    """The child's loop: the shared tables first, then (task name, arguments) until stdin
    closes; stray prints go to stderr (stdout carries the answers), Ctrl-C is the parent's."""
    global _TABLES
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    _TABLES = pickle.load(requests)
    settle_gc()  # the shared tables are long-lived: out of the collector's sight
    while True:
        try:
            name, args = pickle.load(requests)
        except EOFError:
            return
        try:
            reply: tuple[str, object] = ("ok", _TASKS[name](*args))
        except Exception as err:  # reported to the build, which stops with it
            reply = ("error", f"{type(err).__name__}: {err}")
        pickle.dump((*reply, time.process_time()), answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()
