"""The front of `kg build`: every input file ingested and extracted, one `FileOutcome` per
file, yielded in corpus order: in this process, in N local worker processes (`--jobs N`),
or on a Dask cluster (`--dask local|tcp://host:port`), with the same outcomes.

The corpus is cut into shards: runs of consecutive input files, balanced by bytes. A shard
is read and extracted in one process (`run_shard`), so a file's documents, facts and
problems travel together, and each per-document time budget is enforced there by a signal
in that process's main thread. The worker processes are `python -m kg.shards` children
(`ShardWorker`): each builds its Pipeline (jieba, lexicons, the taggers of `--ner`) once
and then serves shards over a pipe until it is closed. Local jobs use N of them; on Dask
each Dask worker keeps its own (a Dask task runs in a thread, where no signal can stop a
runaway document). A worker process that dies costs exactly the shard it was reading:
those files are reported as failed in the manifest and every other shard is kept.
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
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .errors import KgError
from .ingest.corpus import Entry, file_format, ingest_file, relative_name, walk_corpus
from .model import Document, Extraction, FileOutcome, FileResult, Problem

if TYPE_CHECKING:
    from .extract import Pipeline

Progress = Callable[[str, int, int | None], None]
CpuReport = Callable[[float], None]  # CPU seconds a worker process spent on a shard


def no_report(seconds: float) -> None:
    return None

SHARDS_PER_WORKER = 6  # the final shards are 1/(2 × this) of a worker's share, so a slow one does not hold the others up
MAX_SHARD_BYTES = 4_000_000  # and bounded, so a shard's outcomes stay small in memory
MAX_SHARD_FILES = 2_000
MIN_PARALLEL_BYTES = 300_000  # below this a corpus is read in this process: starting workers would cost more
CONNECT_TIMEOUT = 10.0  # seconds to reach a Dask scheduler
EXIT_HOOK = "KG_TEST_WORKER_EXIT_ON"  # tests only: a worker reading a file of this name exits at once


def inputs(corpus: Path, root: Path, follow_symlinks: bool = False) -> list[Entry]:
    """Every input of the build in corpus order, skipped entries included (each is reported)."""
    if corpus.is_dir():
        return list(walk_corpus(root, follow_symlinks=follow_symlinks))
    return [(corpus, None)]


def entry_size(entry: Entry) -> int:
    path, skipped = entry
    if skipped is not None:
        return 0
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def plan(entries: list[Entry], workers: int) -> list[list[int]]:
    """Shards: runs of consecutive entries (by index), about equal in bytes, several per
    worker; a big file is a shard of its own."""
    return plan_sizes([entry_size(e) for e in entries], workers)


def plan_sizes(sizes: list[int], workers: int) -> list[list[int]]:
    """`plan` on the entries' sizes in bytes: each shard takes about 1/(2 × workers) of the
    bytes not yet planned (bounded by `MAX_SHARD_BYTES` and by `final_shard_bytes`), so the
    shards shrink towards the end of the corpus and the last ones, which decide when the
    workers are all done, are small (guided scheduling)."""
    total = sum(sizes)
    least = final_shard_bytes(total, workers)
    shards: list[list[int]] = []
    current: list[int] = []
    held = 0
    left = total  # bytes not in a closed shard
    target = shard_target(left, least, workers)
    for i, size in enumerate(sizes):
        if current and (held + size > target or len(current) >= MAX_SHARD_FILES):
            shards.append(current)
            left -= held
            current, held = [], 0
            target = shard_target(left, least, workers)
        current.append(i)
        held += size
    if current:
        shards.append(current)
    return shards


def final_shard_bytes(total: int, workers: int) -> int:
    """The smallest shard target: the corpus in 2 × SHARDS_PER_WORKER shards per worker."""
    return max(1, min(MAX_SHARD_BYTES, total // max(1, workers * SHARDS_PER_WORKER * 2)))


def shard_target(left: int, least: int, workers: int) -> int:
    """The bytes of the next shard when `left` bytes are not yet planned."""
    return max(least, min(MAX_SHARD_BYTES, left // max(1, 2 * workers)))


def dispatch_order(shard_bytes: list[int], shard_files: list[int], least: int) -> list[int]:
    """The order shards are handed to workers: a file bigger than the final shards (a shard
    of its own) first, biggest first, as it would hold the others up at the end; then the
    rest in corpus order, so outcomes arrive in the order the build consumes them and the
    small shards come last."""
    lone = sorted((n for n, (b, k) in enumerate(zip(shard_bytes, shard_files, strict=True)) if k == 1 and b > least),
                  key=lambda n: -shard_bytes[n])
    first = set(lone)
    return lone + [n for n in range(len(shard_bytes)) if n not in first]


# Text that makes a Pipeline load what it loads on first use (jieba's dictionary, the taggers'
# models, lexicon automata), so that no document's time budget pays for it.
WARM_UP = {
    "zh": "星河数科集团于2023年3月13日宣布，首席执行官王明将在杭州离任，公司营收增长12%。",
    "en": "Veltra Commerce said on Monday that Marla Quenby, its chief executive, will invest 20 million dollars "
          "in Dorvin Logistics in Leeds.",
}
_WARMED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # pipeline -> languages it has seen


def warm_up(pipeline: Pipeline, langs: Iterable[str]) -> None:
    """Extract a made-up sentence in each of `langs` the pipeline has not seen yet (results
    dropped; an error here is left for the real documents to meet and report)."""
    seen = _WARMED.setdefault(pipeline, set())
    todo = [lang for lang in sorted(set(langs)) if lang in WARM_UP and lang not in seen]
    if not todo:
        return
    seen.update(todo)
    docs = [Document(key=f"warm-up#{lang}", source_path="warm-up", position="", text=WARM_UP[lang], lang=lang)
            for lang in todo]
    try:
        pipeline.prepare(docs)
        for doc in docs:
            pipeline.tolerant(doc)
    except Exception:  # the documents that follow meet it again, with a report
        pass


def run_shard(pipeline: Pipeline, entries: list[Entry], root: Path, budget: float) -> list[FileOutcome]:
    """Read and extract a shard's files: one outcome per entry, in order."""
    from .build import _extract_all

    files = [skipped if skipped is not None else ingest_file(path, root, budget) for path, skipped in entries]
    documents = [d for f in files for d in f.documents]
    warm_up(pipeline, (d.lang for d in documents if not d.is_container))
    extractions, problems = _extract_all(pipeline, documents, budget, lambda *a: None)
    taken = iter(extractions)  # one per non-container document, in document order
    outcomes = []
    for f in files:
        mine: list[Extraction] = [next(taken) for d in f.documents if not d.is_container]
        outcomes.append(FileOutcome(f, mine, problems.pop(f.path, [])))
    if problems:  # a problem of no input file: a bug upstream; never drop it silently
        raise KgError(f"extraction problems of unknown inputs: {', '.join(sorted(problems))[:200]}")
    return outcomes


