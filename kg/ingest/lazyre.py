"""A marker pattern compiled when it is first used to match.

Ingest runs most of its marker patterns only after a gate found the strings they need
(`prefilter.LiteralGate`, `Markers.possible`), so on a given corpus many are never run; yet
compiling them all under IGNORECASE, where every wide CJK class is folded character by
character, was a tenth of ingest's time on the bench corpus. What the loader and the gates
read of a pattern (`pattern`, `flags`, `groupindex`, the parse tree) needs no compiled code.
"""
from __future__ import annotations

import re

try:  # re's parser and compiler are internal (Python 3.11+; 3.10 names them sre_parse, sre_compile)
    from re import _compiler as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_METHODS = ("search", "match", "fullmatch", "split", "sub", "subn", "finditer", "findall", "scanner")


class LazyPattern:
    """Stands for `re.compile(source, flags)`: the same attributes and matches; compiled on
    the first call of a matching method, which is then the compiled pattern's own (no
    wrapper call per match). Syntax errors are raised here, as `re.compile` raises them;
    the few the compiler alone finds (a look-behind of varying width) are looked for in
    the parse tree (`check_lookbehinds`), as the compiler does."""

    __slots__ = ("pattern", "flags", "groupindex", "groups", "tree", "_compiled", *_METHODS)

    def __init__(self, source: str, flags: int = 0) -> None:
        self.tree = _p.parse(source, flags)  # raises re.error as re.compile would; read by `regex_needs.parse_tree`
        state = self.tree.state
        self.pattern = source
        self.flags = flags | state.flags
        self.groupindex = dict(state.groupdict)
        self.groups = state.groups - 1
        self._compiled: re.Pattern[str] | None = None
        if "(?<=" in source or "(?<!" in source:  # a look-behind: its width is checked by the compiler
            check_lookbehinds(self.tree)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if not yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(self._compiled, name))
        return self._compiled

    def __getattr__(self, name: str) -> object:
        # only reached while a method's slot is empty: before the first match
        if name in _METHODS:
            return getattr(self.compiled(), name)
        raise AttributeError(name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):  # (as re.Pattern: the same source and flags)
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __reduce__(self) -> tuple[object, ...]:
        return LazyPattern, (self.pattern, self.flags)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def check_lookbehinds(tree: _p.SubPattern) -> None:
    """Raise `re.error` as re's compiler does for a look-behind of varying or too great width
    (the errors the parser leaves to it), without compiling: a pattern with a look-behind is
    then compiled only when it first runs, as others are."""
    for op, av in tree:
        if op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] < 0:
            lo, hi = av[1].getwidth()
            if lo > _c.MAXCODE:
                raise re.error("looks too much behind")
            if lo != hi:
                raise re.error("look-behind requires fixed-width pattern")
        for part in av if isinstance(av, (tuple, list)) else (av,):
            for sub in part if isinstance(part, list) else (part,):
                if isinstance(sub, _p.SubPattern):
                    check_lookbehinds(sub)
