"""What the name finders share: the candidate type, their word lists, and a quiet jieba.

All word lists live in `kg/lexicons/names/` (see its README) and are read and checked once;
a malformed file raises `LexiconError` naming the file and line, so a researcher's edit is
reported where it was made.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...errors import LexiconError
from ...lexicons import LEXICON_DIR, load_json, load_lines, load_tsv, load_words
from ...model import ENTITY_TYPES
from ...text import HAN_CLASS, normalize
from ..word_led import ProbeGroup

NAMES_DIR = "names"
# the word-led patterns of the name rules look for their words in one pass over a text
NAME_PROBES = ProbeGroup()
_STRENGTHS = ("strong", "weak")


@dataclass(frozen=True)
class Candidate:
    """A discovered name before overlap checks; `subsumes` lets it replace contained known names."""

    start: int
    end: int
    type: str
    rule: str
    confidence: float
    subsumes: bool = False


@dataclass(frozen=True)
class NamesLexicon:
    """Every word list the name rules use, validated."""

    zh_suffixes: tuple[tuple[str, str, bool], ...]  # (suffix, type, strong)
    left_stops: frozenset[str]
    generic_heads: frozenset[str]
    places: frozenset[str]
    right_ok: frozenset[str]
    right_strong: frozenset[str]  # after these only an organisation stands (领投): a weak name needs no rare word
    right_never: tuple[str, ...]  # 杯, 锦标赛: after a suffix they make it part of a longer noun (商会杯)
    collectives: dict[str, dict[str, str]]  # lang -> noun -> type
    lists: dict[str, Any]
    stoplist: frozenset[str]  # normalised
    surnames: frozenset[str]
    titles: dict[str, Any]
    policies: dict[str, Any]
    services: dict[str, Any]
    en_orgs: dict[str, Any]
    name_verbs: frozenset[str] = frozenset()  # 扩张, 加密: never inside a weak-suffix name
    # made at its first read by `longest_place` (a compiled class has no cached_property)
    _longest_place: int | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_longest_place", None)  # compiled, a field's class default is not read

    @property
    def longest_place(self) -> int:
        """Length of the longest place name: a name's prefixes longer than it are never places."""
        value = self._longest_place
        if value is None:
            value = max(map(len, self.places), default=0)
            object.__setattr__(self, "_longest_place", value)  # (a frozen dataclass)
        return value

    def plain_words(self, span: str) -> bool:
        """True when a short span holds a verb or particle (发布通知, 工业品的相关服务) or starts generic."""
        toks = [tok for tok in cut(span) if tok.strip()]
        return not toks or toks[0] in self.generic_heads or any(
            tok in self.left_stops for tok in toks
        )

    def is_stopped(self, name: str) -> bool:
        """True for page chrome, generic words and names without a letter."""
        norm = normalize(name)
        return norm in self.stoplist or not any(map(str.isalpha, norm)) or len(norm) < 2


def _where(rel: str, line: int | None = None) -> str:
    path = LEXICON_DIR / rel
    return f"{path}:{line}" if line is not None else str(path)


def _type(value: str, rel: str, line: int) -> str:
    if value not in ENTITY_TYPES:
        raise LexiconError(f"{_where(rel, line)}: unknown entity type {value!r}; valid: {', '.join(ENTITY_TYPES)}")
    return value


def _zh_suffixes() -> tuple[tuple[str, str, bool], ...]:
    rel = f"{NAMES_DIR}/zh_org_suffixes.tsv"
    out = []
    for no, (suffix, typ, strength) in load_tsv(rel, columns=3):
        if strength not in _STRENGTHS:
            raise LexiconError(f"{_where(rel, no)}: strength must be 'strong' or 'weak', not {strength!r}")
        out.append((suffix, _type(typ, rel, no), strength == "strong"))
    return tuple(sorted(out, key=lambda s: -len(s[0])))


def _collectives() -> dict[str, dict[str, str]]:
    rel = f"{NAMES_DIR}/collectives.tsv"
    out: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    for no, (lang, noun, typ) in load_tsv(rel, columns=3):
        if lang not in out:
            raise LexiconError(f"{_where(rel, no)}: language must be 'zh' or 'en', not {lang!r}")
        out[lang][noun if lang == "zh" else noun.lower()] = _type(typ, rel, no)
    return out


