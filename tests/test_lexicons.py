from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.lexicons import generic_words, load_entities, load_json, load_tsv
from kg.model import ENTITY_TYPES
from kg.text import normalize

GOOD = [
    {"id": "acme", "types": ["Company"], "zh": "阿克米", "en": "Acme"},
    {"id": "acme-mall", "types": ["Platform"], "en": "Acme Mall", "operated_by": "acme"},
]


def _write(tmp_path: Path, entries: list[dict]) -> Path:
    lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries)
    (tmp_path / "things.json").write_text('{"entities": [\n' + lines + "\n]}\n", encoding="utf-8")
    return tmp_path


def test_lexicons_load_good_file(tmp_path: Path) -> None:
    entities = load_entities(_write(tmp_path, GOOD))
    assert [e.id for e in entities] == ["acme", "acme-mall"]
    assert entities[1].operated_by == "acme" and entities[0].label_zh == "阿克米"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"id": "x", "types": ["Shop"], "en": "X Shop"}, "unknown type 'Shop'"),
        ({"id": "acme", "types": ["Company"], "en": "Acme Two"}, "duplicate id 'acme'"),
        ({"id": "x", "types": ["Platform"], "en": "X Mall", "operated_by": "nobody"}, "unknown id 'nobody'"),
        ({"id": "x", "types": ["Company"], "en": "X Corp", "aliases": ["ACME"]}, "already claimed by acme"),
        ({"id": "Bad Id", "types": ["Company"], "en": "X"}, "ascii slug"),
        ({"id": "x", "types": ["Company"], "en": "X", "aliases": ["平台"]}, "generic word"),
        ({"id": "x", "types": ["Service"], "en": "X Pay", "offered_on": "acme"}, r"expected one of \['Platform'\]"),
        ({"id": "x", "types": ["Company"]}, "needs a 'zh' or an 'en' label"),
        ({"id": "x", "types": ["Company"], "en": "X", "colour": "red"}, "unknown key"),
    ],
    ids=["unknown-type", "duplicate-id", "dangling-ref", "alias-clash", "bad-slug", "generic", "offered-on-type",
         "no-label", "unknown-key"],
)
def test_lexicons_reject_bad_entry(tmp_path: Path, extra: dict, message: str) -> None:
    with pytest.raises(LexiconError, match=message) as err:
        load_entities(_write(tmp_path, [*GOOD, extra]))
    assert "things.json:4" in str(err.value)  # file and line of the bad entry


def test_lexicons_invalid_json_names_line(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"entities": [\n{"id": "a",}\n]}', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken.json:2: invalid JSON"):
        load_json(tmp_path / "broken.json")


def test_lexicons_tsv_column_count(tmp_path: Path) -> None:
    (tmp_path / "t.tsv").write_text("# comment\na\tb\nc\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"t.tsv:3: expected 2"):
        load_tsv(tmp_path / "t.tsv", columns=2)


def test_lexicons_builtin_set_is_broad() -> None:
    entities = load_entities()
    by_type = {t: sum(1 for e in entities if e.types[0] == t) for t in ENTITY_TYPES}
    assert by_type["Platform"] >= 80 and by_type["Company"] >= 80
    assert by_type["GovernmentBody"] >= 60 and by_type["Organization"] >= 60


@pytest.mark.parametrize(
    ("ident", "field", "target"),
    [
        ("1688", "operated_by", "alibaba-group"),
        ("taobao", "operated_by", "alibaba-group"),
        ("jd-retail", "subsidiary_of", "jd-com"),
        ("jd-logistics", "subsidiary_of", "jd-com"),
        ("douyin-ecommerce", "operated_by", "bytedance"),
        ("tiktok-shop", "operated_by", "bytedance"),
        ("alipay", "operated_by", "ant-group"),
    ],
    ids=lambda v: str(v),
)
def test_lexicons_world_knowledge_relations(ident: str, field: str, target: str) -> None:
    entity = {e.id: e for e in load_entities()}[ident]
    assert getattr(entity, field) == target


def test_lexicons_no_generic_alias() -> None:
    stop = generic_words() | {normalize(w) for w in ("平台", "商家", "公司", "电商", "platform", "company", "news", "group")}
    names = {normalize(n): e.id for e in load_entities() for n in e.names}
    assert not stop & set(names), {w: names[w] for w in stop & set(names)}


def test_lexicons_jd_family_kept_apart() -> None:
    entities = {e.id: e for e in load_entities()}
    family = ["jd-com", "jd-retail", "jd-logistics", "jd-health"]
    assert len({entities[i].label_en for i in family}) == 4
    assert "Company" in entities["jd-com"].types and "Platform" in entities["jd-com"].types


def test_role_cue_sections_load_and_a_missing_one_names_the_file() -> None:
    from kg.extract.events.role_words import role_cues

    for key in ("told_source", "app_suffixes", "completion", "the_above", "store_after", "the_rule", "replaced",
                "settles", "valuation", "partners_after", "against", "more_agents", "existing_investor", "its_people",
                "zh_list", "angels", "instrument", "apposition", "asides", "counterpart_before", "appointed"):
        section = role_cues(key)
        assert section and all(words for words in section.values()), key
    with pytest.raises(LexiconError, match=r"_roles\.json"):
        role_cues("no_such_section")
    from kg.extract.cues import cue_section
    from kg.extract.events.subject import SUBJECTS_FILE

    for key in ("time_words", "clause_ends"):
        assert all(cue_section(SUBJECTS_FILE, key).values()), key
    from kg.extract.relations.extractor import RELATIONS_FILE

    assert all(cue_section(RELATIONS_FILE, "title_links").values())


def test_cue_phrases_longest_first_escaped_and_spaces_match_whitespace() -> None:
    import re

    from kg.extract.cues import phrases

    pat = re.compile(rf"(?:{phrases(['和解', '达成和解', 'as well as', ', and', 'inc.'])})")
    assert pat.match("达成和解").group() == "达成和解"  # the longest word wins where two start at one place
    assert pat.fullmatch("as  well\nas") and pat.fullmatch(",and") and pat.fullmatch(", and")
    assert pat.fullmatch("inc.") and not pat.fullmatch("incx")  # escaped: "." is a dot
    assert not re.search(phrases([]), "anything")  # no words: matches nowhere
    with pytest.raises(LexiconError, match="two spaces"):
        phrases(["as  well"])


def test_cue_section_names_the_file_and_the_bad_list(tmp_path) -> None:
    from kg.extract.cues import cue_section

    bad = tmp_path / "cues.json"
    bad.write_text('{\n "rule": {\n  "_note": "x",\n  "words": ["ok", ""]\n },\n "flat": ["a"]\n}\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cues\.json:4: rule\.words"):
        cue_section(bad, "rule")
    with pytest.raises(LexiconError, match=r"cues\.json:6: 'flat'"):
        cue_section(bad, "flat")
    with pytest.raises(LexiconError, match=r"cues\.json:1: missing key 'none'"):
        cue_section(bad, "none")
