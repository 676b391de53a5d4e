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
import re
from pathlib import Path
from typing import Any

import jinja2

from .graphs import OVERVIEWS, STYLE
from .tables import Table, page_csv, page_json

TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = {"entity": "entity", "event": "event", "doc": "doc"}
_SAFE_LOCAL = re.compile(r"^[A-Za-z0-9_-]{1,120}$")
LISTINGS = (("Platform", "Platforms"), ("Company", "Companies"), ("GovernmentBody", "Government bodies"),
            ("Person", "People"), ("Policy", "Policies"), ("Service", "Services"), ("Organization", "Other organisations"),
            ("Place", "Places"))
MINTED = "https://w3id.org/ecomkg/id/"


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
    return "kgr:" + iri[len(MINTED):] if iri.startswith(MINTED) else iri


class Renderer:
    """Writes pages under `out`; `labels` names IRIs, `kinds` gives an entity's class for colour."""

    def __init__(self, out: Path, labels: dict[str, str], kinds: dict[str, str]) -> None:
        self.out = out
        self.labels = labels
        self.kinds = kinds
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False)
        self.env.globals.update(style=STYLE, overviews=[(k, v[0]) for k, v in OVERVIEWS.items()], listings=LISTINGS)
        self.pages = 0
        self.largest = (0, "")

    def write(self, path: str, template: str, title: str, tables: list[Table], **context: Any) -> None:
        """Render `template` to `path` (relative to the site), with `path`.json and .csv beside it."""
        depth = path.count("/")
        root = "../" * depth
        page_name = path.rsplit("/", 1)[-1].removesuffix(".html")

        def link(iri: str) -> str | None:
            target = page_path(iri)
            return root + target if target else None

        def show(value: Any) -> dict[str, Any]:
            if isinstance(value, str) and value.startswith(MINTED):
                href = link(value)
                if href:
                    return {"text": self.labels.get(value) or short_iri(value), "href": href, "kind": self.kinds.get(value)}
                return {"text": short_iri(value), "href": None, "kind": None}
            return {"text": "" if value is None else value, "href": None, "kind": None}

        html = self.env.get_template(template).render(
            title=title, root=root, page_name=page_name, tables=tables, link=link, show=show,
            graph=context.pop("graph", None), search=context.pop("search", False), **context)
        self._put(path, html)
        base = path.removesuffix(".html")
        self._put(base + ".json", page_json(title, tables))
        self._put(base + ".csv", page_csv(tables))
        self.pages += 1

    def _put(self, path: str, text: str) -> None:
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8", "replace")
        target.write_bytes(data)
        if len(data) > self.largest[0]:
            self.largest = (len(data), path)

    def put_raw(self, path: str, text: str) -> None:
        self._put(path, text)
