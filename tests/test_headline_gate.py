"""The headline-dates step scans a headline for dates only when it holds a word that makes a date
effective: a text without one must hold no effective date (the gate changes no answer)."""
from __future__ import annotations

from pathlib import Path

from kg.extract.dates import DateFinder
from kg.extract.events.headline import _holds_cue, effective_cues
from kg.text import sentences


def test_a_text_without_an_effective_cue_has_no_effective_date() -> None:
    finder = DateFinder()
    cues = effective_cues(finder)
    assert cues is not None
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = ["1688平台将于9月12日起升级买家保障服务", "天猫下调费率 淘宝规则9月15日起调整", "即日起暂停服务",
             "New fees take effect March 1, 2025", "Starting Monday, sellers pay more", "Rules apply from 1 May 2025 ONWARDS",
             "Acme raised $20 million on March 3, 2025", "拼多多3月5日发布新规"]
    for path in sorted(seeds.iterdir()):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            texts.extend(text[a:b] for a, b in sentences(text))
    gated = effective = 0
    for text in texts:
        for lang in ("zh", "en"):
            found = any(d.role == "effective" for d in finder.find(text, lang=lang, doc_date="2025-06-01"))
            if not _holds_cue(text, cues):
                gated += 1
                assert not found, text
            effective += found
    assert gated > 100 and effective > 10


def test_a_date_extractor_that_names_no_cues_gets_no_gate() -> None:
    assert effective_cues(lambda ex: None) is None
