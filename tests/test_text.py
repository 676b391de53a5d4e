from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text import _WIDE_FOLD, _nfkc, cjk_ratio, fold_with_offsets, is_cjk, normalize, sentences, strip_org_suffix


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＭＡＺＯＮ", "amazon"),
        ("  Alibaba \n Group ", "alibaba group"),
        ("People’s Daily", "people's daily"),
        ("京东　物流", "京东 物流"),
        ("ＪＤ．ｃｏｍ", "jd.com"),
    ],
    ids=["fullwidth", "whitespace", "curly-apostrophe", "ideographic-space", "fullwidth-dot"],
)
def test_text_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw", ["Straße ㈱ x", "ＡＢ  c\n\nd", "e\u0301te", "plain text"], ids=["expanding", "runs", "combining", "ascii"]
)
def test_text_fold_offsets_point_into_source(raw: str) -> None:
    folded, src = fold_with_offsets(raw)
    assert len(src) == len(folded) + 1
    assert list(src) == sorted(src) and src[-1] == len(raw)
    assert all(0 <= i < len(raw) for i in src[:-1])


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("阿里巴巴集团控股有限公司", "阿里巴巴"),
        ("京东物流股份有限公司", "京东物流"),
        ("PDD Holdings Inc.", "PDD"),
        ("Sinopharm Group Co., Ltd.", "Sinopharm"),
        ("JD.com, Inc.", "JD.com"),
        ("阿里巴巴（中国）有限公司", "阿里巴巴"),
        ("集团", "集团"),
        ("Apple", "Apple"),
    ],
    ids=["zh-group-holding", "zh-joint-stock", "en-holdings", "en-co-ltd", "en-inc", "zh-region", "only-suffix", "none"],
)
def test_text_strip_org_suffix(name: str, core: str) -> None:
    assert strip_org_suffix(name) == core


def test_text_cjk() -> None:
    assert is_cjk("京") and is_cjk("〇") and not is_cjk("a") and not is_cjk("，")
    assert cjk_ratio("京东 JD") == 0.5
    assert cjk_ratio("123") == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("京东发布公告。据悉，抖音电商？好的！", ["京东发布公告。", "据悉，抖音电商？", "好的！"]),
        ("Users reached 9.3 million. The U.S. market grew.", ["Users reached 9.3 million.", "The U.S. market grew."]),
        ("Sinopharm Co. Ltd. said so. Mr. Wang left.", ["Sinopharm Co. Ltd. said so.", "Mr. Wang left."]),
        ("He said \"ok.\" Then 京东 agreed.", ["He said \"ok.\"", "Then 京东 agreed."]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("Visit a.com/?q=1 now", ["Visit a.com/?q=1 now"]),
        ("抖音电商“收到”。京东", ["抖音电商“收到”。", "京东"]),
    ],
    ids=["zh", "en-number-abbrev", "en-co-mr", "en-quote", "newline", "url", "zh-closing-quote"],
)
def test_text_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentences(text)] == expected


def test_normalize_equals_the_folding_with_offsets() -> None:
    """normalize() folds without building the offset map; it must fold exactly alike."""
    from kg.text import fold_with_offsets, normalize

    for s in ["", " ", "  a  b ", "Straße", "ＡＭＡＺＯＮ  Inc", "杰夫・贝索斯", "a\u2019s\u2014b", "\t\nx  \u3000 y",
              "İstanbul", "ﬁne", "Ⅻ", "\u00a0x\u00a0\u00a0y", "阿里巴巴（中国）有限公司", "People’s  Daily\n"]:
        assert normalize(s) == fold_with_offsets(s)[0].strip()


_WIDE_OR_MARKED = st.text(st.sampled_from(
    ["，", "：", "Ａ", "ｚ", "０", "（", "）", "　", "\uff5e", "\uff01", "A", "a", ",", " ", "中", "\u0301", "\u0308",
     "\u20dd", "ｶ", "\u3099", "ﬁ", "㈱", "\u00a0", "\n"]), max_size=30)


@given(_WIDE_OR_MARKED)
def test_full_width_forms_folded_first_give_nfkc_answer(text: str) -> None:
    """The shortcut before NFKC (full-width ASCII forms and the ideographic space replaced first) must not
    change NFKC's answer, even beside combining marks."""
    assert _nfkc(text) == unicodedata.normalize("NFKC", text)
    assert len(_nfkc(text)) == len(unicodedata.normalize("NFKC", text))


def test_full_width_fold_table_is_nfkc() -> None:
    for code, ascii_code in _WIDE_FOLD.items():
        assert unicodedata.normalize("NFKC", chr(code)) == chr(ascii_code)
