"""Parties no extractor named: clause subjects, titled people, summoned objects, investees.

The event builder calls these after its own role rules; each names a party only where the
sentence left it empty, as a low-confidence mention of the events extractor (added to the
document's new mentions so that it becomes an entity). Word lists: `_subjects.json`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Mention
from .context import EventDoc, key
from .roles import clause_bounds, is_attribution, is_passive
from .subject import clause_object, clause_subject, object_before, sentence_subject_en, titled_person
from .triggers import TriggerHit


@dataclass
class Parties:
    """The roles of one event under construction, and the mentions the rules may read."""

    actor: Mention | None
    actors: tuple[Mention, ...]
    score: float
    affects: list[Mention]
    mentions: list[Mention]  # actor candidates (no people for organisation-only classes)
    everyone: list[Mention]  # every mention of the document, people included
    new: list[Mention] = field(default_factory=list)  # mentions named here

    def add(self, m: Mention, candidate: bool = True) -> None:
        self.new.append(m)
        self.everyone = [*self.everyone, m]
        if candidate:
            self.mentions = [*self.mentions, m]


def first_subject(doc: EventDoc, typ: str, hits: list[TriggerHit], lo: int, hi: int,
                  everyone: list[Mention]) -> Mention | None:
    """The subject of the first trigger's clause that has one (strongest trigger first)."""
    text, lang = doc.text, doc.words.lang
    known = [*doc.mentions, *everyone, *doc.places]  # a name left out of the candidates (a hired adviser) is still a name
    if lang != "zh":
        return sentence_subject_en(text, lo, min(h.start for h in hits), known)
    for h in sorted(hits, key=lambda h: (-h.weight, h.start)):
        c_lo, c_hi = clause_bounds(text, h.start, h.end, lo, hi, lang)
        run_ok = typ in ("Layoff", "Bankruptcy") or len(text[h.end : c_hi].strip()) >= 2
        found = clause_subject(text, c_lo, h.start, h.text, known, run_ok)
        if found is not None:
            return found
    return None


def name_unnamed(doc: EventDoc, typ: str, hits: list[TriggerHit], main: TriggerHit, span: tuple[int, int, int, int],
                 p: Parties, subject_types: tuple[str, ...]) -> Parties:
    """Fill what the sentence left empty: "格兰博财务负责人段守辉辞职" (organisation and person),
    "9月19日，华为将在德国发布…" (the clause's subject acts; passive, it is punished), "约谈网约车公司负责人"
    (the party summoned). `span` is (sentence start, end, clause start, end)."""
    text, words = doc.text, doc.words
    lo, hi, c_lo, c_hi = span
    if typ == "PersonnelChange" and words.lang == "zh":
        for m in titled_person(text, c_lo, main.start, p.everyone):
            if m is not None:
                p.add(m, candidate=m.type != "Person")
    if p.actor is None and typ in subject_types:
        subject = first_subject(doc, typ, hits, lo, hi, p.everyone)
        if subject is not None and not is_attribution(text, subject, lo, words):  # "买车网获悉": a source
            p.add(subject)
            if typ == "Enforcement" and is_passive(text, main.start, lo, words):
                p.affects = [subject, *p.affects]
            elif subject.type != "Person":
                p.actor, p.score, p.actors = subject, 0.7, (subject,)
    if typ == "Enforcement" and not p.affects and words.lang == "zh":
        passive = is_passive(text, main.start, lo, words)
        obj = None if passive else clause_object(text, main.end, c_hi, p.everyone)
        if obj is None:  # "对七家电视品牌进行了约谈", "这14家运输企业被约谈": the party before the trigger
            obj = object_before(text, c_lo, main.start, passive, p.everyone)
        if obj is not None and (p.actor is None or key(obj) != key(p.actor)):
            p.add(obj, candidate=False)
            p.affects = [obj]
    return p


def investee(doc: EventDoc, main: TriggerHit, lo: int, c_lo: int, actors: tuple[Mention, ...],
             everyone: list[Mention]) -> Mention | None:
    """"VIPKID今日正式确认腾讯领投其E轮融资": the subject before the investors received the round."""
    text, words = doc.text, doc.words
    if words.lang != "zh":
        return None
    first = min([main.start, *(a.start for a in actors if a.start >= c_lo)])
    found = clause_subject(text, c_lo, first, main.text, [*everyone, *doc.places], True)
    if found is None or any(key(found) == key(a) for a in actors) or is_attribution(text, found, lo, words):
        return None
    return found
