"""Which of kg's modules run compiled (mypyc, see setup.py), and a guard against stale ones.

`pip install -e .` compiles the hot extraction modules into extension files beside their
sources. Python prefers an extension file to the `.py` beside it, so after a source is edited
(or a checkout changes it) the old compiled code would keep running unseen. `guard()` runs
once when `kg` is imported: if any compiled module of a source checkout is older than its source, or
KG_PURE_PYTHON is set, every kg module is imported from its source instead (all of them:
compiled modules call one another directly, so a mix would still run stale code), with one
warning saying how to recompile.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def compiled_modules(root: Path = PACKAGE) -> dict[Path, Path]:
    """Each source under `root` that has an extension file beside it: source -> extension."""
    found: dict[Path, Path] = {}
    for folder, _dirs, files in os.walk(root):
        if "__pycache__" in folder:
            continue
        for name in files:
            suffix = next((s for s in _SUFFIXES if name.endswith(s)), None)
            if suffix is None:
                continue
            source = Path(folder) / (name[: -len(suffix)] + ".py")
            if source.exists():
                found[source] = Path(folder) / name
    return found


def stale_modules(root: Path = PACKAGE) -> list[Path]:
    """Sources changed after their extension file was built (by modification time)."""
    return sorted(src for src, ext in compiled_modules(root).items() if src.stat().st_mtime > ext.stat().st_mtime)


class SourceFirst(importlib.abc.MetaPathFinder):
    """Imports kg's modules from their `.py` files even where an extension file sits beside them."""

    def __init__(self, package: str = "kg") -> None:
        self.prefix = package + "."

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(self.prefix) or not path:
            return None
        leaf = fullname.rpartition(".")[2]
        for folder in path:
            module = Path(folder) / f"{leaf}.py"
            if module.is_file():
                return importlib.util.spec_from_file_location(fullname, module)
            init = Path(folder) / leaf / "__init__.py"
            if init.is_file():
                return importlib.util.spec_from_file_location(
                    fullname, init, submodule_search_locations=[str(init.parent)])
        return None


def _sources_forced() -> bool:
    return any(isinstance(f, SourceFirst) for f in sys.meta_path)


def running_compiled() -> bool:
    """Whether kg's compiled modules are in use in this process."""
    return bool(compiled_modules()) and not _sources_forced()


def describe() -> str:
    """How many of kg's modules run compiled in this process, for benchmark reports and CI's log."""
    found = compiled_modules()
    if not found:
        return "none (an install with KG_PURE_PYTHON=1, or without a C compiler)"
    if _sources_forced():
        return f"{len(found)} built but not used (KG_PURE_PYTHON, or older than their sources)"
    return f"{len(found)} in use"


def guard() -> None:
    """Fall back to the sources when asked to (KG_PURE_PYTHON) or when a compiled module is stale."""
    if _sources_forced():
        return
    if os.environ.get("KG_PURE_PYTHON"):
        sys.meta_path.insert(0, SourceFirst())
        return
    # only in a source checkout (an editable install) can a source change after its build; in an
    # installed wheel, files written a moment apart would look stale
    from_checkout = (PACKAGE.parent / "pyproject.toml").is_file()
    stale = stale_modules(PACKAGE) if from_checkout else []
    if stale:
        sys.meta_path.insert(0, SourceFirst())
        warnings.warn(
            f"kg: {len(stale)} compiled module(s) are older than their sources (first: "
            f"{stale[0].relative_to(PACKAGE.parent)}); running every kg module from source. "
            "Run `pip install -e .` again to recompile, or set KG_PURE_PYTHON=1 to silence this.",
            RuntimeWarning, stacklevel=2)
