"""Line repairs before splitting: drop page chrome, pagination, boilerplate and editor
credits; strip summary scaffolding; re-join pages scraped one token per line."""
from __future__ import annotations

import re

from .dates import has_year, is_timestamp_line, year_spots
from .lexicon import Markers, load_markers

FINAL_PUNCT = "。！？!?；;…”’」』)）】.:："
_CLOSING_QUOTES = "”’」』"
_QUOTED_END = "。！？!?；;….,，"
_LATIN_START = re.compile(r"^[A-Za-z0-9(（]")
_ONLY_SYMBOLS = re.compile(r"[\W_]+")
_SMALL_NUMBER = re.compile(r"\d{1,3}")
_ROW_SEP = re.compile(r"\s+[·•|｜]\s+")


def _has_row_mark(text: str) -> bool:
    """True when `text` holds a mark that parts a row of page furniture or a publisher from a
    timestamp (a test at C speed before the patterns that need one)."""
    return "·" in text or "•" in text or "|" in text or "｜" in text
_DASH_SEP = re.compile(r"\s+[—–]\s+")
_DATELINE = re.compile(r".{1,60}?\s*[·•|｜]\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}.{0,12}")


def is_dateline(line: str, markers: Markers | None = None, *, year_seen: bool = False) -> bool:
    """A line that is a timestamp, alone, labelled ("Updated 9:32 AM EDT, Tue May 21, 2024")
    or after a publisher ("Bei Jing Shang Bao· 2025-11-04"). `year_seen`: the caller has
    found a year in `line` (`year_lines`), not to be looked for again."""
    line = line.strip()
    m = markers or load_markers()
    memo = m.dateline_memo
    known = memo.get(line)
    if known is None:
        # every form below holds a full date, and so a year (most lines have none)
        known = memo[line] = (year_seen or has_year(line)) and _is_dateline(line, m)
    return known  # type: ignore[return-value]


def _is_dateline(line: str, m: Markers) -> bool:
    if timestamp_line(line, m, year_seen=True):  # (is_dateline found its year)
        return True
    # a publisher and a timestamp hold one of _DATELINE's separators (a test at C speed first)
    if len(line) <= 80 and _has_row_mark(line) and _DATELINE.fullmatch(line):
        return True
    # an outlet and a dash before a timestamp ("Retail Weekly — October 23, 2025")
    if "—" not in line and "–" not in line:
        return False  # no dash: nothing to split (most lines)
    parts = _DASH_SEP.split(line, maxsplit=1)
    return len(line) <= 100 and len(parts) == 2 and 0 < len(parts[0]) <= 40 \
        and not timestamp_line(parts[0], m) and timestamp_line(parts[1], m)


def timestamp_line(text: str, m: Markers, *, year_seen: bool = False) -> bool:
    """`is_timestamp_line` under the markers' labels, remembered for the text being read (the
    dateline test, the head reader and its parts ask of the same line, and a line without a
    year is as costly to scan again as to ask about). `year_seen`: as for `is_timestamp_line`."""
    memo = m.timestamp_memo
    known = memo.get(text)
    if known is None:
        known = memo[text] = is_timestamp_line(text, m.of("timestamp_label_re"), year_seen=year_seen)
    return known


_CHROME_KINDS = ("chrome_re", "editor_re", "boilerplate_re")


def is_chrome(line: str, markers: Markers | None = None) -> bool:
    """Page furniture, boilerplate or an editor credit (never body text)."""
    m = markers or load_markers()
    text = line.strip()
    if not text:
        return False
    memo = m.chrome_memo
    known = memo.get(text)
    if known is None:
        known = memo[text] = _is_chrome(text, m)
    return known


def _is_chrome(text: str, m: Markers) -> bool:
    """`_is_chrome_scan` by the gate of `chrome_flags`: a pattern runs only on a line that holds
    the strings it needs, and so is compiled only then (the joined chrome, editor and
    boilerplate patterns cost re's compiler more than the lines of a small corpus cost to test)."""
    marks = m.gate(*_GATE).lines([text])
    if marks is None or m.without_literals("boilerplate_re"):
        return _is_chrome_scan(text, m)
    return _chrome_flags([text], m, marks)[0]


def _is_chrome_scan(text: str, m: Markers) -> bool:
    """`is_chrome` of a stripped, non-empty line, by every pattern."""
    if m.is_chrome_line(text):
        return True
    if m.fullmatch("chrome_re", text) or m.fullmatch("editor_re", text):
        return True
    if m.search("boilerplate_re", text):
        return True
    # a row of furniture ("Share this article · Sign up for the … newsletter")
    if not _has_row_mark(text):
        return False  # no separator: one part (most lines)
    parts = [p for p in _ROW_SEP.split(text) if p]
    return len(parts) > 1 and all(is_chrome(p, m) for p in parts)


