"""A streamed build (outcomes spooled in chunks, quads sorted in runs on disk) gives the same
bytes however small the chunks and runs are."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import kg.build
import kg.external_sort
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
        ["cache", "graph.nq", "graph.trig", "manifest.json", "texts.jsonl"], "no spool or sort runs left behind"


def test_external_sort_equals_sorted_distinct(tmp_path: Path) -> None:
    rng = random.Random(7)
    alphabet = ["a", "b", " ", "\t", "é", "\u2028", "\U0001f600", '"', "<", ">"]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) + "\n" for _ in range(3000)]
    sorter = ExternalSort(tmp_path, "t", run_lines=97)
    sorter.extend(lines)
    assert len(sorter.runs) > 1
    assert list(sorter.merged()) == sorted(set(lines))
    assert not list(tmp_path.iterdir()), "run files removed"
