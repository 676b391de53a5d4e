"""Gold annotations: loading and validating the JSON files under `<gold>/annotations/`."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import KgError
from ..model import ENTITY_TYPES, EVENT_TYPES

ROLES = ("actors", "participants", "affects", "about")
PREDICATES = ("affiliatedWith", "role", "operatedBy", "offeredOn", "subsidiaryOf", "partnerOf")
_ISO = re.compile(r"\d{4}-\d\d-\d\d")

Names = tuple[str, ...]  # alternative spellings of one name


class GoldError(KgError):
    """A gold annotation file is malformed (names the file and the document)."""


@dataclass(frozen=True)
class GoldFigure:
    value: Decimal
    unit: str


@dataclass(frozen=True)
class GoldEvent:
    """One event of a document; a role missing from the annotation is not scored."""

    type: str
    roles: dict[str, tuple[Names, ...]]
    date: str | None = None
    effective_date: str | None = None
    figures: tuple[GoldFigure, ...] | None = None
    has_date: bool = False
    has_effective_date: bool = False


@dataclass(frozen=True)
class GoldRelation:
    subject: Names
    predicate: str
    object: Names | None = None
    literal: Names | None = None


@dataclass(frozen=True)
class GoldDocument:
    key: str
    lang: str
    meta: dict[str, str]
    entities: tuple[tuple[str, str], ...]  # (text as written, type)
    dates: tuple[tuple[str, str], ...]  # (ISO value, role)
    figures: tuple[GoldFigure, ...]
    events: tuple[GoldEvent, ...]
    relations: tuple[GoldRelation, ...]


@dataclass(frozen=True)
class GoldCorpus:
    """One annotation file: a corpus folder and the gold of (some of) its documents."""

    name: str
    path: Path
    root: Path
    from_seeds: bool
    documents: dict[str, GoldDocument] = field(default_factory=dict)


def default_gold_dir() -> Path:
    """`tests/data/gold` of a source checkout (the gold set ships with the tests)."""
    return Path(__file__).resolve().parents[2] / "tests" / "data" / "gold"


def load_gold(gold_dir: Path) -> list[GoldCorpus]:
    """Every `annotations/*.json` of `gold_dir`, validated, in name order."""
    files = sorted((gold_dir / "annotations").glob("*.json"))
    if not files:
        raise GoldError(f"{gold_dir}: no annotations/*.json files (is this a gold folder?)")
    return [_load_file(p) for p in files]


def _load_file(path: Path) -> GoldCorpus:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise GoldError(f"{path}: cannot read annotations: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict) or "root" not in data:
        raise GoldError(f"{path}: expected an object with 'root' and 'documents'")
    docs = {}
    for key, raw in data["documents"].items():
        try:
            docs[key] = _document(key, raw)
        except (KeyError, TypeError, ValueError, InvalidOperation) as err:
            raise GoldError(f"{path}: document {key!r}: {err!s}") from None
    return GoldCorpus(path.stem, path, (path.parent / data["root"]).resolve(), bool(data.get("from_seeds")), docs)


def _names(value: Any) -> Names:
    alts = (value,) if isinstance(value, str) else tuple(value)
    if not alts or not all(isinstance(a, str) and a.strip() for a in alts):
        raise ValueError(f"bad name {value!r}")
    return alts


def _date(value: Any) -> str:
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        raise ValueError(f"bad ISO date {value!r}")
    return value


def _figure(raw: dict[str, Any]) -> GoldFigure:
    unit = raw["unit"]
    if not isinstance(unit, str) or not unit:
        raise ValueError(f"bad unit {unit!r}")
    return GoldFigure(Decimal(str(raw["value"])), unit)


def _event(raw: dict[str, Any]) -> GoldEvent:
    if raw["type"] not in EVENT_TYPES:
        raise ValueError(f"unknown event type {raw['type']!r}")
    unknown = set(raw) - {"type", "date", "effective_date", "figures", *ROLES}
    if unknown:
        raise ValueError(f"unknown event keys {sorted(unknown)}")
    roles = {r: tuple(_names(n) for n in raw[r]) for r in ROLES if r in raw}
    figures = tuple(_figure(f) for f in raw["figures"]) if "figures" in raw else None
    return GoldEvent(raw["type"], roles,
                     _date(raw["date"]) if raw.get("date") else None,
                     _date(raw["effective_date"]) if raw.get("effective_date") else None,
                     figures, "date" in raw, "effective_date" in raw)


def _relation(raw: dict[str, Any]) -> GoldRelation:
    if raw["predicate"] not in PREDICATES:
        raise ValueError(f"unknown predicate {raw['predicate']!r}")
    obj = _names(raw["object"]) if "object" in raw else None
    literal = _names(raw["literal"]) if "literal" in raw else None
    if (obj is None) == (literal is None):
        raise ValueError("a relation needs exactly one of 'object' and 'literal'")
    return GoldRelation(_names(raw["subject"]), raw["predicate"], obj, literal)


def _document(key: str, raw: dict[str, Any]) -> GoldDocument:
    if raw["lang"] not in ("zh", "en"):
        raise ValueError(f"bad lang {raw['lang']!r}")
    entities = []
    for e in raw["entities"]:
        if e["type"] not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {e['type']!r} of {e['text']!r}")
        entities.append((_names(e["text"])[0], e["type"]))
    dates = []
    for d in raw["dates"]:
        if d["role"] not in ("date", "effective"):
            raise ValueError(f"bad date role {d['role']!r}")
        dates.append((_date(d["value"]), d["role"]))
    meta = {k: str(v) for k, v in raw.get("meta", {}).items()}
    return GoldDocument(key, raw["lang"], meta, tuple(entities), tuple(dates),
                        tuple(_figure(f) for f in raw["figures"]),
                        tuple(_event(e) for e in raw["events"]),
                        tuple(_relation(r) for r in raw["relations"]))
