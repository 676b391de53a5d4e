"""The `kg` command line: one thin typer command per verb, each calling library code.

Each concern registers its commands from its own module (build, validate, query, ...),
so this file only assembles the app.
"""
from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="kg",
    help="Knowledge graphs of e-commerce platforms from Chinese and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """Knowledge graphs of e-commerce platforms from Chinese and English news."""


# Modules under kg.cli that define `register(app)`; each adds its own commands.
COMMAND_MODULES = ("build", "validate", "query", "eval", "analyse")

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as err:  # a command module not written yet
        if err.name != f"{__name__}.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    app()
