"""kg.resolve.pinyin reads names as pypinyin does (lazy_pinyin, NORMAL style), without importing it."""
from __future__ import annotations

import random
import sys

import pytest

pypinyin = pytest.importorskip("pypinyin")
from pypinyin import Style, lazy_pinyin  # noqa: E402
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS  # noqa: E402

from kg.resolve import pinyin as kp  # noqa: E402


def _theirs(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: s)


@pytest.fixture(scope="module")
def tables() -> kp._Tables:
    source = kp._source()
    assert isinstance(source, kp._Tables), "the installed pypinyin is not one this module was checked against"
    return source


def test_pinyin_tables_hold_pypinyins_dictionaries(tables: kp._Tables) -> None:
    phrases = tables.phrases()
    assert phrases == sorted(PHRASES_DICT)  # sorted: the bisection over the file's text needs it
    assert all(tables.is_phrase(w) and tables.is_prefix(w) and tables.is_prefix(w[:-1]) for w in phrases)
    assert not any(tables.is_phrase(w + "\u4e00\u4e00\u4e00") for w in phrases[::97])
    assert {int(k): v for k, v in tables.singles.items()} == PINYIN_DICT
    assert all(tables.phrase(w) == [r[0] for r in PHRASES_DICT[w]] for w in PHRASES_DICT)


def test_pinyin_seek_answers_as_a_scan_of_the_sorted_phrases() -> None:
    """`_seek` bisects within the kept block of each prefix: it must find what a scan of every
    phrase finds, for phrases, their prefixes and words between or beyond them, asked in any order."""
    from bisect import bisect_left

    source = kp._source()
    assert isinstance(source, kp._Tables)
    fresh = kp._Tables(kp.Path(kp.importlib.util.find_spec("pypinyin").origin).parent)  # no blocks kept yet
    phrases = sorted(PHRASES_DICT)
    rng = random.Random(5)
    words = [w[:k] for w in rng.sample(phrases, 400) for k in range(1, len(w) + 1)]
    words += [w[:-1] + chr(ord(w[-1]) + d) for w in rng.sample(phrases, 300) for d in (-1, 1)]
    words += ["\u4e00", "\u3400\u3400", "a", "\U0010ffff", "\U0010ffff\u4e00", "\u9fa5\u9fa5\u9fa5"]
    rng.shuffle(words)
    for word in words:
        i = bisect_left(phrases, word)
        assert fresh._seek(word)[0] == (phrases[i] if i < len(phrases) else ""), word


def test_pinyin_han_characters_are_pypinyins() -> None:
    ours = [c for c in range(sys.maxunicode + 1) if kp._HANS.match(chr(c))]
    theirs = [c for c in range(sys.maxunicode + 1) if RE_HANS.match(chr(c))]
    assert ours == theirs


def test_pinyin_every_phrase_and_character_reads_as_pypinyin_reads_it(tables: kp._Tables) -> None:
    for word in PHRASES_DICT:
        assert kp.lazy_pinyin_normal(word) == _theirs(word), word
    for code in PINYIN_DICT:
        assert kp.lazy_pinyin_normal(chr(code)) == _theirs(chr(code)), hex(code)


def test_pinyin_mixed_strings_read_as_pypinyin_reads_them(tables: kp._Tables) -> None:
    rng = random.Random(11)
    phrases = sorted(PHRASES_DICT)
    chars = [chr(c) for c in sorted(PINYIN_DICT)]
    others = [*"abcXYZ 12３，。·-()（）《》\n\u4dc0\u3007", "\U00020000", "\ue815"]
    for _ in range(20000):
        pieces = []
        for _ in range(rng.randint(1, 6)):
            kind = rng.random()
            if kind < 0.5:
                word = rng.choice(phrases)
                pieces.append(word[rng.randint(0, len(word) - 1):] if rng.random() < 0.3 else word)
            elif kind < 0.85:
                pieces.append(rng.choice(chars))
            else:
                pieces.append(rng.choice(others))
        text = "".join(pieces)
        assert kp.lazy_pinyin_normal(text) == _theirs(text), text
    assert kp.lazy_pinyin_normal("") == _theirs("")


def test_pinyin_falls_back_to_pypinyin_when_its_files_read_otherwise(tmp_path) -> None:
    (tmp_path / "pinyin_dict.json").write_text('{"20013": "zhōng,zhòng"}', encoding="utf-8")
    (tmp_path / "phrases_dict.json").write_text('{"中国": [["zhōng"], ["guó"]]}', encoding="utf-8")
    with pytest.raises(ValueError):
        kp._Tables(tmp_path)
