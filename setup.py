"""Builds kg, compiling the hot modules of the rules-only build with mypyc (issue 11: speed per process).

Which modules: `[tool.kg] native` in pyproject.toml (glob patterns; `native-exclude` removes some).
They must type-check (mypy) and keep their behaviour compiled; the tests run against the compiled
build. KG_PURE_PYTHON=1 at install time skips compiling (an install that is all source); without a C
compiler the extensions are skipped with a warning (they are optional). kg/native.py falls back to the
sources at run time when a compiled module is older than its source.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent


def native_modules() -> list[str]:
    """The source files to compile, relative to the project root, in a stable order."""
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["kg"]
    excluded = {p.relative_to(ROOT) for pattern in conf.get("native-exclude", []) for p in ROOT.glob(pattern)}
    chosen = {p.relative_to(ROOT) for pattern in conf.get("native", []) for p in ROOT.glob(pattern)}
    return sorted(str(p) for p in chosen - excluded)


def extensions() -> list:
    modules = [] if os.environ.get("KG_PURE_PYTHON") else native_modules()
    if not modules:
        return []
    from mypyc.build import mypycify  # a build requirement (pyproject.toml)

    # --no-site-packages: type-check as the isolated build environment does, where kg's dependencies are
    # absent (their types Any), so a build in a full venv compiles the same code
    cwd = os.getcwd()
    os.chdir(ROOT)  # mypyc names modules by their paths
    try:
        built = mypycify(["--ignore-missing-imports", "--follow-imports=silent", "--no-site-packages", *modules],
                         opt_level="3", group_name="kg")
    finally:
        os.chdir(cwd)
    for ext in built:
        ext.optional = True  # no C compiler: kg stays pure Python
    return built


setup(ext_modules=extensions())
