"""A small load test: 50 concurrent clients × 4 questions against kg serve, zero failures.

No timing is asserted (the machine is shared); bench/bench_serve_load.py measures latency
and memory on the seeds build.
"""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.serve import make_server
from tests.query_fixtures import make_store

MIX = [("platforms", {}), ("deals", {}), ("policy_timeline", {"org_name": "Amazon"}), ("entity_names", {}),
       ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}), ("ASK { ?x a kg:Platform }", {})]


@pytest.mark.slow
def test_serve_load_50_clients_no_failures(tmp_path: Path) -> None:
    server = make_server(make_store(tmp_path / "store"), port=0, timeout=60, workers=2)
    server.start_background()
    base = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    failures: list[str] = []
    answers: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(50)

    def client(n: int) -> None:
        start.wait()
        for i in range(4):
            text, params = MIX[(n + i) % len(MIX)]
            fields = urllib.parse.urlencode({"query": text, **{f"param.{k}": v for k, v in params.items()}})
            req = (urllib.request.Request(f"{base}?{fields}") if i % 2 else
                   urllib.request.Request(base, data=fields.encode(),
                                          headers={"Content-Type": "application/x-www-form-urlencoded"}))
            req.add_header("Accept", "application/sparql-results+json")
            try:
                with urllib.request.urlopen(req, timeout=120) as resp:
                    data = json.loads(resp.read())
                    ok = resp.status == 200 and ("results" in data or "boolean" in data)
                note = "" if ok else f"bad answer to {text}"
            except (urllib.error.URLError, OSError, ValueError) as err:
                ok, note = False, f"{text}: {type(err).__name__}: {err}"
            with lock:
                answers.append(int(ok))
                if not ok:
                    failures.append(note)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(50)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
    finally:
        server.shutdown_all()
    assert failures == [] and len(answers) == 200 and sum(answers) == 200
