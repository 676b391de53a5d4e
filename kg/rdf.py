"""Model -> RDF quads: the public data model, one named graph per document, stable IRIs.

IRIs are minted from hashes of stable keys (never from document text pasted raw), and no
blank nodes are used, so the same input gives byte-identical sorted N-Quads on every run.
The quads are made as N-Quads text (`kg.nquads`): each IRI once, as a pyoxigraph term, then
kept as its text; every literal through `kg.nquads.quoted`, never pasted raw.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox

from . import nquads as nq
from .ingest.paths import storable
from .model import Document, Entity, Event, EventMention, Figure, Mention, Resolved
from .nquads import QuadText
from .vocab import PREFIXES, ontology_path

KG, KGR, SCHEMA = PREFIXES["kg"], PREFIXES["kgr"], PREFIXES["schema"]  # IRI strings (no rdflib needed)

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
DCT_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_DATE, XSD_DATETIME = ox.NamedNode(XSD + "date"), ox.NamedNode(XSD + "dateTime")
XSD_DECIMAL, XSD_INTEGER = ox.NamedNode(XSD + "decimal"), ox.NamedNode(XSD + "integer")
LEXICON_GRAPH = ox.NamedNode(str(KGR) + "graph/lexicon")
FALLBACK_UNIT = "count"  # a plain number whose unit the text does not tell
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1024)
def kg(local: str) -> ox.NamedNode:
    return ox.NamedNode(str(KG) + local)


@lru_cache(maxsize=1024)
def schema(local: str) -> ox.NamedNode:
    return ox.NamedNode(str(SCHEMA) + local)


def _digest(*parts: str) -> str:
    """A short hash of the parts' bytes; a file name that is not UTF-8 (lone surrogates from
    the file system) hashes as its raw bytes."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:20]


@lru_cache(maxsize=4096)  # a document's IRI names its graph: asked for once per quad of the document
def doc_iri(doc_key: str) -> ox.NamedNode:
    return ox.NamedNode(f"{KGR}doc/{_digest('doc', doc_key)}")


@lru_cache(maxsize=1 << 16)  # the same entities are named in document after document
def entity_iri(key: str) -> ox.NamedNode:
    """Lexicon ids (curated ascii slugs) are readable; discovered names are hashed."""
    local = key if _SLUG.match(key) else "x" + _digest("entity", key)
    return ox.NamedNode(f"{KGR}entity/{local}")


def event_iri(key: str) -> ox.NamedNode:
    return ox.NamedNode(f"{KGR}event/{key}")


def span_iri(event_key: str, rep: EventMention) -> ox.NamedNode:
    return ox.NamedNode(f"{KGR}span/{_digest(event_key, rep.doc_key, str(rep.start), str(rep.end))}")


def quantity_iri(event_key: str, f: Figure) -> ox.NamedNode:
    return ox.NamedNode(f"{KGR}quantity/{_digest(event_key, _decimal_text(f.value), f.unit)}")


