"""Query answers as views, in a real browser: the query page of `kg serve` and the offline file
of `kg query --format html` show a table, a vis-network graph (its canvas drawn) and a timeline;
a bookmarked address shows the same answer again; hostile text in the data never runs or
becomes markup; no console errors, no failed requests. Screenshots are kept as artefacts
(test-artifacts/query_views/, or $KG_TEST_ARTIFACTS/query_views/).

Playwright drives Debian's Chromium (/usr/bin/chromium); nothing is downloaded.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.browser_helpers import ARGS, CHROMIUM, require_chromium
from tests.browser_helpers import ARTIFACTS as SHARED_ARTIFACTS

pytestmark = pytest.mark.slow

ARTIFACTS = SHARED_ARTIFACTS / "query_views"

# Text a news corpus could carry, which must stay text in every view.
IMG = '<img src=x onerror="window.__pwned=1">Evil Corp'
CLOSE = "</script><script>window.__pwned=2</script>"
JS = "javascript:window.__pwned=3"
LINK = '<a href="javascript:window.__pwned=4">click</a> onerror=alert(4)'
HOSTILE = (IMG, CLOSE, JS, LINK)


def _lit(text: str, lang: str | None = None) -> str:
    return json.dumps(text, ensure_ascii=False) + (f"@{lang}" if lang else "")


DATA = f"""
PREFIX kg: <https://w3id.org/ecomkg/ontology#>
PREFIX ent: <https://w3id.org/ecomkg/id/entity/>
PREFIX ev: <https://w3id.org/ecomkg/id/event/>
PREFIX doc: <https://w3id.org/ecomkg/id/doc/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX schema: <https://schema.org/>

kg:Partnership rdfs:subClassOf kg:Event .
kg:Enforcement rdfs:subClassOf kg:Event .
kg:Company rdfs:subClassOf kg:Organization .
kg:Platform rdfs:subClassOf kg:Organization .
kg:GovernmentBody rdfs:subClassOf kg:Organization .

