"""Extraction in worker processes (`kg build --jobs N`), with the same output as one process.

Documents are grouped by the file they came from, so every part of a document (and every
problem of a file) is handled by one worker exactly as the single-process build handles
it, including the per-document time budget. Each worker builds its extractors once (a fresh
interpreter, started with `spawn`, so a threaded parent is never forked). Results come back
in corpus order; the extractions are given their original Document objects again.
If the pool breaks (a worker killed), the chunks it did not finish are extracted in this
process, so nothing is lost.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from .model import Document, Extraction, Problem

if TYPE_CHECKING:
    from .extract import Pipeline

Progress = Callable[[str, int, int | None], None]
CHUNK_DOCS = 64  # documents per task: big enough to amortise pickling, small enough to balance
_PIPELINE = None  # the worker's extractors, built once per process


def chunks_by_file(docs: list[Document], size: int | None = None) -> list[list[int]]:
    """Indexes of `docs` in chunks of about `size`, never splitting one file's documents."""
    size = size or CHUNK_DOCS
    by_file: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        by_file.setdefault(doc.source_path, []).append(i)
    out: list[list[int]] = [[]]
    for indexes in by_file.values():
        if len(out[-1]) >= size:
            out.append([])
        out[-1].extend(indexes)
    return [c for c in out if c]


def _init_worker(ner: str) -> None:
    global _PIPELINE
    from .extract import Pipeline

    _PIPELINE = Pipeline(ner=ner)


def _extract_chunk(docs: list[Document], budget: float) -> tuple[list[Extraction], dict[str, list[Problem]]]:
    from .build import _extract_all

    exs, problems = _extract_all(_PIPELINE, docs, budget, lambda *a: None)
    for ex in exs:
        ex.document = None  # type: ignore[assignment]  # the parent has it; do not send it back
    return exs, problems


def extract_parallel(targets: list[Document], budget: float, jobs: int, tick: Progress, ner: str,
                     pipeline: Pipeline) -> tuple[list[Extraction], dict[str, list[Problem]]]:
    """(extractions in `targets` order, problems by file) using `jobs` worker processes, each
    with the taggers `ner` names; `pipeline` (this process's) extracts what a broken pool left."""
    from .build import _extract_all

    chunks = chunks_by_file(targets)
    results: dict[int, tuple[list[Extraction], dict[str, list[Problem]]]] = {}
    done_docs = 0
    ctx = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                 initargs=(ner,)) as pool:
            futures: dict[Future, int] = {pool.submit(_extract_chunk, [targets[i] for i in c], budget): n
                                          for n, c in enumerate(chunks)}
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    n = futures[fut]
                    results[n] = fut.result()
                    done_docs += len(chunks[n])
                    tick("extract", done_docs, len(targets))
    except BrokenProcessPool:
        pass  # the chunks without results are extracted below, in this process
    extractions: list[Extraction | None] = [None] * len(targets)
    problems: dict[str, list[Problem]] = {}
    for n, chunk in enumerate(chunks):
        if n not in results:
            results[n] = _extract_all(pipeline, [targets[i] for i in chunk], budget, lambda *a: None)
            done_docs += len(chunk)
            tick("extract", done_docs, len(targets))
        exs, probs = results[n]
        for i, ex in zip(chunk, exs, strict=True):
            ex.document = targets[i]
            extractions[i] = ex
        for path, found in probs.items():
            problems.setdefault(path, []).extend(found)
    return [ex for ex in extractions if ex is not None], problems
