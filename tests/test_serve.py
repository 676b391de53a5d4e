"""kg serve: a real SPARQL client against the endpoint started on a free loopback port."""
from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from kg.serve import make_server
from tests.query_fixtures import make_store

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?p ?q . ?r ?s ?t }"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):
    store = make_store(tmp_path_factory.mktemp("serve") / "store")
    server = make_server(store, port=0, timeout=1.5, max_rows=100, workers=2)
    server.start_background()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown_all()


def _request(url: str, *, data: bytes | None = None, method: str = "GET", headers: dict | None = None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_serve_sparqlwrapper_json(base: str) -> None:
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name FILTER(LANG(?name) = 'en') } ORDER BY ?name")
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["Li Ming", "Wang Wentao"]


def test_serve_sparqlwrapper_csv(base: str) -> None:
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Platform }")
    client.setReturnFormat(CSV)
    assert client.query().convert() == b"n\r\n2\r\n"


@pytest.mark.parametrize("data,ctype", [
    (b"update=INSERT+DATA+%7B%3Chttp%3A%2F%2Fe%2Fa%3E+%3Chttp%3A%2F%2Fe%2Fb%3E+1+%7D", "application/x-www-form-urlencoded"),
    (b"INSERT DATA { <http://e/a> <http://e/b> 1 }", "application/sparql-update"),
], ids=["form-update", "sparql-update-body"])
def test_serve_updates_are_forbidden(base: str, data: bytes, ctype: str) -> None:
    status, _, _ = _request(base + "/sparql", data=data, method="POST", headers={"Content-Type": ctype})
    assert status == 403


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_serve_graph_store_writes_are_forbidden(base: str, method: str) -> None:
    status, _, _ = _request(base + "/store?graph=http%3A%2F%2Fe%2Fg", data=b"<http://e/a> <http://e/b> 1 .",
                            method=method, headers={"Content-Type": "application/n-triples"})
    assert status == 403


def test_serve_runaway_query_is_stopped_and_others_answer(base: str) -> None:
    results: dict = {}

    def slow() -> None:
        results["slow"] = _request(base + "/sparql", data=RUNAWAY.encode(), method="POST",
                                   headers={"Content-Type": "application/sparql-query"})

    started = time.monotonic()
    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.2)
    status, _, body = _request(base + "/sparql?query=ASK%20%7B%20%3Fs%20a%20kg%3APlatform%20%7D",
                               headers={"Accept": "application/sparql-results+json"})
    assert (status, json.loads(body)["boolean"]) == (200, True)
    thread.join(15)
    assert results["slow"][0] == 503 and b"ran out of time" in results["slow"][2]
    assert time.monotonic() - started < 8


def test_serve_service_makes_no_outbound_connection(base: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        status, _, body = _request(base + "/sparql", data=query.encode(), method="POST",
                                   headers={"Content-Type": "application/sparql-query"})
        assert status == 403 and b"SERVICE" in body
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()


@pytest.mark.parametrize("accept,media,start", [
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
    ("text/tab-separated-values", "text/tab-separated-values", b"?n"),
    ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json", b"{"),
], ids=["xml", "tsv", "q-values"])
def test_serve_content_negotiation(base: str, accept: str, media: str, start: bytes) -> None:
    status, headers, body = _request(base + "/sparql?query=SELECT%20(1%20AS%20%3Fn)%20%7B%7D", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(media) and body.startswith(start)


def test_serve_construct_as_ntriples(base: str) -> None:
    status, headers, body = _request(base + "/sparql?query=CONSTRUCT%20WHERE%20%7B%3Fs%20kg%3ApartnerOf%20%3Fo%7D",
                                     headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert len(body.strip().splitlines()) == 2


def test_serve_page_and_canned_list(base: str) -> None:
    status, headers, body = _request(base + "/")
    assert status == 200 and b"/assets/app.js" in body and "default-src 'self'" in headers["Content-Security-Policy"]
    assert b"cdn" not in body.lower()
    status, _, body = _request(base + "/api/queries")
    assert status == 200 and "deals" in {q["name"] for q in json.loads(body)}


def test_serve_no_cors_unless_asked(base: str) -> None:
    _, headers, _ = _request(base + "/sparql?query=ASK%7B%7D")
    assert "Access-Control-Allow-Origin" not in headers


def test_serve_query_page_uses_no_inner_html() -> None:
    from kg.vocab import PREFIXES

    namespaces = {*PREFIXES.values(), "http://www.w3.org/2000/svg"}  # names of terms, never fetched
    for name in ("app.js", "render.js"):
        js = (Path(__file__).resolve().parent.parent / "kg" / "view" / "query_page" / name).read_text(encoding="utf-8")
        assert "innerHTML" not in js and "insertAdjacentHTML" not in js
        assert set(re.findall(r"https?://[^\"'\s]+", js)) <= namespaces, name  # no CDN
