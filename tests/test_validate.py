"""SHACL validation: a correct graph conforms, each kind of bug gives the violation that names it."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ValidationError
from kg.validate import ValidationReport, validate, validate_graph
from kg.vocab import KG, SCHEMA

DATA = Path(__file__).parent / "data" / "validate"
VALID = DATA / "valid.ttl"
ID = "https://w3id.org/ecomkg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def doc(n: str) -> URIRef:
    return URIRef(f"{ID}doc/{n}")


def ent(n: str) -> URIRef:
    return URIRef(f"{ID}entity/{n}")


def ev(n: str) -> URIRef:
    return URIRef(f"{ID}event/{n}")


QTY, SPAN = URIRef(f"{ID}quantity/q1"), URIRef(f"{ID}span/e1-zh1")


def typed(value: str, dtype: str) -> Literal:
    return Literal(value, datatype=URIRef(XSD + dtype))


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    return Graph().parse(VALID)


def _drop(s: URIRef, p: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((s, p, None))


def _set(s: URIRef, p: URIRef, o: URIRef | Literal) -> Callable[[Graph], None]:
    return lambda g: g.set((s, p, o))


def _add(s: URIRef, p: URIRef, o: URIRef | Literal) -> Callable[[Graph], None]:
    return lambda g: g.add((s, p, o))


# (id, change to the valid graph, focus node, shape that must report it)
BROKEN = [
    ("event-without-source", _drop(ev("e1"), KG.source), ev("e1"), "kgsh:Event-source"),
    ("event-source-not-a-document", _set(ev("e2"), KG.source, ent("jd-retail")), ev("e2"), "kgsh:Event-source"),
    ("event-without-evidence-zh", _drop(ev("e1"), KG.evidence), ev("e1"), "kgsh:Event-evidence"),
    ("event-without-evidence-en", _drop(ev("e2"), KG.evidence), ev("e2"), "kgsh:Event-evidence"),
    ("date-as-string", _set(ev("e1"), KG.date, Literal("2023-03-10")), ev("e1"), "kgsh:Event-date"),
    ("date-as-datetime", _set(ev("e1"), KG.date, typed("2023-03-10T10:00:00", "dateTime")), ev("e1"), "kgsh:Event-date"),
    ("effective-date-as-string", _set(ev("e1"), KG.effectiveDate, Literal("3月15日", lang="zh")), ev("e1"),
     "kgsh:Event-effectiveDate"),
    ("confidence-above-one", _set(ev("e2"), KG.confidence, typed("1.5", "decimal")), ev("e2"), "kgsh:Event-confidence"),
    ("confidence-as-string", _set(ev("e2"), KG.confidence, Literal("0.9")), ev("e2"), "kgsh:Event-confidence"),
    ("confidence-missing", _drop(ev("e3"), KG.confidence), ev("e3"), "kgsh:Event-confidence"),
    ("two-confidences", _add(ev("e3"), KG.confidence, typed("0.7", "decimal")), ev("e3"), "kgsh:Event-confidence"),
    ("actor-is-a-policy", _add(ev("e1"), KG.actor, ent("rules")), ev("e1"), "kgsh:Event-actor"),
    ("affects-is-a-service", _set(ev("e1"), KG.affects, ent("buyin")), ev("e1"), "kgsh:Event-affects"),
    ("participant-is-a-person", _add(ev("e2"), KG.participant, ent("wang-hai")), ev("e2"), "kgsh:Event-participant"),
    ("about-is-a-company", _set(ev("e1"), KG.about, ent("ztcl")), ev("e1"), "kgsh:Event-about"),
    ("figure-not-a-quantity", _set(ev("e2"), KG.figure, ent("ztcl")), ev("e2"), "kgsh:Event-figure"),
    ("figure-without-value", _drop(QTY, KG.value), QTY, "kgsh:Quantity-value"),
    ("figure-value-as-string", _set(QTY, KG.value, Literal("930万")), QTY, "kgsh:Quantity-value"),
    ("figure-without-unit", _drop(QTY, KG.unit), QTY, "kgsh:Quantity-unit"),
    ("figure-without-label", _drop(QTY, RDFS.label), QTY, "kgsh:Quantity-label"),
    ("span-end-before-start", _set(SPAN, KG.evidenceEnd, typed("0", "integer")), SPAN, "kgsh:EvidenceSpan-start"),
    ("span-without-source", _drop(SPAN, KG.source), SPAN, "kgsh:EvidenceSpan-source"),
    ("entity-without-label-zh", _drop(ent("ztcl"), RDFS.label), ent("ztcl"), "kgsh:Entity-label"),
    ("entity-without-label-en", _drop(ent("sinopharm"), RDFS.label), ent("sinopharm"), "kgsh:Entity-label"),
    ("entity-label-untagged", _set(ent("ztcl"), RDFS.label, Literal("中通冷链")), ent("ztcl"), "kgsh:Entity-label"),
    ("entity-label-other-language", _set(ent("ztcl"), RDFS.label, Literal("ZTO", lang="ja")), ent("ztcl"),
     "kgsh:Entity-label"),
    ("entity-two-zh-labels", _add(ent("douyin-ec"), RDFS.label, Literal("抖音", lang="zh")), ent("douyin-ec"),
     "kgsh:Entity-label"),
    ("entity-source-not-a-document", _set(ent("ztcl"), KG.source, ent("douyin-ec")), ent("ztcl"), "kgsh:Entity-source"),
    ("document-language-fr", _set(doc("zh1"), SCHEMA.inLanguage, Literal("fr")), doc("zh1"), "kgsh:Document-inLanguage"),
    ("document-language-tagged", _set(doc("en1"), SCHEMA.inLanguage, Literal("en", lang="en")), doc("en1"),
     "kgsh:Document-inLanguage"),
    ("document-language-missing", _drop(doc("en1"), SCHEMA.inLanguage), doc("en1"), "kgsh:Document-inLanguage"),
    ("document-without-source", _drop(doc("zh1"), DCTERMS.source), doc("zh1"), "kgsh:Document-source"),
    ("document-two-sources", _add(doc("en1"), DCTERMS.source, Literal("other.html")), doc("en1"), "kgsh:Document-source"),
    ("document-date-as-string", _set(doc("zh1"), SCHEMA.datePublished, Literal("2023年3月13日")), doc("zh1"),
     "kgsh:Document-datePublished"),
    ("document-two-dates", _add(doc("en1"), SCHEMA.datePublished, typed("2021-11-03", "date")), doc("en1"),
     "kgsh:Document-datePublished"),
    ("publisher-is-a-person", _set(doc("zh1"), SCHEMA.publisher, ent("wang-hai")), doc("zh1"), "kgsh:Document-publisher"),
    ("publisher-as-literal", _set(doc("zh1"), SCHEMA.publisher, Literal("电商报")), doc("zh1"), "kgsh:Document-publisher"),
    ("author-is-an-organisation", _set(doc("zh1"), SCHEMA.author, ent("ec-news")), doc("zh1"), "kgsh:Document-author"),
    ("part-not-a-document", _add(doc("file"), SCHEMA.hasPart, ent("ztcl")), doc("file"), "kgsh:Document-hasPart"),
    ("operated-by-on-a-company", _add(ent("ztcl"), KG.operatedBy, ent("bytedance")), ent("ztcl"), "kgsh:OperatedBy"),
    ("operated-by-a-person", _set(ent("buyin"), KG.operatedBy, ent("wang-hai")), ent("buyin"), "kgsh:OperatedBy-object"),
    ("offered-on-a-company", _set(ent("buyin"), KG.offeredOn, ent("bytedance")), ent("buyin"), "kgsh:OfferedOn-object"),
    ("offered-on-from-a-platform", _add(ent("douyin-ec"), KG.offeredOn, ent("douyin-ec")), ent("douyin-ec"),
     "kgsh:OfferedOn"),
    ("affiliated-with-a-person", _set(ent("wang-hai"), KG.affiliatedWith, ent("wang-hai")), ent("wang-hai"),
     "kgsh:AffiliatedWith-object"),
    ("role-on-a-company", _add(ent("ztcl"), KG.role, Literal("carrier")), ent("ztcl"), "kgsh:Role"),
    ("subsidiary-of-a-policy", _add(ent("ztcl"), KG.subsidiaryOf, ent("rules")), ent("ztcl"), "kgsh:SubsidiaryOf-object"),
    ("market-is-a-company", _add(ev("e1"), KG.market, ent("ztcl")), ev("e1"), "kgsh:Event-market"),
    ("measure-not-a-code", _add(QTY, KG.measure, Literal("Net profit")), QTY, "kgsh:Quantity-measure"),
    ("two-measures", lambda g: (g.add((QTY, KG.measure, Literal("revenue"))), g.add((QTY, KG.measure, Literal("gmv")))),
     QTY, "kgsh:Quantity-measure"),
    ("period-start-after-end", lambda g: (g.add((QTY, KG.periodStart, typed("2021-12-31", "date"))),
                                          g.add((QTY, KG.periodEnd, typed("2021-07-01", "date")))),
     QTY, "kgsh:Quantity-periodStart"),
    ("period-as-date-string", _add(QTY, KG.periodEnd, Literal("2021-09-30")), QTY, "kgsh:Quantity-periodEnd"),
    ("located-in-a-company", _add(ent("jd-retail"), KG.locatedIn, ent("ztcl")), ent("jd-retail"), "kgsh:LocatedIn-object"),
    ("located-in-on-a-service", _add(ent("buyin"), KG.locatedIn, ent("ztcl")), ent("buyin"), "kgsh:LocatedIn"),
    ("partner-of-one-way", lambda g: g.remove((ent("sinopharm"), KG.partnerOf, None)), ent("jd-retail"),
     "kgsh:PartnerOf-symmetric"),
]


def _report(graph: Graph, change: Callable[[Graph], None]) -> ValidationReport:
    g = Graph()
    g += graph
    change(g)
    return validate_graph(g)


def _short(node: URIRef) -> str:
    return "kgr:" + str(node)[len(ID):]


def test_validate_valid_graph_conforms() -> None:
    report = validate(VALID)
    assert report.conforms, [str(v) for v in report.violations]
    assert report.violations == []
    assert report.focus_nodes == 18
    assert report.summary().startswith("conforms: 18 nodes checked")


@pytest.mark.parametrize(("change", "focus", "shape"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_validate_broken_graph_reports_violation(valid_graph: Graph, change, focus: URIRef, shape: str) -> None:
    report = _report(valid_graph, change)
    assert not report.conforms
    found = {(v.focus, v.shape) for v in report.violations}
    assert (_short(focus), shape) in found, found
    assert all(v.message and v.severity == "Violation" for v in report.violations)


# Correct graphs that only a subclass-aware validator accepts, and allowed absences.
STILL_VALID = [
    ("publisher-is-a-platform", _set(doc("zh1"), SCHEMA.publisher, ent("douyin-ec"))),
    ("publisher-is-a-government-body", _set(doc("en1"), SCHEMA.publisher, ent("mofcom"))),
    ("actor-is-a-person", _set(ev("e1"), KG.actor, ent("wang-hai"))),
    ("about-is-a-service", _set(ev("e1"), KG.about, ent("buyin"))),
    ("plain-event-type", _set(ev("e3"), RDF.type, KG.Event)),
    ("no-date-published", _drop(doc("en1"), SCHEMA.datePublished)),
    ("no-headline-publisher-author", lambda g: [g.remove((doc("zh1"), p, None))
                                                for p in (SCHEMA.headline, SCHEMA.publisher, SCHEMA.author)]),
    ("event-without-date-or-figure", lambda g: [g.remove((ev("e2"), p, None)) for p in (KG.figure, KG.date)]),
    ("entity-english-label-only", _set(ent("ztcl"), RDFS.label, Literal("ZTO Cold Chain", lang="en"))),
]


@pytest.mark.parametrize("change", [c for _, c in STILL_VALID], ids=[i for i, _ in STILL_VALID])
def test_validate_accepts_correct_variants(valid_graph: Graph, change) -> None:
    report = _report(valid_graph, change)
    assert report.conforms, [str(v) for v in report.violations]


def test_validate_graph_does_not_change_the_callers_graph(valid_graph: Graph) -> None:
    g = Graph()
    g += valid_graph
    before = len(g)
    validate_graph(g)
    assert len(g) == before


def _as_dataset(graph: Graph) -> Dataset:
    """Types in one named graph, facts about the same nodes in another, as a build spreads them."""
    ds = Dataset()
    types = ds.graph(URIRef(ID + "graph/types"))
    facts = ds.graph(URIRef(ID + "graph/facts"))
    for t in graph:
        (types if t[1] == RDF.type else facts).add(t)
    return ds


@pytest.mark.parametrize("fmt,suffix", [("nquads", ".nq"), ("trig", ".trig"), ("nt", ".nt"), ("turtle", ".ttl")],
                         ids=["nquads", "trig", "ntriples", "turtle"])
def test_validate_reads_every_format_as_union(valid_graph: Graph, tmp_path: Path, fmt: str, suffix: str) -> None:
    path = tmp_path / f"graph{suffix}"
    if fmt in ("nquads", "trig"):
        _as_dataset(valid_graph).serialize(path, format=fmt)
    else:
        valid_graph.serialize(path, format=fmt, encoding="utf-8")
    report = validate(path)
    assert report.conforms, [str(v) for v in report.violations]
    assert report.focus_nodes == 18


def test_validate_graph_accepts_a_dataset(valid_graph: Graph) -> None:
    assert validate_graph(_as_dataset(valid_graph)).conforms


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("missing.nq", None, "no such file"),
    ("broken.ttl", "<a> <b> .\n", "cannot parse"),
    ("broken.nq", "<urn:a> <urn:b> \"x\" <urn:g>\n", "cannot parse"),
    ("graph.csv", "a,b,c\n", "unknown graph format"),
], ids=["missing", "bad-turtle", "bad-nquads", "unknown-suffix"])
def test_validate_unreadable_input_raises(tmp_path: Path, name: str, content: str | None, needle: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        validate(path)
    assert str(path) in str(info.value)
    assert needle in str(info.value)


def test_validate_seed_build_conforms(seed_graph: Path) -> None:
    """Every graph `kg build` makes must pass the shapes."""
    report = validate(seed_graph)
    assert report.conforms, [str(v) for v in report.violations[:20]]
    assert report.focus_nodes > 0


# -- CLI -----------------------------------------------------------------------------

runner = CliRunner()


def test_cli_validate_conforming_graph_exits_0() -> None:
    result = runner.invoke(app, ["validate", str(VALID)])
    assert result.exit_code == 0, result.output
    assert "conforms: 18 nodes checked" in result.output


@pytest.mark.parametrize("extra", [[], ["--table"]], ids=["lines", "table"])
def test_cli_validate_violations_exit_1(valid_graph: Graph, tmp_path: Path, extra: list[str]) -> None:
    g = Graph()
    g += valid_graph
    g.remove((ev("e1"), KG.source, None))
    g.set((ev("e2"), KG.date, Literal("2021-11-02")))
    path = tmp_path / "bad.ttl"
    g.serialize(path, format="turtle")
    result = runner.invoke(app, ["validate", *extra, str(path)])
    assert result.exit_code == 1, result.output
    assert "kgr:event/e1" in result.output
    assert "kg:source" in result.output
    assert result.output.strip().splitlines()[-1].startswith("2 violations")


def test_cli_validate_limit_hides_the_rest(valid_graph: Graph, tmp_path: Path) -> None:
    g = Graph()
    g += valid_graph
    for e in ("e1", "e2", "e3"):
        g.remove((ev(e), KG.evidence, None))
    path = tmp_path / "bad.ttl"
    g.serialize(path, format="turtle")
    result = runner.invoke(app, ["validate", "--limit", "1", str(path)])
    assert result.exit_code == 1
    assert "2 more" in result.output


def test_cli_validate_unreadable_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "nothing.nq"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "nothing.nq" in result.output


def test_cli_validate_help() -> None:
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    assert "SHACL" in result.output


def test_validate_places_periods_and_positions_conform(valid_graph: Graph) -> None:
    """The terms of figures with meaning, places and personnel changes pass when used as documented."""
    place = ent("shenzhen")
    change = URIRef(f"{ID}event/pc1")

    def extend(g: Graph) -> None:
        g.add((place, RDF.type, KG.Place))
        g.add((place, RDFS.label, Literal("深圳", lang="zh")))
        g.add((place, KG.source, doc("zh1")))
        g.add((ent("jd-retail"), KG.locatedIn, place))
        g.add((ev("e1"), KG.market, place))
        g.add((QTY, KG.measure, Literal("net_profit")))
        g.add((QTY, KG.period, Literal("2021年第三季度")))
        g.add((QTY, KG.periodStart, typed("2021-07-01", "date")))
        g.add((QTY, KG.periodEnd, typed("2021-09-30", "date")))
        g.add((change, RDF.type, KG.PersonnelChange))
        g.add((change, KG.source, doc("zh1")))
        g.add((change, KG.evidence, Literal("汪海出任副总裁。")))
        g.add((change, KG.confidence, typed("0.8", "decimal")))
        g.add((change, KG.affects, ent("wang-hai")))
        g.add((change, KG.role, Literal("副总裁")))

    report = _report(valid_graph, extend)
    assert report.conforms, [str(v) for v in report.violations]
