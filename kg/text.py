"""Text helpers shared by every stage: folding, core names, script detection, sentences.

One place for these rules keeps the gazetteer, the name finders and the resolver agreeing
on what "the same name" is (全角 ＡＭＡＺＯＮ = Amazon, "Alibaba  Group" = "alibaba group").
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Folds NFKC leaves alone but names are written both ways: curly apostrophes (People’s
# Daily), katakana/bullet middle dots used in Chinese transliterations (杰夫・贝索斯).
_EXTRA_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'",
    "\u30fb": "\u00b7", "\u2022": "\u00b7", "\u2027": "\u00b7", "\u2219": "\u00b7",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).casefold().translate(_EXTRA_FOLD)
    return " " if folded.isspace() else folded


_WHITESPACE = str.maketrans({c: " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"})
_SPACE_RUN = re.compile(r" {2,}")
_WHITESPACE_RE = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029]")
_EXTRA_RE = re.compile("[" + "".join(chr(c) for c in _EXTRA_FOLD) + "]")
# Full-width ASCII forms and the ideographic space, as NFKC writes them. A Chinese text holds
# full-width commas and colons, so it fails NFKC's quick check and the whole text is rebuilt;
# with these few replaced first (each decomposes to its ASCII form alone, so NFKC's answer is
# the same), most Chinese text passes the check and NFKC costs a quarter.
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000]+")
_WIDE_FOLD = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}


def _ascii_forms(m: re.Match[str]) -> str:
    return m.group().translate(_WIDE_FOLD)


def _nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, the full-width forms folded first (same answer, faster)."""
    return unicodedata.normalize("NFKC", _WIDE_RE.sub(_ascii_forms, text))


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """Fold `text` like `normalize` (without trimming) and map each folded char to its source.

    Returns `(folded, source)` where `source[i]` is the index in `text` of the character
    that produced `folded[i]`, plus one final entry `len(text)`, so a match
    `folded[a:b]` is `text[source[a]:source[b - 1] + 1]`. Whitespace runs fold to one space.
    Text whose folding keeps its length (nearly all news) takes a fast whole-string path, and
    when no space run is squeezed either, its map is the identity: a `range`, indexed like the
    list it stands for without building one (that list cost as much as the folding itself).
    """
    n = len(text)
    nf = _nfkc(text)
    if len(nf) == n:
        cf = nf.casefold()
        if _EXTRA_RE.search(cf):  # re.sub beats str.translate on long non-ASCII text
            cf = _EXTRA_RE.sub(lambda m: m.group().translate(_EXTRA_FOLD), cf)
        cf = _WHITESPACE_RE.sub(" ", cf)
        if len(cf) == n:
            if "  " not in cf:
                return cf, range(n + 1)
            keep = [True] * n  # drop every space that follows a space
            for m in _SPACE_RUN.finditer(cf):
                keep[m.start() + 1 : m.end()] = [False] * (m.end() - m.start() - 1)
            src = list(itertools.compress(range(n), keep))
            src.append(n)
            return _SPACE_RUN.sub(" ", cf), src
    return _fold_slow(text)


def _fold_slow(text: str) -> tuple[str, list[int]]:
    """Character-by-character folding for text where NFKC or casefolding changes lengths."""
    out: list[str] = []
    source: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if folded == " ":
            if prev_space:
                continue
            prev_space = True
        else:
            prev_space = False
        out.append(folded)
        source.extend([i] * len(folded))
    source.append(len(text))
    return "".join(out), source


def normalize(s: str) -> str:
    """NFKC width folding, casefolding, unified apostrophes/dots/dashes, collapsed whitespace.

    The folding of `fold_with_offsets` without its offset map, which most callers (names
    compared with names, many times per document) do not need. Names are folded again and
    again, so a short string's folding is remembered (a long one is folded each time: the
    cache must not hold whole texts)."""
    return _normalize_short(s) if len(s) <= _SHORT else _normalize(s)


_SHORT = 80


@lru_cache(maxsize=1 << 15)
def _normalize_short(s: str) -> str:
    return _normalize(s)


def _normalize(s: str) -> str:
    nf = _nfkc(s)
    if len(nf) == len(s):
        cf = nf.casefold()
        if _EXTRA_RE.search(cf):
            cf = _EXTRA_RE.sub(lambda m: m.group().translate(_EXTRA_FOLD), cf)
        cf = _WHITESPACE_RE.sub(" ", cf)
        if len(cf) == len(s):
            return (_SPACE_RUN.sub(" ", cf) if "  " in cf else cf).strip()
    return _fold_slow(s)[0].strip()


CJK_CLASS = "\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f\uf900-\ufaff\u3007"  # the characters `is_cjk` accepts