def _decimal_text(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if "." not in text:
        text += ".0"
    return text


def date_literal(iso: str) -> ox.Literal:
    return ox.Literal(iso, datatype=XSD_DATETIME if "T" in iso else XSD_DATE)


def _label(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh" if _CJK.search(text) else "en")


def ontology_quads() -> list[ox.Quad]:
    """The ontology triples, in the default graph, so rdfs:subClassOf* works without a reasoner."""
    triples = ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    return [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]


# -- the same terms as N-Quads text (kg.nquads): what the quads below are made of ------------
@lru_cache(maxsize=1024)
def _kg(local: str) -> str:
    return str(kg(local))


@lru_cache(maxsize=1024)
def _schema(local: str) -> str:
    return str(schema(local))


@lru_cache(maxsize=4096)
def doc_ref(doc_key: str) -> str:
    """A document's IRI as N-Quads text."""
    return str(doc_iri(doc_key))


@lru_cache(maxsize=1 << 16)
def entity_ref(key: str) -> str:
    """An entity's IRI as N-Quads text."""
    return str(entity_iri(key))


def _date(iso: str) -> str:
    return f"{nq.quoted(iso)}^^{T_DATETIME if 'T' in iso else T_DATE}"


T_DATE, T_DATETIME = str(XSD_DATE), str(XSD_DATETIME)
T_TYPE, T_LABEL, T_ALT, T_SOURCE = str(RDF_TYPE), str(RDFS_LABEL), str(SKOS_ALT), str(DCT_SOURCE)
T_DECIMAL, T_INTEGER = str(XSD_DECIMAL), str(XSD_INTEGER)
T_LEXICON = str(LEXICON_GRAPH)


class QuadWriter:
    """Turns documents and the resolved graph into quads, grouped by document. Each quad is
    made as text (`kg.nquads.QuadText`: the graph's text and the quad's), never as a
    pyoxigraph object; `kg.nquads.to_quads` makes objects of them where one is needed."""

    def __init__(self, resolved: Resolved) -> None:
        self.r = resolved
        # grouped once: per-document look-ups must not scan the whole corpus (quadratic at scale)
        self.mentioned_by_doc: dict[str, set[str]] = {}
        for (dk, _, _), key in resolved.mention_keys.items():
            self.mentioned_by_doc.setdefault(dk, set()).add(key)
        self.relations_by_doc: dict[str, list[tuple[str, str, str]]] = {}
        for subj, prop, obj, dk in resolved.relations:
            self.relations_by_doc.setdefault(dk, []).append((subj, prop, obj))
        self._described: dict[str, list[str]] = {}  # an entity's description (triples' text), made once

    # -- entities -----------------------------------------------------------------
    def entity_description(self, ent: Entity, g: str) -> Iterator[QuadText]:
        """The entity's types and labels in graph `g` (its text)."""
        triples = self._described.get(ent.key)
        if triples is None:
            s = entity_ref(ent.key)
            triples = [f"{s} {T_TYPE} {_kg(t)}" for t in sorted(ent.types)]
            if ent.label_zh:
                triples.append(f"{s} {T_LABEL} {nq.literal(ent.label_zh, language='zh')}")
            if ent.label_en:
                triples.append(f"{s} {T_LABEL} {nq.literal(ent.label_en, language='en')}")
            self._described[ent.key] = triples
        for t in triples:
            yield g, f"{t} {g}"

    def document_quads(self, doc: Document, extra_entities: Iterable[str] = ()) -> Iterator[QuadText]:
        g = d = doc_ref(doc.key)
        yield g, f"{d} {T_TYPE} {_kg('Document')} {g}"
        yield g, f"{d} {T_TYPE} {_schema('NewsArticle')} {g}"
        where = storable(doc.source_path + (f"#{doc.position}" if doc.position else ""))
        yield g, f"{d} {T_SOURCE} {nq.quoted(where)} {g}"
        yield g, f"{d} {_schema('inLanguage')} {nq.quoted(doc.lang)} {g}"
        if doc.headline:
            yield g, f"{d} {_schema('headline')} {nq.quoted(doc.headline)} {g}"
        if doc.date_published:
            yield g, f"{d} {_schema('datePublished')} {_date(doc.date_published)} {g}"
        if doc.url:
            yield g, f"{d} {_schema('url')} {nq.quoted(doc.url)} {g}"
        if doc.parent_key:
            yield g, f"{d} {_schema('isPartOf')} {doc_ref(doc.parent_key)} {g}"
        pub = self.r.publishers.get(doc.key)
        if pub and pub in self.r.entities:
            yield g, f"{d} {_schema('publisher')} {entity_ref(pub)} {g}"
        for key in self.r.authors.get(doc.key, ()):
            if key in self.r.entities:
                yield g, f"{d} {_schema('author')} {entity_ref(key)} {g}"
        # entities this document names or relies on
        mentioned = self.mentioned_by_doc.get(doc.key, set())
        described = mentioned | set(extra_entities)
        if doc.key in self.r.publishers:
            described.add(self.r.publishers[doc.key])
        described.update(self.r.authors.get(doc.key, ()))
        source, mentions = _kg("source"), _schema("mentions")
        for key in sorted(described):
            ent = self.r.entities.get(key)
            if ent is None:
                continue
            yield from self.entity_description(ent, g)
            e = entity_ref(key)
            yield g, f"{e} {source} {d} {g}"
            if key in mentioned:
                yield g, f"{d} {mentions} {e} {g}"

    # -- relations and events ----------------------------------------------------
    def relation_quads(self, doc_key: str) -> Iterator[QuadText]:
        g = doc_ref(doc_key)
        for subj, prop, obj in self.relations_by_doc.get(doc_key, ()):
            if subj not in self.r.entities:
                continue
            if prop == "role":
                yield g, f"{entity_ref(subj)} {_kg('role')} {nq.quoted(obj)} {g}"
            elif obj in self.r.entities and _fits(prop, self.r.entities[subj].types, self.r.entities[obj].types):
                yield g, f"{entity_ref(subj)} {_kg(prop)} {entity_ref(obj)} {g}"
                if prop == "partnerOf":
                    yield g, f"{entity_ref(obj)} {_kg(prop)} {entity_ref(subj)} {g}"

    def event_quads(self, ev: Event, rep: EventMention) -> Iterator[QuadText]:
        g = doc_ref(rep.doc_key)
        e = str(event_iri(ev.key))
        evidence = nq.quoted(rep.evidence)
        yield g, f"{e} {T_TYPE} {_kg(ev.type)} {g}"
        yield g, f"{e} {_kg('source')} {g} {g}"
        yield g, f"{e} {_kg('evidence')} {evidence} {g}"
        yield g, f"{e} {_kg('confidence')} {nq.quoted(f'{ev.confidence:.3f}')}^^{T_DECIMAL} {g}"
        if rep.trigger:
            yield g, f"{e} {_kg('trigger')} {nq.quoted(rep.trigger)} {g}"
        if 0 <= rep.start < rep.end:  # where this report's sentence sits in its document
            span = str(span_iri(ev.key, rep))
            yield g, f"{e} {_kg('evidenceSpan')} {span} {g}"
            yield g, f"{span} {T_TYPE} {_kg('EvidenceSpan')} {g}"
            yield g, f"{span} {_kg('source')} {g} {g}"
            yield g, f"{span} {_kg('evidence')} {evidence} {g}"
            yield g, f"{span} {_kg('evidenceStart')} {nq.quoted(str(rep.start))}^^{T_INTEGER} {g}"
            yield g, f"{span} {_kg('evidenceEnd')} {nq.quoted(str(rep.end))}^^{T_INTEGER} {g}"
        for prop, mentions in (("actor", rep.actors), ("participant", rep.participants),
                               ("affects", rep.affects), ("about", rep.about), ("market", rep.markets)):
            for m in mentions:
                if key := self._party_key(rep, m, prop):
                    yield g, f"{e} {_kg(prop)} {entity_ref(key)} {g}"
        if ev.type == "Partnership":  # every party is a participant, the actor too
            for m in rep.actors:
                if key := self._party_key(rep, m, "participant"):
                    yield g, f"{e} {_kg('participant')} {entity_ref(key)} {g}"
        if rep.role and ev.type == "PersonnelChange":
            yield g, f"{e} {_kg('role')} {nq.quoted(rep.role)} {g}"
        if rep.date:
            yield g, f"{e} {_kg('date')} {_date(rep.date[:10])} {g}"
        if rep.effective_date:
            yield g, f"{e} {_kg('effectiveDate')} {_date(rep.effective_date[:10])} {g}"
        for f in rep.figures:
            q = str(quantity_iri(ev.key, f))
            yield g, f"{e} {_kg('figure')} {q} {g}"
            yield g, f"{q} {T_TYPE} {_kg('Quantity')} {g}"
            yield g, f"{q} {_kg('value')} {nq.quoted(_decimal_text(f.value))}^^{T_DECIMAL} {g}"
            yield g, f"{q} {_kg('unit')} {nq.quoted(f.unit or FALLBACK_UNIT)} {g}"
            yield g, f"{q} {T_LABEL} {nq.quoted(f.text)} {g}"
            if f.measure:
                yield g, f"{q} {_kg('measure')} {nq.quoted(f.measure)} {g}"
            if f.period:
                yield g, f"{q} {_kg('period')} {nq.quoted(f.period)} {g}"
            if f.period_start and f.period_end and f.period_start <= f.period_end:
                yield g, f"{q} {_kg('periodStart')} {_date(f.period_start)} {g}"
                yield g, f"{q} {_kg('periodEnd')} {_date(f.period_end)} {g}"

    def _party_key(self, rep: EventMention, m: Mention, prop: str) -> str | None:
        """The entity a report's party resolved to, when the property may point at its type."""
        key = self.r.mention_keys.get((rep.doc_key, m.start, m.end))
        if key and key in self.r.entities and _fits(prop, set(), self.r.entities[key].types):
            return key
        return None

    def lexicon_quads(self) -> Iterator[QuadText]:
        """What the gazetteer knows a priori (aliases, operators, owners), in its own graph."""
        g = T_LEXICON
        for subj, prop, obj in self.r.lexicon_relations:
            if subj in self.r.entities and obj in self.r.entities:
                yield g, f"{entity_ref(subj)} {_kg(prop)} {entity_ref(obj)} {g}"
                yield from self.entity_description(self.r.entities[obj], g)
                yield from self.entity_description(self.r.entities[subj], g)
        for key in sorted(self.r.entities):
            ent = self.r.entities[key]
            if not ent.sources:  # pulled in by a lexicon relation only
                yield from self.entity_description(ent, g)

    def alt_label_quads(self, first_doc: dict[str, str]) -> Iterator[tuple[str | None, QuadText]]:
        """Every other name of each entity, in the graph of the first document that names it."""
        for key in sorted(self.r.entities):
            dk = first_doc.get(key)
            g = doc_ref(dk) if dk else T_LEXICON
            for alt in sorted(self.r.entities[key].alt_labels):
                yield dk, (g, f"{entity_ref(key)} {T_ALT} {nq.quoted(alt)} {g}")


_PARTY = {"Organization", "Company", "Platform", "GovernmentBody", "Person"}
_ORG = {"Organization", "Company", "Platform", "GovernmentBody"}
# what the object (and, for relations, the subject) of each property may be, as the shapes require: a place
# named at the same words as a party (赣州市) is a market or a seat, never a party
_OBJECT_TYPES = {"actor": _PARTY, "affects": _PARTY, "participant": _ORG, "about": {"Policy", "Service"},
                 "market": {"Place"}, "locatedIn": {"Place"}, "partnerOf": _ORG, "subsidiaryOf": _ORG,
                 "affiliatedWith": _ORG, "operatedBy": _ORG, "offeredOn": {"Platform"}}
_SUBJECT_TYPES = {"locatedIn": _ORG, "partnerOf": _ORG, "subsidiaryOf": _ORG, "affiliatedWith": {"Person"}}


def _fits(prop: str, subject_types: set[str], object_types: set[str]) -> bool:
    """True when the entities' types allow the property (subject types unchecked when empty)."""
    if prop in _OBJECT_TYPES and not object_types & _OBJECT_TYPES[prop]:
        return False
    return not (subject_types and prop in _SUBJECT_TYPES and not subject_types & _SUBJECT_TYPES[prop])


def dataset_quads(documents: list[Document], resolved: Resolved) -> Iterator[tuple[str | None, QuadText]]:
    """All quads of a build as text, each paired with the key of the document it belongs to
    (None: shared); `kg.nquads.to_quads` makes pyoxigraph quads of them."""
    w = QuadWriter(resolved)
    for q in ontology_quads():
        yield None, nq.quad_text(q)
    events_by_doc: dict[str, list[tuple[Event, EventMention]]] = {}
    for ev in resolved.events.values():
        for rep in ev.reports:
            events_by_doc.setdefault(rep.doc_key, []).append((ev, rep))
    yield from document_group_quads(w, documents, events_by_doc)
    yield from shared_quads(w)


def document_group_quads(w: QuadWriter, documents: Iterable[Document],
                         events_by_doc: dict[str, list[tuple[Event, EventMention]]]) -> Iterator[tuple[str, QuadText]]:
    """The quads of a group of documents (whole files: a container and its items together),
    from a writer whose per-document tables (mention keys, relations, publishers, authors)
    cover at least these documents; `events_by_doc` pairs each of their reports with its event."""
    related: dict[str, set[str]] = {}
    for subj, prop, obj, dk in w.r.relations:
        related.setdefault(dk, set()).update({subj} if prop == "role" else {subj, obj})
    documents = list(documents)
    children: dict[str, list[str]] = {}
    for doc in documents:
        if doc.parent_key:
            children.setdefault(doc.parent_key, []).append(doc.key)
    has_part = _schema("hasPart")
    for doc in documents:
        for q in w.document_quads(doc, related.get(doc.key, ())):
            yield doc.key, q
        g = doc_ref(doc.key)
        for child in children.get(doc.key, ()):
            yield doc.key, (g, f"{g} {has_part} {doc_ref(child)} {g}")
        for q in w.relation_quads(doc.key):
            yield doc.key, q
        for ev, rep in events_by_doc.get(doc.key, ()):
            for q in w.event_quads(ev, rep):
                yield doc.key, q


def shared_quads(w: QuadWriter) -> Iterator[tuple[str | None, QuadText]]:
    """The quads that need every entity: lexicon knowledge (shared) and each entity's other
    names (in the graph of the first document naming it)."""
    for q in w.lexicon_quads():
        yield None, q
    first_doc: dict[str, str] = {}
    for ent in w.r.entities.values():
        if ent.sources:
            first_doc[ent.key] = min(ent.sources)
    yield from w.alt_label_quads(first_doc)


def nquads_lines(quads: Iterable[QuadText | ox.Quad]) -> list[str]:
    """Sorted, de-duplicated N-Quads lines: the canonical, diff-able form of a build."""
    return sorted({f"{nq.as_text(q)[1]} .\n" for q in quads})


def prefixes() -> dict[str, str]:
    return dict(PREFIXES)
