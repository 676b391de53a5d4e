"""Typed access to one JSON cue file (dates.json, figures.json) with errors naming file and line.

Cue files are edited by hand, so a wrong type must be reported where it was written, not
surface later as a missed date; `json` gives no line per key, so the line is found by
searching the raw text for the key.
"""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import LexiconError
from ..lexicons import LEXICON_DIR, load_json


class CueFile:
    """One parsed JSON object from `kg/lexicons/`; getters validate types."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.path = LEXICON_DIR / name
        data = load_json(name)
        if not isinstance(data, dict):
            raise LexiconError(f"{self.path}:1: expected a JSON object at the top level")
        self.data: dict[str, Any] = data
        self._raw: str | None = None

    def line_of(self, needle: str) -> int:
        """The first line holding `needle` (a key or value), 1 when not found."""
        if self._raw is None:
            self._raw = self.path.read_text(encoding="utf-8")
        pos = self._raw.find(json.dumps(needle, ensure_ascii=False))
        return self._raw.count("\n", 0, pos) + 1 if pos >= 0 else 1

    def error(self, needle: str, message: str) -> LexiconError:
        return LexiconError(f"{self.path}:{self.line_of(needle)}: {message}")

    def get(self, key: str) -> Any:
        if key not in self.data:
            return self._missing(key)
        return self.data[key]

    def _missing(self, key: str) -> Any:
        raise LexiconError(f"{self.path}:1: missing key {key!r}")

    def words(self, key: str) -> list[str]:
        """A list of non-empty strings."""
        value = self.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise self.error(key, f"{key!r} must be a list of non-empty strings")
        return value

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.error(key, f"{key!r} must be a string")
        return value

    def integer(self, key: str) -> int:
        value = self.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(key, f"{key!r} must be a non-negative integer")
        return value

    def regex(self, key: str) -> str:
        """A regex fragment, checked to compile."""
        value = self.text(key)
        try:
            re.compile(value)
        except re.error as err:
            raise self.error(key, f"{key!r} is not a valid regex: {err}") from err
        return value

    def table(self, key: str, kind: type) -> dict[str, Any]:
        """A mapping of non-empty strings to values of `kind`."""
        value = self.get(key)
        if not isinstance(value, dict):
            raise self.error(key, f"{key!r} must be an object")
        for word, item in value.items():
            if not word or not isinstance(item, kind) or isinstance(item, bool):
                raise self.error(word, f"{key!r}: entry {word!r} must map to a {kind.__name__}")
        return value
