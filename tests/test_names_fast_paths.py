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


def _reference_runs(text: str, abbreviations: frozenset[str], connectors: frozenset[str]) -> list[list[tuple[str, int, int]]]:
    """Capitalised runs as first written: every token of the whole alternation, one by one."""
    from kg.extract.mentions.names_en import _COMMA_JOINED

    token = re.compile(
        rf"[{UP}](?:\.[{LATIN}]{{1,2}})+\.?|[{UP}]/[{UP}]\b|[{UP}0-9][{LATIN}0-9'’&\-]*\.?|\b(?:of|for|and|de|on)\b|&")
    toks = []
    for m in token.finditer(text):
        word, (start, end) = m.group(), m.span()
        if word[-1] == "." and word not in abbreviations:
            word, end = word[:-1], end - 1
        toks.append((word, start, end))
    runs: list[list[tuple[str, int, int]]] = []
    cur: list[tuple[str, int, int]] = []

    def close() -> None:
        while cur and cur[-1][0] in connectors:
            cur.pop()
        if cur:
            runs.append(list(cur))
    for tok in toks:
        if (tok[0][0].isupper() or tok[0][0].isdigit()) and tok[1] and "a" <= text[tok[1] - 1] <= "z":
            close()  # "theBank", "iPhone": a capital inside a lower-case word ends the run, opens none
            cur = []
            continue
        cap = tok[0][0].isupper() or (tok[0][0].isdigit() and bool(cur))
        conn = tok[0] in connectors and bool(cur)
        gap = text[cur[-1][2] : tok[1]] if cur else ""
        joined = bool(cur) and (gap == " " or (gap in (",", ", ") and tok[0] in _COMMA_JOINED))
        if (cap or conn) and joined:
            cur.append(tok)
            continue
        close()
        cur = [tok] if cap else []
    close()
    return runs


def test_capitalised_runs_as_one_token_pass() -> None:
    import random

    from kg.extract.mentions.names_en import EnOrgFinder, capitalised_runs

    e = EnOrgFinder()
    pieces = ["A", "Bank", "Co.", "Ltd", "Inc.", "S.A.", "A/S", "É", "of", "and", "for", "de", "on", "the", "&",
              " ", " ", ", ", ",", ".", "-", "'", "1", "23", "x", "o", "d", "f", "a", "中", "\n"]
    rng = random.Random(7)
    texts = _texts() + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        got = [[tuple(t) for t in run] for run in capitalised_runs(text, e.abbreviations, e.connectors)]
        assert got == _reference_runs(text, e.abbreviations, e.connectors), text


def test_after_long_stop_as_rfind_per_word() -> None:
    from kg.extract.mentions.names_zh import ZhOrgFinder

    z = ZhOrgFinder()
    words = z._role_stops

    def plain(text: str, lo: int, s: int) -> int | None:
        ends = [text.rfind(w, lo, s) + len(w) for w in words if text.rfind(w, lo, s) >= 0]
        return max(ends, default=None)

    extra = [w + v for w in words[:5] for v in words[:5]] + [w[:-1] + w for w in words[:5]]
    for text in [*_texts(), *extra]:
        for s in range(0, min(len(text), 400) + 1, 3):
            for lo in (0, max(0, s - 18), max(0, s - 5), s):
                assert z._after_long_stop(text, lo, s) == plain(text, lo, s), (text[lo:s], lo, s)
