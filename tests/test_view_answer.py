"""The view model behind the query page and `kg query --format html`, without a browser."""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re

import pyoxigraph as ox
import pytest

from kg.query.results import Result
from kg.view import answer
from kg.view.answer import spec_of, view_model
from kg.view.answer_html import answer_html, script_json

E = "https://w3id.org/ecomkg/id/entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"
HEADER = """# title: Test
# view: graph
# graph: source=a target=b source_label=la label=when
# timeline: date=when item=ev label=la
SELECT ?a ?b ?la ?when ?ev WHERE { ?a ?p ?b }
"""


def _lit(v: str, dt: str | None = None, lang: str | None = None) -> ox.Literal:
    if dt:
        return ox.Literal(v, datatype=ox.NamedNode(XSD + dt))
    return ox.Literal(v, language=lang) if lang else ox.Literal(v)


def _result(rows: list[tuple]) -> Result:
    return Result("select", variables=["a", "b", "la", "when", "ev"], rows=rows, seconds=0.01)


ROWS = [
    (ox.NamedNode(E + "x"), ox.NamedNode(E + "y"), _lit("X Corp", lang="en"), _lit("2024-03-05", "date"),
     ox.NamedNode("https://w3id.org/ecomkg/id/event/1")),
    (ox.NamedNode(E + "x"), ox.NamedNode(E + "z"), _lit("X Corp", lang="en"), _lit("2023-01", "gYearMonth"), None),
    (ox.NamedNode(E + "x"), ox.NamedNode(E + "y"), _lit("X Corp", lang="en"), _lit("2024-04-01", "date"), None),
    (ox.NamedNode(E + "y"), None, None, None, None),
]


def _describe(text: str) -> Result:
    """Stands in for the engine: every entity is a Platform labelled in both languages."""
    iris = re.findall(r"<([^>]+)>", text)
    rows = []
    for iri in iris:
        rows.append((ox.NamedNode(iri), ox.NamedNode("https://w3id.org/ecomkg/ontology#Platform"),
                     _lit(iri.rsplit("/", 1)[1].upper() + "台", lang="zh")))
        rows.append((ox.NamedNode(iri), None, _lit(iri.rsplit("/", 1)[1].upper(), lang="en")))
    return Result("select", variables=["s", "c", "label"], rows=rows)


def test_spec_reads_graph_and_timeline_headers() -> None:
    spec, name = spec_of(HEADER)
    assert name is None and spec.view == "graph" and spec.title == "Test"
    assert spec.graph == ({"source": "a", "target": "b", "source_label": "la", "label": "when"},)
    assert spec.timeline == {"date": "when", "item": "ev", "label": "la"}


def test_every_graph_or_timeline_canned_query_declares_existing_variables() -> None:
    from kg.query import load_canned

    for name, q in load_canned().items():
        spec, _ = spec_of(name)
        selected = set(re.findall(r"\?(\w+)", q.text.split("WHERE")[0]))
        for edge in spec.graph:
            assert {edge["source"], edge["target"]} <= selected, name
        if spec.timeline:
            assert spec.timeline["date"] in selected, name
        if q.view == "graph" and "CONSTRUCT" not in q.text:  # a CONSTRUCT answer draws its triples
            assert spec.graph, f"{name}: a graph view needs a # graph: header"
        if q.view == "timeline":
            assert spec.timeline, f"{name}: a timeline view needs a # timeline: header"


def test_graph_merges_rows_per_pair_and_names_nodes() -> None:
    model = view_model(_result(ROWS), query=HEADER, run=_describe)
    graph = model["graph"]
    assert {n["id"] for n in graph["nodes"]} == {"iri:" + E + "x", "iri:" + E + "y", "iri:" + E + "z"}
    x = next(n for n in graph["nodes"] if n["iri"] == E + "x")
    assert (x["label"], x["also"], x["kind"]) == ("X Corp", "X台", "Platform")
    y = next(n for n in graph["nodes"] if n["iri"] == E + "y")
    assert (y["label"], y["also"]) == ("Y台", "Y"), "unlabelled in the row: the Chinese label, English beside it"
    xy = [e for e in graph["edges"] if e["to"] == "iri:" + E + "y"]
    assert len(xy) == 1 and xy[0]["rows"] == 2 and xy[0]["label"] == "2024-03-05 · 2024-04-01"
    assert model["palette"] == {"Platform": answer.PALETTE["Platform"], "Other": answer.PALETTE["Other"]}


