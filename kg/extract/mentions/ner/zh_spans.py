"""Chinese tagger output -> typed, checked name candidates.

LAC labels words PER, ORG, LOC or a part of speech; ORG does not tell a company from a
ministry or a football club. The rules here decide:
- type: the head the span ends with (`zh_heads.tsv`: 有限公司 Company, 局 GovernmentBody,
  协会 Organization, 商城 Platform), else a cue in the same clause (`zh_context.tsv`), else Company;
- boundaries: a place written just before an institution (北京市 + 消防局, 浙江省 + 商务厅) is part
  of its name; a trailing 的 is not;
- teams: the names on both sides of "vs" or 对阵 are teams (Organization), whatever the tagger
  called them; people's names joined by a hyphen or dot (索尔-坎贝尔) are one name;
- rejection: generic phrases (各家银行, 一家银行, 相关部门), bare names that are common words
  (自有), stop-listed words, single characters, people's names with digits or of an impossible
  length, forms of address (王总, 张先生, 老刘).
"""
from __future__ import annotations

from functools import cache

from ....lexicons import load_words
from ..names_common import Candidate, NamesLexicon, jieba_freq
from .lac import Word
from .lexicon import NerLexicon

SENTENCE_END = frozenset("。；！？;!?\n")
FUNCTION_LABELS = frozenset({"v", "vd", "d", "p", "c", "r", "u", "xc", "w", "m", "q", "ad", "f", "TIME", "t"})
_BREAKERS = frozenset({"p", "c", "u", "r", "xc", "w", "m", "q", "d"})  # never inside a name
_LEADING_JUNK = frozenset({"v", "vd", "d", "p", "c", "r", "u", "xc", "w"})  # cut through: never start a service name
_PARTICLES = frozenset({"p", "c", "u", "r", "xc", "w"})  # whole words that never start one (严选商城 keeps 严选)
_JOINABLE = frozenset({"n", "nz", "ORG", "vn"})  # words after a place that may end an institution's name


@cache
def name_boundaries() -> frozenset[str]:
    """Adverbs and verbs that end an organisation name on the right (仅, 已经, 参与): `names/zh_name_boundaries.txt`."""
    return frozenset(load_words("names/zh_name_boundaries.txt"))


@cache
def _boundaries_longest_first() -> tuple[str, ...]:
    """The boundary words, longest first (two of one length cannot both end a span, so their order is moot)."""
    return tuple(sorted(name_boundaries(), key=len, reverse=True))


@cache
def _boundary_ends() -> frozenset[str]:
    """The last characters of what `cut_at_boundary` cuts off (了, 的 and each boundary word's)."""
    return frozenset("了的") | frozenset(w[-1:] for w in name_boundaries())


def cut_at_boundary(text: str, start: int, end: int) -> int:
    """End of an organisation span with the adverbs and verbs it swallowed on the right cut off
    ("某某公司仅参与了" -> "某某公司"); the span keeps at least two characters."""
    if end <= start or text[end - 1] not in _boundary_ends():
        return end  # nothing it cuts off ends the span (most names): the boundary words are not tried
    return _cut_at_boundary_scan(text, start, end)


def _cut_at_boundary_scan(text: str, start: int, end: int) -> int:
    """`cut_at_boundary` trying every boundary word."""
    words = _boundaries_longest_first()
    while True:
        while end > start and text[end - 1] in "了的":
            end -= 1
        w = next((w for w in words if text.endswith(w, start, end) and end - len(w) - start >= 2), None)
        if w is None:
            return end
        end -= len(w)


def _is_company_word(word: str, lex: NerLexicon) -> bool:
    """公司, 集团, 银行 written as a word of their own after a name the tagger cut short."""
    return lex.zh_head_type(word) == (word, "Company") and len(word) >= 2


def _without_descriptor(text: str, start: int, end: int, lex: NerLexicon) -> int:
    """A generic word the tagger put before a name (品牌沐光生技, 平台商家X) is no part of it."""
    for head in sorted(lex.generic_heads, key=len, reverse=True):
        if text.startswith(head, start) and end - start - len(head) >= 2:
            return start + len(head)
    return start


def _institution_word(word: str, lex: NerLexicon) -> bool:
    """办, 部, 保障管理中心: a word that is, or ends with, a government or organisation head."""
    head = lex.zh_head_type(word)
    return head is not None and head[1] in ("GovernmentBody", "Organization") and (
        head[0] == word or len(head[0]) >= 2)


