"""kg.extract.word_led: the same matches as the pattern's own finditer, found faster."""
from __future__ import annotations

import re

from kg.extract.word_led import ODD_FOLDS, ProbeGroup, WordGated, WordLed


def _spans(scan: WordLed, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in scan.finditer(text)]


def test_odd_folds_complete() -> None:
    """Every character IGNORECASE matches to an ASCII letter lower-cases to it, or is listed."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = {chr(c) for c in range(0x80, 0x110000)
           if letter.fullmatch(chr(c)) and not (len(chr(c).lower()) == 1 and chr(c).lower().isascii())}
    assert odd == set(ODD_FOLDS)


def test_same_matches_as_finditer() -> None:
    words = ["platform", "e-commerce platform", "commerce", "Chief Executive"]
    pattern = re.compile(r"(?i:(?=[pec]))\b(?P<d>(?i:e\-commerce\ platform|chief\ executive|platform|commerce))"
                         r"s? (?P<n>[A-Z]\w*)")
    scan = WordLed(pattern, words)
    texts = [
        "the e-commerce platform ShopNest and PLATFORMS Vendora; Commerce Dashly",
        "Chief Executive Ana said; chief executiveX no; platformplatform Zed",
        "e-Commerce Platform Vexa, ecommerce platform Nope, commerce platform Orbi",
        "İstanbul platform Kaya and ſhop platform Lumo",  # length-changing and odd folds: own finditer
        "ΣΑΣ platform Tora, PLATFORM Ura",
        "",
    ]
    for text in texts:
        assert _spans(scan, text) == [m.span() for m in pattern.finditer(text)], text
    assert _spans(scan, texts[0]) == [(4, 32), (56, 71)]


def test_overlapping_starts_are_tried() -> None:
    """A word starting inside another word's occurrence is still a place to try."""
    pattern = re.compile(r"(?i:platform|form) (?P<n>[A-Z]\w+)")
    scan = WordLed(pattern, ["platform", "form"])
    assert _spans(scan, "xform Ada; platform Bo") == [m.span() for m in pattern.finditer("xform Ada; platform Bo")]
    assert len(_spans(scan, "xform Ada; platform Bo")) == 2


def test_words_not_ascii_fall_back() -> None:
    pattern = re.compile(r"(?i:café|shop) (\w+)")
    scan = WordLed(pattern, ["café", "shop"])
    assert _spans(scan, "CAFÉ Luna and Shop Sol") == [(0, 9), (14, 22)]


def test_case_sensitive_words() -> None:
    pattern = re.compile(r"\b(?:launch|retire) (?P<n>[A-Z]\w+)")
    scan = WordLed(pattern, ["launch", "retire"], fold=False)
    text = "Launch Ada; we launch Bo, relaunch Cy and retire İda Ela, retire Fay"
    assert _spans(scan, text) == [m.span() for m in pattern.finditer(text)]
    assert [m["n"] for m in scan.finditer(text)] == ["Bo", "Fay"]


def test_word_gated_runs_only_on_texts_with_a_word() -> None:
    pattern = re.compile(r"(?P<n>[A-Z]\w+) (?:app|service)\b")
    gated = WordGated(pattern, ["app", "service"])
    for text in ["Try Vexa app and Lumo service", "Vexa apps, no", "nothing here", ""]:
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert [m["n"] for m in gated.finditer("Try Vexa app and Lumo service")] == ["Vexa", "Lumo"]
    assert list(WordGated(pattern, []).finditer("Vexa app")) != []  # no words: the pattern runs


def test_probe_group_same_matches() -> None:
    """Patterns sharing one probe pass find what each finds alone, case-sensitive ones included,
    also when a member joins after a text was probed."""
    group = ProbeGroup()
    folded = re.compile(r"(?i:platform|form) (?P<n>[A-Z]\w+)")
    exact = re.compile(r"\b(?:launch|retire|Launch) (?P<n>[A-Z]\w+)")
    texts = ["xform Ada; Platform Bo; launch Cy, LAUNCH Di, Launch Ed",
             "retire İda, retire Fay and platform Gus",  # odd fold: each falls back on its own
             "", "nothing here"]
    a = WordLed(folded, ["platform", "form"], group=group)
    for text in texts:
        assert _spans(a, text) == [m.span() for m in folded.finditer(text)], text
    b = WordLed(exact, ["launch", "retire", "Launch"], fold=False, group=group)
    for text in texts:
        assert _spans(b, text) == [m.span() for m in exact.finditer(text)], text
        assert _spans(a, text) == [m.span() for m in folded.finditer(text)], text
    assert [m["n"] for m in b.finditer(texts[0])] == ["Cy", "Ed"]


def test_gates_in_a_probe_group() -> None:
    """A gated pattern in a probe group runs where its words stand as written (the group finds them
    in any case), finds what it finds alone, and a second gate with the same words shares the member."""
    group = ProbeGroup()
    pattern = re.compile(r"(?P<n>[A-Z]\w+) 会员|(?P<m>[A-Z]\w+) app\b")
    gated = WordGated(pattern, ["会员", "app"], group=group)
    again = WordGated(pattern, ["app", "会员"], group=group)
    assert again._member == gated._member
    for text in ["Plus 会员 and Grab app", "GRAB APP only", "İstanbul Kart app", "nothing", ""]:
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in pattern.finditer(text)], text
    assert gated.gate("Plus 会员") and gated.gate("a Grab app") and not gated.gate("GRAB APP") and not gated.gate("nothing")
