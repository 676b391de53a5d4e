"""Advisers, auditors, law firms and underwriters hired for a deal are never one of its parties.

The issuer of a tender and its agent (招标人A, 招标代理机构A) award it and never win it.

"公司已聘请A证券、B律师事务所作为此次收购的中介服务机构", "保荐机构为C证券", "由D证券保荐": the
firms named there serve the deal; the acquirer, the target, the investor or the firm listed is
someone else. The events step (`EventDoc.not_hired`) leaves such names out of a deal's candidates
(where the text says so) and of the story's main party (when the story names it only
so), so the role rules fall back to the party the story is about. Words in the `hired` section of
`kg/lexicons/triggers/_roles.json`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...model import Mention
from ..cues import phrases
from ..patterns import first_chars, first_mark, last_mark
from .role_words import role_cues

HIRED_TYPES = ("Acquisition", "Investment", "Listing", "Bankruptcy", "ContractAward")
_CLAUSE_END = "，,。；;！？!?\n"
_QUOTE = re.compile(r"\s*[(（][^()（）]{0,30}[)）]")  # "D证券(14.950,-0.22,-1.45%)保荐": a share quote between
_ROLE_WINDOW = 24  # characters after a name in which "作为…顾问" still names its role


@dataclass(frozen=True)
class HiredCues:
    hire: re.Pattern[str]
    role_before: re.Pattern[str]
    duty_after: re.Pattern[str]
    role_after: re.Pattern[str]
    role: re.Pattern[str]
    name_heads: tuple[str, ...]


@lru_cache(maxsize=1)
def hired_cues() -> HiredCues:
    w = role_cues("hired")
    roles = phrases(w["zh_roles"])
    # (`role` and `duty_after` search whole documents: one test of the words' first characters per place first)
    return HiredCues(
        hire=re.compile(phrases(w["zh_hire_verbs"])),
        role_before=re.compile(rf"(?:{roles})\s*(?:为|是|系|[:：])?\s*\Z"),
        duty_after=re.compile(rf"{first_chars(w['zh_duty_verbs'])}(?:{phrases(w['zh_duty_verbs'])})"),
        role_after=re.compile(rf"[^{_CLAUSE_END}]{{0,4}}?(?:{phrases(w['zh_links'])})[^{_CLAUSE_END}]{{0,{_ROLE_WINDOW}}}?"
                              rf"(?:{roles})"),
        role=re.compile(rf"{first_chars(w['zh_roles'])}(?:{roles})"),
        name_heads=tuple(w["zh_name_heads"]),
    )


def _clause_start(text: str, lo: int, pos: int) -> int:
    return max(lo, last_mark(text, _CLAUSE_END, lo, pos) + 1)


def _clause_end(text: str, pos: int, hi: int) -> int:
    end = first_mark(text, _CLAUSE_END, pos, hi)
    return hi if end < 0 else end


def is_hired(text: str, m: Mention, lo: int, hi: int) -> bool:
    """True when the sentence [lo, hi) names `m` as an adviser, auditor, law firm or underwriter of a deal."""
    cues = hired_cues()
    if m.text.endswith(cues.name_heads):
        return True
    if not (lo <= m.start and m.end <= hi):
        return False
    if cues.role_before.search(text, max(lo, m.start - 12), m.start):
        return True  # 保荐机构为A, 独立财务顾问：A
    after = m.end
    quote = _QUOTE.match(text, after)
    if quote is not None:
        after = quote.end()
    if cues.duty_after.match(text, after):
        return True  # A保荐, 由A承销
    c_hi = _clause_end(text, m.end, hi)
    role = cues.role_after.match(text, after, c_hi)
    if role is not None and not cues.hire.search(role.group()):  # (in "A拟以现金收购B并聘请C为财务顾问" C is)
        return True  # A担任本次交易的独立财务顾问, A已经以承销商的身份参与
    # 公司已聘请A、B、C等作为此次收购的中介服务机构: a hire verb before, the role later in the clause
    hire = None
    for found in cues.hire.finditer(text, _clause_start(text, lo, m.start), m.start):
        hire = found
    return hire is not None and cues.role.search(text, m.end, c_hi) is not None


def hired_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The names a document states to be hired for a deal anywhere in it."""
    cues = hired_cues()
    if cues.role.search(text) is None and cues.duty_after.search(text) is None:
        # every rule of `is_hired` but the name's own head needs a role word or a duty verb in the text
        return [m for m in mentions if m.text.endswith(cues.name_heads)]
    return [m for m in mentions if is_hired(text, m, 0, len(text))]