def lost(entries: list[Entry], root: Path, why: str) -> list[FileOutcome]:
    """The outcomes of a shard that could not be read: each file failed, with `why`; a
    skipped entry keeps its own reason (it was never to be read)."""
    out = []
    for path, skipped in entries:
        if skipped is not None:
            out.append(FileOutcome(skipped))
            continue
        rel = relative_name(path, root)
        out.append(FileOutcome(FileResult(rel, file_format(path), None, problems=(
            Problem(rel, f"not read: {why}; the {len(entries)} file(s) of its shard are not in the graph, "
                         "the other shards are (build again to retry)"),))))
    return out


# -- worker processes ---------------------------------------------------------------------

class WorkerDied(KgError):
    """The worker process reading a shard ended before it answered."""


class WorkerCannotStart(KgError):
    """A worker process ended before its Pipeline was built (an install or import problem)."""


class ShardFailed(KgError):
    """A shard raised an unexpected error in its worker (the worker goes on)."""


def child_command(code: str) -> list[str]:
    """A child Python process running `code`: -P, so the folder it starts in (which may hold
    another checkout of kg) is not put before this kg on its path."""
    return [sys.executable, "-P", "-c", code]


def child_env() -> dict[str, str]:
    """The environment of a child Python process of the build: this one's, with this very kg first on its path."""
    env = dict(os.environ)
    home = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (home, env.get("PYTHONPATH")) if p)
    return env