doc:a {{
  doc:a a kg:Document ; schema:headline {_lit(CLOSE)} .
  ent:evil a kg:Company ; rdfs:label {_lit(IMG, "en")} .
  ent:script a kg:Platform ; rdfs:label {_lit(CLOSE, "zh")} .
  ent:js a kg:GovernmentBody ; rdfs:label {_lit(JS, "en")} .
  ev:p1 a kg:Partnership ; kg:participant ent:evil, ent:script ; kg:date "2024-05-01"^^xsd:date ;
    kg:evidence {_lit(LINK)} ; kg:source doc:a .
  ev:e1 a kg:Enforcement ; kg:actor ent:js ; kg:affects ent:evil ; kg:date "2024-06-02"^^xsd:date ;
    kg:evidence {_lit(CLOSE)} ; kg:source doc:a .
}}
doc:b {{
  doc:b a kg:Document ; schema:headline "Plain news" .
  ent:good a kg:Company ; rdfs:label "Plain Partner"@en , "普通伙伴"@zh .
  ent:script a kg:Platform .
  ev:p2 a kg:Partnership ; kg:participant ent:good, ent:script ; kg:date "2023-01-15"^^xsd:date ; kg:source doc:b .
  ev:e2 a kg:Enforcement ; kg:actor ent:js ; kg:affects ent:good ; kg:date "2022-11-30"^^xsd:date ; kg:source doc:b .
}}
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.store import load_files

    root = tmp_path_factory.mktemp("views")
    (root / "hostile.trig").write_text(DATA, encoding="utf-8")
    load_files([root / "hostile.trig"], root / "store")
    return root / "store"


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    from kg.serve import make_server

    srv = make_server(store, port=0, workers=1, timeout=20)
    srv.start_background()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown_all()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with its console errors, page errors and failed requests recorded."""

    def __init__(self, browser: object, name: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.page = self.context.new_page()
        self.name, self.problems, self.requests = name, [], []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def shot(self, label: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def check_clean(self, origin: str) -> None:
        page = self.page
        assert page.evaluate("typeof window.__pwned") == "undefined", "hostile text ran as script"
        assert page.locator("#results img, #results script, #results iframe").count() == 0, "hostile text became markup"
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], hrefs
        assert all(h.startswith(("/", "#")) for h in hrefs), f"links leave the page's origin: {hrefs}"
        assert self.problems == [], self.problems
        outside = [u for u in self.requests if not u.startswith((origin, "data:"))]
        assert outside == [], f"requests outside the page's origin: {outside}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def watched(browser: object, request: pytest.FixtureRequest) -> Iterator[Watched]:
    w = Watched(browser, request.node.name.replace("test_", ""))
    yield w
    w.close()


def _drawn_pixels(page: object) -> int:
    return page.evaluate("""() => {
      const c = document.querySelector('.network canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n; }""")


def _cells(page: object) -> list[str]:
    return page.eval_on_selector_all("#results table td", "els => els.map(e => e.textContent)")


def test_table_view_shows_hostile_text_as_text(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/?name=partnerships&view=table")
    page.wait_for_selector("#results table.answer")
    cells = " ".join(_cells(page))
    for text in (IMG, CLOSE):
        assert text in cells, f"{text!r} shown as text in the table"
    assert page.locator("#results table.answer tr").count() == 3  # header + two pairs
    assert page.is_checked("input[name=kg-view][value=table]")
    watched.shot("table")
    watched.check_clean(server)


def test_graph_view_draws_coloured_nodes_with_plain_text_tooltips(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/?name=enforcements")  # its header asks for the graph view
    page.wait_for_selector(".network[data-drawn='1']", timeout=20_000)
    assert page.is_checked("input[name=kg-view][value=graph]")
    assert _drawn_pixels(page) > 500, "the network canvas is drawn"
    legend = page.eval_on_selector_all(".legend-item", "els => els.map(e => e.textContent)")
    assert legend == ["GovernmentBody", "Company"]
    # Hover the node labelled with markup: its tooltip shows the markup as text.
    page.wait_for_timeout(800)
    point = page.evaluate("""() => {
      const wrap = document.querySelector('.graph-view'); const net = wrap.network;
      const pos = net.getPositions(['iri:https://w3id.org/ecomkg/id/entity/evil'])['iri:https://w3id.org/ecomkg/id/entity/evil'];
      const dom = net.canvasToDOM(pos); const box = document.querySelector('.network').getBoundingClientRect();
      return [box.left + dom.x, box.top + dom.y]; }""")
    page.mouse.move(point[0], point[1])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    tip = page.text_content("div.vis-tooltip")
    assert IMG in tip and "Company" in tip
    assert page.locator("div.vis-tooltip img, div.vis-tooltip a").count() == 0
    watched.shot("graph")
    watched.check_clean(server)


def test_graph_node_click_opens_the_local_page(server: str, watched: Watched) -> None:
    page = watched.page
    page.route("**/id/**", lambda route: route.fulfill(status=200, body="entity page", content_type="text/plain"))
    page.goto(f"{server}/?name=enforcements&view=graph")
    page.wait_for_selector(".network[data-drawn='1']", timeout=20_000)
    page.wait_for_timeout(800)
    point = page.evaluate("""() => {
      const net = document.querySelector('.graph-view').network;
      const id = 'iri:https://w3id.org/ecomkg/id/entity/good';
      const dom = net.canvasToDOM(net.getPositions([id])[id]);
      const box = document.querySelector('.network').getBoundingClientRect();
      return [box.left + dom.x, box.top + dom.y]; }""")
    with page.expect_navigation():
        page.mouse.click(point[0], point[1])
    assert page.url == f"{server}/id/entity/good"


def test_timeline_view_orders_dated_events(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/?name=events_in_period")
    page.wait_for_selector(".timeline-list li")
    dates = page.eval_on_selector_all(".timeline-list time", "els => els.map(e => e.textContent)")
    assert dates == ["2022-11-30", "2023-01-15", "2024-05-01", "2024-06-02"]
    assert page.locator("svg.timeline-chart circle").count() == 4
    text = page.text_content(".timeline-list")
    assert JS in text, "the actor's hostile label is shown as text"
    links = page.eval_on_selector_all(".timeline-list a", "els => els.map(e => e.getAttribute('href'))")
    assert links and all(h.startswith("/id/event/") for h in links)
    watched.shot("timeline")
    watched.check_clean(server)


def test_bookmarked_canned_query_with_parameter_reloads_the_same_answer(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/?name=enforcements&param.org_name={quote(JS)}&view=table")
    page.wait_for_selector("#results table.answer")
    assert page.input_value("#params input[name=org_name]") == JS
    first = _cells(page)
    assert len(first) == 2 * 7 and "Plain Partneren" in first  # label and its language tag
    page.reload()
    page.wait_for_selector("#results table.answer")
    assert _cells(page) == first
    watched.check_clean(server)


def test_ad_hoc_query_is_carried_in_the_url(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/")
    page.wait_for_selector("#canned button")
    query = "SELECT ?e ?label WHERE { ?e a kg:Company ; rdfs:label ?label } ORDER BY ?label"
    page.fill("#editor", query)
    page.click("#run")
    page.wait_for_selector("#results table.answer")
    assert "query=" in page.url
    page.check("input[name=kg-view][value=timeline]")
    assert "view=timeline" in page.url
    page.check("input[name=kg-view][value=table]")
    shown = _cells(page)
    assert IMG + "en" in shown and "普通伙伴zh" in shown
    url = page.url
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_selector("#results table.answer")
    assert page.input_value("#editor") == query
    assert _cells(page) == shown
    watched.shot("bookmark")
    watched.check_clean(server)


def test_shown_iris_paste_back_into_the_editor(server: str, watched: Watched) -> None:
    """An IRI cell reads as SPARQL (kgr:entity\\/good: a "/" in a local name escaped), so copying it into the
    next query names the same resource."""
    page = watched.page
    page.goto(f"{server}/")
    page.wait_for_selector("#canned button")
    page.fill("#editor", "SELECT ?e WHERE { ?e a kg:Company } ORDER BY ?e")
    page.click("#run")
    page.wait_for_selector("#results table.answer")
    shown = _cells(page)
    assert shown == ["kgr:entity\\/evil", "kgr:entity\\/good"], shown
    page.fill("#editor", f"SELECT ?label WHERE {{ {shown[1]} rdfs:label ?label }} ORDER BY ?label")
    page.click("#run")
    page.wait_for_function("() => [...document.querySelectorAll('#results table td')]"
                           ".some(td => td.textContent.includes('Plain Partner'))")
    assert "普通伙伴zh" in _cells(page)
    watched.check_clean(server)


def test_offline_answer_file_shows_the_same_views(store: Path, tmp_path: Path, watched: Watched) -> None:
    answer = tmp_path / "answer.html"
    result = CliRunner().invoke(app, ["query", "enforcements", "--store", str(store), "--format", "html", "-o", str(answer)])
    assert result.exit_code == 0, result.output
    text = answer.read_text(encoding="utf-8")
    assert text.count("</script>") == 4, "the data's </script> is escaped inside the JSON"
    assert "http://" not in text.split("<script")[0] and "https://" not in text.split("<script")[0]
    page = watched.page
    page.goto(answer.as_uri())
    page.wait_for_selector(".network[data-drawn='1']", timeout=20_000)
    assert _drawn_pixels(page) > 500
    watched.shot("file-graph")
    page.check("input[name=kg-view][value=table]")
    cells = " ".join(_cells(page))
    assert CLOSE in cells and IMG in cells
    assert page.locator("#results a").count() == 0, "the offline file links nowhere"
    page.check("input[name=kg-view][value=timeline]")
    assert page.locator(".timeline-list li").count() == 2
    watched.shot("file-timeline")
    watched.check_clean("file://")
