"""Canned research questions: `.rq` files whose header comments give a title, a
description, typed parameters and a preferred view; and safe binding of parameter values.

Header format (leading `#` lines, `key: value`; a line starting with `#   ` continues the
previous value):

    # title: Timeline of a platform's policy changes
    # description: Rules a platform issued, revised or put into effect, by date.
    # param: platform literal optional  any name of the platform (Amazon, 亚马逊)
    # view: timeline
    # page: ?date ?event

`param:` is `NAME TYPE required|optional DESCRIPTION`, TYPE one of iri, literal, date,
number. Values are turned into RDF terms (validated and escaped by pyoxigraph) and bound
with a `VALUES` block at the top of the WHERE clause, never pasted into the query text. An
optional parameter left out stays an unbound variable, so it matches anything. `page:`
names the variables a page of a whole-graph listing is ordered and cut by (kg.query.paging).
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..vocab import PREFIXES
from .lexer import inspect
from .paging import parse_keys
from .prefixes import expand_prefixed

PARAM_TYPES = ("iri", "literal", "date", "number")
VIEWS = ("table", "graph", "timeline")
XSD = "http://www.w3.org/2001/XMLSchema#"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    view: str
    text: str
    path: Path
    params: tuple[Param, ...] = field(default_factory=tuple)
    page_keys: tuple[str, ...] = ()  # `# page: ?date ?event`: see kg.query.paging

    def as_dict(self) -> dict:
        """JSON form for the query page and `kg query --list --format json`."""
        return {"name": self.name, "title": self.title, "description": self.description, "view": self.view,
                "params": [p.__dict__ for p in self.params], "page_keys": list(self.page_keys), "query": self.text}


def queries_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "queries"


def parse_header(text: str, path: Path) -> tuple[dict[str, str], tuple[Param, ...]]:
    """The `key: value` header comments of a query file; raises QueryError naming file:line."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line[1:]
        if body.startswith("   ") and last and body.strip():
            fields[last] = f"{fields[last]} {body.strip()}"
            continue
        key, sep, value = body.strip().partition(":")
        if not sep or not key.isidentifier():
            last = None
            continue
        key, value = key.lower(), value.strip()
        if key == "param":
            params.append(_param(value, path, lineno))
            last = None
        else:
            fields[key], last = value, key
    return fields, tuple(params)


def _param(spec: str, path: Path, lineno: int) -> Param:
    parts = spec.split(None, 3)
    if len(parts) < 3 or not _NAME.match(parts[0]) or parts[1] not in PARAM_TYPES or parts[2] not in ("required", "optional"):
        raise QueryError(f"{path}:{lineno}: param must be 'NAME TYPE required|optional DESCRIPTION' "
                         f"with TYPE one of {', '.join(PARAM_TYPES)}; got {spec!r}")
    return Param(parts[0], parts[1], parts[2] == "required", parts[3] if len(parts) > 3 else "")


def load_query_file(path: Path) -> CannedQuery:
    """Read and check one `.rq` file (header, parameters, and that it is a read-only query)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read: {err}") from err
    fields, params = parse_header(text, path)
    view = fields.get("view", "table")
    if view not in VIEWS:
        raise QueryError(f"{path}: view must be one of {', '.join(VIEWS)}, not {view!r}")
    try:
        inspect(text, PREFIXES)
    except QueryError as err:
        raise QueryError(f"{path}: {err}") from err
    keys = parse_keys(fields["page"], str(path)) if "page" in fields else ()
    return CannedQuery(name=path.stem, title=fields.get("title", path.stem), description=fields.get("description", ""),
                       view=view, text=text, path=path, params=params, page_keys=keys)


def load_canned(folder: Path | None = None) -> dict[str, CannedQuery]:
    """All canned queries of a folder (kg/queries by default), by name."""
    folder = folder or queries_dir()
    return {p.stem: load_query_file(p) for p in sorted(folder.glob("*.rq"))}


def get_canned(name: str, folder: Path | None = None) -> CannedQuery:
    queries = load_canned(folder)
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.6)
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise QueryError(f"no canned query named {name!r}; {hint}known: {', '.join(queries)} (see `kg query --list`)")
    return queries[name]


def to_term(value: str, kind: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as a validated RDF term of its declared type."""
    try:
        if kind == "iri":
            return ox.NamedNode(expand_prefixed(value, PREFIXES))
        if kind == "date":
            return ox.Literal(dt.date.fromisoformat(value.strip()).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        if kind == "number":
            return ox.Literal(str(Decimal(value.strip())), datatype=ox.NamedNode(XSD + "decimal"))
        return ox.Literal(value)
    except (ValueError, InvalidOperation) as err:
        raise QueryError(f"{value!r} is not a valid {kind}: {err}") from err


def bind(text: str, declared: tuple[Param, ...], values: dict[str, str]) -> str:
    """The query with its parameters bound by a VALUES block (checked names, typed terms)."""
    by_name = {p.name: p for p in declared}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        known = ", ".join(by_name) or "none"
        raise QueryError(f"unknown parameter(s) {', '.join(unknown)}; this query takes: {known}")
    missing = [p.name for p in declared if p.required and p.name not in values]
    if missing:
        raise QueryError(f"missing required parameter(s): {', '.join(missing)} (give --param NAME=VALUE)")
    if not values:
        return text
    names = list(values)
    terms = [str(to_term(values[n], by_name[n].type)) for n in names]
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} "
    at = inspect(text, PREFIXES).body_open
    return text[:at] + block + text[at:]
