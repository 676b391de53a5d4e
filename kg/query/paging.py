"""Pages of a whole-graph listing: order and label only the rows shown, and count the rest.

A canned question whose header names its page keys (`# page: ?date ?event`) is paged in
two steps. The keys query finds the distinct key tuples over the question's WHERE clause
with the OPTIONAL and BIND parts that bind no key (and nothing else needs) left out, since
an OPTIONAL never removes a row: labels, amounts and evidence are not looked up for rows
that are not shown. The keys are sorted here rather than by the store's ORDER BY (which
reads both IRIs' text at every comparison, several times slower than finding them), and
kept for the next pages until the data changes; the total is their number. The question
itself then runs with the page's keys bound by a VALUES block, ordered by the keys first.
A page therefore holds every row of its keys (an event with two amounts gives two rows).

A query without page keys (aggregates, your own SPARQL) is paged by LIMIT/OFFSET after its
own ORDER BY, and counted by wrapping it in a COUNT.
"""
from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import QueryError
from ..vocab import PREFIXES
from .lexer import Token, inspect, tokenize
from .results import Result

MAX_PAGE_SIZE = 10_000


@dataclass(frozen=True)
class Page:
    """Which page to show: 1-based number and rows (keys) per page."""

    number: int = 1
    size: int = 100

    def __post_init__(self) -> None:
        if self.number < 1:
            raise QueryError(f"--page must be 1 or more, not {self.number}")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise QueryError(f"--page-size must be between 1 and {MAX_PAGE_SIZE}, not {self.size}")

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def parse_keys(spec: str, where: str) -> tuple[str, ...]:
    """`?date ?event` -> ("date", "event"); raises QueryError naming `where` if malformed."""
    names = spec.split()
    if not names or any(not (n.startswith("?") and n[1:].isidentifier()) for n in names):
        raise QueryError(f"{where}: page keys must be variables like '?date ?event', got {spec!r}")
    return tuple(n[1:] for n in names)


@dataclass(frozen=True)
class _Shape:
    body_open: int  # just after the `{` of WHERE
    body_close: int  # at the `}` that closes WHERE
    order_at: int | None  # where ORDER BY starts (after the body), if any
    order_terms: str  # the text after ORDER BY
    has_limit: bool
    grouped: bool


def _shape(text: str) -> tuple[_Shape, list[Token]]:
    tokens = tokenize(text)
    body_open = inspect(text, PREFIXES).body_open
    depth, close = 1, None
    for tok in tokens:
        if tok.start < body_open:
            continue
        if tok.text == "{":
            depth += 1
        elif tok.text == "}":
            depth -= 1
            if depth == 0:
                close = tok.start
                break
    if close is None:
        raise QueryError("the WHERE clause is not closed")
    tail = [t for t in tokens if t.start > close]
    order_at = None
    for i, tok in enumerate(tail[:-1]):
        if tok.upper == "ORDER" and tail[i + 1].upper == "BY":
            order_at = tok.start
            break
    words = {t.upper for t in tail if t.kind == "word"}
    order_terms = ""
    if order_at is not None:
        after = text[order_at:].split(None, 2)
        order_terms = after[2] if len(after) > 2 else ""
    return _Shape(body_open, close, order_at, order_terms.strip(), bool(words & {"LIMIT", "OFFSET"}),
                  bool(words & {"GROUP", "HAVING"})), tokens


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    kind: str  # "pattern" (kept; binds its variables), "filter" (kept; only reads), "optional" (droppable)
    names: frozenset[str]


def _closing(body: list[Token], i: int) -> int:
    """Index of the token closing the bracket at body[i]."""
    opener = body[i].text
    closer = {"{": "}", "(": ")"}[opener]
    d = 0
    for j in range(i, len(body)):
        d += {opener: 1, closer: -1}.get(body[j].text, 0)
        if d == 0:
            return j
    return len(body) - 1


def _segments(tokens: list[Token], shape: _Shape) -> list[_Segment]:
    """Top-level parts of the WHERE body. OPTIONAL groups and BINDs may be dropped; FILTERs
    only read variables; everything else (patterns, VALUES, GRAPH and sub-groups) binds them."""
    body = [t for t in tokens if shape.body_open <= t.start < shape.body_close]
    out: list[_Segment] = []
    i, depth, plain_start, plain = 0, 0, shape.body_open, set()

    def part(start: int, end: int, kind: str, names: set[str]) -> None:
        if start < end:
            out.append(_Segment(start, end, kind, frozenset(names)))

    while i < len(body):
        tok = body[i]
        if depth == 0 and tok.upper in ("OPTIONAL", "BIND", "FILTER"):
            j = i + 1
            while j < len(body) and body[j].text not in ("{", "("):
                j += 1  # FILTER NOT EXISTS {, FILTER regex( ...
            if j < len(body):
                k = _closing(body, j)
                end = body[k].start + 1
                part(plain_start, tok.start, "pattern", plain)
                kind = "filter" if tok.upper == "FILTER" else "optional"
                part(tok.start, end, kind, {t.text[1:] for t in body[i:k + 1] if t.kind == "var"})
                plain_start, plain = end, set()
                i = k + 1
                continue
        depth += {"{": 1, "}": -1, "(": 1, ")": -1}.get(tok.text, 0)
        if tok.kind == "var":
            plain.add(tok.text[1:])
        i += 1
    part(plain_start, shape.body_close, "pattern", plain)
    return out


