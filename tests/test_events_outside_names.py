"""`outside_names` drops the trigger hits inside one of the names starting last before them: the
largest end among those names answers as testing each name does."""
from __future__ import annotations

import bisect
import random

from kg.extract.events.sentences import outside_names
from kg.extract.events.triggers import TriggerHit
from kg.model import Mention


def _inside_any(h: TriggerHit, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right([a for a, _ in spans], h.start)
    return any(a <= h.start and h.end <= b for a, b in spans[max(0, i - 8) : i])


def test_outside_names_keeps_what_testing_each_name_keeps() -> None:
    rng = random.Random(11)
    dropped = kept = 0
    for _ in range(400):
        mentions = []
        for _ in range(rng.randint(1, 20)):
            a = rng.randint(0, 80)
            mentions.append(Mention(text="x", start=a, end=a + rng.randint(1, 12), type="Company"))
        spans = sorted((m.start, m.end) for m in mentions)
        hits = [[TriggerHit("Launch", a, a + rng.randint(1, 4), "x", 0.7, 5) for a in rng.sample(range(90), 3)]
                for _ in range(3)] + [[]]
        out = outside_names(hits, mentions)
        assert out == [[h for h in hs if not _inside_any(h, spans)] for hs in hits]
        kept += sum(map(len, out))
        dropped += sum(map(len, hits)) - sum(map(len, out))
    assert kept > 100 and dropped > 100
