"""The trigger matcher's gates (a later word of a trigger that must be in the text) change no hit."""
from __future__ import annotations

from kg.extract.events.triggers import TriggerMatcher, _gate, default_triggers


def _hits(text: str, lang: str = "en") -> list[tuple[str, str]]:
    return [(h.type, h.text) for hs in TriggerMatcher().find(text, lang, [(0, len(text))]) for h in hs]


def _trigger(text: str, lang: str):
    return next(t for t in default_triggers()[lang] if t.text == text)


def test_gate_is_a_later_word_of_the_trigger() -> None:
    assert _gate(_trigger("in cooperation with", "en"), "en") == "cooperation"
    assert _gate(_trigger("发布…通知", "zh"), "zh") == "通知"
    assert _gate(_trigger("acquisition", "en"), "en") == ""  # one word: its needle says it all


def test_gated_trigger_still_matches_in_any_case_and_spacing() -> None:
    assert _hits("Acme signed the deal in cooperation with Beta.") == [("Partnership", "in cooperation with")]
    assert _hits("ACME SIGNED THE DEAL IN  COOPERATION WITH BETA.") == [("Partnership", "IN  COOPERATION WITH")]


def test_text_without_the_gate_word_has_no_hit() -> None:
    assert _hits("Acme signed the deal in cooperative spirit with Beta.") == []


def test_dotless_i_read_as_i_keeps_the_hit() -> None:
    # re's case-blind match reads ı as i; casefolding does not, so the gate must not drop this hit
    assert _hits("Acme signed the deal in cooperatıon with Beta.") == [("Partnership", "in cooperatıon with")]
