"""Event trigger lexicons: loading, validation and matching.

Triggers live in `kg/lexicons/triggers/<Type>.json` (format in the README there) so that a
researcher can add a verb without touching code. Each trigger compiles to one regular
expression. One Aho–Corasick pass over the document finds which triggers' leading literals
occur and where; only those triggers' expressions then run, at those places, and hits are
assigned to sentences.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ...errors import LexiconError
from ...lexicons import LEXICON_DIR, load_json
from ...model import EVENT_TYPES
from ..patterns import first_chars

TRIGGER_DIR = LEXICON_DIR / "triggers"
LANGS = ("zh", "en")
_GAP = "…"
_DEFAULT_GAP = {"zh": 24, "en": 60}
_TYPE_KEY, _PRIO_KEY = '"type"', '"priority"'
_CLAUSE_STOP = {"zh": "。！？；;!?\n", "en": ".;!?\n"}


@dataclass(frozen=True)
class Trigger:
    """One trigger phrase of an event type for one language; its expressions compile on first use.

    A build meets only the triggers whose words its texts hold, so most of the ~1,300 expressions
    of the lexicons are never needed: they are not compiled at start-up (`pattern`, `ctx`, `not_`,
    `except_` and `not_after` are compiled from the words when first read)."""

    type: str
    text: str
    weight: float
    priority: int
    lang: str = "en"
    gap: int | None = None
    ctx_words: tuple[str, ...] | None = None
    not_words: tuple[str, ...] | None = None
    except_words: tuple[str, ...] = ()
    source: str = ""
    needle: str = ""  # a literal every match contains (lowercase), checked before the regex
    not_after_words: tuple[str, ...] | None = None  # "获得…投资|者": the hit is the head of a longer noun

    # the expressions, compiled when first read (`pattern` and the properties after it; None: not yet
    # compiled, or no words to compile); set with object.__setattr__, the instance being frozen
    # (explicit lazy fields: compiled with mypyc, a functools.cached_property recomputes on every read)
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    _ctx: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    _not: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    _except: tuple[re.Pattern[str], ...] | None = field(default=None, init=False, repr=False, compare=False)
    _except_literals: tuple[str | None, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _not_after: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # (set here: compiled with mypyc, a field's class-level default does not reach the instance)
        for name in ("_pattern", "_ctx", "_not", "_except", "_except_literals", "_not_after"):
            object.__setattr__(self, name, None)

    def __reduce__(self) -> tuple[object, tuple[str, str, float, int, str, int | None, tuple[str, ...] | None,
                                                tuple[str, ...] | None, tuple[str, ...], str, str, tuple[str, ...] | None]]:
        # (pickled by its fields, made again by `__init__`, its expressions compiled again when read:
        # compiled with mypyc, the default way sets each field with setattr, which a frozen dataclass refuses)
        return Trigger, (self.type, self.text, self.weight, self.priority, self.lang, self.gap, self.ctx_words,
                         self.not_words, self.except_words, self.source, self.needle, self.not_after_words)

    @property
    def pattern(self) -> re.Pattern[str]:
        pat = self._pattern
        if pat is None:
            pat = compile_phrase(self.text, self.lang, self.gap)
            object.__setattr__(self, "_pattern", pat)
        return pat

    @property
    def ctx(self) -> re.Pattern[str] | None:
        pat = self._ctx
        if pat is None and self.ctx_words is not None:
            pat = _any_of(list(self.ctx_words), self.lang)
            object.__setattr__(self, "_ctx", pat)
        return pat

    @property
    def not_(self) -> re.Pattern[str] | None:
        pat = self._not
        if pat is None and self.not_words is not None:
            pat = _any_of(list(self.not_words), self.lang)
            object.__setattr__(self, "_not", pat)
        return pat

    @property
    def except_(self) -> tuple[re.Pattern[str], ...]:
        pats = self._except
        if pats is None:
            pats = tuple([compile_phrase(w, self.lang, 0) for w in self.except_words])
            object.__setattr__(self, "_except", pats)
        return pats

    @property
    def except_literals(self) -> tuple[str | None, ...]:
        """Per exception phrase, the phrase itself where each of its matches is that very text
        (`_literal`), else None: a window without it holds no match of the phrase."""
        lits = self._except_literals
        if lits is None:
            lits = tuple([w if _literal(w) else None for w in self.except_words])
            object.__setattr__(self, "_except_literals", lits)
        return lits

    @property
    def not_after(self) -> re.Pattern[str] | None:
        pat = self._not_after
        if pat is None and self.not_after_words is not None:
            pat = _any_of(list(self.not_after_words), self.lang)
            object.__setattr__(self, "_not_after", pat)
        return pat


@dataclass(init=False, unsafe_hash=True)
class TriggerHit:
    """A trigger found in a text (offsets into the document text); equal, hashed and shown by its
    fields. Never changed once made (not frozen: a frozen dataclass's `__init__` sets each field
    through object.__setattr__, one call per field of each of the many hits)."""

    type: str
    start: int
    end: int
    text: str
    weight: float
    priority: int

    def __init__(self, type: str, start: int, end: int, text: str, weight: float, priority: int) -> None:
        self.type = type
        self.start = start
        self.end = end
        self.text = text
        self.weight = weight
        self.priority = priority

    def __reduce__(self) -> tuple[object, tuple[str, int, int, str, float, int]]:
        # (pickled by its fields: compiled with mypyc, the default way makes the instance by calling
        # `__init__` without them)
        return TriggerHit, (self.type, self.start, self.end, self.text, self.weight, self.priority)


def _word_regex(word: str, lang: str) -> str:
    """Regex for one literal phrase: `*` = any word ending (English), spaces = any whitespace."""
    parts = re.split(r"(\s+)", word.strip())
    out = []
    for part in parts:
        if not part:
            continue
        if part.isspace():
            out.append(r"\s+")
        elif lang == "en" and part.endswith("*"):
            out.append(re.escape(part[:-1]) + r"[\w-]*")
        else:
            out.append(re.escape(part))
    body = "".join(out)
    if lang == "en" or re.match(r"[A-Za-z0-9]", word):
        lead = r"(?<![\w-])" if re.match(r"[\w]", word) else ""
        tail = r"(?![\w])" if re.search(r"[\w]\Z", word) and not word.endswith("*") else ""
        if lang == "zh":  # Latin words inside Chinese text: boundaries against Latin only
            lead = r"(?<![A-Za-z0-9])" if re.match(r"[A-Za-z0-9]", word) else ""
            tail = r"(?![A-Za-z0-9])" if re.search(r"[A-Za-z0-9]\Z", word) else ""
        body = lead + body + tail
    return body


def compile_phrase(text: str, lang: str, gap: int | None = None) -> re.Pattern[str]:
    """Compile a trigger phrase (with optional `…` gaps) for text in `lang`."""
    return re.compile(phrase_regex(text, lang, gap), re.IGNORECASE)


def phrase_regex(text: str, lang: str, gap: int | None = None) -> str:
    """The expression `compile_phrase` compiles (built, and so checked, without compiling it)."""
    limit = gap if gap is not None else _DEFAULT_GAP[lang]
    stops = re.escape(_CLAUSE_STOP[lang])
    pieces = [p for p in text.split(_GAP)]
    if any(not p.strip() for p in pieces):
        raise ValueError(f"empty part around {_GAP!r} in {text!r}")
    joiner = rf"(?:[^{stops}]|(?<=\d)\.(?=\d)){{0,{limit}}}?"  # "sold 22.5 million shares": a decimal point is no stop
    return joiner.join(_word_regex(p, lang) for p in pieces)


def _any_of(words: list[str], lang: str) -> re.Pattern[str]:
    """One of `words` (in the order given: the first that matches at a place wins)."""
    return re.compile(any_of_regex(words, lang), re.IGNORECASE)


_LEADS = (r"(?<![\w-])", r"(?<![A-Za-z0-9])")


def any_of_regex(words: list[str], lang: str) -> str:
    """The alternation of `words` as `_word_regex` spells each, arranged to be fast.

    re tries every branch at every position of the text. Where every word begins with the same
    word-boundary test, it is made once before the alternation (most positions, inside a word,
    fail it at once); then one test of the words' first characters (`first_chars`, case
    folded as the words are) stands before the branches. Each branch still matches exactly
    where it did, and the first listed still wins, so matches are unchanged."""
    branches = [_word_regex(w, lang) for w in words]
    heads = [w.strip()[:1] for w in words]
    if not branches or any(not h or h == "*" or h == _GAP for h in heads):
        return "|".join(branches)
    lead = next((lead for lead in _LEADS if all(b.startswith(lead) for b in branches)), "")
    body = "|".join(b[len(lead):] for b in branches)
    return f"{lead}{first_chars(heads)}(?:{body})"


def _where(path: Path, raw: str, needle: str) -> str:
    """`file:line` of the first line holding `needle` (for error messages)."""
    for no, line in enumerate(raw.splitlines(), 1):
        if needle in line:
            return f"{path}:{no}"
    return str(path)


def _words(value: Any, where: str, key: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: {key!r} must be a non-empty list of words")
    return value


def _parse_trigger(obj: Any, typ: str, prio: int, lang: str, path: Path, raw: str) -> Trigger:
    if not isinstance(obj, dict) or not isinstance(obj.get("t"), str) or not obj["t"].strip():
        raise LexiconError(f"{_where(path, raw, str(obj)[:20])}: a trigger needs a text 't'")
    where = _where(path, raw, f'"t": "{obj["t"]}"')
    unknown = set(obj) - {"t", "w", "ctx", "not", "gap", "except", "not_after"}
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
    weight = obj.get("w", 0.7)
    if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
        raise LexiconError(f"{where}: 'w' must be a number in (0, 1]")
    gap = obj.get("gap")
    if gap is not None and (not isinstance(gap, int) or gap < 0):
        raise LexiconError(f"{where}: 'gap' must be a non-negative integer")
    ctx = tuple(_words(obj["ctx"], where, "ctx")) if "ctx" in obj else None
    not_ = tuple(_words(obj["not"], where, "not")) if "not" in obj else None
    excepts = tuple(_words(obj["except"], where, "except")) if "except" in obj else ()
    try:  # (the expressions are built here, so that a bad entry fails at loading; they compile on first use)
        phrase_regex(obj["t"], lang, gap)
        for w in excepts:
            phrase_regex(w, lang, 0)
    except (ValueError, re.error) as err:
        raise LexiconError(f"{where}: bad trigger {obj['t']!r}: {err}") from err
    needle = re.split(r"[*…\s]", obj["t"].strip())[0].casefold()
    after = tuple(_words(obj["not_after"], where, "not_after")) if "not_after" in obj else None
    return Trigger(typ, obj["t"], float(weight), prio, lang, gap, ctx, not_, excepts, where, needle, after)


def read_triggers(directory: str | Path | None = None) -> dict[str, list[Trigger]]:
    """All triggers per language from `<Type>.json` files; validates every entry."""
    folder = Path(directory) if directory is not None else TRIGGER_DIR
    out: dict[str, list[Trigger]] = {lang: [] for lang in LANGS}
    files = sorted(p for p in folder.glob("*.json") if not p.name.startswith("_"))
    if not files:
        raise LexiconError(f"{folder}: no trigger files")
    for path in files:
        data = load_json(path)
        raw = path.read_text(encoding="utf-8")
        if not isinstance(data, dict):
            raise LexiconError(f"{path}:1: expected a JSON object")
        typ = data.get("type")
        if typ not in EVENT_TYPES or typ != path.stem:
            raise LexiconError(f"{_where(path, raw, _TYPE_KEY)}: 'type' must be one of {EVENT_TYPES} and equal the file name")
        prio = data.get("priority")
        if not isinstance(prio, int) or not 1 <= prio <= 10:
            raise LexiconError(f"{_where(path, raw, _PRIO_KEY)}: 'priority' must be an integer 1-10")
        for lang in LANGS:
            items = data.get(lang, [])
            if not isinstance(items, list):
                raise LexiconError(f"{_where(path, raw, lang)}: {lang!r} must be a list of triggers")
            out[lang].extend(_parse_trigger(obj, typ, prio, lang, path, raw) for obj in items)
    return out


@lru_cache(maxsize=1)
def type_settings() -> dict[str, dict[str, Any]]:
    """Per-type settings (`priority`, `needs_figure`) from the trigger files."""
    out = {}
    for path in sorted(TRIGGER_DIR.glob("*.json")):
        if path.name.startswith("_"):
            continue
        data = load_json(path)
        out[data["type"]] = {"priority": data["priority"], "needs_figure": bool(data.get("needs_figure"))}
    return out


@lru_cache(maxsize=1)
def default_triggers() -> dict[str, tuple[Trigger, ...]]:
    return {lang: tuple(ts) for lang, ts in read_triggers().items()}


class TriggerMatcher:
    """Finds trigger hits in a document, filtered by each trigger's sentence context."""

    def __init__(self, triggers: dict[str, tuple[Trigger, ...]] | None = None) -> None:
        self.triggers = triggers if triggers is not None else default_triggers()
        self._needles: dict[str, _Keys] = {}  # language -> its automaton and what each key word stands for

    def _automaton(self, lang: str) -> _Keys:
        """`lang`'s automaton over its triggers' key words (built once) and what each key stands for.

        A trigger's key is its needle (the literal its pattern begins with), and its gate, a
        longer literal its every match holds ("cooperation" of "in cooperation with"), is a test:
        a document without it is not searched for the trigger at each of its needle's places.
        Words of one or two Latin letters ("in", "to", "on") are in nearly every English text:
        the automaton would report each of their thousands of places for a few triggers. A
        trigger with such a needle is keyed on its gate instead (its needle's places are found
        where the gate occurs, `_places`), and such a gate is tested with `in` (found at once)."""
        cached = self._needles.get(lang)
        if cached is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            owners: dict[str, list[int]] = {}
            bare, by_gate, gates = [], [], []
            for i, trig in enumerate(self.triggers.get(lang, self.triggers["en"])):
                gate = _gate(trig, lang)
                if trig.needle and gate and _common(trig.needle):
                    by_gate.append(i)
                    owners.setdefault(gate, []).append(i)
                    automaton.add_word(gate, gate)
                    gate = ""  # (the key: no test left)
                elif trig.needle:
                    owners.setdefault(trig.needle, []).append(i)
                    automaton.add_word(trig.needle, trig.needle)
                else:
                    bare.append(i)
                if gate and not _common(gate):
                    automaton.add_word(gate, gate)
                gates.append(gate)
            if len(automaton):
                automaton.make_automaton()
            common = frozenset(g for g in gates if g and _common(g))
            cached = self._needles[lang] = _Keys(automaton, owners, bare, frozenset(by_gate), gates, common)
        return cached

    def _candidates(self, folded: str | None, lang: str) -> list[tuple[Trigger, list[int] | None]]:
        """The triggers of `lang` that may match, each with the offsets where its needle (the
        literal its pattern begins with) starts in `folded`, or None for a trigger without a
        needle: it is searched everywhere, as is every trigger when the text could not be
        folded in place. In lexicon order, so hits come out as if every trigger were tried."""
        triggers = self.triggers.get(lang, self.triggers["en"])
        keys = self._automaton(lang)
        if folded is None:
            return [(trig, None) for trig in triggers]
        wanted = list(keys.bare)
        at: dict[str, list[int]] = {}
        if len(keys.automaton):
            for end, word in keys.automaton.iter(folded):
                at.setdefault(word, []).append(end + 1 - len(word))
            for word in at:
                wanted.extend(keys.owners.get(word, ()))
        # re reads ı as i where casefolding does not: no gate can be trusted, and a trigger keyed
        # on its gate is tried wherever its needle occurs
        dotless = _DOTLESS_I in folded
        if dotless:
            wanted = list({*wanted, *keys.by_gate})
        gates, by_gate, common = keys.gates, keys.by_gate, keys.common
        places: dict[str, list[int]] = {}  # a needle that is no key -> its places
        out = []
        for i in sorted(wanted):
            trig = triggers[i]
            gate = gates[i]
            if gate and not dotless and gate not in at and (gate not in common or gate not in folded):
                continue
            starts = at.get(trig.needle)
            if starts is None and i in by_gate:
                starts = places.get(trig.needle)
                if starts is None:
                    starts = places[trig.needle] = _places(folded, trig.needle)
                if not starts:
                    continue  # (its gate occurs, its needle does not)
            out.append((trig, starts))
        return out

    def possible_types(self, text: str, lang: str) -> set[str] | None:
        """The types of the triggers whose literals all occur in `text`: every hit in `text`, or in
        any part of it, is of one of them (casefolding is per character, so a part folds as the
        whole does). None when the text does not fold in place (then any trigger may match)."""
        folded = text.casefold()
        if len(folded) != len(text):
            return None
        return {trig.type for trig, _ in self._candidates(folded, lang)}

    @staticmethod
    def _matches(trig: Trigger, text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
        """`trig.pattern.finditer(text)`: with the needle's offsets, the pattern is tried at those
        only (a match begins with the needle), skipping offsets inside the previous match."""
        if starts is None:
            yield from trig.pattern.finditer(text)
            return
        done = 0
        for start in starts:
            if start < done:
                continue
            m = trig.pattern.match(text, start)
            if m is not None:
                yield m
                done = m.end()

    def find(self, text: str, lang: str, spans: list[tuple[int, int]]) -> list[list[TriggerHit]]:
        """Hits per sentence span, overlaps between types resolved by priority."""
        return self._search(text, lang, spans)[0]

    def find_typed(self, text: str, lang: str,
                   spans: list[tuple[int, int]]) -> tuple[list[list[TriggerHit]], set[str] | None]:
        """`find`, and `possible_types` of the text, from the one look-up of its candidates (a
        headline searched for hits is later asked which types it may hold)."""
        hits, candidates = self._search(text, lang, spans)
        return hits, ({trig.type for trig, _ in candidates} if candidates is not None else None)

    def _search(self, text: str, lang: str, spans: list[tuple[int, int]]
                ) -> tuple[list[list[TriggerHit]], list[tuple[Trigger, list[int] | None]] | None]:
        """`find`, and the candidates tried (None when the text does not fold in place)."""
        folded = text.casefold()
        candidates = self._candidates(folded if len(folded) == len(text) else None, lang)
        return self._hits(text, spans, candidates), candidates if len(folded) == len(text) else None

    def _hits(self, text: str, spans: list[tuple[int, int]],
              candidates: list[tuple[Trigger, list[int] | None]]) -> list[list[TriggerHit]]:
        """The hits of the `candidates` (each tried where its needle starts, or everywhere for None)
        per sentence span, overlaps between types resolved by priority."""
        per_sentence: list[list[TriggerHit]] = [[] for _ in spans]
        starts = [s for s, _ in spans]
        sliced: dict[int, str] = {}  # sentence index -> its text, cut once for all the triggers' context tests
        bisect_right = bisect.bisect_right
        for trig, at in candidates:
            ctx, not_, excepts, pattern = trig.ctx, trig.not_, trig.except_, trig.pattern
            if at is None:
                found: Iterable[re.Match[str]] = pattern.finditer(text)
            else:  # tried at its needle's places only, past the last match (`_matches`, inlined)
                found = []
                done = 0
                for start in at:
                    if start >= done and (m := pattern.match(text, start)) is not None:
                        found.append(m)
                        done = m.end()
            for m in found:
                a, b = m.span()
                i = bisect_right(starts, a) - 1
                if i < 0 or b > spans[i][1]:
                    continue
                if ctx is not None or not_ is not None:
                    sentence = sliced.get(i)
                    if sentence is None:
                        sentence = sliced[i] = text[spans[i][0] : spans[i][1]]
                    if ctx is not None and not ctx.search(sentence):
                        continue
                    if not_ is not None and not_.search(sentence):
                        continue
                if excepts and _inside_exception(text, a, b, excepts, trig.except_literals):
                    continue
                if trig.not_after is not None and trig.not_after.match(text, b):
                    continue  # "获得配售的投资者": the trigger's last word heads a longer noun
                per_sentence[i].append(TriggerHit(trig.type, a, b, m.group(), trig.weight, trig.priority))
        return [resolve_overlaps(hits) if len(hits) > 1 else hits for hits in per_sentence]


_DOTLESS_I = "\u0131"


class _Keys(NamedTuple):
    """A language's trigger automaton (`TriggerMatcher._automaton`)."""

    automaton: Any  # over the triggers' keys and the gates they are tested for
    owners: dict[str, list[int]]  # key -> the triggers keyed on it (by their place in the lexicon order)
    bare: list[int]  # the triggers without a needle
    by_gate: frozenset[int]  # the triggers keyed on their gate, not their needle
    gates: list[str]  # per trigger: the gate to test ("" for none, or when it is the trigger's key)
    common: frozenset[str]  # the gates that are `_common` words (tested with `in`, not found by the automaton)


def _common(word: str) -> bool:
    """A word of one or two Latin letters ("in", "on", "of"), in nearly every English text."""
    return len(word) <= 2 and word.isascii()


def _places(folded: str, needle: str) -> list[int]:
    """Every offset where `needle` starts in `folded` (overlapping ones too), as the automaton reports them."""
    out = []
    at = folded.find(needle)
    while at >= 0:
        out.append(at)
        at = folded.find(needle, at + 1)
    return out


def _gate(trig: Trigger, lang: str) -> str:
    """The longest literal word of the trigger (folded) after the first (the needle), else "".

    Every match holds each of the trigger's words as written (case aside; an English word's
    ending after `*` aside), so a text whose folding lacks one has no match. Only words of ASCII
    or caseless characters count: for them re's case-blind match and casefolding agree (but for
    a dotless ı, which the caller checks)."""
    words = []
    for part in re.split(r"[\s…]+", trig.text.strip())[1:]:
        if lang == "en" and part.endswith("*"):
            part = part[:-1]
        folded = part.casefold()
        if folded and all(c.isascii() or c.lower() == c.upper() == c.casefold() == c for c in part):
            words.append(folded)
    gate = max(words, key=len, default="")
    return gate if len(gate) >= 2 and gate != trig.needle else ""


def _literal(word: str) -> bool:
    """True when every match of the phrase `word` (`compile_phrase(word, lang, 0)`) is `word` as
    written: no gap, wildcard or space in it, and only characters without case (re's case-blind
    match reads those as written; the boundary tests it may add match no characters)."""
    return bool(word) and not any(c in "…*" or c.isspace() or c.lower() != c or c.upper() != c for c in word)


def _inside_exception(text: str, start: int, end: int, excepts: tuple[re.Pattern[str], ...],
                      literals: tuple[str | None, ...]) -> bool:
    """True when the hit lies inside a longer phrase listed as an exception (业务调整 for 调整).
    `literals` (`Trigger.except_literals`): a phrase whose literal the window lacks is not searched."""
    window = text[max(0, start - 12) : end + 12]
    offset = max(0, start - 12)
    for pat, literal in zip(excepts, literals, strict=True):
        if literal is not None and literal not in window:
            continue  # (most hits: 融资 has 37 exception phrases, a window holds one at most)
        for m in pat.finditer(window):
            if offset + m.start() <= start and end <= offset + m.end():
                return True
    return False


def _without_heads_of_longer(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Hits that are no word of a longer phrase of another type starting or ending with them: the
    phrase says what the word means there ("launched … investigation" is no Launch, 发布…通知 no
    Launch of 发布). A word inside the phrase's gap stays (清退 in 发布关于清退…的通知)."""
    return [h for h in hits if not any(
        k.type != h.type and k.end - k.start > h.end - h.start and k.start <= h.start and h.end <= k.end
        and (k.start == h.start or k.end == h.end) for k in hits)]


def _start(hit: TriggerHit) -> int:
    return hit.start


def resolve_overlaps(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Keep the most specific reading where triggers overlap; drop Announcement beside others.

    An overlap of two types means one action read two ways (清退 inside 发布…通知): the
    higher priority type wins, then the stronger and the longer trigger.
    """
    by_start = sorted(hits, key=_start)
    end = -1
    for h in by_start:
        if h.start < end or h.start == h.end:
            break
        end = h.end
    else:  # no two hits overlap (nor start together): every hit stays, in the order of their starts
        return _without_announcements(by_start)
    hits = _without_heads_of_longer(hits)
    ranked = sorted(hits, key=lambda h: (-h.priority, -h.weight, -(h.end - h.start), h.start))
    kept: list[TriggerHit] = []
    for h in ranked:
        if any(h.start < k.end and k.start < h.end and k.type != h.type for k in kept):
            continue
        if any(h.start < k.end and k.start < h.end and k.type == h.type and k.start <= h.start and h.end <= k.end for k in kept):
            continue  # contained in a longer trigger of the same type
        kept.append(h)
    return _without_announcements(sorted(kept, key=_start))


def _without_announcements(hits: list[TriggerHit]) -> list[TriggerHit]:
    """`hits` without the Announcement ones when a hit of another type stands beside them: a
    sentence that reports an event announces it too, and only the event counts."""
    others = [k for k in hits if k.type != "Announcement"]
    return others if others else hits
