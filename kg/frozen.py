"""Instances of plain frozen dataclasses made by filling their `__dict__`.

A frozen dataclass's `__init__` sets each field through `object.__setattr__`, and
`dataclasses.replace` builds keyword arguments for it: about three times the cost of giving a
new instance a dict of its fields, which makes the same object (the same fields in the same
order: equal, hashed, shown and pickled alike) when the class is *plain*: no `__post_init__`,
no `__slots__`, every field set by `__init__`. Used where a build makes tens of thousands of
them (gazetteer mentions, compacted event reports); tests compare both ways.
"""
from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
_new, _set = object.__new__, object.__setattr__
_NATIVE: set[type] = set()  # classes compiled by mypyc (kg.model when native): no __dict__, made by their __init__


@cache
def _check(cls: type) -> frozenset[str]:
    """The field names of plain dataclass `cls` (TypeError: not plain)."""
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__mypyc_attrs__"):  # a native class: `made` and `replaced` fall back on its own __init__
        _NATIVE.add(cls)
    elif hasattr(cls, "__post_init__") or hasattr(cls, "__slots__") or not all(f.init for f in fields):
        raise TypeError(f"{cls.__name__} is not a plain dataclass: make it with its __init__")
    return frozenset(f.name for f in fields)


def template(cls: type, given: set[str]) -> dict[str, Any]:
    """The fields of plain dataclass `cls`, in order, with their defaults, for `made`: every field
    without a default (or with a default factory, which a shared template cannot follow) must be
    among the `given` ones, which the caller sets in a copy before each use (None here)."""
    names = _check(cls)
    for f in dataclasses.fields(cls):
        if f.name not in given and (f.default is dataclasses.MISSING):
            raise TypeError(f"{cls.__name__}.{f.name} has no plain default: give it")
    if not given <= names:
        raise TypeError(f"{cls.__name__} has no field {sorted(given - names)}")
    return {f.name: None if f.name in given else f.default for f in dataclasses.fields(cls)}


def in_order(cls: type, names: tuple[str, ...]) -> tuple[str, ...]:
    """`names`, checked to be every field of plain dataclass `cls` in its order: for callers of
    `made` that write the fields' dict as a literal in that order (TypeError otherwise)."""
    if list(template(cls, set(names))) != list(names):
        raise TypeError(f"{cls.__name__}'s fields are not {', '.join(names)}, in this order")
    return names


def made(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of plain dataclass `cls` whose fields are `fields` (every one, in order: a
    copy of a `template`), as `cls(**fields)` makes it. The dict becomes the instance's own."""
    if cls in _NATIVE:
        return cls(**fields)
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    return obj


def set_state(obj: object, state: dict[str, Any]) -> None:
    """`__setstate__` for a frozen class compiled by mypyc (kg.model): sets each field as the
    dataclass's `__init__` does (the class's own `__setstate__` uses setattr, which it refuses)."""
    for name, value in state.items():
        _set(obj, name, value)


def replaced(obj: T, changes: dict[str, Any]) -> T:
    """`dataclasses.replace(obj, **changes)` for an instance of a plain dataclass."""
    cls = type(obj)
    if not _check(cls).issuperset(changes):
        raise TypeError(f"{cls.__name__} has no field {sorted(set(changes) - _check(cls))}")
    if cls in _NATIVE:
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    fields = obj.__dict__.copy()
    fields.update(changes)
    return made(cls, fields)
