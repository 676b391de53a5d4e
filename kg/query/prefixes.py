"""Prefixed names: checked before the engine sees a query, so a typo reads "unknown prefix foo:"
with where it is and which prefixes exist, instead of the engine's parser message; written as
valid SPARQL in answers (`kgr:doc\\/a7e0`), and read back from parameters in either form.
"""
from __future__ import annotations

import re

from ..errors import QueryError
from .lexer import position, tokenize


def check_prefixes(text: str, known: dict[str, str]) -> None:
    """Raise QueryError at the first prefixed name whose prefix is neither predeclared nor declared in `text`."""
    tokens = tokenize(text)
    declared = set(known)
    for i, tok in enumerate(tokens):
        if tok.kind == "word" and tok.upper == "PREFIX" and i + 1 < len(tokens) and tokens[i + 1].text.endswith(":"):
            declared.add(tokens[i + 1].text[:-1])
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or ":" not in tok.text:
            continue
        if i > 0 and tokens[i - 1].kind == "word" and tokens[i - 1].upper == "PREFIX":
            continue
        prefix = tok.text.split(":", 1)[0]
        if prefix == "_" or prefix in declared:  # blank node labels (_:b) are not prefixed names
            continue
        line, col = position(text, tok.start)
        known_list = " ".join(f"{p}:" for p in sorted(declared))
        raise QueryError(f"line {line}, column {col}: unknown prefix {prefix}: in {tok.text!r}; "
                         f"declare it (PREFIX {prefix}: <...>) or use one of {known_list}")


_ESCAPABLE = frozenset("_~.-!$&'()*+,;=/?#@")  # and "%", but a bare % is no IRI
_HEX = frozenset("0123456789abcdefABCDEF")
_BASE_RANGES = ((0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF), (0x200C, 0x200D),
                (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD),
                (0x10000, 0xEFFFF))
_MORE_RANGES = ((0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040))


def _plain(c: str, first: bool) -> bool:
    """Whether `c` may stand unescaped in a SPARQL local name (PN_CHARS_U, ':', digits; PN_CHARS after the first)."""
    if c.isascii():
        return c.isalnum() or c in "_:" or (c == "-" and not first)
    code = ord(c)
    if any(lo <= code <= hi for lo, hi in _BASE_RANGES):
        return True
    return not first and any(lo <= code <= hi for lo, hi in _MORE_RANGES)


def _local_name(local: str) -> str | None:
    """`local` written as a SPARQL PN_LOCAL (backslash escapes where needed), or None if it cannot be."""
    out: list[str] = []
    last = len(local) - 1
    for i, c in enumerate(local):
        if _plain(c, i == 0):
            out.append(c)
        elif c == "." and 0 < i < last:
            out.append(c)
        elif c == "%" and i + 2 <= last and local[i + 1] in _HEX and local[i + 2] in _HEX:
            out.append(c)  # a percent escape (%2F) is part of PN_LOCAL as it stands
        elif c in _ESCAPABLE:
            out.append("\\" + c)
        else:
            return None
    return "".join(out)


def prefixed_name(iri: str, prefixes: dict[str, str]) -> str:
    """`iri` as a researcher can paste it back into a query: `kgr:doc\\/a7e0` (a `/` in a local name must be
    escaped in SPARQL), or `<iri>` when no prefix covers it or its rest cannot be a local name."""
    for prefix, base in prefixes.items():
        if iri.startswith(base):
            local = _local_name(iri[len(base):])
            if local is not None:
                return f"{prefix}:{local}"
    return f"<{iri}>"


_LOCAL_ESCAPE = re.compile(r"\\(.)")


def expand_prefixed(text: str, prefixes: dict[str, str]) -> str:
    """The IRI a researcher typed or pasted: `<iri>`, `kgr:doc/a7e0` or the SPARQL form `kgr:doc\\/a7e0`
    that `prefixed_name` prints (no IRI holds a backslash, so one is always an escape)."""
    v = text.strip()
    if v.startswith("<") and v.endswith(">"):
        return v[1:-1]
    prefix, sep, local = v.partition(":")
    if sep and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
    return v


__all__ = ["check_prefixes", "expand_prefixed", "prefixed_name"]
