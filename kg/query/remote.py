"""Query any SPARQL 1.1 endpoint over the SPARQL Protocol (Fuseki, GraphDB, QLever, oxigraph)."""
from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..vocab import SPARQL_PREFIXES
from .results import Result

USER_AGENT = "kg (https://w3id.org/ecomkg)"


def query_endpoint(url: str, text: str, form: str, *, timeout: float = 30.0, max_rows: int = 100_000) -> Result:
    """POST a query (data-model prefixes prepended) and read the answer into a Result.

    The same parse-tree check as for local queries runs first, so kg never asks a server to
    call a third one (SERVICE); which graphs FROM may name is the endpoint's business.
    """
    from ..vocab import PREFIXES
    from .safety import check

    check(text, prefixes=PREFIXES)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph else "application/sparql-results+json"
    body = urllib.parse.urlencode({"query": SPARQL_PREFIXES + text}).encode("utf-8")
    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept, "User-Agent": USER_AGENT})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read()
    except urllib.error.HTTPError as err:
        detail = err.read(2000).decode("utf-8", "replace").strip()
        raise QueryError(f"{url} answered {err.code} {err.reason}: {detail}") from err
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise StoreError(f"{url}: could not reach the endpoint: {err}") from err
    seconds = time.perf_counter() - started
    try:
        if graph:
            triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
            _cap(len(triples), max_rows)
            return Result("graph", triples=triples, seconds=seconds)
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as err:
        raise QueryError(f"{url}: unreadable answer: {err}") from err
    if isinstance(parsed, ox.QueryBoolean):
        return Result("ask", boolean=bool(parsed), seconds=seconds)
    variables = [v.value for v in parsed.variables]
    rows = [tuple(s[v] for v in variables) for s in parsed]
    _cap(len(rows), max_rows)
    return Result("select", variables=variables, rows=rows, seconds=seconds)


def _cap(n: int, max_rows: int) -> None:
    if n > max_rows:
        raise QueryError(f"the query returns more than {max_rows} rows; add LIMIT/OFFSET to page through them")
