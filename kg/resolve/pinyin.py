"""Toneless pinyin as `pypinyin.lazy_pinyin(text, style=Style.NORMAL)` gives it, without importing pypinyin.

Importing pypinyin parses its whole phrase dictionary (47k phrases, a 2.5 MB JSON file) and
builds a prefix set of it: about 0.2 CPU s per process, more than the rest of resolution on a
5 MB corpus. Resolution asks for the pinyin of names only, through the same two data files:
the phrase file is kept as text, whose phrases are in sorted order: a prefix test is a bisection
over that text, and a phrase's readings are parsed when a name holds it.
The segmentation (pypinyin's strict forward maximum matching over the phrases), the choice
of the first reading and the NORMAL style are pypinyin's, rule for rule; tests compare the two
over every phrase, every character and mixed strings. With a pypinyin whose rules were not
checked (`CHECKED`) or whose files read otherwise, pypinyin itself answers.
"""
from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby
from pathlib import Path

CHECKED = ("0.55.",)  # pypinyin versions whose rules this module follows (tests/test_resolve_pinyin.py)

# pypinyin's RE_HANS: the characters it reads as Han (it looks each one up, or keeps it as written)
_HANS = re.compile(
    "[\u3007\ue815-\ue864\ufa18\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002A6DF"
    "\U0002A703-\U0002B73F\U0002B740-\U0002B81D\U0002B825-\U0002BF6E\U0002C029-\U0002CE93\U0002D016"
    "\U0002D11B-\U0002EBD9\U0002F80A-\U0002FA1F\U00030000-\U0003134A\U000300F7-\U00031288\U00030EDD"
    "\U00030EDE\U00031350-\U00032389]")
# NORMAL style as pypinyin makes it (replace_symbol_to_no_symbol): each tone-marked letter becomes
# its letter and tone number (ü: v), then the marks written as a combining character after m
# or ê, then every digit goes
_TONE_NUMBER = str.maketrans({
    **{c: f"a{n}" for n, c in enumerate("āáǎà", 1)}, **{c: f"e{n}" for n, c in enumerate("ēéěè", 1)},
    **{c: f"i{n}" for n, c in enumerate("īíǐì", 1)}, **{c: f"o{n}" for n, c in enumerate("ōóǒò", 1)},
    **{c: f"u{n}" for n, c in enumerate("ūúǔù", 1)}, **{c: f"v{n}" for n, c in enumerate("ǖǘǚǜ", 1)},
    "ü": "v", "ń": "n2", "ň": "n3", "ǹ": "n4", "ḿ": "m2", "ế": "ê2", "ề": "ê4"})
_COMBINED = (("m\u0304", "m1"), ("m\u0300", "m4"), ("ê\u0304", "ê1"), ("ê\u030c", "ê3"))
_DIGIT = re.compile(r"\d")


_MARK = '": [\n'  # ends the line of each phrase in pypinyin's phrase file (`"phrase": [`), and no other line


