"""Namespaces of the public data model and where the ontology files live."""
from __future__ import annotations

from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .errors import RdfError

KG = Namespace("https://w3id.org/ecomkg/ontology#")
KGR = Namespace("https://w3id.org/ecomkg/id/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "kg": str(KG), "kgr": str(KGR), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS),
    "xsd": str(XSD), "owl": str(OWL), "prov": str(PROV), "dcterms": str(DCTERMS), "schema": str(SCHEMA),
}
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
