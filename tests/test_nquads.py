"""N-Quads text made directly (kg.nquads) is exactly what pyoxigraph writes for the same terms."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.nquads import DEFAULT, as_text, iri, literal, quad_text, quoted, to_quads

XSD = "http://www.w3.org/2001/XMLSchema#"
HOSTILE = ["", "plain", 'say "hi"', "back\\slash", "\\n is not a newline", "\\u0000", "line\nbreak\r\n",
           "tab\there", "\b\f\v\x00\x1f\x7f", "\x80\x9f\u00a0", "\u2028\u2029", "\ufeff\ufffd\ufffe\uffff",
           "emoji 😀👩‍👩‍👧", "中文：「引号」", "日本語とかな", "\U0010ffff", "<script>alert(1)</script>",
           '"\\"\\\\"', "@en", "^^<http://x>", " .\n<a> <b> <c> ."]


def _ox_text(value: str, **kw: object) -> str:
    return str(ox.Literal(value, **kw))


@pytest.mark.parametrize("value", HOSTILE)
def test_quoted_equals_pyoxigraph_on_hostile_strings(value: str) -> None:
    assert quoted(value) == _ox_text(value)
    assert literal(value, language="zh") == _ox_text(value, language="zh")
    assert literal(value, language="EN-us") == _ox_text(value, language="EN-us")
    for dt in ("decimal", "integer", "date", "dateTime", "string"):
        assert literal(value, datatype=XSD + dt) == _ox_text(value, datatype=ox.NamedNode(XSD + dt))


def test_quoted_equals_pyoxigraph_on_every_code_point() -> None:
    """All of Unicode but the surrogates, in blocks (one literal per block)."""
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for i in range(0, len(points), 2048):
        value = "".join(map(chr, points[i:i + 2048]))
        assert quoted(value) == _ox_text(value), f"block from U+{points[i]:04X}"


@pytest.mark.parametrize("value", ["\ud800", "a\udc80b", "\udfff"])
def test_lone_surrogates_are_refused_as_pyoxigraph_refuses_them(value: str) -> None:
    with pytest.raises(ValueError):
        ox.Literal(value)
    with pytest.raises(ValueError, match="surrogate"):
        quoted(value)


def test_iri_is_checked_and_written_as_pyoxigraph_writes_it() -> None:
    assert iri("https://w3id.org/ecomkg/resource/doc/0a1b") == "<https://w3id.org/ecomkg/resource/doc/0a1b>"
    with pytest.raises(ValueError):
        iri("https://e/a b")
    with pytest.raises(ValueError):
        iri("not an iri")


def test_quads_as_text_round_trip_through_pyoxigraph() -> None:
    s, p, g = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.NamedNode("http://e/g")
    quads = [ox.Quad(s, p, ox.Literal(v), g) for v in HOSTILE] + [ox.Quad(s, p, ox.Literal("x"), ox.DefaultGraph())]
    texts = [quad_text(q) for q in quads]
    assert texts[-1] == (DEFAULT, '<http://e/s> <http://e/p> "x"')
    assert all(as_text(t) is t for t in texts)
    made = [(str(g), f"<http://e/s> <http://e/p> {quoted(v)} {g}") for v in HOSTILE]
    assert made == texts[:-1]
    assert list(to_quads(texts)) == quads
