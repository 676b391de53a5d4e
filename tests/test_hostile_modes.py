"""The hostile inputs of test_hostile_input, built under `--jobs 2` and on Dask: every input
ends in the manifest exactly as in one process (the big inputs, whose cut-off point depends
on the clock, with the same status and problems), and the good file beside them loses
nothing. One corpus holds them all, so each mode builds once."""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_hostile_input import BUDGET, FINISH, GOOD, SENTENCE, _linked_corpus

import kg.shards
from kg.build import build

distributed = pytest.importorskip("distributed")  # the test extra installs it

ROOT = Path(__file__).resolve().parent.parent
CLOCKED = {"big.jsonl", "huge.txt"}  # cut off by the time budget: where depends on the machine's speed
SLOW_READ = {"deep.html"}  # on a loaded machine its reading may outlast the budget and fall back to plain text


def _make(tmp: Path) -> Path:
    corpus = _linked_corpus(tmp)  # links out of the corpus, loops, a broken link, a link inside
    shutil.copy(GOOD, corpus / GOOD.name)
    for f in (ROOT / "tests" / "data" / "hostile").iterdir():  # records of the wrong shape
        shutil.copy(f, corpus / f.name)
    os.mkfifo(corpus / "pipe.txt")
    with open(os.fsencode(corpus) + b"/bad\xffname.txt", "wb") as f:
        f.write(b"Amazon closed 50,000 stores in 2021, the company said.\n")
    (corpus / "two\nlines.txt").write_bytes(b"")
    n = 100_000
    (corpus / "deep.html").write_text("<html><body>" + "<div>" * n + "<p>Deep page text.</p>" + "</div>" * n
                                      + "</body></html>", encoding="utf-8")
    (corpus / "big.jsonl").write_text(json.dumps({"title": "Long", "text": SENTENCE * (10_000_000 // len(SENTENCE))})
                                      + "\n", encoding="utf-8")
    with (corpus / "huge.txt").open("w", encoding="utf-8") as f:
        chunk = SENTENCE * 1000
        for _ in range(50_000_000 // len(chunk)):
            f.write(chunk)
    return corpus


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict, dict]]:
    """(corpus, its manifest entries built in one process, the good file's entry built alone)."""
    tmp = tmp_path_factory.mktemp("hostile")
    corpus = _make(tmp)
    alone = tmp / "alone"
    alone.mkdir()
    shutil.copy(GOOD, alone / GOOD.name)
    good = build(alone, tmp / "alone-out", load_store=False, site=False).files[0]
    assert good["triples"] > 0
    one = build(corpus, tmp / "one", load_store=False, site=False, doc_timeout=BUDGET)
    yield corpus, {f["path"]: f for f in one.files}, good


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", silence_logs=40) as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("mode", ["jobs2", "dask"])
def test_hostile_inputs_in_workers_lose_nothing_good(mode: str, hostile, scheduler: str, tmp_path: Path) -> None:
    corpus, one, good = hostile
    began = time.monotonic()
    if mode == "jobs2":
        report = build(corpus, tmp_path / "out", load_store=False, site=False, doc_timeout=BUDGET, jobs=2)
    else:
        report = build(corpus, tmp_path / "out", load_store=False, site=False, doc_timeout=BUDGET, dask=scheduler)
    assert time.monotonic() - began < 3 * FINISH  # three big inputs, each bounded by FINISH alone
    files = {f["path"]: f for f in report.files}
    assert list(files) == list(one)  # every input, in corpus order
    for path, entry in one.items():
        if path in CLOCKED:
            assert files[path]["status"] == entry["status"] == "partial", path
            assert any("time budget" in p["message"] for p in files[path]["problems"]), path
            assert len(files[path]["documents"]) == len(entry["documents"]), path
        elif path in SLOW_READ:
            assert (files[path]["status"], files[path]["documents"]) == (entry["status"], entry["documents"]), path
            (problem,) = files[path]["problems"]
            assert "nested 100,00" in problem["message"] or "read as plain text" in problem["message"], path
        else:
            assert files[path] == entry, path
    assert files[GOOD.name] == good  # the good file beside them is complete
    assert files["bad\\xffname.txt"]["status"] == "ok" and files["pipe.txt"]["status"] == "skipped"
    assert files["two\nlines.txt"]["status"] == "failed"


def test_the_hostile_corpus_is_read_in_shards(hostile) -> None:
    corpus, one, _ = hostile
    entries = kg.shards.inputs(corpus, corpus)
    shards = kg.shards.plan(entries, 2)
    assert len(entries) == len(one) and len(shards) > 2  # the parallel runs above really spread it
