"""Persons by title, policies and services, and the checks on the names word lists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.extract.mentions import names_common
from kg.extract.mentions.aliases import alias_mentions
from kg.extract.mentions.names import NamesExtractor
from kg.extract.mentions.persons import person_titles
from kg.model import Mention


def _of_type(names: NamesExtractor, text: str, typ: str, known: list[Mention] | None = None) -> set[str]:
    new, _ = names.find(text, known)
    return {m.text for m in new if m.type == typ}


def _platforms(text: str, name: str = "1688") -> list[Mention]:
    return [Mention(name, m.start(), m.end(), "Platform", key="p", extractor="gazetteer")
            for m in re.finditer(re.escape(name), text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("阿里巴巴副总裁、1688总裁汪海表示，", [("汪海", "总裁")]),
        ("商务部部长王文涛在会上说", [("王文涛", "部长")]),
        ("本报记者 张三报道", [("张三", "记者")]),
        ("创始人欧阳明称", [("欧阳明", "创始人")]),
        ("CEO Andy Jassy said the company", [("Andy Jassy", "CEO")]),
        ("Minister of Commerce Wang Wentao met", [("Wang Wentao", "Minister of Commerce")]),
        ("Wang Xin, president of the Shenzhen Cross-Border E-Commerce Association, said",
         [("Wang Xin", "president")]),
        ("said John Smith, chief executive of Acme", [("John Smith", "chief executive")]),
    ],
    ids=["zh-vp-speech-verb", "zh-minister", "zh-reporter-space", "zh-double-surname", "en-ceo",
         "en-minister-of-commerce", "en-name-comma-title", "en-said-name-title"],
)
def test_titled_persons(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.text, title) for m, title, span in person_titles(text)]
    assert found == expected
    for m, title, (a, b) in person_titles(text):
        assert text[a:b] == title and m.type == "Person"


@pytest.mark.parametrize(
    "text",
    ["董事长职务由总裁办公室负责", "局长于日前表示", "The President of China said", "CEO Acme Holdings announced",
     "张三表示同意"],
    ids=["zh-title-then-office", "zh-surname-like-preposition", "en-title-without-name",
         "en-title-then-company", "zh-name-without-title"],
)
def test_no_person_without_title_and_name(text: str) -> None:
    assert person_titles(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平台发布《1688商家服务管理规范》，", {"1688商家服务管理规范"}),
        ("《多渠道分销及销售市场管理规范》将于生效", {"多渠道分销及销售市场管理规范"}),
        ("修订《\n1688\n官方直送-物流服务商服务内容及服务标准-货运》", {"1688\n官方直送-物流服务商服务内容及服务标准-货运"}),
        ("“新灯塔考核体系”上线", {"新灯塔考核体系"}),
        ("The EU Digital Markets Act applies", {"EU Digital Markets Act"}),
        ("under the E-Commerce Law of China", {"E-Commerce Law"}),
    ],
    ids=["zh-book-title", "zh-book-long", "zh-book-with-newlines", "zh-quoted-system", "en-act", "en-law"],
)
def test_policies(names: NamesExtractor, text: str, expected: set[str]) -> None:
    assert expected <= _of_type(names, text, "Policy")


@pytest.mark.parametrize(
    "text",
    ["3月8日消息，《商报》获悉，", "据《人民日报》报道", "《电商报》记者了解到", "《三体》热销", "1688发布通知"],
    ids=["outlet-huoxi", "outlet-daily", "outlet-bao", "book-not-rule", "announcement-not-policy"],
)
def test_not_policies(names: NamesExtractor, text: str) -> None:
    assert _of_type(names, text, "Policy", _platforms(text)) == set()


def test_rule_name_after_platform(names: NamesExtractor) -> None:
    text = "1688新灯塔考核体系是平台建立的标准"
    assert _of_type(names, text, "Policy", _platforms(text)) == {"新灯塔考核体系"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("店小蜜1688版本已于3月1日起调整", {"店小蜜1688版本"}),
        ("关于“1688工业品”APP在应用市场下线的通知", {"1688工业品"}),
        ("发布关于“供应等级”下线的通知", {"供应等级"}),
        ("1688将停止采源宝APP服务", {"采源宝"}),
        ("月卡升级为PLUS会员", {"PLUS会员"}),
        ("1688买家保障服务升级", {"买家保障服务"}),
        ("加入“双保计划”的商家", {"双保计划"}),
        ("the InPost Mobile app has 9.3 million users", {"InPost Mobile"}),
    ],
    ids=["zh-platform-version", "zh-quoted-app", "zh-quoted-offline", "zh-app-after-verb", "latin-membership",
         "zh-platform-service", "zh-quoted-plan", "en-app"],
)
def test_services(names: NamesExtractor, text: str, expected: set[str]) -> None:
    assert expected <= _of_type(names, text, "Service", _platforms(text))


@pytest.mark.parametrize(
    "text",
    ["1688会员服务", "开通VIP会员", "“会员服务”上线", "1688买家保障服务费", "The app crashed", "版本更新"],
    ids=["zh-member-service", "zh-vip", "zh-quoted-generic", "zh-service-fee", "en-the-app", "zh-version-alone"],
)
def test_generic_services_are_dropped(names: NamesExtractor, text: str) -> None:
    assert _of_type(names, text, "Service", _platforms(text)) == set()


def test_platform_version_replaces_the_platform_inside(names: NamesExtractor) -> None:
    text = "店小蜜1688版本已于"
    new, replaced = names.find(text, _platforms(text))
    assert [m.text for m in new] == ["店小蜜1688版本"] and [m.text for m in replaced] == ["1688"]


# --- word lists ------------------------------------------------------------------------


@pytest.fixture
def lexicon_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of kg/lexicons with the loaders pointed at it."""
    import shutil

    from kg import lexicons

    dst = tmp_path / "lexicons"
    shutil.copytree(lexicons.LEXICON_DIR, dst, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(lexicons, "LEXICON_DIR", dst)
    monkeypatch.setattr(names_common, "LEXICON_DIR", dst)
    names_common.names_lexicon.cache_clear()
    yield dst
    names_common.names_lexicon.cache_clear()


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("zh_org_suffixes.tsv", "公司\tCompany", "expected 3"),
        ("zh_org_suffixes.tsv", "公司\tFirm\tstrong", "unknown entity type"),
        ("zh_org_suffixes.tsv", "公司\tCompany\tmedium", "strength"),
        ("collectives.tsv", "fr\tvendeurs\tCompany", "language"),
        ("surnames_zh.txt", "王 李", "one word per line"),
    ],
    ids=["tsv-columns", "tsv-type", "tsv-strength", "collective-lang", "two-words-on-a-line"],
)
def test_bad_word_list_names_file_and_line(lexicon_copy: Path, file: str, line: str, message: str) -> None:
    path = lexicon_copy / "names" / file
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as err:
        names_common.names_lexicon()
    assert file in str(err.value) and re.search(r":\d+:", str(err.value))


