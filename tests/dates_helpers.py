"""A check shared by the date tests: the patterns tried only at their leads find what a scan finds."""
from __future__ import annotations

import re

from kg.extract.dates import DateFinder
from kg.regex_needs import lowered


def assert_leads_equal_a_scan(finder: DateFinder, text: str) -> None:
    """Patterns tried only where a month name (or another pattern's match) starts, the relative
    words tried only where one is written and the weekdays at their words find exactly what a
    scan of the whole text finds."""
    months = [m.start() for m in finder.mon_re.finditer(text)]
    done: dict[int, list[re.Match[str]]] = {}
    for k, (_, pattern, _) in enumerate(finder.patterns):
        assert [m.span() for m in finder._matches(k, text, months, done)] == [m.span() for m in pattern.finditer(text)]
    low = lowered(text)
    if low is not None:
        tried = finder._tried_at(finder.rel_re, text, finder._rel_starts(low))
        assert [m.span() for m in tried] == [m.span() for m in finder.rel_re.finditer(text)]
    local = [m.span() for m in finder.rel_re.finditer(text) if finder.relative[m.group().casefold()][0] != "en"]
    assert [m.span() for m in finder.rel_local.finditer(text)] == local
    weekdays = finder._tried_at(finder.wd_re, text, finder.wd_words.starts(text))
    assert [m.span() for m in weekdays] == [m.span() for m in finder.wd_re.finditer(text)]
