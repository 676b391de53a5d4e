"""Namespaces of the public data model and where the ontology files live."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import RdfError

PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/ecomkg/ontology#", "kgr": "https://w3id.org/ecomkg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#", "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/", "schema": "https://schema.org/",
}
# Prefixes for writing RDF only (Turtle answers of `kg query`/`kg serve`): with just `kgr:` a
# minted IRI is written `kgr:entity\/amazon`; one prefix per kind of minted resource writes it
# `entity:amazon`. Not added to queries, where a researcher's own prefixes must not clash.
WRITE_PREFIXES: dict[str, str] = {
    **PREFIXES, **{kind: f"{PREFIXES['kgr']}{kind}/" for kind in ("entity", "event", "doc", "span", "quantity")},
}
_NAMESPACES = {"KG": "kg", "KGR": "kgr", "SCHEMA": "schema"}


def __getattr__(name: str) -> Any:
    """`KG`, `KGR` and `SCHEMA` as rdflib Namespaces, made on first use so that importing
    this module (every command does) does not import rdflib."""
    if name in _NAMESPACES:
        from rdflib import Namespace

        value = Namespace(PREFIXES[_NAMESPACES[name]])
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def ontology_dir() -> Path:
    """The `ontology/` folder: beside the package in a checkout, inside it when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "ontology", here / "ontology_data"):
        if (candidate / "kg.ttl").exists():
            return candidate
    raise RdfError(f"ontology files (kg.ttl, shapes.ttl) not found in {here.parent / 'ontology'}; reinstall kg")


def ontology_path() -> Path:
    return ontology_dir() / "kg.ttl"


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"
