"""Chinese organisation names not in the gazetteer: by suffix, and as items of a list.

A suffix (有限公司, 商务局, 物流) fixes the right edge of a name; the left edge is the nearest
of a delimiter, a verb or preposition (清退, 由), or a place name that the name starts
with (深圳市商务局). jieba cuts only the few characters left of a suffix, so boundaries
fall between words and a document is never segmented whole.
"""
from __future__ import annotations

import re

from ...lexicons import load_words
from ..patterns import alternation
from .descriptors import desc_lexicon
from .names_common import (
    HAN,
    HAN_CHAR,
    Candidate,
    NamesLexicon,
    Prefixes,
    all_han,
    cut,
    has_han,
    has_rare_word,
    jieba_freq,
    names_lexicon,
    word_ends_at,
)

MAX_BODY = 12  # characters before a suffix that may belong to a name
MAX_LEGAL_BODY = 18  # before a legal form (有限公司): 宁波梅山保税港区某某投资管理 is one name
_DATE_LIKE = re.compile(r"\d+[年月日号]")
_ITEM = re.compile(rf"[{HAN}A-Za-z0-9·&.\- ]+\Z")
_PLACE_IN_PARENS = re.compile(rf"[（(](?P<p>[{HAN}]{{2,6}})[)）][{HAN}A-Za-z0-9]{{0,8}}\Z")
_QUOTES = "“”\"'‘’「」『』《》 \t\n"


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch in "·"


