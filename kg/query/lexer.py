"""A small SPARQL tokenizer, so safety checks and parameter binding never match words
inside strings, IRIs or comments (a regex over raw text would be fooled by `"SERVICE"`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryError

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_\u00C0-\uFFFF][\w\-.\u00B7\u00C0-\uFFFF]*(?::(?:[\w\-.:%\u00B7\u00C0-\uFFFF]|\\[_~.\-!$&'()*+,;=/?\#@%])*)?
           |:(?:[\w\-.:%\u00B7\u00C0-\uFFFF]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*=<>!+\-/|^@])
    """,
    re.VERBOSE | re.DOTALL,
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


class QueryRefused(QueryError):
    """A query kg will not run: an update, SERVICE, or a FROM naming an unknown graph."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def upper(self) -> str:
        return self.text.upper()


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, for error messages."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def tokenize(text: str) -> list[Token]:
    """Significant tokens of a SPARQL text (no whitespace or comments)."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            line, col = position(text, pos)
            raise QueryError(f"syntax error at line {line}, column {col}: unexpected {text[pos:pos + 10]!r}")
        kind = m.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            tokens.append(Token(kind, m.group(), pos))
        pos = m.end()
    return tokens


@dataclass(frozen=True)
class Shape:
    """What the safety checks need to know about a query."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    prefixes: dict[str, str]
    from_iris: tuple[str, ...]  # FROM and FROM NAMED graph IRIs (expanded)
    body_open: int  # offset just after the `{` that opens the WHERE clause


def inspect(text: str, default_prefixes: dict[str, str] | None = None) -> Shape:
    """Classify a query and refuse what kg never runs: updates, SERVICE, unparseable FROM."""
    tokens = tokenize(text)
    prefixes = dict(default_prefixes or {})
    i = 0
    while i < len(tokens) and tokens[i].upper in ("PREFIX", "BASE"):
        if tokens[i].upper == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2].kind == "iri":
            prefixes[tokens[i + 1].text.rstrip(":")] = tokens[i + 2].text[1:-1]
            i += 3
        else:
            i += 2
    if i >= len(tokens):
        raise QueryError("empty query: write SELECT, ASK, CONSTRUCT or DESCRIBE")
    form = tokens[i].upper
    if form not in QUERY_FORMS:
        line, col = position(text, tokens[i].start)
        if form in UPDATE_WORDS:
            raise QueryRefused(f"line {line}, column {col}: {tokens[i].text} is an update; kg only runs read-only queries")
        raise QueryError(f"line {line}, column {col}: expected SELECT, ASK, CONSTRUCT or DESCRIBE, found {tokens[i].text!r}")
    for tok in tokens:
        if tok.kind == "word" and tok.upper == "SERVICE":
            line, col = position(text, tok.start)
            raise QueryRefused(f"line {line}, column {col}: SERVICE (federated query) is refused: kg never calls other servers")
    return Shape(form, prefixes, tuple(_from_iris(text, tokens, prefixes)), _body_open(text, tokens, i, form))


def _from_iris(text: str, tokens: list[Token], prefixes: dict[str, str]) -> list[str]:
    iris = []
    for j, tok in enumerate(tokens):
        if not (tok.kind == "word" and tok.upper == "FROM"):
            continue
        k = j + 1
        if k < len(tokens) and tokens[k].upper == "NAMED":
            k += 1
        target = tokens[k] if k < len(tokens) else None
        if target is not None and target.kind == "iri":
            iris.append(target.text[1:-1])
        elif target is not None and target.kind == "word" and ":" in target.text:
            prefix, local = target.text.split(":", 1)
            if prefix not in prefixes:
                line, col = position(text, target.start)
                raise QueryError(f"line {line}, column {col}: unknown prefix {prefix!r} in FROM")
            iris.append(prefixes[prefix] + local)
        else:
            line, col = position(text, tok.start)
            raise QueryError(f"line {line}, column {col}: FROM must be followed by a graph IRI")
    return iris


def _body_open(text: str, tokens: list[Token], start: int, form: str) -> int:
    depth = 0
    seen_where = False
    for tok in tokens[start:]:
        if tok.kind == "word" and tok.upper == "WHERE" and depth == 0:
            seen_where = True
        if tok.text == "{":
            if depth == 0 and (seen_where or form != "CONSTRUCT"):
                return tok.start + 1
            depth += 1
        elif tok.text == "}":
            depth -= 1
    raise QueryError("the query has no WHERE clause { ... }")
