"""How a build process collects garbage: fewer, cheaper cyclic collections.

A build allocates millions of short-lived objects (matches, candidates, quads) while it
holds large, long-lived tables (lexicons, automata, jieba's dictionary) that never become
garbage. With CPython's default thresholds the collector runs every 700 net allocations and
its older generations re-scan those tables again and again: about 3 % of a rules-only
build's CPU. `settle()` moves everything alive at the call (the modules and tables loaded at
start-up) out of the collector's sight with `gc.freeze()` and collects the young generation
less often. It changes when memory held in reference cycles is reclaimed, never what a build
writes.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 50_000  # allocations between young collections (CPython's default: 700)
OLDER_THRESHOLDS = (20, 100)  # collections of one generation per collection of the next


def settle() -> None:
    """Freeze what is alive now and space out collections; call once start-up is done (and
    again after loading more long-lived tables: freezing is cumulative). For process entry
    points only (the `kg build` command, worker processes, benchmarks): frozen objects are never
    collected, so library code that may run in a long-lived process does not call it."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is as it was after it. For a
    bounded phase that builds large long-lived tables and frees almost nothing (a build's
    resolution: loading the spooled chunks, entity drafts, event reports), where every
    collection re-scans the growing heap for no garbage: with CPython's default thresholds
    that was 45 % of the phase's CPU (bench/JOBS-RESULTS.md). Unlike `settle`, fit for
    library code: nothing is frozen and the caller's settings are kept."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
