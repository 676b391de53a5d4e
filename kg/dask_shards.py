"""`kg build --dask local|tcp://host:port`: the shards of kg.shards as Dask tasks.

Each Dask worker keeps ShardWorker child processes (`ShardWorkers`, a worker plugin): they
build their Pipeline once and serve every shard the worker is given, build after build on a
long-lived cluster. The task only hands its shard to one of them, because a Dask task runs
in a thread, where no signal can stop a runaway document; the child reads it in its main
thread, with the same time budgets as `--jobs`. A shard whose task fails, or whose worker
dies (Dask gives up after its retries), is reported for its own files only. The workers
must see the corpus at the same path as this process (a shared file system).

Needs the optional `distributed` package (`pip install 'kg[dask]'`).
"""
from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from . import shards
from .errors import KgError
from .model import FileOutcome
from .shards import CpuReport, Entry, ShardWorker, WorkerCannotStart, WorkerDied, no_report

_IDLE: dict[str, list[ShardWorker]] = {}  # in a Dask worker process: its idle ShardWorkers by ner mode
_IDLE_LOCK = threading.Lock()
_ADDRESS = re.compile(r"(tcp|tls|ws|wss)://[^\s/]+:\d{1,5}")


class ShardWorkers(WorkerPlugin):
    """Starts a ShardWorker per Dask worker thread when the worker joins (their Pipelines load
    while the tasks are being sent) and closes the idle ones when it leaves."""

    idempotent = True  # registered again by the next build: keep the warm ones

    def __init__(self, ner: str) -> None:
        self.ner = ner
        self.name = f"kg-shard-workers-{ner}"

    def setup(self, worker) -> None:
        threads = getattr(getattr(worker, "state", None), "nthreads", None) or getattr(worker, "nthreads", 1)
        started = [ShardWorker(self.ner) for _ in range(max(1, threads))]
        with _IDLE_LOCK:
            _IDLE.setdefault(self.ner, []).extend(started)

    def teardown(self, worker) -> None:
        with _IDLE_LOCK:
            idle = _IDLE.pop(self.ner, [])
        for w in idle:
            w.close()


def dask_shard(entries: list[Entry], root: Path, budget: float, ner: str) -> tuple[list[FileOutcome], float]:
    """A Dask task: one shard, read by an idle ShardWorker of this Dask worker (a new one if
    none is idle); its outcomes and the CPU seconds the ShardWorker spent on it."""
    with _IDLE_LOCK:
        idle = _IDLE.setdefault(ner, [])
        worker = idle.pop() if idle else None
    if worker is None:
        worker = ShardWorker(ner)
    try:
        return worker.run(entries, root, budget), worker.last_cpu
    except (WorkerDied, WorkerCannotStart):
        worker.close()
        worker = None
        raise
    finally:
        if worker is not None:  # it answered (a result or its shard's error): keep it for the next task
            with _IDLE_LOCK:
                _IDLE.setdefault(ner, []).append(worker)


def dask_client(spec: str) -> tuple[Client, LocalCluster | None]:
    """(Client, the LocalCluster it runs on or None) for `--dask local` or `--dask tcp://host:port`."""
    if spec != "local" and not _ADDRESS.fullmatch(spec):
        raise KgError(f"--dask {spec}: expected 'local' or a scheduler address such as tcp://host:8786")
    if spec == "local":
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=":0",  # this machine only, any free port
                               silence_logs=logging.ERROR)
        try:
            return Client(cluster), cluster
        except BaseException:
            cluster.close()
            raise
    try:
        return Client(spec, timeout=shards.CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as err:
        raise KgError(f"--dask {spec}: no Dask scheduler answered there within {shards.CONNECT_TIMEOUT:g} s "
                      f"({err}); start one (`dask scheduler`, then `dask worker ADDRESS` on each machine) "
                      "or use --dask local") from None


def dask_workers(client: Client) -> int:
    """The cluster's worker threads (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def run_dask(client: Client, entries: list[Entry], plan: list[list[int]], root: Path, budget: float,
             ner: str, on_cpu: CpuReport = no_report) -> Iterator[tuple[int, list[FileOutcome]]]:
    """(shard number, outcomes) as the Dask tasks finish; a shard whose task fails or whose
    worker dies is reported lost, the others go on. The CPU seconds of the kg worker process
    that read each shard go to `on_cpu`."""
    client.register_plugin(ShardWorkers(ner))
    parts = [[entries[i] for i in s] for s in plan]
    order = sorted(range(len(parts)), key=lambda n: -sum(map(shards.entry_size, parts[n])))  # biggest first
    tag = f"{os.getpid()}-{id(parts):x}"
    futures = {}
    for rank, n in enumerate(order):
        futures[client.submit(dask_shard, parts[n], root, budget, ner, pure=False, key=f"kg-shard-{n}-{tag}",
                              priority=len(order) - rank)] = n
    try:
        for future in as_completed(list(futures)):
            n = futures[future]
            try:
                result, cpu = future.result()
                on_cpu(cpu)
            except Exception as err:  # this shard's files are reported; the others go on
                why = str(err) if isinstance(err, KgError) else f"its Dask task failed ({type(err).__name__}: {err})"
                result = shards.lost(parts[n], root, why)
            future.release()
            yield n, result
    finally:
        client.cancel(list(futures))
