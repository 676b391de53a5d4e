"""`kg site`: (re)write the browsable site of a build, DIR/site/, from the build's store and texts."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import KgError
from ..ingest.paths import shown


def register(app: typer.Typer) -> None:
    app.command("site")(site_command)


def site_command(
    build_dir: Path = typer.Argument(..., help="A build folder (the --out of `kg build`)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the site here instead of DIR/site/."),
) -> None:
    """Write the site of the build in BUILD_DIR: entity, event and document pages, timeline, listings,
    network rankings and graphs. Open DIR/site/index.html, or run `kg serve DIR` and go to /site/."""
    from ..view.site import build_site

    err = Console(stderr=True, soft_wrap=True)
    try:
        report = build_site(build_dir, out)
    except KgError as e:
        err.print(f"[red]error:[/red] {escape(shown(str(e)))}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    for line in report.problems:
        err.print(shown(line), markup=False, highlight=False, soft_wrap=True)
    typer.echo(shown(report.summary()))
    typer.echo(f"open {report.out / 'index.html'}")
