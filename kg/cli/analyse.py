"""`kg analyse`, `kg path`, `kg export`: network analysis of a build's entity graph."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ..errors import KgError
from .hints import stdout_console

SYMMETRIC = ("partnerOf", "Partnership")


def register(app: typer.Typer) -> None:
    app.command("analyse")(analyse_command)
    app.command("path")(path_command)
    app.command("export")(export_command)


def _fail(err: KgError | str) -> typer.Exit:
    typer.echo(f"error: {err}", err=True)
    return typer.Exit(1)


def _graph(build: Path):
    from ..analyse import to_networkx

    if not build.exists():
        raise KgError(f"{build}: no such build folder or RDF file (run `kg build CORPUS --out {build}` first)")
    try:
        return to_networkx(build)
    except (OSError, ValueError, SyntaxError) as err:
        raise KgError(f"{build}: cannot read the build: {err}") from err


def analyse_command(
    build: Path = typer.Argument(Path("out"), help="Build folder (or its store/, or graph.nq)."),
    top: int = typer.Option(10, "--top", "-n", min=1, help="Entities shown per class."),
    by: str = typer.Option("pagerank", "--by", help="Order by pagerank, betweenness or degree."),
    communities: int = typer.Option(10, "--communities", "-c", min=0, help="Communities shown (0: none)."),
    as_json: bool = typer.Option(False, "--json", help="Print rankings and communities as JSON."),
) -> None:
    """Rank the entities of each class by degree, betweenness and PageRank, and list communities."""
    from ..analyse.rank import MEASURES, community_table, rankings, score

    try:
        if by not in MEASURES:
            raise KgError(f"--by must be one of {', '.join(MEASURES)}, not {by!r}")
        graph = _graph(build)
        scores = score(graph)
        ranked = rankings(graph, top=top, by=by, scores=scores)
        groups = community_table(graph, scores=scores)[:communities]
    except KgError as err:
        raise _fail(err) from None
    if as_json:
        typer.echo(json.dumps({"entities": graph.number_of_nodes(), "facts": graph.number_of_edges(),
                               "rankings": {k: [r.as_dict() for r in v] for k, v in ranked.items()},
                               "communities": [c.as_dict() for c in groups]}, ensure_ascii=False, indent=1))
        return
    out = stdout_console()
    alone = sum(1 for r in scores.values() if not r.degree)
    out.print(f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} facts; top {top} per class by {by}"
              + (f" ({alone} entities in no fact are not ranked)" if alone else ""), markup=False)
    for kind, rows in ranked.items():
        table = Table("#", "entity", "degree", "facts", "betweenness", "pagerank", "community", title=kind,
                      title_justify="left")
        for i, r in enumerate(rows, 1):
            table.add_row(str(i), r.label, str(r.degree), str(r.facts), f"{r.betweenness:.4f}", f"{r.pagerank:.4f}",
                          str(r.community or "-"))
        out.print(table)
    if groups:
        table = Table("community", "size", "classes", "most central members", title="Communities", title_justify="left")
        for c in groups:
            kinds = ", ".join(f"{k} {n}" for k, n in c.kinds.items())
            table.add_row(str(c.id), str(c.size), kinds, ", ".join(m.label for m in c.members[:6]))
        out.print(table)


def path_command(
    build: Path = typer.Argument(..., help="Build folder (or its store/, or graph.nq)."),
    a: str = typer.Argument(..., help="First entity: a label or alias (Chinese or English) or an IRI."),
    b: str = typer.Argument(..., help="Second entity."),
    limit: int = typer.Option(1, "--paths", min=1, help="How many shortest chains to show."),
    as_json: bool = typer.Option(False, "--json", help="Print the chains as JSON."),
) -> None:
    """Explain how two entities are connected: a chain of facts, each with its sentence and document."""
    from ..analyse.graph import open_dataset
    from ..analyse.paths import documents, explain

    try:
        if not build.exists():
            raise KgError(f"{build}: no such build folder or RDF file (run `kg build CORPUS --out {build}` first)")
        from ..analyse import to_networkx

        store = open_dataset(build)
        graph = to_networkx(store)
        chains = explain(graph, a, b, docs=documents(store), limit=limit)
    except KgError as err:
        raise _fail(err) from None
    if as_json:
        typer.echo(json.dumps([[s.as_dict() for s in chain] for chain in chains], ensure_ascii=False, indent=1))
        return
    for n, chain in enumerate(chains, 1):
        first = chain[0]
        typer.echo(f"{'Path ' + str(n) + ': ' if len(chains) > 1 else ''}{first.source_label} → "
                   + " → ".join(s.target_label for s in chain) + f"  ({len(chain)} fact{'s' if len(chain) > 1 else ''})")
        for i, step in enumerate(chain, 1):
            if step.relation in SYMMETRIC:
                arrow = f"—{step.relation}—"
            else:
                arrow = f"—{step.relation}→" if step.forward else f"←{step.relation}—"
            when = f" on {step.date}" if step.date else ""
            typer.echo(f"  {i}. {step.source_label} {arrow} {step.target_label}{when}")
            if step.evidence:
                typer.echo(f"     “{step.evidence}”")
            for doc in step.documents[:3]:
                about = " · ".join(x for x in (doc.headline, doc.publisher, doc.date) if x)
                typer.echo(f"     in {doc.iri}" + (f"  ({about})" if about else ""))
            if len(step.documents) > 3:
                typer.echo(f"     and {len(step.documents) - 3} more documents")
            if not step.documents:
                typer.echo("     from the lexicon (stated by no document)")
        if n < len(chains):
            typer.echo("")


def export_command(
    build: Path = typer.Argument(Path("out"), help="Build folder (or its store/, or graph.nq)."),
    fmt: str = typer.Option(None, "--format", "-F", help="graphml or gexf (default: from the output's suffix)."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write (.graphml or .gexf)."),
) -> None:
    """Write the entity graph as GraphML or GEXF for Gephi, with measures and communities on the nodes."""
    from ..analyse.export import export

    try:
        graph = _graph(build)
        written = export(graph, output, fmt)
    except KgError as err:
        raise _fail(err) from None
    typer.echo(f"{output}: {graph.number_of_nodes()} entities, {graph.number_of_edges()} facts as {written}")
