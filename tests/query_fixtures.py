"""Shared helpers for the query, serve and push tests: the hand-written fixture store."""
from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "data" / "query" / "fixture.trig"
KGR = "https://w3id.org/ecomkg/id/"


def make_store(folder: Path) -> Path:
    from kg.store import load_files

    load_files([FIXTURE], folder)
    return folder
