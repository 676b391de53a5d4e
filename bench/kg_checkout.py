"""Run kg from another checkout (an older commit), for the benchmarks' "old" columns.

Usage: python bench/kg_checkout.py CHECKOUT KG-ARGS...   (e.g. as `--old-kg "python bench/kg_checkout.py OLD"`
after `git worktree add OLD beedaa2^1`). Options that kg did not have before the taggers and the site
(`--ner MODE`, `--no-site`) are dropped, so the old build runs as it did then: rules only, no site.
It runs with this interpreter, so the checkout must work with the installed packages.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

DROPPED_WITH_VALUE = {"--ner"}
DROPPED = {"--no-site"}


def old_args(args: list[str]) -> list[str]:
    """`args` without the options the old kg does not know."""
    out: list[str] = []
    skip = False
    for a in args:
        if skip:
            skip = False
        elif a in DROPPED_WITH_VALUE:
            skip = True
        elif a in DROPPED or any(a.startswith(o + "=") for o in DROPPED_WITH_VALUE):
            continue
        else:
            out.append(a)
    return out


def main() -> None:
    if len(sys.argv) < 2 or not (Path(sys.argv[1]) / "kg" / "__init__.py").is_file():
        sys.exit("usage: python bench/kg_checkout.py CHECKOUT KG-ARGS... (CHECKOUT: a folder holding kg/)")
    checkout = str(Path(sys.argv[1]).resolve())
    os.environ["PYTHONPATH"] = checkout
    os.chdir(checkout)  # `-m` puts the working folder first on sys.path: the checkout's kg, not this one
    os.execv(sys.executable, [sys.executable, "-m", "kg", *old_args(sys.argv[2:])])


if __name__ == "__main__":
    main()
