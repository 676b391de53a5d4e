"""Pinyin glosses that some scraped pages insert after Chinese characters: 市場監(jiān)管總局,
中央紀(jì)委, 網(wǎng)站. They split names and words (監(jiān)管 is no longer 监管), so the finders
saw 各地市场监 as a name; they are removed, and the file's warnings say how many.

Only a run of lower-case Latin letters carrying a tone mark, in brackets right after a Han
character, is a gloss; a capitalised romanisation (北京(Beijing)) or a spaced one stays. A text
needs `MIN_GLOSSES` of them: one bracketed reading in an article about a rare character is content.
"""
from __future__ import annotations

import re

from ..text import HAN_IDEOGRAPHS

MIN_GLOSSES = 3
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"[(（][a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}[)）]")  # a bracket starts the scan (fast)
_HAN = re.compile(f"[{HAN_IDEOGRAPHS}]")


def strip_pinyin_glosses(text: str) -> tuple[str, int]:
    """`text` without inserted pinyin glosses, and how many were removed (0: unchanged)."""
    if "(" not in text and "（" not in text:
        return text, 0
    spans = [m.span() for m in _GLOSS.finditer(text) if m.start() and _HAN.match(text, m.start() - 1)]
    if len(spans) < MIN_GLOSSES:
        return text, 0
    parts, at = [], 0
    for a, b in spans:
        parts.append(text[at:a])
        at = b
    parts.append(text[at:])
    return "".join(parts), len(spans)
