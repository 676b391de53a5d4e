"""The HTTP server: SPARQL 1.1 Protocol at /sparql (read-only), the query page at /.

Threads accept requests; queries run in the engine's worker processes, so a slow query
never blocks the others and is killed at its time limit (the client gets an error status,
never a 200 with a truncated body). Updates and Graph Store writes answer 403; SERVICE
and FROM of graphs the store lacks are refused before anything runs.
"""
from __future__ import annotations

import json
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import QueryError
from ..query import Engine, QueryRefused, QueryTimeout, load_canned, source_for
from ..query.paging import page_from_args, page_headers, paged
from .negotiate import choose

MAX_BODY = 1 << 20
PAGE_DIR = Path(__file__).resolve().parent.parent / "view" / "query_page"
STATIC = {"index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "app.css": "text/css; charset=utf-8"}
PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'"


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], engine: Engine, *, cors: bool = False) -> None:
        super().__init__(address, Handler)
        self.engine, self.cors = engine, cors
        self._serving = False

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
                max_rows: int = 10_000, workers: int = 2, cors: bool = False) -> SparqlServer:
    """A server on a store folder (or build folder); port 0 picks a free port."""
    engine = Engine(source_for(store), workers=workers, timeout=timeout, max_rows=max_rows)
    try:
        return SparqlServer((host, port), engine, cors=cors)
    except OSError:
        engine.close()
        raise


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # library code stays quiet
        return None

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
        if url.path.startswith("/assets/"):
            return self._static(url.path[len("/assets/"):])
        if url.path == "/api/queries":
            body = json.dumps([q.as_dict() for q in load_canned().values()], ensure_ascii=False).encode("utf-8")
            return self._send(HTTPStatus.OK, body, "application/json")
        return self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql, the query page is /")

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(HTTPStatus.FORBIDDEN, "this server is read-only: Graph Store writes are refused")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
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
        if self.headers.get("Content-Length"):
            self.rfile.read(min(int(self.headers["Content-Length"]), MAX_BODY))
        self._error(HTTPStatus.FORBIDDEN, "this server is read-only: writes are refused")

    do_PUT = do_DELETE = do_PATCH = _forbidden

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors_headers()
        self.send_header("Allow", "GET, POST, OPTIONS")
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
        except QueryTimeout as err:
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

    def _send(self, status: HTTPStatus, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self._cors_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