def _body_prefix(span: str, lex: NerLexicon) -> bool:
    """True when the longest name `span` begins with that ends in a head of two or more characters
    is a government body's (中国人民银行 of 中国人民银行某省分行; 中国建设银行 is a company's)."""
    for k in range(len(span) - 2, 1, -1):
        head = lex.zh_head_type(span[:k])
        if head and len(head[0]) >= 2:
            return head[1] == "GovernmentBody"
    return False


def _team_by_position(text: str, w: Word, lex: NerLexicon) -> bool:
    """A place or person of the tagger that stands where a team does in a match report: right after
    客队 or 击败, right before 主场 or 坐镇 (`zh_team_context.json`), in a sentence with a sports cue.
    A person needs a word only a team has (home, away): a player may beat another."""
    before = next((t for t in lex.team_before if text.endswith(t, 0, w.start)), None)
    after = next((t for t in lex.team_after if text.startswith(t, w.end)), None)
    words = [t for t in (before, after) if t is not None]
    if w.label == "PER":
        words = [t for t in words if t in lex.team_home_away]
    if not words:
        return False
    return _sports_sentence(text, w.start, w.end, lex)


def _sports_sentence(text: str, start: int, end: int, lex: NerLexicon) -> bool:
    """True when the sentence around text[start:end] holds a cue of a club (zh_context.tsv)."""
    sentence = _sentence(text, start, end)
    return any(t == "Organization" and c in sentence for c, t in lex.zh_context.items())


def _cut_off_head(text: str, words: list[Word], i: int, end: int, lex: NerLexicon) -> int:
    """How many of the words from words[i] (up to three, nouns written on) spell an institution's head
    the tagger cut off an organisation span ending at `end` (扶贫 + 办, 保障 管理 中心); 0 if none."""
    for k in range(1, 4):
        last = i + k - 1
        if last >= len(words) or words[last].label not in _JOINABLE or words[last].start != (
                end if k == 1 else words[last - 1].end):
            return 0
        if _institution_word(text[words[i].start : words[last].end], lex) and (
                k == 1 or text[words[i].start : words[last].end] == lex.zh_head_type(text[words[i].start : words[last].end])[0]):
            return k
    return 0


def _company_prefix(span: str, lex: NerLexicon) -> int:
    """Length of the company name that begins `span` when the rest is one of its departments
    (链家地产市场研究部 -> 链家地产), else 0."""
    for k in range(len(span) - 2, 1, -1):
        head = lex.zh_head_type(span[:k])
        if head and head[1] in ("Company", "Platform") and len(head[0]) >= 2:
            return k
    return 0


def _sentence(text: str, start: int, end: int) -> str:
    a = start
    while a > 0 and text[a - 1] not in SENTENCE_END:
        a -= 1
    b = end
    while b < len(text) and text[b] not in SENTENCE_END:
        b += 1
    return text[a:b]


_NAME_DOTS = frozenset("-－·•")


def _person_ok(span: str) -> bool:
    if any(ch.isdigit() for ch in span):
        return False
    if span.isascii():
        return span[:1].isupper() and len(span) >= 2
    han = "".join(ch for ch in span if ch not in _NAME_DOTS)
    return 2 <= len(han) <= (12 if len(han) < len(span) else 4)


_NAME_LABELS = frozenset({"PER", "ORG", "LOC", "nz", "TEAM"})


def _regroup(text: str, words: list[Word], lex: NerLexicon) -> list[Word]:
    """Words as the typing rules want them: a word holding a match joiner (都灵vsAC米兰) is split
    around it, the names on both sides of a joiner become TEAM words, and people's names joined
    by a hyphen or dot (索尔-坎贝尔) become one."""
    split: list[Word] = []
    for w in words:
        low = text[w.start : w.end].casefold()
        j = next((j for j in lex.joiners if j in low and low != j), None) if w.label in _NAME_LABELS else None
        if j is None:
            split.append(w)
            continue
        k = w.start + low.index(j)
        for a, b, label in ((w.start, k, "ORG"), (k, k + len(j), "w"), (k + len(j), w.end, "ORG")):
            if b > a:
                split.append(Word(a, b, label))
    out: list[Word] = []
    for i, w in enumerate(split):
        if out and w.label == "PER" and out[-1].label == "w" and text[out[-1].start : out[-1].end] in _NAME_DOTS \
                and len(out) > 1 and out[-2].label == "PER" and out[-2].end == out[-1].start and out[-1].end == w.start:
            out[-2:] = [Word(out[-2].start, w.end, "PER")]
            continue
        if text[w.start : w.end].casefold() in lex.joiners:
            if out and out[-1].label in _NAME_LABELS and out[-1].end == w.start:
                out[-1] = Word(out[-1].start, out[-1].end, "TEAM")
            nxt = split[i + 1] if i + 1 < len(split) else None
            if nxt is not None and nxt.label in _NAME_LABELS and nxt.start == w.end:
                split[i + 1] = Word(nxt.start, nxt.end, "TEAM")
        out.append(w)
    return out


