"""Enforcement roles: the settle test over a long stretch answers as the regex alone does."""
from __future__ import annotations

from pathlib import Path

from kg.extract.events.enforcement import _settle, _settle_keys, _settle_words, settles


def test_settles_answers_as_the_regex_over_every_stretch() -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir()) if p.is_file()]
    texts += ["Quillmart Inc. has agreed to pay $2 million to settle the charges; it will pay in May.",
              "Quillmart AGREED  TO\nPAY a fine. It SETTLED. unsettled settledown",
              "Quillmart ſettled; it wılL pay; İt agreed to pay; the K ſ case settled.",
              "某公司与监管部门达成和解，同意支付罚款。", "“Settled,” he said. 和解"]
    found = 0
    for text in texts:
        step = max(1, len(text) // 150)
        for pos in range(0, len(text) + 1, step):
            for end in range(pos, len(text) + 41, step * 7 + 1):
                want = _settle().search(text, pos, end) is not None
                assert settles(text, pos, end) == want, (text[:30], pos, end)
                found += want
    assert found > 100


def test_every_settle_phrase_holds_a_key_word() -> None:
    """The first test of `settles` (one of `_settle_keys` in the stretch) holds wherever a phrase does."""
    keys = _settle_keys()
    assert len(keys) < len(_settle_words())
    for words in _settle_words():
        assert any(k in w for k in keys for w in words), words
