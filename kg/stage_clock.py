"""CPU and wall seconds of each stage of a build, for DIR/timings.json (kept out of the manifest,
which must stay the same from run to run).

Stages follow one another: `lap(name)` ends the stage that began at the previous lap. A
stage's CPU is this process's (every thread) over the stage, plus what worker processes
report (`workers`: the CPU each spent on a task, sent back with its answer), plus, for a
stage that asks for it, the processes it started and reaped itself (the site's forked page
writers). A stage can be carved out of the one running (`carve`: the build's own thread
spooling outcomes as they arrive, inside the front).
"""
from __future__ import annotations

import json
import resource
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TIMINGS_FILE = "timings.json"

# The stages of `kg build`, in order; every one is in the file (0 when it did not run).
STAGES = {
    "front": "list the inputs, read (or take from the cache) and extract every file: this process and the "
             "--jobs worker processes (their CPU up to their last answer, starting and building their pipeline "
             "included); with --dask the CPU of the kg worker processes the Dask workers ran the shards in, not "
             "that of the Dask scheduler, Dask's own worker processes or kg workers that never read a shard",
    "spool": "as the outcomes arrive, in the build's own thread: spool them to disk, write texts.jsonl, "
             "keep each file's manifest entry, learn short forms and name heads",
    "resolve": "entity keys, relations and event reports of each spooled chunk",
    "merge": "the entity table and the events merged from every report",
    "quads": "each chunk's quads into sorted runs (in worker processes with --jobs > 1), the shared quads",
    "write": "graph.nq and graph.trig merged from the runs, each file's triple count",
    "store": "the Oxigraph store loaded (every thread of this process; with --jobs > 1 the load runs beside the "
             "write stage, and the CPU of every thread but the build's own during that stage is counted here)",
    "cleanup": "the spool and sort runs removed",
    "site": "the browsable site (with its forked page writers)",
}


@dataclass
class _Mark:
    wall: float
    cpu: float  # this process, every thread
    children: float  # reaped child processes
    workers: float  # reported by worker processes


class StageClock:
    """Laps of a build (see the module's docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reported = 0.0
        self._children = 0.0  # CPU of reaped children counted in a stage
        self._stages: dict[str, dict[str, float]] = {}
        self._began = self._mark = self._now()

    def _now(self) -> _Mark:
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        with self._lock:
            reported = self._reported
        return _Mark(time.perf_counter(), time.process_time(), kids.ru_utime + kids.ru_stime, reported)

    def workers(self, seconds: float) -> None:
        """CPU seconds a worker process spent on a task of the running stage (any thread may call this)."""
        with self._lock:
            self._reported += max(0.0, seconds)

    def lap(self, name: str, *, children: bool = False) -> None:
        """End the stage `name` (begun at the previous lap); `children`: count the child processes
        reaped during it."""
        now = self._now()
        was = self._mark
        reaped = max(0.0, now.children - was.children) if children else 0.0
        self._children += reaped
        workers = now.workers - was.workers + reaped
        self._add(name, now.wall - was.wall, now.cpu - was.cpu, workers)
        self._mark = now

    def carve(self, name: str, wall: float, cpu: float, into: str) -> None:
        """Move `wall` and `cpu` seconds (measured in this process's own thread) of stage `into`
        to stage `name`."""
        stage = self._stages[into]
        wall, cpu = min(wall, stage["wall_s"]), min(cpu, stage["cpu_s"] - stage["workers_cpu_s"])
        stage["wall_s"] -= wall
        stage["cpu_s"] -= cpu
        self._add(name, wall, cpu, 0.0)

    def own_cpu(self, name: str) -> float:
        """CPU seconds of stage `name` spent in this process (every thread), without the workers'."""
        stage = self._stages.get(name, {"cpu_s": 0.0, "workers_cpu_s": 0.0})
        return stage["cpu_s"] - stage["workers_cpu_s"]

    def _add(self, name: str, wall: float, cpu: float, workers: float) -> None:
        stage = self._stages.setdefault(name, {"cpu_s": 0.0, "wall_s": 0.0, "workers_cpu_s": 0.0})
        stage["wall_s"] += max(0.0, wall)
        stage["cpu_s"] += max(0.0, cpu) + workers
        stage["workers_cpu_s"] += workers

    def record(self, **facts: object) -> dict:
        """Every stage of `STAGES` (0 when it did not run) and the total since the clock started;
        `facts` (documents, jobs ...) are added as they are."""
        now = self._now()
        total_cpu = now.cpu - self._began.cpu + now.workers - self._began.workers + self._children
        stages = {name: {k: round(v, 4) for k, v in self._stages.get(name, {"cpu_s": 0.0, "wall_s": 0.0,
                                                                              "workers_cpu_s": 0.0}).items()}
                  for name in STAGES}
        stages.update({name: {k: round(v, 4) for k, v in s.items()} for name, s in self._stages.items()
                       if name not in STAGES})
        return {**facts, "stages": stages,
                "total": {"cpu_s": round(total_cpu, 4), "wall_s": round(now.wall - self._began.wall, 4)},
                "what": {"cpu_s": "user + system CPU seconds: this process's threads, plus the worker processes' "
                                  "(workers_cpu_s)", "wall_s": "elapsed seconds", **STAGES}}

    def write(self, folder: Path, **facts: object) -> Path:
        path = Path(folder) / TIMINGS_FILE
        path.write_text(json.dumps(self.record(**facts), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path
