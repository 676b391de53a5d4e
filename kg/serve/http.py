"""The HTTP server: SPARQL 1.1 Protocol at /sparql (read-only), the query page at /.

Threads accept requests; queries run in the engine's worker processes, so a slow query
never blocks the others and is killed at its time limit (the client gets an error status,
never a 200 with a truncated body). Updates and Graph Store writes answer 403; SERVICE
and FROM of graphs the store lacks are refused before anything runs.

Hostile clients get a status, never a traceback or a stuck thread: a malformed
Content-Length is 400, a missing one 411, a body over 1 MiB 413, a body that does not
arrive within `body_timeout` 408; a connection idle for `idle_timeout`, or whose request
line and headers take longer than that in total, is closed; past
`max_connections` open connections new ones get 503 (the listen backlog holds 128 more).
Every answer forbids framing and MIME sniffing.
"""
from __future__ import annotations

import json
import re
import socket
import sys
import threading
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import QueryError
from ..query import Engine, QueryRefused, QueryTimeout, load_canned, source_for
from ..query.paging import page_from_args, page_headers, paged
from ..query.worker import QueryBusy
from . import site, views
from .negotiate import choose

MAX_BODY = 1 << 20
PAGE_DIR = Path(__file__).resolve().parent.parent / "view" / "query_page"
STATIC = {"index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "app.css": "text/css; charset=utf-8"}
PAGE_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
            "frame-ancestors 'none'")
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"  # answers that are not the page: nothing may run or frame them
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
_LENGTH = re.compile(r"[0-9]+")


