"""`kg eval`: score the extractors against the bilingual gold set (precision/recall/F1)."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..errors import KgError
from ..evaluate import EvalReport, evaluate, table_rows


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def eval_command(
    gold: Path = typer.Option(None, "--gold", help="Gold folder holding annotations/*.json "
                              "(default: tests/data/gold of the source checkout)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON instead of a table."),
) -> None:
    """Run ingest and extraction over the gold corpora and print per-extractor scores.

    Exit code 0 on success, 2 when the gold folder cannot be read.
    """
    try:
        report = evaluate(gold)
    except KgError as e:
        Console(stderr=True).print(f"[red]error:[/red] {e}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        _print_table(report)


def _print_table(report: EvalReport) -> None:
    t = Table("score", "gold", "pred", "P", "R", "F1", title="Extraction against the gold set")
    for row in table_rows(report):
        style = "bold" if "/" not in row[0] else None
        t.add_row(*row, style=style)
    console = Console(soft_wrap=False)
    console.print(t)
    console.print(f"{report.documents} gold documents; extractors: {', '.join(report.extractors) or 'none'}",
                  highlight=False)
    if report.missing:
        console.print(f"[yellow]not produced by ingest:[/yellow] {', '.join(report.missing)}", highlight=False)