class ShardWorker:
    """A child Python process (`_serve`): builds its Pipeline once, then reads and extracts
    the shards it is sent (pickled over its stdin and stdout) until its stdin closes."""

    CHILD = "from kg.shards import _serve; _serve({ner!r})"  # the child's code (tests start other children)

    def __init__(self, ner: str) -> None:
        env = child_env()
        self.cpu = 0.0  # CPU seconds the child had used at its last answer (for benchmarks)
        self.last_cpu = 0.0  # of which on the last shard (the first: with starting and building its Pipeline)
        self.ready = False  # it has built its Pipeline
        self.proc = subprocess.Popen(child_command(self.CHILD.format(ner=ner)),
                                     stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, close_fds=True)

    def run(self, entries: list[Entry], root: Path, budget: float) -> list[FileOutcome]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            pickle.dump((entries, root, budget), self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.proc.stdin.flush()
            if not self.ready:
                pickle.load(self.proc.stdout)
                self.ready = True
            before = self.cpu
            status, value, self.cpu = pickle.load(self.proc.stdout)
            self.last_cpu = max(0.0, self.cpu - before)
        except (OSError, EOFError, pickle.UnpicklingError) as err:
            if not self.ready:  # no shard's fault: say so and stop, rather than lose every shard
                raise WorkerCannotStart(f"a worker process could not start ({self._how()}); see the errors "
                                        "above, or build in one process (--jobs 1, no --dask)") from err
            raise WorkerDied(f"its worker process died ({self._how()})") from err
        if status != "ok":
            raise ShardFailed(f"its worker failed: {value}")
        return value

    def _how(self) -> str:
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return "stopped answering"
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"

    def stop(self) -> None:
        """Tell the child to finish (its stdin closes) without waiting for it."""
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
        except OSError:
            pass

    def close(self) -> None:
        """Let the child finish (its stdin closes), or end it if it does not."""
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            if self.proc.stdout:
                self.proc.stdout.close()


def _serve(ner: str) -> None:
    """The child's loop (see ShardWorker). Stray prints go to stderr: stdout carries the
    answers. Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    from .extract import Pipeline
    from .gc_policy import settle as settle_gc

    pipeline = Pipeline(ner=ner)
    settle_gc()  # the pipeline's tables are long-lived: out of the collector's sight
    pickle.dump("ready", answers)
    answers.flush()
    die_on = os.environ.get(EXIT_HOOK)
    while True:
        try:
            entries, root, budget = pickle.load(requests)
        except EOFError:  # the build needs nothing more: end without tearing the interpreter down
            _quit()
        if die_on and any(Path(p).name == die_on for p, _ in entries):
            os._exit(70)
        try:
            reply: tuple[str, object] = ("ok", run_shard(pipeline, entries, root, budget))
        except Exception as err:  # reported for this shard's files; the worker goes on
            reply = ("error", f"{type(err).__name__}: {err}")
        pickle.dump((*reply, time.process_time()), answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


def _quit() -> NoReturn:
    """End a worker at once: every answer is flushed, and freeing its pipeline's tables object by
    object (the interpreter's teardown) cost about 0.3 CPU seconds per worker, which the build
    waited for between its last outcome and its resolution."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _run_local(entries: list[Entry], shards: list[list[int]], root: Path, budget: float, jobs: int,
               ner: str, on_cpu: CpuReport = no_report) -> Iterator[tuple[int, list[FileOutcome]]]:
    """(shard number, outcomes) as shards finish, from `jobs` ShardWorkers fed by threads;
    a worker that dies is replaced and its shard reported lost. Each answer's CPU seconds in
    its worker go to `on_cpu` (called from the feeding threads)."""
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    sizes = [entry_size(e) for e in entries]
    least = final_shard_bytes(sum(sizes), jobs)
    for n in dispatch_order([sum(sizes[i] for i in s) for s in shards], [len(s) for s in shards], least):
        todo.put(n)
    done: queue.SimpleQueue[tuple[int, list[FileOutcome] | BaseException]] = queue.SimpleQueue()
    workers: list[ShardWorker] = []
    lock = threading.Lock()
    stop = threading.Event()

    def feed() -> None:
        worker: ShardWorker | None = None
        try:
            while not stop.is_set():
                try:
                    n = todo.get_nowait()
                except queue.Empty:
                    return
                part = [entries[i] for i in shards[n]]
                if worker is None:
                    with lock:
                        if stop.is_set():
                            return
                        worker = ShardWorker(ner)
                        workers.append(worker)
                try:
                    result = worker.run(part, root, budget)
                    on_cpu(worker.last_cpu)
                    done.put((n, result))
                except WorkerDied as err:
                    done.put((n, lost(part, root, str(err))))
                    worker.close()
                    worker = None  # the next shard gets a fresh worker
                except ShardFailed as err:
                    on_cpu(worker.last_cpu)
                    done.put((n, lost(part, root, str(err))))
        except BaseException as err:  # handed to the caller, never lost
            done.put((-1, err))

    threads = [threading.Thread(target=feed, daemon=True, name=f"kg-shards-{k}")
               for k in range(min(jobs, len(shards)))]
    for t in threads:
        t.start()
    try:
        for _ in range(len(shards)):
            n, result = done.get()
            if isinstance(result, BaseException):
                raise result
            yield n, result
    finally:
        stop.set()
        if any(t.is_alive() for t in threads):  # stopped early: wake the threads waiting on their workers
            with lock:
                for w in workers:
                    w.proc.kill()
        for t in threads:
            t.join()
        for w in workers:  # every worker told first, so they end side by side
            w.stop()
        for w in workers:
            w.close()


def outcomes_of(entries: list[Entry], root: Path, *, pipeline: Callable[[], Pipeline], budget: float = 0.0,
                jobs: int = 1, dask: str | None = None, ner: str = "on",
                tick: Progress | None = None, on_cpu: CpuReport = no_report) -> Iterator[FileOutcome]:
    """The outcomes of `entries` (see `inputs`) in their order: on Dask when `dask` names a
    cluster, in `jobs` worker processes when jobs > 1 and the input is big enough to repay
    starting them, else here with the Pipeline that `pipeline` makes. The CPU seconds worker
    processes spend on each shard go to `on_cpu` (for the build's timings)."""
    tick = tick or (lambda *a: None)
    client = cluster = None
    finished: Iterable[tuple[int, list[FileOutcome]]] = ()
    if dask:
        try:
            from .dask_shards import dask_client, dask_workers, run_dask
        except ImportError as err:
            raise KgError(f"--dask needs Dask's distributed package ({err}): pip install 'kg[dask]'") from None
        client, cluster = dask_client(dask)
    try:
        workers = dask_workers(client) if client is not None else jobs
        shards = plan(entries, workers)
        if client is not None:
            finished = run_dask(client, entries, shards, root, budget, ner, on_cpu)
        elif jobs > 1 and len(shards) > 1 and sum(map(entry_size, entries)) >= MIN_PARALLEL_BYTES:
            finished = _run_local(entries, shards, root, budget, jobs, ner, on_cpu)
        else:
            yield from _run_here(pipeline(), entries, shards, root, budget, tick)
            return
        yield from _in_order(finished, shards, len(entries), tick)
    finally:
        if isinstance(finished, Iterator):
            finished.close()  # stops the workers when the caller stopped early
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _run_here(pipe: Pipeline, entries: list[Entry], shards: list[list[int]], root: Path, budget: float,
              tick: Progress) -> Iterator[FileOutcome]:
    done = 0
    for shard in shards:
        yield from run_shard(pipe, [entries[i] for i in shard], root, budget)
        done += len(shard)
        tick("extract", done, len(entries))


def _in_order(finished: Iterable[tuple[int, list[FileOutcome]]], shards: list[list[int]], total: int,
              tick: Progress) -> Iterator[FileOutcome]:
    """The outcomes of shards that finish in any order, yielded in corpus order as soon as
    every shard before them is in."""
    waiting: dict[int, list[FileOutcome]] = {}
    next_shard = files_done = 0
    for n, result in finished:
        if len(result) != len(shards[n]):
            raise KgError(f"shard {n} gave {len(result)} outcomes for {len(shards[n])} files")
        waiting[n] = result
        files_done += len(result)
        tick("extract", files_done, total)
        while next_shard in waiting:
            yield from waiting.pop(next_shard)
            next_shard += 1
    if next_shard != len(shards):
        raise KgError(f"{len(shards) - next_shard} shard(s) of the corpus never came back")