class ZhOrgFinder:
    """Organisation names ending in a known suffix; also `list_items` for enumerations."""

    def __init__(self, lexicon: NamesLexicon | None = None) -> None:
        # made at their first read by the properties below (a compiled class has no cached_property)
        self._lazy_gov_suffixes: tuple[str, ...] | None = None
        self._lazy_stock_code: re.Pattern[str] | None = None
        self._lazy_right_ok_at: Prefixes | None = None
        self._lazy_long_stop_set: frozenset[str] | None = None
        self._lazy_legal_words: frozenset[str] | None = None
        self._lazy_long_stops: tuple[str, ...] | None = None
        self._lazy_role_stops: tuple[str, ...] | None = None
        self._lazy_descriptors: frozenset[str] | None = None
        self._lazy_descriptor_heads: tuple[str, ...] | None = None
        self._lazy_role_stop_starts: re.Pattern[str] | None = None
        self._lazy_list_end: re.Pattern[str] | None = None
        self.lex = lexicon or names_lexicon()
        self._suffix_info = {s: (t, strong) for s, t, strong in self.lex.zh_suffixes}
        self._suffixes = re.compile(alternation(list(self._suffix_info)))
        self._suffixes_han = all_han(self._suffix_info)
        self._right_strong = tuple(self.lex.right_strong)  # (one startswith tests them all)

    def __call__(self, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        if self._suffixes_han and not has_han(text):  # every suffix holds a Han character: no name by suffix
            return self._stock_codes(text, out)
        for m in self._suffixes.finditer(text):
            typ, strong = self._suffix_info[m.group()]
            if text.startswith(self.lex.right_never, m.end()):
                continue  # 商会杯, 协会锦标赛: the suffix is inside the name of a cup or a tournament
            sure = strong or text.startswith(self._right_strong, m.end())
            if not sure and not self._right_ok(text, m.end()):
                continue  # (asked first: a look-up, where the tests below cut with jieba)
            start = self._left_edge(text, m.start(), typ, sure)
            if start is None:
                continue  # (asked before `_glued`, which seldom holds: it then cuts only for a name)
            if self._glued(text, m.start(), m.end()):
                continue  # 张江高科联合社|会资本: the suffix's last character begins the next word (社会)
            conf = 0.8 if strong else 0.6
            out.append(Candidate(start, m.end(), typ, "zh-suffix", conf, subsumes=True))
        return self._stock_codes(text, out)

    def _stock_codes(self, text: str, out: list[Candidate]) -> list[Candidate]:
        """优驿股份（300917.SZ）: a name before its share code is a listed company (added to `out`)."""
        for m in self._stock_code.finditer(text):
            start = self._left_edge(text, m.start(), "Company", True)
            if start is not None:
                out.append(Candidate(start, m.start(), "Company", "zh-stock-code", 0.8, subsumes=True))
        return out

    @property
    def _gov_suffixes(self) -> tuple[str, ...]:
        value = self._lazy_gov_suffixes
        if value is None:
            value = self._lazy_gov_suffixes = self._build_gov_suffixes()
        return value

    def _build_gov_suffixes(self) -> tuple[str, ...]:
        ends = [s for s, (t, _) in self._suffix_info.items() if t == "GovernmentBody"]
        return tuple(ends + list(self.lex.lists.get("zh_office_endings", [])))

    @property
    def _stock_code(self) -> re.Pattern[str]:
        value = self._lazy_stock_code
        if value is None:
            value = self._lazy_stock_code = self._build_stock_code()
        return value

    def _build_stock_code(self) -> re.Pattern[str]:
        codes = self.lex.en_orgs.get("stock_exchanges", {})
        before = alternation(codes.get("before", [])) or "(?!)"
        after = alternation(codes.get("after", [])) or "(?!)"
        return re.compile(
            rf"[（(]\s*(?:(?:{before})\s*[:：]\s*[A-Za-z0-9.]{{1,8}}|\d{{3,6}}\.(?:{after}))\s*[)）]"
        )

    @staticmethod
    def _glued(text: str, start: int, end: int) -> bool:
        """True when the suffix text[start:end] does not end a word: jieba joins its last character
        to what follows (联合社|会资本 -> 社会) and no word boundary falls at its end (协会|会长 is
        one jieba word, yet 会 alone then opens 会长: the suffix stands)."""
        if end >= len(text) or not HAN_CHAR.match(text, end) or word_ends_at(text, end, start):
            return False
        return len(cut(text[end - 1 : end + 3])[0]) > 1

    def _right_ok(self, text: str, end: int) -> bool:
        if end < len(text) and text[end].isascii() and text[end].isalpha():
            # AI电商SaaS服务商: a Latin word glued to a weak suffix continues a noun phrase; APP may follow a name
            return any(text.startswith(w, end) for w in self.lex.services.get("app_words", ()))
        if end >= len(text) or not HAN_CHAR.match(text, end):
            return True
        return self._right_ok_at.at(text, end)  # any(text.startswith(w, end) for w in self.lex.right_ok)

    @property
    def _right_ok_at(self) -> Prefixes:
        value = self._lazy_right_ok_at
        if value is None:
            value = self._lazy_right_ok_at = self._build_right_ok_at()
        return value

    def _build_right_ok_at(self) -> Prefixes:
        return Prefixes(self.lex.right_ok)

    def _left_edge(self, text: str, s: int, typ: str, strong: bool) -> int | None:
        """Start of the name whose suffix starts at `s`, or None when it is not a name."""
        par = _PLACE_IN_PARENS.search(text[max(0, s - 16) : s])
        if strong and par and par.group("p") in self.lex.places:
            # 云仓智链（深圳）供应链有限公司: a legal name may hold its place in parentheses
            return self._left_edge(text, max(0, s - 16) + par.start(), typ, strong)
        lo = s
        longest = MAX_LEGAL_BODY if strong else MAX_BODY
        while lo > 0 and s - lo < longest and _is_name_char(text[lo - 1]):
            lo -= 1
        natural = lo == 0 or not _is_name_char(text[lo - 1])
        cut_at = self._after_long_stop(text, lo, s)
        if cut_at is not None:  # 的运营方橙意集团: jieba may glue a role noun's last character to the name
            lo, natural = cut_at, True
        if lo == s:
            return None
        tokens = cut(text[lo:s])
        kept: list[str] = []
        place = 0  # tokens at the left of `kept` that are places
        stopped = natural
        for tok in reversed(tokens):
            if strong and self._legal(tok) and all(self._legal(k) for k in kept):
                kept.insert(0, tok)  # 股权投资管理有限公司, 联合证券有限责任公司: business words of a legal name
                continue
            if (self._is_stop(tok) or tok in self._descriptors or tok.endswith(self._descriptor_heads)
                    or not all(_is_name_char(c) for c in tok)):
                stopped = True
                break
            if (len(tok) > 2 or kept) and tok[0] in self.lex.left_stops and not jieba_freq().get(tok):
                kept.insert(0, tok[1:])  # "由峰岚", "对星|禾科技": a word jieba guessed, glued to a preposition
                stopped = True
                break
            if tok in self.lex.places:
                kept.insert(0, tok)
                place += 1
                continue
            if place:  # a place begins the name: stop before anything else
                stopped = True
                break
            kept.insert(0, tok)
        if not stopped and not place:
            return None  # ran into the length limit without a boundary
        rest_tokens = kept[place:]
        rest = "".join(rest_tokens)
        body = "".join(kept)
        if not body or _DATE_LIKE.search(body):
            return None
        if place:
            if not strong and not (rest and self._distinctive(rest_tokens)):
                return None
        elif len(rest) < 2 or rest_tokens[0] in self.lex.generic_heads:
            return None
        elif not strong and not self._distinctive(rest_tokens):
            return None
        if not strong and any(t in self.lex.name_verbs for t in kept):
            return None  # 并购扩张快运网络: a verb and its object, not a name
        return s - len(body)

    def _is_stop(self, tok: str) -> bool:
        """A stop word, or a word ending in one of two or more characters (服务提供者)."""
        # any(tok.endswith(w) for w in self._long_stops): its endings of two or more characters looked up
        return tok in self.lex.left_stops or any(tok[-k:] in self._long_stop_set for k in range(2, len(tok) + 1))

    @property
    def _long_stop_set(self) -> frozenset[str]:
        value = self._lazy_long_stop_set
        if value is None:
            value = self._lazy_long_stop_set = self._build_long_stop_set()
        return value

    def _build_long_stop_set(self) -> frozenset[str]:
        return frozenset(self._long_stops)

    @property
    def _legal_words(self) -> frozenset[str]:
        value = self._lazy_legal_words
        if value is None:
            value = self._lazy_legal_words = self._build_legal_words()
        return value

    def _build_legal_words(self) -> frozenset[str]:
        """Business words that stay inside a legal name before its legal form (`zh_legal_name_words.txt`)."""
        return frozenset(load_words("names/zh_legal_name_words.txt"))

    def _legal(self, tok: str) -> bool:
        """True for a business word of a legal name or a run of them (创业投资, 投资管理)."""
        words = self._legal_words
        if tok in words:
            return True
        return any(tok[:k] in words and self._legal(tok[k:]) for k in range(2, len(tok) - 1))

    @property
    def _long_stops(self) -> tuple[str, ...]:
        value = self._lazy_long_stops
        if value is None:
            value = self._lazy_long_stops = self._build_long_stops()
        return value

    def _build_long_stops(self) -> tuple[str, ...]:
        return tuple(w for w in self.lex.left_stops if len(w) >= 2)

    @property
    def _role_stops(self) -> tuple[str, ...]:
        value = self._lazy_role_stops
        if value is None:
            value = self._lazy_role_stops = self._build_role_stops()
        return value

    def _build_role_stops(self) -> tuple[str, ...]:
        """Stop words of three or more characters (运营方, 投资人, 提供者): never inside a name."""
        return tuple(w for w in self.lex.left_stops if len(w) >= 3)

    @property
    def _descriptors(self) -> frozenset[str]:
        value = self._lazy_descriptors
        if value is None:
            value = self._lazy_descriptors = self._build_descriptors()
        return value

    def _build_descriptors(self) -> frozenset[str]:
        """Descriptor nouns of three or more characters (服务商, 电商平台) end a name on the left."""
        return frozenset(w for w in desc_lexicon().zh if len(w) >= 3)

    @property
    def _descriptor_heads(self) -> tuple[str, ...]:
        value = self._lazy_descriptor_heads
        if value is None:
            value = self._lazy_descriptor_heads = self._build_descriptor_heads()
        return value

    def _build_descriptor_heads(self) -> tuple[str, ...]:
        """Heads that end a descriptor word of any length (二手交易平台, B2B平台): it ends a name on the left."""
        return tuple(desc_lexicon().edges.get("zh_descriptor_heads", ()))

    def _after_long_stop(self, text: str, lo: int, s: int) -> int | None:
        """End of the rightmost role stop word in text[lo:s], if any (one scan, not an rfind per word)."""
        best = None
        for m in self._role_stop_starts.finditer(text, lo, s):
            if best is None or m.end(1) > best:
                best = m.end(1)
        return best

    @property
    def _role_stop_starts(self) -> re.Pattern[str]:
        value = self._lazy_role_stop_starts
        if value is None:
            value = self._lazy_role_stop_starts = self._build_role_stop_starts()
        return value

    def _build_role_stop_starts(self) -> re.Pattern[str]:
        """Matches where a role stop word begins, capturing the longest one there; the look-ahead
        lets matches overlap, so a word inside or across another is seen too."""
        return re.compile(f"(?=({alternation(self._role_stops, '(?!)')}))")

    def _distinctive(self, tokens: list[str]) -> bool:
        """A weak-suffix name needs a rare word: 吉时达物流 yes, 发展物流 or 绿色物流 no."""
        if tokens and tokens[0] in self.lex.generic_heads:
            return False
        return has_rare_word(t for t in tokens if t not in self.lex.generic_heads)

    # --- enumerations --------------------------------------------------------------

    @property
    def _list_end(self) -> re.Pattern[str]:
        value = self._lazy_list_end
        if value is None:
            value = self._lazy_list_end = self._build_list_end()
        return value

    def _build_list_end(self) -> re.Pattern[str]:
        nouns = alternation(list(self.lex.collectives["zh"]))
        closers = alternation(self.lex.lists["zh_closers"])
        return re.compile(rf"(?:{closers})\s*{self.lex.lists['zh_quantifiers']}\s*(?P<noun>{nouns})")

    def list_items(self, text: str) -> list[Candidate]:
        """Items of "A、B等物流商": each gets the type of the collective noun."""
        out: list[Candidate] = []
        for m in self._list_end.finditer(text):
            typ = self.lex.collectives["zh"][m.group("noun")]
            left = m.start()
            lo = left
            while lo > 0 and left - lo < 80 and text[lo - 1] not in "。！？；;:：\n，,“”\"（）()《》【】":
                lo -= 1
            pieces = _split_items(text, lo, left)
            for i, (a, b) in enumerate(pieces):
                if i == 0:
                    a = self._after_verb(text, a, b)
                a, b = _trim(text, a, b)
                if typ == "GovernmentBody" and not text[a:b].endswith(self._gov_suffixes):
                    continue  # 网信、商务、市场监管等部门: fields of work; an office's name ends in its suffix
                if self._good_item(text[a:b]):
                    out.append(Candidate(a, b, typ, "zh-list", 0.7))
        return out

    def _after_verb(self, text: str, a: int, b: int) -> int:
        """Skip the verb or preposition that opens the first item (清退中通冷链 -> 中通冷链)."""
        piece = text[a:b]
        pos = 0
        for tok_start, tok in _token_spans(piece):
            if tok in self.lex.left_stops:
                pos = tok_start + len(tok)
        for word in self.lex.left_stops:
            if len(word) >= 2:
                k = piece.rfind(word)
                if k >= 0:
                    pos = max(pos, k + len(word))
        return a + pos

    def _good_item(self, item: str) -> bool:
        if not 2 <= len(item) <= 12 or not _ITEM.match(item) or self.lex.is_stopped(item):
            return False
        toks = cut(item)
        return toks[0] not in self.lex.generic_heads and toks[0] not in self.lex.left_stops


def _token_spans(s: str) -> list[tuple[int, str]]:
    spans, pos = [], 0
    for tok in cut(s):
        spans.append((pos, tok))
        pos += len(tok)
    return spans


def _split_items(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Split text[lo:hi] at 、 and, in the last piece, at the joiners 和/与/及/以及/或."""
    pieces: list[tuple[int, int]] = []
    a = lo
    for i in range(lo, hi):
        if text[i] == "、":
            pieces.append((a, i))
            a = i + 1
    cur = a
    for tok_start, tok in _token_spans(text[a:hi]):
        if tok in ("和", "与", "及", "以及", "或"):
            pieces.append((cur, a + tok_start))
            cur = a + tok_start + len(tok)
    pieces.append((cur, hi))
    return pieces


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _QUOTES:
        a += 1
    while b > a and text[b - 1] in _QUOTES:
        b -= 1
    return a, b
