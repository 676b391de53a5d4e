"""SHACL validation of built graphs against `ontology/shapes.ttl`.

The union of all named graphs is validated as one graph, with the ontology added when
it is missing, because the shapes follow rdfs:subClassOf (a kg:Company is a
kg:Organization) and a fact may sit in one document's graph while the types of its
nodes sit in another's.
"""
from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from .errors import KgError, ValidationError
from .vocab import PREFIXES, ontology_path, shapes_path

ONTOLOGY_IRI = URIRef("https://w3id.org/ecomkg/ontology")

# File suffix -> rdflib parser name; quad formats carry named graphs.
FORMATS: dict[str, str] = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt"}
QUAD_FORMATS = {"nquads", "trig"}

# Longest namespace first, so kgsh: wins over a shorter namespace it starts with.
_DISPLAY_PREFIXES = sorted(
    [*PREFIXES.items(), ("sh", str(SH)), ("kgsh", "https://w3id.org/ecomkg/shapes#")],
    key=lambda pn: -len(pn[1]),
)


@dataclass(frozen=True)
class Violation:
    """One SHACL result, reduced to what a researcher needs to find and fix it."""

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shape: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.focus}{where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """Outcome of validating one graph: conforms, its violations and how much was checked."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    focus_nodes: int = 0  # distinct nodes targeted by some shape
    triples: int = 0

    def summary(self) -> str:
        if self.conforms:
            return f"conforms: {self.focus_nodes} nodes checked ({self.triples} triples)"
        n = len(self.violations)
        return f"{n} violation{'s' if n != 1 else ''} in {self.focus_nodes} nodes checked ({self.triples} triples)"


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return _parse_file(ontology_path(), "turtle")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return _parse_file(shapes_path(), "turtle")


def load_ontology() -> Graph:
    """The ontology (`ontology/kg.ttl`) as a fresh rdflib graph the caller may change."""
    g = Graph()
    g += _ontology()
    return g


def load_shapes() -> Graph:
    """The SHACL shapes (`ontology/shapes.ttl`) as a fresh rdflib graph."""
    g = Graph()
    g += _shapes()
    return g


def _parse_file(path: Path, fmt: str) -> Graph:
    """Parse a triple file, turning every parser failure into a ValidationError naming it."""
    if not path.is_file():
        raise ValidationError(f"{path}: no such file")
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many unrelated types for bad syntax
        raise ValidationError(f"{path}: cannot parse as {fmt}: {e}") from e
    return g


def load_graph(path: Path) -> Graph:
    """Read a graph file (.nq .trig .ttl .nt) into one graph: the union of all its graphs."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValidationError(f"{path}: unknown graph format; use one of {', '.join(sorted(FORMATS))}")
    if fmt not in QUAD_FORMATS:
        return _parse_file(path, fmt)
    if not path.is_file():
        raise ValidationError(f"{path}: no such file")
    ds = Dataset()
    try:
        with warnings.catch_warnings():  # rdflib's own quad parsers use its deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(path, format=fmt)
    except Exception as e:
        raise ValidationError(f"{path}: cannot parse as {fmt}: {e}") from e
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate(path: Path) -> ValidationReport:
    """Validate a graph file; raises ValidationError when it is missing or unreadable."""
    return _run(load_graph(Path(path)))


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate an in-memory graph (a Dataset is validated as the union of its graphs)."""
    return _run(graph)


def _run(graph: Graph) -> ValidationReport:
    from pyshacl import validate as shacl_validate  # slow import; only when validating

    data = graph
    if isinstance(graph, Dataset) or (ONTOLOGY_IRI, RDF.type, OWL.Ontology) not in graph:
        data = Graph()
        if isinstance(graph, Dataset):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                for s, p, o, _ in graph.quads((None, None, None, None)):
                    data.add((s, p, o))
        else:
            data += graph
        data += _ontology()  # a copy: the caller's graph is never changed
    shapes = _shapes()
    try:
        conforms, results, _ = shacl_validate(
            data, shacl_graph=shapes, inference="none", advanced=False,
            abort_on_first=False, allow_infos=False, allow_warnings=False,
        )
    except Exception as e:  # pyshacl reports broken shapes or data as assorted exceptions
        if isinstance(e, KgError):
            raise
        raise ValidationError(f"SHACL validation could not run: {e}") from e
    violations = _violations(results)
    return ValidationReport(
        conforms=bool(conforms), violations=violations,
        focus_nodes=_count_focus_nodes(data, shapes), triples=len(data),
    )


def _short(iri: str) -> str:
    """`kgr:event/e2` rather than the full IRI: shorter to read, same meaning."""
    for prefix, ns in _DISPLAY_PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _text(node: Node | None) -> str | None:
    """A node as a researcher reads it: prefixed IRI, or the literal with its type/language."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return _short(str(node))
    if isinstance(node, Literal):
        text = json.dumps(str(node), ensure_ascii=False)
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^{_short(str(node.datatype))}"
        return text
    return f"_:{node}"


def _path_text(results: Graph, path: Node | None) -> str | None:
    """A SHACL path in SPARQL property-path syntax (`^kg:partnerOf` for an inverse path)."""
    if path is None or isinstance(path, URIRef):
        return _text(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (_path_text(results, inverse) or "")
    return "(complex path)"


def _violations(results: Graph) -> list[Violation]:
    out: list[Violation] = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(r, SH.sourceShape)
        severity = results.value(r, SH.resultSeverity)
        message = results.value(r, SH.resultMessage)
        out.append(Violation(
            focus=_text(results.value(r, SH.focusNode)) or "",
            path=_path_text(results, results.value(r, SH.resultPath)),
            value=_text(results.value(r, SH.value)),
            message=str(message) if message is not None else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            shape=_text(shape) if isinstance(shape, URIRef) else "(anonymous shape)",
        ))
    out.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return out


def _count_focus_nodes(data: Graph, shapes: Graph) -> int:
    """Distinct nodes some shape targets, so a summary says how much was actually checked."""
    nodes: set[Node] = set()
    for cls in set(shapes.objects(None, SH.targetClass)):
        for c in data.transitive_subjects(RDFS.subClassOf, cls):
            nodes.update(data.subjects(RDF.type, c))
    for prop in set(shapes.objects(None, SH.targetSubjectsOf)):
        nodes.update(data.subjects(prop, None))
    for prop in set(shapes.objects(None, SH.targetObjectsOf)):
        nodes.update(data.objects(None, prop))
    return len(nodes)
