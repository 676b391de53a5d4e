"""The entity graph of a build: nodes typed and labelled, facts from relations and events."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.analyse import to_networkx
from kg.build import build

DOC = """商务部约谈拼多多

2024年3月5日,商务部约谈拼多多,要求其整改。同日,京东与顺丰宣布达成战略合作。
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("analyse")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(DOC, encoding="utf-8")
    build(corpus, root / "out")
    return root / "out"


def _by_label(graph, label: str) -> str:
    return next(n for n, d in graph.nodes(data=True) if label in d["labels"])


def test_to_networkx_types_and_labels_nodes(built: Path) -> None:
    graph = to_networkx(built)
    mofcom = _by_label(graph, "商务部")
    assert graph.nodes[mofcom]["kind"] == "GovernmentBody"
    assert graph.nodes[mofcom]["label"] == "商务部"


def test_to_networkx_links_regulator_to_target_with_evidence(built: Path) -> None:
    graph = to_networkx(built)
    mofcom, pdd = _by_label(graph, "商务部"), _by_label(graph, "拼多多")
    edges = [d for d in graph.get_edge_data(mofcom, pdd, default={}).values() if d["relation"] == "Enforcement"]
    assert edges, "the summons links the regulator to the company it summoned"
    assert edges[0]["date"] == "2024-03-05"
    assert "约谈" in edges[0]["evidence"]
    assert edges[0]["documents"]


def test_to_networkx_same_from_file_and_folder(built: Path) -> None:
    from_folder, from_file = to_networkx(built), to_networkx(built / "graph.nq")
    assert sorted(from_folder.nodes) == sorted(from_file.nodes)
    assert sorted(from_folder.edges(keys=True)) == sorted(from_file.edges(keys=True))
