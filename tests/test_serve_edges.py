"""kg serve against hostile or odd clients, over raw sockets: every case gets a status and
the security headers, never a traceback, a reset or a thread that stays busy."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from kg.serve import make_server
from kg.serve.http import SparqlServer
from tests.query_fixtures import make_store

MAX_CONNECTIONS = 4


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("edges") / "store")


@pytest.fixture(scope="module")
def server(store: Path):
    srv = make_server(store, port=0, timeout=10, workers=1, max_connections=MAX_CONNECTIONS, body_timeout=1.0,
                      idle_timeout=3.0)
    srv.start_background()
    yield srv
    srv.shutdown_all()


def _exchange(server: SparqlServer, raw: bytes, *, wait: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read until the server closes or one whole response arrived."""
    with socket.create_connection(server.server_address, timeout=wait) as sock:
        sock.sendall(raw)
        return _read_response(sock)


def _read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before a full response head: {data!r}"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return int(lines[0].split()[1]), headers, rest


def _assert_secure(headers: dict[str, str]) -> None:
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def _all_threads_free(server: SparqlServer, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server._slots._value == MAX_CONNECTIONS:  # every connection thread has finished
            return True
        time.sleep(0.05)
    return False


def _post(length_header: str, body: bytes = b"query=ASK%7B%7D") -> bytes:
    return (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + length_header.encode() + b"\r\n\r\n" + body)


@pytest.mark.parametrize("header,status", [
    ("Content-Length: abc", 400), ("Content-Length: -1", 400), ("Content-Length: 1e3", 400),
    ("Content-Length: 12\r\nContent-Length: 13", 400), ("Content-Length: 99999999999999999999999", 413),
    (f"Content-Length: {2 << 20}", 413), ("", 411), ("Transfer-Encoding: chunked", 411),
], ids=["abc", "negative", "float", "conflicting", "huge", "over-limit", "missing", "chunked"])
def test_serve_edges_bad_content_length(server: SparqlServer, header: str, status: int,
                                        capfd: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    got, headers, body = _exchange(server, _post(header))
    assert got == status and b"Traceback" not in body and body.strip()
    assert headers["connection"] == "close"
    _assert_secure(headers)
    assert time.monotonic() - started < 3
    assert _all_threads_free(server)
    assert "Traceback" not in capfd.readouterr().err


def test_serve_edges_slow_body_gets_408(server: SparqlServer) -> None:
    started = time.monotonic()
    with socket.create_connection(server.server_address, timeout=10) as sock:
        sock.sendall(_post("Content-Length: 100", b"query=ASK"))  # 9 of 100 bytes, then silence
        status, headers, body = _read_response(sock)
    assert status == 408 and b"did not arrive within 1s" in body
    assert 0.9 < time.monotonic() - started < 5
    _assert_secure(headers)
    assert _all_threads_free(server)


def test_serve_edges_complete_post_still_answers(server: SparqlServer) -> None:
    body = b"query=ASK%20%7B%20%3Fs%20a%20kg%3APlatform%20%7D"
    status, headers, answer = _exchange(server, _post(f"Content-Length: {len(body)}", body))
    assert status == 200 and b"true" in answer
    _assert_secure(headers)


def test_serve_edges_head_is_get_without_body(server: SparqlServer) -> None:
    with socket.create_connection(server.server_address, timeout=10) as sock:
        sock.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        head_status, head_headers, rest = _read_head_only(sock)
        assert rest.startswith(b"HTTP/1.1 200")  # no body bytes between the HEAD answer and the GET answer
    status, headers, body = _exchange(server, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert head_status == status == 200 and int(head_headers["content-length"]) == len(body) > 0
    assert head_headers["content-type"] == headers["content-type"]
    _assert_secure(head_headers)


def _read_head_only(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while data.count(b"\r\n\r\n") < 2 or not data.split(b"\r\n\r\n", 1)[1].startswith(b"HTTP/1.1"):
        chunk = sock.recv(65536)
        assert chunk
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    return int(lines[0].split()[1]), {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}, rest


@pytest.mark.parametrize("raw,status", [
    (b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200),
    (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200),
    (b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404),
    (b"PUT /store HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 403),
    (b"OPTIONS /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 204),
    (b"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", 501),
    (b"GARBAGE\r\n\r\n", 400),
], ids=["page", "query", "not-found", "put", "options", "unknown-method", "bad-request-line"])
def test_serve_edges_security_headers_everywhere(server: SparqlServer, raw: bytes, status: int) -> None:
    got, headers, body = _exchange(server, raw)
    assert got == status and b"Traceback" not in body
    _assert_secure(headers)


def test_serve_edges_overload_answers_503_then_recovers(server: SparqlServer) -> None:
    idle = [socket.create_connection(server.server_address, timeout=10) for _ in range(MAX_CONNECTIONS)]
    try:
        time.sleep(0.3)  # the server has accepted them: every connection slot is taken by a silent client
        status, headers, body = _exchange(server, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert status == 503 and headers["retry-after"] == "1" and b"busy" in body
        _assert_secure(headers)
    finally:
        for sock in idle:
            sock.close()
    assert _all_threads_free(server)
    assert _exchange(server, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0] == 200


def test_serve_edges_idle_connection_is_closed(server: SparqlServer) -> None:
    with socket.create_connection(server.server_address, timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # headers never finished
        started = time.monotonic()
        while sock.recv(65536):
            pass
    assert 2.5 < time.monotonic() - started < 8
    assert _all_threads_free(server)


def test_serve_edges_burst_is_answered_not_reset(server: SparqlServer) -> None:
    """More simultaneous clients than connection slots: each gets 200 or 503, none a reset."""
    assert SparqlServer.request_queue_size >= 128
    statuses: list[int | str] = []
    lock = threading.Lock()

    def client() -> None:
        try:
            got = _exchange(server, b"GET /api/queries HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0]
        except OSError as err:
            got = type(err).__name__
        with lock:
            statuses.append(got)

    threads = [threading.Thread(target=client) for _ in range(60)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(statuses) == 60 and set(statuses) <= {200, 503} and 200 in statuses
    assert _all_threads_free(server)


def test_serve_edges_trickled_headers_are_cut_off(server: SparqlServer) -> None:
    """A client that sends one header byte at a time never hits the socket timeout; the head deadline stops it."""
    started = time.monotonic()
    with socket.create_connection(server.server_address, timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        try:
            for _ in range(40):  # 20 s of trickle if nobody stops it
                sock.sendall(b"X")
                time.sleep(0.5)
        except OSError:
            pass
        closed_after = time.monotonic() - started
    assert 2.5 < closed_after < 8
    assert _all_threads_free(server)
