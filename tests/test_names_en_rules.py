"""English name rules for firms, services and people the gazetteer does not know (names_en, names_desc, persons, services)."""
from __future__ import annotations

import pytest

from kg.extract.mentions.names import NamesExtractor
from tests.names_helpers import found_types as _found


@pytest.mark.parametrize(("text", "name", "typ"), [
    ("The retailer teamed up with payments company PagoRápido on Monday.", "PagoRápido", "Company"),
    ("Shares rose, co-founder and CEO Joaquín Ibáñez told reporters.", "Joaquín Ibáñez", "Person"),
    ("Regulators fined Électro Dépôt Group over misleading discounts.", "Électro Dépôt Group", "Company"),
], ids=["accented-descriptor", "accented-person", "accented-suffix"])
def test_unicode_names(names: NamesExtractor, text: str, name: str, typ: str) -> None:
    assert _found(names, text).get(name) == typ


@pytest.mark.parametrize(("text", "name", "typ"), [
    ("Critics said online grocer Freshcrate had misled shoppers.", "Freshcrate", "Company"),
    ("Parcelio, a Lisbon-based delivery startup that serves small shops, has raised $12 million.", "Parcelio", "Company"),
    ("Norden Foods, the Oslo-based snack group, has agreed to buy a rival.", "Norden Foods", "Company"),
    ("The fund bought a 20% stake in Lumi Kitchens last year.", "Lumi Kitchens", "Company"),
    ("The round drew participation from Alder Growth and Pinecone Labs.", "Pinecone Labs", "Company"),
    ("Shares of Coral Brands fell 3% on Friday.", "Coral Brands", "Company"),
    ("Tessaly will close Tessaly Swap, its second-hand marketplace service, next month.", "Tessaly Swap", "Service"),
    ("It unveiled **Cartly Live**, an app on the Shopify App Store, on Monday.", "Cartly Live", "Service"),
    ("The new service, called Fastlane Pay, starts in May.", "Fastlane Pay", "Service"),
    ("The retailer will discontinue instalment service Paylo Flex in June.", "Paylo Flex", "Service"),
    ('"It matters," said Imogen Hart, the FCA\'s director of markets.', "Imogen Hart", "Person"),
], ids=["descriptor-grocer", "subject-after-apposition", "subject-after-the-apposition", "object-stake-in",
        "object-list", "shares-of", "service-its-apposition", "service-app-on-markdown", "service-called",
        "service-descriptor", "person-possessive-office"])
def test_new_names(names: NamesExtractor, text: str, name: str, typ: str) -> None:
    assert _found(names, text).get(name) == typ


@pytest.mark.parametrize(("text", "junk"), [
    ("Norvik's London-listed shares closed 4% higher.", "Norvik's London-listed"),
    ("The stock outperformed the Dow Global Tech Index this year.", "Dow Global Tech"),
    ("Market Regulator Summons Velto Mart Executives", "Summons Velto Mart Executives"),
    ("Orvo Mart Chairman Li Wei said the unit would close.", "Mart"),
    ("The Trade and Markets Authority said on Monday it had fined the firm.", "Markets"),
    ("![Kestro team](https://example.com/img/kestro.jpg)\n\nKestro said it would expand.", None),
    ("In Brazil, the largest retailer, sales rose.", "Brazil"),
    ("On Tuesday, the service was shut.", "Tuesday"),
], ids=["possessive-listed", "index", "headline-descriptor", "inside-run", "government-head", "url-lowercase",
        "place-apposition", "weekday-service"])
def test_no_junk(names: NamesExtractor, text: str, junk: str | None) -> None:
    found = _found(names, text)
    if junk is None:
        assert found.get("Kestro") == "Company"
    else:
        assert junk not in found


@pytest.mark.parametrize(("service", "owner", "otype", "pred"), [
    ("Parcelio Plus", "Parcelio", "Company", "operatedBy"),
    ("Cartly Live Studio", "Cartly Live", "Company", "operatedBy"),
    ("Marketo Pay", "Marketo", "Platform", "offeredOn"),
], ids=["one-word-owner", "two-word-owner", "platform-owner"])
def test_brand_owners(service: str, owner: str, otype: str, pred: str) -> None:
    from kg.extract.relations.extractor import brand_owners
    from kg.model import Mention

    ms = [Mention(owner, 0, len(owner), otype), Mention(service, 50, 50 + len(service), "Service")]
    rels = brand_owners(ms)
    assert [(r.subject.text, r.predicate, r.object.text) for r in rels] == [(service, pred, owner)]


