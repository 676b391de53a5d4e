"""`kg serve` and `kg query` page whole-graph listings and report the total."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import make_server
from tests.query_fixtures import make_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("serve-paging") / "store")


@pytest.fixture(scope="module")
def base(store: Path):
    server = make_server(store, port=0, timeout=10, max_rows=100, workers=1)
    server.start_background()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown_all()


def _get(url: str):
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_serve_pages_and_total_rows(base: str) -> None:
    status, headers, body = _get(f"{base}/sparql?query=events_in_period&page=1&page_size=2")
    assert status == 200
    total = int(headers["X-KG-Total-Rows"])
    rows = json.loads(body)["results"]["bindings"]
    assert total > 2 and len({(r["date"]["value"], r["event"]["value"]) for r in rows}) == 2
    assert (headers["X-KG-Page"], headers["X-KG-Page-Size"]) == ("1", "2")
    status, _, whole = _get(f"{base}/sparql?query=events_in_period")
    whole_keys = {(r["date"]["value"], r["event"]["value"]) for r in json.loads(whole)["results"]["bindings"]}
    assert len(whole_keys) == total


def test_serve_bad_page_is_a_400(base: str) -> None:
    status, _, body = _get(f"{base}/sparql?query=ownership&page=x")
    assert status == 400 and b"page must be a whole number" in body


def test_serve_without_page_has_no_page_headers(base: str) -> None:
    status, headers, _ = _get(f"{base}/sparql?" + urllib.parse.urlencode({"query": "ownership"}))
    assert status == 200 and "X-KG-Total-Rows" not in headers


def test_cli_query_page_and_count(store: Path) -> None:
    runner = CliRunner()
    whole = runner.invoke(app, ["query", "ownership", "--store", str(store), "-F", "csv"])
    counted = runner.invoke(app, ["query", "ownership", "--store", str(store), "--count"])
    assert counted.exit_code == 0 and int(counted.stdout) == len(whole.stdout.strip().splitlines()) - 1
    first = runner.invoke(app, ["query", "ownership", "--store", str(store), "-F", "csv", "--page", "1",
                                "--page-size", "1"])
    assert first.exit_code == 0 and len(first.stdout.strip().splitlines()) == 2