def keys_body(text: str, keys: Sequence[str]) -> str:
    """The WHERE body (without braces) that finds the key tuples: OPTIONAL and BIND parts
    that bind no key and no variable a kept part reads are left out."""
    shape, tokens = _shape(text)
    segs = _segments(tokens, shape)
    bound: set[str] = set().union(*(s.names for s in segs if s.kind == "pattern"))
    needed = set(keys).union(*(s.names for s in segs if s.kind != "optional"))
    kept = [s.kind != "optional" for s in segs]
    changed = True
    while changed:
        changed = False
        for n, seg in enumerate(segs):
            if not kept[n] and (seg.names - bound) & needed:
                kept[n], changed = True, True
                needed |= seg.names
    return " ".join(text[s.start:s.end].strip() for n, s in enumerate(segs) if kept[n] and text[s.start:s.end].strip())


def keys_query(text: str, keys: Sequence[str]) -> str:
    """Every distinct key tuple of the listing, unordered (sorted here, see `sorted_keys`)."""
    listed = " ".join("?" + k for k in keys)
    return f"SELECT DISTINCT {listed} WHERE {{ {keys_body(text, keys)} }}"


def term_order(term: Any) -> tuple:
    """Sort key of a result term, as SPARQL orders them: unbound, blank nodes, IRIs (by
    their text), then literals (numbers by value, others by their text)."""
    if term is None:
        return (0,)
    kind = type(term).__name__
    if kind == "BlankNode":
        return (1, term.value)
    if kind == "NamedNode":
        return (2, term.value)
    datatype = getattr(getattr(term, "datatype", None), "value", "")
    if datatype.rpartition("#")[2] in _NUMERIC:
        try:
            number = float(term.value)
            if number == number:  # not NaN
                return (3, 0, number, term.value)
        except ValueError:
            pass
    return (3, 1, term.value, getattr(term, "language", None) or "", datatype)


_NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
            "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"}
KEYS_CAP = 2_000_000  # keys one listing may have (a parameter narrows a bigger one)
_CACHE_SIZE = 32  # listings kept (about 16 MB for 80k keys of two terms); more than the canned ones
_cache: OrderedDict[tuple, Any] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class _InMemory:
    """A listing computed in this process (same interface as listing_index.StoredListing)."""

    variables: list[str]
    all_rows: list[tuple]

    @property
    def total(self) -> int:
        return len(self.all_rows)

    def rows(self, offset: int, size: int) -> list[tuple]:
        return self.all_rows[offset:offset + size]

    def __len__(self) -> int:
        return len(self.all_rows)


def _cached(where: Any, query: str, compute: Callable[[], Any], store: Path | None = None) -> Any:
    """The listing answering `query` (sorted keys or a whole answer): kept in memory for
    `(where, query)` while `where` (the data's state) is not None, and on disk in the store
    folder `store` (see kg.query.listing_index) so that other processes find it too."""
    from . import listing_index

    def fetch() -> Any:
        if store is not None:
            stored = listing_index.load(store, query)
            if stored is not None:
                try:
                    stored.rows(0, 1)  # reads back as terms, or is computed again
                    return stored
                except (listing_index.DamagedEntry, OSError, ValueError):
                    pass
            data = listing_index.fingerprint(store)
            computed = compute()
            listing_index.save(store, query, computed.variables, computed.all_rows, data)
            return computed
        return compute()

    if where is None:
        return fetch()
    key = (where, query)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = fetch()
    with _cache_lock:
        _cache[key] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def sorted_keys(run: Runner, text: str, keys: Sequence[str], where: Any = None, store: Path | None = None) -> Any:
    """Every key tuple of the listing in key order (a listing: `.total`, `.rows(offset, size)`).
    Oxigraph's ORDER BY looks up the text of both IRIs at every comparison (20 s for 80k
    events at 1M triples, against 2–5 s to find them unordered), so the keys are fetched
    unordered and sorted here. `where` identifies the data (source and its files' state);
    with it the sorted keys are kept for the next pages until the data changes; with a
    store folder they are also kept on disk for every later first page."""
    query = keys_query(text, keys)

    def compute() -> _InMemory:
        result = run(query, KEYS_CAP)
        return _InMemory(list(result.variables),
                         sorted(result.rows, key=lambda row: tuple(term_order(t) for t in row)))

    return _cached(where, query, compute, store)


