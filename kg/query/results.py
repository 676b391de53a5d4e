"""Query results and their W3C serialisations (SPARQL JSON, XML, CSV, TSV; RDF for graphs).

Results are collected (up to the row cap) in the worker and written here, so the same
rows answer the CLI, the Python API and the HTTP endpoint identically.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..errors import QueryError

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

SOLUTION_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                    "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                 "xml": ox.RdfFormat.RDF_XML}


@dataclass
class Result:
    """The answer to one query: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def __iter__(self) -> Iterator[dict[str, str | None]]:
        return iter(self.records())

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRI, literal value or blank node id; None when unbound)."""
        return [{v: (t.value if t is not None and not isinstance(t, ox.Triple) else (str(t) if t else None))
                 for v, t in zip(self.variables, row, strict=True)} for row in self.rows]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of `records()` (needs pandas installed)."""
        try:
            import pandas as pd
        except ImportError as err:
            raise QueryError("pandas is not installed; use Result.records() or `pip install pandas`") from err
        return pd.DataFrame(self.records(), columns=self.variables)

    def serialize(self, fmt: str) -> bytes:
        """The result in a named format: json xml csv tsv (solutions), ttl nt jsonld xml (graphs)."""
        if self.kind == "graph":
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a CONSTRUCT/DESCRIBE result can be written as {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
            return ox.serialize(self.triples, format=GRAPH_FORMATS[fmt], prefixes=_prefixes()) or b""
        writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}.get(fmt)
        if writer is None:
            raise QueryError(f"a SELECT/ASK result can be written as {', '.join(SOLUTION_FORMATS)}, not {fmt!r}")
        return writer(self).encode("utf-8")


def _prefixes() -> dict[str, str]:
    from ..vocab import WRITE_PREFIXES

    return WRITE_PREFIXES


def _json_term(t: Term) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                            "object": _json_term(t.object)}}
    out: dict = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != XSD_STRING:
        out["datatype"] = t.datatype.value
    return out


def _json(r: Result) -> str:
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(r.boolean)})
    bindings = [{v: _json_term(t) for v, t in zip(r.variables, row, strict=True) if t is not None} for row in r.rows]
    return json.dumps({"head": {"vars": r.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_term(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Triple):
        return f"<literal>{escape(str(t))}</literal>"
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
    if t.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
    return f"<literal>{escape(t.value)}</literal>"


def _xml(r: Result) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in r.variables]
    out.append("</head>")
    if r.kind == "ask":
        out.append(f"<boolean>{'true' if r.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in r.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(r.variables, row, strict=True) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out)


def _csv(r: Result) -> str:
    """SPARQL 1.1 CSV: plain values (IRIs and literal lexical forms), CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.kind == "ask":
        w.writerow(["_askResult"])
        w.writerow(["true" if r.boolean else "false"])
        return buf.getvalue()
    w.writerow(r.variables)
    for row in r.rows:
        w.writerow(["" if t is None else ("_:" + t.value if isinstance(t, ox.BlankNode) else
                                          str(t) if isinstance(t, ox.Triple) else t.value) for t in row])
    return buf.getvalue()


def _tsv(r: Result) -> str:
    """SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax, `?var` header."""
    if r.kind == "ask":
        return "?_askResult\n" + ("true" if r.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in r.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in r.rows]
    return "\n".join(lines) + "\n"
