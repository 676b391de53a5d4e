"""Query safety and behaviour: refusals, time limits, row caps, errors, formats, API."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import kg
from kg.errors import QueryError
from kg.query import Engine, QueryRefused, QueryTimeout
from kg.query.lexer import inspect
from tests.query_fixtures import FIXTURE, KGR, make_store

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?p ?q . ?r ?s ?t }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("safety") / "store")


@pytest.fixture(scope="module")
def engine(store: Path):
    with Engine(("store", (str(store),)), timeout=20, max_rows=50) as eng:
        yield eng


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s ?p "SERVICE" }',
    "SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:1/>",
    "SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }",
    "PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:SERVICE ?o }",
    "SELECT ?s WHERE { ?s ?p '''multi\nline SERVICE'''}",
], ids=["in-string", "in-comment", "in-iri", "prefixed-local", "long-string"])
def test_query_safety_service_word_elsewhere_is_allowed(query: str) -> None:
    assert inspect(query).form == "SELECT"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE ?endpoint { ?s ?p ?o } } }",
], ids=["plain", "lowercase-silent", "variable-endpoint"])
def test_query_safety_service_is_refused(engine: Engine, query: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        engine.run(query)


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "PREFIX e: <http://e/> DELETE WHERE { ?s ?p ?o }",
    "DROP ALL", "LOAD <http://example.org/x.ttl>", "CLEAR DEFAULT",
], ids=["insert", "delete", "drop", "load", "clear"])
def test_query_safety_updates_are_refused(engine: Engine, update: str) -> None:
    with pytest.raises(QueryRefused, match="read-only"):
        engine.run(update)


def test_query_safety_from_unknown_graph_is_refused(engine: Engine) -> None:
    with pytest.raises(QueryRefused, match="names no graph"):
        engine.run("SELECT * FROM <http://127.0.0.1:9/remote.ttl> WHERE { ?s ?p ?o }")


def test_query_safety_from_store_graph_restricts_dataset(engine: Engine) -> None:
    rows = engine.run(f"SELECT DISTINCT ?h FROM <{KGR}doc/c> WHERE {{ ?d schema:headline ?h }}").records()
    assert rows == [{"h": "Amazon sellers face new cancellation rules"}]


def test_query_safety_timeout_kills_and_engine_recovers(engine: Engine) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="ran out of time"):
        engine.run(RUNAWAY, timeout=1.0)
    assert time.monotonic() - started < 5
    assert engine.run("ASK { ?s a kg:Platform }").boolean is True


def test_query_safety_row_cap(engine: Engine) -> None:
    with pytest.raises(QueryError, match="more than 50 rows"):
        engine.run("SELECT * WHERE { ?s ?p ?o }")
    assert len(engine.run("SELECT * WHERE { ?s ?p ?o } LIMIT 50")) == 50


def test_query_syntax_error_names_line_and_column(engine: Engine) -> None:
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        engine.run("SELECT ?s\nWHERE { ?s ?p }")


def test_query_union_default_graph_and_graph_provenance(engine: Engine) -> None:
    assert engine.run("ASK { kgr:event\\/pc1 a kg:PolicyChange }").boolean is True
    rows = engine.run("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e kg:effectiveDate ?d } } ORDER BY ?g").records()
    assert [r["g"] for r in rows] == [KGR + "doc/a", KGR + "doc/b", KGR + "doc/c"]


@pytest.mark.parametrize("fmt,check", [
    ("json", lambda b: json.loads(b)["results"]["bindings"][0]["n"]["value"] == "2"),
    ("csv", lambda b: b == b"n\r\n2\r\n"),
    ("tsv", lambda b: b.splitlines() == [b"?n", b'"2"^^<http://www.w3.org/2001/XMLSchema#integer>']),
    ("xml", lambda b: b'<binding name="n"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">2</literal>' in b),
], ids=["json", "csv", "tsv", "xml"])
def test_query_result_formats(engine: Engine, fmt: str, check) -> None:
    result = engine.run("SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Platform }")
    assert check(result.serialize(fmt))


def test_query_graph_file_in_memory() -> None:
    with Engine(("files", (str(FIXTURE),)), timeout=20) as eng:
        assert eng.run("SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Person }").records() == [{"n": "3"}]


def test_query_python_api(store: Path) -> None:
    handle = kg.open_store(store)
    rows = kg.query(handle, "people_organisations", {"org_name": "商务部"}).records()
    assert [r["name"] for r in rows] == ["Wang Wentao"]
    assert handle.query("ASK { ?x a kg:Service }").boolean is True


# -- the parse-tree check (kg/query/safety.py), which the worker runs before Oxigraph sees a query ---------

def _check(text: str, graphs: tuple[str, ...] = ()) -> None:
    from kg.query.safety import check
    from kg.vocab import PREFIXES

    check(text, has_graph=lambda iri: iri in graphs, prefixes=PREFIXES)


@pytest.mark.parametrize("query,reading", [
    ("PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a\\#b . SERVICE <http://127.0.0.1:9/s> { ?x ?y ?z } }", ""),
    ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }", "SPARQL 1.1"),
    ("SELECT * WHERE { S\\U00000045RVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }", "SPARQL 1.1"),
    # one quote for Oxigraph (escapes live inside strings), a long string for SPARQL 1.1's pre-pass
    ("SELECT * WHERE { BIND('\\u0027' AS ?q) SERVICE <http://127.0.0.1:9/s> { ?x ?y ?z } } # ''' AS ?q) }",
     "as Oxigraph does"),
    ("ASK { { SELECT * WHERE { OPTIONAL { GRAPH ?g { seRVice SILENT ?ep { ?s ?p ?o } } } } } }", ""),
    # Oxigraph ends a comment at a carriage return; rdflib's grammar only at a line feed
    ("SELECT * WHERE { ?s ?p ?o # note\r SERVICE <http://127.0.0.1:9/s> { ?x ?y ?z }\n }", ""),
], ids=["escaped-hash", "u-escape-keyword", "U-escape-keyword", "quote-escape-reading", "nested-variable",
        "carriage-return-ends-comment"])
def test_query_safety_parse_tree_refuses_service(query: str, reading: str) -> None:
    with pytest.raises(QueryError, match="SERVICE") as err:  # refused by name, or unreadable and not run
        _check(query)
    assert reading in str(err.value)


def test_query_safety_parse_tree_refuses_updates_and_unknown_from() -> None:
    with pytest.raises(QueryRefused, match="LOAD is an update"):
        _check("LOAD <http://127.0.0.1:9/x.ttl>")
    with pytest.raises(QueryRefused, match=r"FROM NAMED <http://127\.0\.0\.1:9/g> names no graph"):
        _check("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }")
    _check(f"PREFIX d: <{KGR}doc/> SELECT * FROM d:a\\.b WHERE {{ ?s ?p ?o }}", graphs=(KGR + "doc/a.b",))
    _check("SELECT * FROM kgr:doc\\/c WHERE { ?s ?p ?o }", graphs=(KGR + "doc/c",))


def test_query_safety_unreadable_query_is_not_run() -> None:
    from kg.query.safety import QueryUnchecked

    # rdflib's grammar chokes on this SERVICE (a parse action rescans the text); fail closed, say why
    with pytest.raises(QueryUnchecked, match=r"line 1, column \d+.*mentions SERVICE"):
        _check("PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?q { ex:a\\#b } SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } }")
    with pytest.raises(QueryUnchecked, match="not a Unicode character"):
        _check('SELECT ("\\uD800" AS ?x) WHERE { ?s ?p ?o }')
    # no reading mentions SERVICE or FROM: nothing can call out, so Oxigraph reports its own error
    _check("SELECT ?s WHERE { ?s ?p }")


def test_query_safety_refusal_reaches_the_caller(engine: Engine) -> None:
    """The worker's check stands on its own: a task that skipped the token pre-check is still refused."""
    answer = engine.pool.run({"query": "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }",
                              "from_iris": (), "max_rows": 10}, 20)
    assert answer.get("refused") is True and "SERVICE" in answer["error"]


