"""Loader for `kg/lexicons/ingest/markers.tsv`: the chrome, boilerplate, byline and source
patterns ingest uses, kept as data so a researcher can extend them without touching code."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import LexiconError
from .prefilter import Searcher, WholeLine

MARKERS_PATH = Path(__file__).resolve().parent.parent / "lexicons" / "ingest" / "markers.tsv"

_LINE_KINDS = {"chrome", "related", "outlet_suffix"}
_RE_KINDS = {
    "chrome_re", "pager_re", "boilerplate_re", "editor_re", "refmark_re", "label_re",
    "source_re", "author_re", "tail_source_re", "timestamp_label_re", "wire_dateline_re",
    "byline_re", "tail_author_re", "lead_source_re", "lead_dateline_re", "byline_sep_re", "byline_role_re",
    "end_section_re", "head_label_re", "related_re", "credit_re", "date_attr_re", "credit_source_re",
}
_GROUPS = {"source_re": "pub", "tail_source_re": "pub", "author_re": "name", "wire_dateline_re": "city",
           "byline_re": "name", "tail_author_re": "name", "lead_source_re": "pub", "lead_dateline_re": "when",
           "credit_source_re": "pub"}


@dataclass(frozen=True)
class Markers:
    """Compiled markers; whole-line sets are casefolded."""

    chrome: frozenset[str] = frozenset()
    related: frozenset[str] = frozenset()
    outlet_suffix: frozenset[str] = frozenset()
    patterns: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    _whole: dict[str, WholeLine] = field(default_factory=dict, init=False, repr=False, compare=False)
    _search: dict[str, Searcher] = field(default_factory=dict, init=False, repr=False, compare=False)

    def of(self, kind: str) -> tuple[re.Pattern[str], ...]:
        return self.patterns.get(kind, ())

    def fullmatch(self, kind: str, line: str) -> bool:
        """True when one of a kind's patterns matches all of `line` (built once per kind)."""
        whole = self._whole.get(kind)
        if whole is None:
            whole = self._whole[kind] = WholeLine.of(self.of(kind))
        return whole.fullmatch(line)

    def search(self, kind: str, line: str) -> bool:
        """True when one of a kind's patterns matches somewhere in `line`."""
        searcher = self._search.get(kind)
        if searcher is None:
            searcher = self._search[kind] = Searcher.of(self.of(kind))
        return searcher.search(line)


def parse_markers(text: str, source: str) -> Markers:
    """Parse and validate marker rows; a bad row raises `LexiconError` naming file and line."""
    sets: dict[str, set[str]] = {k: set() for k in _LINE_KINDS}
    pats: dict[str, list[re.Pattern[str]]] = {k: [] for k in _RE_KINDS}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, sep, value = line.partition("\t")
        if not sep or not value.strip():
            raise LexiconError(f"{source}:{number}: expected 'kind<TAB>value', got {line!r}")
        kind = kind.strip()
        if kind in _LINE_KINDS:
            sets[kind].add(value.strip().casefold())
        elif kind in _RE_KINDS:
            try:
                pattern = re.compile(value, re.IGNORECASE)
            except re.error as err:
                raise LexiconError(f"{source}:{number}: bad regular expression: {err}") from err
            group = _GROUPS.get(kind)
            if group and group not in pattern.groupindex:
                raise LexiconError(f"{source}:{number}: {kind} needs a (?P<{group}>...) group")
            pats[kind].append(pattern)
        else:
            valid = ", ".join(sorted(_LINE_KINDS | _RE_KINDS))
            raise LexiconError(f"{source}:{number}: unknown kind {kind!r}; valid kinds: {valid}")
    return Markers(
        chrome=frozenset(sets["chrome"]),
        related=frozenset(sets["related"]),
        outlet_suffix=frozenset(sets["outlet_suffix"]),
        patterns={k: tuple(v) for k, v in pats.items()},
    )


@lru_cache(maxsize=4)
def load_markers(path: Path = MARKERS_PATH) -> Markers:
    """Read the markers file once per process."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: cannot read ingest markers: {err}") from err
    return parse_markers(text, str(path))
