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


def test_paused_stops_collection_and_restores_the_callers_setting() -> None:
    from kg.gc_policy import paused

    assert gc.isenabled()
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's default (an earlier test may have settled this process)
    try:
        with paused():
            assert not gc.isenabled()
            runs = [g["collections"] for g in gc.get_stats()]
            kept = [[i] for i in range(5000)]  # past the young threshold of 700: enabled, it would collect
            assert len(kept) == 5000 and [g["collections"] for g in gc.get_stats()] == runs
        assert gc.isenabled()
        gc.disable()
        with paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
        gc.set_threshold(*before)


def test_paused_restores_after_an_error() -> None:
    from kg.gc_policy import paused

    try:
        with paused():
            raise ValueError("stop")
    except ValueError:
        pass
    assert gc.isenabled()
