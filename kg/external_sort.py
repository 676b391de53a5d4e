"""Sorting more lines than fit in memory: sorted runs on disk, merged into one distinct stream.

Lines are UTF-8 bytes: they are sorted, written and merged as bytes (bytes compare with one
`memcmp`, a third faster to sort than the same lines as `str`; bench/BUILD-RESULTS.md), and
UTF-8 keeps the order of code points, so a merged stream is `sorted(set(lines))` of the
lines as text, encoded.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

RUN_LINES = 200_000  # lines held (repeats too) before they are sorted and written as a run
MAX_RUNS = 128  # runs merged into one before more are written (open files stay few)


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
        for line in lines:
            self.add(line)

    def spill(self) -> None:
        """Write the lines held so far as one sorted run."""
        if not self._lines:
            return
        path = self._new_run()
        self._lines.sort()
        with path.open("wb") as f:
            f.writelines(line for line, _ in groupby(self._lines))
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
            f.writelines(self._merge())
        self.runs = [path]

    def _new_run(self) -> Path:
        self._made += 1
        return self.folder / f"{self.name}-{self._made:06d}.run"

    def merged(self) -> Iterator[bytes]:
        """Every line added, in sorted order, each once; the run files are removed afterwards."""
        self.spill()
        return self._merge()

    def _merge(self) -> Iterator[bytes]:
        return self.merging(self.runs)

    @staticmethod
    def merging(runs: list[Path]) -> Iterator[bytes]:
        """The lines of sorted distinct `runs`, in order, each once; the run files are removed afterwards."""
        runs = list(runs)
        files = [p.open("rb") for p in runs]
        try:
            last = None
            for line in heapq.merge(*files):
                if line != last:
                    yield line
                    last = line
        finally:
            for f in files:
                f.close()
            for p in runs:
                p.unlink(missing_ok=True)
