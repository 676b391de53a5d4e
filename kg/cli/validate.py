"""`kg validate`: check a built graph against the SHACL shapes of the data model."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from ..errors import KgError

if TYPE_CHECKING:
    from ..validate import ValidationReport


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


def validate_command(
    graph: Path = typer.Argument(..., help="Graph file to check: .nq, .trig, .ttl or .nt (e.g. out/graph.nq)."),
    limit: int = typer.Option(200, "--limit", "-n", min=0, help="Print at most this many violations (0: all)."),
    table: bool = typer.Option(False, "--table", help="Print violations as a table instead of one per line."),
) -> None:
    """Check GRAPH against the SHACL shapes in ontology/shapes.ttl.

    The union of all named graphs is checked, with the ontology added if it is missing.
    Exit code 0 when the graph conforms, 1 when it has violations, 2 when GRAPH cannot be read.
    """
    err = Console(stderr=True, soft_wrap=True)
    try:
        from ..validate import validate

        report = validate(graph)
    except KgError as e:
        err.print(f"[red]error:[/red] {e}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    _print_violations(report, limit, table)
    typer.echo(report.summary())
    if not report.conforms:
        raise typer.Exit(1)


def _print_violations(report: ValidationReport, limit: int, as_table: bool) -> None:
    shown = report.violations if limit == 0 else report.violations[:limit]
    if as_table and shown:
        t = Table("focus node", "property", "value", "message", "shape")
        for v in shown:
            t.add_row(v.focus, v.path or "", v.value or "", v.message, v.shape)
        Console(soft_wrap=False).print(t)
    else:
        for v in shown:
            typer.echo(f"{v.severity}: {v}  [{v.shape}]")
    hidden = len(report.violations) - len(shown)
    if hidden > 0:
        typer.echo(f"... {hidden} more (use --limit 0 to see all)")