_GATE = (_CHROME_KINDS, ("pager_re",))  # the groups of `Markers.gate` clean_lines asks for


def chrome_flags(lines: list[str], markers: Markers | None = None) -> list[bool]:
    """`is_chrome` of every line of a file. One pass over the whole text finds the few lines
    that hold a string some chrome pattern needs, and which patterns; each line is tested
    against the whole-line set, the patterns that need no such string and those whose
    strings it holds (a part of a line holds no more than the line, so a row of furniture
    is tested the same way)."""
    m = markers or load_markers()
    return _chrome_flags(lines, m, m.gate(*_GATE).lines(lines))


def _chrome_flags(lines: list[str], m: Markers, marks: dict[int, int] | None) -> list[bool]:
    """`chrome_flags` given the marks of `Markers.gate(*_GATE)` (None: no gate)."""
    if marks is None or m.without_literals("boilerplate_re"):  # a search no gate covers: the general path
        return [is_chrome(ln, m) for ln in lines]
    gate = m.gate(*_GATE)
    bits = gate.group_bits[0]
    plain = m.joined(("chrome_re", "editor_re"), literals=False)
    plain_fullmatch = plain.fullmatch if plain is not None else None
    chrome, longest = m.chrome, m.chrome_longest  # (`Markers.is_chrome_line`, read once: this runs for every line)
    memo = m.chrome_memo
    flags = []
    for i, ln in enumerate(lines):
        text = ln.strip()
        if not text:
            flags.append(False)
            continue
        flag = memo.get(text)
        if flag is None:
            mark = marks.get(i, 0) & bits
            if (len(text) <= longest and text.casefold() in chrome) or (
                    plain_fullmatch is not None and plain_fullmatch(text)):
                flag = True
            elif mark:  # the patterns whose strings the line holds
                flag = _chrome_by(text, m, [gate.keys[b][1:] for b in range(mark.bit_length()) if mark >> b & 1])
            elif _has_row_mark(text):
                flag = _chrome_by(text, m, [])  # a row of furniture?
            else:
                flag = False
            memo[text] = flag  # the splitter and the head reader ask again
        flags.append(flag)
    return flags


def _chrome_by(text: str, m: Markers, found: list[tuple[str, re.Pattern[str]]]) -> bool:
    """`is_chrome(text)` when only the patterns `found` of those that need a string may
    match (the others' strings are not in the text), and the line set and patterns that
    need none did not."""
    for kind, p in found:
        if (p.search(text) if kind == "boilerplate_re" else p.fullmatch(text)) is not None:
            return True
    if not _has_row_mark(text):
        return False
    parts = [p for p in _ROW_SEP.split(text) if p]
    return len(parts) > 1 and all(_chrome_part(p, m, found) for p in parts)


def _chrome_part(part: str, m: Markers, found: list[tuple[str, re.Pattern[str]]]) -> bool:
    text = part.strip()
    if not text:
        return False
    flag = m.chrome_memo.get(text)
    if flag is None:
        plain = m.joined(("chrome_re", "editor_re"), literals=False)
        flag = m.is_chrome_line(text) or (plain is not None and plain.fullmatch(text) is not None) \
            or _chrome_by(text, m, found)
        m.chrome_memo[text] = flag
    return flag


def _heads_link_list(lines: list[str], i: int, m: Markers) -> bool:
    """A related-reading heading that is also a button ("READ MORE") above a closing list of
    short link titles: kept, so that the list is recognised and cut."""
    text = lines[i].strip().strip("【】[]").strip().rstrip(":：").strip()
    if text.casefold() not in m.related:
        return False
    rest = [ln.strip() for ln in lines[i + 1:] if ln.strip() and not is_chrome(ln, m)]
    return bool(rest) and all(len(r) <= 100 and r[-1] not in "。.!?！？" for r in rest)


