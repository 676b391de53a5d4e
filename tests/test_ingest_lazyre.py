"""A marker pattern compiled on first use answers as `re.compile` does, and reports bad
patterns when made, as the loader needs."""
from __future__ import annotations

import pickle
import re

import pytest

from kg.ingest.lazyre import LazyPattern
from kg.ingest.lexicon import load_markers

LINES = ["By Jane Doe, Reuters", "北京商报记者 何柳", "责任编辑：李明", "Updated 9:32 AM EDT, Tue May 21, 2024",
         "（新华社）", "Share this article · Sign up", "", "[1] Core Insights: - rates rose"]


def test_same_answers_as_compiled() -> None:
    for pats in load_markers().patterns.values():
        for lazy in pats:
            real = re.compile(lazy.pattern, lazy.flags)
            assert (lazy.flags, lazy.groupindex, lazy.groups) == (real.flags, dict(real.groupindex), real.groups)
            for line in LINES:
                for method in ("search", "match", "fullmatch"):
                    got, want = getattr(lazy, method)(line), getattr(real, method)(line)
                    assert (got and got.span(), got and got.groups()) == (want and want.span(), want and want.groups())
                assert lazy.split(line) == real.split(line)


def test_compiled_once_then_the_patterns_own_methods() -> None:
    lazy = LazyPattern(r"a(?P<x>b)", re.IGNORECASE)
    assert lazy._compiled is None and lazy.groupindex == {"x": 1}
    assert lazy.search("xAB")["x"] == "B"
    assert lazy.search == lazy.compiled().search
    assert pickle.loads(pickle.dumps(lazy)) == lazy == LazyPattern(r"a(?P<x>b)", re.IGNORECASE)
    assert lazy != LazyPattern(r"a(?P<x>b)")


@pytest.mark.parametrize("bad", ["a(", "(?<=a+)b", "(?<!x|yy)z", "[z-a]"])
def test_bad_pattern_raises_when_made(bad: str) -> None:
    with pytest.raises(re.error):
        re.compile(bad)
    with pytest.raises(re.error):
        LazyPattern(bad, re.IGNORECASE)