def test_bad_json_key_names_file(lexicon_copy: Path) -> None:
    path = lexicon_copy / "names" / "titles.json"
    path.write_text('{"zh": "部长"}', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"titles\.json"):
        names_common.names_lexicon()


def test_every_shipped_list_loads() -> None:
    lex = names_common.names_lexicon()
    assert lex.zh_suffixes and lex.surnames and lex.places and "首页" in lex.stoplist
    assert all(len(s) == 1 or len(s) == 2 for s in lex.surnames)


@pytest.mark.parametrize("text,expected,absent", [
    ("The guiding unit, the Lotus Street of Binhai District, supported the fair.", "Lotus Street", None),
    ("Officials of the Heping Subdistrict of Nankai County attended.", "Heping Subdistrict", None),
    ("Shares on Wall Street rose on Friday.", None, "Wall Street"),
    ("宿迁市宿城区幸福街道办事处组织了培训。", "宿迁市宿城区幸福街道办事处", None),
], ids=["en-street-of-district", "en-subdistrict-of-county", "en-street-alone-is-not-government",
        "zh-jiedao-banshichu"])
def test_names_local_government_offices(names: NamesExtractor, text: str, expected: str | None,
                                        absent: str | None) -> None:
    found = _of_type(names, text, "GovernmentBody")
    if expected is not None:
        assert expected in found
    if absent is not None:
        assert absent not in found


@pytest.mark.parametrize("text,long,short,count", [
    ("某某交易委员会（以下简称“某交会”）宣布处罚。某交会表示将继续监管。", "某某交易委员会", "某交会", 2),
    ("某某交易委員會（簡稱某交會）宣布處罰。", "某某交易委員會", "某交會", 1),
    ("某某交易委员会(“某交会”)今日宣布。", "某某交易委员会", "某交会", 1),
    ('The Northern Trade Commission (hereinafter "NTCX") fined a seller. The NTCX said more would come.',
     "Northern Trade Commission", "NTCX", 2),
], ids=["zh-yixia-jiancheng-quoted", "zh-traditional-jiancheng-bare", "zh-quoted-only", "en-hereinafter"])
def test_names_alias_in_parentheses_is_the_same_entity(text: str, long: str, short: str, count: int) -> None:
    name = Mention(long, text.index(long), text.index(long) + len(long), "GovernmentBody", key="gov-x")
    found = alias_mentions(text, [name])
    assert [m.text for m in found] == [short] * count
    assert all(m.type == "GovernmentBody" and m.key == "gov-x" for m in found)


def test_names_alias_needs_a_marker_or_quotes() -> None:
    text = "某某交易委员会（北京）今日宣布。"
    name = Mention("某某交易委员会", 0, 7, "GovernmentBody")
    assert alias_mentions(text, [name]) == []


@pytest.mark.parametrize("text,expected,absent", [
    ("甲平台将于9月12日起升级买家保障服务。", "买家保障服务", None),
    ("该平台上线了极速退款服务，用户可在订单页使用。", "极速退款服务", None),
    ("甲平台将升级物流服务。", None, "物流服务"),
    ("乙平台推出售后服务。", None, "售后服务"),
], ids=["zh-upgrade-distinctive-service", "zh-online-distinctive-service", "zh-upgrade-generic-service",
        "zh-launch-generic-service"])
def test_names_service_after_launch_verb(names: NamesExtractor, text: str, expected: str | None,
                                         absent: str | None) -> None:
    found = _of_type(names, text, "Service")
    if expected is not None:
        assert expected in found
    if absent is not None:
        assert absent not in found
