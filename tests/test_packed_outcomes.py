"""Outcomes travel packed (kg.cache.pack) from a worker process: the cache and the spool keep
the whole outcome from those bytes, and the build's front reads a copy without the facts it
does not need (kg.shards.front_copy)."""
from __future__ import annotations

from pathlib import Path

from kg.cache import pack, unpack_own
from kg.extract import Pipeline
from kg.shards import answer, inputs, run_shard, unpacked
from kg.spool import Spool

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _outcomes():
    entries = inputs(SEEDS, SEEDS)[:12]
    return run_shard(Pipeline(ner="off"), entries, SEEDS, 0.0)


def test_a_worker_answer_keeps_the_whole_outcome_and_the_front_its_part() -> None:
    outcomes = _outcomes()
    packed = unpacked(answer(outcomes))
    assert len(packed) == len(outcomes)
    assert any(ex.events or ex.relations or ex.figures for o in outcomes for ex in o.extractions)
    for original, (front, blob) in zip(outcomes, packed, strict=True):
        assert blob is not None and unpack_own(blob) == original  # what the cache and the spool keep
        assert front.file == original.file and front.problems == original.problems
        assert [ex.document for ex in front.extractions] == [ex.document for ex in original.extractions]
        assert [ex.mentions for ex in front.extractions] == [ex.mentions for ex in original.extractions]
        assert not any(ex.events or ex.relations or ex.dates or ex.figures for ex in front.extractions)


def test_the_spool_gives_back_whole_outcomes_packed_here_or_in_a_worker(tmp_path: Path) -> None:
    outcomes = _outcomes()
    spool = Spool(tmp_path / "spool", docs_per_chunk=5)
    for i, o in enumerate(outcomes):
        spool.add(o, pack(o) if i % 2 else None)  # half as a worker's bytes, half packed by the spool
    back = [o for _, chunk in spool.chunks() for o in chunk]
    assert back == outcomes and spool.count > 1
