"""The ontology declares every term of the public data model, bilingually, consistently."""
from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.validate import load_ontology, load_shapes
from kg.vocab import KG, SCHEMA

SH = "http://www.w3.org/ns/shacl#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
XSD_DATE, XSD_DECIMAL, XSD_INTEGER = (URIRef("http://www.w3.org/2001/XMLSchema#" + t) for t in ("date", "decimal", "integer"))

# The contract (DATA-MODEL.md), hard-coded on purpose: changing it is a breaking change.
CLASSES = [
    "Organization", "Company", "Platform", "GovernmentBody", "Person", "Policy", "Service",
    "Event", "Partnership", "PolicyChange", "Launch", "Discontinuation", "Enforcement",
    "FinancialResult", "Acquisition", "Investment", "Listing", "Layoff", "PersonnelChange", "PriceChange",
    "Recall", "ContractAward", "Bankruptcy", "Announcement", "Document", "Quantity", "Place",
]
EVENT_TYPES = CLASSES[8:24]
KG_PROPERTIES = [
    "operatedBy", "offeredOn", "subsidiaryOf", "partnerOf", "affiliatedWith", "actor", "participant",
    "affects", "about", "date", "effectiveDate", "figure", "source", "evidence", "confidence",
    "value", "unit", "measure", "period", "periodStart", "periodEnd", "market", "locatedIn",
]
EXTENSION_TERMS = ["role", "trigger", "evidenceSpan", "evidenceStart", "evidenceEnd", "EvidenceSpan"]
REUSED_PROPERTIES = [
    RDFS.label, SKOS.altLabel, SCHEMA.headline, SCHEMA.datePublished, SCHEMA.publisher, SCHEMA.author,
    SCHEMA.inLanguage, DCTERMS.source, SCHEMA.hasPart, SCHEMA.isPartOf,
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _labels(g: Graph, term: URIRef) -> dict[str, str]:
    return {lit.language: str(lit) for lit in g.objects(term, RDFS.label) if isinstance(lit, Literal)}


def test_ontology_has_header(onto: Graph) -> None:
    header = URIRef("https://w3id.org/ecomkg/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    for prop in (DCTERMS.title, OWL.versionInfo, DCTERMS.description):
        assert onto.value(header, prop) is not None, prop


def test_ontology_has_no_blank_nodes(onto: Graph) -> None:
    """Blank nodes get new ids on every parse, which would make builds differ run to run."""
    assert not [t for t in onto if any(isinstance(x, BNode) for x in t)]


@pytest.mark.parametrize("name", [*CLASSES, "EvidenceSpan"], ids=str)
def test_ontology_declares_class(onto: Graph, name: str) -> None:
    assert (KG[name], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("name", KG_PROPERTIES + EXTENSION_TERMS[:-1], ids=str)
def test_ontology_declares_property(onto: Graph, name: str) -> None:
    kinds = set(onto.objects(KG[name], RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, kinds


@pytest.mark.parametrize(
    "term", [KG[n] for n in CLASSES + KG_PROPERTIES + EXTENSION_TERMS] + REUSED_PROPERTIES,
    ids=lambda t: str(t).rsplit("/", 1)[-1].rsplit("#", 1)[-1],
)
def test_ontology_term_has_english_and_chinese_label_and_comment(onto: Graph, term: URIRef) -> None:
    labels = _labels(onto, term)
    assert labels.get("en"), labels
    assert any("\u4e00" <= ch <= "\u9fff" for ch in labels.get("zh", "")), labels
    assert onto.value(term, RDFS.comment) is not None


def test_ontology_every_kg_term_used_is_declared(onto: Graph) -> None:
    """A typo in a range or domain (kg:Organisation) would otherwise go unnoticed."""
    used = {x for t in onto for x in t if isinstance(x, URIRef) and str(x).startswith(str(KG))}
    undeclared = [u for u in used if (u, RDFS.label, None) not in onto]
    assert not undeclared


@pytest.mark.parametrize("name", ["Company", "Platform", "GovernmentBody"], ids=str)
def test_ontology_organisation_subclasses(onto: Graph, name: str) -> None:
    assert (KG[name], RDFS.subClassOf, KG.Organization) in onto


@pytest.mark.parametrize("name", EVENT_TYPES, ids=str)
def test_ontology_event_subclasses(onto: Graph, name: str) -> None:
    assert (KG[name], RDFS.subClassOf, KG.Event) in onto


@pytest.mark.parametrize(("sub", "sup"), [
    (KG.Organization, SCHEMA.Organization),
    (KG.Organization, URIRef(ORG + "Organization")),
    (KG.Person, SCHEMA.Person),
    (KG.Person, URIRef(PROV + "Agent")),
    (KG.Event, SCHEMA.Event),
    (KG.Document, SCHEMA.NewsArticle),
    (KG.Quantity, SCHEMA.QuantitativeValue),
], ids=lambda t: str(t).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
def test_ontology_class_alignments(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in onto


@pytest.mark.parametrize(("sub", "sup"), [
    (KG.subsidiaryOf, URIRef(ORG + "subOrganizationOf")),
    (KG.source, URIRef(PROV + "wasDerivedFrom")),
], ids=["subsidiaryOf", "source"])
def test_ontology_property_alignments(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subPropertyOf, sup) in onto


def test_ontology_partner_of_is_symmetric(onto: Graph) -> None:
    assert (KG.partnerOf, RDF.type, OWL.SymmetricProperty) in onto


def test_ontology_event_is_not_a_prov_activity(onto: Graph) -> None:
    """kg:source refines prov:wasDerivedFrom (entities only), and PROV makes Activity disjoint from Entity."""
    supers = set(onto.transitive_objects(KG.Event, RDFS.subClassOf))
    assert URIRef(PROV + "Activity") not in supers


@pytest.mark.parametrize(("prop", "range_"), [
    ("date", XSD_DATE), ("effectiveDate", XSD_DATE), ("confidence", XSD_DECIMAL), ("value", XSD_DECIMAL),
    ("evidenceStart", XSD_INTEGER), ("evidenceEnd", XSD_INTEGER), ("figure", KG.Quantity),
    ("source", KG.Document), ("offeredOn", KG.Platform), ("market", KG.Place), ("locatedIn", KG.Place),
    ("periodStart", XSD_DATE), ("periodEnd", XSD_DATE),
], ids=lambda x: str(x).rsplit("#", 1)[-1])
def test_ontology_ranges(onto: Graph, prop: str, range_: URIRef) -> None:
    assert (KG[prop], RDFS.range, range_) in onto


def test_ontology_subclass_paths_reach_organization(onto: Graph) -> None:
    """What researchers write: `?x a/rdfs:subClassOf* kg:Organization`."""
    q = "SELECT ?c WHERE { ?c rdfs:subClassOf* kg:Organization }"
    found = {row.c for row in onto.query(q, initNs={"rdfs": RDFS, "kg": KG})}
    assert {KG.Organization, KG.Company, KG.Platform, KG.GovernmentBody} <= found
    assert KG.Person not in found


def test_shapes_every_property_shape_is_named_and_has_message() -> None:
    shapes = load_shapes()
    prop_shapes = set(shapes.subjects(RDF.type, URIRef(SH + "PropertyShape")))
    assert len(prop_shapes) > 30
    for s in prop_shapes:
        assert isinstance(s, URIRef), s
        assert shapes.value(s, URIRef(SH + "message")) is not None, s
