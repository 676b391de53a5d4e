"""Dates in news layout: timestamps, datelines, item leads ("3月13日消息", "On March 1,") and
the year of a month-day lead, inferred from the text (never from the clock)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from .prefilter import guarded

MONTHS = {
    m: i for i, names in enumerate((
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for m in names
}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ORD = r"(?:st|nd|rd|th)?"

# A numeric timestamp: 2023-03-13, 2023/3/13 17:16, 2023年3月13日 17:16:05
NUMERIC = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?"
    r"(?:[\sT]*(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?)?"
)
# An English date: August 15, 2021 / Aug. 15, 2021 / 15 August 2021 (behind a look-ahead for a
# month's first letter or a digit: re then skips most positions of a long text in one test)
ENGLISH = guarded(re.compile(
    rf"\b(?:{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?P<mon2>[a-z]{{3,9}})\.?,?\s+(?P<y2>(?:19|20)\d\d))\b",
    re.IGNORECASE,
))
# A line that is only a timestamp.
_TS_NUMERIC_LINE = re.compile(rf"\s*{NUMERIC.pattern}\s*")
_TS_ENGLISH_LINE = re.compile(rf"\s*{ENGLISH.pattern}\s*", re.IGNORECASE)
# Lead of a news item: "3月13日消息," / "3月1日讯" / "On March 1," / "According to March 1," / "March 1 news,"
LEAD_ZH = re.compile(r"\s*(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:消息|讯|电|晚间消息|早间消息)\s*[,，:：]?")
LEAD_EN = re.compile(
    rf"\s*(?:(?:according to|on|as of)\s+)?{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD}(?:\s+news)?\s*,",
    re.IGNORECASE,
)
# a dated entry of a list ("June 3 — eBay completed …")
# or with a colon ("July 3: The CCI imposed …")
LEAD_EN_DASH = re.compile(rf"\s*{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD}(?:\s*[—–]|:(?=\s))\s*", re.IGNORECASE)
# What may surround a date in a timestamp line: clock times, weekdays, time zones, separators.
_TIME_NOISE = re.compile(
    r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?"
    r"|\b(?:at|on)\b|\b(?:gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|\b[a-z]{1,2}[sd]t\b|\b(?:bst|hkt|sgt|jst|cet|cest|et|ct|mt|pt)\b"
    r"|星期[一二三四五六日天]|周[一二三四五六日天]|[上下]午|[,，|｜·•()（）/\s-]",
    re.IGNORECASE,
)
_MONTH_DAY_EN = re.compile(
    rf"\b{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD}\b|\b(?P<d2>\d{{1,2}}){_ORD}\s+(?P<mon2>[a-z]{{3,9}})\b\.?",
    re.IGNORECASE,
)
# "not after a digit" tested after the literal "19"/"20" (a look-behind over it and the digit
# before), so that re scans for the literal instead of trying every position
_YEAR = re.compile(r"((?:19|20)(?<!\d\d\d)\d\d)(?!\d)")
# What every full date above holds (NUMERIC's and ENGLISH's year): a line without it is no
# timestamp, found by re's fast scan for a literal start instead of the line patterns' attempts
YEARISH = re.compile(r"(?:19|20)\d\d")
YEAR_LEADS = ("19", "20")  # the ways `YEARISH` opens


def has_year(text: str) -> bool:
    """`YEARISH.search(text)`, after two substring tests that rule most texts out: re scans
    for its two possible starts by testing a class at every position, `in` for a literal
    many times faster."""
    return ("19" in text or "20" in text) and YEARISH.search(text) is not None
_MONTH_DAY_ZH = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _from_match(mt: re.Match[str]) -> str | None:
    gd = mt.groupdict()
    if gd.get("m") is not None and gd.get("y") is not None and gd.get("mon") is None:
        return _iso(int(gd["y"]), int(gd["m"]), int(gd["d"]))
    if gd.get("mon"):
        return _iso(int(gd["y"]), MONTHS[gd["mon"].lower().rstrip(".")], int(gd["d"]))
    if gd.get("mon2") and gd["mon2"].lower() in MONTHS:
        return _iso(int(gd["y2"]), MONTHS[gd["mon2"].lower()], int(gd["d2"]))
    return None


def year_spots(text: str) -> list[int]:
    """Where `YEARISH` matches in `text` (overlapping ones too), in order: its two leads found
    by `str.find` and the two characters after each tested as `\\d` does (`str.isdecimal`)."""
    spots: list[int] = []
    last = len(text) - 4
    for lead in YEAR_LEADS:
        spot = text.find(lead)
        while 0 <= spot <= last:
            if text[spot + 2:spot + 4].isdecimal():
                spots.append(spot)
            spot = text.find(lead, spot + 1)
    spots.sort()
    return spots


# Every ENGLISH match ends with its year (then a word boundary), and holds no more than 15
# characters but white space before it ("september" and a dot, a day, "th" and a comma):
# a match is looked for in the few characters before each year only. Before a year the
# pattern holds no four digits in a row, so the first year at or after a match's start is
# its own: the years are visited in order, as re's scan would reach their matches.
_ENGLISH_LEAD = 15
_ENGLISH_SCAN = 400  # a shorter text is scanned whole (no set-up per year)


def english_dates(text: str) -> Iterator[re.Match[str]]:
    """`ENGLISH.finditer(text)`: for a long text, searched only just before each year (re
    tries the pattern at every letter of a month's first letters and digit, a few dozen
    nanoseconds a character)."""
    if len(text) < _ENGLISH_SCAN:
        yield from ENGLISH.finditer(text)
        return
    pos = 0  # where the next match may start (the end of the last one)
    isspace = str.isspace
    for year in year_spots(text):
        if year < pos:
            continue
        start, seen, k = year, 0, year
        while k > pos:  # back over at most _ENGLISH_LEAD characters but white space
            k -= 1
            if not isspace(text[k]):
                seen += 1
                if seen > _ENGLISH_LEAD:
                    break
            start = k
        # (the end one past the year's: `\b` after the year reads the next character)
        mt = ENGLISH.search(text, start, year + 5)
        if mt is not None:
            yield mt
            pos = mt.end()


def parse_timestamp(text: str) -> str | None:
    """ISO date of the first full date in `text` ("2023-03-13 17:16" -> "2023-03-13")."""
    if not has_year(text):
        return None  # both patterns hold a year (a fast scan rules most texts out)
    for matches in (NUMERIC.finditer(text), english_dates(text)):
        for mt in matches:
            value = _from_match(mt)
            if value:
                return value
    return None


def is_timestamp_line(line: str, labels: tuple[re.Pattern[str], ...] = (), *, year_seen: bool = False) -> bool:
    """A line that only says when: a date, maybe with a label ("Updated", "发布时间："),
    a weekday, a clock time and a time zone ("Updated 9:32 AM EDT, Tue May 21, 2024").
    `year_seen`: the caller has found a year in `line` (`has_year`), not to be looked for again."""
    if not year_seen and not has_year(line):
        return False  # no year: no full date (most lines)
    if _TS_NUMERIC_LINE.fullmatch(line) or _TS_ENGLISH_LINE.fullmatch(line):
        return parse_timestamp(line) is not None
    if len(line) > 80:
        return False
    for rx in (NUMERIC, ENGLISH):
        mt = rx.search(line)
        if mt and _from_match(mt):
            rest = line[: mt.start()] + " " + line[mt.end():]
            for label in labels:
                rest = label.sub(" ", rest)
            return only_noise(rest)
    return False


def only_noise(text: str) -> bool:
    """`not _TIME_NOISE.sub("", text).strip()`, read from the start and given up at the first
    character no noise covers: sub tries the same match at each position, and leaves the
    character where none starts (never white space: `\\s` is noise). The sub scanned a whole
    line trying every alternative at every position; a byline or a sentence fails at once."""
    at, end = 0, len(text)
    match = _TIME_NOISE.match
    while at < end:
        mt = match(text, at)
        if mt is None:
            return False
        at = mt.end()
    return True


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of "May 21" / "Sept. 3" / "3 May" / "6月17日"."""
    zh = _MONTH_DAY_ZH.search(text)
    if zh:
        month, day = int(zh["m"]), int(zh["d"])
        return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    mt = _MONTH_DAY_EN.search(text)
    if not mt:
        return None
    mon = (mt["mon"] or mt["mon2"]).lower().rstrip(".")
    day = int(mt["d"] or mt["d2"])
    return (MONTHS[mon], day) if mon in MONTHS and 1 <= day <= 31 else None


