"""Pages from templates with autoescaping: every value from the news is text, never markup.

Jinja2 escapes everything a template prints (`autoescape=True` for every template, not
only .html ones); data for scripts goes through `tojson`, which also escapes `<`, `>`, `&`
and `'`, so a `</script>` in a headline cannot close the script element. Links are built
only from IRIs of the build mapped to relative page paths (see `page_path`), never from
text; pages use no inline scripts or style attributes, so they run under a strict
Content-Security-Policy.
"""
from __future__ import annotations

import hashlib
import html
import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ...query.prefixes import prefixed_name
from .graphs import OVERVIEWS, STYLE
from .tables import Table, page_csv, page_json

TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = {"entity": "entity", "event": "event", "doc": "doc"}
_SAFE_LOCAL = re.compile(r"^[A-Za-z0-9_-]{1,120}$")
LISTINGS = (("Platform", "Platforms"), ("Company", "Companies"), ("GovernmentBody", "Government bodies"),
            ("Person", "People"), ("Policy", "Policies"), ("Service", "Services"), ("Organization", "Other organisations"),
            ("Place", "Places"))
MINTED = "https://w3id.org/ecomkg/id/"
ROW_CAP = 1000  # rows of one panel shown in HTML; the page's JSON and CSV keep every row


def page_path(iri: str) -> str | None:
    """Relative path of the page of a minted entity, event or document IRI (None for other IRIs)."""
    if not iri.startswith(MINTED):
        return None
    kind, _, local = iri[len(MINTED):].partition("/")
    if kind not in KINDS or not local:
        return None
    if not _SAFE_LOCAL.match(local):
        local = "h" + hashlib.sha256(local.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return f"{KINDS[kind]}/{local}.html"


def short_iri(iri: str) -> str:
    """A minted IRI as SPARQL reads it (`kgr:entity\\/jd-com`), so a researcher can paste it into `kg query`."""
    return prefixed_name(iri, {"kgr": MINTED}) if iri.startswith(MINTED) else iri


class Renderer:
    """Writes pages under `out`; `labels` names IRIs, `kinds` gives an entity's class for colour."""

    def __init__(self, out: Path, labels: dict[str, str], kinds: dict[str, str]) -> None:
        self.out = out
        self.labels = labels
        self.kinds = kinds
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                      undefined=jinja2.StrictUndefined, auto_reload=False)
        self.env.globals.update(style=STYLE, overviews=[(k, v[0]) for k, v in OVERVIEWS.items()], listings=LISTINGS,
                                show=self.show, cell=self.cell, table_html=self.table_html, row_cap=ROW_CAP)
        self.pages = 0
        self.largest = (0, "")
        self._dirs: set[Path] = set()
        # writing files is mostly waiting on the file system: a few threads overlap it with rendering
        self._pool = ThreadPoolExecutor(max_workers=4)
        self._pending: list[Future[None]] = []

    def write(self, path: str, template: str, title: str, tables: list[Table], **context: Any) -> None:
        """Render `template` to `path` (relative to the site), with `path`.json and .csv beside it."""
        depth = path.count("/")
        root = "../" * depth
        page_name = path.rsplit("/", 1)[-1].removesuffix(".html")

        def link(iri: str) -> str | None:
            target = page_path(iri)
            return root + target if target else None

        html = self.env.get_template(template).render(
            title=title, root=root, page_name=page_name, tables=tables, link=link,
            graph=context.pop("graph", None), search=context.pop("search", False), **context)
        self._put(path, html)
        base = path.removesuffix(".html")
        self._put(base + ".json", page_json(title, tables))
        self._put(base + ".csv", page_csv(tables))
        self.pages += 1

    def show(self, value: Any) -> dict[str, Any]:
        """How a table cell prints a value: a minted IRI as its label linking to its page (path
        relative to the site root; templates prepend the page's root), anything else as text."""
        if isinstance(value, str) and value.startswith(MINTED):
            href = page_path(value)
            if href:
                return {"text": self.labels.get(value) or short_iri(value), "href": href, "kind": self.kinds.get(value)}
            return {"text": short_iri(value), "href": None, "kind": None}
        return {"text": "" if value is None else value, "href": None, "kind": None}

    def cell(self, value: Any, root: str) -> Markup:
        """A value as HTML: escaped text, or an IRI's label linking to its page."""
        return Markup(self._cell(value, root))

    def _cell(self, value: Any, root: str) -> str:
        c = self.show(value)
        text = html.escape(str(c["text"]))
        if c["href"]:
            cls = f' class="k-{html.escape(c["kind"])}"' if c["kind"] else ""
            return f'<a href="{html.escape(root + c["href"])}"{cls}>{text}</a>'
        return text

    def table_html(self, t: Table, root: str, sortable: bool = False) -> Markup:
        """A panel's rows as an HTML table (built here rather than by a macro: thousands of pages)."""
        parts = ['<div class="scroll"><table', ' class="sortable"' if sortable else "", "><thead><tr>"]
        parts += [f"<th>{html.escape(c)}</th>" for c in t.columns]
        parts.append("</tr></thead>\n<tbody>\n")
        cell = self._cell
        for r in t.rows[: t.html_rows or ROW_CAP]:
            parts.append("<tr>" + "".join(f"<td>{cell(r.get(c), root)}</td>" for c in t.columns) + "</tr>\n")
        parts.append("</tbody></table></div>")
        return Markup("".join(parts))

    def _put(self, path: str, text: str) -> None:
        target = self.out / path
        if target.parent not in self._dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(target.parent)
        data = text.encode("utf-8", "replace")
        if len(data) > self.largest[0]:
            self.largest = (len(data), path)
        self._pending.append(self._pool.submit(target.write_bytes, data))
        if len(self._pending) > 256:
            self._drain(128)

    def _drain(self, keep: int = 0) -> None:
        done, self._pending = self._pending[:len(self._pending) - keep], self._pending[len(self._pending) - keep:]
        for f in done:
            f.result()  # raises the write's error, if any

    def close(self) -> None:
        """Wait for every file to be written (raising the first error) and stop the writers."""
        try:
            self._drain()
        finally:
            self._pool.shutdown(wait=True)

    def put_raw(self, path: str, text: str) -> None:
        self._put(path, text)
