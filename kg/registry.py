"""A small name -> factory registry (after rdflib's plugin module), used for readers,
extractors and output formats so that new ones plug in without if-chains."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from .errors import RegistryError

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries with aliases; `get` fails with the list of valid names."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, T] = {}
        self._aliases: dict[str, str] = {}

    def register(self, name: str, *aliases: str) -> Callable[[T], T]:
        def add(obj: T) -> T:
            self.add(name, obj, *aliases)
            return obj

        return add

    def add(self, name: str, obj: T, *aliases: str) -> None:
        self._entries[name] = obj
        for alias in aliases:
            self._aliases[alias] = name

    def get(self, name: str) -> T:
        real = self._aliases.get(name, name)
        if real not in self._entries:
            valid = ", ".join(sorted(self._entries))
            raise RegistryError(f"unknown {self.kind} {name!r}; valid names: {valid}")
        return self._entries[real]

    def names(self) -> list[str]:
        return list(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries or name in self._aliases

    def __iter__(self) -> Iterator[tuple[str, T]]:
        return iter(self._entries.items())