def _overloaded_answer() -> bytes:
    body = b"the server is busy (too many open connections); try again shortly\n"
    head = ["HTTP/1.1 503 Service Unavailable", "Content-Type: text/plain; charset=utf-8",
            f"Content-Length: {len(body)}", "Retry-After: 1", "Connection: close", f"Content-Security-Policy: {DATA_CSP}",
            *(f"{k}: {v}" for k, v in SECURITY_HEADERS.items())]
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # listen backlog: bursts of clients wait instead of being reset

    def __init__(self, address: tuple[str, int], engine: Engine, *, cors: bool = False, max_connections: int = 64,
                 body_timeout: float = 10.0, idle_timeout: float = 30.0) -> None:
        super().__init__(address, Handler)
        self.engine, self.cors = engine, cors
        self.site_dir: Path | None = None  # DIR/site, served under /site/ (kg.serve.site)
        self.max_connections, self.body_timeout, self.idle_timeout = max_connections, body_timeout, idle_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        self._serving = False
        self._heads: dict[socket.socket, float] = {}  # connections still sending a request head -> deadline
        self._heads_lock = threading.Lock()
        threading.Thread(target=self._watch_heads, daemon=True, name="kg-serve-head-deadlines").start()

    def head_started(self, conn: socket.socket) -> None:
        with self._heads_lock:
            self._heads[conn] = time.monotonic() + self.idle_timeout

    def head_done(self, conn: socket.socket) -> None:
        with self._heads_lock:
            self._heads.pop(conn, None)

    def _watch_heads(self) -> None:
        """Close connections whose request line and headers took longer than `idle_timeout` in
        total: the socket timeout alone lets a client that sends one byte at a time hold a thread."""
        while True:
            time.sleep(min(1.0, self.idle_timeout / 4))
            now = time.monotonic()
            with self._heads_lock:
                late = [conn for conn, deadline in self._heads.items() if deadline < now]
                for conn in late:
                    del self._heads[conn]
            for conn in late:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def process_request(self, request: socket.socket, client_address: tuple[str, int]) -> None:  # type: ignore[override]
        """One thread per connection up to `max_connections`; past that, 503 at once (not a reset)."""
        if not self._slots.acquire(blocking=False):
            self._refuse(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: socket.socket, client_address: tuple[str, int]) -> None:  # type: ignore[override]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def _refuse(self, request: socket.socket) -> None:
        try:
            request.settimeout(0.2)  # this runs in the accept loop: keep it short
            request.sendall(_overloaded_answer())
            request.shutdown(socket.SHUT_WR)
            request.recv(65536)  # read what the client sent, so closing does not reset the connection
        except OSError:
            pass
        finally:
            self.shutdown_request(request)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A one-line note on stderr instead of a traceback (the client already got a 500 if possible)."""
        err = sys.exc_info()[1]
        print(f"kg serve: request from {client_address[0]} failed: {type(err).__name__}: {err}", file=sys.stderr)

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._serving = True
        super().serve_forever(poll_interval)

    def shutdown_all(self) -> None:
        """Stop serving (if running), close the socket and the worker processes."""
        if self._serving:
            self.shutdown()
        self.server_close()
        self.engine.close()

    def start_background(self) -> threading.Thread:
        """Serve from a daemon thread (tests, notebooks); stop with shutdown_all()."""
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._serving = True
        thread.start()
        return thread


def make_server(store: Path | str, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                max_rows: int = 10_000, workers: int = 2, cors: bool = False, max_connections: int = 64,
                body_timeout: float = 10.0, idle_timeout: float = 30.0) -> SparqlServer:
    """A server on a store folder (or build folder); port 0 picks a free port."""
    engine = Engine(source_for(store), workers=workers, timeout=timeout, max_rows=max_rows)
    try:
        server = SparqlServer((host, port), engine, cors=cors, max_connections=max_connections,
                              body_timeout=body_timeout, idle_timeout=idle_timeout)
    except OSError:
        engine.close()
        raise
    server.site_dir = site.find_site(store)
    return server


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql"
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.0"  # even a garbled request line gets a status line and our headers

    def log_message(self, format: str, *args: object) -> None:  # library code stays quiet
        return None

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # a silent or idle connection frees its thread after this
        super().setup()

    def handle_one_request(self) -> None:
        """One request; an unexpected failure becomes a 500 (when nothing was sent yet) and a closed connection."""
        self._started = False
        self.server.head_started(self.connection)
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:
            self.close_connection = True
            if not self._started:
                try:
                    self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error while answering; see the server's log")
                except OSError:
                    pass
            raise
        finally:
            self.server.head_done(self.connection)

    def parse_request(self) -> bool:
        """Read the headers; once they are in, the body deadline and the query time limit apply."""
        try:
            return super().parse_request()
        finally:
            self.server.head_done(self.connection)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The library's own errors (bad request line, unknown method, ...) in our format, with our headers."""
        self.close_connection = True
        short, long = self.responses.get(code, ("error", ""))
        try:
            status = HTTPStatus(code)
        except ValueError:
            status = HTTPStatus.BAD_REQUEST
        self._error(status, f"{message or short}: {explain or long}".rstrip(": "))

    # -- routing -------------------------------------------------------------------
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        args = urllib.parse.parse_qs(url.query)
        if url.path == "/sparql":
            if "update" in args:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            if "query" not in args:
                return self._error(HTTPStatus.BAD_REQUEST, "give query=... (SPARQL 1.1 Protocol)")
            return self._answer(args["query"][0], args)
        if url.path in ("/", "/index.html"):
            return self._static("index.html")
        if views.handles(url.path):  # answer views: /api/view, their script and the vendored graph library
            return views.route(self, url.path, args)
        if url.path.startswith("/assets/"):
            return self._static(url.path[len("/assets/"):])
        if site.handle(self, url):
            return None
        if url.path == "/api/queries":
            body = json.dumps([q.as_dict() for q in load_canned().values()], ensure_ascii=False).encode("utf-8")
            return self._send(HTTPStatus.OK, body, "application/json")
        return self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql, the query page is /")

    do_HEAD = do_GET  # the same status and headers as GET; _send leaves the body out

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            return self._forbidden()
        raw = self._read_body()
        if raw is None:
            return None
        body = raw.decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        args = urllib.parse.parse_qs(url.query)
        if ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if ctype == "application/sparql-query":
            return self._answer(body, args)
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body)
            if "update" in form:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            if "query" in form:
                return self._answer(form["query"][0], {**args, **form})
        return self._error(HTTPStatus.BAD_REQUEST, "POST query=... (form) or an application/sparql-query body")

    def _forbidden(self) -> None:
        self.close_connection = True  # the body is never read: this connection cannot carry another request
        self._error(HTTPStatus.FORBIDDEN, "this server is read-only: Graph Store writes are refused")

    def _read_body(self) -> bytes | None:
        """The request body, or None after answering 400/408/411/413 (the connection then closes).

        Content-Length must be one plain decimal number; the whole body must arrive within
        `body_timeout` seconds, so a client that stalls cannot hold a thread.
        """
        values = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if self.headers.get("Transfer-Encoding") or not values:
            return self._refuse_body(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length header "
                                     "(chunked bodies are not accepted)")
        value = values.pop()
        if values or not _LENGTH.fullmatch(value):
            return self._refuse_body(HTTPStatus.BAD_REQUEST, "malformed Content-Length: give one decimal byte count")
        length = int(value) if len(value) <= 12 else MAX_BODY + 1
        if length > MAX_BODY:
            return self._refuse_body(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
        deadline = time.monotonic() + self.server.body_timeout
        data = bytearray()
        try:
            while len(data) < length:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                self.connection.settimeout(left)
                chunk = self.rfile.read1(length - len(data))
                if not chunk:  # the client went away: nobody to answer
                    self.close_connection = True
                    return None
                data += chunk
        except TimeoutError:
            return self._refuse_body(HTTPStatus.REQUEST_TIMEOUT,
                                     f"the request body did not arrive within {self.server.body_timeout:g}s")
        finally:
            self.connection.settimeout(self.timeout)
        return bytes(data)

    def _refuse_body(self, status: HTTPStatus, message: str) -> None:
        self.close_connection = True
        self._error(status, message)

    do_PUT = do_DELETE = do_PATCH = _forbidden

    def do_OPTIONS(self) -> None:
        self._started = True
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors_headers()
        self._security_headers(DATA_CSP)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- answers -------------------------------------------------------------------
    def _answer(self, text: str, args: dict[str, list[str]]) -> None:
        params = {k[len("param."):]: v[0] for k, v in args.items() if k.startswith("param.")}
        try:
            page, count = page_from_args(args)
            if page is None and not count:
                result, total = self.server.engine.run(text, params), None
            else:
                result, total = paged(self.server.engine, text, params, page, count=count)
        except QueryRefused as err:
            return self._error(HTTPStatus.FORBIDDEN, str(err))
        except (QueryTimeout, QueryBusy) as err:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
        except QueryError as err:
            return self._error(HTTPStatus.BAD_REQUEST, str(err))
        fmt, media = choose(self.headers.get("Accept"), (args.get("format") or [None])[0], result.kind == "graph")
        try:
            body = result.serialize(fmt)
        except QueryError as err:
            return self._error(HTTPStatus.NOT_ACCEPTABLE, str(err))
        charset = "" if media.endswith("json") and "ld" not in media else "; charset=utf-8"
        self._send(HTTPStatus.OK, body, media + charset, extra=page_headers(page, total))

    def _static(self, name: str) -> None:
        if name not in STATIC:
            return self._error(HTTPStatus.NOT_FOUND, "no such asset")
        body = (PAGE_DIR / name).read_bytes()
        self._send(HTTPStatus.OK, body, STATIC[name], extra={"Content-Security-Policy": PAGE_CSP})

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _cors_headers(self) -> None:
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")

    def _security_headers(self, csp: str) -> None:
        self.send_header("Content-Security-Policy", csp)
        for k, v in SECURITY_HEADERS.items():
            self.send_header(k, v)

    def _send(self, status: HTTPStatus, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self._started = True
        extra = dict(extra or {})
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self._security_headers(extra.pop("Content-Security-Policy", DATA_CSP))
        for k, v in extra.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self._cors_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