def test_query_safety_check_is_imported_lazily() -> None:
    import subprocess
    import sys

    code = "import sys, kg.cli, kg.query, kg.serve; print('rdflib.plugins.sparql.parser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"


def test_query_safety_cache_keeps_long_texts_out() -> None:
    """Verdicts are cached for repeated questions, but a long text is checked afresh, so memory stays bounded."""
    from kg.query.safety import _verdict

    long_query = "SELECT * WHERE { ?s ?p ?o FILTER(?o != '" + "x" * 20_000 + "') }"
    before = _verdict.cache_info().currsize
    _check(long_query)
    _check(long_query)
    assert _verdict.cache_info().currsize == before
    short = "SELECT ?cached WHERE { ?cached ?p ?o }"
    _check(short)
    hits = _verdict.cache_info().hits
    _check(short)
    assert _verdict.cache_info().hits == hits + 1


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { VALUES ?x { 1 } LATERAL { SERVICE <http://e.example/> { ?x ?p ?o } } }",
    "SELECT * WHERE { VALUES ?x { 1 } lateral{ SERVICE <http://e.example/> { ?x ?p ?o } } }",
    "SELECT * WHERE { VALUES ?x { 1 } LATERAL { ?x ?p ?o } } LATERAL { SERVICE <http://e.example/> { ?a ?b ?c } }",
])
def test_query_safety_lateral_hides_no_service(query: str) -> None:
    from kg.query.safety import check

    with pytest.raises(QueryError):
        check(query)


def test_query_safety_lateral_join_runs(engine: Engine) -> None:
    result = engine.run(f"SELECT ?s ?o WHERE {{ VALUES ?s {{ <{KGR}entity/jd> }} LATERAL {{ ?s rdfs:label ?o }} }}")
    assert result.variables == ["s", "o"]
