"""The site's own script and stylesheet, the vendored vis-network, and the search index.

Everything a page loads sits under `site/assets/` (or is `site/search-index.js`) and is
referenced by a relative path, so the site works from disk and never reaches a network.
"""
from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path

from ...resolve.pinyin import lazy_pinyin_normal  # pypinyin's reading, without importing pypinyin (0.2 s)
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


@cache
def _char_pinyin(ch: str) -> str:
    return lazy_pinyin_normal(ch)[0] if _CJK.match(ch) else ch


def pinyin(text: str, *, phrases: bool = True) -> str:
    """`jingdong jing dong` for 京东: joined and spaced, so either spelling finds it.

    With `phrases`, pypinyin reads words (重庆 -> chongqing); without, each character's
    usual reading, cached (much faster, for the many aliases of a large build)."""
    if not _CJK.search(text):
        return ""
    if phrases:
        syllables = lazy_pinyin_normal(text)
    else:
        syllables = [_char_pinyin(ch) for ch in text]
    syllables = [s.strip().lower() for s in syllables if s.strip()]
    return "".join(syllables) + " " + " ".join(syllables)


def search_index(data: SiteData, ranks: dict[str, float]) -> str:
    """`window.KG_SEARCH = {"kinds": [...], "rows": [[label, other names, pinyin, kind, page id], ...]}`,
    most central first; a row's page is `entity/<page id>.html`.

    A script rather than JSON, because a page opened from disk may not fetch files. Kept
    compact (a kind is an index, pinyin written once without spaces: the search ignores
    spaces), since it holds every entity of the build."""
    kinds: list[str] = []
    rows = []
    for iri, e in sorted(data.entities.items(), key=lambda kv: (-ranks.get(kv[0], 0.0), kv[0])):
        names = [n for n in dict.fromkeys([*e["labels"], *e["aliases"]]) if n != e["label"]]
        spoken = [pinyin(e["label"]), *(pinyin(n, phrases=False) for n in names)]
        if e["kind"] not in kinds:
            kinds.append(e["kind"])
        page = page_path(iri) or ""
        rows.append([e["label"], " | ".join(names), " ".join(p.split(" ", 1)[0] for p in spoken if p),
                     kinds.index(e["kind"]), page.removeprefix("entity/").removesuffix(".html")])
    body = json.dumps({"kinds": kinds, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
    # in a script file nothing can close a tag, but keep "</" out anyway for anyone inlining it
    return "window.KG_SEARCH = " + body.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + ";\n"
