"""Sorting more lines than fit in memory: sorted runs on disk, merged into one distinct stream.

Lines are compared as Python strings (code points), exactly as `sorted` compares them in
memory, so a merged stream equals `sorted(set(lines))`.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from pathlib import Path

RUN_LINES = 200_000  # distinct lines held before they are sorted and written as a run
MAX_RUNS = 128  # runs merged into one before more are written (open files stay few)


class ExternalSort:
    """Collect lines (each ending in a newline), spill sorted distinct runs to `folder`,
    and merge them back in order without repeats."""

    def __init__(self, folder: Path, name: str, run_lines: int | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.run_lines = max(1, run_lines or RUN_LINES)
        self.runs: list[Path] = []
        self._made = 0  # run files made so far (names are never reused)
        self._lines: set[str] = set()

    def add(self, line: str) -> None:
        self._lines.add(line)
        if len(self._lines) >= self.run_lines:
            self.spill()

    def extend(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.add(line)

    def spill(self) -> None:
        """Write the lines held so far as one sorted run."""
        if not self._lines:
            return
        path = self._new_run()
        with path.open("w", encoding="utf-8", newline="\n") as f:
            f.writelines(sorted(self._lines))
        self.runs.append(path)
        self._lines = set()
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
        with path.open("w", encoding="utf-8", newline="\n") as f:
            f.writelines(self._merge())
        self.runs = [path]

    def _new_run(self) -> Path:
        self._made += 1
        return self.folder / f"{self.name}-{self._made:06d}.run"

    def merged(self) -> Iterator[str]:
        """Every line added, in sorted order, each once; the run files are removed afterwards."""
        self.spill()
        return self._merge()

    def _merge(self) -> Iterator[str]:
        return self.merging(self.runs)

    @staticmethod
    def merging(runs: list[Path]) -> Iterator[str]:
        """The lines of sorted distinct `runs`, in order, each once; the run files are removed afterwards."""
        runs = list(runs)
        files = [p.open(encoding="utf-8", newline="\n") for p in runs]
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
