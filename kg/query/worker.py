"""Run queries in worker processes that can be killed, because pyoxigraph has no timeout.

A `WorkerPool` keeps a few processes, each with the store opened read-only (or the RDF
files loaded in memory). A query that overruns its limit gets its worker killed and
replaced; the caller gets a QueryError, never a partial answer. Workers come from a
forkserver, so a threaded server never forks itself.
"""
from __future__ import annotations

import multiprocessing as mp
import re
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import KgError, QueryError

Source = tuple[str, tuple[str, ...]]  # ("store", (path,)) or ("files", (path, ...))
_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def _open(source: Source) -> ox.Store:
    from ..store import _load_one, open_oxigraph

    kind, paths = source
    if kind == "store":
        return open_oxigraph(paths[0])
    store = ox.Store()
    for p in paths:
        _load_one(store, Path(p))
    return store


def execute(store: ox.Store, task: dict[str, Any]) -> dict[str, Any]:
    """Run one query on a store, collecting at most `max_rows` rows (errors as values)."""
    from ..vocab import PREFIXES

    for iri in task.get("from_iris", ()):
        if not store.contains_named_graph(ox.NamedNode(iri)):
            return {"error": f"FROM <{iri}> names no graph in this store; kg never fetches remote graphs"}
    cap = task["max_rows"]
    started = time.perf_counter()
    try:
        res = store.query(task["query"], prefixes=PREFIXES, use_default_graph_as_union=not task.get("from_iris"))
        if isinstance(res, ox.QueryBoolean):
            out: dict[str, Any] = {"kind": "ask", "boolean": bool(res)}
        elif isinstance(res, ox.QuerySolutions):
            variables = [v.value for v in res.variables]
            rows = []
            for solution in res:
                if len(rows) >= cap:
                    return _too_many(cap)
                rows.append(tuple(solution[v] for v in variables))
            out = {"kind": "select", "variables": variables, "rows": rows}
        else:
            triples = []
            for triple in res:
                if len(triples) >= cap:
                    return _too_many(cap)
                triples.append(triple)
            out = {"kind": "graph", "triples": triples}
    except SyntaxError as err:
        m = _POSITION.match(str(err))
        msg = f"syntax error at line {m[1]}, column {m[2]}: {str(err)[m.end():]}" if m else f"syntax error: {err}"
        return {"error": msg}
    except (OSError, ValueError, RuntimeError) as err:
        return {"error": f"query failed: {err}"}
    out["seconds"] = time.perf_counter() - started
    return out


def _too_many(cap: int) -> dict[str, Any]:
    return {"error": f"the query returns more than {cap} rows; add LIMIT/OFFSET to page through them"}


def _worker_main(conn: Connection, source: Source) -> None:
    try:
        store = _open(source)
    except KgError as err:
        conn.send({"error": str(err)})
        return
    conn.send({"ready": True})
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(execute(store, task))


class _Worker:
    def __init__(self, ctx: Any, source: Source, start_timeout: float) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, source), daemon=True)
        self.proc.start()
        child.close()
        if not self.conn.poll(start_timeout):
            self.kill()
            raise QueryError(f"the query worker did not start within {start_timeout:.0f}s")
        hello = self.conn.recv()
        if "error" in hello:
            self.kill()
            raise QueryError(hello["error"])

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """At most `size` worker processes for one data source; thread-safe."""

    def __init__(self, source: Source, *, size: int = 2, start_timeout: float = 60.0) -> None:
        self.source, self.size, self.start_timeout = source, size, start_timeout
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(["kg.query.worker", "kg.store", "kg.vocab"])
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False

    def run(self, task: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send a task to an idle worker; kill it if no answer comes within `timeout` seconds."""
        if not self._slots.acquire(timeout=timeout):
            raise QueryError(f"all {self.size} query workers stayed busy for {timeout:g}s; try again")
        try:
            with self._lock:
                if self._closed:
                    raise QueryError("the query pool is closed")
                worker = self._idle.pop() if self._idle else None
            if worker is None or not worker.proc.is_alive():
                worker = _Worker(self._ctx, self.source, self.start_timeout)
            try:
                worker.conn.send(task)
                if not worker.conn.poll(timeout):
                    worker.kill()
                    raise QueryError(f"the query ran out of time ({timeout:g}s) and was stopped; "
                                     "narrow it or raise --timeout")
                answer = worker.conn.recv()
            except (EOFError, OSError, BrokenPipeError) as err:
                worker.kill()
                raise QueryError(f"the query worker died ({type(err).__name__}); the query may need too much memory") from err
            with self._lock:
                if self._closed:
                    worker.kill()
                else:
                    self._idle.append(worker)
            return answer
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.kill()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
