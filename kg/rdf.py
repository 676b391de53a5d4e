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
from itertools import chain, repeat

import pyoxigraph as ox

from . import nquads as nq
from .external_sort import distinct
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


@lru_cache(maxsize=4096)  # a corpus's reports and figures name the same few thousand days
def _date(iso: str) -> str:
    return f"{nq.quoted(iso)}^^{T_DATETIME if 'T' in iso else T_DATE}"


T_DATE, T_DATETIME = str(XSD_DATE), str(XSD_DATETIME)
T_TYPE, T_LABEL, T_ALT, T_SOURCE = str(RDF_TYPE), str(RDFS_LABEL), str(SKOS_ALT), str(DCT_SOURCE)
T_DECIMAL, T_INTEGER = str(XSD_DECIMAL), str(XSD_INTEGER)
T_LEXICON = str(LEXICON_GRAPH)
# the properties of the quads made per document and per event report, as text once per process
P_SOURCE, P_EVIDENCE, P_CONFIDENCE, P_TRIGGER = _kg("source"), _kg("evidence"), _kg("confidence"), _kg("trigger")
P_SPAN, P_SPAN_START, P_SPAN_END = _kg("evidenceSpan"), _kg("evidenceStart"), _kg("evidenceEnd")
P_ROLE, P_DATE, P_EFFECTIVE, P_FIGURE = _kg("role"), _kg("date"), _kg("effectiveDate"), _kg("figure")
P_VALUE, P_UNIT, P_MEASURE, P_PERIOD = _kg("value"), _kg("unit"), _kg("measure"), _kg("period")
P_PERIOD_START, P_PERIOD_END, P_PARTICIPANT = _kg("periodStart"), _kg("periodEnd"), _kg("participant")
P_ACTOR, P_AFFECTS, P_ABOUT, P_MARKET = _kg("actor"), _kg("affects"), _kg("about"), _kg("market")
C_DOCUMENT, C_SPAN, C_QUANTITY = _kg("Document"), _kg("EvidenceSpan"), _kg("Quantity")
S_NEWS, S_IN_LANGUAGE, S_HEADLINE, S_PUBLISHED = (_schema("NewsArticle"), _schema("inLanguage"), _schema("headline"),
                                                  _schema("datePublished"))
S_URL, S_PART_OF, S_HAS_PART, S_PUBLISHER = _schema("url"), _schema("isPartOf"), _schema("hasPart"), _schema("publisher")
S_AUTHOR, S_MENTIONS = _schema("author"), _schema("mentions")


