"""The site (kg.view.site): structure, a page for everything, escaping of hostile text, no
external URLs, each panel's query, CSV safety, graph caps, `kg site`, and /site/ + /id/ on kg serve."""
from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.analyse.graph import open_dataset
from kg.cli import app
from kg.view.site import build_site
from kg.view.site import queries as q
from kg.view.site.graphs import ENTITY_CAP, OVERVIEW_CAP, neighbourhood, view
from kg.view.site.render import LISTINGS, page_path
from kg.view.site.tables import Table, csv_cell, page_csv

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
SCRIPTS = {"assets/site.js", "assets/vis-network.min.js", "search-index.js"}
TAGS = {"html", "head", "meta", "title", "link", "body", "header", "nav", "a", "span", "main", "h1", "h2", "p", "section",
        "label", "input", "ol", "ul", "li", "div", "table", "thead", "tbody", "tr", "th", "td", "details", "summary",
        "pre", "code", "dl", "dt", "dd", "time", "svg", "rect", "text", "select", "option", "footer", "script"}
URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"}


class Page(HTMLParser):
    """Everything in a page that could run or load: tags, attributes, scripts; and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.scripts: list[dict[str, str]] = []
        self.json_blocks: list[str] = []
        self.text: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        a = {k: v or "" for k, v in attrs}
        self.attrs += [(tag, k, v) for k, v in a.items()]
        if tag == "script":
            self.scripts.append(a)
            self._in_json = a.get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_blocks.append(data)
        else:
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def site(seed_build) -> Path:
    return seed_build.out / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build

    out = tmp_path_factory.mktemp("hostile") / "out"
    build(HOSTILE, out)
    return out / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_site_written_by_build_with_every_kind_of_page(site: Path) -> None:
    for rel in ["index.html", "timeline.html", "network.html", "search-index.js", "assets/site.js", "assets/site.css",
                "assets/vis-network.min.js", "assets/vis-network.min.css",
                *(f"list/{cls}.html" for cls, _ in LISTINGS),
                *(f"graphs/{g}.html" for g in ("partnerships", "ownership", "regulators", "network"))]:
        assert (site / rel).is_file(), rel
    for page in _pages(site):
        assert page.with_suffix(".json").is_file(), page
        assert page.with_suffix(".csv").is_file(), page
        data = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        assert data["page"] and isinstance(data["panels"], list), page


def test_site_has_a_page_for_every_entity_event_and_document(seed_build, site: Path) -> None:
    store = open_dataset(seed_build.out)
    found = {"entity": set(), "event": set(), "doc": set()}
    everything = """SELECT DISTINCT ?x WHERE { ?x a ?c .
      FILTER(STRSTARTS(STR(?c), STR(kg:)) || ?c = schema:NewsArticle) FILTER(STRSTARTS(STR(?x), STR(kgr:))) }"""
    for row in q.rows(store, everything):
        kind = row["x"].split("/id/", 1)[1].split("/", 1)[0]
        if kind in found:
            found[kind].add(row["x"])
    assert len(found["entity"]) >= 80 and len(found["event"]) >= 90 and len(found["doc"]) >= 56
    for kind, iris in found.items():
        missing = [i for i in iris if not (site / (page_path(i) or "?")).is_file()]
        assert not missing, f"{kind} pages missing: {missing[:5]}"


def test_site_pages_reference_no_external_url(site: Path) -> None:
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, page
        for tag, name, value in parse(page).attrs:
            if name in URL_ATTRS:
                v = value.strip().lower()
                assert v == "data:," or (not v.startswith("//") and ":" not in v.split("?", 1)[0]), (page, tag, name, value)
    for own in ("assets/site.js", "assets/site.css", "search-index.js"):
        text = (site / own).read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, own
    # the vendored library mentions URLs in its licence comment and error texts, but loads nothing itself
    vendored = (site / "assets/vis-network.min.js").read_text(encoding="utf-8")
    assert "importScripts" not in vendored and not re.search(r"""\bsrc\s*=\s*["']https?:""", vendored)


