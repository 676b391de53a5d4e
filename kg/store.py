"""The embedded Oxigraph store: load a build's dataset, add RDF files, open it for queries.

Each document's triples live in a named graph (its IRI), and `GRAPH ?g` gives provenance.
Queries see the union of all graphs as their default graph; Oxigraph's own union mode
repeats a triple once per graph that holds it (an entity's label stated by 50 documents
comes 50 times, and joins multiply), so the default graph is materialised instead: the
set union of every graph. The dataset's own default-graph triples (the ontology) are kept
in the named graph `kgr:graph/base` so the union can be rebuilt when a graph is replaced.

A build's store is bulk-loaded from files the build writes beside graph.trig (`load_parts`):
Oxigraph parses them in Rust, cheaper than making a Python object per quad (`load_quads`,
kept for datasets loaded from Python and for blank nodes).
"""
from __future__ import annotations

import shutil
import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from .errors import StoreError

BASE_GRAPH = ox.NamedNode("https://w3id.org/ecomkg/id/graph/base")
# File suffixes that carry several graphs; other formats load into one graph per file.
_DATASET_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
_EXTRA_SUFFIXES = {"rdf": ox.RdfFormat.RDF_XML, "owl": ox.RdfFormat.RDF_XML, "xml": ox.RdfFormat.RDF_XML,
                   "json": ox.RdfFormat.JSON_LD, "jsonld": ox.RdfFormat.JSON_LD}


@dataclass(frozen=True)
class StoreInfo:
    """What a store holds, for reports and manifests."""

    path: Path
    quads: int
    named_graphs: int


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file from its suffix (.nq .trig .ttl .nt .rdf .jsonld ...)."""
    ext = path.suffix.lower().lstrip(".")
    fmt = _EXTRA_SUFFIXES.get(ext) or ox.RdfFormat.from_extension(ext)
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF format {path.suffix!r}; use .nq .trig .ttl .nt .n3 .rdf or .jsonld")
    return fmt


def info(store: ox.Store, path: Path) -> StoreInfo:
    """Quads as loaded (not counting the materialised union) and document/file graphs."""
    union = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    graphs = sum(1 for g in store.named_graphs() if g != BASE_GRAPH)
    return StoreInfo(path=path, quads=len(store) - union, named_graphs=graphs)


def load_dataset(nq_path: Path, store_dir: Path) -> StoreInfo:
    """Create a fresh store at `store_dir` from a dataset file (N-Quads or TriG; replaces any old store)."""
    nq_path = Path(nq_path)
    if not nq_path.is_file():
        raise StoreError(f"{nq_path}: no such dataset file (run `kg build` first)")
    try:
        quads = set(ox.parse(path=str(nq_path), format=rdf_format(nq_path)))
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{nq_path}: could not load into {store_dir}: {err}") from err
    return load_quads(quads, store_dir, source=nq_path)


BULK_BATCH = 200_000  # quads per bulk_extend call: one call for everything holds memory in step with the
# dataset (1.5 GB at 3M quads); calls of this size stay near 300 MB for about 12 % more load CPU
# (bench/bench_bulk_load_memory.py)


def load_quads(quads: Collection[ox.Quad], store_dir: Path, *, source: Path | None = None) -> StoreInfo:
    """Create a fresh store at `store_dir` from distinct quads by bulk loads of `BULK_BATCH` quads
    (replaces any old store).

    The stored form is computed on the way in rather than by SPARQL updates afterwards:
    default-graph quads go to `kgr:graph/base`, and every triple is also written to the
    default graph, which the store keeps as a set, so that graph becomes the union without a
    second pass. The counts come from the input, not from scanning the store."""
    store_dir = Path(store_dir)
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    graphs: set[ox.NamedNode] = set()
    try:
        store = ox.Store(str(store_dir))
        stream = _with_union(quads, graphs)
        while batch := list(islice(stream, BULK_BATCH)):
            store.bulk_extend(batch)
        store.flush()
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{source or store_dir}: could not load into {store_dir}: {err}") from err
    del store  # closes the database so the folder can be moved (the build swaps folders in)
    return StoreInfo(path=store_dir, quads=len(quads), named_graphs=len(graphs - {BASE_GRAPH}))


class BuildParts(Protocol):
    """The store's input files as a build writes them (`kg.graph_files.StoreParts`)."""

    quads: list[Path]
    union: list[Path]
    base: list[Path]
    count: int
    graphs: int
    blank_nodes: bool

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[ox.Quad]: ...


def load_parts(parts: BuildParts, store_dir: Path) -> StoreInfo:
    """Create a fresh store at `store_dir` from a build's input files (replaces any old store):
    the quads as they are, the union triples into the default graph, the default graph's
    triples again into `kgr:graph/base`; the stored form `load_quads` makes, loaded by
    Oxigraph's Rust parser (no Python objects, and the GIL is released: the build runs this in
    a thread beside graph.trig's serialisation). One `bulk_load` call per file bounds memory
    (see `kg.graph_files.PART_LINES`). The counts come from the input. Quads that may hold
    blank nodes go through `load_quads`, which keeps one node per label across the graphs."""
    if parts.blank_nodes:
        return load_quads(parts, store_dir)
    store_dir = Path(store_dir)
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    files = ([(p, ox.RdfFormat.N_QUADS, None) for p in parts.quads]
             + [(p, ox.RdfFormat.N_TRIPLES, None) for p in parts.union]
             + [(p, ox.RdfFormat.N_TRIPLES, BASE_GRAPH) for p in parts.base])
    path = store_dir
    try:
        store = ox.Store(str(store_dir))
        for path, fmt, graph in files:
            store.bulk_load(path=str(path), format=fmt, to_graph=graph, lenient=True)
        store.flush()
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: could not load into {store_dir}: {err}") from err
    del store  # closes the database so the folder can be moved (the build swaps folders in)
    return StoreInfo(path=store_dir, quads=parts.count, named_graphs=parts.graphs)