def _json(name: str, required: dict[str, type]) -> dict[str, Any]:
    rel = f"{NAMES_DIR}/{name}"
    data = load_json(rel)
    if not isinstance(data, dict):
        raise LexiconError(f"{_where(rel)}: expected a JSON object")
    for key, kind in required.items():
        value = data.get(key)
        if not isinstance(value, kind):
            raise LexiconError(f"{_where(rel)}: key {key!r} missing or not a {kind.__name__}")
        if isinstance(value, list) and not all(isinstance(v, str) and v for v in value):
            raise LexiconError(f"{_where(rel)}: {key!r} must list non-empty strings")
    return data


def _words(name: str) -> frozenset[str]:
    rel = f"{NAMES_DIR}/{name}"
    for no, word in load_lines(rel):
        if "\t" in word or " " in word.strip():
            raise LexiconError(f"{_where(rel, no)}: one word per line expected, found {word!r}")
    return frozenset(load_words(rel))


@lru_cache(maxsize=1)
def names_lexicon() -> NamesLexicon:
    """Load and check every list in `kg/lexicons/names/` (cached: built once per process)."""
    stop = {normalize(w) for w in load_words(f"{NAMES_DIR}/stoplist.txt")}
    stop |= {normalize(w) for w in load_words("generic_words.txt")}
    lists = _json("list_triggers.json", {
        "zh_closers": list, "zh_joiners": list, "zh_quantifiers": str,
        "en_openers": list, "en_actions": list, "en_joiners": list,
    })
    try:
        re.compile(lists["zh_quantifiers"])
    except re.error as err:
        raise LexiconError(f"{_where(NAMES_DIR + '/list_triggers.json')}: bad zh_quantifiers regex: {err}") from err
    return NamesLexicon(
        zh_suffixes=_zh_suffixes(),
        left_stops=_words("zh_left_stops.txt"),
        generic_heads=_words("zh_generic_heads.txt"),
        places=_words("places_zh.txt"),
        right_ok=_words("zh_name_right_ok.txt"),
        right_strong=_words("zh_name_right_strong.txt"),
        right_never=tuple(_words("zh_name_right_never.txt")),
        collectives=_collectives(),
        lists=lists,
        stoplist=frozenset(stop),
        surnames=_words("surnames_zh.txt"),
        titles=_json("titles.json", {
            "zh": list, "en_before": list, "en_after": list, "zh_after_name": list, "zh_given_stop": str,
            "zh_appoint_verbs": list,
        }),
        policies=_json("policies.json", {
            "zh_suffixes": list, "outlet_suffixes": list, "outlet_followers": list,
            "en_suffixes": list, "en_connectors": list, "after_platform_suffixes": list,
        }),
        services=_json("services.json", {
            "quoted_followers": list, "quoted_about_followers": list, "app_words": list, "heads": list,
            "version_words": list, "version_blockers": str, "generic": list, "en_words": list,
            "launch_verbs": list, "en_heads": list, "en_head_blockers": list, "en_naming_words": list,
            "en_lifecycle_verbs": list, "en_tier_words": list,
        }),
        en_orgs=_json("en_orgs.json", {
            "company_suffixes": list, "organization_suffixes": list, "government_heads": list,
            "connectors": list, "start_stops": list, "name_stops": list, "local_heads": list,
            "local_parents": list,
        }),
        name_verbs=_words("zh_name_verbs.txt"),
    )


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def cut(span: str) -> list[str]:
    """jieba tokens of a short span (never call on whole documents: ~0.7 MB/s). The rules cut the
    same few characters around suffixes and platform names again and again (within a document and
    across a corpus), so the tokens of each span are remembered; the caller gets its own list."""
    return list(_cut(span))


@lru_cache(maxsize=1 << 16)
def _cut(span: str) -> tuple[str, ...]:
    return tuple(_jieba().lcut(span, HMM=True))


def jieba_freq() -> dict[str, int]:
    """jieba's dictionary word counts (how common a word is in general Chinese)."""
    return _jieba().dt.FREQ


