"""`kg build`: the main job, from a corpus folder to RDF, manifest and store."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..deadline import DOC_TIMEOUT
from ..errors import KgError
from .hints import next_steps


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)


def build_command(
    corpus: Path = typer.Argument(..., help="Folder of news files (.txt .md .html .htm .json .jsonl), read recursively."),
    out: Path = typer.Option(Path("out"), "--out", "-o",
                             help="Output folder: graph.nq, graph.trig, texts.jsonl, manifest.json, store/, site/."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on any warning too, not only on unreadable input."),
    no_store: bool = typer.Option(False, "--no-store", help="Skip loading the Oxigraph store (files only)."),
    no_site: bool = typer.Option(False, "--no-site",
                                 help="Skip writing the browsable site (OUT/site/; `kg site OUT` writes it later)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only problems and the summary line."),
    follow_symlinks: bool = typer.Option(
        False, "--follow-symlinks",
        help="Read symbolic links that lead outside the corpus folder (by default they are skipped and listed)."),
    doc_timeout: float = typer.Option(
        DOC_TIMEOUT, "--doc-timeout", min=0, metavar="SECONDS",
        help="Time budget for reading each file (past it: read again as plain text) and for extracting each "
             "document (all parts of a long one together; past it: cut off and reported); the build goes on. "
             "0: no budget."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, metavar="N",
        help="Read and extract in N worker processes (same output as 1). Default: the machine's cores; "
             "a corpus under about 300 KB is read in this process, where starting workers would cost more."),
    dask: str | None = typer.Option(
        None, "--dask", metavar="local|tcp://HOST:PORT",
        help="Read and extract on a Dask cluster: 'local' starts one on this machine (a worker per core), "
             "tcp://HOST:PORT joins a running scheduler whose workers see the corpus at the same path. "
             "Same output; --jobs is then ignored; needs pip install 'kg\\[dask]'."),
    wait: float = typer.Option(
        0.0, "--wait", min=0, metavar="SECONDS",
        help="When another build is writing to OUT, wait up to this long for it to finish before giving up."),
    ner: str = typer.Option(
        "on", "--ner", metavar="on|off|zh|en",
        help="Statistical name taggers beside the rules: on (Chinese and English), zh, en, or off (rules only, "
             "faster)."),
    full: bool = typer.Option(
        False, "--full",
        help="Read and extract every file again, ignoring the cache of the previous build (OUT/cache/). By "
             "default a rebuild reads only the files added or changed since (same name and bytes, same kg, "
             "lexicons, --ner and --doc-timeout: taken from the cache), then resolves and writes the whole "
             "graph again: the output is the same as a clean build's."),
) -> None:
    """Build the knowledge graph of CORPUS into OUT.

    A rebuild into the same OUT reads only the files that were added or changed since the
    last build (OUT/cache/ keeps the rest); --full reads everything again.

    Exit code 0 when every input was read, 1 when any input failed (or, with --strict,
    gave a warning), 2 when the build itself could not run.
    """
    from ..build import build  # imported here so `kg --help` stays fast
    from ..gc_policy import settle
    from ..ingest.paths import shown

    settle()  # start-up done: fewer, cheaper garbage collections in this process (kg.gc_policy)

    err = Console(stderr=True, soft_wrap=True)
    show_bar = sys.stderr.isatty() and not quiet
    options = {"load_store": not no_store, "follow_symlinks": follow_symlinks, "doc_timeout": doc_timeout,
               "wait": wait, "jobs": jobs or os.cpu_count() or 1, "ner": ner, "site": not no_site, "dask": dask, "full": full}
    try:
        if show_bar:
            with Progress(TextColumn("[bold]{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=err, transient=True) as bar:
                tasks: dict[str, int] = {}

                def tick(stage: str, done: int, total: int | None) -> None:
                    if stage not in tasks:
                        tasks[stage] = bar.add_task(stage, total=total)
                    bar.update(tasks[stage], completed=done, total=total)

                report = build(corpus, out, progress=tick, **options)
        else:
            report = build(corpus, out, **options)
    except KgError as e:
        err.print(f"[red]error:[/red] {escape(shown(str(e)))}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    except OSError as e:  # the output could not be written (permissions, a full disk)
        where = f"{e.filename}: " if e.filename else ""
        err.print(f"[red]error:[/red] {escape(shown(where + (e.strerror or str(e))))}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    for line in report.problems():
        err.print(line, markup=False, highlight=False, soft_wrap=True)
    for note in report.cache_notes:
        err.print(f"note: {shown(note)}", markup=False, highlight=False, soft_wrap=True)
    typer.echo(report.summary())
    if report.documents == 0:
        err.print(f"warning: {shown(str(corpus))} holds no document kg can read (.txt .md .html .htm .json .jsonl "
                  "files, read recursively): the graph is empty", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    if not quiet:
        typer.echo("\n".join(next_steps(out)))
    if report.failed or (strict and report.warnings):
        raise typer.Exit(1)
