"""Rankings and communities on graphs whose answer is known by construction."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.analyse.rank import community_table, pagerank, projection, rankings, score


def _entity_graph(edges: list[tuple[str, str]], kinds: dict[str, str] | None = None) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    kinds = kinds or {}
    for i, (u, v) in enumerate(edges):
        for n in (u, v):
            if n not in graph:
                graph.add_node(n, label=n.upper(), kind=kinds.get(n, "Company"), labels=[n.upper()], aliases=[])
        graph.add_edge(u, v, key=f"partnerOf@{i}", relation="partnerOf", documents=[], event=None, date=None,
                       evidence=None)
    return graph


def test_star_centre_ranks_first_by_every_measure() -> None:
    graph = _entity_graph([("hub", x) for x in "abcde"])
    for by in ("pagerank", "betweenness", "degree"):
        top = rankings(graph, top=2, by=by)["Company"]
        assert top[0].iri == "hub", by
        assert top[0].degree == 5
    assert rankings(graph, top=1)["Company"][0].betweenness == pytest.approx(1.0)


def test_rankings_are_per_class_and_capped() -> None:
    graph = _entity_graph([("p1", "c1"), ("p1", "c2"), ("p2", "c1"), ("g", "p1")],
                          {"p1": "Platform", "p2": "Platform", "g": "GovernmentBody"})
    ranked = rankings(graph, top=1)
    assert list(ranked) == ["Platform", "GovernmentBody", "Company"]  # CLASS_ORDER, not alphabetical
    assert [r.iri for r in ranked["Platform"]] == ["p1"]
    assert len(rankings(graph, top=None)["Company"]) == 2


def test_pagerank_sums_to_one_and_counts_repeated_facts_as_weight() -> None:
    graph = _entity_graph([("a", "b"), ("a", "b"), ("a", "b"), ("a", "c"), ("d", "e")])
    simple = projection(graph)
    assert simple["a"]["b"]["weight"] == 3
    pr = pagerank(simple)
    assert sum(pr.values()) == pytest.approx(1.0)
    assert pr["b"] > pr["c"], "three facts with a weigh more than one"


def test_pagerank_handles_isolated_entities() -> None:
    graph = _entity_graph([("a", "b")])
    graph.add_node("lonely", label="L", kind="Person")
    pr = pagerank(projection(graph))
    assert sum(pr.values()) == pytest.approx(1.0)
    assert 0 < pr["lonely"] < pr["a"]
    assert "Person" not in rankings(graph), "an entity in no fact is not ranked"
    assert [r.iri for r in rankings(graph, isolated=True)["Person"]] == ["lonely"]
    assert all(c.size >= 2 for c in community_table(graph)) and "lonely" not in {
        m.iri for c in community_table(graph, min_size=1) for m in c.members}


def test_two_cliques_joined_by_a_bridge_are_two_communities() -> None:
    left = [(a, b) for a in "abcd" for b in "abcd" if a < b]
    right = [(a, b) for a in "wxyz" for b in "wxyz" if a < b]
    graph = _entity_graph([*left, *right, ("d", "w")])
    table = community_table(graph)
    assert sorted(sorted(m.iri for m in c.members) for c in table) == [list("abcd"), list("wxyz")]
    assert all(c.size == 4 and c.kinds == {"Company": 4} for c in table)
    scores = score(graph)
    bridge = sorted(scores.values(), key=lambda r: -r.betweenness)[:2]
    assert {r.iri for r in bridge} == {"d", "w"}
    assert scores["a"].community == scores["b"].community != scores["x"].community


def test_scores_are_deterministic() -> None:
    edges = [(f"n{i}", f"n{(i * 7) % 23}") for i in range(23)] + [("n1", "n5"), ("n2", "n9")]
    first, again = score(_entity_graph(edges)), score(_entity_graph(edges))
    assert first == again
    reordered = score(_entity_graph(list(reversed(edges))))
    assert {k: v.pagerank for k, v in reordered.items()} == pytest.approx({k: v.pagerank for k, v in first.items()})


def test_unknown_measure_is_refused() -> None:
    with pytest.raises(ValueError, match="pagerank"):
        rankings(_entity_graph([("a", "b")]), by="closeness")


def test_seed_build_ranks_a_platform_first(seed_build) -> None:
    from kg.analyse import to_networkx

    graph = to_networkx(seed_build.out)
    ranked = rankings(graph, top=3)
    assert ranked["Platform"][0].degree >= ranked["Platform"][-1].degree
    assert all(r.kind == "Platform" for r in ranked["Platform"])
    table = community_table(graph)
    assert table and table[0].size >= table[-1].size >= 2
