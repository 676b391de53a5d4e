"""Decide whether a query is safe to run by parsing it, not by scanning its tokens.

Oxigraph calls other servers for `SERVICE`, so kg refuses any query whose parse tree holds
a SERVICE pattern, any update (LOAD, INSERT, ...), and FROM / FROM NAMED of a graph the
store does not hold. A token scan can be fooled (`ex:a\\#b` made the old scanner treat the
rest of a line as a comment); a parser cannot, as long as it reads the text the way the
engine does. Two places where readers differ are covered by checking every reading:

* SPARQL 1.1 says `\\uXXXX` / `\\UXXXXXXXX` escapes are replaced before parsing, anywhere in
  the text (so `\\u0053ERVICE` is `SERVICE`); some engines do that.
* Oxigraph 0.5 decodes them only inside strings and IRIs (SPARQL 1.2), so `'\\u0027'` is a
  one-character string there but opens a long string after a global expansion.

(and a carriage return ends a comment for Oxigraph, not for rdflib: readings use LF).

A query must be safe in every reading. A query the parser cannot read is refused (fail
closed) unless no reading even contains the letters of SERVICE or FROM: such a text cannot
call out, so Oxigraph may report its own (more precise) syntax error. rdflib's SPARQL
grammar is imported on first use only, because it costs start-up time.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from ..errors import QueryError
from .lexer import QueryRefused

_CODEPOINT = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
_PAIRWISE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_STRUCTURAL = set("<>\"'{}|^`\\")
_UPDATE_NAMES = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
                 "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                 "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT"}


_CACHE_TEXT_LIMIT = 16_384  # verdicts of longer texts are not cached: 512 of them stay under ~8 MB


class QueryUnchecked(QueryError):
    """The safety check could not read the query, so it was not run (fail closed)."""


def check(text: str, *, has_graph: Callable[[str], bool] | None = None,
          prefixes: Mapping[str, str] | None = None) -> None:
    """Raise QueryRefused (SERVICE, update, unknown FROM graph) or QueryUnchecked; else return.

    `has_graph(iri)` says whether the store holds a named graph; None skips the FROM check
    (a remote endpoint decides about its own graphs). `prefixes` are the predeclared ones.
    """
    unreadable: QueryUnchecked | None = None
    texts = [(label, _lateral_as_group(reading)) for label, reading in readings(text)]
    known = tuple(sorted((prefixes or {}).items()))
    for label, reading in texts:
        verdict = _verdict if len(reading) <= _CACHE_TEXT_LIMIT else _verdict.__wrapped__  # memory stays bounded
        problem, deferred, graphs = verdict(reading, label, known)
        if problem is not None and deferred:
            unreadable = unreadable or QueryUnchecked(problem[1])
            continue
        if problem is not None:
            raise problem[0](problem[1])
        for keyword, iri in graphs if has_graph is not None else ():
            if not has_graph(iri):
                raise QueryRefused(f"{keyword} <{iri}> names no graph in this store{label}; kg never fetches remote graphs")
    if unreadable is not None and _may_reach_out([text, *(reading for _, reading in texts)]):
        raise unreadable


@lru_cache(maxsize=512)
def _verdict(reading: str, label: str, prefixes: tuple[tuple[str, str], ...]
             ) -> tuple[tuple[type[QueryError], str] | None, bool, tuple[tuple[str, str], ...]]:
    """(what is wrong with one reading or None, whether that may wait, its FROM graphs as (keyword, IRI)).

    Cached, because the canned questions come back again and again and parsing costs
    tens of milliseconds; the store's graphs are looked up afresh on every call.
    """
    try:
        tree = _parse(reading, label)
    except QueryUnchecked as err:  # unreadable: refused later unless no reading can call out
        return (QueryUnchecked, str(err)), True, ()
    except QueryError as err:
        return (type(err), str(err)), False, ()
    try:
        return None, False, tuple(_scan(tree, label, dict(prefixes)))
    except QueryError as err:
        return (type(err), str(err)), False, ()


_LATERAL = re.compile(r"(?<![\w:?$\-.])LATERAL(?=\s*\{)", re.IGNORECASE)


def _lateral_as_group(text: str) -> str:
    """The keyword LATERAL (Oxigraph's lateral join, which rdflib's grammar lacks) blanked out.

    `A LATERAL { B }` calls out, updates and names graphs exactly where `A { B }` does, so the
    check reads the plain group instead. Blanking the word where it is not the keyword (in a
    string) changes nothing the check looks at; where Oxigraph would not accept it either, the
    reading stays unreadable or harmless."""
    return _LATERAL.sub(lambda m: " " * len(m[0]), text)


def _may_reach_out(texts: list[str]) -> bool:
    """False only when no reading even contains the letters of SERVICE or FROM (any case).

    A query our parser cannot read is refused, except when this proves it harmless: then
    Oxigraph gives its own, more precise syntax error (or runs what rdflib's grammar lacks).
    `casefold` also maps look-alikes that upper-case to ASCII (the long s, `\u017f`).
    """
    return any(word in t.casefold() for t in texts for word in ("service", "from"))


def readings(text: str) -> list[tuple[str, str]]:
    """The distinct texts a SPARQL engine may actually parse, each with a label for messages.

    A carriage return becomes a line feed first: Oxigraph ends a comment at either, rdflib's
    grammar only at a line feed, so `# note\\r SERVICE ...` would hide the SERVICE from it.
    Nothing else moves: a raw CR may only stand in whitespace, comments and long strings.
    """
    text = text.replace("\r", "\n")
    if "\\u" not in text and "\\U" not in text:
        return [("", text)]
    out: dict[str, str] = {}
    out.setdefault(_expand_global(text), " (read with its \\u escapes expanded, as SPARQL 1.1 says)")
    out.setdefault(_expand_pairwise(text), " (read with its \\u escapes expanded)")
    out.setdefault(_expand_in_tokens(text), " (read with \\u escapes inside strings and IRIs, as Oxigraph does)")
    return [(label, reading) for reading, label in out.items()]


def _codepoint(hex_digits: str) -> str:
    value = int(hex_digits, 16)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        raise QueryUnchecked(f"\\u escape {hex_digits} is not a Unicode character; the query was not run")
    return chr(value)


def _expand_global(text: str) -> str:
    """Every `\\u` escape replaced, even one right after another backslash (a plain pre-pass)."""
    return _CODEPOINT.sub(lambda m: _codepoint(m[1] or m[2]), text)


def _expand_pairwise(text: str) -> str:
    """Escapes replaced left to right, a backslash pair (`\\\\`) kept as it is."""
    return _PAIRWISE.sub(lambda m: m[0] if m[3] is not None else _codepoint(m[1] or m[2]), text)


def _expand_in_tokens(text: str) -> str:
    """Oxigraph's reading: an escape is one character of a string or IRI, never syntax.

    A decoded character that could change the structure for our parser (a quote, `>`,
    a brace, a backslash, a space or control) becomes `_`, which has none; an escape
    outside strings and IRIs is a syntax error for Oxigraph anyway, so nothing runs.
    """
    def one(m: re.Match[str]) -> str:
        if m[3] is not None:
            return m[0]
        char = _codepoint(m[1] or m[2])
        return "_" if char in _STRUCTURAL or not char.isprintable() or char.isspace() else char

    return _PAIRWISE.sub(one, text)


def _parse(text: str, label: str) -> Any:
    """rdflib's parse tree of a query; an update or unreadable text raises."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import parser

    try:
        return parser.QueryUnit.parse_string(text, parse_all=True)
    except ParseBaseException as err:
        problem = err
    except RecursionError:
        raise QueryUnchecked(f"the query is nested too deeply for kg to check it{label}; it was not run") from None
    except Exception as err:  # rdflib's parse actions raise plain exceptions (bad literals, prefixes)
        raise QueryUnchecked(f"kg could not check the query{label}: {err}; it was not run") from None
    update = _update_name(text)
    if update:
        raise QueryRefused(f"{update} is an update; kg only runs read-only queries{label}")
    why = ("it mentions SERVICE, which kg refuses (kg never calls other servers), and kg runs no query it cannot check"
           if "service" in text.casefold() else "kg checks every query before running it, so it was not run")
    raise QueryUnchecked(f"syntax error at line {problem.lineno}, column {problem.col}{label}: {problem.msg}, "
                         f"found {_near(problem)}; {why}")


def _near(err: Any) -> str:
    line = str(getattr(err, "line", ""))
    col = max(int(getattr(err, "col", 1)) - 1, 0)
    snippet = line[col:col + 20].strip()
    return repr(snippet) if snippet else "the end of the query"


def _update_name(text: str) -> str | None:
    from rdflib.plugins.sparql import parser

    try:
        update = parser.UpdateUnit.parse_string(text, parse_all=True)[0]
    except Exception:
        return None
    names = [_UPDATE_NAMES.get(node.name, node.name) for node in _nodes(update) if node.name in _UPDATE_NAMES]
    return names[0] if names else "the request"


def _nodes(tree: Any) -> Iterator[Any]:
    """Every CompValue in a parse tree (iterative: deep queries must not hit the recursion limit)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)


def _scan(tree: Any, label: str, prefixes: Mapping[str, str]) -> list[tuple[str, str]]:
    """Raise on a SERVICE pattern anywhere in the tree; return the FROM / FROM NAMED graphs."""
    prologue = tree[0] if len(tree) else None
    graphs = []
    for node in _nodes(tree):
        if node.name == "ServiceGraphPattern":
            target = _show(node["term"] if "term" in node else None)
            raise QueryRefused(f"SERVICE {target} (federated query) is refused{label}: kg never calls other servers")
        if node.name == "DatasetClause":
            named = "named" in node  # CompValue.get() answers the key's name for a missing key
            ref = node["named"] if named else node["default"]
            graphs.append(("FROM NAMED" if named else "FROM", _resolve(ref, prologue, prefixes, label)))
    return graphs


def _show(term: Any) -> str:
    kind = type(term).__name__
    if kind == "URIRef":
        return f"<{term}>"
    if kind == "Variable":
        return f"?{term}"
    if getattr(term, "name", None) == "pname":
        return f"{term['prefix'] if 'prefix' in term else ''}:{term['localname'] if 'localname' in term else ''}"
    return "(an endpoint)"


def _resolve(ref: Any, prologue: Any, prefixes: Mapping[str, str], label: str) -> str:
    """The full IRI of a FROM target: prefixed names and BASE resolved as the query says."""
    base = ""
    known = dict(prefixes)
    for decl in prologue or ():
        if decl.name == "Base":
            base = urljoin(base, str(decl.iri))
        elif decl.name == "PrefixDecl":
            known[decl.prefix or ""] = urljoin(base, str(decl.iri))
    if getattr(ref, "name", None) == "pname":
        prefix = (ref["prefix"] if "prefix" in ref else "") or ""
        if prefix not in known:
            raise QueryUnchecked(f"FROM uses the unknown prefix {prefix + ':'!r}{label}; the query was not run")
        return known[prefix] + _LOCAL_ESCAPE.sub(r"\1", (ref["localname"] if "localname" in ref else "") or "")
    return urljoin(base, str(ref)) if base else str(ref)
