"""Matching rules: when does one `?answer` of a query count as an expected answer.

- Names: an IRI stands for its labels (rdfs:label and skos:altLabel; the last IRI segment
  when it has none), a literal or blank node for its own value. Both sides are folded with
  `fold` (kg's width/case/space folding, one legal-form suffix dropped, punctuation and
  spaces removed) and match when equal, or when the shorter is contained in the longer and
  is long enough not to match by accident: 3 folded characters with Han in it, else 6
  (京东物流 finds 京东物流集团, "jd" does not find "jdlogistics").
- Dates: when an expected item's first alternative is an ISO day (YYYY-MM-DD), a literal
  answer matches if its first ten characters equal one alternative (datetimes match by day).
- Numbers: a number expected matches a literal whose value, commas removed, is a decimal
  within a relative 1e-6 of it (9.3e6 = "9300000.0"; 0 only matches 0).

These are the rules of the team's reference scorer (shared/eval/run_eval.py): keep them in
step, or scores stop being comparable across the two.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from ...text import is_cjk, normalize
from .spec import Expected

# Legal forms only, on purpose: group words (集团, Group, Holdings) stay, so that a
# question about JD Group does not accept JD Logistics by the containment rule alone.
LEGAL_SUFFIXES = ("co., ltd.", "co.,ltd.", "co. ltd.", "co ltd", "ltd.", "ltd", "inc.", "inc", "corp.",
                  "corporation", "股份有限公司", "有限责任公司", "有限公司")
_NON_WORD = re.compile(r"[\s\W_]+")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
TOLERANCE = Decimal("1e-6")
LABELS = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")


def fold(text: str) -> str:
    """A name folded for loose comparison ("ＪＤ.com, Inc." -> "jdcom", "京东 有限公司" -> "京东")."""
    t = normalize(str(text))
    for suffix in LEGAL_SUFFIXES:
        if t.endswith(suffix) and len(t) > len(suffix) + 1:
            t = t[: -len(suffix)]  # no break: the reference scorer tries every suffix in turn
    return _NON_WORD.sub("", t)


def names_match(expected: str, label: str) -> bool:
    """Two folded names: equal, or one long enough and contained in the other."""
    if expected == label:
        return True
    short, long_ = sorted((expected, label), key=len)
    if not short or short not in long_:
        return False
    return len(short) >= (3 if any(is_cjk(c) for c in short) else 6)


def as_decimal(value: str) -> Decimal | None:
    """The finite decimal written in a literal ("1,200" -> 1200), else None."""
    try:
        n = Decimal(value.replace(",", ""))
    except InvalidOperation:
        return None
    return n if n.is_finite() else None


def number_matches(value: str, expected: int | float) -> bool:
    """A literal's value equals `expected` within a relative TOLERANCE."""
    n = as_decimal(value)
    want = Decimal(str(expected))
    return n is not None and abs(n - want) <= abs(want) * TOLERANCE


class Matcher:
    """Matches answers of one graph, caching each IRI's labels and the label index for `bind`."""

    def __init__(self, store: ox.Store, union: bool = True) -> None:
        self.store, self.union = store, union
        self._labels: dict[ox.NamedNode, frozenset[str]] = {}
        self._index: dict[str, set[ox.NamedNode]] | None = None

    def _query(self, sparql: str) -> ox.QuerySolutions:
        return self.store.query(LABELS + sparql, use_default_graph_as_union=self.union)  # type: ignore[return-value]

    def labels(self, term: object) -> frozenset[str]:
        """Folded names of an answer: an IRI's labels, or a literal's (blank node's) own value."""
        if not isinstance(term, ox.NamedNode):
            return frozenset({fold(getattr(term, "value", str(term)))})
        if term not in self._labels:
            found = {fold(row["l"].value) for row in self._query(f"SELECT ?l WHERE {{ {term} rdfs:label|skos:altLabel ?l }}")}
            self._labels[term] = frozenset(found or {fold(term.value.rsplit("/", 1)[-1])})
        return self._labels[term]

    def entities(self, names: Iterable[str]) -> list[ox.NamedNode]:
        """Every IRI with a label equal (after folding) to one of `names`, in IRI order."""
        if self._index is None:
            self._index = {}
            for row in self._query("SELECT DISTINCT ?x ?l WHERE { ?x rdfs:label|skos:altLabel ?l }"):
                if isinstance(row["x"], ox.NamedNode):
                    self._index.setdefault(fold(row["l"].value), set()).add(row["x"])
        found = set().union(*(self._index.get(fold(n), set()) for n in names))
        return sorted(found, key=lambda n: n.value)

    def matches(self, answer: object, expected: Expected) -> bool:
        """Does one answer term count as the expected item (see the module docstring)?"""
        if isinstance(expected, int | float):
            return isinstance(answer, ox.Literal) and number_matches(answer.value, expected)
        alts = expected if isinstance(expected, tuple) else (expected,)
        if isinstance(answer, ox.Literal) and _ISO_DAY.fullmatch(alts[0]):
            return answer.value[:10] in alts
        got = self.labels(answer)
        return any(names_match(fold(alt), label) for alt in alts for label in got)
