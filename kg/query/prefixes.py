"""Prefixed names checked before the engine sees a query, so a typo reads "unknown prefix foo:"
with where it is and which prefixes exist, instead of the engine's parser message.
"""
from __future__ import annotations

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


__all__ = ["check_prefixes"]