def whole_answer(run: Runner, text: str, where: Any = None, store: Path | None = None) -> Any:
    """The whole answer of a query without page keys that must be computed whole anyway
    (it orders or groups every row), kept like `sorted_keys` so that its next pages and its
    total cost nothing."""
    def compute() -> _InMemory:
        result = run(text, KEYS_CAP)
        return _InMemory(list(result.variables), list(result.rows))

    return _cached(where, text, compute, store)


def data_state(source: Any) -> Any:
    """What identifies a query source's data now: its paths with their files' sizes and
    modification times (a store changes files when written); None when unknown."""
    from .listing_index import INDEX_DIR

    try:
        kind, paths = source
        state = []
        for path in map(Path, paths):
            files = sorted(f for f in path.iterdir() if f.name != INDEX_DIR) if path.is_dir() else [path]
            state.append((str(path), tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files)))
        return (kind, tuple(state))
    except (OSError, TypeError, ValueError):
        return None


def store_folder(source: Any) -> Path | None:
    """The store folder of an engine's source, where listings are kept on disk; None for files."""
    try:
        kind, paths = source
        return Path(paths[0]) if kind == "store" else None
    except (TypeError, ValueError, IndexError):
        return None


def count_query(text: str) -> str:
    """How many rows a query without page keys answers."""
    shape, _ = _shape(text)
    inner = text[:shape.order_at] if shape.order_at is not None else text
    return f"SELECT (COUNT(*) AS ?total) WHERE {{ {{ {inner} }} }}"


