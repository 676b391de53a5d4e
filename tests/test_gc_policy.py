"""kg.gc_policy: start-up objects frozen, young collections spaced out."""
from __future__ import annotations

import gc

from kg.gc_policy import OLDER_THRESHOLDS, YOUNG_THRESHOLD, settle


def test_settle_freezes_and_raises_thresholds() -> None:
    before = gc.get_threshold()
    try:
        kept = [[i] for i in range(100)]  # tracked containers alive at the call
        settle()
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *OLDER_THRESHOLDS)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
