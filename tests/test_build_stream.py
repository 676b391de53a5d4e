"""A streamed build (outcomes spooled in chunks, quads sorted in runs on disk) gives the same
bytes however small the chunks and runs are."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import kg.build
import kg.external_sort
import kg.graph_parts
import kg.shards
import kg.spool
from kg.build import build
from kg.external_sort import ExternalSort

HERE = Path(__file__).resolve().parent
CORPORA = [HERE.parent / "seeds", HERE / "data" / "hostile"]


def _outputs(folder: Path) -> dict[str, bytes]:
    out = {name: (folder / name).read_bytes() for name in ("graph.nq", "graph.trig", "texts.jsonl")}
    out["manifest.json"] = json.dumps(json.loads((folder / "manifest.json").read_text(encoding="utf-8")),
                                      sort_keys=True).encode()
    return out


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_tiny_chunks_and_runs_give_the_same_bytes(corpus: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    whole = build(corpus, tmp_path / "whole", load_store=False, site=False)
    monkeypatch.setattr(kg.spool, "SPOOL_DOCS", 3)
    monkeypatch.setattr(kg.external_sort, "RUN_LINES", 40)
    monkeypatch.setattr(kg.external_sort, "MAX_RUNS", 3)  # runs merged on the way too
    monkeypatch.setattr(kg.shards, "MAX_SHARD_FILES", 1)  # outcomes arrive a file at a time
    spools: list[kg.spool.Spool] = []
    real_flush = kg.spool.Spool.flush
    monkeypatch.setattr(kg.spool.Spool, "flush", lambda self: spools.append(self) or real_flush(self))
    tiny = build(corpus, tmp_path / "tiny", load_store=False, site=False)
    assert spools and spools[-1].count > 1, "the corpus was spooled in several chunks"
    assert _outputs(tmp_path / "whole") == _outputs(tmp_path / "tiny")
    assert (whole.documents, whole.entities, whole.events, whole.quads) == \
        (tiny.documents, tiny.entities, tiny.events, tiny.quads)
    assert sorted(p.name for p in (tmp_path / "tiny").iterdir()) == \
        ["cache", "graph.nq", "graph.trig", "manifest.json", "texts.jsonl", "timings.json"], "no spool or sort runs left behind"


def test_external_sort_equals_sorted_distinct(tmp_path: Path) -> None:
    rng = random.Random(7)
    alphabet = ["a", "b", " ", "\t", "é", "\u2028", "\uffff", "\U0001f600", "\U00010000", '"', "<", ">"]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) + "\n" for _ in range(3000)]
    sorter = ExternalSort(tmp_path, "t", run_lines=97)
    sorter.extend(line.encode() for line in lines)
    assert len(sorter.runs) > 1
    assert [line.decode() for line in sorter.merged()] == sorted(set(lines)), "UTF-8 bytes sort as code points"
    assert not list(tmp_path.iterdir()), "run files removed"


def test_block_merge_equals_sorted_distinct(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs merged a few lines at a time (tiny blocks, runs of unequal lengths, lines in several
    runs, an empty run) give the sorted distinct lines, each once."""
    monkeypatch.setattr(kg.external_sort, "BLOCK_BYTES", 16)
    monkeypatch.setattr(kg.external_sort, "WRITE_LINES", 7)
    rng = random.Random(3)
    lines = [("".join(rng.choice("ab c") for _ in range(rng.randint(0, 5))) + "\n").encode() for _ in range(2000)]
    sorter = ExternalSort(tmp_path, "m", run_lines=10_000)
    for size in (0, 1, 5, 300, 1700, 2000):  # each run a sample of the lines, some in many runs
        sorter.extend(rng.sample(lines, size))
        sorter.spill()
    assert len(sorter.runs) == 5
    blocks = list(sorter.merged_blocks())
    assert len(blocks) > 5 and all(blocks)
    assert [line for b in blocks for line in b] == sorted(set(lines))
    assert not list(tmp_path.iterdir()), "run files removed"


def test_extend_makes_the_runs_add_makes(tmp_path: Path) -> None:
    lines = [f"{i % 37}\n".encode() for i in range(500)]
    one, bulk = ExternalSort(tmp_path / "one", "a", run_lines=23), ExternalSort(tmp_path / "bulk", "a", run_lines=23)
    for line in lines:
        one.add(line)
    for k in range(0, 500, 60):
        bulk.extend(iter(lines[k : k + 60]))
    one.spill()
    bulk.spill()
    assert [p.read_bytes() for p in one.runs] == [p.read_bytes() for p in bulk.runs]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_quads_made_in_worker_processes_give_the_same_bytes(corpus: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs 2 makes each chunk's quads in worker processes (kg.graph_parts) and merges their runs."""
    whole = build(corpus, tmp_path / "whole", load_store=False, site=False)
    monkeypatch.setattr(kg.spool, "SPOOL_DOCS", 3)
    monkeypatch.setattr(kg.external_sort, "MAX_RUNS", 3)  # the adopted runs are merged on the way too
    asked: list[str] = []
    real_submit = kg.graph_parts.QuadPool.submit
    monkeypatch.setattr(kg.graph_parts.QuadPool, "submit",
                        lambda self, task, *args: asked.append(task.__name__) or real_submit(self, task, *args))
    parts = build(corpus, tmp_path / "parts", load_store=False, site=False, jobs=2)
    assert asked.count("chunk_runs") > 1 and asked.count("merge_into") == 1, asked
    assert _outputs(tmp_path / "whole") == _outputs(tmp_path / "parts")
    assert (whole.entities, whole.events, whole.quads) == (parts.entities, parts.events, parts.quads)
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == \
        ["cache", "graph.nq", "graph.trig", "manifest.json", "texts.jsonl", "timings.json"], "no spool or sort runs left behind"


def test_a_failing_quad_task_is_reported_and_the_pool_goes_on(tmp_path: Path) -> None:
    from kg.errors import KgError
    from kg.graph_parts import QuadPool, SharedTables, merge_into

    run = tmp_path / "a.run"
    run.write_text("a\nb\n", encoding="utf-8")
    pool = QuadPool(1, SharedTables({}, {}, []))
    try:
        missing = pool.submit(merge_into, [tmp_path / "missing.run"], tmp_path / "x.nq")
        good = pool.submit(merge_into, [run], tmp_path / "out.nq")
        with pytest.raises(KgError, match="FileNotFoundError"):
            missing.result(timeout=60)
        assert good.result(timeout=60) == 2
    finally:
        pool.shutdown()
    assert (tmp_path / "out.nq").read_text(encoding="utf-8") == "a\nb\n"


def test_a_quad_pool_started_before_its_tables_runs_tasks_once_they_are_shared(tmp_path: Path) -> None:
    from kg.graph_parts import QuadPool, SharedTables, merge_into

    run = tmp_path / "a.run"
    run.write_text("a\nb\n", encoding="utf-8")
    pool = QuadPool(2)  # its processes start now; a build shares the tables once resolution is done
    try:
        with pytest.raises(AssertionError):
            pool.submit(merge_into, [run], tmp_path / "early.nq")
        pool.share(SharedTables({}, {}, []))
        assert pool.submit(merge_into, [run], tmp_path / "out.nq").result(timeout=60) == 2
    finally:
        pool.shutdown()
    assert (tmp_path / "out.nq").read_text(encoding="utf-8") == "a\nb\n"
