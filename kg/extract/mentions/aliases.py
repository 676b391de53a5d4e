"""Short forms a text introduces for a name: "公平交易委员会（以下简称“公平会”）".

The short form names the same entity, so it becomes a mention of the same type (and the same
gazetteer key, when the long name has one) there and wherever it recurs in the document. A
deictic short form (本公司, 该公司: it opens with a generic head) of a name the gazetteer does not
know carries the long name as its text (its span
stays the short form's), so it resolves to the same entity: "优品汇控股有限公司（「本公司」）"
makes every later 本公司 a mention of 优品汇控股有限公司, and later steps see a normal mention. The
markers live in `kg/lexicons/names/aliases.json`.
English news defines an organisation's abbreviation in bare parentheses: "Central Consumer
Protection Authority (CCPA)"; capital letters that spell the name's initials in order (a
lower-case "of" or one capitalised word may be skipped: "US Department of Justice (DOJ)") are
its short form too. Capitals that are no initials after a company are its ticker ("Quarry
Dynamics Corp (QDY)", "Vendora (NYSE: VND)"): a short form of the company as well, not a name of
its own; after another organisation, or when they are a place ("(UK)"), they are nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from ...errors import LexiconError
from ...lexicons import LEXICON_DIR, load_json
from ...model import Mention
from ..patterns import alternation
from .names_common import HAN, HAN_CHAR, names_lexicon


@lru_cache(maxsize=1)
def _role_forms() -> frozenset[str]:
    """Short forms naming a party's role (目标公司, 发行人): they carry the long name, like 本公司."""
    forms = load_json("names/aliases.json").get("role_forms", [])
    if not isinstance(forms, list) or not all(isinstance(w, str) and w for w in forms):
        raise LexiconError(f"{LEXICON_DIR / 'names/aliases.json'}: 'role_forms' must list non-empty strings")
    return frozenset(forms)


_START = attrgetter("start")  # (a sort key read in C: no Python call per mention)
_OPEN, _CLOSE = "“\"「『‘'", "”\"」』’'"


@lru_cache(maxsize=1)
def alias_pattern() -> re.Pattern[str]:
    """The parenthesis after a name that introduces its short form (group "q" quoted, "b" bare)."""
    rel = "names/aliases.json"
    data = load_json(rel)
    markers = data.get("markers") if isinstance(data, dict) else None
    if not isinstance(markers, list) or not all(isinstance(w, str) and w for w in markers):
        raise LexiconError(f"{LEXICON_DIR / rel}: 'markers' must list non-empty strings")
    size = data.get("max_len")
    if not isinstance(size, int) or size < 2:
        raise LexiconError(f"{LEXICON_DIR / rel}: 'max_len' must be an integer >= 2")
    words = alternation(markers)
    body = rf"[^\s{_OPEN}{_CLOSE}()（）,，。；;:：]{{2,{size}}}"
    # more quoted forms may follow the first: （以下简称“浙矿股份”、“发行人”或“公司”）
    more = rf"(?:\s*(?:、|,|，|或|和|及|or|and)\s*[{_OPEN}]{body}(?:\s{body})*[{_CLOSE}])*"
    return re.compile(
        rf"\s*[（(]\s*(?:(?:{words})\s*[:：,，]?\s*)?[{_OPEN}](?P<q>{body}(?:\s{body})*)[{_CLOSE}]{more}\s*[)）]"
        rf"|\s*[（(]\s*(?:{words})\s*[:：]?\s*(?P<b>{body})\s*[)）]",
        re.IGNORECASE,
    )


_ACRONYM = re.compile(r"\s?\(\s*(?P<a>[A-Z][A-Z&]{1,7})\s*\)")
_TICKER = re.compile(r"\s?\(\s*(?:[A-Z]{2,6}\s*:\s*)?(?P<a>[A-Z]{2,5})\s*\)")
_ORG_TYPES = frozenset({"Company", "Organization", "Platform", "GovernmentBody"})


