"""`kg build` records each stage's CPU and wall seconds in DIR/timings.json, beside a
manifest that stays free of them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg.shards
import kg.spool
from kg.build import build
from kg.stage_clock import STAGES, TIMINGS_FILE, StageClock

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EPS = 1e-3  # each number is rounded to 0.1 ms


def _timings(out: Path) -> dict:
    return json.loads((out / TIMINGS_FILE).read_text(encoding="utf-8"))


def _check_sums(t: dict) -> None:
    assert list(t["stages"]) == list(STAGES), "every stage, in order"
    for name, stage in t["stages"].items():
        assert set(stage) == {"cpu_s", "wall_s", "workers_cpu_s"}, name
        assert all(v >= 0 for v in stage.values()), (name, stage)
        assert stage["workers_cpu_s"] <= stage["cpu_s"] + EPS, (name, stage)
    assert sum(s["cpu_s"] for s in t["stages"].values()) <= t["total"]["cpu_s"] + EPS
    assert sum(s["wall_s"] for s in t["stages"].values()) <= t["total"]["wall_s"] + EPS


def test_build_writes_every_stage_with_sums_within_the_total(seed_build) -> None:
    out = seed_build.out
    t = _timings(out)
    _check_sums(t)
    assert t["documents"] == seed_build.documents and t["jobs"] == 1
    for name in ("front", "spool", "resolve", "quads", "write", "store", "site"):  # each ran and took time
        assert t["stages"][name]["wall_s"] > 0, name
    assert t["stages"]["front"]["cpu_s"] > t["stages"]["resolve"]["cpu_s"], "extraction costs more than resolution"
    assert t["stages"]["site"]["cpu_s"] > 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert TIMINGS_FILE in manifest["outputs"]
    assert "seconds" not in json.dumps(manifest) and "cpu_s" not in json.dumps(manifest), "no timings in the manifest"


def test_workers_cpu_is_counted_in_its_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.shards, "MIN_PARALLEL_BYTES", 0)  # workers even for the seeds
    monkeypatch.setattr(kg.spool, "SPOOL_DOCS", 5)  # several chunks: their quads made in worker processes
    build(SEEDS, tmp_path / "one", load_store=False, site=False, ner="off")
    build(SEEDS, tmp_path / "two", load_store=False, site=False, ner="off", jobs=2)
    for name in ("graph.nq", "graph.trig", "texts.jsonl", "manifest.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    one, two = _timings(tmp_path / "one"), _timings(tmp_path / "two")
    _check_sums(one)
    _check_sums(two)
    assert all(s["workers_cpu_s"] == 0 for s in one["stages"].values()), "one job: no worker processes"
    # each worker starts an interpreter and builds its pipeline: well over 0.1 s of CPU
    assert two["stages"]["front"]["workers_cpu_s"] > 0.1
    assert two["stages"]["quads"]["workers_cpu_s"] > 0
    assert two["stages"]["store"]["cpu_s"] < 0.01, "no store loaded"


def test_clock_counts_reported_and_reaped_cpu_in_the_running_stage() -> None:
    clock = StageClock()
    clock.workers(2.5)
    clock.lap("front")
    subprocess.run([sys.executable, "-c", "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.2: pass"],
                   check=True)
    clock.lap("quads")  # the child is not counted here ...
    subprocess.run([sys.executable, "-c", "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.2: pass"],
                   check=True)
    clock.lap("site", children=True)  # ... but here
    clock.carve("spool", 0.0, 0.0, into="front")
    t = clock.record(documents=3)
    _check_sums(t)
    assert t["documents"] == 3
    assert t["stages"]["front"]["workers_cpu_s"] == 2.5 and t["stages"]["front"]["cpu_s"] >= 2.5
    assert t["stages"]["quads"]["workers_cpu_s"] == 0 and t["stages"]["quads"]["cpu_s"] < 0.15
    assert t["stages"]["site"]["workers_cpu_s"] >= 0.19
    assert t["total"]["cpu_s"] >= 2.5 + 0.19
