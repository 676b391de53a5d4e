"""graph.nq and graph.trig from a stream of quads bigger than memory.

Each quad's N-Quads text goes to two external sorts: one by the text itself (graph.nq is
the sorted distinct lines) and one in TriG order (graph, subject, predicate, object by their
text), from which graph.trig is serialised. A TriG-order line is the graph's text, a space,
then the quad's text: no graph IRI is a prefix of another (an IRI ends at its first `>`),
and where one subject or object is a prefix of another (`_:b1`, `_:b12`; `"x"`, `"x"@en`)
the shorter is followed by a space or the line's end, which sort before anything a term
continues with; so sorting these lines as strings gives the order of the (graph, subject,
predicate, object) tuples.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .external_sort import ExternalSort
from .graph_parts import QuadPool, merge_into
from .rdf import prefixes


@dataclass
class QuadFile:
    """The build's distinct quads in TriG order, read from an N-Quads file each time it is
    iterated (a sized iterable: what the store's bulk load takes)."""

    path: Path
    count: int

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(ox.parse(path=str(self.path), format=ox.RdfFormat.N_QUADS))


class GraphFiles:
    """Collects quads (with the document each belongs to) and writes the graph files."""

    def __init__(self, work: Path) -> None:
        self.work = Path(work)
        self.by_text = ExternalSort(self.work, "nq")
        self.by_graph = ExternalSort(self.work, "trig")
        self.per_doc: Counter[str] = Counter()  # quads made for each document (repeats counted)

    def add(self, doc_key: str | None, quad: ox.Quad) -> None:
        text = str(quad)
        if doc_key is not None:
            self.per_doc[doc_key] += 1
        self.by_text.add(text + " .\n")
        self.by_graph.add(f"{quad.graph_name} {text}\n")  # the default graph's text is "DEFAULT"

    def adopt(self, by_text: list[Path], by_graph: list[Path], per_doc: Counter[str]) -> None:
        """Take quads another process sorted into runs (see `kg.graph_parts`) as if added here."""
        self.by_text.adopt(by_text)
        self.by_graph.adopt(by_graph)
        self.per_doc.update(per_doc)

    def write(self, nq: Path, trig: Path, pool: QuadPool | None = None) -> QuadFile:
        """Write graph.nq and graph.trig; returns the distinct quads (in TriG order) for the store.
        With a `pool` (of `kg.graph_parts`), graph.nq is merged there while this process writes
        graph.trig."""
        if pool is not None:
            nq_count = pool.submit(merge_into, self.by_text.take_runs(), nq)
        else:
            count = merge_into(self.by_text.take_runs(), nq)
        order = self.work / "order.nq"
        with order.open("w", encoding="utf-8", newline="\n") as f:
            for line in self.by_graph.merged():
                f.write(line[line.index(" ") + 1 : -1] + " .\n")
        quads = ox.parse(path=str(order), format=ox.RdfFormat.N_QUADS)
        ox.serialize(quads, output=str(trig), format=ox.RdfFormat.TRIG, prefixes=prefixes())
        if pool is not None:
            count = nq_count.result()
        return QuadFile(order, count)
