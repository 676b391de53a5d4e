"""`kg query` / `kg load` through typer's CliRunner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.query_fixtures import FIXTURE

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "store"
    result = runner.invoke(app, ["load", str(FIXTURE), "--store", str(folder)])
    assert result.exit_code == 0 and "193 quads in 3 named graphs" in result.output
    return folder


@pytest.mark.parametrize("args,expect", [
    (["deals", "-p", "org_name=Tencent", "-F", "csv"], "Tencent,有赞"),
    (["SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Person }", "-F", "json"], '"value": "3"'),
    (["ASK { ?p a kg:Platform }"], "true"),
    (["partnership_graph", "-F", "nt"], "<https://w3id.org/ecomkg/ontology#partnerOf>"),
    (["people_organisations"], "kgr:entity\\/wang-wentao"),
], ids=["canned-csv", "adhoc-json", "ask-table", "construct-nt", "table-compacts-iris"])
def test_query_cli_outputs(store: Path, args: list[str], expect: str) -> None:
    result = runner.invoke(app, ["query", *args, "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert expect in result.output


def test_query_cli_json_is_w3c(store: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT ?s WHERE { ?s a kg:Person } ORDER BY ?s", "-F", "json", "--store", str(store)])
    assert len(json.loads(result.output)["results"]["bindings"]) == 3


@pytest.mark.parametrize("args,message", [
    (["SELECT ?x WHERE { ?x ?y }"], "line 1, column"),
    (["INSERT DATA { <http://e/a> <http://e/b> 1 }"], "read-only"),
    (["deals", "-p", "oops"], "NAME=VALUE"),
], ids=["syntax", "update", "bad-param"])
def test_query_cli_errors_exit_1(store: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["query", *args, "--store", str(store)])
    assert result.exit_code == 1 and message in result.output


def test_query_cli_list() -> None:
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0 and "policy_timeline" in result.output
