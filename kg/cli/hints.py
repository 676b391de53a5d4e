"""Small kindnesses of the command line: output that survives a pipe, and what to do next.

Rich lays tables out for an 80-column terminal when stdout is not one, cutting long names
and IRIs in `kg query ... | less` or `> file`; piped output is laid out without a width
limit, and the canned-query list is written as plain text a script can read.
"""
from __future__ import annotations

import shlex
from pathlib import Path

from rich.console import Console

PIPE_WIDTH = 100_000


def stdout_console() -> Console:
    """A console for stdout that never cuts or wraps lines when stdout is a pipe or a file."""
    console = Console(highlight=False)
    if console.is_terminal:
        return console
    return Console(highlight=False, width=PIPE_WIDTH, soft_wrap=True, no_color=True)


def plain_query_list(queries: dict) -> str:
    """The canned queries as plain text: a header line per query, then its parameters and description."""
    lines = []
    for name, q in queries.items():
        lines.append(f"{name}\t{q.view}\t{q.title}")
        for p in q.params:
            lines.append(f"  --param {p.name}=…  ({p.type}, {'required' if p.required else 'optional'}) {p.description}".rstrip())
        if q.description:
            lines.append(f"  {q.description}")
    return "\n".join(lines) + "\n"


def next_steps(out: Path) -> list[str]:
    """What to open or run after a build into `out`, as lines to print."""
    where = shlex.quote(str(out))
    lines = ["Next:"]
    site = out / "site" / "index.html"
    if site.exists():
        lines.append(f"  open {shlex.quote(str(site))}   the site: entities, events, documents, timelines")
    if (out / "store").exists():
        lines.append(f"  kg serve {where}   query page and SPARQL endpoint at http://127.0.0.1:7878/")
        lines.append(f"  kg query --store {where} --list   the canned research questions")
        lines.append(f"  kg analyse {where}   the most connected entities and communities")
    else:
        lines.append(f"  kg load {shlex.quote(str(out / 'graph.nq'))} --store {shlex.quote(str(out / 'store'))}   "
                     "to query it (the build skipped the store)")
    return lines


__all__ = ["next_steps", "plain_query_list", "stdout_console"]
