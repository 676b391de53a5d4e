"""Upload a build to any SPARQL 1.1 server with the Graph Store HTTP Protocol.

Each named graph (one per document) is PUT to `ENDPOINT?graph=IRI`, which replaces that
graph, so pushing again updates documents without duplicating them; the default graph (the
ontology) goes to `ENDPOINT?default`.

Every graph that arrived is appended to a progress file (`DIR/push-progress.jsonl` for a
build folder, `FILE.push-progress.jsonl` beside a dataset file), so a push that fails midway
says how many graphs arrived and `--resume` sends only the rest. The file names the
endpoint and the dataset's size and time; a resume against anything else is refused. A
push that completes removes it.
"""
from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError
from .store import rdf_format


@dataclass(frozen=True)
class PushReport:
    graphs: int  # graphs sent by this run
    triples: int
    seconds: float
    skipped: int = 0  # graphs a previous run had already sent (--resume)


class PushFailed(StoreError):
    """A push stopped midway: `arrived` of `total` graphs are on the server (see `progress`)."""

    def __init__(self, message: str, *, arrived: int, total: int, progress: Path) -> None:
        self.arrived, self.total, self.progress = arrived, total, progress
        super().__init__(f"{message}\n{arrived} of {total} graphs arrived before the failure; "
                         f"run the same push with --resume to send the other {total - arrived} "
                         f"(progress is kept in {progress})")


def progress_path(source: Path) -> Path:
    """Where a push of `source` records the graphs that arrived."""
    source = Path(source)
    if source.is_dir():
        return source / "push-progress.jsonl"
    return source.with_name(source.name + ".push-progress.jsonl")


def _dataset_file(path: Path) -> Path:
    path = Path(path)
    if path.is_dir():
        path = path / "graph.nq"
    if not path.is_file():
        raise StoreError(f"{path}: no such dataset (give a build folder holding graph.nq, or an .nq/.trig file)")
    return path


def put_graph(endpoint: str, graph: str | None, triples: list[ox.Triple], *, timeout: float = 120.0) -> None:
    """Replace one graph on the server (None = the default graph)."""
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={"Content-Type": "application/n-triples", "User-Agent": "kg push"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as err:
        detail = err.read(1000).decode("utf-8", "replace").strip()
        raise StoreError(f"{url}: the server answered {err.code} {err.reason}: {detail}") from err
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise StoreError(f"{endpoint}: could not reach the Graph Store endpoint: {err}") from err


def push(source: Path, endpoint: str, *, timeout: float = 120.0, resume: bool = False,
         progress: Path | None = None) -> PushReport:
    """PUT every graph of a build's dataset to a Graph Store Protocol endpoint.

    With `resume`, graphs recorded in the progress file by an earlier run against the same
    endpoint and the same dataset are not sent again. Raises PushFailed (how many arrived)
    when a graph cannot be sent.
    """
    started = time.perf_counter()
    path = _dataset_file(source)
    progress = Path(progress) if progress is not None else progress_path(source)
    graphs: dict[str | None, list[ox.Triple]] = defaultdict(list)
    try:
        for quad in ox.parse(path=str(path), format=rdf_format(path)):
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            graphs[name].append(quad.triple)
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: {err}") from err
    header = {"endpoint": endpoint, "dataset": str(path.resolve()), **_fingerprint(path), "graphs": len(graphs)}
    done = _read_progress(progress, header) if resume else set()
    _start_progress(progress, header, done)
    sent = triples = 0
    with progress.open("a", encoding="utf-8") as log:
        for name, graph_triples in graphs.items():
            if name in done:
                continue
            try:
                put_graph(endpoint, name, graph_triples, timeout=timeout)
            except StoreError as err:
                raise PushFailed(str(err), arrived=len(done), total=len(graphs), progress=progress) from err
            done.add(name)
            sent += 1
            triples += len(graph_triples)
            log.write(json.dumps({"graph": name}, ensure_ascii=False) + "\n")
            log.flush()
    progress.unlink(missing_ok=True)
    return PushReport(graphs=sent, triples=triples, seconds=time.perf_counter() - started,
                      skipped=len(graphs) - sent)


def _fingerprint(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _read_progress(progress: Path, header: dict) -> set[str | None]:
    """The graphs an earlier push of this dataset to this endpoint recorded as arrived."""
    try:
        lines = progress.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()  # nothing to resume: push everything
    except OSError as err:
        raise StoreError(f"{progress}: cannot read the push progress: {err}") from err
    try:
        first = json.loads(lines[0]) if lines else {}
        done = {json.loads(line)["graph"] for line in lines[1:] if line.strip()}
    except (ValueError, KeyError, TypeError) as err:
        raise StoreError(f"{progress}: the push progress file is damaged ({err}); push again without --resume") from None
    for key in ("endpoint", "dataset", "size", "mtime_ns"):
        if first.get(key) != header[key]:
            raise StoreError(f"{progress}: recorded a push of {first.get('dataset')} to {first.get('endpoint')}; "
                             f"the {key} differs now, so it cannot be resumed: push again without --resume")
    return done


def _start_progress(progress: Path, header: dict, done: set[str | None]) -> None:
    """Rewrite the progress file: the header, then the graphs already there (atomic replace)."""
    tmp = progress.with_name(progress.name + f".tmp-{os.getpid()}")
    try:
        with tmp.open("w", encoding="utf-8") as out:
            out.write(json.dumps(header, ensure_ascii=False) + "\n")
            for name in sorted(done, key=lambda n: (n is not None, n or "")):
                out.write(json.dumps({"graph": name}, ensure_ascii=False) + "\n")
        os.replace(tmp, progress)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{progress}: cannot write the push progress file: {err} (give another place with --progress)") from err
