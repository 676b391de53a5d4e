"""Which trigger words of a Chinese sentence assert an event: not the negated, denied or described ones.

"目前没有实质性的收购计划", "不存在减持计划", "否认将被收购", "对收购该医院没有实质性的计划": the
plan is negated, so there is no acquisition. "董事会由9名董事组成" describes a board, "激励对象因离职
不再符合条件" a share plan's condition, "聘请A证券作为财务顾问" hires an adviser: none is a personnel
change (unless the leavers are named). Words in the `negated` and `not_events` sections of `kg/lexicons/triggers/_guards.json`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..cues import cue_section, phrases
from ..patterns import CLAUSE_MARKS
from .asserted_en import negated_en, threatened_en
from .context import EventDoc
from .guards import GUARDS_FILE
from .roles import clause_bounds
from .triggers import TriggerHit

_BEFORE = 8  # characters a negator may stand before its trigger ("没有实质性的收购")
_AFTER = 14  # characters between a trigger and the negated plan after it ("收购该医院没有实质性的计划")
_DENIAL = 30  # characters after the trigger in which a denial counts ("…的传闻，公司予以否认")


@dataclass(frozen=True)
class AssertCues:
    before: re.Pattern[str]
    still: re.Pattern[str]
    plan_after: re.Pattern[str]
    denial: re.Pattern[str]
    composition: re.Pattern[str]
    non_officers: re.Pattern[str]
    any_negator: re.Pattern[str]  # a word that `before`, `plan_after` or `denial` needs


def _gapped(words: list[str]) -> str:
    """Cue phrases in which "…" stands for a few words of the same clause (由…组成)."""
    return "|".join(f"[^{CLAUSE_MARKS}]{{0,20}}?".join(re.escape(p) for p in w.split("…")) for w in
                    sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def assert_cues() -> AssertCues:
    neg = cue_section(GUARDS_FILE, "negated")
    desc = cue_section(GUARDS_FILE, "not_events")
    return AssertCues(
        before=re.compile(rf"(?:{phrases(neg['zh_before'])})[^{CLAUSE_MARKS}]{{0,{_BEFORE}}}\Z"),
        still=re.compile(phrases(neg["zh_still_events"])),
        plan_after=re.compile(rf"[^{CLAUSE_MARKS}]{{0,{_AFTER}}}?(?:{phrases(neg['zh_plan_negators'])})"
                              rf"[^{CLAUSE_MARKS}]{{0,8}}?(?:{phrases(neg['zh_plan_nouns'])})"),
        denial=re.compile(phrases(neg["zh_denials"])),
        composition=re.compile(_gapped(desc["zh_composition"])),
        non_officers=re.compile(phrases(desc["zh_non_officers"])),
        any_negator=re.compile(phrases([*neg["zh_before"], *neg["zh_plan_negators"], *neg["zh_denials"]])),
    )


def negated(text: str, h: TriggerHit, lo: int, hi: int) -> bool:
    """True when the clause of the trigger negates it, or the sentence denies it right after."""
    cues = assert_cues()
    c_lo, c_hi = clause_bounds(text, h.start, h.start, lo, hi, "zh")
    found = cues.before.search(text, c_lo, h.start)
    if found is not None and not cues.still.match(text, found.start()):
        return True
    if cues.plan_after.match(text, h.end, c_hi):
        return True
    return cues.denial.search(text, h.end, min(hi, h.end + _DENIAL)) is not None


def described(doc: EventDoc, typ: str, h: TriggerHit, lo: int, hi: int) -> bool:
    """True when a personnel trigger sits in a description: a board's make-up, a share plan's
    condition on leavers, or the hiring of an adviser firm."""
    if typ != "PersonnelChange":
        return False
    cues, text = assert_cues(), doc.text
    if cues.composition.search(text, lo, hi):
        return True
    c_lo, _ = clause_bounds(text, h.start, h.start, lo, hi, "zh")
    plan = cues.non_officers.search(text, c_lo, h.start)
    if plan is not None and not any(m.type == "Person" for m in doc.mentions_in(plan.end(), h.start)):
        return True  # "激励对象因离职": unnamed leavers of a share plan ("激励对象中A、B因离职" names people who left)
    return any(h.start <= a and b <= h.end for a, b in doc.hired)


def asserted(doc: EventDoc, by_type: dict[str, list[TriggerHit]], lo: int, hi: int) -> dict[str, list[TriggerHit]]:
    """The trigger hits of the sentence [lo, hi) by type, without those that assert no event
    (Chinese; in English negated and threatened ones, see `asserted_en`); a type left with no hit is dropped."""
    out = {}
    # every test of `negated` reads a negator within the sentence: one search tells whether any can hold
    maybe_negated = doc.words.lang == "zh" and assert_cues().any_negator.search(doc.text, lo, hi) is not None
    for typ, hits in by_type.items():
        if doc.words.lang != "zh":
            kept = [h for h in hits if not negated_en(doc.text, h.start, lo) and not threatened_en(doc.text, typ, h.start, lo)]
        else:
            kept = [h for h in hits if not (maybe_negated and negated(doc.text, h, lo, hi))
                    and not described(doc, typ, h, lo, hi)]
        if kept:
            out[typ] = kept
    return out
