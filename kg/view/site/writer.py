"""The many pages of entities, events and documents, written by a few forked processes.

Those pages are independent of each other, so after the build is read once (and the
network measured) the work is split: each process renders every n-th page of each kind
into the same folder, sharing the read data through fork (nothing is pickled but the
counts that come back). Where fork is not available, or with one worker, this process
writes them all.
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .data import SiteData
from .network import Measures
from .pages import document_page, entity_page, event_page
from .render import Renderer

MAX_WORKERS = 2
MIN_PAGES_PER_WORKER = 1000  # below this, starting processes costs more than it saves


@dataclass
class Work:
    """What every page needs, read once before the processes start."""

    data: SiteData
    out: Path
    simple: nx.Graph
    measures: Measures
    ranked: dict[str, list[str]]

    def renderer(self) -> Renderer:
        labels = {**{i: d["label"] for i, d in self.data.documents.items()},
                  **{i: e["label"] for i, e in self.data.events.items()},
                  **{i: e["label"] for i, e in self.data.entities.items()}}
        return Renderer(self.out, labels, {i: e["kind"] for i, e in self.data.entities.items()})


_WORK: Work | None = None  # set before forking; the children read it


def default_workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _write_share(share: tuple[int, int]) -> tuple[int, tuple[int, str], int]:
    """Write every `n`-th page of each kind starting at `i`; returns (pages, largest file, largest graph)."""
    i, n = share
    work = _WORK
    assert work is not None
    data = work.data
    r = work.renderer()
    largest_view = 0
    try:
        for iri in sorted(data.entities)[i::n]:
            largest_view = max(largest_view, entity_page(r, data, iri, work.simple, work.measures, work.ranked))
        for iri in sorted(data.events)[i::n]:
            event_page(r, data, iri)
        for iri in sorted(data.documents)[i::n]:
            document_page(r, data, iri)
    finally:
        r.close()
    return r.pages, r.largest, largest_view


def write_item_pages(work: Work, workers: int) -> tuple[int, tuple[int, str], int, int]:
    """Write all entity, event and document pages; returns (pages, largest file, largest entity graph,
    processes used)."""
    global _WORK
    _WORK = work
    items = len(work.data.entities) + len(work.data.events) + len(work.data.documents)
    workers = max(1, min(workers, items // MIN_PAGES_PER_WORKER))
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return (*_write_share((0, 1)), 1)
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_write_share, [(i, workers) for i in range(workers)])
        return (sum(p for p, _, _ in results), max(big for _, big, _ in results), max(v for _, _, v in results),
                workers)
    finally:
        _WORK = None
