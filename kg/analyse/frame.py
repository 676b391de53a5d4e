"""Query answers and facts as pandas DataFrames with typed columns.

A SPARQL answer's cells are RDF terms; researchers want dates they can resample and numbers
they can sum. Literals are converted by their datatype (xsd:date, xsd:dateTime, xsd:gYear,
xsd:gYearMonth -> datetime64; the integer types -> nullable Int64; decimal, double, float
-> float64; boolean -> boolean), IRIs and text stay strings, unbound cells are missing.
pandas is an optional extra (`pip install "kg[analysis]"`) imported only when called.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ..errors import KgError

XSD = "http://www.w3.org/2001/XMLSchema#"
DATES = {XSD + "date", XSD + "dateTime", XSD + "dateTimeStamp", XSD + "gYear", XSD + "gYearMonth"}
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
                              "unsignedByte")}
REALS = {XSD + "decimal", XSD + "double", XSD + "float"}
BOOLEAN = XSD + "boolean"


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise KgError('to_dataframe needs pandas, an optional extra: pip install "kg[analysis]" (or pip install pandas)') \
            from None
    return pd


def _date(text: str) -> dt.datetime | None:
    text = text.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return dt.datetime(int(text), 1, 1)
        if len(text) == 7 and text[4] == "-":
            return dt.datetime(int(text[:4]), int(text[5:]), 1)
        if len(text) >= 10 and "T" not in text:
            return dt.datetime.combine(dt.date.fromisoformat(text[:10]), dt.time())
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def typed(term: Any) -> Any:
    """A Python value for one RDF term: datetime, int, float, bool or str (None when unbound)."""
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value if hasattr(term, "value") else str(term)
    kind = term.datatype.value
    try:
        if kind in DATES:
            return _date(term.value) or term.value
        if kind in INTEGERS:
            return int(term.value)
        if kind in REALS:
            return float(Decimal(term.value)) if kind == XSD + "decimal" else float(term.value)
        if kind == BOOLEAN:
            return term.value.strip() in ("true", "1")
    except (ValueError, InvalidOperation):
        return term.value
    return term.value


def _column(pd: Any, values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, dt.datetime) for v in present):
        return pd.to_datetime(pd.Series(values, dtype="object"))
    if present and all(isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="boolean")
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="Int64")
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    return pd.Series(values, dtype="object")


def result_frame(result: Any) -> Any:
    """A DataFrame of a SELECT result (one typed column per variable)."""
    pd = _pandas()
    if result.kind != "select":
        raise KgError(f"to_dataframe takes a SELECT answer; this one is {result.kind.upper()}")
    columns = {var: _column(pd, [typed(row[i]) for row in result.rows]) for i, var in enumerate(result.variables)}
    return pd.DataFrame(columns, columns=list(result.variables))


FACT_COLUMNS = ("source", "source_label", "source_kind", "relation", "target", "target_label", "target_kind",
                "event", "date", "evidence", "documents")


def facts_frame(graph: nx.MultiDiGraph) -> Any:
    """One row per fact of the entity graph, `date` as datetime, `documents` as a count-able list."""
    pd = _pandas()
    rows: dict[str, list[Any]] = {c: [] for c in FACT_COLUMNS}
    for u, v, data in graph.edges(data=True):
        nu, nv = graph.nodes[u], graph.nodes[v]
        values = (u, nu.get("label"), nu.get("kind"), data.get("relation"), v, nv.get("label"), nv.get("kind"),
                  data.get("event"), _date(data["date"]) if data.get("date") else None, data.get("evidence"),
                  list(data.get("documents", ())))
        for name, value in zip(FACT_COLUMNS, values, strict=True):
            rows[name].append(value)
    columns = {c: (_column(pd, rows[c]) if c == "date" else pd.Series(rows[c], dtype="object")) for c in FACT_COLUMNS}
    if not rows["date"] or all(d is None for d in rows["date"]):
        columns["date"] = pd.Series(rows["date"], dtype="datetime64[ns]")
    return pd.DataFrame(columns, columns=list(FACT_COLUMNS))


def to_dataframe(data: Any, query: str | None = None, params: dict[str, str] | None = None, **options: Any) -> Any:
    """A typed pandas DataFrame of a query answer or of a build's facts.

    - `to_dataframe(result)`: a `kg.query(...)` SELECT answer;
    - `to_dataframe(source, "SELECT ..." or canned name, params)`: runs the query first
      (`source` as for `kg.query`: build or store folder, RDF file, endpoint URL, Engine);
    - `to_dataframe(graph)` or `to_dataframe(source)`: every fact between two entities.
    """
    if hasattr(data, "rows") and hasattr(data, "variables"):
        return result_frame(data)
    if isinstance(data, nx.Graph):
        return facts_frame(data)
    if query is not None:
        from ..query import query as run_query

        return result_frame(run_query(data, query, params, **options))
    from .graph import to_networkx

    return facts_frame(to_networkx(data))


__all__ = ["facts_frame", "result_frame", "to_dataframe", "typed"]
