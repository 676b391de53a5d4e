"""Sorting more lines than fit in memory: sorted runs on disk, merged into one distinct stream.

Lines are UTF-8 bytes: they are sorted, written and merged as bytes (bytes compare with one
`memcmp`, a third faster to sort than the same lines as `str`; bench/BUILD-RESULTS.md), and
UTF-8 keeps the order of code points, so a merged stream is `sorted(set(lines))` of the
lines as text, encoded.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import chain, compress, islice
from operator import ne
from pathlib import Path
from typing import BinaryIO, TypeVar

RUN_LINES = 200_000  # lines held (repeats too) before they are sorted and written as a run
MAX_RUNS = 128  # runs merged into one before more are written (open files stay few)
BLOCK_BYTES = 1 << 18  # of each run held while merging (at most MAX_RUNS of them)
L = TypeVar("L", str, bytes)
WRITE_LINES = 4096  # lines joined per write: one write per line, or one join of a whole run, cost several times more


def distinct(lines: list[L]) -> list[L]:
    """Sorted `lines` (bytes or str) without repeats: a line's repeats are its neighbours."""
    out = lines[:1]
    out += compress(lines[1:], map(ne, lines, lines[1:]))
    return out


def write_lines(f: BinaryIO, lines: list[bytes]) -> None:
    """Write `lines` to `f` in joined slices."""
    for i in range(0, len(lines), WRITE_LINES):
        f.write(b"".join(lines[i : i + WRITE_LINES]))


class ExternalSort:
    """Collect lines (UTF-8 bytes, each ending in a newline), spill sorted distinct runs to
    `folder`, and merge them back in order without repeats."""

    def __init__(self, folder: Path, name: str, run_lines: int | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.run_lines = max(1, run_lines or RUN_LINES)
        self.runs: list[Path] = []
        self._made = 0  # run files made so far (names are never reused)
        # held in the order added, not in a set: a caller adds related lines together (a
        # subject's quads), near in memory, and sorting them so took about half the time of
        # sorting a set's order (bench/BUILD-RESULTS.md); repeats go when the run is written
        self._lines: list[bytes] = []

    def add(self, line: bytes) -> None:
        self._lines.append(line)
        if len(self._lines) >= self.run_lines:
            self.spill()

    def extend(self, lines: Iterable[bytes]) -> None:
        """`add` each line, taken in slices (one call per run, not per line): the runs are the same."""
        it = iter(lines)
        held = self._lines
        while True:
            held.extend(islice(it, self.run_lines - len(held)))
            if len(held) < self.run_lines:  # the lines ran out first
                return
            self.spill()
            held = self._lines

    def spill(self) -> None:
        """Write the lines held so far as one sorted run."""
        if not self._lines:
            return
        path = self._new_run()
        self._lines.sort()
        with path.open("wb") as f:
            write_lines(f, distinct(self._lines))
        self.runs.append(path)
        self._lines = []
        if len(self.runs) >= MAX_RUNS:
            self._merge_runs()

    def adopt(self, runs: list[Path]) -> None:
        """Take sorted distinct runs made elsewhere (another process's `spill`) as this sort's own."""
        self.runs.extend(runs)
        if len(self.runs) >= MAX_RUNS:
            self._merge_runs()

    def take_runs(self) -> list[Path]:
        """Spill what is held and hand over every run (for `merging` elsewhere); the sort is left empty."""
        self.spill()
        runs, self.runs = self.runs, []
        return runs

    def _merge_runs(self) -> None:
        """Merge the runs so far into one (a corpus far bigger than memory makes many runs)."""
        path = self._new_run()
        with path.open("wb") as f:
            for block in self.blocks(self.runs):
                write_lines(f, block)
        self.runs = [path]

    def _new_run(self) -> Path:
        self._made += 1
        return self.folder / f"{self.name}-{self._made:06d}.run"

    def merged(self) -> Iterator[bytes]:
        """Every line added, in sorted order, each once; the run files are removed afterwards."""
        return chain.from_iterable(self.merged_blocks())

    def merged_blocks(self) -> Iterator[list[bytes]]:
        """`merged` in consecutive blocks of lines (to write or scan in bulk)."""
        self.spill()
        return self.blocks(self.runs)

    @staticmethod
    def merging(runs: list[Path]) -> Iterator[bytes]:
        """The lines of sorted distinct `runs`, in order, each once; the run files are removed afterwards."""
        return chain.from_iterable(ExternalSort.blocks(runs))

    @staticmethod
    def blocks(runs: list[Path]) -> Iterator[list[bytes]]:
        """`merging` in consecutive blocks of lines. The runs are read a block (about
        `BLOCK_BYTES`) at a time; each round takes, from every run, its lines up to the least of
        the blocks' last lines (no run holds a smaller line further on), and sorts them together:
        the sort merges the sorted pieces in C, not a heap resumed once per line."""
        runs = list(runs)
        files = [p.open("rb") for p in runs]
        try:
            held = [f.readlines(BLOCK_BYTES) for f in files]
            at = [0] * len(files)
            live = [i for i, block in enumerate(held) if block]
            while live:
                bound = min(held[i][-1] for i in live)
                pieces = []
                for i in live:
                    block, start = held[i], at[i]
                    end = bisect_right(block, bound, start)
                    pieces.append(block[start:end] if start or end < len(block) else block)
                    if end == len(block):
                        held[i], at[i] = files[i].readlines(BLOCK_BYTES), 0
                    else:
                        at[i] = end
                if len(pieces) == 1:
                    yield pieces[0]
                else:
                    lines = list(chain.from_iterable(pieces))
                    lines.sort()
                    yield distinct(lines)  # two runs may hold the same line
                live = [i for i in live if held[i]]
        finally:
            for f in files:
                f.close()
            for p in runs:
                p.unlink(missing_ok=True)