def drop_pagination(lines: list[str], markers: Markers | None = None, maybe: list[bool] | None = None) -> list[str]:
    """Drop runs of pagination marks and bare page numbers ("‹ 1 2 ›", "上一页 1 2 3 下一页"):
    each unbroken run of such lines that holds a pagination mark. `maybe`: False for a line
    that holds none of the strings the pager patterns need.

    The runs are grown out from the few pagination marks, not scanned for line by line."""
    m = markers or load_markers()
    candidates = range(len(lines)) if maybe is None else [j for j, ok in enumerate(maybe) if ok]
    pager = {j for j in candidates if (s := lines[j].strip()) and m.fullmatch("pager_re", s)}
    if not pager:
        return list(lines)  # a run is dropped only for a pager mark (most files have none)

    def in_run(k: int) -> bool:
        s = lines[k].strip()
        return k in pager or (bool(s) and len(s) <= 3 and _SMALL_NUMBER.fullmatch(s) is not None)

    drop = [False] * len(lines)
    for j in sorted(pager):
        if drop[j]:
            continue  # in the run of an earlier mark
        lo, hi = j, j + 1
        while lo > 0 and in_run(lo - 1):
            lo -= 1
        while hi < len(lines) and in_run(hi):
            hi += 1
        drop[lo:hi] = [True] * (hi - lo)
    return [line for line, d in zip(lines, drop, strict=True) if not d]


def _drop_pagination_scan(lines: list[str], m: Markers, maybe: list[bool] | None = None) -> list[str]:
    """`drop_pagination` by a scan of every line (kept for the test that compares them)."""
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        j, marked = i, False
        while j < len(lines):
            s = lines[j].strip()
            if s and (maybe is None or maybe[j]) and m.fullmatch("pager_re", s):
                marked = True
            elif not (s and _SMALL_NUMBER.fullmatch(s)):
                break
            j += 1
        if marked:
            keep[i:j] = [False] * (j - i)
        i = max(j, i + 1)
    return [line for line, k in zip(lines, keep, strict=True) if k]


def strip_scaffold(line: str, markers: Markers | None = None, *, marks: bool = True) -> list[str]:
    """Split summary scaffolding at reference marks and drop its labels, keeping the sentences.
    `marks=False`: the caller found that no reference mark can be in `line` (`Markers.possible`)."""
    m = markers or load_markers()
    labels = m.of("label_re")
    any_label = m.joined(("label_re",))
    # (searched behind their first-character guards, or without their opening `\s*`: the same
    # matches, faster; a paragraph has a white space every few characters, a mark seldom)
    maybe = m.possible("refmark_re", line) if marks else ()
    rests = m.loose("refmark_re")
    has_marks = bool(maybe) and any((r or g).search(line) for p, g, r in zip(
        m.of("refmark_re"), m.guarded("refmark_re"), rests, strict=True) if p in maybe)
    # a generic label only counts inside scaffolding (a line with reference marks): elsewhere
    # only the second and third labels can strip anything, and only they are tried
    active = labels if has_marks else labels[1:3]
    pieces = [line]
    for p, r in zip(m.guarded("refmark_re"), rests, strict=True) if has_marks else ():  # no mark: nothing to split at
        pieces = [q for piece in pieces for q in (p.split(piece) if r is None else r.split(piece))]
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if piece and piece[0] in ".,;" and has_marks:
            if out:
                out[-1] += piece[0]
            piece = piece[1:].strip()
        # most pieces open with no label at all: one try of all the labels at once says so
        changed = any_label is None or any_label.match(piece) is not None
        while changed and piece:
            changed = False
            for p in active:
                mt = p.match(piece)
                if mt and mt.end() < len(piece):
                    piece, changed = piece[mt.end():].lstrip(), True
                    break
            if changed and any_label is not None and any_label.match(piece) is None:
                changed = False  # no label opens what is left: one try says the pass below would find none
        if piece:
            out.append(piece)
    return out


def is_fragmented(lines: list[str]) -> bool:
    """Many very short lines without sentence-final punctuation: a page scraped token by token."""
    texts = [s.strip() for s in lines if s.strip()]
    if len(texts) < 12:
        return False
    short = sum(1 for s in texts if _is_token(s))
    return short >= 8 and short / len(texts) >= 0.3


def _is_token(text: str) -> bool:
    """A line too short to be a sentence: up to six characters, or up to two words of
    Latin text ("Royal Mail", "service"), without sentence-final punctuation."""
    if text[-1] in FINAL_PUNCT:
        return False
    return len(text) <= 6 or (text.isascii() and len(text.split()) <= 2)


def _ends_sentence(text: str) -> bool:
    """A token line ends a sentence at final punctuation; a closing quote ends one only after
    such a mark ("…。”"), since a quoted name ("“叮咚小区”", "“") goes on into its sentence."""
    if text[-1] not in FINAL_PUNCT or text.endswith(("“", "《")):
        return False
    if text[-1] in _CLOSING_QUOTES:
        return len(text) > 1 and text[-2] in _QUOTED_END
    return True


_LATIN_END_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%")


def _latin_end(text: str) -> bool:
    """`re.search(r"[A-Za-z0-9%]$", text)` read off the last characters (`$` also matches
    before a final line break): the search scanned the whole paragraph joined so far."""
    if text.endswith("\n"):
        text = text[:-1]
    return text[-1:] in _LATIN_END_CHARS


