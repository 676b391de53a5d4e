"""What a newcomer trips on: next steps after a build, piped output not cut, unknown prefixes,
mistyped canned names, an empty corpus, docs naming no path outside the repository."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.query import load_canned
from kg.query.canned import get_canned
from kg.query.engine import prepare
from kg.query.prefixes import check_prefixes
from kg.vocab import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hints")
    (root / "corpus").mkdir()
    (root / "corpus" / "a.txt").write_text("京东与顺丰合作\n\n2024年3月5日,京东与顺丰宣布达成战略合作。\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(root / "corpus"), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return root


def test_build_ends_with_what_to_run_next(built: Path) -> None:
    result = runner.invoke(app, ["build", str(built / "corpus"), "--out", str(built / "out")])
    assert result.exit_code == 0
    tail = result.output.split("Next:", 1)[1]
    out = str(built / "out")
    assert f"kg serve {out}" in tail and "http://127.0.0.1:7878/" in tail
    assert f"kg query --store {out} --list" in tail and f"kg analyse {out}" in tail


def test_build_without_store_says_how_to_load_it(built: Path) -> None:
    result = runner.invoke(app, ["build", str(built / "corpus"), "--out", str(built / "files-only"), "--no-store"])
    assert result.exit_code == 0
    assert f"kg load {built / 'files-only' / 'graph.nq'} --store {built / 'files-only' / 'store'}" in result.output


def test_quiet_build_prints_no_hints(built: Path) -> None:
    result = runner.invoke(app, ["build", str(built / "corpus"), "--out", str(built / "out"), "-q"])
    assert result.exit_code == 0 and "Next:" not in result.output


def test_empty_corpus_warns_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.bin").write_bytes(b"\x00\x01")
    result = runner.invoke(app, ["build", str(tmp_path / "empty"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "holds no document kg can read" in result.output and "Next:" not in result.output


def test_query_list_is_not_cut_when_piped() -> None:
    env = {**os.environ, "COLUMNS": "40", "TERM": "dumb"}
    proc = subprocess.run([sys.executable, "-m", "kg", "query", "--list"], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    queries = load_canned()
    for name, q in queries.items():
        assert f"{name}\t{q.view}\t{q.title}\n" in proc.stdout, name
        assert q.description in proc.stdout, f"{name}: description cut"
    assert "…" not in proc.stdout.replace("=…", ""), "nothing elided"


def test_piped_table_keeps_long_iris(built: Path) -> None:
    query = "SELECT ?e ?label WHERE { ?e a kg:Platform ; rdfs:label ?label } ORDER BY ?e"
    env = {**os.environ, "COLUMNS": "40"}
    proc = subprocess.run([sys.executable, "-m", "kg", "query", query, "--store", str(built / "out")], capture_output=True,
                          text=True, env=env, timeout=120, check=True)
    assert "kgr:entity\\/jd-com" in proc.stdout and "…" not in proc.stdout


def test_table_iris_paste_back_into_a_query(built: Path) -> None:
    """What the table prints for a document's graph is valid SPARQL naming the same graph."""
    store = str(built / "out")
    first = subprocess.run([sys.executable, "-m", "kg", "query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                            "--store", store], capture_output=True, text=True, timeout=120, check=True)
    shown = re.findall(r"kgr:doc\\/\w+", first.stdout)
    assert shown, first.stdout
    again = subprocess.run([sys.executable, "-m", "kg", "query", f"ASK {{ GRAPH {shown[0]} {{ ?s ?p ?o }} }}",
                            "--store", store], capture_output=True, text=True, timeout=120, check=True)
    assert again.stdout.strip() == "true"


@pytest.mark.parametrize("text,where", [
    ("SELECT ?x WHERE { ?x a foo:Bar }", "line 1, column 24"),
    ("SELECT ?x WHERE {\n  ?x schem:name ?n }", "line 2, column 6"),
    ("PREFIX ex: <http://e/>\nSELECT ?x WHERE { ?x ex:p ?y ; zz:q ?z }", "line 2, column 32"),
], ids=["foo", "misspelt-schema", "after-declared"])
def test_unknown_prefix_is_named_with_its_place(text: str, where: str) -> None:
    prefix = re.search(r"(\w+):(?:Bar|name|q)", text).group(1)
    with pytest.raises(QueryError, match=f"{where}: unknown prefix {prefix}:"):
        prepare(text)


@pytest.mark.parametrize("text", [
    'SELECT ?x WHERE { ?x rdfs:label "foo:bar" }',  # inside a string
    "SELECT ?x WHERE { ?x <urn:foo:bar> ?y }",  # inside an IRI
    "PREFIX foo: <http://e/> SELECT ?x WHERE { ?x foo:p _:b }",  # declared; blank node label
    "SELECT ?x WHERE { ?x a kg:Platform } # foo:bar in a comment",
])
def test_known_or_quoted_prefixes_pass(text: str) -> None:
    check_prefixes(text, PREFIXES)


def test_cli_unknown_prefix_message(built: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x a foo:Bar }", "--store", str(built / "out")])
    assert result.exit_code == 1 and "unknown prefix foo:" in result.output


@pytest.mark.parametrize("typo,suggested", [("partnership", "partnerships"), ("enforcement", "enforcements"),
                                            ("policy_timline", "policy_timeline")])
def test_mistyped_canned_name_gets_did_you_mean(typo: str, suggested: str) -> None:
    with pytest.raises(QueryError, match=f"did you mean {suggested}"):
        get_canned(typo)


def test_unrelated_name_gets_no_guess() -> None:
    with pytest.raises(QueryError) as err:
        get_canned("zzzz")
    assert "did you mean" not in str(err.value) and "known: deals" in str(err.value)


def test_docs_name_no_path_outside_the_repository() -> None:
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "ontology").glob("*")),
            *sorted((ROOT / "kg" / "lexicons").rglob("README.md"))]
    outside = re.compile(r"(/work/|/home/|/tmp/|\.\./shared|\.\./\.\./)")
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in docs if p.is_file()
             for m in outside.finditer(p.read_text(encoding="utf-8", errors="replace"))]
    assert found == []


def test_a_query_and_a_query_file_together_are_refused(built: Path, tmp_path: Path) -> None:
    """`kg query OUT -f q.rq` (the build folder where --store belongs) must not silently query another store."""
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?s WHERE { ?s a kg:Platform }", encoding="utf-8")
    result = runner.invoke(app, ["query", str(built / "out"), "-f", str(rq)])
    assert result.exit_code != 0
    assert "not both" in result.output and "--store" in result.output
