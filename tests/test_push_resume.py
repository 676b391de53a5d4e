"""kg push that fails midway: it says how many graphs arrived and `--resume` sends the rest.

The server is a local Graph Store stub that answers 204 to the first N PUTs, then 500.
"""
from __future__ import annotations

import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.push import PushFailed, progress_path, push
from tests.query_fixtures import FIXTURE

runner = CliRunner()


class Stub(ThreadingHTTPServer):
    """Records the graph of every PUT it accepted; fails every PUT after `fail_after` of them."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _StubHandler)
        self.fail_after: int | None = None
        self.received: list[str] = []
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"


class _StubHandler(BaseHTTPRequestHandler):
    server: Stub

    def log_message(self, format: str, *args: object) -> None:
        return None

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        graph = query["graph"][0] if "graph" in query else "DEFAULT"
        with self.server.lock:
            ok = self.server.fail_after is None or len(self.server.received) < self.server.fail_after
            if ok:
                self.server.received.append(graph)
        self.send_response(204 if ok else 500)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture()
def stub():
    server = Stub()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture()
def build(tmp_path: Path) -> Path:
    """A build-like folder holding graph.nq (3 documents + the default graph = 4 graphs)."""
    folder = tmp_path / "out"
    folder.mkdir()
    ox.serialize(list(ox.parse(path=str(FIXTURE))), output=str(folder / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    return folder


def test_push_fails_midway_then_resumes_the_rest(stub: Stub, build: Path) -> None:
    stub.fail_after = 2
    with pytest.raises(PushFailed, match=r"2 of 4 graphs arrived.*--resume to send the other 2") as err:
        push(build, stub.url)
    assert (err.value.arrived, err.value.total) == (2, 4)
    assert err.value.progress == build / "push-progress.jsonl" and err.value.progress.is_file()
    first = list(stub.received)
    stub.fail_after = None
    report = push(build, stub.url, resume=True)
    assert (report.graphs, report.skipped) == (2, 2)
    assert stub.received[:2] == first and sorted(stub.received) == sorted(set(stub.received))
    assert len(stub.received) == 4 and "DEFAULT" in stub.received
    assert not progress_path(build).exists()


def test_push_resume_twice_counts_all_arrivals(stub: Stub, build: Path) -> None:
    stub.fail_after = 1
    with pytest.raises(PushFailed, match="1 of 4 graphs arrived"):
        push(build, stub.url)
    stub.fail_after = 3
    with pytest.raises(PushFailed, match="3 of 4 graphs arrived"):
        push(build, stub.url, resume=True)
    stub.fail_after = None
    assert push(build, stub.url, resume=True).graphs == 1 and len(set(stub.received)) == 4


def test_push_resume_refuses_another_endpoint_or_dataset(stub: Stub, build: Path) -> None:
    stub.fail_after = 2
    with pytest.raises(PushFailed):
        push(build, stub.url)
    with pytest.raises(StoreError, match="endpoint differs now, so it cannot be resumed"):
        push(build, stub.url + "2", resume=True)
    with (build / "graph.nq").open("a", encoding="utf-8") as f:
        f.write("<http://e/a> <http://e/b> <http://e/c> <http://e/g> .\n")
    with pytest.raises(StoreError, match="size differs now"):
        push(build, stub.url, resume=True)


def test_push_without_resume_sends_everything_again(stub: Stub, build: Path) -> None:
    stub.fail_after = 2
    with pytest.raises(PushFailed):
        push(build, stub.url)
    stub.fail_after = None
    assert push(build, stub.url).graphs == 4 and len(stub.received) == 6


def test_push_resume_with_no_progress_pushes_all_and_progress_can_live_elsewhere(stub: Stub, build: Path,
                                                                                tmp_path: Path) -> None:
    elsewhere = tmp_path / "p" / "progress.jsonl"
    elsewhere.parent.mkdir()
    stub.fail_after = 3
    with pytest.raises(PushFailed, match=str(elsewhere)):
        push(build / "graph.nq", stub.url, progress=elsewhere)
    assert elsewhere.is_file() and not progress_path(build).exists()
    stub.fail_after = None
    assert push(build / "graph.nq", stub.url, progress=elsewhere, resume=True).graphs == 1
    assert push(build, stub.url, resume=True).graphs == 4  # no progress beside the build: everything


def test_push_cli_reports_and_resumes(stub: Stub, build: Path) -> None:
    stub.fail_after = 2
    failed = runner.invoke(app, ["push", str(build), "--endpoint", stub.url])
    assert failed.exit_code == 1 and "2 of 4 graphs arrived" in " ".join(failed.output.split())
    stub.fail_after = None
    resumed = runner.invoke(app, ["push", str(build), "--endpoint", stub.url, "--resume"])
    assert resumed.exit_code == 0 and "2 graphs (2 already there)" in resumed.output
