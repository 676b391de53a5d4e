"""graph.nq and graph.trig from a stream of quads bigger than memory.

Each quad's N-Quads text goes to two external sorts: one by the text itself (graph.nq is
the sorted distinct lines) and one in TriG order (graph, subject, predicate, object by their
text), from which graph.trig is serialised. A TriG-order line is the graph's text, a space,
then the quad's text: no graph IRI is a prefix of another (an IRI ends at its first `>`),
and where one subject or object is a prefix of another (`_:b1`, `_:b12`; `"x"`, `"x"@en`)
the shorter is followed by a space or the line's end, which sort before anything a term
continues with; so sorting these lines as strings gives the order of the (graph, subject,
predicate, object) tuples (and their UTF-8 bytes, which `kg.external_sort` sorts, in the same order).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .external_sort import ExternalSort, write_lines
from .graph_parts import QuadPool, merge_into
from .nquads import QuadText, as_text
from .rdf import prefixes

PART_LINES = 200_000  # lines per file the store bulk-loads: Oxigraph's bulk loader holds a whole
# call's input in memory (about 1 KB a line), so calls of this size stay near 200 MB whatever the
# corpus; bigger parts cost no less CPU (bench/STORE-LOAD-RESULTS.md)


@dataclass
class StoreParts:
    """The build's distinct quads, written once for both graph.trig and the store's bulk load
    (`kg.store.load_parts`), as files of at most `PART_LINES` lines each:

    - `quads`: N-Quads in TriG order; the default graph is the dataset's own (the ontology);
    - `union`: N-Triples, the triple of every quad in a named graph (a triple stated in two
      graphs comes twice; the store keeps one);
    - `base`: N-Triples, the default graph's triples (stored in `kgr:graph/base`).

    `count` is the number of distinct quads and `graphs` of named graphs, from the input;
    `blank_nodes` tells that a quad may hold one (each `bulk_load` call gives a label a new
    node, so the store would not join a graph's blank node with the union's)."""

    quads: list[Path]
    union: list[Path]
    base: list[Path]
    count: int
    graphs: int
    blank_nodes: bool = False

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[ox.Quad]:
        """The quads, in TriG order, parsed again from the files."""
        for path in self.quads:
            yield from ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)


class _Parts:
    """Lines (UTF-8 bytes) into numbered files `name-000001.ext`, ... of at most `PART_LINES` lines each."""

    def __init__(self, folder: Path, name: str, ext: str) -> None:
        self.folder, self.name, self.ext = folder, name, ext
        self.paths: list[Path] = []
        self._file: BinaryIO | None = None
        self._left = 0

    def write(self, lines: list[bytes]) -> None:
        """Append `lines`, starting a new file wherever the last one is full."""
        done = 0
        while done < len(lines):
            if self._left == 0:
                self.close()
                self.paths.append(self.folder / f"{self.name}-{len(self.paths) + 1:06d}.{self.ext}")
                self._file = self.paths[-1].open("wb")
                self._left = PART_LINES
            assert self._file is not None
            take = lines[done : done + self._left]
            write_lines(self._file, take)
            self._left -= len(take)
            done += len(take)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class GraphFiles:
    """Collects quads (with the document each belongs to) and writes the graph files."""

    def __init__(self, work: Path) -> None:
        self.work = Path(work)
        self.by_text = ExternalSort(self.work, "nq")
        self.by_graph = ExternalSort(self.work, "trig")
        self.per_doc: Counter[str] = Counter()  # quads made for each document (repeats counted)

    def add(self, doc_key: str | None, quad: QuadText | ox.Quad) -> None:
        """One quad: as text (`kg.nquads.QuadText`, as `kg.rdf` makes them) or a pyoxigraph quad."""
        graph, text = quad if type(quad) is tuple else as_text(quad)  # most come as text (kg.rdf)
        if doc_key is not None:
            self.per_doc[doc_key] += 1
        self.by_text.add(f"{text} .\n".encode())
        self.by_graph.add(f"{graph} {text}\n".encode())  # the default graph's text is "DEFAULT"

    def add_document(self, doc_key: str, quads: list[QuadText]) -> None:
        """A document's quads (as text), as `add` of each one."""
        self.per_doc[doc_key] += len(quads)
        self.by_text.extend([f"{text} .\n".encode() for _, text in quads])
        self.by_graph.extend([f"{graph} {text}\n".encode() for graph, text in quads])

    def adopt(self, by_text: list[Path], by_graph: list[Path], per_doc: Counter[str]) -> None:
        """Take quads another process sorted into runs (see `kg.graph_parts`) as if added here."""
        self.by_text.adopt(by_text)
        self.by_graph.adopt(by_graph)
        self.per_doc.update(per_doc)

    def write(self, nq: Path, trig: Path, pool: QuadPool | None = None,
              parts_done: Callable[[StoreParts], None] | None = None, store: bool = True) -> StoreParts:
        """Write graph.nq and graph.trig; returns the distinct quads as the store's input files.
        With a `pool` (of `kg.graph_parts`), graph.nq is merged there while this process writes
        graph.trig. `parts_done` is called as soon as the store's files are complete, before
        graph.trig is serialised from them (the build starts the store load there under --jobs).
        Without `store`, only the quads are written (no union or base files)."""
        if pool is not None:
            nq_count = pool.submit(merge_into, self.by_text.take_runs(), nq)
        else:
            merge_into(self.by_text.take_runs(), nq)
        parts = self._store_parts(store)
        if parts_done is not None:
            parts_done(parts)
        quads = chain.from_iterable(ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS) for p in parts.quads)
        ox.serialize(quads, output=str(trig), format=ox.RdfFormat.TRIG, prefixes=prefixes())
        if pool is not None:
            nq_count.result()
        return parts

    def _store_parts(self, store: bool) -> StoreParts:
        """The TriG-order merge into the store's files. A line is the graph's text, a space and
        the quad's text, which ends with the graph's text (after a space) unless the graph is the
        default one, so the triple is a slice of the line."""
        quads, union, base = (_Parts(self.work, name, ext) for name, ext in (("quads", "nq"), ("union", "nt"),
                                                                               ("base", "nt")))
        count, graphs, last, blank = 0, 0, b"", False
        try:
            for block in self.by_graph.merged_blocks():
                count += len(block)
                cuts = [line.index(b" ") for line in block]
                quads.write([line[cut + 1 : -1] + b" .\n" for line, cut in zip(block, cuts, strict=True)])
                if not store:
                    continue
                base_lines, union_lines = [], []
                for line, cut in zip(block, cuts, strict=True):
                    graph, quad = line[:cut], line[cut + 1 : -1]
                    if not blank and b"_:" in quad:  # or in a literal: then only the slower load is chosen
                        blank = True
                    if graph == b"DEFAULT":
                        base_lines.append(quad + b" .\n")
                    else:
                        union_lines.append(quad[: -cut - 1] + b" .\n")
                        if graph != last:
                            graphs, last = graphs + 1, graph
                base.write(base_lines)
                union.write(union_lines)
        finally:
            for p in (quads, union, base):
                p.close()
        return StoreParts(quads.paths, union.paths, base.paths, count, graphs, blank)
