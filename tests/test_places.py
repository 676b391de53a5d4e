"""Places: the lexicon, Place mentions, seats (kg:locatedIn) and markets (kg:market)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.extract import Pipeline
from kg.extract.mentions.places import PlaceFinder, read_places
from kg.model import Document, Mention


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def extract(pipeline: Pipeline, text: str, lang: str):
    return pipeline(Document(key="d", source_path="d", position="", text=text, lang=lang))


def test_places_lexicon_is_broad_and_bilingual() -> None:
    places = read_places()
    kinds = {k: [p for p in places if p.kind == k] for k in ("country", "region", "province", "city")}
    assert len(kinds["country"]) >= 150 and len(kinds["province"]) == 34 and len(kinds["city"]) >= 150
    assert len(kinds["region"]) >= 20
    by_id = {p.id: p for p in places}
    assert by_id["cn"].zh[0] == "中国" and "China" in by_id["cn"].en
    assert by_id["shenzhen"].en == ("Shenzhen",) and "深圳" in by_id["shenzhen"].zh
    assert by_id["southeast-asia"].zh[0] == "东南亚"


@pytest.mark.parametrize("row,message", [
    ("cn\tcountry\t中国", "expected 4 tab-separated columns"),
    ("Bad Id\tcountry\t中国\tChina", "bad id"),
    ("x\tplanet\t火星\tMars", "bad id 'x' or kind 'planet'"),
    ("x\tcity\t\t", "has no name"),
], ids=["columns", "id", "kind", "no-name"])
def test_places_lexicon_errors_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "p.tsv").write_text("# comment\n" + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"p\.tsv:2: .*{message}"):
        read_places(tmp_path)


def test_places_lexicon_duplicate_id_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("x\tcity\t甲\tA\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("x\tcity\t乙\tB\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"b\.tsv:1: id 'x' already used in a\.tsv:1"):
        read_places(tmp_path)


@pytest.mark.parametrize("text,lang,places", [
    ("华为在智利发布云服务。", "zh", ["智利"]),
    ("内蒙古的乳企进入东南亚。", "zh", ["内蒙古", "东南亚"]),
    ("The app launched in Brazil and Mexico.", "en", ["Brazil", "Mexico"]),
    ("Shares rose on the London Stock Exchange; Bank of China said.", "en", []),
    ("沿海地区的商家", "zh", []),
], ids=["zh-country", "zh-longest-and-region", "en-two", "en-part-of-a-name", "zh-no-place-inside-a-word"])
def test_places_found_as_place_mentions(pipeline, text, lang, places) -> None:
    ex = extract(pipeline, text, lang)
    assert [m.text for m in ex.mentions if m.type == "Place"] == places


def test_places_never_split_a_name_found_before() -> None:
    finder = PlaceFinder()
    body = Mention(text="深圳市商务局", start=0, end=6, type="GovernmentBody")
    assert finder.find("深圳市商务局发布通知", [(body.start, body.end)]) == []


def test_places_cross_language_names_share_one_key() -> None:
    finder = PlaceFinder()
    zh = finder.find("深圳", [])[0]
    en = finder.find("Shenzhen", [])[0]
    assert zh.key == en.key == "place-shenzhen"


@pytest.mark.parametrize("text,lang,org,place", [
    ("总部位于深圳的跨境电商服务商星耀传媒宣布进入东南亚市场。", "zh", "星耀传媒", "深圳"),
    ("Berlin-based Zalando launched its marketplace in Poland.", "en", "Zalando", "Berlin"),
], ids=["zh", "en"])
def test_places_seat_is_located_in_and_not_a_market(pipeline, text, lang, org, place) -> None:
    ex = extract(pipeline, text, lang)
    seats = [(r.subject.text, r.object.text) for r in ex.relations if r.predicate == "locatedIn" and r.object]
    assert seats == [(org, place)]
    launch = next(e for e in ex.events if e.type == "Launch")
    assert place not in [m.text for m in launch.markets]
    assert launch.markets


def test_places_exit_names_its_market(pipeline) -> None:
    ex = extract(pipeline, "星禾优选宣布退出日本市场。", "zh")
    exit_ = next(e for e in ex.events if e.type == "Discontinuation")
    assert [m.text for m in exit_.markets] == ["日本"]


@pytest.mark.parametrize("prop,subject,obj,ok", [
    ("actor", set(), {"Place"}, False), ("participant", set(), {"Company"}, True), ("market", set(), {"Place"}, True),
    ("market", set(), {"Company"}, False), ("partnerOf", {"Company"}, {"Place"}, False),
    ("locatedIn", {"Company"}, {"Place"}, True), ("locatedIn", {"Person"}, {"Place"}, False),
    ("affiliatedWith", {"Person"}, {"GovernmentBody"}, True),
], ids=lambda v: str(v))
def test_places_never_fill_a_party_role_in_the_graph(prop, subject, obj, ok) -> None:
    from kg.rdf import _fits
    assert _fits(prop, subject, obj) is ok
