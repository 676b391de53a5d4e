"""Site time against graph build time on a generated corpus, page sizes and graph caps.

Usage: python bench/bench_site.py [--docs 20000 2000] [--out bench/SITE-RESULTS.md]

For each size: writes a corpus with bench/gen_site_corpus.py (deterministic), times the graph
build (`kg.build.build(..., site=False)`: ingest, extraction, RDF, store), then the site
(`kg.view.site.build_site`) on that build, both in this run on this machine, and reads
the written site back: the largest file, and the node count of every graph embedded in a
page (entity neighbourhoods are capped at graphs.ENTITY_CAP, overviews at OVERVIEW_CAP).
Not a test: run it by hand and commit the table.
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
GRAPH_JSON = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def measure(n: int, work: Path) -> dict[str, object]:
    from gen_site_corpus import write_corpus

    from kg.build import build
    from kg.view.site import build_site
    from kg.view.site.graphs import ENTITY_CAP, OVERVIEW_CAP

    corpus, out = work / f"corpus{n}", work / f"out{n}"
    size = write_corpus(n, corpus)
    t = time.perf_counter()
    report = build(corpus, out, site=False)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    site = build_site(out)
    site_s = time.perf_counter() - t
    largest, largest_path, files, total = 0, "", 0, 0
    page, page_path = 0, ""
    views = {"entity": 0, "overview": 0}
    for path in (out / "site").rglob("*"):
        if not path.is_file():
            continue
        files += 1
        nbytes = path.stat().st_size
        total += nbytes
        if nbytes > largest:
            largest, largest_path = nbytes, str(path.relative_to(out / "site"))
        if path.suffix == ".html" and nbytes > page:
            page, page_path = nbytes, str(path.relative_to(out / "site"))
        if path.suffix == ".html" and path.parent.name in ("entity", "graphs"):
            m = GRAPH_JSON.search(path.read_text(encoding="utf-8"))
            if m:
                kind = "entity" if path.parent.name == "entity" else "overview"
                views[kind] = max(views[kind], len(json.loads(m.group(1))["nodes"]))
    return {"docs": n, "mb": size / 1e6, "entities": report.entities, "events": report.events, "build_s": build_s,
            "site_s": site_s, "pages": site.pages, "files": files, "site_mb": total / 1e6, "largest": largest,
            "largest_path": largest_path, "page": page, "page_path": page_path, "entity_view": views["entity"],
            "entity_cap": ENTITY_CAP, "overview_view": views["overview"], "overview_cap": OVERVIEW_CAP, "phases": site.phases}


def table(rows: list[dict[str, object]]) -> str:
    head = ("| documents | corpus MB | entities | events | graph build s | site s | site / build | pages | files | "
            "site MB | largest page | largest file | largest entity graph (cap) | largest overview graph (cap) |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
    lines = [f"| {r['docs']} | {r['mb']:.1f} | {r['entities']} | {r['events']} | {r['build_s']:.1f} | {r['site_s']:.1f} | "
             f"{r['site_s'] / r['build_s']:.2f} | {r['pages']} | {r['files']} | {r['site_mb']:.0f} | "
             f"{r['page'] / 1e6:.2f} MB ({r['page_path']}) | "
             f"{r['largest'] / 1e6:.2f} MB ({r['largest_path']}) | {r['entity_view']} ({r['entity_cap']}) | "
             f"{r['overview_view']} ({r['overview_cap']}) |" for r in rows]
    phases = [f"- {r['docs']} documents: " + ", ".join(f"{k} {v:.1f} s" for k, v in r["phases"].items())  # type: ignore[attr-defined]
              for r in rows]
    return head + "\n".join(lines) + "\n\nWhere the site's time goes:\n\n" + "\n".join(phases) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[20000, 2000])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "SITE-RESULTS.md")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-site-"))
    rows = []
    try:
        for n in args.docs:
            rows.append(measure(n, work))
            print(table(rows[-1:]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = (f"# Site benchmark\n\n`python bench/bench_site.py --docs {' '.join(map(str, args.docs))}` on "
            f"{platform.machine()}, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}.\n\n"
            "Corpus: bench/gen_site_corpus.py (deterministic generated Chinese news items, one event each). Graph build: "
            "`build(..., site=False)` (ingest, extraction, RDF files, store). Site: `build_site` on that build, "
            "written to a fresh folder. Both timed in the same run, so the ratio is what to compare.\n\n" + table(rows))
    args.out.write_text(text, encoding="utf-8")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
