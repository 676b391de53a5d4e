"""The fast paths of the name rules answer as the plain forms they replace."""
from __future__ import annotations

import re
from pathlib import Path

from kg.extract.mentions.descriptors import _LowerWords, prose_lower_words
from kg.extract.mentions.names_common import LATIN, UP, Prefixes, first_not_after

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TRICKY = [
    "amazon-based sellers; amazon-@x; see amazon.com and mail@amazon now",
    "Amazon said, amazon said; foo/amazon and .amazon or -amazon, amazonx amazon",
    "the e-commerce-- platform, ab a-b, x-y-z.",
    "",
]


def _texts() -> list[str]:
    return TRICKY + [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.iterdir()) if p.is_file()]


def test_lower_words_as_the_set() -> None:
    for text in _texts():
        words = prose_lower_words(text)
        lazy = _LowerWords(text)
        asked = {*words, *re.findall(r"[a-z][a-z\-]*", text), "", "amazon", "amazon-", "said", "zzz"}
        for w in sorted(asked):
            assert (w in lazy) == (w in words), (w, text[:40])


def test_first_not_after_as_look_behind() -> None:
    plain = re.compile(rf"(?<![{LATIN}0-9])[{UP}][a-z]+")
    fast = re.compile(first_not_after(UP, f"{LATIN}0-9") + "[a-z]+")
    for text in [*_texts(), "Ab Cd9Ef gH Ij", "Ab"]:
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]


def test_prefixes_as_startswith() -> None:
    words = ["平台", "平台方", "发布", "a", "ab"]
    at = Prefixes(words)
    for text in ["平台方发布", "xab", "", "发"]:
        for i in range(len(text) + 2):
            assert at.at(text, i) == text.startswith(tuple(words), i)
            assert [w for w in words if text.startswith(w, i)] == [w for w in at.starting(text, i) if text.startswith(w, i)]