def is_cjk(ch: str) -> bool:
    """True for a Chinese (Han) ideograph, including extensions and compatibility forms."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2FA1F
        or 0xF900 <= cp <= 0xFAFF
        or cp == 0x3007  # 〇
    )


def cjk_ratio(s: str) -> float:
    """Share of Han characters among the letters of `s` (0.0 for text without letters)."""
    letters = [ch for ch in s if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if is_cjk(ch)) / len(letters)


def is_latin_word_char(ch: str) -> bool:
    """A character that continues a Latin word (letters, digits, '_' but not Han)."""
    return (ch.isalnum() or ch == "_") and not is_cjk(ch)


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    from .lexicons import load_words

    suffixes = sorted({normalize(s) for s in load_words("org_suffixes.txt")}, key=len, reverse=True)
    alts = "|".join(re.escape(s) for s in suffixes)
    # a Latin suffix must follow a separator ("Foo Inc."), a Chinese one may follow directly
    return re.compile(rf"(?:(?<=[\s,，.()])|(?<=[^\x00-\x7f]))(?:{alts})[\s.,，]*\Z")


def strip_org_suffix(s: str) -> str:
    """The core of an organisation name without legal-form or group suffixes.

    "阿里巴巴集团控股有限公司" -> "阿里巴巴", "PDD Holdings Inc." -> "PDD". The input's own
    spelling is kept; a name that is nothing but a suffix is returned unchanged. The same
    names are stripped again and again (each rule and the resolver ask), so a short name's
    core is remembered.
    """
    return _strip_short(s) if len(s) <= _SHORT else _strip_org_suffix(s)


@lru_cache(maxsize=1 << 14)
def _strip_short(s: str) -> str:
    return _strip_org_suffix(s)


def _strip_org_suffix(s: str) -> str:
    folded, source = fold_with_offsets(s)
    pattern = _suffix_pattern()
    end = len(folded)
    while True:
        m = pattern.search(folded, 0, end)
        if not m or m.start() == 0:
            break
        end = m.start()
        while end > 0 and folded[end - 1] in " ,，.(（":
            end -= 1
        if end == 0:
            return s.strip()
    core = s[: source[end - 1] + 1] if end < len(folded) else s
    core = re.sub(r"\s*[(（][^()（）]*[)）]\s*\Z", "", core.strip()) or core  # "阿里巴巴（中国）"
    return core.strip(" ,，")


# --- sentences -----------------------------------------------------------------------

_CLOSERS = re.escape("”’\"'」』）)]】》")
# Han ranges for regex character classes, one copy for the whole package:
# HAN_CLASS: extension A, the unified ideographs and the compatibility forms; HAN_BASIC: the unified ideographs alone.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_BASIC = r"\u4e00-\u9fff"  # as regex escapes, so patterns read as before
HAN_IDEOGRAPHS = r"\u3400-\u4dbf\u4e00-\u9fff"  # the unified ideographs (extension A too), no compatibility forms
_BOUNDARY = re.compile(
    r"(?=[。！？!?.\n])(?:"  # every branch starts with one of these: one test rejects most places at once
    rf"[。！？]+[{_CLOSERS}]*"  # Chinese terminators always end a sentence
    rf"|[!?]+[{_CLOSERS}]*(?=\s|\Z|[{HAN_CLASS}])"  # ASCII ones unless inside a token (URLs)
    rf"|\.[{_CLOSERS}]*(?=\s+[\"“‘(]?[A-Z{HAN_CLASS}])"  # ". " then a capital or Han
    rf"|(?<=[{HAN_CLASS}])\.(?=\s*[{HAN_CLASS}])"  # a Latin full stop used in Chinese
    rf"|\.[{_CLOSERS}]*\s*\Z"
    r"|\n)"
)
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+\Z")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from .lexicons import load_words

    return frozenset(load_words("abbreviations.txt"))


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start : dot + 1].lstrip("(\"“‘")
    return token in _abbreviations() or bool(_INITIALS.match(token))


_LAST_SENTENCES: tuple[str, tuple[tuple[int, int], ...]] | None = None  # the last text split, and its spans


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans `(start, end)` over `text`, trimmed of surrounding whitespace.

    Splits after 。！？!? and newlines, and after "." when a capital letter or a Han
    character follows a space; not inside numbers (9.3) or after abbreviations (Co., U.S.).
    Semicolons do not split: clauses joined by them usually share their actor.
    Several steps split the same document one after another (taggers, figures, events): the
    last answer is kept, so each text is split once.
    """
    global _LAST_SENTENCES
    last = _LAST_SENTENCES  # read once: another thread may replace it
    if last is not None and (last[0] is text or last[0] == text):
        return list(last[1])
    spans = _split(text)
    _LAST_SENTENCES = (text, tuple(spans))
    return spans


def _split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        _add_span(text, start, m.end(), spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
