"""English name rules for firms, services and people the gazetteer does not know (names_en, names_desc, persons, services)."""
from __future__ import annotations

import pytest

from kg.extract.names import NamesExtractor


@pytest.fixture(scope="module")
def names() -> NamesExtractor:
    return NamesExtractor()


def _found(names: NamesExtractor, text: str) -> dict[str, str]:
    new, _ = names.find(text, [])
    return {m.text: m.type for m in new}


@pytest.mark.parametrize(("text", "name", "typ"), [
    ("The retailer teamed up with payments company PagoRápido on Monday.", "PagoRápido", "Company"),
    ("Shares rose, co-founder and CEO Joaquín Ibáñez told reporters.", "Joaquín Ibáñez", "Person"),
    ("Regulators fined Électro Dépôt Group over misleading discounts.", "Électro Dépôt Group", "Company"),
], ids=["accented-descriptor", "accented-person", "accented-suffix"])
def test_unicode_names(names: NamesExtractor, text: str, name: str, typ: str) -> None:
    assert _found(names, text).get(name) == typ