def full_dates(text: str) -> list[date]:
    """Every full (year-month-day) date written in `text`."""
    out: list[date] = []
    if not has_year(text):
        return out  # both patterns hold a year (a fast scan rules most texts out)
    for matches in (NUMERIC.finditer(text), english_dates(text)):
        for mt in matches:
            value = _from_match(mt)
            if value:
                out.append(date.fromisoformat(value))
    return out


def lead_month_day(text: str) -> tuple[int, int] | None:
    """Month and day of an item lead ("3月13日消息," / "On March 1,") at the start of `text`."""
    mt = LEAD_ZH.match(text)
    if mt:
        month, day = int(mt["m"]), int(mt["d"])
    else:
        mt = LEAD_EN.match(text) or LEAD_EN_DASH.match(text)
        if not mt:
            return None
        month, day = MONTHS[mt["mon"].lower().rstrip(".")], int(mt["d"])
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def has_lead(text: str) -> bool:
    return lead_month_day(text) is not None


def year_from_text(month: int, day: int, text: str) -> int | None:
    """The year whose (month, day) lies nearest a full date written in the item (within a year).

    News announces things shortly before or after they happen, so the nearest full date
    mentioned fixes the year of an item's month-day lead.
    """
    best: tuple[int, int] | None = None
    for when in full_dates(text):
        for year in (when.year - 1, when.year, when.year + 1):
            iso = _iso(year, month, day)
            if iso is None:
                continue
            gap = abs((date.fromisoformat(iso) - when).days)
            if gap <= 366 and (best is None or gap < best[0]):
                best = (gap, year)
    return best[1] if best else None


def year_before(month: int, day: int, later: str) -> int:
    """Year of (month, day) on or before the ISO date `later` (lists run newest first)."""
    ref = date.fromisoformat(later[:10])
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def year_near(month: int, day: int, ref: str) -> int:
    """Year that puts (month, day) nearest the ISO date `ref` (a sibling article's date)."""
    when = date.fromisoformat(ref[:10])
    best = when.year
    gap = None
    for year in (when.year - 1, when.year, when.year + 1):
        iso = _iso(year, month, day)
        if iso and (gap is None or abs((date.fromisoformat(iso) - when).days) < gap):
            best, gap = year, abs((date.fromisoformat(iso) - when).days)
    return best


def common_year(texts: list[str]) -> int | None:
    """The most frequent plausible year written in `texts` (ties: the later year)."""
    found = Counter(y for t in texts for y in _YEAR.findall(t))  # "19xx"/"20xx": one string per year
    counts = {int(y): n for y, n in found.items() if 1990 <= int(y) <= 2100}
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def make_date(year: int, month: int, day: int) -> str | None:
    return _iso(year, month, day)
