"""Question files: load and validate researcher questions (the format of shared/eval/seeds.json).

A file is a JSON list of objects::

    {"id": "000-kuaishou-effective",            # unique in the file
     "ask": "When do ... take effect?",          # the question in words (optional)
     "bind": {"ks": ["Kuaishou E-commerce", "快手电商"]},  # ?ks = every entity with one of these labels
     "sparql": "SELECT DISTINCT ?answer WHERE { ... ?ks ... }",
     "expect": ["2022-03-08"],                   # each item: a string, a number, or a list of alternatives
     "mode": "exact"}                            # exact | contains | absent (default exact)

Files are validated up front so that a typo fails loudly with the file and question id
instead of silently scoring 0 (or, worse, ignoring a `bind`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import KgError

MODES = ("exact", "contains", "absent")
KEYS = frozenset({"id", "ask", "bind", "sparql", "expect", "mode"})
_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
WHERE = re.compile(r"WHERE\s*\{", re.IGNORECASE)  # where `bind` inserts its VALUES block

Expected = str | int | float | tuple[str, ...]  # one expected answer; a tuple lists alternative spellings


class QuestionsError(KgError):
    """A questions file is malformed (the message names the file and the question)."""


@dataclass(frozen=True)
class Question:
    """One researcher question: a SPARQL query whose `?answer` column is compared with `expect`."""

    id: str
    sparql: str
    expect: tuple[Expected, ...]
    mode: str = "exact"
    ask: str = ""
    bind: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load_questions(path: Path | str) -> list[Question]:
    """Read and validate a questions file; raises QuestionsError naming the file and question id."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise QuestionsError(f"{path}: cannot read questions: {err}") from None
    return parse_questions(data, str(path))


def parse_questions(data: Any, source: str = "<questions>") -> list[Question]:
    """Validate already-decoded JSON (`source` names it in errors)."""
    if not isinstance(data, list) or not data:
        raise QuestionsError(f"{source}: expected a non-empty JSON list of questions")
    out: list[Question] = []
    seen: set[str] = set()
    for i, raw in enumerate(data, 1):
        qid = raw.get("id") if isinstance(raw, dict) else None
        where = f"{source}: question {qid!r}" if isinstance(qid, str) and qid else f"{source}: question #{i}"
        try:
            q = _question(raw)
        except (TypeError, ValueError) as err:
            raise QuestionsError(f"{where}: {err}") from None
        if q.id in seen:
            raise QuestionsError(f"{where}: duplicate id")
        seen.add(q.id)
        out.append(q)
    return out


def _question(raw: Any) -> Question:
    if not isinstance(raw, dict):
        raise TypeError(f"expected an object, got {type(raw).__name__}")
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(KEYS))})")
    qid, sparql = raw.get("id"), raw.get("sparql")
    if not isinstance(qid, str) or not qid.strip():
        raise ValueError("'id' must be a non-empty string")
    if not isinstance(sparql, str) or "?answer" not in sparql:
        raise ValueError("'sparql' must be a query string that selects ?answer")
    mode = raw.get("mode", "exact")
    if mode not in MODES:
        raise ValueError(f"'mode' must be one of {', '.join(MODES)}, not {mode!r}")
    ask = raw.get("ask", "")
    if not isinstance(ask, str):
        raise ValueError("'ask' must be a string")
    bind = _bind(raw.get("bind", {}))
    if bind and not WHERE.search(sparql):
        raise ValueError("'bind' needs a 'WHERE {' in the query to insert its VALUES into")
    return Question(id=qid, sparql=sparql, expect=_expect(raw.get("expect")), mode=mode, ask=ask, bind=bind)


def _bind(raw: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise ValueError("'bind' must be an object of variable -> names")
    out = {}
    for var, names in raw.items():
        if not isinstance(var, str) or not _VAR.match(var):
            raise ValueError(f"'bind' variable {var!r} is not a SPARQL variable name (no '?')")
        alts = (names,) if isinstance(names, str) else names
        if not isinstance(alts, list | tuple) or not alts or not all(isinstance(n, str) and n.strip() for n in alts):
            raise ValueError(f"'bind' {var!r} must be a name or a non-empty list of names")
        out[var] = tuple(alts)
    return out


def _expect(raw: Any) -> tuple[Expected, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("'expect' must be a non-empty list")
    out: list[Expected] = []
    for item in raw:
        if isinstance(item, bool):  # JSON true/false would pass as the numbers 1 and 0
            raise ValueError(f"'expect' item {item!r}: use a string, a number or a list of strings")
        if isinstance(item, int | float) or (isinstance(item, str) and item.strip()):
            out.append(item)
        elif isinstance(item, list) and item and all(isinstance(a, str) and a.strip() for a in item):
            out.append(tuple(item))
        else:
            raise ValueError(f"'expect' item {item!r}: use a string, a number or a non-empty list of strings")
    return tuple(out)
