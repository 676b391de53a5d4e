"""Per-process caches of the extractors give the same answers as the uncached work and never
share mutable results between callers."""
from __future__ import annotations

from kg.extract.mentions.names_common import _jieba, cut


def test_cut_is_jiebas_cut_and_each_caller_gets_its_own_list() -> None:
    span = "发布关于店小蜜1688版本"
    first = cut(span)
    assert first == _jieba().lcut(span, HMM=True)
    first.append("x")  # a caller that edits its tokens must not change the next caller's
    assert cut(span) == _jieba().lcut(span, HMM=True)


def test_normalize_of_short_and_long_strings_folds_the_same_way() -> None:
    from kg.text import _normalize, normalize

    short, long = "ＡＭＡＺＯＮ  Inc’s", "Ｘ" * 200 + "  People’s Daily "
    assert normalize(short) == normalize(short) == _normalize(short) == "amazon inc's"
    assert normalize(long) == _normalize(long) == "x" * 200 + " people's daily"
