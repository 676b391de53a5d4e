"""Matching keys: the one string under which every spelling of an entity meets.

Chinese and English spellings of one organisation meet through pinyin of the distinctive
head plus a canonical ending (中通冷链 / Zhongtong Cold Chain -> org:zhongtong|coldchain);
persons through surname-first pinyin (王文涛 / Wang Wentao -> person:wangwentao);
policies and services through their normalised written form.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import load_json
from ..text import normalize, strip_org_suffix
from .pinyin import lazy_pinyin_normal  # pypinyin's reading, without loading pypinyin (0.2 s)

ORG_GROUP = {"Organization", "Company", "Platform", "GovernmentBody"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_QUOTES = "《》〈〉“”\"'‘’「」『』【】()（）"
_EDGES = _QUOTES + " ,.;:，。；：、"  # what clean_name strips from a name's ends
def fold(text: str) -> str:
    """Width- and case-folded text with whitespace collapsed (the shared rule of kg.text)."""
    return normalize(text)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def clean_name(text: str) -> str:
    """The name without surrounding quotes, title marks or stray punctuation."""
    t = text.strip().strip(_EDGES).strip()
    return t or text.strip()


@lru_cache(maxsize=1)
def _suffix_table() -> list[tuple[str, str]]:
    """(surface, canonical) pairs, longest surface first."""
    data = load_json("resolve/suffixes.json")
    pairs = []
    for canonical, surfaces in data.items():
        if canonical.startswith("_"):
            continue
        for s in surfaces:
            pairs.append((_NON_WORD.sub("", fold(s)), canonical))
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _contractions() -> list[tuple[str, str]]:
    """(long form, short form) pairs, longest long form first (监督管理 -> 监管)."""
    data = load_json("resolve/contractions.json")
    return sorted(((fold(k), fold(v)) for k, v in data.items() if not k.startswith("_")), key=lambda p: -len(p[0]))


def _contract(text: str) -> str:
    for long, short in _contractions():
        text = text.replace(long, short)
    return text


def _compact(text: str) -> str:
    return _NON_WORD.sub("", text)


@lru_cache(maxsize=65536)
def syllables(text: str) -> tuple[str, ...]:
    """`lazy_pinyin_normal(text)`, read once per text: a person's name is read for its key
    (`pinyin`) and again for its English label (`person_pinyin_label`)."""
    return tuple(lazy_pinyin_normal(text))


@lru_cache(maxsize=65536)
def pinyin(text: str) -> str:
    """Toneless pinyin of the Han characters, other characters kept (lowercase, no spaces)."""
    return "".join(syllables(text)).casefold()


def org_key(name: str) -> str:
    """Key of an organisation name in any language."""
    base = _contract(_compact(fold(clean_name(strip_org_suffix(name.strip(_QUOTES + " "))))))
    ending = ""
    for surface, canonical in _suffix_table():
        if base.endswith(surface) and len(base) > len(surface):
            base, ending = base[: -len(surface)], canonical
            break
    head = pinyin(base) if has_cjk(base) else base
    return f"org:{_compact(head)}|{ending}"


def person_key(name: str) -> str:
    base = clean_name(name)
    head = pinyin(base) if has_cjk(base) else fold(base)
    return f"person:{_compact(head)}"


def work_key(kind: str, name: str) -> str:
    """Key of a policy or service: its written form, normalised (版本 -> 版, APP suffix dropped)."""
    t = _compact(fold(clean_name(name)))
    t = re.sub(r"版本$", "版", t)
    t = re.sub(r"(?<=.)(app|应用)$", "", t)
    return f"{kind.lower()}:{t}"


def mention_key(name: str, type_: str) -> str:
    """The resolution key of a name not known to the gazetteer."""
    if type_ in ORG_GROUP:
        return org_key(name)
    if type_ == "Person":
        return person_key(name)
    return work_key(type_, name)


def person_pinyin_label(name: str) -> str | None:
    """'Liu Feng' for 刘峰: surname-first romanisation as English news writes Chinese names."""
    base = clean_name(name)
    if not (2 <= len(base) <= 4) or not all(_CJK.match(c) for c in base):
        return None
    read = syllables(base)
    compound = len(base) == 4  # 欧阳文涛: two-character surname
    surname = "".join(read[:2] if compound else read[:1])
    given = "".join(read[2:] if compound else read[1:])
    return f"{surname.capitalize()} {given.capitalize()}"
