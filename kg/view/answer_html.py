"""An answer as one self-contained HTML file (`kg query ... --format html -o answer.html`):
the same view model and renderer as the query page, with the vendored vis-network script
and the styles inlined, so it opens from disk with no network.

The answer travels as JSON in a `<script type="application/json">` element, escaped so no
text of it can end that element (`<`, `>`, `&` and the JavaScript line separators as
`\\uXXXX`), and is read with JSON.parse. A Content-Security-Policy allows only the page's own
inline scripts (by hash) and no request to any host.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from pathlib import Path
from typing import Any

VIEW_DIR = Path(__file__).resolve().parent
VIS = VIEW_DIR / "vendor" / "vis-network-9.1.2" / "vis-network.min.js"
RENDER = VIEW_DIR / "query_page" / "render.js"
CSS = VIEW_DIR / "query_page" / "views.css"

BOOT = """"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var model = JSON.parse(document.getElementById("kg-answer").textContent);
  window.KgViews.render(document.getElementById("results"), model, model.view, { linkFor: function () { return null; } });
});
"""
PAGE_CSS = """body { font: 14px/1.45 system-ui, sans-serif; margin: 0 1.5em 2em; color: #222; }
h1 { font-size: 1.25em; margin: .8em 0 .2em; }
details pre { white-space: pre-wrap; background: #f6f6f8; padding: .6em; font: 12px/1.4 ui-monospace, monospace; }
"""


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: nothing in it can close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def answer_html(model: dict[str, Any]) -> str:
    """The HTML text of one answer file."""
    vis = VIS.read_text(encoding="utf-8")
    render = RENDER.read_text(encoding="utf-8")
    for name, script in (("vis-network", vis), ("render.js", render), ("boot", BOOT)):
        if "</script" in script.lower():
            raise ValueError(f"{name} holds '</script' and cannot be inlined")
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src {_hash(vis)} {_hash(render)} {_hash(BOOT)}")
    title = model.get("title") or "kg answer"
    params = ", ".join(f"{k} = {v}" for k, v in (model.get("params") or {}).items())
    about = f"{model.get('name') or 'query'}" + (f" ({params})" if params else "")
    return "\n".join([
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)} · kg</title>",
        f"<style>{PAGE_CSS}{CSS.read_text(encoding='utf-8')}</style>",
        "</head>",
        "<body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="muted">{html.escape(about)}</p>',
        f"<details><summary>SPARQL</summary><pre>{html.escape(_query_text(model))}</pre></details>",
        '<div id="results"></div>',
        f'<script type="application/json" id="kg-answer">{script_json(model)}</script>',
        f"<script>{vis}</script>",
        f"<script>{render}</script>",
        f"<script>{BOOT}</script>",
        "</body>",
        "</html>",
        "",
    ])


def _query_text(model: dict[str, Any]) -> str:
    if model.get("name"):
        from ..query.canned import get_canned

        return get_canned(model["name"]).text
    return str(model.get("query") or "")


def write_answer_html(model: dict[str, Any], path: Path) -> Path:
    path.write_text(answer_html(model), encoding="utf-8")
    return path


__all__ = ["answer_html", "script_json", "write_answer_html"]