COMMON_WORD_FREQ = 200  # jieba dictionary count above which a word is too common to name a firm


def is_rare(word: str) -> bool:
    """True for a word too uncommon in general Chinese to be an ordinary word (吉时达 yes, 发展 no)."""
    return jieba_freq().get(word, 0) < COMMON_WORD_FREQ


def has_rare_word(words: Iterable[str]) -> bool:
    """True when one of `words` is a single character or rare: what makes a run of words a name."""
    return any(len(w) == 1 or is_rare(w) for w in words)


def word_ends_at(text: str, end: int, start: int | None = None) -> bool:
    """True when jieba puts a word boundary at `end` (服务|升级 yes, 服务费 no); with `start`, the
    text is cut from there (a descriptor at `start` is then a word of its own: 服务|商家 no)."""
    if end <= 0 or end >= len(text):
        return True
    lo = max(0, end - 2) if start is None else start
    pos = lo
    for tok in cut(text[lo : end + 2]):
        pos += len(tok)
        if pos >= end:
            return pos == end
    return True


HAN = HAN_CLASS  # the Han ranges of the name rules
# Latin letters with accents (PagaFácil, Tomás, SÃO PAULO): names are not ASCII-only.
# UP: capitals that start a name; LOW: letters after it; LATIN: any Latin letter.
UP = "A-Z\u00c0-\u00d6\u00d8-\u00de"
LOW = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
LATIN = UP + LOW
NAME_CHARS = re.compile(rf"[{HAN}{LATIN}0-9·]")
HAN_CHAR = re.compile(f"[{HAN}]")  # one Han character (the name rules' test of a text or a place)
_HAN_SEARCH = HAN_CHAR.search
_HAN_SEEN: list[tuple[str | None, bool]] = [(None, False)]  # the text last asked about and the answer


def has_han(text: str) -> bool:
    """True when `text` holds a Han character: a rule whose every match holds one (a list of Chinese
    words) skips an English text instead of scanning it. Kept for the text last asked about: every
    rule of a step reads the same document in turn."""
    last = _HAN_SEEN[0]  # read once: it is replaced whole
    if last[0] is text:
        return last[1]
    found = not text.isascii() and _HAN_SEARCH(text) is not None  # isascii reads a flag: no scan
    _HAN_SEEN[0] = (text, found)
    return found


def all_han(words: Iterable[str]) -> bool:
    """True when every word holds a Han character (then a match of their alternation needs `has_han`)."""
    return all(_HAN_SEARCH(w) is not None for w in words)


class Prefixes:
    """`text.startswith(words, i)` for a long tuple of words, asking only the words that begin with
    the character at `i` (str.startswith compares every word of a tuple in turn)."""

    def __init__(self, words: Iterable[str]) -> None:
        by_first: dict[str, list[str]] = {}
        for w in words:
            if not w:
                raise ValueError("an empty word begins everywhere")
            by_first.setdefault(w[0], []).append(w)
        self._by_first = {c: tuple(ws) for c, ws in by_first.items()}

    def at(self, text: str, i: int) -> bool:
        """True when one of the words begins at `i` (0 <= i)."""
        return i < len(text) and text.startswith(self._by_first.get(text[i], ()), i)

    def starting(self, text: str, i: int) -> tuple[str, ...]:
        """The words that may begin at `i` (those beginning with its character), in the order given."""
        return self._by_first.get(text[i], ()) if i < len(text) else ()


def first_not_after(first: str, before: str) -> str:
    """A regex for one character of class `first` that no character of class `before` precedes:
    `(?<![before])[first]` with the look-behind moved after the character, so the pattern begins
    with a character set. re then skips every position outside `first` in one quick scan, where a
    leading look-behind makes it try the whole pattern at every position of the text."""
    return f"[{first}](?<![{before}][{first}])"


def sentence_start(text: str, pos: int) -> bool:
    """True when `pos` begins a sentence or line, where any word is capitalised."""
    before = text[max(0, pos - 3) : pos].rstrip(" \t\"“'‘(")
    return not before or before[-1] in ".!?\n。！？:：" or pos - len(text[:pos].rstrip()) == pos
