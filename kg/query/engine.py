"""The query engine: check, bind and run SPARQL on a store or RDF files, with limits."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import QueryError
from ..vocab import PREFIXES
from .canned import CannedQuery, bind, get_canned, load_canned, parse_header
from .lexer import QueryRefused, inspect
from .prefixes import check_prefixes
from .results import Result
from .worker import Source, WorkerPool

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 100_000
_CANNED_NAME = re.compile(r"^[A-Za-z0-9_\-]+$")


def source_for(path: Path | str) -> Source:
    """A store folder (or build folder holding store/) or one RDF file loaded in memory."""
    from ..store import resolve_store_path

    p = Path(path)
    if p.is_file():
        return ("files", (str(p.resolve()),))
    return ("store", (str(resolve_store_path(p)),))


def prepare(text_or_name: str, params: dict[str, str] | None = None) -> tuple[str, str, tuple[str, ...]]:
    """(query text with parameters bound, query form, FROM IRIs) after the safety checks.

    A bare name (letters, digits, `_`, `-`) is a canned query; anything else is SPARQL,
    whose own `# param:` header lines (if any) declare its parameters.
    """
    params = params or {}
    if _CANNED_NAME.match(text_or_name.strip()):
        canned = get_canned(text_or_name.strip())
        text, declared = canned.text, canned.params
    else:
        text = text_or_name
        declared = parse_header(text, Path("<query>"))[1]
    text = bind(text, declared, params)
    check_prefixes(text, PREFIXES)
    shape = inspect(text, PREFIXES)
    return text, shape.form, shape.from_iris


class Engine:
    """Runs queries on one data source in killable worker processes (thread-safe)."""

    def __init__(self, source: Source, *, workers: int = 1, timeout: float = DEFAULT_TIMEOUT,
                 max_rows: int = DEFAULT_MAX_ROWS) -> None:
        self.source, self.timeout, self.max_rows = source, timeout, max_rows
        self.pool = WorkerPool(source, size=workers)

    @classmethod
    def for_path(cls, path: Path | str, **kwargs: object) -> Engine:
        return cls(source_for(path), **kwargs)  # type: ignore[arg-type]

    def run(self, text_or_name: str, params: dict[str, str] | None = None, *,
            timeout: float | None = None, max_rows: int | None = None) -> Result:
        """Answer a query or canned query name; raises QueryError on a bad query, refusal or timeout."""
        text, _form, from_iris = prepare(text_or_name, params)
        answer = self.pool.run({"query": text, "from_iris": from_iris, "max_rows": max_rows or self.max_rows},
                               timeout or self.timeout)
        if "error" in answer:
            raise (QueryRefused if answer.get("refused") else QueryError)(answer["error"])
        return Result(answer["kind"], variables=answer.get("variables", []), rows=answer.get("rows", []),
                      boolean=answer.get("boolean"), triples=answer.get("triples", []), seconds=answer["seconds"])

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def canned_queries() -> list[CannedQuery]:
    return list(load_canned().values())
