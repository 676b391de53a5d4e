"""What a policy change is about: the rule it names, not the one it replaces.

"GPSR applies from 13 December, replacing the Directive": the old rule is not the subject.
"新规将于4月1日起施行", "the new rules take effect": a sentence that names no rule but refers to
"the new rules" is about the rule named last before it. Cue words: `the_rule` and `replaced` of
`_roles.json`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import Mention
from ..cues import phrases
from ..patterns import first_chars
from .context import EventDoc
from .role_words import role_cues


@lru_cache(maxsize=1)
def _the_rule() -> re.Pattern[str]:
    """"新规将于…施行", "the new rules take effect" (not "按照新规" / "under the new rules": a reason,
    not the subject): the_rule of _roles.json."""
    w = role_cues("the_rule")
    zh_not = "".join(f"(?<!{re.escape(x)})" for x in w["zh_not_after"])
    en_not = "".join(f"(?<!{re.escape(x)} )" for x in w["en_not_after"])
    guard = first_chars([*w["zh_words"], *w["en_words"]])  # one test per place before the look-behinds
    return re.compile(rf"{guard}(?:{zh_not}(?:{phrases(w['zh_words'])})|{en_not}\b(?:{phrases(w['en_words'])})\b)",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _replaced() -> re.Pattern[str]:
    """"replacing the Directive", "取代": the words right before an old rule (replaced of _roles.json)."""
    w = role_cues("replaced")
    return re.compile(rf"(?:\b(?:{phrases(w['en_words'])})\s+(?:the\s+)?|(?:{phrases(w['zh_words'])}))\Z", re.IGNORECASE)


def rules_about(doc: EventDoc, typ: str, found: list[Mention], lo: int, hi: int) -> list[Mention]:
    """The rules and services the event in [lo, hi) is about, from those `found` in it: without the
    ones it replaces; for a policy change that names none, the rule named last before "the new rules"."""
    text = doc.text
    if len(found) > 1:  # "GPSR applies from 13 December, replacing the Directive": the old rule is not the subject
        found = [m for m in found if not _replaced().search(text[max(lo, m.start - 14) : m.start])] or found
    if not found and typ == "PolicyChange" and _the_rule().search(text, lo, hi):
        # "新规将于4月1日起施行", "the new rules take effect": the rule named last before
        named = [m for m in doc.named_in(0, lo) if m.type == "Policy"]
        found = named[-1:]
    return found
