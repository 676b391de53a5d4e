"""kg: knowledge graphs of e-commerce platforms from Chinese and English news.

Public API: `build` (corpus -> RDF + store), `open_store` and `query` (SPARQL from notebooks),
`validate` (SHACL). Imports are lazy so that `import kg` stays cheap.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

from . import native

native.guard()  # compiled modules older than their sources are not used (kg/native.py)

__version__ = "0.1.0"
__all__ = ["__version__", "build", "open_store", "query", "validate"]

_LAZY = {
    "build": ("kg.build", "build"),
    "open_store": ("kg.store", "open_store"),
    "validate": ("kg.validate", "validate"),
}


def query(*args: Any, **kwargs: Any) -> Any:
    """Run SPARQL (text or a canned query name) on a store, build folder, file or endpoint."""
    from .query import query as run

    return run(*args, **kwargs)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(import_module(module), attr)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