def zh_candidates(text: str, words: list[Word], lex: NerLexicon, names: NamesLexicon) -> list[Candidate]:
    """Typed candidates from the tagger's words of `text` (offsets into `text`)."""
    out: list[Candidate] = []
    words = _regroup(text, words, lex)
    i = 0
    while i < len(words):
        w = words[i]
        span = text[w.start : w.end]
        if span in lex.armed_forces and w.label not in FUNCTION_LABELS:
            out.append(Candidate(w.start, w.end, "GovernmentBody", "ner:zh-force", 0.65))  # 英军, 法军
            i += 1
            continue
        if span in lex.leagues and w.label not in FUNCTION_LABELS and _sports_sentence(text, w.start, w.end, lex):
            out.append(Candidate(w.start, w.end, "Organization", "ner:zh-league", 0.65))  # 德甲主队, 荷甲
            i += 1
            continue
        if w.label in ("PER", "LOC") and len(span) >= 2 and _team_by_position(text, w, lex) \
                and not names.is_stopped(span):
            out.append(Candidate(w.start, w.end, "Organization", "ner:zh-team", 0.65))
            i += 1
            continue
        if w.label == "PER":
            if _person_ok(span) and not names.is_stopped(span) and not lex.zh_address_form(span):
                out.append(Candidate(w.start, w.end, "Person", "ner:zh", 0.7))
            i += 1
            continue
        if w.label == "TEAM":
            if len(span) >= 2 and not names.is_stopped(span):
                out.append(Candidate(w.start, w.end, "Organization", "ner:zh-team", 0.65))
            i += 1
            continue
        start, end, label = w.start, w.end, w.label
        if label == "LOC" and i + 1 < len(words) and words[i + 1].label in _JOINABLE and words[i + 1].start == end:
            head = lex.zh_head_type(text[end : words[i + 1].end])
            if head and head[1] in ("GovernmentBody", "Organization") and words[i + 1].end - end > len(head[0]):
                end, label = words[i + 1].end, "ORG"  # 北京市 + 消防局 (泰国 + 军方: a head of zh_place_heads.txt)
                i += 1
            elif head and head[1] in ("GovernmentBody", "Organization") and (
                    words[i + 1].label == "ORG" or text[end : words[i + 1].end] in lex.place_heads):
                end, label = words[i + 1].end, "ORG"
                i += 1
        i += 1
        if label != "ORG":
            continue
        # boundary repairs on the right: 福克斯探照灯 + 公司, 光大银行 + 长春分行
        grown = False
        if i < len(words) and words[i].start == end and _is_company_word(text[words[i].start : words[i].end], lex):
            end, i, grown = words[i].end, i + 1, True
        elif (k := _cut_off_head(text, words, i, end, lex)):
            end, i = words[i + k - 1].end, i + k  # 扶贫 + 办, 县住房 + 保障 管理 中心: the tagger cut off the head
        j = i + 1 if i < len(words) and words[i].label == "LOC" else i
        if j < len(words) and text[words[j].start : words[j].end].endswith(lex.branches) and words[j].start == words[j - 1].end:
            end, i, grown = words[j].end, j + 1, True
        while end > start and text[end - 1] in "的之":
            end -= 1
        end = cut_at_boundary(text, start, end)  # 某某公司仅参与了: the adverb and verb are no part of it
        start = _without_descriptor(text, start, end, lex)  # 品牌 + 沐光生技
        span = text[start:end]
        if len(span) < 2 or names.is_stopped(span) or lex.zh_generic(span) or span.endswith(lex.not_org_heads) \
                or span.endswith(lex.not_heads):
            continue
        head = lex.zh_head_type(span)
        if head and head[1] == "GovernmentBody":  # 链家地产 + 市场研究部: a company's department
            firm = _company_prefix(span, lex)
            if firm:
                end = start + firm
                span, head = text[start:end], ("", "Company")
        elif head and head[1] == "Company" and span.endswith(lex.branches) and _body_prefix(span, lex):
            head = (head[0], "GovernmentBody")  # 中国人民银行 + 广州分行: a public body's branch is a public body
        if head and len(span) > len(head[0]):
            out.append(Candidate(start, end, head[1], "ner:zh-head", 0.75, subsumes=grown or span.endswith(lex.branches)))
            continue
        if head:  # the head alone (公司, 政府): no name
            continue
        if jieba_freq().get(span, 0) >= lex.common_word_freq:  # 自有, 扶贫: an ordinary word
            continue
        sentence = _sentence(text, start, end)
        cue = next((t for c, t in lex.zh_context.items() if c in sentence), None)
        out.append(Candidate(start, end, cue or "Company", "ner:zh-context" if cue else "ner:zh", 0.65 if cue else 0.6))
    return _one_type_per_name(text, out)


