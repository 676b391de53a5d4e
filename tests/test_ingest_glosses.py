"""Pinyin glosses inserted after Chinese characters by some scraped pages are removed, with a warning."""
from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest_file
from kg.ingest.glosses import strip_pinyin_glosses

GLOSSED = ("某某市市場監(jiān)管局:已查處電商違規(guī)案件42件\n2022-07-01 09:15:00\n\n"
           "7月1日消息,某某市市場監(jiān)管局在官方網(wǎng)站發(fā)布通報稱,今年上半年共查處電商違規(guī)案件42件,"
           "罰沒款合計86萬元。\n")


def test_glosses_are_removed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "glossed.txt"
    path.write_text(GLOSSED, encoding="utf-8")
    result = ingest_file(path, tmp_path)
    (doc,) = result.documents
    assert "監管局" in doc.text and "網站" in doc.text
    assert "(" not in doc.text and "jiān" not in doc.text
    warnings = [p.message for p in result.problems if p.severity == "warning"]
    assert any("removed 6 pinyin glosses" in w for w in warnings), warnings


def test_a_romanisation_or_a_single_reading_stays() -> None:
    for text in ("北京(Běijīng)与上海(Shànghǎi)和广州(Guǎngzhōu)是三座城市。",
                 "这个字读作“曌(zhào)”,很少见。",
                 "三家公司(gōng sī)的读音(dú yīn)各不相同(xiāng tóng)。"):
        assert strip_pinyin_glosses(text) == (text, 0)


def test_glosses_in_full_width_brackets_are_removed() -> None:
    text = "監（jiān）管部門對網（wǎng）絡（luò）平臺進行檢查。"
    assert strip_pinyin_glosses(text) == ("監管部門對網絡平臺進行檢查。", 3)