def values_block(keys: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """`VALUES (?a ?b) { (t t) ... }` from result terms (their N-Triples form; unbound: UNDEF)."""
    listed = " ".join("?" + k for k in keys)
    body = " ".join("(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")" for row in rows)
    return f" VALUES ({listed}) {{ {body} }} "


LATERAL_JOIN = True  # False for an engine without LATERAL (rdflib, in bench/bench_first_page.py)


def page_query(text: str, keys: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The question restricted to the page's keys, ordered by the keys, then its own order.

    The page's keys come first in a VALUES block, and the WHERE clause runs once per key as a
    LATERAL group, with the key's terms bound, so the store looks up that key's rows by index.
    Joined to one VALUES block instead, the store evaluates the whole clause and then joins
    (6.8 s against well under a second for 100 events at 1M triples); one UNION branch per key
    (the previous form) costs the same look-ups but makes a query text a hundred times
    longer, and parsing it took most of the time (0.8 s of 1.2 s for 100 keys). A question that
    assigns a key with BIND uses the VALUES join (LATERAL would meet the key already bound)."""
    shape, tokens = _shape(text)
    body = [t for t in tokens if shape.body_open <= t.start < shape.body_close]
    assigned = any(a.upper == "AS" and b.kind == "var" and b.text[1:] in keys for a, b in itertools.pairwise(body))
    clause = text[shape.body_open:shape.body_close]
    lateral = LATERAL_JOIN and not assigned
    where = values_block(keys, rows) + (f"LATERAL {{ {clause} }} " if lateral else clause)
    order = " ".join("?" + k for k in keys) + (" " + shape.order_terms if shape.order_terms else "")
    return f"{text[:shape.body_open]} {where} }}\nORDER BY {order}\n"


def limit_query(text: str, page: Page) -> str:
    """LIMIT/OFFSET after the query's own ORDER BY (for queries without page keys)."""
    shape, _ = _shape(text)
    if shape.has_limit:
        raise QueryError("this query has its own LIMIT or OFFSET; remove it to use --page")
    return f"{text.rstrip()}\nLIMIT {page.size} OFFSET {page.offset}\n"


Runner = Callable[..., Any]  # (SPARQL text, row cap or None) -> Result


def run_page(run: Runner, text: str, keys: Sequence[str] | None, page: Page, where: Any = None,
             store: Path | None = None) -> Any:
    """One page of the query's answer as a Result (`run` executes SPARQL text)."""
    shape, _ = _shape(text)
    if not keys and where is not None and (shape.order_at is not None or shape.grouped) and not shape.has_limit:
        whole, rows = _slice(lambda: whole_answer(run, text, where, store), page)
        return Result("select", variables=list(whole.variables), rows=rows)
    if not keys:
        return run(limit_query(text, page))
    if shape.grouped:
        raise QueryError("page keys cannot be used with GROUP BY or HAVING; remove the '# page:' header")
    _, shown = _slice(lambda: sorted_keys(run, text, keys, where, store), page)
    if not shown:  # past the last page: the question's columns, no rows
        return run(f"{text[:shape.body_open]} FILTER(false) }}")
    return run(page_query(text, keys, shown))


def _slice(fetch: Callable[[], Any], page: Page) -> tuple[Any, list[tuple]]:
    """(the listing, the page's rows). A stored entry damaged past its first line (checked when
    opened) is removed, from disk and memory, and the listing computed again."""
    from .listing_index import DamagedEntry

    listing = fetch()
    try:
        return listing, listing.rows(page.offset, page.size)
    except (DamagedEntry, OSError, ValueError):
        if not hasattr(listing, "path"):
            raise
        Path(listing.path).unlink(missing_ok=True)
        with _cache_lock:
            for key in [k for k, v in _cache.items() if v is listing]:
                del _cache[key]
        listing = fetch()
        return listing, listing.rows(page.offset, page.size)


def total(run: Runner, text: str, keys: Sequence[str] | None, where: Any = None, store: Path | None = None) -> int:
    """Keys (or rows) in the whole listing."""
    if keys:
        return len(sorted_keys(run, text, keys, where, store))
    shape, _ = _shape(text)
    if where is not None and (shape.order_at is not None or shape.grouped) and not shape.has_limit:
        return len(whole_answer(run, text, where, store))
    result = run(count_query(text))
    value = result.rows[0][0] if result.rows else None
    return int(value.value) if value is not None else 0


def _without_header(text: str) -> str:
    """The query without its leading comment lines (so `# param:` lines are not read again)."""
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and (lines[i].startswith("#") or not lines[i].strip()):
        i += 1
    return "".join(lines[i:])


def paged(engine: Any, text_or_name: str, params: dict[str, str] | None, page: Page | None, *,
          count: bool = False, rows: bool = True, timeout: float | None = None,
          max_rows: int | None = None) -> tuple[Any, int | None]:
    """(the page's Result, total keys or rows when `count`) of a query or canned name on an Engine.

    Page keys come from the canned question's header, or from a `# page:` line of your own
    query. Without `page`, the whole answer (as `Engine.run`); with `rows=False` only the
    total is computed and the Result is None."""
    from .canned import parse_header
    from .engine import prepare

    text, form, _ = prepare(text_or_name, params)
    fields = parse_header(text, Path("<query>"))[0]
    keys = parse_keys(fields["page"], "# page") if "page" in fields else ()
    text = _without_header(text)
    spent = 0.0

    def run(q: str, cap: int | None = None) -> Any:
        nonlocal spent
        result = engine.run(q, timeout=timeout, max_rows=cap or max_rows)
        spent += result.seconds
        return result

    if (page is not None or count) and form != "SELECT":
        raise QueryError(f"--page and --count work on SELECT queries; this is {form}")
    source = getattr(engine, "source", None)
    where, store = data_state(source), store_folder(source)
    result = None
    if rows:
        result = run_page(run, text, keys, page, where, store) if page is not None else run(text)
    how_many = total(run, text, keys, where, store) if count or not rows else None
    if result is not None:
        result.seconds = spent
    return result, how_many


def page_from_args(args: dict[str, list[str]]) -> tuple[Page | None, bool]:
    """(page, count) from HTTP query arguments `page`, `page_size` and `count`; a page asks for
    the total too. Raises QueryError on values that are not whole numbers."""
    def number(name: str) -> int | None:
        values = args.get(name) or args.get(name.replace("_", "-"))
        if not values:
            return None
        try:
            return int(values[0])
        except ValueError:
            raise QueryError(f"{name} must be a whole number, not {values[0]!r}") from None

    n, size = number("page"), number("page_size")
    count = (args.get("count") or [""])[0].lower() in ("1", "true", "yes")
    if n is None and size is None:
        return None, count
    return Page(n or 1, size or Page.size), True


def page_headers(page: Page | None, total: int | None) -> dict[str, str]:
    """HTTP headers telling a client where it is in a paged answer."""
    out: dict[str, str] = {}
    if page is not None:
        out.update({"X-KG-Page": str(page.number), "X-KG-Page-Size": str(page.size)})
    if total is not None:
        out["X-KG-Total-Rows"] = str(total)
    if out:  # a page on another origin (`kg serve --cors`) may read them
        out["Access-Control-Expose-Headers"] = ", ".join(out)
    return out


def warm_listings(engine: Any, timeout: float | None = None) -> list[str]:
    """Find and keep the keys of every canned listing (no parameters) on `engine`, so that
    their first pages cost a page only; returns the names warmed. A listing that fails
    (a time limit, a row cap) is skipped: its first page is then found when asked."""
    from .canned import load_canned

    warmed = []
    for name, canned in load_canned().items():
        if not canned.page_keys or any(p.required for p in canned.params):
            continue
        try:
            paged(engine, name, None, None, count=True, rows=False, timeout=timeout)
        except QueryError:
            continue
        warmed.append(name)
    return warmed
