"""`kg build --dask`: the shards run as Dask tasks and give the same bytes as one process; a
worker process that dies loses only its own shard, reported; a wrong address is a clear error.
One LocalCluster (two worker processes) serves the module, reached by its tcp:// address as
`--dask tcp://host:port` would; one test starts `--dask local` itself."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.shards
from kg.build import build
from kg.cli import app
from kg.shards import EXIT_HOOK

distributed = pytest.importorskip("distributed")  # the test extra installs it

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HOSTILE = ROOT / "tests" / "data" / "hostile"
OUTPUTS = ("graph.nq", "graph.trig", "texts.jsonl", "manifest.json")
DIE = "003_die.txt"  # a worker process reading a file of this name exits (EXIT_HOOK)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    os.environ[EXIT_HOOK] = DIE  # the workers' processes inherit it
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=":0",
                                      silence_logs=40) as cluster:
            yield cluster.scheduler_address
    finally:
        os.environ.pop(EXIT_HOOK, None)


def _same(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.mark.parametrize("corpus", [SEEDS, HOSTILE], ids=["seeds", "hostile"])
def test_dask_gives_the_bytes_of_one_process(corpus: Path, scheduler: str, tmp_path: Path) -> None:
    assert scheduler.startswith("tcp://")
    one = build(corpus, tmp_path / "one", load_store=False, site=False)
    on_dask = build(corpus, tmp_path / "dask", load_store=False, site=False, dask=scheduler)
    _same(tmp_path / "one", tmp_path / "dask")
    assert (one.documents, one.quads) == (on_dask.documents, on_dask.quads) and one.documents > 0


def test_a_dask_worker_process_that_dies_loses_only_its_shard(scheduler: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    clean = build(corpus, tmp_path / "clean", load_store=False, site=False)
    (corpus / DIE).write_text("Amazon closed 50,000 stores in 2021, the company said.\n", encoding="utf-8")
    monkeypatch.setattr(kg.shards, "MAX_SHARD_FILES", 1)  # one file per shard: the loss is exactly one file
    report = build(corpus, tmp_path / "died", load_store=False, site=False, dask=scheduler)
    died = {f["path"]: f for f in report.files}
    assert died[DIE]["status"] == "failed" and died[DIE]["documents"] == []
    (problem,) = died[DIE]["problems"]
    assert "worker process died (exit code 70)" in problem["message"]
    assert report.failed == 1
    for entry in clean.files:
        assert died[entry["path"]] == entry
    assert (tmp_path / "clean" / "graph.nq").read_bytes() == (tmp_path / "died" / "graph.nq").read_bytes()
    again = build(corpus, tmp_path / "again", load_store=False, site=False, dask=scheduler)  # the cluster recovered
    assert again.failed == 1 and again.documents == report.documents


def test_dask_local_starts_its_own_cluster(tmp_path: Path) -> None:
    build(HOSTILE, tmp_path / "one", load_store=False, site=False)
    result = CliRunner().invoke(app, ["build", str(HOSTILE), "--out", str(tmp_path / "local"), "--dask", "local",
                                      "--no-store", "--no-site", "-q"])
    assert result.exit_code == 0, result.output
    _same(tmp_path / "one", tmp_path / "local")


@pytest.mark.parametrize(("address", "message"), [
    ("localhost:8786", "expected 'local' or a scheduler address such as tcp://host:8786"),
    ("tcp://127.0.0.1:9", "no Dask scheduler answered there within 1 s"),
])
def test_a_bad_dask_address_is_a_clear_error(address: str, message: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.shards, "CONNECT_TIMEOUT", 1.0)
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "out"), "--dask", address,
                                      "--no-store", "--no-site", "-q"])
    assert result.exit_code == 2
    assert f"error: --dask {address}: {message}" in " ".join(result.output.split())
    assert not (tmp_path / "out" / "graph.nq").exists()
