"""Run queries in worker processes that can be killed, because pyoxigraph has no timeout.

A `WorkerPool` keeps a few processes, each with the store opened read-only (or the RDF
files loaded in memory). A query that overruns its limit gets its worker killed and
replaced; the caller gets a QueryError, never a partial answer. Workers are fresh
interpreters (`python -m kg.query.worker`), so a threaded server never forks itself.
"""
from __future__ import annotations

import os
import pickle
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import KgError, QueryError


class QueryTimeout(QueryError):
    """The query overran its time limit; its worker was killed."""


class QueryBusy(QueryError):
    """Every worker stayed busy for the whole time limit; the query never started (try again)."""


Source = tuple[str, tuple[str, ...]]  # ("store", (path,)) or ("files", (path, ...))
_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def _open(source: Source) -> ox.Store:
    from ..store import _load_one, materialize_union, open_oxigraph

    kind, paths = source
    if kind == "store":
        return open_oxigraph(paths[0])
    store = ox.Store()
    for p in paths:
        _load_one(store, Path(p))
    materialize_union(store)
    return store


def execute(store: ox.Store, task: dict[str, Any]) -> dict[str, Any]:
    """Run one query on a store, collecting at most `max_rows` rows (errors as values)."""
    from ..vocab import PREFIXES
    from .lexer import QueryRefused
    from .safety import check

    try:  # the one gate every local query passes (kg query, kg serve, Python API): SERVICE, updates, FROM
        check(task["query"], has_graph=lambda iri: _has_graph(store, iri), prefixes=PREFIXES)
    except QueryRefused as err:
        return {"error": str(err), "refused": True}
    except QueryError as err:
        return {"error": str(err)}
    for iri in task.get("from_iris", ()):
        if not store.contains_named_graph(ox.NamedNode(iri)):
            return {"error": f"FROM <{iri}> names no graph in this store; kg never fetches remote graphs",
                    "refused": True}
    cap = task["max_rows"]
    started = time.perf_counter()
    try:
        res = store.query(task["query"], prefixes=PREFIXES)  # the default graph is the materialised union
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


def _has_graph(store: ox.Store, iri: str) -> bool:
    try:
        return store.contains_named_graph(ox.NamedNode(iri))
    except ValueError:  # not a valid IRI: certainly not a graph of this store
        return False


def _too_many(cap: int) -> dict[str, Any]:
    return {"error": f"the query returns more than {cap} rows; add LIMIT/OFFSET to page through them"}


def _read_frame(stream: Any) -> Any:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    size = int.from_bytes(head, "big")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def _write_frame(stream: Any, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def main(argv: list[str]) -> None:
    """Worker process: open the source, then answer framed pickled tasks on stdin/stdout."""
    source: Source = (argv[0], tuple(argv[1:]))
    out, inp = sys.stdout.buffer, sys.stdin.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the parent's pipe
    try:
        store = _open(source)
    except KgError as err:
        _write_frame(out, {"error": str(err)})
        return
    _write_frame(out, {"ready": True})
    while True:
        try:
            task = _read_frame(inp)
        except EOFError:
            return
        _write_frame(out, execute(store, task))


class _Worker:
    """One worker process (`python -m kg.query.worker`), so no main-module or fork issues."""

    def __init__(self, source: Source, start_timeout: float) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.query.worker", source[0], *source[1]],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            hello = self.receive(start_timeout)
        except QueryError:
            self.kill()
            raise QueryError(f"the query worker did not start within {start_timeout:g}s") from None
        if "error" in hello:
            self.kill()
            raise QueryError(hello["error"])

    def send(self, task: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        _write_frame(self.proc.stdin, task)

    def receive(self, timeout: float) -> Any:
        """The next frame, or QueryError when none is complete within `timeout` seconds."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        chunks = bytearray()
        need = 8
        while len(chunks) < need:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise QueryError("timeout")
            data = os.read(fd, max(need - len(chunks), 65536) if len(chunks) >= 8 else need - len(chunks))
            if not data:
                raise EOFError
            chunks += data
            if need == 8 and len(chunks) >= 8:
                need = 8 + int.from_bytes(chunks[:8], "big")
        return pickle.loads(bytes(chunks[8:need]))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(5)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass


class WorkerPool:
    """At most `size` worker processes for one data source; thread-safe."""

    def __init__(self, source: Source, *, size: int = 2, start_timeout: float = 60.0) -> None:
        self.source, self.size, self.start_timeout = source, size, start_timeout
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False

    def run(self, task: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send a task to an idle worker; kill it if no answer comes within `timeout` seconds."""
        if not self._slots.acquire(timeout=timeout):
            raise QueryBusy(f"all {self.size} query workers stayed busy for {timeout:g}s; try again")
        try:
            with self._lock:
                if self._closed:
                    raise QueryError("the query pool is closed")
                worker = self._idle.pop() if self._idle else None
            if worker is None or not worker.alive():
                worker = _Worker(self.source, self.start_timeout)
            try:
                worker.send(task)
                answer = worker.receive(timeout)
            except QueryError:
                worker.kill()
                raise QueryTimeout(f"the query ran out of time ({timeout:g}s) and was stopped; "
                                 "narrow it or raise --timeout") from None
            except (EOFError, OSError, pickle.UnpicklingError) as err:
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
            worker.kill()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    main(sys.argv[1:])
