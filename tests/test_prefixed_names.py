"""IRIs printed as prefixed names must read back, in a SPARQL query, as the same IRI."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.query.canned import to_term
from kg.query.prefixes import expand_prefixed, prefixed_name
from kg.vocab import PREFIXES

KGR = PREFIXES["kgr"]


def _read_back(term: str) -> str:
    store = ox.Store()
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    (row,) = list(store.query(f"{prologue}SELECT ?x WHERE {{ BIND({term} AS ?x) }}"))
    return row["x"].value


@pytest.mark.parametrize("local,shown", [
    ("doc/a7e0054da3947ee2e4d9", "kgr:doc\\/a7e0054da3947ee2e4d9"),
    ("entity/jd-com", "kgr:entity\\/jd-com"),
    ("entity/x.", "kgr:entity\\/x\\."),
    ("-a", "kgr:\\-a"),
    ("span/%E4%B8%AD", "kgr:span\\/%E4%B8%AD"),
    ("entity/京东", "kgr:entity\\/京东"),
])
def test_minted_iris_are_escaped_not_broken(local: str, shown: str) -> None:
    assert prefixed_name(KGR + local, PREFIXES) == shown
    assert _read_back(shown) == KGR + local


def test_iris_no_prefix_covers_are_written_whole() -> None:
    assert prefixed_name("http://example.org/a b", PREFIXES) == "<http://example.org/a b>"
    assert prefixed_name(KGR + "a b", PREFIXES) == f"<{KGR}a b>"


# characters an IRI's path may hold (a bare "%" may not; percent escapes are tested above)
_IRI_SAFE = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x3000,
                                  blacklist_characters='<>"{}|^`[]%\\', blacklist_categories=("Cs", "Cc", "Zs")),
                    max_size=12)


@given(_IRI_SAFE)
def test_any_written_form_reads_back_as_the_iri(local: str) -> None:
    iri = KGR + local
    assert _read_back(prefixed_name(iri, PREFIXES)) == iri


@pytest.mark.parametrize("typed", ["kgr:entity/jd-com", "kgr:entity\\/jd-com", f"<{KGR}entity/jd-com>",
                                   f" {KGR}entity/jd-com "])
def test_parameters_read_either_written_form(typed: str) -> None:
    assert expand_prefixed(typed, PREFIXES) == KGR + "entity/jd-com"
    assert to_term(typed, "iri") == ox.NamedNode(KGR + "entity/jd-com")


@given(_IRI_SAFE)
def test_what_is_printed_is_read_back_by_parameters(local: str) -> None:
    assert expand_prefixed(prefixed_name(KGR + local, PREFIXES), PREFIXES) == KGR + local


def test_site_pages_show_iris_as_sparql_reads_them() -> None:
    from kg.view.site.render import short_iri

    assert short_iri(KGR + "entity/jd-com") == "kgr:entity\\/jd-com"
    assert _read_back(short_iri(KGR + "doc/a7e0")) == KGR + "doc/a7e0"
    assert short_iri("https://example.org/x") == "https://example.org/x"
