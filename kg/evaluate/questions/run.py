"""Scoring: run each question over a graph and compare its `?answer` column with `expect`.

`bind` puts `VALUES ?var { <iri> ... }` (every entity labelled with one of the names) at
the first `WHERE {`; a name no entity carries scores the question 0. Per mode:
- exact: F1 of the distinct answers against the expected items;
- contains: recall (share of expected items found; extra answers cost nothing);
- absent: 1 - share of the (forbidden) expected items that appear.
A question passes at score >= 0.999; the set's score is the mean over its questions.
"""
from __future__ import annotations

import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ...errors import KgError
from ...store import open_oxigraph, rdf_format
from .match import Matcher
from .spec import WHERE, Question

PASS = 0.999
PREFIXES = """PREFIX kg: <https://w3id.org/ecomkg/ontology#>
PREFIX kgr: <https://w3id.org/ecomkg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@dataclass(frozen=True)
class QuestionResult:
    """One question's score in [0, 1] and a note saying why (recall/precision, what was missing)."""

    id: str
    mode: str
    score: float
    note: str

    @property
    def passed(self) -> bool:
        return self.score >= PASS


@dataclass
class QuestionReport:
    """Every question's result; `score` is their mean, `passed` how many reached PASS."""

    results: list[QuestionResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # build problems, when the corpus was built

    @property
    def total(self) -> float:
        return sum(r.score for r in self.results)

    @property
    def score(self) -> float:
        return self.total / len(self.results) if self.results else 0.0

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> list[str]:
        return [r.id for r in self.results if not r.passed]

    def as_dict(self) -> dict[str, object]:
        """The reference scorer's JSON summary, plus every result and any build problems."""
        return {"questions": len(self.results), "passed": self.passed, "score": round(self.score, 4),
                "failed": self.failed, "results": [asdict(r) | {"score": round(r.score, 4)} for r in self.results],
                "problems": self.problems}


@dataclass
class QuestionGraph:
    """A dataset to ask: the store, and whether its default graph must be read as the union.

    A graph file loaded in memory keeps the ontology in its default graph and every document
    in a named graph, so queries need Oxigraph's union mode; a `kg` store already holds the
    materialised union as its default graph (see kg.store), so it is queried as it is.
    """

    store: ox.Store
    union: bool = True
    matcher: Matcher = field(init=False)

    def __post_init__(self) -> None:
        self.matcher = Matcher(self.store, self.union)


def open_graph(path: Path | str) -> QuestionGraph:
    """A graph file (.nq .trig .ttl .nt ...), a build folder (its graph.nq) or a `kg` store folder."""
    path = Path(path)
    if path.is_dir() and (path / "graph.nq").is_file():
        path = path / "graph.nq"
    if path.is_dir():
        return QuestionGraph(open_oxigraph(path), union=False)
    if not path.is_file():
        raise KgError(f"{path}: no such graph file or store folder")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format(path))
    except (OSError, SyntaxError, ValueError) as err:
        raise KgError(f"{path}: cannot load the graph: {err}") from None
    return QuestionGraph(store)


def build_graph(corpus: Path | str) -> tuple[QuestionGraph, list[str]]:
    """Build `corpus` with kg's own build into a temporary folder and load the result in memory.

    Returns the graph and the build's problems (file: severity: message); a corpus with
    unreadable files is still scored, the problems say what it lacks.
    """
    from ...build import build  # the whole pipeline; imported here so scoring a graph stays light

    with tempfile.TemporaryDirectory(prefix="kg-questions-") as tmp:
        report = build(Path(corpus), Path(tmp) / "out", load_store=False)
        return open_graph(Path(tmp) / "out" / "graph.nq"), report.problems()


def _with_values(question: Question, graph: QuestionGraph) -> tuple[str | None, str]:
    """The query with a VALUES block per `bind` variable, or None and why not."""
    sparql = question.sparql
    for var, names in question.bind.items():
        nodes = graph.matcher.entities(names)
        if not nodes:
            return None, f"no entity labelled {names[0]!r}"
        values = f"VALUES ?{var} {{ {' '.join(str(n) for n in nodes)} }} "
        sparql = WHERE.sub(lambda m, v=values: m.group() + " " + v, sparql, count=1)
    return sparql, ""


def score_question(graph: QuestionGraph, question: Question) -> QuestionResult:
    """Run one question and score its distinct answers by its mode (see the module docstring)."""
    def result(score: float, note: str) -> QuestionResult:
        return QuestionResult(question.id, question.mode, score, note)

    sparql, why = _with_values(question, graph)
    if sparql is None:
        return result(0.0, why)
    try:
        rows = graph.store.query(PREFIXES + sparql, use_default_graph_as_union=graph.union)
        if not isinstance(rows, ox.QuerySolutions):
            return result(0.0, "not a SELECT query")
        if ox.Variable("answer") not in rows.variables:
            return result(0.0, "the query selects no ?answer")
        answers = list({r["answer"] for r in rows if r["answer"] is not None})
    except (SyntaxError, OSError, ValueError) as err:
        return result(0.0, f"query failed: {err}")
    match = graph.matcher.matches
    hit = [any(match(a, e) for a in answers) for e in question.expect]
    found, n = sum(hit), len(question.expect)
    if question.mode == "absent":
        return result(1.0 - found / n, f"{found} forbidden answers present")
    recall = found / n
    if question.mode == "contains":
        return result(recall, f"found {found}/{n} of {len(answers)} answers")
    good = sum(1 for a in answers if any(match(a, e) for e in question.expect))
    precision = good / len(answers) if answers else 0.0
    f1 = 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)
    return result(f1, f"recall {recall:.2f} precision {precision:.2f} ({len(answers)} answers)")


def score_questions(graph: QuestionGraph | ox.Store, questions: list[Question]) -> QuestionReport:
    """Score every question over one graph (an ox.Store is read in union mode)."""
    g = graph if isinstance(graph, QuestionGraph) else QuestionGraph(graph)
    return QuestionReport([score_question(g, q) for q in questions])