class QuadWriter:
    """Turns documents and the resolved graph into quads, grouped by document. Each quad is
    made as text (`kg.nquads.QuadText`: the graph's text and the quad's), never as a
    pyoxigraph object; `kg.nquads.to_quads` makes objects of them where one is needed.
    The per-document methods append to a list rather than yield: a build makes hundreds of
    thousands of quads, and a generator resumed per quad cost more than making its text."""

    def __init__(self, resolved: Resolved) -> None:
        self.r = resolved
        # grouped once: per-document look-ups must not scan the whole corpus (quadratic at scale)
        self.mentioned_by_doc: dict[str, set[str]] = {}
        last, keys = None, set()
        for (dk, _, _), key in resolved.mention_keys.items():
            if dk != last:  # (a document's keys come together: its set is looked up once, not per mention)
                last, keys = dk, self.mentioned_by_doc.setdefault(dk, set())
            keys.add(key)
        self.relations_by_doc: dict[str, list[tuple[str, str, str]]] = {}
        for subj, prop, obj, dk in resolved.relations:
            self.relations_by_doc.setdefault(dk, []).append((subj, prop, obj))
        self._described: dict[str, list[str]] = {}  # an entity's description (triples' text), made once
        self._event_heads: dict[str, tuple[str, str, str]] = {}  # an event's IRI, type and confidence triples

    # -- entities -----------------------------------------------------------------
    def _description(self, ent: Entity) -> list[str]:
        """The entity's types and labels as triples' text (no graph)."""
        triples = self._described.get(ent.key)
        if triples is None:
            s = entity_ref(ent.key)
            triples = [f"{s} {T_TYPE} {_kg(t)}" for t in sorted(ent.types)]
            if ent.label_zh:
                triples.append(f"{s} {T_LABEL} {nq.literal(ent.label_zh, language='zh')}")
            if ent.label_en:
                triples.append(f"{s} {T_LABEL} {nq.literal(ent.label_en, language='en')}")
            self._described[ent.key] = triples
        return triples

    def entity_description(self, ent: Entity, g: str) -> Iterator[QuadText]:
        """The entity's types and labels in graph `g` (its text)."""
        for t in self._description(ent):
            yield g, f"{t} {g}"

    def document_quads(self, doc: Document, extra_entities: Iterable[str] = ()) -> list[QuadText]:
        g = d = doc_ref(doc.key)
        out = [(g, f"{d} {T_TYPE} {C_DOCUMENT} {g}"), (g, f"{d} {T_TYPE} {S_NEWS} {g}")]
        add = out.append
        where = storable(doc.source_path + (f"#{doc.position}" if doc.position else ""))
        add((g, f"{d} {T_SOURCE} {nq.quoted(where)} {g}"))
        add((g, f"{d} {S_IN_LANGUAGE} {nq.quoted(doc.lang)} {g}"))
        if doc.headline:
            add((g, f"{d} {S_HEADLINE} {nq.quoted(doc.headline)} {g}"))
        if doc.date_published:
            add((g, f"{d} {S_PUBLISHED} {_date(doc.date_published)} {g}"))
        if doc.url:
            add((g, f"{d} {S_URL} {nq.quoted(doc.url)} {g}"))
        if doc.parent_key:
            add((g, f"{d} {S_PART_OF} {doc_ref(doc.parent_key)} {g}"))
        entities = self.r.entities
        pub = self.r.publishers.get(doc.key)
        if pub and pub in entities:
            add((g, f"{d} {S_PUBLISHER} {entity_ref(pub)} {g}"))
        authors = self.r.authors.get(doc.key, ())
        for key in authors:
            if key in entities:
                add((g, f"{d} {S_AUTHOR} {entity_ref(key)} {g}"))
        # entities this document names or relies on
        mentioned = self.mentioned_by_doc.get(doc.key, set())
        described = mentioned | set(extra_entities)
        if doc.key in self.r.publishers:
            described.add(self.r.publishers[doc.key])
        described.update(authors)
        for key in sorted(described):
            ent = entities.get(key)
            if ent is None:
                continue
            for t in self._description(ent):
                add((g, f"{t} {g}"))
            e = entity_ref(key)
            add((g, f"{e} {P_SOURCE} {d} {g}"))
            if key in mentioned:
                add((g, f"{d} {S_MENTIONS} {e} {g}"))
        return out

    # -- relations and events ----------------------------------------------------
    def relation_quads(self, doc_key: str) -> list[QuadText]:
        g = doc_ref(doc_key)
        out: list[QuadText] = []
        entities = self.r.entities
        for subj, prop, obj in self.relations_by_doc.get(doc_key, ()):
            if subj not in entities:
                continue
            if prop == "role":
                out.append((g, f"{entity_ref(subj)} {P_ROLE} {nq.quoted(obj)} {g}"))
            elif obj in entities and _fits(prop, entities[subj].types, entities[obj].types):
                out.append((g, f"{entity_ref(subj)} {_kg(prop)} {entity_ref(obj)} {g}"))
                if prop == "partnerOf":
                    out.append((g, f"{entity_ref(obj)} {_kg(prop)} {entity_ref(subj)} {g}"))
        return out

    def event_quads(self, ev: Event, rep: EventMention, out: list[QuadText] | None = None) -> list[QuadText]:
        """The quads of one report of event `ev`, appended to `out` (a new list without one)."""
        if out is None:
            out = []
        add = out.append
        g = doc_ref(rep.doc_key)
        head = self._event_heads.get(ev.key)
        if head is None:  # what every report of the event says alike, made once
            e = str(event_iri(ev.key))
            head = self._event_heads[ev.key] = (e, f"{e} {T_TYPE} {_kg(ev.type)}",
                                                f"{e} {P_CONFIDENCE} {nq.quoted(f'{ev.confidence:.3f}')}^^{T_DECIMAL}")
        e, typed, confidence = head
        evidence = nq.quoted(rep.evidence)
        add((g, f"{typed} {g}"))
        add((g, f"{e} {P_SOURCE} {g} {g}"))
        add((g, f"{e} {P_EVIDENCE} {evidence} {g}"))
        add((g, f"{confidence} {g}"))
        if rep.trigger:
            add((g, f"{e} {P_TRIGGER} {nq.quoted(rep.trigger)} {g}"))
        if 0 <= rep.start < rep.end:  # where this report's sentence sits in its document
            span = f"<{KGR}span/{_digest(ev.key, rep.doc_key, str(rep.start), str(rep.end))}>"  # span_iri's text
            add((g, f"{e} {P_SPAN} {span} {g}"))
            add((g, f"{span} {T_TYPE} {C_SPAN} {g}"))
            add((g, f"{span} {P_SOURCE} {g} {g}"))
            add((g, f"{span} {P_EVIDENCE} {evidence} {g}"))
            add((g, f'{span} {P_SPAN_START} "{rep.start}"^^{T_INTEGER} {g}'))  # digits: nothing to escape
            add((g, f'{span} {P_SPAN_END} "{rep.end}"^^{T_INTEGER} {g}'))
        for prop, p, mentions in (("actor", P_ACTOR, rep.actors), ("participant", P_PARTICIPANT, rep.participants),
                                  ("affects", P_AFFECTS, rep.affects), ("about", P_ABOUT, rep.about),
                                  ("market", P_MARKET, rep.markets)):
            if mentions:
                for key in self._party_keys(rep, mentions, prop):
                    add((g, f"{e} {p} {entity_ref(key)} {g}"))
        if ev.type == "Partnership" and rep.actors:  # every party is a participant, the actor too
            for key in self._party_keys(rep, rep.actors, "participant"):
                add((g, f"{e} {P_PARTICIPANT} {entity_ref(key)} {g}"))
        if rep.role and ev.type == "PersonnelChange":
            add((g, f"{e} {P_ROLE} {nq.quoted(rep.role)} {g}"))
        if rep.date:
            add((g, f"{e} {P_DATE} {_date(rep.date[:10])} {g}"))
        if rep.effective_date:
            add((g, f"{e} {P_EFFECTIVE} {_date(rep.effective_date[:10])} {g}"))
        for f in rep.figures:
            value = _decimal_text(f.value)
            q = f"<{KGR}quantity/{_digest(ev.key, value, f.unit)}>"  # quantity_iri's text
            add((g, f"{e} {P_FIGURE} {q} {g}"))
            add((g, f"{q} {T_TYPE} {C_QUANTITY} {g}"))
            add((g, f"{q} {P_VALUE} {nq.quoted(value)}^^{T_DECIMAL} {g}"))
            add((g, f"{q} {P_UNIT} {nq.quoted(f.unit or FALLBACK_UNIT)} {g}"))
            add((g, f"{q} {T_LABEL} {nq.quoted(f.text)} {g}"))
            if f.measure:
                add((g, f"{q} {P_MEASURE} {nq.quoted(f.measure)} {g}"))
            if f.period:
                add((g, f"{q} {P_PERIOD} {nq.quoted(f.period)} {g}"))
            if f.period_start and f.period_end and f.period_start <= f.period_end:
                add((g, f"{q} {P_PERIOD_START} {_date(f.period_start)} {g}"))
                add((g, f"{q} {P_PERIOD_END} {_date(f.period_end)} {g}"))
        return out

    def _party_keys(self, rep: EventMention, mentions: Iterable[Mention], prop: str) -> list[str]:
        """The entities a report's parties resolved to, where the property may point at their
        types (`_fits` with no subject types)."""
        keys, entities, dk = self.r.mention_keys, self.r.entities, rep.doc_key
        allowed = _OBJECT_TYPES.get(prop)
        out = []
        for m in mentions:
            key = keys.get((dk, m.start, m.end))
            if key and key in entities and (allowed is None or not entities[key].types.isdisjoint(allowed)):
                out.append(key)
        return out

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
    events_by_doc: dict[str, list[tuple[Event, EventMention]]] = {}
    for ev in resolved.events.values():
        for rep in ev.reports:
            events_by_doc.setdefault(rep.doc_key, []).append((ev, rep))
    shared: Iterator[tuple[str | None, QuadText]] = ((None, nq.quad_text(q)) for q in ontology_quads())
    return chain(shared, document_group_quads(w, documents, events_by_doc), shared_quads(w))


