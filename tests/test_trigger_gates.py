"""The trigger matcher's gates (a later word of a trigger that must be in the text) change no hit."""
from __future__ import annotations

from kg.extract.events.triggers import TriggerMatcher, _gate, default_triggers


def _hits(text: str, lang: str = "en") -> list[tuple[str, str]]:
    return [(h.type, h.text) for hs in TriggerMatcher().find(text, lang, [(0, len(text))]) for h in hs]


def _trigger(text: str, lang: str):
    return next(t for t in default_triggers()[lang] if t.text == text)


def test_gate_is_a_later_word_of_the_trigger() -> None:
    assert _gate(_trigger("in cooperation with", "en"), "en") == "cooperation"
    assert _gate(_trigger("发布…通知", "zh"), "zh") == "通知"
    assert _gate(_trigger("acquisition", "en"), "en") == ""  # one word: its needle says it all


def test_gated_trigger_still_matches_in_any_case_and_spacing() -> None:
    assert _hits("Acme signed the deal in cooperation with Beta.") == [("Partnership", "in cooperation with")]
    assert _hits("ACME SIGNED THE DEAL IN  COOPERATION WITH BETA.") == [("Partnership", "IN  COOPERATION WITH")]


def test_text_without_the_gate_word_has_no_hit() -> None:
    assert _hits("Acme signed the deal in cooperative spirit with Beta.") == []


def test_dotless_i_read_as_i_keeps_the_hit() -> None:
    # re's case-blind match reads ı as i; casefolding does not, so the gate must not drop this hit
    assert _hits("Acme signed the deal in cooperatıon with Beta.") == [("Partnership", "in cooperatıon with")]


def test_overlaps_resolved_alike_with_and_without_the_no_overlap_shortcut() -> None:
    """`resolve_overlaps` keeps every hit of a sentence whose hits do not overlap without ranking
    them; random hits (touching, nested, crossing, Announcements beside others) come out as ranked."""
    import random
    from itertools import pairwise

    from kg.extract.events import triggers
    from kg.extract.events.triggers import TriggerHit, resolve_overlaps

    def ranked(hits: list[TriggerHit]) -> list[TriggerHit]:
        hits = triggers._without_heads_of_longer(hits)
        kept: list[TriggerHit] = []
        for h in sorted(hits, key=lambda h: (-h.priority, -h.weight, -(h.end - h.start), h.start)):
            if any(h.start < k.end and k.start < h.end and k.type != h.type for k in kept):
                continue
            if any(h.start < k.end and k.start < h.end and k.type == h.type and k.start <= h.start and h.end <= k.end
                   for k in kept):
                continue
            kept.append(h)
        if any(k.type != "Announcement" for k in kept):
            kept = [k for k in kept if k.type != "Announcement"]
        return sorted(kept, key=lambda h: h.start)

    rng = random.Random(7)
    types = [("Announcement", 1), ("Launch", 5), ("Enforcement", 8)]
    fast = 0
    for _ in range(3000):
        hits = []
        for _ in range(rng.randint(2, 5)):
            a = rng.randint(0, 30)
            typ, prio = rng.choice(types)
            hits.append(TriggerHit(typ, a, a + rng.randint(1, 6), "x", rng.choice([0.5, 0.7, 0.9]), prio))
        assert resolve_overlaps(hits) == ranked(hits)
        by_start = sorted(hits, key=triggers._start)
        fast += all(b.start >= a.end for a, b in pairwise(by_start))
    assert fast > 100


def test_find_typed_gives_the_hits_and_possible_types_of_one_search() -> None:
    matcher = TriggerMatcher()
    for text, lang in [("1688平台将于9月12日起升级买家保障服务", "zh"), ("天猫下调费率 淘宝规则9月15日起调整", "zh"),
                       ("Acme signed the deal in cooperation with Beta.", "en"), ("ǅ ﬁnes", "en"), ("", "zh")]:
        spans = [(0, len(text))]
        assert matcher.find_typed(text, lang, spans) == (matcher.find(text, lang, spans), matcher.possible_types(text, lang))


def test_candidates_are_the_triggers_whose_needle_and_gate_occur() -> None:
    """However the automaton is keyed (a trigger with a common needle like "in" on its gate), the
    candidates are the triggers whose needle and gate both occur (any gate with a dotless ı), each
    with every place of its needle, as a plain search of each trigger's words gives them."""
    from pathlib import Path

    from kg.extract.events.triggers import _DOTLESS_I, _places

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir()) if p.is_file()]
    texts += ["Acme signed the deal in cooperation with Beta; it agreed to merge.", "cooperation, merger: no needle",
              "Acme signed the deal in cooperatıon with Beta.", "to merge, in cooperation with, in, to, go bust"]
    matcher = TriggerMatcher()
    keyed_on_gate = 0
    for text in texts:
        folded = text.casefold()
        for lang in ("zh", "en"):
            expected = []
            for trig in matcher.triggers[lang]:
                if not trig.needle:
                    expected.append((trig, None))
                    continue
                gate = _gate(trig, lang)
                if trig.needle in folded and (not gate or gate in folded or _DOTLESS_I in folded):
                    expected.append((trig, _places(folded, trig.needle)))
            assert matcher._candidates(folded, lang) == expected
        keyed_on_gate += len(matcher._automaton("en").by_gate)
    assert keyed_on_gate


def test_exception_literals_change_no_exception_test() -> None:
    """A phrase kept as a literal (`Trigger.except_literals`) matches only as written, so skipping
    a window without it is the full test's answer; checked at every exception trigger's place in
    the seed texts and in texts made from its exception phrases."""
    from pathlib import Path

    from kg.extract.events.triggers import _inside_exception

    seeds = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(Path(__file__).resolve().parents[1].glob("seeds/*")) if p.is_file()]
    checked = 0
    for triggers in default_triggers().values():
        for trig in triggers:
            if not trig.except_words:
                continue
            for word, literal in zip(trig.except_words, trig.except_literals, strict=True):
                if literal is not None:  # each match is the phrase as written
                    pattern = trig.except_[trig.except_words.index(word)]
                    assert all(m.group() == word for m in pattern.finditer(f"{word}x{word.upper()} {word}"))
            made = "，".join(f"据悉{w}{trig.text.replace('…', '')}及{w}" for w in trig.except_words)
            for text in [*seeds, made]:
                for m in trig.pattern.finditer(text):
                    a, b = m.span()
                    full = _inside_exception(text, a, b, trig.except_, (None,) * len(trig.except_))
                    assert _inside_exception(text, a, b, trig.except_, trig.except_literals) == full
                    checked += 1
    assert checked > 100