def test_site_hostile_text_is_escaped_everywhere(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    assert len(pages) > 10
    seen_text = []
    for page in pages:
        p = parse(page)
        assert p.tags <= TAGS, (page, p.tags - TAGS)
        for tag, name, value in p.attrs:
            assert not name.startswith("on"), (page, tag, name)
            assert "javascript:" not in value.lower() or name not in URL_ATTRS, (page, tag, name, value)
        for s in p.scripts:
            if s.get("type") == "application/json":
                continue
            src = re.sub(r"^(\.\./)*", "", s.get("src", ""))
            assert src in SCRIPTS, (page, s)
        for block in p.json_blocks:
            json.loads(block)  # still one JSON value: nothing in it closed the script element
        seen_text.append("".join(p.text))
    text = "\n".join(seen_text)
    # the hostile strings are shown as text (not dropped, not markup)
    for needle in ("<script>window.__pwned='headline'</script>", "<img src=x onerror=", "javascript:window.__pwned",
                   "<script>window.__pwned='publisher'</script>", "<b onmouseover="):
        assert needle in text, needle


def test_site_hostile_names_stay_plain_text_in_graph_data(hostile_site: Path) -> None:
    labels = []
    for page in (hostile_site / "entity").glob("*.html"):
        for block in parse(page).json_blocks:
            labels += [n["title"] for n in json.loads(block)["nodes"]]
    assert labels and all(isinstance(t, str) for t in labels)
    index = (hostile_site / "search-index.js").read_text(encoding="utf-8")
    assert "</script" not in index and "<\\/script>" in index


def test_site_panel_shows_the_query_that_gives_its_rows(seed_build, site: Path) -> None:
    store = open_dataset(seed_build.out)
    iri = "https://w3id.org/ecomkg/id/entity/1688"
    page = json.loads((site / "entity" / "1688.json").read_text(encoding="utf-8"))
    panels = {p["name"]: p for p in page["panels"]}
    for panel in q.ENTITY_PANELS:
        shown = panels[panel.name]
        assert shown["query"] == panel.for_page(iri)
        if panel.name == "relations":
            continue  # the page adds a column (the sentence) the query cannot give
        expected = sorted(json.dumps({c: r.get(c) for c in shown["columns"]}, sort_keys=True)
                          for r in q.rows(store, shown["query"]))
        got = sorted(json.dumps(r, sort_keys=True) for r in shown["rows"])
        assert got == expected, panel.name
    assert panels["events"]["rows"], "1688 takes part in events in the seeds"
    html = (site / "entity" / "1688.html").read_text(encoding="utf-8")
    assert html.count('<a class="rerun">') == len(q.ENTITY_PANELS)  # its href is made from the query shown


def test_site_entity_page_lists_evidence_linked_to_documents(site: Path) -> None:
    page = parse(site / "entity" / "1688.html")
    doc_links = [v for t, n, v in page.attrs if t == "a" and n == "href" and v.startswith("../doc/")]
    assert doc_links
    for link in doc_links:
        assert (site / "entity" / link).resolve().is_file(), link


def test_site_document_page_highlights_and_links_mentions(seed_build, site: Path) -> None:
    texts = [json.loads(line) for line in (seed_build.out / "texts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(texts) >= 56 and all(isinstance(t["text"], str) for t in texts)
    mentioned = 0
    for page in (site / "doc").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<a class="mention k-[A-Za-z]+" href="([^"]+)">([^<]+)</a>', html):
            mentioned += 1
            assert (page.parent / m.group(1)).resolve().is_file()
    assert mentioned >= 50


def test_site_csv_neutralises_formulas() -> None:
    for bad in ("=1+1", "+cmd", "-2+3", "@SUM(1)", "\tx", "\rx"):
        assert csv_cell(bad) == "'" + bad
    assert csv_cell("safe = text") == "safe = text" and csv_cell(None) == ""
    t = Table("p", "P", ["a", "b"], [{"a": "=HYPERLINK(\"x\")", "b": 3}])
    rows = list(csv.reader(io.StringIO(page_csv([t]))))
    assert rows == [["panel", "a", "b"], ["p", "'=HYPERLINK(\"x\")", "3"]]


def test_site_graph_views_are_capped_with_a_note() -> None:
    g = nx.Graph()
    multi = nx.MultiDiGraph()
    multi.add_node("hub", label="hub", kind="Platform", classes=["Platform"])
    for i in range(200):
        leaf = f"leaf{i:03d}"
        g.add_edge("hub", leaf)
        multi.add_node(leaf, label=f"<b>{i}</b>", kind="Company", classes=["Company"])
        multi.add_edge(leaf, "hub", key="partnerOf", relation="partnerOf", documents=[], event=None, date=None,
                       evidence=None)
    ranks = {u: 1.0 for u in g}
    keep, total, hops, exact = neighbourhood(g, "leaf000", ranks, ENTITY_CAP)
    assert len(keep) == ENTITY_CAP and total == 201 and hops == 2 and exact and keep[0] == "leaf000"
    assert keep[1] == "hub"
    for i in range(3000):  # a hub too big to count: the view is the same size, the count a lower bound
        g.add_edge("hub", f"more{i:04d}")
    keep, total, hops, exact = neighbourhood(g, "leaf000", ranks, ENTITY_CAP)
    assert len(keep) == ENTITY_CAP and not exact and total == 3201 and len(set(keep)) == ENTITY_CAP
    g.remove_nodes_from([f"more{i:04d}" for i in range(3000)])
    keep, *_ = neighbourhood(g, "leaf000", ranks, ENTITY_CAP)
    data = view(multi, g, keep, link=lambda iri: None, ranks=ranks, note="n")
    assert len(data["nodes"]) == ENTITY_CAP and data["physics"] is True
    assert {n["label"] for n in data["nodes"]} >= {"<b>0</b>"}  # plain data, escaped by the page and drawn as text
    big = view(multi, g, ["hub", *sorted(u for u in g if u != "hub")], link=lambda iri: None, ranks=ranks, note="n")
    assert big["physics"] is False and all("x" in n and "y" in n for n in big["nodes"])


def test_site_graph_pages_respect_caps(site: Path) -> None:
    for folder, cap in (("entity", ENTITY_CAP), ("graphs", OVERVIEW_CAP)):
        for page in (site / folder).glob("*.html"):
            for block in parse(page).json_blocks:
                g = json.loads(block)
                assert 0 < len(g["nodes"]) <= cap and g["note"], page
                ids = {n["id"] for n in g["nodes"]}
                assert all(e["from"] in ids and e["to"] in ids for e in g["edges"])


def test_site_timeline_has_chart_and_every_dated_event(seed_build, site: Path) -> None:
    html = (site / "timeline.html").read_text(encoding="utf-8")
    assert '<svg class="chart"' in html and html.count("<rect") > 5
    store = open_dataset(seed_build.out)
    dated = {r["event"] for r in q.rows(store, q.TIMELINE)}
    for iri in dated:
        assert "../" + page_path(iri) not in html and page_path(iri) in html  # linked from the site root


def test_site_command_rebuilds_and_no_site_skips(tmp_path: Path, seeds_dir: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(out), "--no-site", "-q"])
    assert result.exit_code == 0, result.output
    assert not (out / "site").exists() and (out / "texts.jsonl").is_file()
    result = runner.invoke(app, ["site", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "site" / "index.html").is_file() and "pages" in result.output
    result = runner.invoke(app, ["site", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "not a build folder" in result.output


def test_site_without_texts_file_says_so(tmp_path: Path, seed_build) -> None:
    report = build_site(seed_build.out, tmp_path / "site")
    assert report.pages > 200 and not report.problems
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "graph.nq").write_bytes((seed_build.out / "graph.nq").read_bytes())
    report = build_site(tmp_path / "b")
    assert any("texts.jsonl" in p for p in report.problems)


# -- kg serve: /site/ and /id/ ------------------------------------------------------------
@pytest.fixture(scope="module")
def served(seed_build):
    from kg.serve import make_server

    server = make_server(seed_build.out, port=0, workers=1)
    server.start_background()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown_all()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _get(url: str, accept: str | None = None):
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=20) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_serve_site_pages_with_csp(served: str) -> None:
    status, headers, body = _get(served + "/site/")
    assert status == 200 and b"<h1>" in body
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    status, headers, _ = _get(served + "/site/entity/1688.html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    status, headers, _ = _get(served + "/site/assets/site.js")
    assert status == 200 and "javascript" in headers["Content-Type"]
    for bad in ("/site/../graph.nq", "/site/%2e%2e/graph.nq", "/site/..%2fgraph.nq", "/site/nothing.html"):
        assert _get(served + bad)[0] == 404, bad


def test_serve_id_redirects_browsers_and_answers_rdf_clients(served: str) -> None:
    status, headers, _ = _get(served + "/id/entity/1688", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 303 and headers["Location"] == "/site/entity/1688.html"
    status, headers, body = _get(served + "/id/entity/1688", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    import rdflib

    g = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    assert (rdflib.URIRef("https://w3id.org/ecomkg/id/entity/1688"), rdflib.RDFS.label, rdflib.Literal("1688", lang="zh")) in g
    status, headers, body = _get(served + "/id/entity/1688", "application/ld+json")
    assert status == 200 and "ld+json" in headers["Content-Type"] and json.loads(body)
    status, headers, body = _get(served + "/id/entity/1688", "application/n-triples")
    assert status == 200 and b"<https://w3id.org/ecomkg/id/entity/1688>" in body
    status, _, body = _get(served + "/id/entity/1688", "application/rdf+xml")
    assert status == 200 and b"rdf:RDF" in body
    assert _get(served + "/id/entity/1688")[0] == 200  # no Accept: RDF (Turtle)
    assert _get(served + "/id/entity/no-such-thing", "text/turtle")[0] == 404
    assert _get(served + "/id/entity/a%3Cb", "text/turtle")[0] == 404


def test_site_network_ranks_per_class_and_communities(site: Path) -> None:
    data = json.loads((site / "network.json").read_text(encoding="utf-8"))
    panels = {p["name"]: p for p in data["panels"]}
    platforms = panels["rank-Platform"]["rows"]
    assert platforms[0]["rank by pagerank"] == 1
    assert {r["rank by degree"] for r in platforms} >= {1} and {r["rank by betweenness"] for r in platforms} >= {1}
    assert panels["communities"]["rows"] and all(r["size"] >= 2 for r in panels["communities"]["rows"])


def test_site_network_page_agrees_with_kg_analyse(seed_build, site: Path) -> None:
    from kg.analyse.graph import to_networkx
    from kg.analyse.rank import rankings

    page = json.loads((site / "network.json").read_text(encoding="utf-8"))
    shown = {p["name"]: p for p in page["panels"]}["rank-Platform"]["rows"]
    by_pagerank = [r["e"] for r in sorted((r for r in shown if r["rank by pagerank"]), key=lambda r: r["rank by pagerank"])]
    ranked = rankings(to_networkx(seed_build.out), top=None, by="pagerank")
    platforms = [r.iri for r in ranked["Platform"]]
    assert by_pagerank == platforms[:len(by_pagerank)]


def test_site_listing_rows_are_what_its_query_returns(seed_build, site: Path) -> None:
    store = open_dataset(seed_build.out)
    for cls in ("Platform", "Company", "GovernmentBody"):
        page = json.loads((site / "list" / f"{cls}.json").read_text(encoding="utf-8"))
        panel = page["panels"][0]
        assert panel["query"] == q.listing_query(cls)
        expected = {(r["e"], int(r["documents"]), int(r["events"])) for r in q.rows(store, panel["query"])}
        assert {(r["e"], r["documents"], r["events"]) for r in panel["rows"]} == expected and expected, cls
