"""The browsable site of a build: `DIR/site/`, static pages that work from disk and behind `kg serve`.

Jobs by module: `queries` (the SPARQL of every panel), `data` (reading a build once),
`network` (rankings and communities), `graphs` (capped vis-network views), `mentions`
(highlighting names in texts), `chart` (the timeline's SVG), `tables` (JSON and CSV of
each page), `render` (escaping templates), `pages` (one function per kind of page),
`writer` (the many item pages in a few processes), `assets` (the vendored scripts and
styles, and the search index).
"""
from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import KgError
from ...outlock import swap_in
from .assets import copy_assets, search_index
from .data import SiteData, gather
from .graphs import ranked_neighbours
from .network import measures, simple
from .pages import index_page, listing_pages, network_page, overview_pages, timeline_pages
from .writer import Work, default_workers, write_item_pages

SITE_DIR = "site"


@dataclass
class SiteReport:
    """What a site holds and how long it took; `largest` is (bytes, page path)."""

    out: Path
    pages: int = 0
    entities: int = 0
    events: int = 0
    documents: int = 0
    largest: tuple[int, str] = (0, "")
    graph_nodes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds per stage, for benchmarks
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.pages} pages ({self.entities} entities, {self.events} events, {self.documents} documents) in "
                f"{self.seconds:.1f}s -> {self.out}")


def _source(build_dir: Path) -> Path:
    if (build_dir / "store").is_dir():
        return build_dir / "store"
    if (build_dir / "graph.nq").is_file():
        return build_dir / "graph.nq"
    raise KgError(f"{build_dir}: not a build folder (no store/ or graph.nq; run `kg build CORPUS --out {build_dir}`)")


def build_site(build_dir: Path | str, out: Path | str | None = None, *, workers: int | None = None) -> SiteReport:
    """Write the site of the build in `build_dir` to `out` (default: build_dir/site), replacing it whole.

    The pages of entities, events and documents are written by `workers` processes (default:
    up to two, as the machine has cores); everything else by this one."""
    from ...analyse.graph import open_dataset

    started = time.perf_counter()
    build_dir = Path(build_dir)
    out = Path(out) if out else build_dir / SITE_DIR
    store = open_dataset(_source(build_dir))
    try:
        data = gather(store, build_dir)
    finally:
        del store
    gathered = time.perf_counter() - started
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    try:
        report = _write(data, tmp, workers or default_workers())
        swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.out = out
    report.seconds = time.perf_counter() - started
    report.phases = {"read the build": gathered, **report.phases}
    return report


def _write(data: SiteData, tmp: Path, workers: int) -> SiteReport:
    copy_assets(tmp)
    clock = time.perf_counter()
    report = SiteReport(out=tmp, entities=len(data.entities), events=len(data.events), documents=len(data.documents),
                        problems=list(data.problems))

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.phases[name] = now - clock
        clock = now

    g = simple(data.graph)
    m = measures(data.graph, g)
    ranked = ranked_neighbours(g, m.pagerank)
    lap("network measures")
    work = Work(data, tmp, g, m, ranked)
    pages, largest, largest_view, used = write_item_pages(work, workers)
    lap(f"entity, event and document pages ({used} process{'es' if used > 1 else ''})")
    r = work.renderer()
    try:
        counts = listing_pages(r, data, m)
        timeline_pages(r, data)
        network_page(r, data, m)
        report.graph_nodes = {**overview_pages(r, data, g, m), "entity (largest)": largest_view}
        index_page(r, data, counts)
        r.put_raw("search-index.js", search_index(data, m.pagerank))
    finally:
        r.close()
    lap("other pages and search index")
    report.pages = pages + r.pages
    report.largest = max(largest, r.largest)
    return report


__all__ = ["SITE_DIR", "SiteReport", "build_site"]
