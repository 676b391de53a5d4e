"""The speaker of an English sentence is no party of the events it reports.

"…chairman Frank V. Cahouet has retired, Ms. Madan said." / "…, said Tom Ray, a spokesman.": a
person named after the trigger whose only part in the sentence is saying it (a verb of speech
right after or right before the name, and at most a few words to the sentence's end) neither acts
nor is affected. Verbs in the `closing_speakers` section of `kg/lexicons/triggers/_roles.json`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import Mention
from ..cues import cue_section, phrases
from .role_words import ROLES_FILE

_TAIL = r"[^.!?;]{0,40}?[.!?\"”’']*\s*\Z"  # "on Sunday.", "in a statement.", ", a spokesman for the bank."


_END = re.compile(_TAIL)  # after a name the speech verb came before: a few words, then the sentence's end


@lru_cache(maxsize=1)
def _speech() -> tuple[re.Pattern[str], re.Pattern[str]]:
    verbs = phrases(cue_section(ROLES_FILE, "closing_speakers")["en"])
    after = re.compile(rf"\s*(?:{verbs})\b{_TAIL}", re.IGNORECASE)  # "Ms. Madan said."
    before = re.compile(rf",\s*(?:{verbs})\s+\Z", re.IGNORECASE)  # ", said Tom Ray"
    return after, before


def closing_speakers(text: str, mentions: list[Mention], trigger_end: int, lo: int, hi: int) -> list[Mention]:
    """The mentions without the persons who, after the trigger, only say the sentence [lo, hi)."""
    after, before = _speech()

    def speaks(m: Mention) -> bool:  # (a person of the sentence after the trigger, tested below)
        rest = text[m.end : hi]
        if after.match(rest):
            return True
        return bool(before.search(text, max(lo, m.start - 20), m.start)) and _END.match(rest) is not None

    start = max(lo, trigger_end)  # (inline tests first: most names of a long document are elsewhere)
    return [m for m in mentions if m.type != "Person" or not start <= m.start < hi or not speaks(m)]