def test_timeline_orders_dated_rows_and_counts_undated() -> None:
    model = view_model(_result(ROWS), query=HEADER, run=_describe)
    items = model["timeline"]["items"]
    assert [i["date"] for i in items] == ["2023-01", "2024-03-05", "2024-04-01"]
    assert items[1]["iri"] == "https://w3id.org/ecomkg/id/event/1"
    assert model["timeline"]["undated"] == 1


def test_guessed_graph_and_timeline_without_headers() -> None:
    model = view_model(_result(ROWS), query="SELECT ?a ?b ?la ?when ?ev WHERE { ?a ?p ?b }")
    assert model["view"] == "table"
    assert len(model["graph"]["edges"]) == 2 and len(model["timeline"]["items"]) == 3


def test_graph_is_capped_and_says_how_much_was_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answer, "MAX_NODES", 5)
    rows = [(ox.NamedNode(E + "hub"), ox.NamedNode(E + f"n{i}"), None, None, None) for i in range(12)]
    graph = view_model(_result(rows), query=HEADER)["graph"]
    assert len(graph["nodes"]) == 5 and graph["nodes_left_out"] == 8
    assert any(n["iri"] == E + "hub" for n in graph["nodes"]), "the most connected node is kept"
    assert len(graph["edges"]) == 4 and graph["edges_left_out"] == 8


def test_reader_choice_of_view_wins_and_bad_choice_falls_back() -> None:
    assert view_model(_result(ROWS), query=HEADER, view="timeline")["view"] == "timeline"
    assert view_model(_result(ROWS), query=HEADER, view="<script>")["view"] == "graph"


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--<script>", "a\u2028b\u2029c", "&lt;"])
def test_script_json_cannot_end_its_element(text: str) -> None:
    encoded = script_json({"t": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == {"t": text}


def test_answer_file_scripts_match_its_csp_hashes() -> None:
    model = view_model(_result(ROWS), query=HEADER)
    page = answer_html(model)
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "default-src 'none'" in csp and "unsafe-inline" not in script_src
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 3
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    data = re.search(r'<script type="application/json" id="kg-answer">(.*?)</script>', page, flags=re.S).group(1)
    assert json.loads(data)["graph"] == model["graph"]
    assert not re.search(r"(src|href)=\"https?:", page), "nothing loaded from a host"


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory):
    from tests.query_fixtures import make_store

    return make_store(tmp_path_factory.mktemp("view-answer") / "store")


@pytest.mark.parametrize("args,message", [
    (["-F", "html"], "give -o answer.html"),
    (["-F", "html", "--view", "pie", "-o", "x.html"], "--view must be one of table, graph, timeline"),
], ids=["no-output", "bad-view"])
def test_cli_html_needs_a_file_and_a_known_view(fixture_store, args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["query", "partnerships", "--store", str(fixture_store), *args])
    assert result.exit_code == 1 and message in result.output


def test_cli_html_writes_the_chosen_view(fixture_store, tmp_path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "a.html"
    result = CliRunner().invoke(app, ["query", "partnerships", "--store", str(fixture_store), "-F", "html",
                                      "--view", "table", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = re.search(r'id="kg-answer">(.*?)</script>', out.read_text(encoding="utf-8"), flags=re.S).group(1)
    model = json.loads(data)
    assert model["view"] == "table" and model["default_view"] == "graph" and model["name"] == "partnerships"
    assert model["graph"]["nodes"] and all(n["kind"] != "Other" for n in model["graph"]["nodes"] if n["iri"])
