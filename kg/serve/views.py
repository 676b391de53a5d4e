"""Routes of the query page's answer views: `/api/view` (an answer as a view model, see
kg/view/answer.py), the shared renderer and stylesheet, and the vendored vis-network script
at `/vendor/vis-network.min.js`, so the page needs nothing from another host.
"""
from __future__ import annotations

import json
from http import HTTPStatus
from pathlib import Path
from typing import Any

from ..errors import QueryError
from ..query import QueryRefused, QueryTimeout

VIEW_DIR = Path(__file__).resolve().parent.parent / "view"
FILES = {
    "/vendor/vis-network.min.js": (VIEW_DIR / "vendor" / "vis-network-9.1.2" / "vis-network.min.js",
                                   "text/javascript; charset=utf-8"),
    "/assets/render.js": (VIEW_DIR / "query_page" / "render.js", "text/javascript; charset=utf-8"),
    "/assets/views.css": (VIEW_DIR / "query_page" / "views.css", "text/css; charset=utf-8"),
}
API = "/api/view"
DESCRIBE_TIMEOUT = 10.0


def handles(path: str) -> bool:
    return path in FILES or path == API


def route(handler: Any, path: str, args: dict[str, list[str]]) -> None:
    """Answer one GET for a path `handles` accepted."""
    if path in FILES:
        file, ctype = FILES[path]
        return handler._send(HTTPStatus.OK, file.read_bytes(), ctype,
                             extra={"Content-Security-Policy": "default-src 'none'"})
    return _view(handler, args)


def _view(handler: Any, args: dict[str, list[str]]) -> None:
    from ..view.answer import view_model

    first = {k: v[0] for k, v in args.items() if v}
    name, text = first.get("name"), first.get("query")
    if not (name or text):
        return handler._error(HTTPStatus.BAD_REQUEST, "give name=CANNED or query=SPARQL (and param.NAME=VALUE)")
    params = {k[len("param."):]: v for k, v in first.items() if k.startswith("param.")}
    engine = handler.server.engine
    try:
        result = engine.run(name or text, params)
    except QueryRefused as err:
        return handler._error(HTTPStatus.FORBIDDEN, str(err))
    except QueryTimeout as err:
        return handler._error(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
    except QueryError as err:
        return handler._error(HTTPStatus.BAD_REQUEST, str(err))

    def run(query: str):
        return engine.run(query, timeout=DESCRIBE_TIMEOUT)

    try:
        model = view_model(result, query=name or text, name=name, params=params, view=first.get("view"), run=run)
    except QueryError:  # describing the IRIs failed or timed out: the answer still shows, unnamed
        model = view_model(result, query=name or text, name=name, params=params, view=first.get("view"))
    body = json.dumps(model, ensure_ascii=False).encode("utf-8")
    return handler._send(HTTPStatus.OK, body, "application/json; charset=utf-8")


__all__ = ["API", "FILES", "handles", "route"]
