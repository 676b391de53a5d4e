"""kg.extract.cue_scan: reading only around the cue words finds what the pattern's own finditer finds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.cue_scan import CueSegments, NearCue, without
from kg.extract.word_led import ProbeGroup

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _found(scan: NearCue | CueSegments, pattern: re.Pattern[str], text: str) -> None:
    got = [(m.span(), m.groups()) for m in scan.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in pattern.finditer(text)], text


def test_near_cue_same_matches() -> None:
    before = r"([\u4e00-\u9fff0-9]{2,10})\s?"
    pattern = re.compile(rf"{before}(?:APP|App|app)(?![A-Za-z])")
    for group in (None, ProbeGroup()):
        scan = NearCue(pattern, ["APP", "App", "app"], before, group=group)
        for text in ["停止采源宝APP的功能, 店小蜜 App上线, apple, 一二三四五六七八九十一二app",
                     "appapp 中文appAPP 采源宝 app", "APPLE 中文Apps 淘宝app", "", "no cue here"]:
            _found(scan, pattern, text)
    assert [m.group(1) for m in NearCue(pattern, ["APP", "App", "app"], before).finditer("停止采源宝APP")] == ["停止采源宝"]


def test_near_cue_word_in_look_ahead() -> None:
    """The word may stand after the match (in a look-ahead): tried within reach before it."""
    before = r"(?:'s|s') "
    pattern = re.compile(r"(?:'s|s')(?= (?:shares|revenue)\b)")
    scan = NearCue(pattern, ["shares", "revenue"], before, group=ProbeGroup())
    _found(scan, pattern, "Vendora's shares rose; the sellers' revenue and Kenya's sharesX; its shares")


def test_near_cue_needs_a_bound() -> None:
    with pytest.raises(ValueError):
        NearCue(re.compile(r"\w+ app"), ["app"], r"\w+ ")


def test_segments_same_matches() -> None:
    pattern = re.compile(r"(?P<n>[A-Z](?<![A-Za-z0-9][A-Z])[A-Za-z0-9&'\-]*+(?: [A-Z][A-Za-z0-9&'\-]*+){0,3})"
                         r"(?:, (?:a|an|the) [^,;.()\n]{3,90},)? (?:(?:has|will) )?(?:said|raised)\b")
    texts = ["Vendora said. ShopNest, a delivery startup based in Ohio, has raised (Parcel Plus said) money",
             "Ana said;Bo Co said\nDash Ly raised", "x.Vendora saidx. Vendora said", "said", ""]
    texts.append("Vendora reraised; Ana Praised. Bo said")  # a word inside another: no match there
    for group, spaced in ((None, False), (ProbeGroup(), False), (None, True), (ProbeGroup(), True)):
        scan = CueSegments(pattern, ["said", "raised"], ".;()\n", group=group, spaced=spaced)
        for text in texts:
            _found(scan, pattern, text)
            for pos in range(len(text) + 1):
                m, want = scan.search(text, pos), pattern.search(text, pos)
                assert (m and m.span()) == (want and want.span())


def test_segments_on_seed_texts() -> None:
    """The services, descriptor, owner and policy scans on the seed documents, against their patterns' own scans."""
    from kg.extract.mentions.descriptors import DescriptorFinder
    from kg.extract.mentions.names_en import EnOrgFinder
    from kg.extract.mentions.policies import PolicyFinder
    from kg.extract.mentions.services import ServiceFinder

    s, d, e = ServiceFinder(), DescriptorFinder(), EnOrgFinder()
    forms = s._en_appos_forms
    assert forms is not None
    scans = [s._en, s._app, s._latin_member, forms[0], d._en_verb, d._en_before_noun, e._owner_cue, e._title_cue,
             PolicyFinder()._en]
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.rglob("*")) if p.is_file() and p.suffix in (".md", ".txt")]
    assert texts
    hits = 0
    for text in texts:
        for scan in scans:
            _found(scan, scan.pattern, text)
            hits += sum(1 for _ in scan.finditer(text))
    assert hits > 0


def test_without() -> None:
    assert without(".,;()", ["Co.", "a(b"]) == ",;)"
