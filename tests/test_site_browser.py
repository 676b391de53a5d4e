"""The site in a real browser (Debian's headless Chromium via Playwright), from file:// and from kg serve.

One build (the seeds plus the hostile corpus) and one server for the module. Every visit
checks: no console errors, no uncaught exceptions, no failed requests, no request leaving
the machine; graphs are drawn on their canvas; hostile text from the news never runs and
never becomes markup. Screenshots are kept in test-artifacts/site/.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests.browser_helpers import browser_context, canvas_painted, open_page, screenshot, wait_for_graph

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile"
ORIGINS = ("file", "serve")
DANGEROUS = "img, iframe, object, embed, b, style, [onerror], [onload], [onmouseover], a[href^='javascript:']"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build

    corpus = tmp_path_factory.mktemp("browser-corpus")
    for f in sorted((ROOT / "seeds").iterdir()):
        shutil.copyfile(f, corpus / f.name)
    for f in sorted(HOSTILE.iterdir()):
        shutil.copyfile(f, corpus / f"hostile-{f.name}")
    out = tmp_path_factory.mktemp("browser-build") / "out"
    build(corpus, out)
    return out


@pytest.fixture(scope="module")
def roots(build_dir: Path):
    from kg.serve import make_server

    server = make_server(build_dir, port=0, workers=1)
    server.start_background()
    yield {"file": (build_dir / "site").as_uri() + "/", "serve": f"http://127.0.0.1:{server.server_address[1]}/site/"}
    server.shutdown_all()


@pytest.fixture(scope="module")
def context():
    with browser_context() as ctx:
        yield ctx


def _clean(visit: Any) -> None:
    assert not visit.problems(), visit.problems()
    assert visit.requests, "the page made no request at all"


def _inert(page: Any) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(DANGEROUS).count() == 0
    srcs = page.evaluate("() => Array.from(document.scripts).filter(s => s.type !== 'application/json').map(s => s.src)")
    assert all(s.endswith(("assets/site.js", "assets/vis-network.min.js", "search-index.js")) for s in srcs), srcs


@pytest.mark.parametrize("origin", ORIGINS)
def test_browser_index_search(context: Any, roots: dict[str, str], origin: str) -> None:
    with open_page(context, roots[origin] + "index.html") as (page, visit):
        page.fill("#search", "1688")
        assert page.locator("#search-results li").count() >= 1
        page.fill("#search", "douyin")  # pinyin of a Chinese label
        names = page.locator("#search-results li a").all_inner_texts()
        assert any("抖音" in n for n in names), names
        page.fill("#search", "<script")
        hits = page.locator("#search-results li").all_inner_texts()
        assert any("<script>" in h for h in hits), hits  # shown as text
        _inert(page)
        screenshot(page, f"index-{origin}")
        _clean(visit)


@pytest.mark.parametrize("origin", ORIGINS)
def test_browser_entity_graph_drawn_hover_is_text_and_click_opens_page(context: Any, roots: dict[str, str],
                                                                        origin: str) -> None:
    with open_page(context, roots[origin] + "entity/1688.html") as (page, visit):
        drawn = wait_for_graph(page)
        assert 10 <= drawn <= 60
        assert canvas_painted(page) > 2000
        rerun = page.get_attribute("#panel-events a.rerun", "href")
        shown = page.inner_text("#panel-events pre") if page.is_visible("#panel-events pre") else \
            page.evaluate("document.querySelector('#panel-events pre').textContent")
        assert rerun.startswith("../../?query=") and unquote(rerun.split("=", 1)[1]) == shown
        screenshot(page, f"entity-1688-{origin}")
        # the DOM position of a node other than the centre (id 0)
        point = page.evaluate("""() => {
            const box = document.querySelector('.kg-graph'), net = box.kgNetwork;
            const pos = net.getPositions([1])[1], dom = net.canvasToDOM(pos), r = box.getBoundingClientRect();
            return {x: r.left + dom.x, y: r.top + dom.y};
        }""")
        page.mouse.move(point["x"], point["y"])
        tip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10000)
        assert tip.evaluate("t => t.querySelectorAll('*').length") == 1  # our one text div, nothing parsed
        assert tip.inner_text().strip()
        page.mouse.click(point["x"], point["y"])
        page.wait_for_url(lambda url: "/entity/" in url and not url.endswith("/1688.html"), timeout=10000)
        assert page.title().endswith("· kg")
        _clean(visit)


@pytest.mark.parametrize("origin", ORIGINS)
def test_browser_timeline_chart_and_filters(context: Any, roots: dict[str, str], origin: str) -> None:
    with open_page(context, roots[origin] + "timeline.html") as (page, visit):
        assert page.locator("svg.chart rect").count() > 5
        rows = page.locator("#timeline-table tbody tr")
        total = rows.count()
        page.select_option("#filter-class", "Partnership")
        shown = page.locator("#timeline-table tbody tr:not([hidden])")
        assert 0 < shown.count() < total
        assert set(shown.evaluate_all("rs => rs.map(r => r.dataset.class)")) == {"Partnership"}
        page.select_option("#filter-class", "")
        page.fill("#filter-entity", "1688")
        assert 0 < shown.count() < total
        _inert(page)
        screenshot(page, f"timeline-{origin}")
        _clean(visit)


@pytest.mark.parametrize("origin", ORIGINS)
def test_browser_hostile_text_never_runs(context: Any, roots: dict[str, str], build_dir: Path, origin: str) -> None:
    site = build_dir / "site"
    hostile = sorted(str(p.relative_to(site)) for folder in ("doc", "entity", "event") for p in (site / folder).glob("*.html")
                     if "__pwned" in p.read_text(encoding="utf-8"))
    assert len(hostile) >= 5, hostile
    for i, rel in enumerate(hostile[:12]):
        with open_page(context, roots[origin] + rel) as (page, visit):
            page.wait_for_timeout(100)
            _inert(page)
            # the text is there, as text (on a document page visibly; elsewhere maybe in a closed panel or graph data)
            shown = "document.querySelector('main').innerText" if rel.startswith("doc/") else \
                "document.querySelector('main').textContent"
            text = page.evaluate(shown)
            assert "__pwned" in text
            if page.locator(".kg-graph").count():
                wait_for_graph(page)
            if i < 3:
                screenshot(page, f"hostile-{origin}-{i}")
            _clean(visit)


def test_browser_panel_query_reruns_in_the_query_page(context: Any, roots: dict[str, str]) -> None:
    with open_page(context, roots["serve"] + "entity/1688.html") as (page, visit):
        page.click("#panel-events summary")
        with page.expect_navigation():
            page.click("#panel-events a.rerun")
        page.wait_for_selector("#results table tr td", timeout=20000)
        assert "1688" in page.input_value("#editor")
        rows = page.locator("#results table tr:has(td)").count()
        assert rows >= 10  # 1688 takes part in dozens of events in the seeds
        screenshot(page, "rerun-serve")
        # the answer links the graph's IRIs to /id/..., which the server resolves to the site's page
        with page.expect_navigation():
            page.click("#results table tr td a[href^='/id/entity/']")
        assert "/site/entity/" in page.url and page.title().endswith("· kg")
        _clean(visit)
