"""kg.query.listing_index: a listing's sorted keys kept in the store folder serve later first
pages in any process with the same rows; a changed store or a damaged entry is not trusted;
and the partnerships question keeps its meaning (pairs stated only by kg:partnerOf, once)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg.query.paging as paging
from kg.query import Engine, load_canned
from kg.query.listing_index import INDEX_DIR, DamagedEntry, _term
from kg.query.paging import Page, paged
from tests.query_fixtures import make_store

KG = "https://w3id.org/ecomkg/ontology#"
KGR = "https://w3id.org/ecomkg/id/"
LISTINGS = [n for n, q in load_canned().items()
            if "CONSTRUCT" not in q.text and not any(p.required for p in q.params)]


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    return make_store(tmp_path / "store")


def _fresh_process() -> None:
    paging._cache.clear()  # what a new process starts with: nothing in memory


@pytest.mark.parametrize("name", LISTINGS)
def test_listing_index_pages_from_disk_equal_computed_pages(store: Path, name: str) -> None:
    with Engine(("store", (str(store),)), timeout=30) as eng:
        _fresh_process()
        computed = [paged(eng, name, None, Page(n, 2), count=True) for n in (1, 2, 3)]
        _fresh_process()
        asked: list[str] = []
        real = eng.run
        eng.run = lambda q, *a, **k: asked.append(q) or real(q, *a, **k)  # type: ignore[method-assign]
        from_disk = [paged(eng, name, None, Page(n, 2), count=True) for n in (1, 2, 3)]
    assert [(r.variables, r.rows, t) for r, t in from_disk] == [(r.variables, r.rows, t) for r, t in computed]
    keys = load_canned()[name].page_keys
    if keys:  # page queries only (ordered by the keys), never the keys query again
        assert all("ORDER BY ?" + keys[0] in q or "FILTER(false)" in q for q in asked)
    else:  # an aggregate's whole answer is read from disk: no query at all
        assert asked == []


def test_listing_index_is_written_in_the_store_folder(store: Path) -> None:
    with Engine(("store", (str(store),)), timeout=30) as eng:
        _fresh_process()
        paged(eng, "events_in_period", None, Page(1, 2))
    entries = list((store / INDEX_DIR).glob("*.jsonl"))
    assert len(entries) == 1
    head = json.loads(entries[0].read_text(encoding="utf-8").splitlines()[0])
    assert head["variables"] == ["date", "event"] and head["total"] > 2


def test_listing_index_is_ignored_when_the_store_changed(store: Path, tmp_path: Path) -> None:
    from kg.store import load_files

    with Engine(("store", (str(store),)), timeout=30) as eng:
        _fresh_process()
        _, before = paged(eng, "ownership", None, Page(1, 50), count=True)
    extra = tmp_path / "more.nq"
    extra.write_text(f"<{KGR}entity/zz-shop> <{KG}operatedBy> <{KGR}entity/zz-owner> <{KGR}doc/zz> .\n",
                     encoding="utf-8")
    load_files([extra], store)
    with Engine(("store", (str(store),)), timeout=30) as eng:
        _fresh_process()
        _, after = paged(eng, "ownership", None, Page(1, 50), count=True)
    assert after == before + 1


def test_listing_index_damaged_entry_is_computed_again(store: Path) -> None:
    with Engine(("store", (str(store),)), timeout=30) as eng:
        _fresh_process()
        good, total = paged(eng, "events_in_period", None, Page(1, 2), count=True)
        (entry,) = (store / INDEX_DIR).glob("*.jsonl")
        head, *_ = entry.read_text(encoding="utf-8").splitlines()
        injected = '"x" } } SELECT * WHERE { ?s ?p ?o'
        entry.write_text(head + "\n" + json.dumps([injected, injected]) + "\n", encoding="utf-8")
        _fresh_process()
        again, total_again = paged(eng, "events_in_period", None, Page(1, 2), count=True)
    assert (again.rows, total_again) == (good.rows, total)


@pytest.mark.parametrize("text", ['"x" } } SELECT * WHERE { ?s ?p ?o', "<a> . <b> <c> <d>", "_:a b", "?x", 7])
def test_listing_index_terms_read_back_as_one_term_or_not_at_all(text: object) -> None:
    with pytest.raises(DamagedEntry):
        _term(text)  # type: ignore[arg-type]


def test_listing_index_terms_round_trip() -> None:
    import pyoxigraph as ox

    terms = [ox.NamedNode("https://e/x"), ox.Literal('a "q"\n\tb', language="zh"), ox.BlankNode("b1"),
             ox.Literal("2024-01-02", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))]
    assert [_term(str(t)) for t in terms] == terms


def test_partnerships_lists_partner_of_pairs_only_without_a_partnership_event(tmp_path: Path) -> None:
    from kg.store import load_files

    a, b, c = (f"<{KGR}entity/p-{x}>" for x in "abc")
    ev = f"<{KGR}event/p-ab>"
    data = tmp_path / "p.nq"
    g = f"<{KGR}doc/p>"
    data.write_text("\n".join([
        f"<{KG}Partnership> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{KG}Event> {g} .",
        f"{ev} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Partnership> {g} .",
        f"{ev} <{KG}participant> {a} {g} .", f"{ev} <{KG}participant> {b} {g} .",
        f"{a} <{KG}partnerOf> {b} {g} .",  # stated by the event too: listed once, with the event
        f"{a} <{KG}partnerOf> {c} {g} .",  # stated only by kg:partnerOf: listed without an event
    ]) + "\n", encoding="utf-8")
    load_files([data], tmp_path / "store")
    with Engine(("store", (str(tmp_path / "store"),)), timeout=30) as eng:
        whole = eng.run("partnerships")
        _fresh_process()
        first, total = paged(eng, "partnerships", None, Page(1, 10), count=True)
    pairs = sorted((r[0].value[-1], r[1].value[-1], r[4] is not None) for r in whole.rows)
    assert pairs == [("a", "b", True), ("a", "c", False)]
    assert sorted(map(str, first.rows)) == sorted(map(str, whole.rows)) and total == 2


def test_listing_index_damaged_later_line_is_removed_and_computed_again(store: Path) -> None:
    with Engine(("store", (str(store),)), timeout=30) as eng:
        _fresh_process()
        good, _ = paged(eng, "events_in_period", None, Page(2, 2))
        (entry,) = (store / INDEX_DIR).glob("*.jsonl")
        lines = entry.read_text(encoding="utf-8").splitlines()
        lines[3] = json.dumps(["<a> . <b> <c> <d>", None])  # a key of page 2
        entry.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _fresh_process()
        again, _ = paged(eng, "events_in_period", None, Page(2, 2))
        assert again.rows == good.rows
        assert "<a> . <b>" not in (store / INDEX_DIR / entry.name).read_text(encoding="utf-8")
