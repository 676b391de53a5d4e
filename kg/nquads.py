"""N-Quads text of terms and quads, made directly as strings.

A build writes hundreds of thousands of quads, each only to be turned into a line of text
and sorted; making a pyoxigraph `Quad` first costs about 1.7 µs when its object is a literal
(bench/BUILD-RESULTS.md). So quads are made here as text: IRIs once per entity, event or
document (checked by pyoxigraph when made, then kept as their `<...>` text), literals by
`quoted`, which escapes exactly as pyoxigraph 0.5's N-Quads serialiser does (tests compare the
two over every code point). A quad is a pair (its graph's text, the quad's text), the text
being what `str(ox.Quad)` gives: `s p o g`, or `s p o` in the default graph (whose text is
"DEFAULT").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyoxigraph as ox

DEFAULT = "DEFAULT"  # the default graph's text, as str(ox.DefaultGraph()) gives it
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

QuadText = tuple[str, str]  # (graph's text, quad's text)

# what pyoxigraph escapes in a literal: C0 controls, DEL, the quote, the backslash and the two
# noncharacters U+FFFE and U+FFFF; lone surrogates it refuses (they cannot be written as UTF-8)
_ESCAPED = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff\ud800-\udfff]')
_NAMED = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(mt: re.Match[str]) -> str:
    ch = mt.group()
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        raise ValueError(f"a literal holds a lone surrogate (U+{code:04X}), which UTF-8 cannot hold")
    return _NAMED.get(ch) or f"\\u{code:04X}"


def quoted(value: str) -> str:
    """The literal `value` as a quoted N-Quads string, escaped as pyoxigraph escapes it."""
    # every character `_ESCAPED` matches but the quote and the backslash is unprintable (Cc, Cn,
    # Cs), and these three tests scan text about twice as fast as the pattern's search
    if value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    if _ESCAPED.search(value) is None:
        return f'"{value}"'
    return f'"{_ESCAPED.sub(_escape, value)}"'


def literal(value: str, language: str | None = None, datatype: str | None = None) -> str:
    """A literal's N-Quads text: plain, language-tagged (the tag as pyoxigraph keeps it: lower
    case) or typed (`datatype` an IRI string; xsd:string is written as a plain literal)."""
    if language is not None:
        return f"{quoted(value)}@{_language(language)}"
    if datatype is None or datatype == XSD_STRING:
        return quoted(value)
    return f"{quoted(value)}^^{iri(datatype)}"


@lru_cache(maxsize=64)
def _language(tag: str) -> str:
    """A language tag as pyoxigraph writes it (checked, lower case)."""
    return ox.Literal("", language=tag).language


def iri(value: str) -> str:
    """An IRI's N-Quads text, checked by pyoxigraph (an invalid IRI raises ValueError): callers
    make each once per entity, event or document and keep the text."""
    return str(ox.NamedNode(value))


def quad_text(quad: ox.Quad) -> QuadText:
    """A pyoxigraph quad as text (for quads that come as objects: the ontology, blank nodes)."""
    return str(quad.graph_name), str(quad)


def as_text(quad: ox.Quad | QuadText) -> QuadText:
    """Either form of a quad as text."""
    return quad if isinstance(quad, tuple) else quad_text(quad)


def to_quads(quads: Iterable[ox.Quad | QuadText]) -> Iterator[ox.Quad]:
    """Quads as pyoxigraph objects, parsed from their text in one go (for a store loaded from
    Python, and tests)."""
    text = "".join(f"{as_text(q)[1]} .\n" for q in quads)
    return ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
