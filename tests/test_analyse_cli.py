"""`kg analyse`, `kg path`, `kg export` and `kg.analyse.to_dataframe` on a small build."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app

DOCS = {
    "a.txt": "商务部约谈拼多多\n\n2024年3月5日,商务部约谈拼多多,要求其整改。同日,京东与顺丰宣布达成战略合作。\n",
    "b.txt": "JD and Pinduoduo partner\n\nOn April 2, 2024, JD.com and Pinduoduo announced a strategic partnership "
             "to share logistics.\n",
}
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("analyse-cli")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    build(corpus, root / "out")
    return root / "out"


def test_analyse_ranks_per_class_and_lists_communities(built: Path) -> None:
    result = runner.invoke(app, ["analyse", str(built), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["entities"] == 5
    assert data["rankings"]["Platform"][0]["label"] == "拼多多", "the platform between regulator and partners leads"
    assert data["rankings"]["GovernmentBody"][0]["label"] == "商务部"
    assert {"degree", "betweenness", "pagerank", "community"} <= set(data["rankings"]["Platform"][0])
    members = [m["label"] for c in data["communities"] for m in c["members"]]
    assert len(members) == len(set(members)), "each entity is in one community"
    assert {"拼多多", "京东", "顺丰", "商务部"} <= set(members)


def test_analyse_table_names_classes_and_measures(built: Path) -> None:
    result = runner.invoke(app, ["analyse", str(built), "--by", "betweenness", "-n", "1"])
    assert result.exit_code == 0, result.output
    for word in ("Platform", "GovernmentBody", "betweenness", "pagerank", "拼多多", "Communities"):
        assert word in result.output
    assert "京东" not in result.output.split("GovernmentBody")[0], "-n 1 keeps only the top platform"


def test_analyse_bad_measure_and_missing_build(tmp_path: Path, built: Path) -> None:
    bad = runner.invoke(app, ["analyse", str(built), "--by", "closeness"])
    assert bad.exit_code == 1 and "--by must be one of" in bad.output
    missing = runner.invoke(app, ["analyse", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "no such build" in missing.output


def test_path_chains_facts_with_evidence_and_documents(built: Path) -> None:
    result = runner.invoke(app, ["path", str(built), "商务部", "顺丰"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("商务部 → 拼多多 → 京东 → 顺丰")
    assert "—Enforcement→" in result.output
    assert "“2024年3月5日,商务部约谈拼多多,要求其整改。”" in result.output
    assert "strategic partnership to share logistics" in result.output, "the English document links the two platforms"
    assert "(JD and Pinduoduo partner · 2024-04-02)" in result.output


def test_path_takes_english_names_iris_and_any_case(built: Path) -> None:
    by_name = runner.invoke(app, ["path", str(built), "pinduoduo", "JD.com", "--json"])
    assert by_name.exit_code == 0, by_name.output
    chain = json.loads(by_name.output)[0]
    assert len(chain) == 1 and chain[0]["relation"] == "Partnership"
    assert chain[0]["documents"][0]["headline"] == "JD and Pinduoduo partner"
    by_iri = runner.invoke(app, ["path", str(built), chain[0]["source"], "kgr:entity/" + chain[0]["target"].rsplit("/", 1)[1],
                                 "--json"])
    assert by_iri.exit_code == 0, by_iri.output
    assert json.loads(by_iri.output)[0][0]["event"] == chain[0]["event"]


def test_path_unknown_name_suggests_and_exits_1(built: Path) -> None:
    result = runner.invoke(app, ["path", str(built), "Pinduodou", "京东"])
    assert result.exit_code == 1
    assert "no entity named 'Pinduodou'" in result.output and "did you mean 'Pinduoduo'" in result.output


def test_export_graphml_and_gexf_round_trip(built: Path, tmp_path: Path) -> None:
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"g.{fmt}"
        result = runner.invoke(app, ["export", str(built), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 6
        node = next(d for _, d in graph.nodes(data=True) if d.get("label") == "拼多多")
        assert node["kind"] == "Platform" and float(node["pagerank"]) > 0 and "Pinduoduo" in node["labels"]
        assert any("要求其整改" in str(d.get("evidence", "")) for *_, d in graph.edges(data=True))
    bad = runner.invoke(app, ["export", str(built), "-o", str(tmp_path / "g.csv")])
    assert bad.exit_code == 1 and "graphml, gexf" in bad.output


def test_to_dataframe_types_query_answers(built: Path) -> None:
    import pandas as pd

    from kg.analyse import to_dataframe

    frame = to_dataframe(built, "SELECT ?e ?d ?n ?x WHERE { ?e kg:date ?d . BIND(3 AS ?n) BIND(2.5 AS ?x) }")
    assert len(frame) == 3
    assert pd.api.types.is_datetime64_any_dtype(frame["d"])
    assert frame["d"].min() == pd.Timestamp("2024-03-05")
    assert str(frame["n"].dtype) == "Int64" and frame["n"].sum() == 9
    assert frame["x"].dtype == "float64"
    assert frame["e"].str.startswith("https://w3id.org/ecomkg/id/event/").all()


def test_to_dataframe_of_facts(built: Path) -> None:
    import pandas as pd

    from kg.analyse import to_dataframe, to_networkx

    facts = to_dataframe(to_networkx(built))
    assert len(facts) == 6
    assert pd.api.types.is_datetime64_any_dtype(facts["date"])
    enforcement = facts[facts["relation"] == "Enforcement"].iloc[0]
    assert (enforcement["source_label"], enforcement["target_label"]) == ("商务部", "拼多多")
    assert enforcement["date"] == pd.Timestamp("2024-03-05")


def test_to_dataframe_without_pandas_says_what_to_install(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.analyse import to_dataframe
    from kg.errors import KgError

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KgError, match=r'pip install "kg\[analysis\]"'):
        to_dataframe(built)


def test_build_without_store_is_read_from_its_graph_file(built: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "files-only"
    copy.mkdir()
    shutil.copy(built / "graph.nq", copy / "graph.nq")
    result = runner.invoke(app, ["path", str(copy), "商务部", "顺丰"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("商务部 → 拼多多 → 京东 → 顺丰")
