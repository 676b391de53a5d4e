"""`kg eval --questions FILE`: build a corpus (or open a graph) and score researcher questions."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import KgError
from ..evaluate.questions import QuestionReport, build_graph, load_questions, open_graph, score_questions


def questions_command(questions: Path, corpus: Path | None, graph: Path | None, min_score: float | None,
                      as_json: bool) -> None:
    """Score `questions` on `graph`, or on a fresh build of `corpus` (default: docs/ beside the file)."""
    err = Console(stderr=True, soft_wrap=True)
    try:
        report = _score(questions, corpus, graph)
    except KgError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        for problem in report.problems:
            err.print(f"[yellow]build:[/yellow] {escape(problem)}", highlight=False)
        _print_table(report)
    if min_score is not None and report.score < min_score:
        err.print(f"[red]score {report.score:.3f} is below --min-score {min_score}[/red]", highlight=False)
        raise typer.Exit(1)


def _score(questions: Path, corpus: Path | None, graph: Path | None) -> QuestionReport:
    if corpus is not None and graph is not None:
        raise KgError("give --corpus or --graph, not both")
    asked = load_questions(questions)  # first, so a malformed file fails before a build
    if graph is not None:
        return score_questions(open_graph(graph), asked)
    if corpus is None:
        corpus = questions.parent / "docs"
        if not corpus.is_dir():
            raise KgError(f"{questions}: no docs/ folder beside it; give --corpus DIR or --graph FILE")
    built, problems = build_graph(corpus)
    report = score_questions(built, asked)
    report.problems = problems
    return report


def _print_table(report: QuestionReport) -> None:
    t = Table("id", "score", "", "note", title="Researcher questions")
    for r in report.results:
        t.add_row(r.id, f"{r.score:.2f}", "PASS" if r.passed else "[red]MISS[/red]", escape(r.note))
    console = Console(soft_wrap=False)
    console.print(t)
    console.print(f"score {report.score:.3f}  passed {report.passed}/{len(report.results)}", highlight=False)
