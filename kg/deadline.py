"""A time budget for one piece of work, enforced by a signal so that even a loop that never
returns to the caller is cut off.

`alarm(seconds)` arms SIGALRM for the block and raises `TimeBudgetExceeded` inside it when
the time is up. It works in the main thread only (where Python delivers signals); elsewhere
it arms nothing and callers fall back to checking the clock between pieces of work. A
timer armed before (pytest-timeout, a caller's own alarm) is restored afterwards.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

DOC_TIMEOUT = 20.0  # default seconds of extraction per document (all its parts together)


class TimeBudgetExceeded(BaseException):
    """Raised inside the block of `alarm` when its time is up. A BaseException, so that the
    `except Exception` of a tolerant extractor does not swallow it."""


def can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def alarm(seconds: float) -> Iterator[bool]:
    """Run the block with a budget of `seconds`; yields whether the budget is enforced."""
    if seconds <= 0:
        raise TimeBudgetExceeded
    if not can_interrupt():
        yield False
        return
    state = {"armed": True}

    def ring(signum: int, frame: object) -> None:
        if state["armed"]:
            state["armed"] = False
            raise TimeBudgetExceeded

    old_handler = signal.signal(signal.SIGALRM, ring)
    prev_delay, prev_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield True
    finally:
        try:
            state["armed"] = False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
            if prev_delay > 0:
                left = prev_delay - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), prev_interval)