class PartsLoad:
    """`load_parts` in a thread started as soon as the files are complete, for a build that
    has other work meanwhile (`result` waits and re-raises what the load raised)."""

    def __init__(self, store_dir: Path) -> None:
        self.store_dir = Path(store_dir)
        self._thread: threading.Thread | None = None
        self._outcome: StoreInfo | BaseException | None = None

    def start(self, parts: BuildParts) -> None:
        self._thread = threading.Thread(target=self._run, args=(parts,), name="kg-store-load")
        self._thread.start()

    def _run(self, parts: BuildParts) -> None:
        try:
            self._outcome = load_parts(parts, self.store_dir)
        except BaseException as err:  # handed to the thread that waits in `result`
            self._outcome = err

    def result(self, parts: BuildParts) -> StoreInfo:
        """The loaded store's info: the thread's, or a load here when none was started."""
        if self._thread is None:
            return load_parts(parts, self.store_dir)
        self.wait()
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        assert self._outcome is not None
        return self._outcome

    def wait(self) -> None:
        """Wait for a started load (also when the build fails: its folder is removed after)."""
        if self._thread is not None:
            self._thread.join()


def _with_union(quads: Iterable[ox.Quad], graphs: set[ox.NamedNode]) -> Iterator[ox.Quad]:
    """Each quad as stored, then its triple in the default graph; collects the graph names."""
    default = ox.DefaultGraph()
    last = None
    for q in quads:
        s, p, o, g = q.subject, q.predicate, q.object, q.graph_name
        if g == default:
            yield ox.Quad(s, p, o, BASE_GRAPH)
        else:
            if g != last:
                graphs.add(g)
                last = g
            yield q
        yield ox.Quad(s, p, o, default)


def open_oxigraph(path: Path | str, *, read_only: bool = True) -> ox.Store:
    """The raw pyoxigraph store of a store folder (or of a build folder holding `store/`)."""
    folder = resolve_store_path(path)
    try:
        return ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except OSError as err:
        raise StoreError(f"{folder}: could not open the store: {err} (is another process writing to it?)") from err


class KgStore:
    """A store folder opened for research: `.query()` runs in a killable worker process."""

    def __init__(self, path: Path | str) -> None:
        self.path = resolve_store_path(path)

    def query(self, text_or_name: str, params: dict[str, str] | None = None, **options: Any) -> Any:
        """SPARQL text or a canned query name -> `kg.query.Result` (see `kg.query.query`)."""
        from .query import query

        return query(self, text_or_name, params, **options)

    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, read-only, for direct use (no time limit)."""
        return open_oxigraph(self.path)

    def __repr__(self) -> str:
        return f"KgStore({str(self.path)!r})"


def open_store(path: Path | str) -> KgStore:
    """Open a store folder (or a build folder holding `store/`) for queries from Python."""
    return KgStore(path)


def resolve_store_path(path: Path | str) -> Path:
    """Accept either the store folder or a build folder that holds `store/`."""
    folder = Path(path)
    if (folder / "store").is_dir() and not (folder / "CURRENT").exists():
        folder = folder / "store"
    if not (folder / "CURRENT").exists():
        raise StoreError(f"{folder}: not an Oxigraph store (build one with `kg build` or `kg load FILE --store DIR`)")
    return folder


def materialize_union(store: ox.Store) -> None:
    """Make the default graph the set union of all named graphs (see the module docstring)."""
    store.clear_graph(ox.DefaultGraph())
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def load_files(files: Iterable[Path], store_dir: Path) -> StoreInfo:
    """Add RDF files to a store (created when missing); a graph loaded again replaces the old one.

    Dataset files (N-Quads, TriG) keep their graph names; a triples-only file goes into a
    named graph named after the file (`file:///abs/path`), so loading it again replaces it.
    """
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(store_dir))
    except OSError as err:
        raise StoreError(f"{store_dir}: could not open the store for writing: {err}") from err
    for path in map(Path, files):
        _load_one(store, path)
    materialize_union(store)
    shutil.rmtree(store_dir / "kg-listings", ignore_errors=True)  # kg.query.listing_index: stale now
    store.flush()
    result = info(store, store_dir)
    del store
    return result


def _load_one(store: ox.Store, path: Path) -> None:
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    fmt = rdf_format(path)
    to_graph = BASE_GRAPH if fmt in _DATASET_FORMATS else ox.NamedNode(path.resolve().as_uri())
    try:
        quads = list(ox.parse(path=str(path), format=fmt, rename_blank_nodes=True))
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: {err}") from err
    quads = [ox.Quad(q.subject, q.predicate, q.object, to_graph) if isinstance(q.graph_name, ox.DefaultGraph) else q
             for q in quads]
    for graph in {q.graph_name for q in quads} - {BASE_GRAPH}:
        store.remove_graph(graph)
    store.extend(quads)