@pytest.mark.parametrize(("text", "name", "typ"), [
    ("Brightcart agreed to buy Pakketto B.V., a Utrecht-based parcel startup.", "Pakketto B.V.", "Company"),
    ("Fornaio S.p.A. said on Monday it would cut prices.", "Fornaio S.p.A.", "Company"),
    ("The deal values Dansk Hjem A/S at $90 million.", "Dansk Hjem A/S", "Company"),
    ("Regulators fined Lionmart Holdings Pte. Ltd. on Friday.", "Lionmart Holdings Pte. Ltd.", "Company"),
    ("Records show Austin-based Cactus Commerce Inc. paid the fee.", "Cactus Commerce Inc.", "Company"),
], ids=["bv", "spa", "a-s", "pte-ltd", "place-based-prefix"])
def test_dotted_legal_forms(names: NamesExtractor, text: str, name: str, typ: str) -> None:
    assert _found(names, text).get(name) == typ


@pytest.mark.parametrize(("text", "name", "typ"), [
    ("Marta Quintana, Pelicart's co-founder and chief executive, said sales doubled.", "Marta Quintana", "Person"),
    ("Ravi Kulkarni, Blue Mango Foods' chief executive, declined to comment.", "Ravi Kulkarni", "Person"),
    ("The round also drew angel investors Tomas Berg and Lena Voss.", "Tomas Berg", "Person"),
    ("The round also drew angel investors Tomas Berg and Lena Voss.", "Lena Voss", "Person"),
], ids=["multiword-possessive-org", "possessive-s-org", "angel-1", "angel-2"])
def test_person_rules(names: NamesExtractor, text: str, name: str, typ: str) -> None:
    assert _found(names, text).get(name) == typ


@pytest.mark.parametrize("text", [
    "Hallberg reported from Stockholm. Ortiz reported from Madrid.",
    "Kowalski contributed reporting from Warsaw.",
], ids=["reported-from", "contributed-reporting"])
def test_credit_line_surnames_are_not_firms(names: NamesExtractor, text: str) -> None:
    assert not [t for t, typ in _found(names, text).items() if typ == "Company"]


def test_surname_after_titled_person_is_not_a_firm(names: NamesExtractor) -> None:
    text = "Marta Quintana, Pelicart's co-founder and chief executive, said so. Quintana said the firm would grow."
    assert "Quintana" not in _found(names, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Dealnest Inc., an online marketplace for used furniture, filed for an IPO.", "Dealnest Inc."),
    ("Shares of Modaro plc, the Paris-listed marketplace for designer bags, rose.", "Modaro"),
    ("Sellers can list items on the Lumora marketplace from May.", "Lumora"),
], ids=["suffix-company-apposition", "plc-apposition", "the-x-marketplace"])
def test_marketplace_descriptors_type_platform(names: NamesExtractor, text: str, name: str) -> None:
    new, _ = names.find(text, [])
    m = next(m for m in new if m.text == name)
    assert "Platform" in {m.type, *m.extra_types}


def test_hyphenated_word_before_marketplace_is_no_name(names: NamesExtractor) -> None:
    assert "Paris-listed" not in _found(names, "Modaro, the Paris-listed marketplace for bags, rose.")


def test_the_x_app_stays_a_service(names: NamesExtractor) -> None:
    assert _found(names, "Users of the Shoply Deals app will lose access in June.").get("Shoply Deals") == "Service"


@pytest.mark.parametrize(("text", "name"), [
    ("Mercato will launch Mercato Rapido, a same-day delivery option offered on the Mercato marketplace.",
     "Mercato Rapido"),
    ("Lazada said it will shut down Lazada Flash Picks, the flash-sale feature offered on its app.", "Lazada Flash Picks"),
    ("Flipkart launched Flipkart Snack Club, a ₹49-a-month snack subscription on its app.", "Flipkart Snack Club"),
], ids=["express-like-word", "platform-prefix", "currency-word"])
def test_service_appositions(names: NamesExtractor, text: str, name: str) -> None:
    from kg.extract.mentions.gazetteer import Gazetteer

    known = Gazetteer().find(text)
    new, _ = names.find(text, known)
    assert {m.text: m.type for m in new}.get(name) == "Service"


def test_service_apposition_keeps_legal_firms(names: NamesExtractor) -> None:
    assert _found(names, "Parcelgo Ltd., a delivery service for small shops, raised money.").get("Parcelgo Ltd.") == "Company"


@pytest.mark.parametrize(("text", "name"), [
    ("The deal closed after Poland's competition authority UOKiK cleared it in August.", "UOKiK"),
    ("Spain's antitrust regulator CNMC opened a probe on Monday.", "CNMC"),
], ids=["competition-authority", "antitrust-regulator"])
def test_en_regulator_descriptors(names: NamesExtractor, text: str, name: str) -> None:
    new, _ = names.find(text, [])
    assert {m.text: m.type for m in new}.get(name) == "GovernmentBody"