_TYPED_RULES = frozenset({"ner:zh-context", "ner:zh-team"})


def _one_type_per_name(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A bare name typed Company only for want of a cue (记者：那么X呢？) takes the type the same name gets
    from a cue or a fixture elsewhere in the document (X在主场扳平比分: a club)."""
    typed = {text[c.start : c.end]: c.type for c in cands if c.rule in _TYPED_RULES}
    return [Candidate(c.start, c.end, typed[text[c.start : c.end]], "ner:zh-context", 0.65)
            if c.rule == "ner:zh" and c.type == "Company" and text[c.start : c.end] in typed else c for c in cands]


def _breaks(text: str, w: Word) -> bool:
    """True for a word that never stands inside a name; brackets do (沐光（上海）贸易有限公司)."""
    return w.label in _BREAKERS and not (w.label == "w" and text[w.start : w.end] in _BRACKETS)


_BRACKETS = frozenset({"（", "）", "(", ")"})


def checked_rule_span(text: str, start: int, end: int, words: list[Word], lex: NerLexicon,
                      suffix_len: int = 0) -> tuple[int, int] | None:
    """A rule's organisation name checked against the tagger's words: a name holds no preposition,
    pronoun, particle or count (沪上某银行, 家里收到一张银行), so the span is cut after the last such
    word, and does not start with a verb or adverb (收到银行, 比方说银行), which are cut from its left
    edge (inside a name a verb-like word may belong to it: 杭州跃迁资本); None when what is left
    names no one (a generic head alone) or the name starts inside a function word. The rule's
    suffix (its last `suffix_len` characters) is whole as listed: the 和 of 文化和旅游局 stays."""
    inside = [w for w in words if w.start < end and w.end > start]
    if not inside or inside[0].start != start:
        return None if inside and inside[0].label in FUNCTION_LABELS else (start, end)
    last = max((k for k, w in enumerate(inside) if _breaks(text, w) and w.end < end and w.start < end - suffix_len),
               default=-1)
    while last + 1 < len(inside) and inside[last + 1].label in FUNCTION_LABELS and inside[last + 1].end < end \
            and _loses_left_word(inside, last + 1):
        last += 1  # from the left edge only: 杭州跃迁资本 keeps 跃迁, 转转集团 its 转转
    new_start = inside[last + 1].start if last + 1 < len(inside) else end
    if _verb_before_generic_head(text, [w for w in inside if w.start >= new_start], end, lex):
        return None  # 次日再找银行: a clause whose object is a generic word, not a name
    span = text[new_start:end]
    if new_start == start:
        return (start, end) if not lex.zh_generic(span) else None
    if len(span) < 2 or lex.zh_generic(span) or span in lex.generic_heads:
        return None
    return new_start, end


def _loses_left_word(inside: list[Word], k: int) -> bool:
    """True when the function word inside[k] at a rule name's left edge is no part of it: a word of
    two or more characters (联系, 咨询), or of one before a word of two or more (是|商会,
    请|联系银行); a one-character verb before another single character may begin a name (转转集团)."""
    w = inside[k]
    if w.end - w.start >= 2:
        return True
    nxt = inside[k + 1] if k + 1 < len(inside) else None
    return nxt is not None and nxt.end - nxt.start >= 2


def _verb_before_generic_head(text: str, words: list[Word], end: int, lex: NerLexicon) -> bool:
    """True for words "<...> <verb> <generic head>" (次日 再 找 银行): the verb takes the head as its
    object. A word of two or more characters must stand before the verb, so 转转集团 (转 转 集团),
    read as verbs by the tagger, stays a name."""
    if len(words) < 3 or words[-1].end != end or text[words[-1].start : end] not in lex.generic_heads:
        return False
    verb = words[-2]
    return verb.label == "v" and any(w.end - w.start >= 2 for w in words[:-2])


def left_trimmed_span(start: int, end: int, words: list[Word]) -> int:
    """Where a rule's service name really starts: a verb its left edge cuts through (发|布) and
    prepositions, particles or pronouns after it (关于) are no part of it (布关于店小蜜1688版 ->
    店小蜜1688版); a whole verb at its start may be (严选商城)."""
    for w in words:
        if w.end <= start:
            continue
        if w.start >= end or w.end >= end:
            break
        if (w.start < start and w.label in _LEADING_JUNK) or (w.start >= start and w.label in _PARTICLES):
            start = w.end
            continue
        break
    return start
