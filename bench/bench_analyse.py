"""Cost of `kg analyse` on synthetic entity graphs of research-corpus sizes.

A graph with preferential attachment (a few hubs, as platforms are) of N entities and 3N
facts; each stage of kg.analyse.rank is timed, with networkx's own pure-Python PageRank
as the baseline measured in the same run, and the sampled betweenness compared with the
exact one where that is affordable (how many of the exact top 20 the sample keeps).

    python bench/bench_analyse.py                 # N = 2000 and 20000, table to stdout
    python bench/bench_analyse.py --sizes 5000 --out bench/ANALYSE-RESULTS.md
"""
from __future__ import annotations

import argparse
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.analyse import rank
from kg.analyse.export import export

KINDS = ("Platform", "Company", "GovernmentBody", "Person", "Service", "Policy")


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(n):
        graph.add_node(f"e{i}", label=f"entity {i}", kind=KINDS[i % len(KINDS)], labels=[f"entity {i}"], aliases=[])
    targets = ["e0", "e1"]
    for j in range(3 * n):
        u = rng.choice(targets)  # hubs attract more facts
        v = f"e{rng.randrange(n)}"
        if u != v:
            graph.add_edge(u, v, key=f"f{j}", relation="partnerOf", documents=[f"d{j % 97}"], event=None, date=None,
                           evidence=None)
            targets += [u, v]
    return graph


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def run(n: int) -> list[tuple[str, float, str]]:
    graph = synthetic(n)
    rows: list[tuple[str, float, str]] = []
    simple, t = timed(rank.projection, graph)
    rows.append(("projection", t, f"{simple.number_of_edges()} linked pairs"))
    base, t_base = timed(nx.algorithms.link_analysis.pagerank_alg._pagerank_python, simple, weight="weight")
    rows.append(("baseline: networkx pure-Python PageRank", t_base, ""))
    ours, t = timed(rank.pagerank, simple)
    top = sorted(base, key=base.get, reverse=True)[:20]
    same = len(set(top) & set(sorted(ours, key=ours.get, reverse=True)[:20]))
    rows.append(("PageRank (kg)", t, f"top 20 equal to networkx's: {same}/20"))
    sampled, t = timed(rank.betweenness, simple)
    note = "exact" if n <= rank.EXACT_BETWEENNESS else f"{rank.BETWEENNESS_SAMPLES} sampled sources"
    if n <= 5000:
        exact, t_exact = timed(nx.betweenness_centrality, simple)
        top = sorted(exact, key=exact.get, reverse=True)[:20]
        kept = len(set(top) & set(sorted(sampled, key=sampled.get, reverse=True)[:20]))
        rows.append(("betweenness, exact (networkx)", t_exact, ""))
        note += f"; keeps {kept}/20 of the exact top 20"
    rows.append(("betweenness (kg)", t, note))
    groups, t = timed(rank.communities, simple)
    rows.append(("communities (Louvain)", t, f"{len(groups)} communities"))
    _, t = timed(rank.rankings, graph, top=10)
    rows.append(("rankings() whole (score + order)", t, ""))
    with tempfile.TemporaryDirectory() as tmp:
        _, t = timed(export, graph, Path(tmp) / "g.gexf")
    rows.append(("export GEXF (with scores)", t, ""))
    return [(name, secs, f"{secs / t_base:.2f}", note) for name, secs, note in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = ["# Network analysis cost", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, networkx {nx.__version__}. "
             f"Command: `python bench/bench_analyse.py --sizes {' '.join(map(str, args.sizes))}`.",
             "Synthetic entity graphs with preferential attachment, N entities and 3N facts. "
             "Baseline in the same run: networkx's pure-Python PageRank on the same graph.", ""]
    for n in args.sizes:
        lines += [f"## {n} entities", "", "| stage | seconds | × baseline | note |", "|---|---:|---:|---|"]
        lines += [f"| {name} | {secs:.2f} | {ratio} | {note} |" for name, secs, ratio, note in run(n)]
        lines.append("")
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
