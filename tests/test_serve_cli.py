"""`kg serve DIR`: the build folder as a plain argument, as `kg build`'s next steps and `kg analyse DIR` spell it."""
from __future__ import annotations

import subprocess
import sys
import urllib.request


def _serve(*args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", *args, "--port", "0", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline()


def test_serve_takes_the_build_folder_as_an_argument(seed_build) -> None:
    proc, first = _serve(str(seed_build.out))
    try:
        assert first.startswith("SPARQL endpoint http://127.0.0.1:"), first + (proc.stderr.read() if proc.poll() else "")
        base = first.split()[2].rsplit("/sparql", 1)[0]
        with urllib.request.urlopen(base + "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", timeout=30) as answer:
            assert answer.status == 200 and b"true" in answer.read()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_names_a_missing_build_folder(tmp_path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kg", "serve", str(tmp_path / "nowhere"), "--port", "0"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "nowhere" in proc.stderr
