"""`kg query`, `kg load`, `kg serve`, `kg push`: SPARQL on the store, a file or an endpoint."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import KgError, QueryError
from .hints import plain_query_list, stdout_console

TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_OUT = ("ttl", "nt", "jsonld", "xml")


def register(app: typer.Typer) -> None:
    app.command("query")(query_command)
    app.command("load")(load_command)
    app.command("serve")(serve_command)
    app.command("push")(push_command)


def _fail(err: KgError, code: int = 1) -> typer.Exit:
    Console(stderr=True).print(f"[red]error:[/red] {escape(str(err))}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param must be NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


def query_command(
    query: str = typer.Argument(None, help="SPARQL text, or the name of a canned query (see --list)."),
    file: Path = typer.Option(None, "--file", "-f", help="Read the query from a .rq file."),
    param: list[str] = typer.Option([], "--param", "-p", help="Bind a parameter: NAME=VALUE (repeatable)."),
    fmt: str = typer.Option(None, "--format", "-F",
                            help="table|csv|tsv|json|xml (SELECT/ASK); ttl|nt|jsonld|xml (graphs); "
                                 "html (the query page's view as one offline file, with -o)."),
    store: Path = typer.Option(Path("out"), "--store", "-s", help="Store folder, or a build folder holding store/."),
    graph: list[Path] = typer.Option([], "--graph", "-g", help="Query RDF file(s) loaded in memory instead of a store."),
    endpoint: str = typer.Option(None, "--endpoint", "-e", help="Query a remote SPARQL endpoint URL instead."),
    timeout: float = typer.Option(30.0, "--timeout", help="Stop the query after this many seconds."),
    max_rows: int = typer.Option(100_000, "--max-rows", help="Refuse answers with more rows than this."),
    list_: bool = typer.Option(False, "--list", "-l", help="List the canned queries and exit."),
    output: Path = typer.Option(None, "--output", "-o", help="Write the answer to this file instead of printing it."),
    view: str = typer.Option(None, "--view", help="With --format html: table, graph or timeline (default: the query's)."),
    page: int = typer.Option(None, "--page", help="Show page N of a listing (ordered by its page keys)."),
    page_size: int = typer.Option(100, "--page-size", help="Rows (keys) per page with --page."),
    count: bool = typer.Option(False, "--count", help="Print how many rows (keys) the listing has; "
                                                      "with --page, after the page on stderr."),
) -> None:
    """Run a SPARQL query (data-model prefixes predeclared) and print its answer."""
    from ..query import Engine, load_canned, source_for
    from ..query.engine import prepare
    from ..query.paging import Page, paged
    from ..query.remote import query_endpoint

    out = stdout_console()
    try:
        if list_:
            _print_list(out, load_canned())
            return
        if file is not None:
            if query:  # "kg query OUT -f q.rq": the folder was meant for --store, and would be ignored
                raise QueryError(f"give the query either as text ({query!r}) or with -f {file}, not both; "
                                 "a build folder goes after --store")
            try:
                query = file.read_text(encoding="utf-8")
            except OSError as err:
                raise QueryError(f"{file}: cannot read: {err}") from err
        if not query:
            raise QueryError("give a query, a canned query name, or -f FILE.rq (see `kg query --list`)")
        params = _params(param)
        if endpoint and (page is not None or count):
            raise QueryError("--page and --count work on a store or files, not on --endpoint")
        if endpoint:
            text, form, _ = prepare(query, params)
            result = query_endpoint(endpoint, text, form, timeout=timeout, max_rows=max_rows)

            def run(extra: str):
                return query_endpoint(endpoint, prepare(extra)[0], "SELECT", timeout=timeout, max_rows=max_rows)
            _emit(out, result, fmt, output, query, params, view, run)
        else:
            source = ("files", tuple(str(g.resolve()) for g in graph)) if graph else source_for(store)
            with Engine(source, timeout=timeout, max_rows=max_rows) as engine:
                if page is None and not count:
                    result, total = engine.run(query, params), None
                else:
                    chosen = Page(page, page_size) if page is not None else None
                    result, total = paged(engine, query, params, chosen, count=count, rows=page is not None)
                if result is None:  # --count alone
                    typer.echo(str(total))
                    return
                if total is not None:
                    Console(stderr=True, highlight=False).print(f"page {page} of {-(-total // page_size)} "
                                                                f"({total} rows in total, {page_size} per page)")
                _emit(out, result, fmt, output, query, params, view, engine.run)
    except KgError as err:
        raise _fail(err) from None


def _emit(out: Console, result, fmt: str | None, output: Path | None, query: str, params: dict[str, str],
          view: str | None, run) -> None:
    """Print or write the answer: a table, a W3C format, or (html) the query page's view as one file."""
    fmt = fmt or ("ttl" if result.kind == "graph" else "table")
    if fmt == "html":
        from ..query.canned import VIEWS
        from ..view.answer import view_model
        from ..view.answer_html import answer_html

        if view is not None and view not in VIEWS:
            raise QueryError(f"--view must be one of {', '.join(VIEWS)}, not {view!r}")
        if output is None:
            raise QueryError("--format html writes a file: give -o answer.html")
        name = query.strip() if _is_name(query) else None
        body = answer_html(view_model(result, query=query, name=name, params=params, view=view, run=run))
    elif fmt == "table" and result.kind != "graph":
        if output is None:
            _print_table(out, result)
            return
        with output.open("w", encoding="utf-8") as fh:
            _print_table(Console(file=fh, highlight=False, width=100_000, no_color=True), result)
        return
    else:
        body = result.serialize(fmt).decode("utf-8")
    if output is None:
        typer.echo(body, nl=False)
        return
    try:
        output.write_text(body, encoding="utf-8")
    except OSError as err:
        raise QueryError(f"{output}: cannot write: {err.strerror or err}") from err
    Console(stderr=True, highlight=False).print(f"{output}: {len(result)} {'triples' if result.kind == 'graph' else 'rows'}"
                                                f" written as {fmt}", markup=False)