class _Tables:
    """pypinyin's two dictionaries, read from its data files: each character's readings (text),
    and the phrase file's text itself. That file is JSON written one item a line, its phrases
    in sorted order, each on a line `"phrase": [` followed by its readings: a phrase is found by
    bisection over the text (the lines around an offset), and its readings parsed on first use,
    so nothing is built for the 47k phrases a build never asks about (splitting them into a
    table cost more than the rest of resolution's pinyin)."""

    def __init__(self, folder: Path) -> None:
        self.singles: dict[str, str] = json.loads((folder / "pinyin_dict.json").read_text(encoding="utf-8"))
        text = (folder / "phrases_dict.json").read_text(encoding="utf-8")
        # phrases compared as written: an escaped one (a backslash) would not sort as it reads
        if not text.startswith('{\n"') or _MARK not in text or "\\" in text:
            raise ValueError("pypinyin's phrase file reads otherwise")
        self._text = text
        self.readings: dict[str, list[str]] = {}
        self._blocks: dict[str, tuple[int, int]] = {}  # `_block` of each prefix asked about

    def first(self, char: str) -> str:
        """The character's first reading, or the character when it has none."""
        readings = self.singles.get(str(ord(char)))
        return char if readings is None else readings.split(",")[0]

    def _phrase_at(self, mark: int) -> str:
        """The phrase whose line ends with the `_MARK` at offset `mark`."""
        return self._text[self._text.rindex("\n", 0, mark) + 2 : mark]

    def _lower(self, text: str, lo: int, hi: int) -> int:
        """An offset past every phrase (of those marked in `lo`..`hi`) sorting before `text`: the
        phrase marked first after it is the first not before `text`, given that every phrase
        marked before `lo` sorts before `text` and the answer's mark is at or before hi's next."""
        body = self._text
        while lo < hi:
            mid = (lo + hi) // 2
            mark = body.find(_MARK, mid)
            if mark != -1 and self._phrase_at(mark) < text:
                lo = mark + len(_MARK)
            else:
                hi = mid
        return lo

    def _block(self, prefix: str) -> tuple[int, int]:
        """`_lower` of `prefix` and of the word after every one starting with it (its last
        character the next one): the phrases starting with `prefix` lie between. Found within
        the block of `prefix` less its last character, so a search bisects a few phrases, not
        47k, and the searches of a name's successive prefixes (`cut`) each narrow the last."""
        got = self._blocks.get(prefix)
        if got is None:
            lo, hi = self._block(prefix[:-1]) if len(prefix) > 1 else (0, len(self._text))
            last = ord(prefix[-1])
            after = self._lower(prefix[:-1] + chr(last + 1), lo, hi) if last < 0x10FFFF else hi
            got = self._blocks[prefix] = (self._lower(prefix, lo, hi), after)
        return got

    def _seek(self, text: str) -> tuple[str, int]:
        """The first phrase (in sorted order) not before `text`, with the offset of its line's
        `_MARK`; ("", -1) when every phrase sorts before it."""
        mark = self._text.find(_MARK, self._block(text)[0] if text else 0)
        return (self._phrase_at(mark), mark) if mark != -1 else ("", -1)

    def is_prefix(self, text: str) -> bool:
        """Whether some phrase starts with `text` (pypinyin's PrefixSet)."""
        return self._seek(text)[0].startswith(text)

    def is_phrase(self, word: str) -> bool:
        return word in self.readings or self._seek(word)[0] == word

    def phrases(self) -> list[str]:
        """Every phrase, in the file's order (tests)."""
        return [self._phrase_at(m.start()) for m in re.finditer(re.escape(_MARK), self._text)]

    def phrase(self, word: str) -> list[str]:
        """The first reading of each character of phrase `word` (KeyError: not a phrase)."""
        got = self.readings.get(word)
        if got is None:
            found, mark = self._seek(word)
            if found != word:
                raise KeyError(word)
            start = mark + len(_MARK)
            after = self._text.find(_MARK, start)
            # the readings end where the next phrase's line starts (or at the end of the file)
            body = self._text[start : self._text.rindex('\n"', start, after) if after != -1 else len(self._text)]
            got = self.readings[word] = [r[0] for r in json.loads("[" + body[: body.rindex("]") + 1])]
        return got

    def cut(self, run: str) -> list[str]:
        """A run of Han characters as pypinyin's mmseg cuts it (strict: phrases or single characters)."""
        out: list[str] = []
        remain = run
        while remain:
            last, last_end = "", 0
            for index in range(len(remain)):
                word = remain[: index + 1]
                found = self._seek(word)[0]  # the phrase at or after `word`: is it a prefix, the word itself?
                if not found.startswith(word):
                    if last:
                        out.append(last)
                        remain = remain[last_end:]
                    else:
                        out.append(remain[0])
                        remain = remain[1:]
                    break
                if found == word:
                    last, last_end = word, index + 1
            else:  # every prefix of what remains starts some phrase
                if last:
                    out.append(last)
                    remain = remain[last_end:]
                else:
                    out.extend(remain if not self.is_phrase(remain) else [remain])
                    break
        return out

    def syllables(self, text: str) -> list[str]:
        """lazy_pinyin(text, style=Style.NORMAL), characters without a reading kept as written."""
        out: list[str] = []
        for is_han, chars in groupby(text, key=lambda c: _HANS.match(c) is not None):
            run = "".join(chars)
            if not is_han:
                out.append(run)
                continue
            for word in self.cut(run):
                if len(word) > 1 or self.is_phrase(word):  # cut gives phrases and single characters
                    out.extend(_normal(p) for p in self.phrase(word))
                else:
                    out.extend(_normal(self.first(c)) for c in word)
        return out


def _normal(reading: str) -> str:
    text = reading.translate(_TONE_NUMBER)
    for marked, numbered in _COMBINED:
        text = text.replace(marked, numbered)
    return _DIGIT.sub("", text)


@lru_cache(maxsize=1)
def _source() -> _Tables | Callable[[str], list[str]]:
    """The tables, or pypinyin's own function when its files or version are not the checked ones."""
    spec = importlib.util.find_spec("pypinyin")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    if folder is not None:
        version = re.search(r'__version__ = [\'"]([^\'"]+)', (folder / "__init__.py").read_text(encoding="utf-8"))
        if version and version.group(1).startswith(CHECKED):
            try:
                return _Tables(folder)
            except (OSError, ValueError, KeyError):
                pass
    from pypinyin import Style, lazy_pinyin

    return lambda text: lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: s)


def lazy_pinyin_normal(text: str) -> list[str]:
    """`pypinyin.lazy_pinyin(text, style=Style.NORMAL)`: one toneless syllable per Han
    character (a phrase read as a phrase), every other run of characters as written."""
    source = _source()
    return source.syllables(text) if isinstance(source, _Tables) else source(text)
