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


def test_service_patterns_find_the_same_with_and_without_their_first_character_guard() -> None:
    import re

    from kg.extract.mentions.services import ServiceFinder

    s = ServiceFinder()
    texts = [
        "Parcel Plus, its same-day delivery service, opened in Lyon. Sellers use a service called Parcel Plus.",
        "eBay will close its Promoted Stores Basic subscription and retire the Brand Pulse Lite analytics tool.",
        "商家可在“店小蜜”APP上开通PLUS会员，Grocery Hub app 上线。",
    ]
    guard = re.compile(r"\(\?=\[[^\]]*\]\)")
    hits = 0
    for name in ("_en_appos", "_en_life", "_en_stop"):
        scan = getattr(s, name)  # a compiled pattern, or a WordLed / WordGated around one
        pattern = scan if isinstance(scan, re.Pattern) else scan.pattern
        bare = re.compile(guard.sub("", pattern.pattern, count=1), pattern.flags)
        assert bare.pattern != pattern.pattern  # the guard is there, and removing it changes nothing found
        for text in texts:
            found = [(m.span(), m.groupdict()) for m in scan.finditer(text)]
            assert found == [(m.span(), m.groupdict()) for m in bare.finditer(text)]
            hits += len(found)
    assert hits >= 3
    # the service-word pattern begins with a set instead of its guard: the plain form finds the same
    from kg.extract.mentions.names_common import UP
    from kg.extract.patterns import alternation

    words = alternation(s.lex.services["en_words"])
    plain = re.compile(rf"(?=[{UP}])\b((?:[{UP}][\w'’\-]*)(?: [{UP}][\w'’\-]*){{0,3}}) (?:{words})\b")
    for text in texts:
        assert [(m.span(), m.groups()) for m in s._en.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]
    # the apposition forms scanned apart give the alternation's matches
    overlapping = "Zap Pay, its payment service called Zip Go, is new; a tool named Bolt"  # the second form inside the first
    for text in [*texts, "a feature called Zap Pay, its payment service, Zap Pay, the service called Zip", overlapping]:
        split = [(g, m.span(), m.group(g)) for g, m in s._en_appos_matches(text)]
        whole = [("n" if m.group("n") else "c", m.span(), m.group("n") or m.group("c")) for m in s._en_appos.finditer(text)]
        assert split == whole
    assert [g for g, _ in s._en_appos_matches(overlapping)] == ["n", "c"]


def test_strip_org_suffix_of_short_and_long_names_is_the_uncached_answer() -> None:
    from kg.text import _strip_org_suffix, strip_org_suffix

    for name in ("阿里巴巴集团控股有限公司", "PDD Holdings Inc.", "阿里巴巴（中国）有限公司", "有限公司",
                 "Northwind " * 12 + "Retail Inc."):
        assert strip_org_suffix(name) == strip_org_suffix(name) == _strip_org_suffix(name)
    assert strip_org_suffix("PDD Holdings Inc.") == "PDD"