def join_fragments(parts: list[str]) -> str:
    """Chinese fragments join without spaces, Latin ones with a space."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and _latin_end(out) and _LATIN_START.match(part) and not (
            out[-1].isdigit() and part[0].isdigit()
        ):
            out += " "
        elif out and out[-1].isdigit() and part[0].isdigit():
            out += " "
        elif len(out) > 1 and out[-1] in ",;:" and _latin_end(out[:-1]) and part[0].isalnum() \
                and part.isascii():
            out += " "  # "February 18 news," + "Amazon": Latin text has a space after a comma
        out += part
    return out


def year_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that hold a year (`YEARISH`), found in one scan of their text:
    a line without one is no timestamp or dateline (a token page has hundreds of lines).
    The places `YEARISH` matches come from `dates.year_spots` (its leads found by `str.find`,
    where re tested a class at every position); a line holds a match exactly when it holds
    such a place (a year holds no line break)."""
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:  # a line holding a line break: line by line
        return {i for i, ln in enumerate(lines) if has_year(ln)}
    found: set[int] = set()
    count = text.count
    line, at = 0, 0  # the line of text position `at`
    for spot in year_spots(text):  # (in order: each line break counted once)
        line += count("\n", at, spot)
        at = spot
        found.add(line)
    return found


def rejoin(lines: list[str]) -> list[str]:
    """Re-join token-per-line text into paragraphs ending at sentence-final punctuation,
    keeping timestamp lines and blank lines as boundaries."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(join_fragments(buf))
            buf.clear()

    dated = year_lines(lines)
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            flush()
            out.append("")
        elif i in dated and is_dateline(text, year_seen=True):
            flush()
            out.append(text)
        else:
            buf.append(text)
            if _ends_sentence(text):
                flush()
    flush()
    return out


def drop_page_head(raw: list[str], lines: list[str], m: Markers, chrome: list[bool] | None = None) -> list[str]:
    """Navigation of a page scraped one token per line: above the first timestamp, every
    token up to the last page-furniture token ("Home News Marketplaces Sign in Amazon Tag
    archive") is menu or tag name, never the first headline. `lines` are `raw` without chrome;
    `chrome`, when given, is `is_chrome` of each raw line (already known to the caller)."""
    first = next((i for i, ln in enumerate(raw) if ln.strip() and is_dateline(ln.strip(), m)), None)
    if first is None:
        return lines
    flags = chrome if chrome is not None else [is_chrome(ln, m) for ln in raw[:first]]
    last = max((i for i in range(first) if flags[i]), default=None)
    if last is None:
        return lines
    nav = sum(1 for ln, flag in zip(raw[:last + 1], flags, strict=False) if ln.strip() and not flag)
    if nav == 0:
        return lines
    out, skip = [], nav
    for ln in lines:  # `lines` keeps raw order: skip the first `nav` kept tokens
        if skip and ln.strip():
            skip -= 1
            continue
        out.append(ln)
    return out


def clean_lines(text: str, markers: Markers | None = None) -> tuple[list[str], bool]:
    """Text -> repaired lines (blank lines kept as paragraph breaks); True when re-joined.

    Summary scaffolding is stripped later, per document body (`strip_scaffold`), so that
    the splitter still sees one line per summary.
    """
    m = markers or load_markers()
    m.forget()  # a new text: the answers remembered for the last one's lines go
    raw = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    marks = m.gate(*_GATE).lines(raw)  # the lines that may hold chrome or pager strings, and which
    chrome = _chrome_flags(raw, m, marks)  # once per line: the page-head cut below asks again
    kept = [i for i in range(len(raw)) if not chrome[i] or _heads_link_list(raw, i, m)]
    lines = [raw[i] for i in kept]
    pager_bits = m.gate(*_GATE).group_bits[1]
    pager = None if marks is None else [bool(marks.get(i, 0) & pager_bits) for i in kept]
    lines = drop_pagination(lines, m, pager)
    fragmented = is_fragmented(lines)
    rejoined = None
    if fragmented:
        lines = rejoin(drop_page_head(raw, lines, m, chrome))
        rejoined = chrome_flags(lines, m)  # the re-joined paragraphs are new lines: asked once, the same way
    out: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            out.append("")
            continue
        # a line opening with a letter or digit (most) holds more than symbols: no need to scan it
        if (not stripped[0].isalnum() and _ONLY_SYMBOLS.fullmatch(stripped)) or (rejoined is not None and rejoined[i]):
            continue
        out.append(stripped)
    return out, fragmented
