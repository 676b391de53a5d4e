"""kg.query.paging: pages of canned listings hold the same rows as the whole answer, the
keys query leaves out label look-ups, and the total counts keys."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import Engine, load_canned
from kg.query.paging import Page, keys_body, paged
from tests.query_fixtures import make_store

LISTINGS = [n for n, q in load_canned().items()
            if "CONSTRUCT" not in q.text and not any(p.required for p in q.params)]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    store = make_store(tmp_path_factory.mktemp("paging") / "store")
    with Engine(("store", (str(store),)), timeout=30) as eng:
        yield eng


def _all_pages(engine: Engine, name: str, size: int, params: dict | None = None) -> list:
    rows, n = [], 1
    while True:
        result, _ = paged(engine, name, params, Page(n, size))
        if not result.rows:
            return rows
        rows += result.rows
        n += 1


@pytest.mark.parametrize("name", LISTINGS)
def test_paging_pages_together_equal_the_whole_answer(engine: Engine, name: str) -> None:
    whole = engine.run(name)
    assert sorted(map(str, _all_pages(engine, name, 2))) == sorted(map(str, whole.rows))


def test_paging_with_a_parameter_bound(engine: Engine) -> None:
    whole = engine.run("events_in_period", {"start": "2022-01-01"})
    assert whole.rows, "the fixture has events in 2022"
    got = _all_pages(engine, "events_in_period", 1, {"start": "2022-01-01"})
    assert sorted(map(str, got)) == sorted(map(str, whole.rows))


def test_paging_total_counts_keys_and_first_page_is_cut(engine: Engine) -> None:
    whole = engine.run("events_in_period")
    first, total = paged(engine, "events_in_period", None, Page(1, 2), count=True)
    assert total == len({(r[0], r[1]) for r in whole.rows}) > 2
    assert len({(r[0], r[1]) for r in first.rows}) == 2
    assert first.variables == whole.variables


def test_paging_past_the_end_is_empty_with_columns(engine: Engine) -> None:
    result, total = paged(engine, "ownership", None, Page(999, 50), count=True)
    assert result.rows == [] and result.variables == ["child", "relation", "parent", "child_iri", "parent_iri"]
    assert total and total > 0


def test_paging_keys_body_drops_label_lookups_only() -> None:
    text = load_canned()["deals"].text
    body = keys_body(text, ("date", "event"))
    assert "rdfs:label ?buyer_en" not in body and "kg:figure" not in body  # not needed for the keys
    assert "kg:date ?date" in body and "?org_name" in body  # keys and filters stay


def test_paging_keys_keep_an_optional_a_filter_reads() -> None:
    text = "SELECT ?e ?n WHERE { ?e a <http://e/E> OPTIONAL { ?e <http://e/n> ?n } FILTER(!BOUND(?n)) } ORDER BY ?e"
    assert "OPTIONAL" in keys_body(text, ("e",))


@pytest.mark.parametrize("page", [(0, 10), (1, 0), (1, 10_001)])
def test_paging_bad_page_is_refused(page: tuple[int, int]) -> None:
    with pytest.raises(QueryError, match="--page"):
        Page(*page)


def test_paging_refuses_a_query_with_its_own_limit(engine: Engine) -> None:
    with pytest.raises(QueryError, match="LIMIT"):
        paged(engine, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", None, Page(1, 2))


def test_paging_own_query_without_keys_uses_limit(engine: Engine, tmp_path: Path) -> None:
    text = "SELECT DISTINCT ?s WHERE { ?s ?p ?o } ORDER BY ?s"
    whole = engine.run(text)
    first, total = paged(engine, text, None, Page(1, 3), count=True)
    assert first.rows == whole.rows[:3] and total == len(whole.rows)


def test_paging_keys_come_in_key_order_across_pages(engine: Engine) -> None:
    from kg.query.paging import term_order

    seen = []
    for n in (1, 2, 3):
        result, _ = paged(engine, "events_in_period", None, Page(n, 2))
        seen += sorted({(r[0], r[1]) for r in result.rows}, key=lambda k: tuple(map(term_order, k)))
    orders = [tuple(map(term_order, k)) for k in seen]
    assert len(orders) == 6 and orders == sorted(orders)


def test_paging_sees_a_store_that_changed(tmp_path: Path) -> None:
    from kg.store import load_files

    store = make_store(tmp_path / "store")
    with Engine(("store", (str(store),)), timeout=30) as eng:
        _, before = paged(eng, "ownership", None, Page(1, 50), count=True)
    extra = tmp_path / "more.nq"
    extra.write_text("<https://w3id.org/ecomkg/id/entity/zz-shop> <https://w3id.org/ecomkg/ontology#operatedBy> "
                     "<https://w3id.org/ecomkg/id/entity/zz-owner> <https://w3id.org/ecomkg/id/doc/zz> .\n",
                     encoding="utf-8")
    load_files([extra], store)
    with Engine(("store", (str(store),)), timeout=30) as eng:
        _, after = paged(eng, "ownership", None, Page(1, 50), count=True)
    assert after == before + 1


def test_paging_term_order_sorts_numbers_by_value() -> None:
    import pyoxigraph as ox

    from kg.query.paging import term_order

    dec = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    terms = [ox.Literal("10", datatype=dec), ox.Literal("9", datatype=dec), ox.NamedNode("http://e/b"), None]
    assert sorted(terms, key=term_order) == [None, terms[2], terms[1], terms[0]]


@pytest.mark.parametrize("name", ["events_in_period", "evidence", "enforcements", "ownership", "partnerships"])
def test_paging_lateral_form_equals_values_join(engine: Engine, name: str) -> None:
    import kg.query.paging as paging

    canned = load_canned()[name]
    text = paging._without_header(canned.text)
    keys = paging.sorted_keys(lambda q, cap=None: engine.run(q, max_rows=cap), text, canned.page_keys).rows(0, 5)
    lateral = paging.page_query(text, canned.page_keys, keys)
    assert "LATERAL" in lateral
    shape, _ = paging._shape(text)
    joined = lateral.replace(lateral[lateral.index("LATERAL"):lateral.rindex("}", 0, lateral.index("ORDER BY"))],
                             text[shape.body_open:shape.body_close])
    assert "LATERAL" not in joined
    assert sorted(map(str, engine.run(lateral).rows)) == sorted(map(str, engine.run(joined).rows))
    assert engine.run(lateral).rows


def test_paging_warm_listings_make_first_pages_one_query(tmp_path: Path) -> None:
    from kg.query.paging import warm_listings

    store = make_store(tmp_path / "store")
    with Engine(("store", (str(store),)), timeout=30) as eng:
        warmed = warm_listings(eng)
        assert "events_in_period" in warmed and "entity_names" not in warmed  # keyed listings only
        asked: list[str] = []
        real = eng.run
        eng.run = lambda q, *a, **k: asked.append(q) or real(q, *a, **k)  # type: ignore[method-assign]
        result, total = paged(eng, "events_in_period", None, Page(1, 2), count=True)
        assert len(asked) == 1 and result.rows and total and total > 2  # the page query only
