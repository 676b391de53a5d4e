"""The role words of `kg/lexicons/triggers/_roles.json`, loaded once per language and compiled.

Every rule about who acts and who is affected reads its words from here, so a researcher can
extend them in the data file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...errors import LexiconError
from ...lexicons import load_json
from ...model import ORGANIZATION_TYPES
from ..cues import cue_section
from ..patterns import ordered_alternation
from .triggers import TRIGGER_DIR, _any_of

ROLES_FILE = TRIGGER_DIR / "_roles.json"
ACTOR_TYPES = (*ORGANIZATION_TYPES, "Person")
ABOUT_TYPES = ("Policy", "Service")
_KEYS = (
    "pronouns", "passive", "agent", "list_separators", "list_openers", "list_closers",
    "future", "report_date", "source_markers", "source_after", "receivers", "list_stop",
    "investor_after", "investor_before", "anaphors", "closing", "both_parties", "venue",
    "regulator_pronouns", "reporting_verbs", "reported_subjects", "cause_markers", "noun_followers",
    "party_pronouns", "exchanges",
)


@dataclass(frozen=True)
class RoleWords:
    """Compiled word lists of `_roles.json` for one language."""

    lang: str
    pronoun: re.Pattern[str]
    passive: re.Pattern[str]
    agent: re.Pattern[str]
    separator: re.Pattern[str]  # whole gap between two list items
    opener: re.Pattern[str]
    closer: re.Pattern[str]
    future: re.Pattern[str]
    source: re.Pattern[str]
    source_after: re.Pattern[str]
    receiver: re.Pattern[str]
    list_stop: frozenset[str]
    investor_after: re.Pattern[str]  # at the start of the text after an investor
    investor_before: re.Pattern[str]  # at the end of the text before an investor
    anaphor: re.Pattern[str]  # at the end of the text before a trigger that refers back
    closing: re.Pattern[str]
    both: re.Pattern[str]
    venue: re.Pattern[str]  # at the end of the text before a venue
    regulator: re.Pattern[str]  # "the regulator": the government body last named
    reported: re.Pattern[str]  # "said on Monday it had agreed to": whole text between reporter and trigger
    cause: re.Pattern[str]  # at the start of the text after the punished party: "B因…"
    noun: re.Pattern[str]  # right after a trigger used as a noun: 处罚决定 (the decision of an event told before)
    party: re.Pattern[str]  # 当事人, "the company": the party an enforcement story is about
    exchange: re.Pattern[str]  # in an exchange's name: it lists or suspends others, it is not listed


@lru_cache(maxsize=1)
def company_pronouns() -> frozenset[str]:
    """The pronouns that name a company (该公司, "the company"), lower case: they mean the company
    named last, not the platform (company_pronouns of _roles.json)."""
    cues = role_cues("company_pronouns")
    return frozenset(w.lower() for w in [*cues["zh"], *cues["en"]])


def role_cues(key: str) -> dict[str, list[str]]:
    """One section of `_roles.json` that a single rule reads (told_source, completion, ...): its
    word lists by name, checked once; "_note" is left out."""
    return cue_section(ROLES_FILE, key)


@lru_cache(maxsize=2)
def role_words(lang: str) -> RoleWords:
    """Load and compile the role words for `lang` ("zh" or "en")."""
    data = load_json(ROLES_FILE)
    lang = "zh" if lang == "zh" else "en"
    for key in _KEYS:
        entry = data.get(key)
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(lg), list) and all(isinstance(w, str) and w for w in entry[lg]) for lg in ("zh", "en")
        ):
            raise LexiconError(f"{ROLES_FILE}: {key!r} needs lists of words for 'zh' and 'en'")

    def pat(key: str) -> re.Pattern[str]:
        return _any_of(data[key][lang], lang)

    seps = sorted(data["list_separators"][lang], key=len, reverse=True)
    sep = re.compile(r"\s*(?:" + ordered_alternation(seps) + r")\s*\Z", re.IGNORECASE)
    return RoleWords(
        lang, pat("pronouns"), pat("passive"), pat("agent"), sep, pat("list_openers"), pat("list_closers"),
        pat("future"), pat("source_markers"), pat("source_after"), pat("receivers"),
        frozenset(w.casefold() for w in data["list_stop"][lang]),
        re.compile(r"\s*(?:" + pat("investor_after").pattern + ")", re.IGNORECASE),
        re.compile("(?:" + pat("investor_before").pattern + r")\s*(?:the\s+)?\Z", re.IGNORECASE),
        re.compile("(?:" + pat("anaphors").pattern + r")\s*\Z", re.IGNORECASE),
        pat("closing"), pat("both_parties"),
        re.compile("(?:" + pat("venue").pattern + r")\s*\Z", re.IGNORECASE),
        pat("regulator_pronouns"),
        _reported(pat("reporting_verbs").pattern, pat("reported_subjects").pattern, lang),
        re.compile(r"[”\"’）)]*\s*(?:" + pat("cause_markers").pattern + ")", re.IGNORECASE),
        re.compile(r"\s*(?:" + pat("noun_followers").pattern + ")", re.IGNORECASE),
        pat("party_pronouns"),
        re.compile(ordered_alternation(data["exchanges"][lang]), re.IGNORECASE),
    )


def _reported(verbs: str, subjects: str, lang: str) -> re.Pattern[str]:
    """The stretch "said (on Monday) (that) it (had agreed to)" between a reporter and a trigger."""
    if lang == "zh":
        return re.compile(rf"\s*(?:{verbs})[，,：:\s]*(?:{subjects})[^，,。；;]{{0,10}}\Z")
    return re.compile(rf"\s+(?:{verbs})\b[^;:.\"“]{{0,40}}?\b(?:that\s+)?(?:{subjects})\s+(?:[\w'-]+\s+){{0,4}}\Z",
                      re.IGNORECASE)
