"""Content negotiation for SPARQL results: Accept header or `format=` parameter -> format name."""
from __future__ import annotations

SOLUTIONS = {  # media type -> format name, in server preference order
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPHS = {
    "text/turtle": "ttl", "application/n-triples": "nt", "text/plain": "nt",
    "application/ld+json": "jsonld", "application/rdf+xml": "xml",
}
SOLUTION_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
               "xml": "application/rdf+xml"}
ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "rdfxml": "xml"}


def choose(accept: str | None, explicit: str | None, graph: bool) -> tuple[str, str]:
    """(format name, media type) for a result kind; defaults to JSON or Turtle."""
    table, types = (GRAPHS, GRAPH_TYPES) if graph else (SOLUTIONS, SOLUTION_TYPES)
    if explicit:
        name = ALIASES.get(explicit.lower(), explicit.lower())
        if name in types:
            return name, types[name]
        name = table.get(explicit.lower())
        if name:
            return name, types[name]
    ranked = [(-q, i, media) for i, (media, q) in enumerate(accept_ranges(accept))]
    for _, _, media in sorted(ranked):
        if media in table:
            return table[media], types[table[media]]
    default = "ttl" if graph else "json"
    return default, types[default]


def accept_ranges(accept: str | None) -> list[tuple[str, float]]:
    """(media type in lower case, its q weight) for each range of an Accept header, in order;
    a malformed q weighs 0."""
    out = []
    for part in (accept or "").split(","):
        media, *opts = [x.strip() for x in part.split(";")]
        q = 1.0
        for opt in opts:
            if opt.startswith("q="):
                try:
                    q = float(opt[2:])
                except ValueError:
                    q = 0.0
        out.append((media.lower(), q))
    return out
