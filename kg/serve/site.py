"""The site under /site/ and the graph's own IRIs under /id/, for `kg serve`.

`/site/...` serves the static files of DIR/site/ (nothing outside it) with a strict
Content-Security-Policy. `/id/entity/X`, `/id/event/X`, `/id/doc/X` stand for the minted
IRIs (`https://w3id.org/ecomkg/id/...`): a browser (Accept preferring HTML) is sent to the
page with 303 See Other; an RDF client gets the resource's triples as Turtle, N-Triples,
JSON-LD or RDF/XML by Accept (or `?format=`). The IRI is rebuilt from a checked path,
never pasted from the request into the query.
"""
from __future__ import annotations

import re
import urllib.parse
from http import HTTPStatus
from pathlib import Path
from typing import Any

from ..errors import QueryError
from ..vocab import KGR
from .negotiate import GRAPHS, accept_ranges, choose

SITE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".json": "application/json", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml"}
ID_PATH = re.compile(r"^/id/(entity|event|doc)/([A-Za-z0-9_-]{1,120})$")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def find_site(store: Path | str) -> Path | None:
    """DIR/site for a build folder, its store folder or its graph.nq."""
    p = Path(store).resolve()
    for candidate in (p / "site", p.parent / "site"):
        if (candidate / "index.html").is_file():
            return candidate
    return None


def _q(accept: str | None, wanted: tuple[str, ...]) -> float:
    return max([0.0, *(q for media, q in accept_ranges(accept) if media in wanted)])


def wants_html(accept: str | None) -> bool:
    """True when the client prefers a page (a browser) to RDF; `*/*` alone gets RDF."""
    html = _q(accept, HTML_TYPES)
    return html > 0 and html >= _q(accept, tuple(GRAPHS))


def handle(handler: Any, url: urllib.parse.SplitResult) -> bool:
    """Answer /site/... and /id/... requests; False for any other path (the caller goes on)."""
    if url.path == "/site":
        _redirect(handler, HTTPStatus.MOVED_PERMANENTLY, "/site/")
        return True
    if url.path.startswith("/site/"):
        _static(handler, urllib.parse.unquote(url.path[len("/site/"):]))
        return True
    m = ID_PATH.match(url.path)
    if m:
        _resource(handler, m.group(1), m.group(2), urllib.parse.parse_qs(url.query))
        return True
    if url.path.startswith("/id/"):
        handler._error(HTTPStatus.NOT_FOUND, "not an IRI of this graph: /id/entity/…, /id/event/… or /id/doc/…")
        return True
    return False


def _site(handler: Any) -> Path | None:
    return getattr(handler.server, "site_dir", None)


def _static(handler: Any, rel: str) -> None:
    site = _site(handler)
    if site is None:
        return handler._error(HTTPStatus.NOT_FOUND, "this build has no site: run `kg site DIR` (or `kg build` without --no-site)")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    parts = rel.split("/")
    if any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts):
        return handler._error(HTTPStatus.NOT_FOUND, "no such page")
    target = (site / rel).resolve()
    if not target.is_relative_to(site.resolve()) or not target.is_file() or target.suffix not in TYPES:
        return handler._error(HTTPStatus.NOT_FOUND, "no such page")
    body = target.read_bytes()
    handler._send(HTTPStatus.OK, body, TYPES[target.suffix], extra={"Content-Security-Policy": SITE_CSP,
                                                                    "Referrer-Policy": "no-referrer"})


def _resource(handler: Any, kind: str, local: str, args: dict[str, list[str]]) -> None:
    explicit = (args.get("format") or [None])[0]
    accept = handler.headers.get("Accept")
    if explicit is None and wants_html(accept):
        page = f"{kind}/{local}.html"
        site = _site(handler)
        if site is None or not (site / page).is_file():
            return handler._error(HTTPStatus.NOT_FOUND, f"no page for /id/{kind}/{local} (is the site built? `kg site DIR`)")
        return _redirect(handler, HTTPStatus.SEE_OTHER, f"/site/{page}")
    iri = f"{KGR}{kind}/{local}"  # both parts matched [A-Za-z0-9_-]
    query = (f"CONSTRUCT {{ <{iri}> ?p ?o . ?o ?p2 ?o2 }} WHERE {{ <{iri}> ?p ?o . OPTIONAL {{ ?o ?p2 ?o2 . "
             'FILTER(isIRI(?o) && (CONTAINS(STR(?o), "/quantity/") || CONTAINS(STR(?o), "/span/"))) } }')
    try:
        result = handler.server.engine.run(query)
    except QueryError as err:
        return handler._error(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
    if not len(result):
        return handler._error(HTTPStatus.NOT_FOUND, f"nothing is known about /id/{kind}/{local}")
    fmt, media = choose(accept, explicit, True)
    try:
        body = result.serialize(fmt)
    except QueryError as err:
        return handler._error(HTTPStatus.NOT_ACCEPTABLE, str(err))
    charset = "" if media == "application/ld+json" else "; charset=utf-8"
    handler._send(HTTPStatus.OK, body, media + charset, extra={"Vary": "Accept"})


def _redirect(handler: Any, status: HTTPStatus, location: str) -> None:
    handler._send(status, b"", "text/plain; charset=utf-8", extra={"Location": location, "Vary": "Accept"})