def document_group_quads(w: QuadWriter, documents: Iterable[Document],
                         events_by_doc: dict[str, list[tuple[Event, EventMention]]]) -> Iterator[tuple[str, QuadText]]:
    """The quads of a group of documents (whole files: a container and its items together),
    from a writer whose per-document tables (mention keys, relations, publishers, authors)
    cover at least these documents; `events_by_doc` pairs each of their reports with its event."""
    return chain.from_iterable(zip(repeat(key), quads) for key, quads in document_group_lists(w, documents, events_by_doc))


def document_group_lists(w: QuadWriter, documents: Iterable[Document],
                         events_by_doc: dict[str, list[tuple[Event, EventMention]]]) -> Iterator[tuple[str, list[QuadText]]]:
    """`document_group_quads` as one list of quads per document (document key, its quads):
    the quads are handed on by C iterators, not a generator resumed once per quad."""
    related: dict[str, set[str]] = {}
    for subj, prop, obj, dk in w.r.relations:
        related.setdefault(dk, set()).update({subj} if prop == "role" else {subj, obj})
    documents = list(documents)
    children: dict[str, list[str]] = {}
    for doc in documents:
        if doc.parent_key:
            children.setdefault(doc.parent_key, []).append(doc.key)
    for doc in documents:
        quads = w.document_quads(doc, related.get(doc.key, ()))
        g = doc_ref(doc.key)
        for child in children.get(doc.key, ()):
            quads.append((g, f"{g} {S_HAS_PART} {doc_ref(child)} {g}"))
        quads += w.relation_quads(doc.key)
        for ev, rep in events_by_doc.get(doc.key, ()):
            w.event_quads(ev, rep, quads)
        yield doc.key, quads


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
    lines = [f"{q[1] if type(q) is tuple else str(q)} .\n" for q in quads]
    # sorted in the order made (a subject's quads made together, near in memory): about half
    # the time of sorting a set's order; repeats are then neighbours
    lines.sort()
    return distinct(lines)


def prefixes() -> dict[str, str]:
    return dict(PREFIXES)
