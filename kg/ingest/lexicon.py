"""Loader for `kg/lexicons/ingest/markers.tsv`: the chrome, boilerplate, byline and source
patterns ingest uses, kept as data so a researcher can extend them without touching code."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import LexiconError
from ..regex_needs import as_written, lowered, needed_literals, needed_sets
from .lazyre import LazyPattern
from .prefilter import LiteralGate, Loose, Searcher, WholeLine, end_chars, first_chars, guarded, last_chars
from .prefilter import loose as loose_pattern

MARKERS_PATH = Path(__file__).resolve().parent.parent / "lexicons" / "ingest" / "markers.tsv"

_LINE_KINDS = {"chrome", "related", "outlet_suffix"}
_RE_KINDS = {
    "chrome_re", "pager_re", "boilerplate_re", "editor_re", "refmark_re", "label_re",
    "source_re", "author_re", "tail_source_re", "timestamp_label_re", "wire_dateline_re",
    "byline_re", "tail_author_re", "lead_source_re", "lead_dateline_re", "byline_sep_re", "byline_role_re",
    "end_section_re", "head_label_re", "related_re", "credit_re", "date_attr_re", "credit_source_re",
}
_NAMED = re.compile(r"\(\?P<[^>]+>")  # the opening of a named group
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
    _gates: dict[tuple[tuple[str, ...], ...], LiteralGate] = field(default_factory=dict, init=False, repr=False, compare=False)
    _joined: dict[tuple[object, ...], re.Pattern[str] | None] = field(default_factory=dict, init=False, repr=False,
                                                                     compare=False)
    chrome_longest: int = field(default=0, init=False, repr=False, compare=False)
    related_longest: int = field(default=0, init=False, repr=False, compare=False)
    outlet_endings: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)  # for str.endswith
    _lasts: dict[str, tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _guarded: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict, init=False, repr=False,
                                                            compare=False)
    _plain: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _opens: dict[str, re.Pattern[str] | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _plans: dict[tuple[str, bool], tuple[tuple[re.Pattern[str], tuple[tuple[frozenset[str], bool], ...]], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _loose: dict[str, tuple[Loose | None, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    # answers of line tests under these markers, for the text being read: the repairs, the
    # splitter and the metadata readers ask the same question of the same line many times;
    # emptied by `forget` when a new text is read (see `repair.clean_lines`)
    chrome_memo: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)
    dateline_memo: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)
    timestamp_memo: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the longest whole-line entry: a longer line is none of them (casefold never shortens)
        object.__setattr__(self, "chrome_longest", max(map(len, self.chrome), default=0))
        object.__setattr__(self, "related_longest", max(map(len, self.related), default=0))
        object.__setattr__(self, "outlet_endings", tuple(sorted(self.outlet_suffix)))

    def is_chrome_line(self, text: str) -> bool:
        """True when `text` (stripped) is one of the `chrome` lines, in any case."""
        return len(text) <= self.chrome_longest and text.casefold() in self.chrome

    def of(self, kind: str) -> tuple[re.Pattern[str], ...]:
        return self.patterns.get(kind, ())

    def forget(self) -> None:
        """Empty the answers remembered (a new text: its lines are not the last one's)."""
        self.chrome_memo.clear()
        self.dateline_memo.clear()
        self.timestamp_memo.clear()

    def guarded(self, kind: str) -> tuple[re.Pattern[str], ...]:
        """A kind's patterns, each behind a look-ahead for its first characters
        (`prefilter.guarded`: the same matches, found faster by a scan); built once."""
        got = self._guarded.get(kind)
        if got is None:
            got = self._guarded[kind] = tuple(guarded(p) for p in self.of(kind))
        return got

    def loose(self, kind: str) -> tuple[Loose | None, ...]:
        """A kind's patterns searched without their opening `\\s*`, where that is exact
        (`prefilter.loose`; None for the others); built once."""
        got = self._loose.get(kind)
        if got is None:
            got = self._loose[kind] = tuple(loose_pattern(p) for p in self.of(kind))
        return got

    def with_last_chars(self, kind: str) -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
        """A kind's patterns, each with the class of characters its matches end with
        (`prefilter.last_chars`); built once."""
        got = self._lasts.get(kind)
        if got is None:
            got = self._lasts[kind] = tuple((p, last_chars(p)) for p in self.of(kind))
        return got

    def with_end_chars(self, kind: str) -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
        """A kind's patterns, each with the class of characters that ends a text it matches
        (`prefilter.end_chars`: patterns anchored at the end); built once."""
        key = "$" + kind
        got = self._lasts.get(key)
        if got is None:
            got = self._lasts[key] = tuple((p, end_chars(p)) for p in self.of(kind))
        return got

    def without_literals(self, kind: str) -> tuple[re.Pattern[str], ...]:
        """A kind's patterns that need no literal string (see `regex_needs.needed_literals`):
        the only ones that can match a line `gate` did not pick."""
        plain = self._plain.get(kind)
        if plain is None:
            plain = self._plain[kind] = tuple(p for p in self.of(kind) if needed_literals(p) is None)
        return plain

    def possible(self, kind: str, text: str) -> tuple[re.Pattern[str], ...]:
        """A kind's patterns in order, less those that need a literal string `text` does not
        hold (they cannot match anywhere in it): a few substring tests instead of scans.
        Strings of caseless characters ("[", "（", "记者") are looked for in `text` as it is;
        it is lower-cased only when some pattern still needs a string with case."""
        ascii_text = text.isascii()
        plan = self._plans.get((kind, ascii_text))
        if plan is None:
            plan = tuple(  # (a set tested as written first: it needs no lowering)
                (p, tuple(sorted(((need, as_written(need)) for need in needed_sets(p)), key=lambda t: not t[1])))
                for p in self.of(kind))
            self._plans[(kind, False)] = plan
            # an ASCII text (lower-cased, still ASCII) holds no string of a set of non-ASCII ones
            # ("记者", "”"): the patterns that need one are left out of its plan, untested
            self._plans[(kind, True)] = tuple((p, sets) for p, sets in plan
                                              if not any(all(not w.isascii() for w in need) for need, _ in sets))
            plan = self._plans[(kind, ascii_text)]
        low: str | None = None
        lowered_yet = False
        out = []
        for p, sets in plan:
            for need, raw in sets:
                if raw:
                    seen = text
                else:
                    if not lowered_yet:
                        low, lowered_yet = lowered(text), True
                    if low is None:  # a text re folds otherwise than str.lower: not testable
                        continue
                    seen = low
                for word in need:
                    if word in seen:
                        break
                else:
                    break  # no string of this set: the pattern cannot match
            else:
                out.append(p)
        return tuple(out)

    def joined(self, kinds: tuple[str, ...], *, literals: bool = True) -> re.Pattern[str] | None:
        """One alternation of the patterns of `kinds` (`literals=False`: of those that need
        no literal string), with their named groups made plain (they may repeat a name):
        it matches where one of them does. None when there are none, or they cannot be
        joined (a back-reference); built once."""
        key = (literals, *kinds)
        if key not in self._joined:
            pats = [p.pattern for k in kinds for p in (self.of(k) if literals else self.without_literals(k))]
            joined = None
            if pats and not any("(?P=" in p for p in pats):
                try:
                    joined = re.compile("|".join(f"(?:{_NAMED.sub('(?:', p)})" for p in pats), re.IGNORECASE)
                except re.error:
                    joined = None
            self._joined[key] = joined
        return self._joined[key]

    def may_open(self, kind: str, line: str) -> bool:
        """False when no pattern of a kind can match at the start of `line`: its first
        character starts no match of them (`prefilter.first_chars`, built once per kind)."""
        if kind in self._opens:
            opens = self._opens[kind]
        else:
            opens = self._opens[kind] = first_chars(self.of(kind))
        return opens is None or opens.match(line) is not None

    def any_match(self, kind: str, line: str) -> bool:
        """True when one of a kind's patterns matches at the start of `line` (one try of
        their alternation, after a test of the line's first character)."""
        if not self.may_open(kind, line):
            return False  # no pattern of the kind starts with this character (most lines)
        joined = self.joined((kind,))
        if joined is None:
            return any(p.match(line) for p in self.of(kind))
        return joined.match(line) is not None

    def gate(self, *groups: tuple[str, ...]) -> LiteralGate:
        """The test for the literal strings the patterns of some groups of kinds need: bit k
        of a line's mark is the k-th pattern that needs one (`LiteralGate.keys` says which,
        `LiteralGate.group_bits` which bits each group has); built once."""
        gate = self._gates.get(groups)
        if gate is None:
            keys = [(g, k, p) for g, kinds in enumerate(groups) for k in kinds for p in self.of(k)
                    if needed_literals(p) is not None]
            gate = LiteralGate(tuple(needed_literals(p) or frozenset() for _, _, p in keys))
            gate.keys = tuple(keys)
            gate.group_bits = tuple(sum(1 << b for b, key in enumerate(keys) if key[0] == g)
                                    for g in range(len(groups)))
            self._gates[groups] = gate
        return gate

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
    pats: dict[str, list[re.Pattern[str]]] = {k: [] for k in _RE_KINDS}  # (LazyPattern: the same interface)
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
                pattern = LazyPattern(value, re.IGNORECASE)  # compiled when first run (`lazyre`)
            except re.error as err:
                raise LexiconError(f"{source}:{number}: bad regular expression: {err}") from err
            group = _GROUPS.get(kind)
            if group and group not in pattern.groupindex:
                raise LexiconError(f"{source}:{number}: {kind} needs a (?P<{group}>...) group")
            pats[kind].append(pattern)  # type: ignore[arg-type]
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
