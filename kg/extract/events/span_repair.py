"""A Chinese tagger's name that the clause rule reads longer yields to the rule's name.

The tagger sometimes cuts a brand short: in "星禾优选宣布下调佣金" it may tag only 星禾. The
clause-subject rule (`subject.py`), which reads the run of name words between the clause start
and the trigger as the party, would have found the whole name, but it only runs where nothing
was named, so the tagger's short span wins and the event's party is a name nobody uses. Before
the events are built, each tagger span that opens the subject run of a trigger's clause in the
same sentence is replaced by the rule's longer name (keeping the tagger's type) when the words
the rule adds end with an organisation head (资本, 科技, 优选: `_span_repair.json`); a run that
goes on into a verb or a time word (X实现, X一季度) is no name. A name the rule would read as a
person, or a tagger person, is left alone.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ...model import Mention
from ..cues import cue_section
from ..mentions.names_common import names_lexicon
from ..mentions.ner.lexicon import ner_lexicon
from .roles import clause_bounds
from .subject import clause_subject
from .triggers import TRIGGER_DIR, TriggerHit

MAX_ADDED = 4  # a head and at most two characters before it
TAGGER = "ner:zh"  # the prefix of the Chinese tagger's extractor names (ner:zh, ner:zh-head, ...)


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    """Organisation heads a longer name may end with: name suffixes, tagger heads, brand heads."""
    brands = cue_section(TRIGGER_DIR / "_span_repair.json", "tagger_cut")["zh_brand_heads"]
    suffixes = (s for s, _typ, _strong in names_lexicon().zh_suffixes)
    heads = (h for h, _typ in ner_lexicon().zh_heads)
    return tuple(sorted({*brands, *suffixes, *heads}, key=lambda h: (-len(h), h)))


def extends_with_head(short: str, longer: str) -> bool:
    """True when `longer` is `short` and more words that end with an organisation head
    (青穗 -> 青穗资本, 星禾 -> 星禾优选), not a generic head alone (诚信通 -> 诚信通商家); a span that
    already ends with a head is a whole name (北辰证券); more than MAX_ADDED characters added is a
    phrase, not a cut name (云栖 -> 云栖新设的子公司)."""
    added = longer[len(short) :]
    if not longer.startswith(short) or not 0 < len(added) <= MAX_ADDED or added in names_lexicon().generic_heads:
        return False
    heads = _heads()
    return not any(short.endswith(h) for h in heads) and any(longer.endswith(h) and len(h) <= len(added) for h in heads)


def repair_tagger_spans(text: str, mentions: list[Mention], spans: list[tuple[int, int]],
                        hits: list[list[TriggerHit]]) -> list[Mention]:
    """`mentions` with every tagger span that a clause subject of the same sentence extends
    replaced by the longer name; the list is returned unchanged when there is none."""
    if not any(m.extractor.startswith(TAGGER) for m in mentions):
        return mentions  # only a tagger's span is repaired (a rules-only build has none)
    longer: dict[int, Mention] = {}
    for (lo, hi), sentence_hits in zip(spans, hits, strict=True):
        for h in sorted(sentence_hits, key=lambda h: (-h.weight, h.start)):
            c_lo, c_hi = clause_bounds(text, h.start, h.end, lo, hi, "zh")
            before = [i for i, m in enumerate(mentions) if c_lo <= m.start and m.end <= h.start and m.type != "Place"]
            if len(before) != 1:
                continue
            i = before[0]
            short = mentions[i]
            if i in longer or not short.extractor.startswith(TAGGER) or short.type == "Person":
                continue
            others = mentions[:i] + mentions[i + 1 :]
            run_ok = h.type in ("Layoff", "Bankruptcy") or len(text[h.end : c_hi].strip()) >= 2
            rule = clause_subject(text, c_lo, h.start, h.text, others, run_ok)
            if rule is None or rule.type == "Person" or rule.start != short.start or \
                    not extends_with_head(short.text, rule.text):
                continue
            longer[i] = replace(short, text=rule.text, end=rule.end)
    if not longer:
        return mentions
    return [longer.get(i, m) for i, m in enumerate(mentions)]