def _is_name(query: str) -> bool:
    import re

    return re.fullmatch(r"[A-Za-z0-9_\-]+", query.strip()) is not None


def _print_list(out: Console, queries: dict) -> None:
    if not out.is_terminal:
        typer.echo(plain_query_list(queries), nl=False)
        return
    table = Table("name", "view", "parameters", "title and description", show_lines=True)
    for name, q in queries.items():
        params = "\n".join(f"{p.name} ({p.type}{', required' if p.required else ''})" for p in q.params)
        table.add_row(name, q.view, params, f"[bold]{q.title}[/bold]\n{q.description}")
    out.print(table)


def _print_table(out: Console, result) -> None:
    if result.kind == "ask":
        out.print("true" if result.boolean else "false")
        return
    table = Table(*result.variables, caption=f"{len(result)} rows in {result.seconds * 1000:.0f} ms")
    from ..query.prefixes import prefixed_name
    from ..vocab import PREFIXES

    def short(term) -> str:
        if term is None:
            return ""
        value = term.value if hasattr(term, "value") else str(term)
        if type(term).__name__ == "NamedNode":
            return prefixed_name(value, PREFIXES)  # valid SPARQL, so it can be pasted into the next query
        return value

    for row in result.rows:
        table.add_row(*(short(t) for t in row))
    out.print(table)


def load_command(
    files: list[Path] = typer.Argument(..., help="RDF files (.nq .trig .ttl .nt .rdf .jsonld ...)."),
    store: Path = typer.Option(Path("out/store"), "--store", "-s", help="Store folder (created if missing)."),
) -> None:
    """Add RDF files to a store; a named graph loaded again replaces the old one."""
    from ..store import load_files

    try:
        info = load_files(files, store)
    except KgError as err:
        raise _fail(err) from None
    typer.echo(f"{info.path}: {info.quads} quads in {info.named_graphs} named graphs")


def serve_command(
    build_dir: Path = typer.Argument(None, metavar="[DIR]", show_default=False,
                                     help="A build folder (what kg build --out wrote); the same as --store DIR."),
    store: Path = typer.Option(Path("out"), "--store", "-s", help="Store folder, or a build folder holding store/."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (127.0.0.1 keeps it on this machine)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on."),
    timeout: float = typer.Option(30.0, "--timeout", help="Per-query time limit in seconds."),
    max_rows: int = typer.Option(10_000, "--max-rows", help="Refuse answers with more rows than this."),
    workers: int = typer.Option(2, "--workers", help="Query worker processes."),
    cors: bool = typer.Option(False, "--cors", help="Allow browser pages from other origins to query."),
    warm: bool = typer.Option(False, "--warm", help="Find and sort the keys of every canned listing in the "
                                                    "background at start, so their first pages come fast "
                                                    "(kept in the store folder: done once per store)."),
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint at /sparql and a query page at /."""
    import threading

    from ..query.paging import warm_listings
    from ..serve import make_server

    if build_dir is not None:
        store = build_dir
    try:
        server = make_server(store, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers, cors=cors)
    except (KgError, OSError) as err:
        raise _fail(err if isinstance(err, KgError) else KgError(f"{host}:{port}: {err}")) from None
    typer.echo(f"SPARQL endpoint http://{host}:{server.server_address[1]}/sparql  (query page at /; Ctrl-C stops)")
    if server.site_dir is not None:
        typer.echo(f"site at http://{host}:{server.server_address[1]}/site/  (IRIs resolve under /id/)")
    if warm:
        threading.Thread(target=warm_listings, args=(server.engine,), daemon=True, name="kg-warm").start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown_all()


def push_command(
    build: Path = typer.Argument(Path("out"), help="Build folder (graph.nq) or an RDF dataset file."),
    endpoint: str = typer.Option(..., "--endpoint", "-e", help="Graph Store Protocol URL (oxigraph: http://host:7878/store)."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds allowed per graph upload."),
    resume: bool = typer.Option(False, "--resume", help="Skip the graphs an interrupted push of this build already sent."),
    progress: Path = typer.Option(None, "--progress", help="Progress file (default: push-progress.jsonl in the build)."),
) -> None:
    """Upload a build to a SPARQL server, one named graph per document (re-push replaces)."""
    from ..push import push

    try:
        report = push(build, endpoint, timeout=timeout, resume=resume, progress=progress)
    except KgError as err:
        raise _fail(err) from None
    already = f" ({report.skipped} already there)" if report.skipped else ""
    typer.echo(f"{endpoint}: {report.graphs} graphs{already}, {report.triples} triples in {report.seconds:.1f}s")
