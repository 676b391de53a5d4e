"""`kg eval`: score the extractors against the gold set, or a build against researcher questions."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from ..errors import KgError

if TYPE_CHECKING:
    from ..evaluate import EvalReport


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def eval_command(
    gold: Path = typer.Option(None, "--gold", help="Gold folder holding annotations/*.json "
                              "(default: tests/data/gold of the source checkout)."),
    questions: Path = typer.Option(None, "--questions", help="Score researcher questions from this JSON file "
                                   "(the format of tests/data/questions/seeds.json) instead of the extractors."),
    corpus: Path = typer.Option(None, "--corpus", help="With --questions: the corpus folder to build and ask "
                                "(default: the docs/ folder beside the questions file)."),
    graph: Path = typer.Option(None, "--graph", help="With --questions: ask this built dataset instead of building "
                               "(graph.nq or .trig, a build folder or a store folder)."),
    min_score: float = typer.Option(None, "--min-score", help="With --questions: exit 1 when the mean score is "
                                    "below this (for CI)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON instead of a table."),
) -> None:
    """Print per-extractor scores on the gold set, or, with --questions, per-question scores of a build.

    Exit code 0 on success, 1 below --min-score, 2 when an input cannot be read.
    """
    if questions is not None:
        from .eval_questions import questions_command

        questions_command(questions, corpus, graph, min_score, as_json)
        return
    if corpus is not None or graph is not None or min_score is not None:
        _fail("--corpus, --graph and --min-score go with --questions FILE")
    try:
        from ..evaluate import evaluate

        report = evaluate(gold)
    except KgError as e:
        _fail(str(e))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        _print_table(report)


def _fail(message: str) -> None:
    Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(2)


def _print_table(report: EvalReport) -> None:
    t = Table("score", "gold", "pred", "P", "R", "F1", title="Extraction against the gold set")
    from ..evaluate import table_rows

    for row in table_rows(report):
        style = "bold" if "/" not in row[0] else None
        t.add_row(*row, style=style)
    console = Console(soft_wrap=False)
    console.print(t)
    console.print(f"{report.documents} gold documents; extractors: {', '.join(report.extractors) or 'none'}",
                  highlight=False)
    if report.missing:
        console.print(f"[yellow]not produced by ingest:[/yellow] {', '.join(report.missing)}", highlight=False)