def is_acronym(short: str, name: str) -> bool:
    """True when the capitals of `short` are the initials of `name`'s words in order; lower-case
    words ("of", "and") and at most one capitalised word may be left out."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    letters = [c for c in short if c != "&"]
    if len(letters) < 2 or len(words) < 2:
        return False

    def match(i: int, j: int, skipped: int) -> bool:
        if i == len(letters):
            return skipped + sum(w[0].isupper() for w in words[j:]) <= 1
        if j == len(words):
            return False
        if words[j][0].upper() == letters[i] and match(i + 1, j + 1, skipped):
            return True
        return match(i, j + 1, skipped + words[j][0].isupper()) if skipped + words[j][0].isupper() <= 1 else False

    return match(0, 0, 0)


def defined_acronym(text: str, m: Mention) -> str | None:
    """The abbreviation an organisation's name defines in bare parentheses right after it, or a
    company's ticker there."""
    hit = _ACRONYM.match(text, m.end) if m.type in _ORG_TYPES else None
    if hit and is_acronym(hit.group("a"), m.text):
        return hit.group("a")
    ticker = _TICKER.match(text, m.end) if m.type in ("Company", "Platform") else None
    if ticker is None or ticker.group("a") in _place_words():
        return None
    return ticker.group("a")


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Places written in capitals ("UK", "US"): "Vendora (UK)" names the unit's country, no ticker."""
    from .ner.lexicon import ner_lexicon

    return ner_lexicon().en_place_words | {"US", "USA", "UK", "EU", "UAE", "HK", "PRC"}


def alias_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of every short form introduced after a mention, never overlapping existing ones."""
    pat = alias_pattern()
    spans = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for m in sorted(mentions, key=_START):
        after = text[m.end : m.end + 1]
        if after and after not in "(（" and not after.isspace():
            continue  # every form opens with a parenthesis, spaces aside: none follows
        hit = pat.match(text, m.end)
        if hit is not None and hit.group("q"):
            shorts = _QUOTED.findall(hit.group(0))  # each form of a list (“浙矿股份”、“发行人”或“公司”)
        else:
            short = hit.group("b") if hit else defined_acronym(text, m)
            shorts = [short] if short is not None else []
        for short in shorts:
            if short == m.text:
                continue
            # 本公司, 该公司, 目标公司: no name of its own
            deictic = hit is not None and m.key is None and (names_lexicon().plain_words(short) or short in _role_forms())
            out.extend(_occurrences(text, short, m, deictic, spans, "names:alias", 0.8))
    return out


def brand_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """A brand written right before its legal name in parentheses ("HIFIVE（成都某某科技有限公司）",
    "嗨翻屋（成都嗨翻屋科技有限公司）") names the same company, there and wherever it recurs. A Latin
    brand is the word before the parenthesis; a Chinese one the longest run before it (two
    characters or more) that the legal name holds."""
    spans = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    lex = names_lexicon()
    for m in mentions:
        if m.type != "Company" or not m.text.endswith(_LEGAL_FORMS) or m.start < 2 or text[m.start - 1] not in "（(" \
                or text[m.end : m.end + 1] not in ("）", ")"):
            continue
        end = m.start - 1
        latin = _LATIN_BRAND.search(text, max(0, end - 40), end)
        if latin:
            start = latin.start()
            if start and text[start - 1] in " \t,":
                continue  # "… Co., Ltd. (成都某某有限公司)": the end of an English name, no brand
        else:
            start = next((k for k in range(max(0, end - 12), end - 1)
                          if text[k:end] in m.text and _HAN_RUN.fullmatch(text, k, end)), end)
        brand = text[start:end]
        if end - start < 2 or lex.plain_words(brand) or lex.is_stopped(brand):
            continue  # 公司（成都某某科技有限公司）: a generic word, no brand
        out.extend(_occurrences(text, brand, m, False, spans, "names:brand", 0.75))
    return out


def _occurrences(text: str, short: str, m: Mention, deictic: bool, spans: list[tuple[int, int]], rule: str,
                 confidence: float) -> list[Mention]:
    """A mention of `m` at every place `short` stands in `text` outside the names found so far (`spans`,
    extended): a Latin form as a whole word, a deictic form of two characters not inside a longer word."""
    out = []
    for occ in re.finditer(re.escape(short), text):
        a, b = occ.span()
        if re.match(r"[A-Za-z0-9]", short) and (text[a - 1 : a].isalnum() or text[b : b + 1].isalnum()):
            continue
        if any(s < b and a < e for s, e in spans):
            continue
        if deictic and len(short) <= 2 and a and HAN_CHAR.match(text, a - 1):
            continue  # 公司 for the issuer, but not inside 子公司 or 其他公司
        out.append(Mention(m.text if deictic else short, a, b, m.type, key=m.key, extractor=rule,
                           confidence=confidence, extra_types=m.extra_types, alias_of=None if deictic or m.key else m.text))
        spans.append((a, b))
    return out


_LEGAL_FORMS = ("有限公司", "有限責任公司", "有限责任公司", "股份公司")
_LATIN_BRAND = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9&.\-]{1,30}\Z")
_HAN_RUN = re.compile(f"[{HAN}]+")
_QUOTED = re.compile(rf"[{_OPEN}]([^{_OPEN}{_CLOSE}]+)[{_CLOSE}]")
