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


def test_last_opener_answers_as_max() -> None:
    """`last_opener` picks as `max` over (offset, opener) does, ties and misses included."""
    import random

    from kg.extract.events.announced import last_opener

    rng = random.Random(7)
    openers_sets = [("关于", "關於"), ("关于", "关于对", "对"), ("ab", "b", "abc"), ()]
    for _ in range(3000):
        openers = rng.choice(openers_sets)
        text = "".join(rng.choice("关于對对關於abcx") for _ in range(rng.randint(0, 12)))
        lo, hi = sorted(rng.randint(0, len(text)) for _ in range(2))
        want = max(((text.rfind(o, lo, hi), o) for o in openers), default=(-1, ""))
        got = last_opener(text, openers, lo, hi)
        assert got == want or (got[0] == want[0] == -1), (text, openers, lo, hi, got, want)


def test_anonymous_people_gate_changes_nothing() -> None:
    """A sentence without 某 is not searched for "郭某"-style names: the search finds none there either."""
    from kg.extract.events.enforcement import _anonymous, anonymous_people
    from kg.text import sentences

    texts = [*SEEDS, "法院判处韩某有期徒刑，并处罚金。对曹某某提起公诉。某某公司被罚。欧阳某表示接受。"]
    found = 0
    for text in texts:
        for lo, hi in sentences(text):
            got = anonymous_people(text, lo, hi, [])
            assert [(m.start, m.end) for m in got] == [m.span() for m in _anonymous().finditer(text, lo, hi)]
            found += len(got)
    assert found >= 3
