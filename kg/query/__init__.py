"""SPARQL for researchers: `query(...)` on a store, an RDF file or a remote endpoint,
canned research questions, and W3C result formats.

    >>> import kg
    >>> store = kg.open_store("out")                 # a build folder or its store/
    >>> kg.query(store, "partnerships").records()    # a canned question
    >>> kg.query("out", "SELECT ...", timeout=5).to_dataframe()
"""
from __future__ import annotations

import atexit
import sys
import threading
import types
from pathlib import Path
from typing import Any

from .canned import CannedQuery, Param, get_canned, load_canned
from .engine import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, Engine, prepare, source_for
from .lexer import QueryRefused
from .results import GRAPH_FORMATS, SOLUTION_FORMATS, Result
from .worker import QueryTimeout

__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT", "GRAPH_FORMATS", "SOLUTION_FORMATS", "CannedQuery", "Engine",
           "Param", "QueryRefused", "QueryTimeout", "Result", "get_canned", "load_canned", "query"]

_ENGINES: dict[Any, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def query(source: Any, text_or_name: str, params: dict[str, str] | None = None, *,
          timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS) -> Result:
    """Run SPARQL text or a canned query name on `source` and return its Result.

    `source` is a `kg.open_store(...)` handle, an Engine, a store or build folder, an RDF
    file, or an `http(s)://` SPARQL endpoint URL. Queries on local data run in a worker
    process that is killed after `timeout` seconds.
    """
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        from .remote import query_endpoint

        text, form, _ = prepare(text_or_name, params)
        return query_endpoint(source, text, form, timeout=timeout, max_rows=max_rows)
    if isinstance(source, Engine):
        return source.run(text_or_name, params, timeout=timeout, max_rows=max_rows)
    path = getattr(source, "path", source)
    key = source_for(Path(path))
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = Engine(key)
    return engine.run(text_or_name, params, timeout=timeout, max_rows=max_rows)


@atexit.register
def _close_engines() -> None:
    with _ENGINES_LOCK:
        for engine in _ENGINES.values():
            engine.close()
        _ENGINES.clear()


class _CallableModule(types.ModuleType):
    """`kg.query` is both this package and the function: importing the package sets the
    attribute `kg.query` to the module, so the module forwards calls to `query()`."""

    def __call__(self, *args: Any, **kwargs: Any) -> Result:
        return query(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
