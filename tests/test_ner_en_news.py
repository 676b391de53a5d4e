"""People and organisations in English business news, with the rules only and with the tagger.

The paragraphs are written for this test in the style of wire news about e-commerce companies
and executives; the people and most firms are invented, so no lexicon knows them. The test
measures recall and precision of names (people; organisations of any type) in both modes and
asserts that the tagger adds what the rules miss while keeping precision."""
from __future__ import annotations

import pytest

from kg.extract import Pipeline
from kg.model import Document

NEWS = [
    ("Shares of Marlowe Commerce fell 4% on Tuesday after chief executive Dana Whitfield said the online "
     "retailer would cut its full-year sales forecast, citing weaker demand from shoppers in Europe.",
     {"Dana Whitfield"}, {"Marlowe Commerce"}),
    ("Brightlane Logistics, which delivers parcels for several large marketplaces, named former Amazon executive "
     "Priya Raman as its new chief operating officer, the company said in a statement on Monday.",
     {"Priya Raman"}, {"Brightlane Logistics", "Amazon"}),
    ("The European Commission opened an investigation into whether Kestrel Pay, the payments arm of the "
     "marketplace operator, favoured its own sellers, a spokesperson for the Commission said.",
     set(), {"European Commission", "Kestrel Pay"}),
    ("Tomasz Kowalczyk, who founded the fashion platform Velora in 2015, told reporters that the company was in "
     "talks with investors including Northgate Capital about a new funding round.",
     {"Tomasz Kowalczyk"}, {"Velora", "Northgate Capital"}),
    ("South African regulators fined Cartwell Holdings 12 million rand for misleading discounts, and the "
     "Competition Tribunal ordered the retailer to refund customers, lawyer Themba Nkosi said.",
     {"Themba Nkosi"}, {"Cartwell Holdings", "Competition Tribunal"}),
    ("Harbor Street Markets said its finance chief, Laura Okafor, would step down at the end of March and be "
     "replaced by Michael Brandt, currently head of strategy at Silverpine Group.",
     {"Laura Okafor", "Michael Brandt"}, {"Harbor Street Markets", "Silverpine Group"}),
    ("\"We are not seeing the holiday rush we expected,\" said Ana Costa, an analyst at Redwood Research, adding "
     "that Quillmart and Ostara had both lowered prices on electronics to win back customers.",
     {"Ana Costa"}, {"Redwood Research", "Quillmart", "Ostara"}),
    ("Investors led by Jonah Feld and Mei Lin Tan put $40 million into Parcelo, a start-up that lets small "
     "merchants ship across Southeast Asia, according to a filing seen by Reuters.",
     {"Jonah Feld", "Mei Lin Tan"}, {"Parcelo", "Reuters"}),
    ("Ravi Menon resigned from the board of Tallis Retail on Friday, two weeks after the Federal Trade "
     "Commission sued the company over fake reviews, people familiar with the matter said.",
     {"Ravi Menon"}, {"Tallis Retail", "Federal Trade Commission"}),
]
ORGS = frozenset({"Company", "Organization", "Platform", "GovernmentBody"})


def _score(pipeline: Pipeline) -> dict[str, float]:
    tp = fp = gold = 0
    for i, (text, people, orgs) in enumerate(NEWS):
        ex = pipeline(Document(key=f"n{i}", source_path=f"n{i}.txt", position="", text=text, lang="en"))
        found_people = {m.text for m in ex.mentions if m.type == "Person"}
        found_orgs = {m.text for m in ex.mentions if m.type in ORGS}
        gold += len(people) + len(orgs)
        tp += len(found_people & people) + len(found_orgs & orgs)
        fp += len(found_people - people) + len(found_orgs - orgs)
    return {"recall": tp / gold, "precision": tp / (tp + fp) if tp + fp else 1.0, "found": tp}


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    return {mode: _score(Pipeline(ner=mode)) for mode in ("off", "en")}


def test_tagger_finds_what_the_rules_miss(scores):
    """Measured when written: rules only recall 0.57 (16 of 28) at precision 0.94; with the tagger
    recall 0.89 (25) at precision 0.96."""
    off, on = scores["off"], scores["en"]
    assert on["recall"] >= 0.85
    assert on["found"] >= off["found"] + 8
    assert on["precision"] >= 0.9


def test_nationality_is_no_entity():
    ex = Pipeline(ner="en")(Document(key="n", source_path="n.txt", position="", text=NEWS[4][0], lang="en"))
    assert not any("South African" in m.text for m in ex.mentions)
    assert {"Themba Nkosi", "Cartwell Holdings"} <= {m.text for m in ex.mentions}
