"""The site's own script and stylesheet, the vendored vis-network, and the search index.

Everything a page loads sits under `site/assets/` (or is `site/search-index.js`) and is
referenced by a relative path, so the site works from disk and never reaches a network.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from .data import SiteData
from .render import page_path

HERE = Path(__file__).resolve().parent
VENDOR = HERE.parent / "vendor" / "vis-network-9.1.2"
STATIC = HERE / "static"
_CJK = re.compile(r"[\u3400-\u9fff]")


def copy_assets(site: Path) -> None:
    assets = site / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(VENDOR / "vis-network.min.js", assets / "vis-network.min.js")
    shutil.copyfile(VENDOR / "vis-network.css", assets / "vis-network.min.css")
    for name in ("site.js", "site.css"):
        shutil.copyfile(STATIC / name, assets / name)


def pinyin(text: str) -> str:
    """`jingdong jing dong` for 京东: joined and spaced, so either spelling finds it."""
    if not _CJK.search(text):
        return ""
    syllables = [s for s in lazy_pinyin(text, style=Style.NORMAL) if s.strip()]
    return "".join(syllables).lower() + " " + " ".join(syllables).lower()


def search_index(data: SiteData, ranks: dict[str, float]) -> str:
    """`window.KG_SEARCH = [[label, other names, pinyin, class, page], ...]`, most central first.

    A script rather than JSON, because a page opened from disk may not fetch files."""
    rows = []
    for iri, e in sorted(data.entities.items(), key=lambda kv: (-ranks.get(kv[0], 0.0), kv[0])):
        names = [n for n in dict.fromkeys([*e["labels"], *e["aliases"]]) if n != e["label"]]
        rows.append([e["label"], " | ".join(names), " ".join(p for p in (pinyin(n) for n in [e["label"], *names]) if p),
                     e["kind"], page_path(iri)])
    body = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    # in a script file nothing can close a tag, but keep "</" out anyway for anyone inlining it
    return "window.KG_SEARCH = " + body.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + ";\n"
