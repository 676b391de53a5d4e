"""First-character guards put before cue alternations of the events step change no match."""
from __future__ import annotations

import re
from pathlib import Path

from kg.extract.cues import phrases
from kg.extract.events.deals import _review
from kg.extract.events.role_words import role_cues
from kg.extract.patterns import ordered_alternation

SEEDS = [p.read_text(encoding="utf-8", errors="replace")
         for p in sorted(Path(__file__).resolve().parents[1].glob("seeds/*")) if p.is_file()]


def test_review_guard_changes_no_match() -> None:
    """`_review` (a body that reviews a deal) matches at every place as its bare pattern does."""
    cues = role_cues("approvers")
    bare = {"zh": re.compile(rf"[^，,。；;：:]{{0,12}}?(?:{ordered_alternation(cues['zh_review'])})"),
            "en": re.compile(rf"[^,.;:!?\n]{{0,40}}?\b(?:{phrases(cues['en_review'])})\b", re.IGNORECASE)}
    made = " ".join(f"X {w.upper()} and Y，{w}。" for w in [*cues["zh_review"], *cues["en_review"]])
    found = 0
    for lang, plain in bare.items():
        for text in [*SEEDS, made]:
            for pos in range(len(text)):
                got = _review(lang).match(text, pos)
                assert (got and got.span()) == ((m := plain.match(text, pos)) and m.span())
                found += got is not None
    assert found
