"""RDF output: the data model's terms, named graphs per document, stable and safe IRIs."""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.model import Document, EventMention, Extraction, Mention, Resolved
from kg.nquads import to_quads
from kg.rdf import dataset_quads, doc_iri, entity_iri, nquads_lines
from kg.resolve import resolve

TEXT = "Douyin E-commerce will terminate Zhongtong Cold Chain <script>alert(1)</script> from October 29."


def _model() -> tuple[Document, Resolved]:
    doc = Document(key="news/a b.txt#item 1", source_path="news/a b.txt", position="item 1", text=TEXT, lang="en",
                   headline="Douyin <b>terminates</b> carriers", date_published="2025-10-28", publisher="Epoch Times")
    ex = Extraction(document=doc)
    actor = Mention("Douyin E-commerce", 0, 17, "Platform")
    target_start = TEXT.index("Zhongtong")
    target = Mention("Zhongtong Cold Chain <script>", target_start, target_start + 29, "Company")
    ex.mentions += [actor, target]
    ex.events.append(EventMention(type="Enforcement", doc_key=doc.key, evidence=TEXT, start=0, end=len(TEXT),
                                  trigger="terminate", actors=(actor,), affects=(target,),
                                  date="2025-10-28", effective_date="2025-10-29", confidence=0.8))
    return doc, resolve([ex], [doc])


def _build() -> tuple[list[Document], list[str]]:
    doc, res = _model()
    return [doc], nquads_lines(q for _, q in dataset_quads([doc], res))


def test_rdf_is_deterministic() -> None:
    assert _build()[1] == _build()[1]


def test_rdf_iris_carry_no_raw_text_and_no_blank_nodes() -> None:
    _, lines = _build()
    for quad in ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_QUADS):
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            assert not isinstance(term, ox.BlankNode)
            if isinstance(term, ox.NamedNode):
                assert " " not in term.value and "<" not in term.value and "Zhongtong" not in term.value


def test_rdf_document_graph_holds_the_event_with_provenance() -> None:
    docs, lines = _build()
    store = ox.Store()
    store.load("".join(lines).encode(), format=ox.RdfFormat.N_QUADS)
    g = doc_iri(docs[0].key)
    q = f"""PREFIX kg: <https://w3id.org/ecomkg/ontology#>
    SELECT ?e ?eff ?conf WHERE {{ GRAPH {g} {{ ?e a kg:Enforcement ; kg:source {g} ; kg:effectiveDate ?eff ;
      kg:confidence ?conf ; kg:evidence ?ev ; kg:actor ?a ; kg:affects ?t }} }}"""
    rows = list(store.query(q))
    assert len(rows) == 1
    assert rows[0]["eff"].value == "2025-10-29"
    assert rows[0]["eff"].datatype.value.endswith("#date")
    assert 0 <= float(rows[0]["conf"].value) <= 1


def test_rdf_ontology_in_default_graph_enables_subclass_paths() -> None:
    _, lines = _build()
    store = ox.Store()
    store.load("".join(lines).encode(), format=ox.RdfFormat.N_QUADS)
    q = """PREFIX kg: <https://w3id.org/ecomkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?e WHERE { ?e a/rdfs:subClassOf* kg:Event }"""
    assert len(list(store.query(q, use_default_graph_as_union=True))) == 1


def test_rdf_entity_iri_is_readable_for_lexicon_ids_and_hashed_otherwise() -> None:
    assert entity_iri("douyin-ecommerce").value.endswith("/entity/douyin-ecommerce")
    assert re.search(r"/entity/x[0-9a-f]{20}$", entity_iri("org:zhongtong|coldchain").value)


def test_rdf_evidence_span_pairs_offsets_with_their_document() -> None:
    docs, lines = _build()
    store = ox.Store()
    store.load("".join(lines).encode(), format=ox.RdfFormat.N_QUADS)
    q = """PREFIX kg: <https://w3id.org/ecomkg/ontology#>
    SELECT ?doc ?s ?e ?text WHERE { ?ev kg:evidenceSpan ?span . ?span kg:source ?doc ; kg:evidenceStart ?s ;
      kg:evidenceEnd ?e ; kg:evidence ?text }"""
    (row,) = list(store.query(q, use_default_graph_as_union=True))
    assert row["doc"] == doc_iri(docs[0].key)
    start, end = int(row["s"].value), int(row["e"].value)
    assert docs[0].text[start:end] == row["text"].value


def _author_quads(authors: tuple[str, ...]) -> tuple[set[str], dict[str, str]]:
    doc = Document(key="b.txt", source_path="b.txt", position="", text="Body.", lang="en", authors=authors)
    store = ox.Store()
    store.extend(to_quads(q for _, q in dataset_quads([doc], resolve([], [doc]))))
    rows = store.query(
        "SELECT ?a ?l WHERE { GRAPH ?g { ?d <https://schema.org/author> ?a . "
        "?a a <https://w3id.org/ecomkg/ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    found = {r["a"].value: r["l"].value for r in rows}
    return set(found), found


@pytest.mark.parametrize("authors", [("Dana Whitfield", "Marcus Oyelaran"), ("沈立言", "吴可欣", "林晓")])
def test_rdf_one_schema_author_per_person(authors) -> None:
    iris, labels = _author_quads(authors)
    assert len(iris) == len(authors)
    assert {ln for ln in labels.values() if ln in authors} == set(authors)


def test_rdf_single_author_iri_is_the_same_alone_or_first_of_several() -> None:
    alone, _ = _author_quads(("Dana Whitfield",))
    both, _ = _author_quads(("Dana Whitfield", "Marcus Oyelaran"))
    assert alone <= both


def test_rdf_text_quads_are_what_pyoxigraph_writes_for_them() -> None:
    """Each line made as text is pyoxigraph's own text of the quad it parses to (parsing and
    writing again changes no byte), and the graph text paired with it is that quad's graph."""
    doc, res = _model()
    texts = [q for _, q in dataset_quads([doc], res)]
    assert any("kg#evidence" in t or "#evidence>" in t for _, t in texts), "the event's quads are among them"
    quads = list(to_quads(texts))
    assert len(quads) == len(texts) > 10
    for (graph, text), quad in zip(texts, quads, strict=True):
        assert (graph, text) == (str(quad.graph_name), str(quad))
