"""Loaders for the data files in this folder (lexicons, aliases, word lists).

Lexicons are data so that researchers can extend them without touching code; every
loader validates what it reads and raises `LexiconError` naming the file and line, so a
typo in a data file is reported where it is, not as a wrong graph later.
The formats are described in `README.md` beside this file.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from ..model import ENTITY_TYPES, ORGANIZATION_TYPES

LEXICON_DIR = Path(__file__).resolve().parent
ENTITY_DIR = LEXICON_DIR / "entities"

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_ENTITY_KEYS = {
    "id", "types", "zh", "en", "aliases", "case_sensitive", "no_match",
    "operated_by", "subsidiary_of", "offered_on", "note",
}


def _path(relpath: str | Path) -> Path:
    path = Path(relpath)
    return path if path.is_absolute() else LEXICON_DIR / path


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise LexiconError(f"{path}: lexicon file not found") from err
    except UnicodeDecodeError as err:
        raise LexiconError(f"{path}: not UTF-8 ({err.reason} at byte {err.start})") from err


def load_json(relpath: str | Path) -> Any:
    """Parse a JSON lexicon file (path relative to `LEXICON_DIR` or absolute)."""
    path = _path(relpath)
    try:
        return json.loads(_read(path))
    except json.JSONDecodeError as err:
        raise LexiconError(f"{path}:{err.lineno}: invalid JSON: {err.msg}") from err


def load_lines(relpath: str | Path) -> list[tuple[int, str]]:
    """Non-empty, non-comment lines of a word list as (line number, stripped text)."""
    path = _path(relpath)
    out = []
    for no, line in enumerate(_read(path).splitlines(), 1):
        text = line.strip()
        if text and not text.startswith("#"):
            out.append((no, text))
    return out


def load_words(relpath: str | Path) -> list[str]:
    """The entries of a one-word-per-line list, in file order."""
    return [text for _, text in load_lines(relpath)]


def load_tsv(relpath: str | Path, columns: int | None = None) -> list[tuple[int, list[str]]]:
    """Rows of a tab-separated file as (line number, fields); `columns` fixes the field count."""
    path = _path(relpath)
    rows = []
    for no, line in enumerate(_read(path).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if columns is not None and len(fields) != columns:
            raise LexiconError(f"{path}:{no}: expected {columns} tab-separated fields, found {len(fields)}")
        rows.append((no, fields))
    return rows


@dataclass(frozen=True)
class LexiconEntity:
    """One known entity of the gazetteer; `id` is a stable ascii slug used for IRIs.

    `aliases` holds every surface form except the labels. `case_sensitive` and `no_match`
    are subsets of labels+aliases: the first match only as written (short acronyms, common
    English words like "Wish"), the second never match alone in text because they are also
    ordinary words ("苹果"), but still name the entity for resolution.
    """

    id: str
    types: tuple[str, ...]
    label_zh: str | None = None
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    operated_by: str | None = None
    subsidiary_of: str | None = None
    offered_on: str | None = None
    case_sensitive: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    source: str = ""  # "file:line" where the entry is defined

    @property
    def type(self) -> str:
        return self.types[0]

    @property
    def names(self) -> tuple[str, ...]:
        """Labels then aliases, without duplicates."""
        seen: dict[str, None] = {}
        for name in (self.label_zh, self.label_en, *self.aliases):
            if name:
                seen.setdefault(name, None)
        return tuple(seen)


def _has_cjk(s: str) -> bool:
    from ..text import is_cjk

    return any(is_cjk(ch) for ch in s)


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _opt_str(value: Any, where: str, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _id_lines(raw: str) -> list[int]:
    """Line of each entry's "id" key in file order (entries hold no nested "id" keys)."""
    return [raw.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"id"\s*:', raw)]


def _parse_entry(obj: Any, path: Path, lines: list[int], index: int) -> LexiconEntity:
    where = f"{path}:entry {index + 1}"
    if not isinstance(obj, dict):
        raise LexiconError(f"{where}: an entity must be a JSON object")
    ident = obj.get("id")
    if lines:
        where = f"{path}:{lines[index]}"
    if not isinstance(ident, str) or not _SLUG.match(ident):
        raise LexiconError(f"{where}: id {ident!r} must be an ascii slug like 'jd-logistics'")
    unknown = set(obj) - _ENTITY_KEYS
    if unknown:
        raise LexiconError(f"{where}: {ident}: unknown key(s) {sorted(unknown)}; valid: {sorted(_ENTITY_KEYS)}")
    types = _str_list(obj.get("types"), where, "types")
    if not types:
        raise LexiconError(f"{where}: {ident}: 'types' must list at least one type")
    for t in types:
        if t not in ENTITY_TYPES:
            raise LexiconError(f"{where}: {ident}: unknown type {t!r}; valid: {', '.join(ENTITY_TYPES)}")
    if len(set(types)) != len(types):
        raise LexiconError(f"{where}: {ident}: repeated type in {list(types)}")
    zh, en = _opt_str(obj.get("zh"), where, "zh"), _opt_str(obj.get("en"), where, "en")
    if not zh and not en:
        raise LexiconError(f"{where}: {ident}: needs a 'zh' or an 'en' label")
    if zh and not _has_cjk(zh) and any(ch.isalpha() for ch in zh):
        raise LexiconError(f"{where}: {ident}: zh label {zh!r} has no Chinese characters")
    if en and _has_cjk(en):
        raise LexiconError(f"{where}: {ident}: en label {en!r} contains Chinese characters")
    aliases = _str_list(obj.get("aliases"), where, "aliases")
    case_sensitive = _str_list(obj.get("case_sensitive"), where, "case_sensitive")
    no_match = _str_list(obj.get("no_match"), where, "no_match")
    # case_sensitive and no_match forms are names too: list them once in aliases for resolution
    labels = {zh, en}
    extra = tuple(a for a in (*case_sensitive, *no_match) if a not in aliases and a not in labels)
    return LexiconEntity(
        id=ident, types=types, label_zh=zh, label_en=en, aliases=tuple(dict.fromkeys(aliases + extra)),
        operated_by=_opt_str(obj.get("operated_by"), where, "operated_by"),
        subsidiary_of=_opt_str(obj.get("subsidiary_of"), where, "subsidiary_of"),
        offered_on=_opt_str(obj.get("offered_on"), where, "offered_on"),
        case_sensitive=case_sensitive, no_match=no_match, source=where,
    )


def _read_entity_file(path: Path) -> list[LexiconEntity]:
    raw = _read(path)
    data = load_json(path)
    entries = data.get("entities") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LexiconError(f"{path}:1: expected an object with an 'entities' list")
    lines = _id_lines(raw)
    if len(lines) != len(entries):  # ids missing or nested: fall back to entry numbers
        lines = []
    return [_parse_entry(obj, path, lines, i) for i, obj in enumerate(entries)]


def _check_references(entities: list[LexiconEntity]) -> None:
    by_id = {e.id: e for e in entities}
    for e in entities:
        for key, target, allowed in (
            ("operated_by", e.operated_by, ORGANIZATION_TYPES),
            ("subsidiary_of", e.subsidiary_of, ORGANIZATION_TYPES),
            ("offered_on", e.offered_on, ("Platform",)),
        ):
            if target is None:
                continue
            if target not in by_id:
                raise LexiconError(f"{e.source}: {e.id}: {key} refers to unknown id {target!r}")
            if target == e.id:
                raise LexiconError(f"{e.source}: {e.id}: {key} refers to itself")
            if not set(by_id[target].types) & set(allowed):
                raise LexiconError(
                    f"{e.source}: {e.id}: {key} target {target!r} has types {list(by_id[target].types)};"
                    f" expected one of {list(allowed)}"
                )


def _check_aliases(entities: list[LexiconEntity], generic: set[str]) -> None:
    from ..text import normalize

    owner: dict[str, LexiconEntity] = {}
    for e in entities:
        for name in e.names:
            for sub in (*e.case_sensitive, *e.no_match):
                if sub not in e.names:
                    raise LexiconError(f"{e.source}: {e.id}: {sub!r} is not one of its names")
            norm = normalize(name)
            if norm in generic:
                raise LexiconError(f"{e.source}: {e.id}: alias {name!r} is a generic word (generic_words.txt)")
            other = owner.get(norm)
            if other is not None and other.id != e.id:
                raise LexiconError(
                    f"{e.source}: {e.id}: alias {name!r} is already claimed by {other.id} ({other.source})"
                )
            owner[norm] = e


def generic_words() -> set[str]:
    """Normalised generic words that may never be an entity alias (平台, company, ...)."""
    from ..text import normalize

    return {normalize(w) for w in load_words("generic_words.txt")}


def read_entities(directory: str | Path | None = None) -> list[LexiconEntity]:
    """Load and validate every `*.json` entity file in `directory` (default: `entities/`)."""
    folder = Path(directory) if directory is not None else ENTITY_DIR
    files = sorted(folder.glob("*.json"))
    if not files:
        raise LexiconError(f"{folder}: no entity files (*.json) found")
    entities: list[LexiconEntity] = []
    seen: dict[str, LexiconEntity] = {}
    for path in files:
        for e in _read_entity_file(path):
            if e.id in seen:
                raise LexiconError(f"{e.source}: duplicate id {e.id!r} (first defined at {seen[e.id].source})")
            seen[e.id] = e
            entities.append(e)
    _check_references(entities)
    _check_aliases(entities, generic_words())
    return entities


@lru_cache(maxsize=1)
def _default_entities() -> tuple[LexiconEntity, ...]:
    return tuple(read_entities())


def load_entities(directory: str | Path | None = None) -> list[LexiconEntity]:
    """The validated gazetteer entities; the built-in set is read once per process."""
    if directory is not None:
        return read_entities(directory)
    return list(_default_entities())


def entity_index() -> dict[str, LexiconEntity]:
    """The built-in entities by id."""
    return {e.id: e for e in _default_entities()}


@lru_cache(maxsize=1)
def outlet_ids() -> frozenset[str]:
    """Lexicon ids of the news outlets (`entities/outlets.json`): ingest reads their names as
    publishers, the event rules never take them for a party (they report, never act)."""
    data = load_json("entities/outlets.json")
    return frozenset(e["id"] for e in data.get("entities", []) if isinstance(e, dict) and "id" in e)
