"""One build per --out at a time, and nothing left behind by a build that was killed."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.errors import KgError
from kg.outlock import lock_path, out_lock, remove_stale

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two seed files (one Chinese, one English): a build of a few seconds."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("001_710bd98a8605bf67.txt", "003_85d686bf39080e4d.txt"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


def _whole(out: Path) -> None:
    """A complete output: every file there, the manifest listing both inputs, the graph parseable."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["status"] for f in manifest["files"]] == ["ok", "ok"]
    quads = list(ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == manifest["totals"]["quads"] > 0
    assert (out / "graph.trig").stat().st_size > 0


def _kg_build(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "-q", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _until(check, seconds: float, step: float = 0.005) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(step)
    return False


def _strays(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith((f".{out.name}.tmp-", f".{out.name}.old-")))


def _lock_owner(out: Path) -> str:
    try:
        return lock_path(out).read_text().strip()
    except FileNotFoundError:
        return ""


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_held_lock_stops_a_second_build_with_the_owner_named(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with out_lock(out):
        assert lock_path(out).read_text().strip() == str(os.getpid())
        began = time.monotonic()
        with pytest.raises(KgError, match=rf"another build \(PID {os.getpid()}\) is writing.*--wait"):
            build(SEEDS, out, load_store=False, wait=0.3)
        assert time.monotonic() - began >= 0.3  # it waited as asked before giving up
    assert not out.exists()
    assert not lock_path(out).exists()  # removed with the lock


def test_stale_temporary_folders_of_dead_builds_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead, alive = _dead_pid(), os.getppid()
    for name in (f".out.tmp-{dead}", f".out.old-{dead}", f".out.tmp-{alive}", f".other.tmp-{dead}"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "graph.nq").write_text("x")
    removed = remove_stale(out)
    assert sorted(p.name for p in removed) == [f".out.old-{dead}", f".out.tmp-{dead}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".other.tmp-{dead}", f".out.tmp-{alive}"]


def test_two_builds_into_one_out_leave_one_whole_output(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    first = _kg_build(corpus, out)
    try:
        assert _until(lambda: _lock_owner(out) == str(first.pid), 120), first.communicate()
        second = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "-q", "--no-store"],
                                capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert second.returncode == 2, second.stderr
        assert f"another build (PID {first.pid}) is writing" in second.stderr
        assert "Traceback" not in second.stderr
        third = build(corpus, out, load_store=False, wait=180)  # waits for the first to finish, then builds
        assert third.failed == 0
    finally:
        _, stderr = first.communicate(timeout=180)
    assert first.returncode == 0, stderr
    _whole(out)
    assert _strays(out) == []


def test_kill_9_then_a_new_build_leaves_no_stray_folder(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    victim = _kg_build(corpus, out)
    tmp = tmp_path / f".out.tmp-{victim.pid}"
    try:
        caught = _until(lambda: tmp.is_dir() or victim.poll() is not None, 180)
        assert caught and tmp.is_dir(), "the build ended before it began writing"
    finally:
        victim.kill()  # SIGKILL: no cleanup runs
        victim.communicate()
    assert victim.returncode == -9
    assert tmp.is_dir() and lock_path(out).exists()  # what the killed build left
    report = build(corpus, out, load_store=False)  # the lock died with the process: no wait
    assert report.failed == 0
    assert _strays(out) == [] and not lock_path(out).exists()
    _whole(out)


def test_wait_lets_a_second_build_run_once_the_first_is_done(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Amazon closed 50,000 stores on August 13, 2021.\n", encoding="utf-8")
    out = tmp_path / "out"
    held = threading.Event()

    def first() -> None:
        with out_lock(out):
            held.set()
            time.sleep(1.0)

    thread = threading.Thread(target=first)
    thread.start()
    assert held.wait(30)
    began = time.monotonic()
    report = build(corpus, out, load_store=False, wait=60)
    thread.join()
    assert time.monotonic() - began >= 0.9  # it waited for the lock instead of failing
    assert report.failed == 0 and (out / "manifest.json").is_file()
