"""`kg build --jobs N`: shards of files read and extracted in worker processes give the same
bytes as one process; a worker that dies loses only its own shard, reported."""
from __future__ import annotations

import itertools
import json
import shutil
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.shards
from kg.build import build
from kg.errors import KgError
from kg.ingest.corpus import walk_corpus
from kg.model import FileOutcome, FileResult
from kg.shards import EXIT_HOOK, _in_order, plan, plan_sizes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HOSTILE = ROOT / "tests" / "data" / "hostile"
OUTPUTS = ("graph.nq", "graph.trig", "texts.jsonl", "manifest.json")


def _same(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Workers even for a small corpus; the list fills with the number of shards they read."""
    monkeypatch.setattr(kg.shards, "MIN_PARALLEL_BYTES", 0)
    ran: list[int] = []
    real = kg.shards._run_local

    def spy(entries, shards, *args):
        ran.append(len(shards))
        return real(entries, shards, *args)

    monkeypatch.setattr(kg.shards, "_run_local", spy)
    return ran


@pytest.mark.parametrize("corpus", [SEEDS, HOSTILE], ids=["seeds", "hostile"])
def test_build_jobs_two_gives_the_same_bytes(corpus: Path, tmp_path: Path, in_workers: list[int]) -> None:
    one = build(corpus, tmp_path / "one", load_store=False, site=False)
    two = build(corpus, tmp_path / "two", load_store=False, site=False, jobs=2)
    assert in_workers and in_workers[0] > 1, "the shards were read in worker processes"
    _same(tmp_path / "one", tmp_path / "two")
    assert (one.documents, one.events, one.quads) == (two.documents, two.events, two.quads)
    assert one.documents > 0


def test_a_worker_that_dies_loses_only_its_shard(tmp_path: Path, in_workers: list[int],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    clean = build(corpus, tmp_path / "clean", load_store=False, site=False)
    (corpus / "003_die.txt").write_text("Amazon closed 50,000 stores in 2021, the company said.\n", encoding="utf-8")
    monkeypatch.setenv(EXIT_HOOK, "003_die.txt")
    monkeypatch.setattr(kg.shards, "MAX_SHARD_FILES", 1)  # one file per shard: the loss is exactly one file
    report = build(corpus, tmp_path / "died", load_store=False, site=False, jobs=2)
    assert in_workers == [len(clean.files) + 1]
    died = {f["path"]: f for f in report.files}
    assert died["003_die.txt"]["status"] == "failed" and died["003_die.txt"]["documents"] == []
    (problem,) = died["003_die.txt"]["problems"]
    assert "worker process died (exit code 70)" in problem["message"] and problem["severity"] == "error"
    assert report.failed == 1
    for entry in clean.files:  # every other file exactly as in the build without the lost one
        assert died[entry["path"]] == entry
    assert (tmp_path / "clean" / "graph.nq").read_bytes() == (tmp_path / "died" / "graph.nq").read_bytes()


def test_shards_are_runs_of_files_balanced_by_bytes(tmp_path: Path) -> None:
    sizes = [5, 100, 7, 3, 60, 1, 1, 1, 40, 2]
    for n, size in enumerate(sizes):
        (tmp_path / f"{n:02d}.txt").write_bytes(b"x" * size)
    (tmp_path / "zz.bin").symlink_to("/nonexistent")
    entries = list(walk_corpus(tmp_path))
    shards = plan(entries, workers=2)
    assert [i for s in shards for i in s] == list(range(len(entries)))  # every entry once, in corpus order
    assert len(shards) > 2
    for s, target in zip(shards, _targets(shards, [*sizes, 0], 2), strict=True):
        held = sum(sizes[i] for i in s if i < len(sizes))
        assert held <= target or len(s) == 1, (s, held)


def _targets(shards: list[list[int]], sizes: list[int], workers: int) -> list[int]:
    """The byte target each shard was planned with: a share of the bytes not yet planned."""
    least = kg.shards.final_shard_bytes(sum(sizes), workers)
    left, out = sum(sizes), []
    for s in shards:
        out.append(kg.shards.shard_target(left, least, workers))
        left -= sum(sizes[i] for i in s)
    return out


def test_shards_shrink_towards_the_end_and_big_files_go_first() -> None:
    sizes = [1000] * 200
    shards = plan_sizes(sizes, 2)
    held = [sum(sizes[i] for i in s) for s in shards]
    assert held[0] >= 4 * held[-2] and held == sorted(held, reverse=True), held  # guided: big first, small last
    assert max(held[-3:]) <= sum(sizes) // (2 * 2 * kg.shards.SHARDS_PER_WORKER) + 1000
    order = kg.shards.dispatch_order([500, 90_000, 400, 300, 200_000], [9, 1, 8, 7, 1], least=1000)
    assert order == [4, 1, 0, 2, 3]  # lone big files first (biggest first), then corpus order


def test_workers_that_cannot_start_stop_the_build_plainly(tmp_path: Path, in_workers: list[int],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "/bin/false")  # the child exits before building its Pipeline
    with pytest.raises(KgError, match=r"a worker process could not start \(exit code 1\).*--jobs 1"):
        build(SEEDS, tmp_path / "out", load_store=False, site=False, jobs=2)
    assert in_workers and not (tmp_path / "out").exists()


@settings(max_examples=200, deadline=None)
@given(sizes=st.lists(st.integers(0, 50_000_000), max_size=200), workers=st.integers(1, 16))
def test_any_corpus_is_planned_as_runs_that_cover_it_once(sizes: list[int], workers: int) -> None:
    shards = plan_sizes(sizes, workers)
    assert [i for s in shards for i in s] == list(range(len(sizes)))  # each file once, in corpus order
    assert all(s for s in shards)
    targets = _targets(shards, sizes, workers)
    assert targets == sorted(targets, reverse=True)
    for s, target in zip(shards, targets, strict=True):
        assert len(s) <= kg.shards.MAX_SHARD_FILES
        assert target <= kg.shards.MAX_SHARD_BYTES or target == 1
        assert sum(sizes[i] for i in s) <= target or len(s) == 1  # only a file bigger than a shard stands alone
    for (a, b), target in zip(itertools.pairwise(shards), targets, strict=False):
        # a shard is closed only when the next file would overfill it
        assert sum(sizes[i] for i in a) + sizes[b[0]] > target or len(a) == kg.shards.MAX_SHARD_FILES


@settings(max_examples=100, deadline=None)
@given(data=st.data(), lengths=st.lists(st.integers(1, 5), min_size=1, max_size=30))
def test_outcomes_come_out_in_corpus_order_whatever_order_shards_finish(data, lengths: list[int]) -> None:
    shards, names, at = [], [], 0
    for n in lengths:
        shards.append(list(range(at, at + n)))
        names += [f"f{i}" for i in range(at, at + n)]
        at += n
    finishing = data.draw(st.permutations(range(len(shards))))
    finished = [(k, [FileOutcome(FileResult(names[i], "text", None)) for i in shards[k]]) for k in finishing]
    out = [o.file.path for o in _in_order(iter(finished), shards, len(names), lambda *a: None)]
    assert out == names


STUCK_CHILD = """
import kg.extract

class Stuck(kg.extract.Pipeline):  # the hanging_corpus fixture's Pipeline, in the worker process
    def __call__(self, doc):
        while "Hang Corp" in doc.text:
            pass
        return super().__call__(doc)

kg.extract.Pipeline = Stuck
from kg.shards import _serve
_serve({ner!r})
"""


def test_a_never_ending_document_in_a_worker_is_reported_as_timed_out(tmp_path: Path, hanging_corpus: Path,
                                                                      in_workers: list[int],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs 2: a worker stuck on one document is stopped by its time budget; the manifest
    reports that document as timed out, and the other file, its text and its facts are kept."""
    monkeypatch.setattr(kg.shards.ShardWorker, "CHILD", STUCK_CHILD)
    began = time.monotonic()
    report = build(hanging_corpus, tmp_path / "out", load_store=False, site=False, jobs=2, doc_timeout=2.0)
    assert time.monotonic() - began < 600
    assert in_workers == [2], "each file was read in a worker process"
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for f in manifest["files"]}
    assert files["a.txt"]["status"] == "ok" and files["a.txt"]["triples"] > 5
    assert files["hang.txt"]["status"] == "partial" and files["hang.txt"]["documents"] == ["hang.txt"]
    (problem,) = files["hang.txt"]["problems"]
    assert problem["severity"] == "error"
    assert problem["message"] == ("extraction of the document stopped after its time budget of 2 s (--doc-timeout): "
                                  "it has no facts; its text is kept")
    texts = (tmp_path / "out" / "texts.jsonl").read_text(encoding="utf-8")
    assert "Hang Corp announced" in texts and "Amazon closed 50,000 stores" in texts
    assert report.events >= 1 and manifest["totals"]["failed"] == 1  # a.txt's event; only hang.txt failed
