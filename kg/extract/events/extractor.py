"""Events: trigger words per sentence, typed by the trigger lexicons, with roles, dates, figures.

One sentence may report several events of different types; triggers of the same type in one
sentence make one event. This module orchestrates: the generic role rules (`roles.py`: who acts,
who is affected, passives, lists) run first, then the rules of each family of event classes turn
them where that family needs it: `enforcement.py`, `investment.py`, `deals.py` (acquisitions),
`listing.py`, `partnership.py`, `policy.py` (what a change is about), `personnel.py` and
`corporate.py`; parties the sentence left unnamed come from `unnamed.py`. Dates and figures are
those the date and figure extractors found in the sentence. Partnerships also yield `partnerOf`
relations.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import ORGANIZATION_TYPES, EventMention, Extraction, Figure, Mention
from ...text import sentences
from .. import EXTRACTORS
from ..cues import phrases
from ..figures.meaning import event_default
from ..mentions.places import market_places
from ..patterns import ordered_alternation
from .announced import announced_subject
from .asserted import asserted
from .backrefs import closing, deadline, refers_back
from .context import EventDoc, dates_in, key, unique
from .corporate import CORPORATE_TYPES, corporate_roles
from .deals import closing_date, not_approvers, valued_party
from .enforcement import anonymous_people, body_after, checked_enforcement, enforcement_parties, sentenced_party
from .headline import HeadlineDates
from .investment import investee_before, round_roles
from .joint import joint_actors
from .listing import listed_firm, listing_candidates
from .lists import fallback_list, list_after, list_ending_at, referred_list
from .partnership import both_parties, partner_relations, partnership_parties
from .personnel import personnel_roles
from .policy import rules_about
from .role_words import ABOUT_TYPES, company_pronouns, role_cues, role_words
from .roles import (
    actor_candidates,
    asides,
    clause_bounds,
    is_attribution,
    is_passive,
    nearest_before,
    passive_agent,
    quoted_names,
    reason_subject,
    reporting_subject,
    within,
)
from .sentences import blank_names, goes_on, main_hit, outside_names, stake_type
from .span_repair import repair_tagger_spans
from .speakers import closing_speakers
from .subject import clause_subject, coordinated_subject, headline_subjects
from .triggers import TriggerHit, TriggerMatcher, type_settings
from .unnamed import Parties, name_unnamed

AFFECTS_TYPES = ("Enforcement", "Acquisition", "Investment")
ORG_ACTOR_TYPES = ("Acquisition", "Investment", "Listing", "Enforcement", "FinancialResult", "PolicyChange",
                   "Discontinuation", "Launch", "PersonnelChange", *CORPORATE_TYPES)
# (a person may speak about these; the organisation does them)
# the subject of the trigger's clause acts (or, passive, is affected) when no extractor named anyone
SUBJECT_TYPES = ("Launch", "Discontinuation", "Listing", "Acquisition", "Enforcement", "PersonnelChange",
                 "FinancialResult", *CORPORATE_TYPES)
MARKET_TYPES = ("Launch", "Discontinuation")  # launches, expansions and exits name their market
EFFECT_TYPES = ("PolicyChange", "Launch", "Discontinuation", "Enforcement",
                "PriceChange")
CLAUSE_OWN_TYPES = ("Recall", "Layoff", "PriceChange")  # a firm's own act on its goods or staff, told in one clause
DEAL_REVIEWED = ("Acquisition", "Investment", "Listing")  # a regulator reviews these, it does not do them
FUTURE_WINDOW = {"zh": 25, "en": 120}
PATIENT_WINDOW = {"zh": 16, "en": 60}
_ANNOUNCED = frozenset({"Announcement"})
_FEW_NAMES = 16  # up to this many candidates, filtering them to the sentence first costs more than it saves


@lru_cache(maxsize=1)
def _and_the() -> re.Pattern[str]:
    """"by the FTC and the Colorado attorney general": what joins more agents (more_agents of _roles.json)."""
    return re.compile(rf"\s*(?:{phrases(role_cues('more_agents')['en_joiners'])})\s+(?:the\s+)?")


@lru_cache(maxsize=1)
def service_suffix() -> re.Pattern[str]:
    """"“X”APP": the words after a quoted name that make it an app (app_suffixes of _roles.json)."""
    return re.compile(r"\s*(?:" + ordered_alternation(role_cues("app_suffixes")["words"]) + ")")


class _Builder:
    """Turns the trigger hits of one type in one sentence into an event."""

    def __init__(self, doc: EventDoc, spans: list[tuple[int, int]], hits: list[list[TriggerHit]]) -> None:
        self.doc, self.spans, self.sentence_hits = doc, spans, hits  # each sentence's trigger hits
        self.settings = type_settings()

    def build(self, idx: int, typ: str, hits: list[TriggerHit]) -> EventMention | None:
        self.hits = hits
        self.named_investors = False
        doc, text, words = self.doc, self.doc.text, self.doc.words
        lo, hi = self.spans[idx]
        self.idx = idx
        main = self.main = main_hit(hits)
        if len(hits) > 1 and words.lang == "zh" and not is_passive(text, main.start, lo, words):
            main = self.main = self._passive_hit(hits, lo, hi) or main
        c_lo, c_hi = clause_bounds(text, main.start, main.end, lo, hi, words.lang)
        mentions = self.everyone = doc.parties()  # an outlet reports, it is never a party
        mentions = self.everyone = doc.not_hired(mentions, typ)  # a deal's advisers are no party of it
        if words.lang == "en":  # "…, Ms. Madan said.": the speaker is no party
            mentions = self.everyone = closing_speakers(text, mentions, main.end, lo, hi)
        if typ == "Enforcement" and words.lang == "zh":  # "法院判处韩某有期徒刑，并处罚金": 韩某 is fined
            anonymous = anonymous_people(text, lo, hi, [*doc.mentions, *doc.new])
            if anonymous:
                doc.new.extend(anonymous)
                mentions = self.everyone = sorted([*mentions, *anonymous], key=lambda m: (m.start, -m.end))
        if typ in ORG_ACTOR_TYPES:
            mentions = [m for m in mentions if m.type != "Person"]
        if typ == "Listing":  # the venue and the exchange itself ("Nasdaq will suspend trading in X") never list
            mentions = listing_candidates(text, mentions, words)
        if typ in DEAL_REVIEWED:  # "方案经证监会审核后实施", "the authority blocked the plan to acquire": no party
            mentions = not_approvers(text, mentions, words.lang)
            self.everyone = not_approvers(text, self.everyone, words.lang)
        actor, affects, actor_score = self._actor_affects(typ, main, lo, hi, c_lo, c_hi, mentions)
        if typ == "Enforcement":  # a visit, or an answer to a penalty already reported, is no new enforcement
            checked = checked_enforcement(doc, mentions, main, c_lo, lo, hi, actor, affects, actor_score)
            if checked is None:
                return None
            actor, affects, actor_score = checked
        if typ == "Listing":  # "Nasdaq will suspend trading in shares of CartNova": CartNova is listed
            actor, actor_score = listed_firm(text, mentions, main, c_hi, actor, actor_score, words)
        actors: tuple[Mention, ...] = (actor,) if actor is not None else ()
        if actor is not None and actor_score >= 1 and actor.end <= main.start and typ not in ("Investment", "Partnership"):
            # "国家网信办、商务部、市场监管总局联合发布", "A and B said they would": the whole list acts
            before = [m for m in mentions if m.end <= actor.start and m.type in ORGANIZATION_TYPES]
            co = list_ending_at(text, before, actor, words)
            if co and actor.type in ORGANIZATION_TYPES:
                actors = unique([*co, actor])
        if typ == "Acquisition" and not affects:  # "A and B agreed to merge in a deal that values B at $1.25bn"
            valued = valued_party(text, mentions, actors, lo, hi)
            if valued is not None:
                actors, affects = valued
                actor = actors[0]
        if actor is not None and actor_score >= 1 and words.lang == "en" and actor.start > main.end:
            # "a lawsuit brought by the FTC and the Colorado attorney general": every agent acts
            more = [m for m in list_after(text, mentions, actor.end, hi, words, ORGANIZATION_TYPES)
                    if key(m) != key(actor) and all(key(m) != key(a) for a in affects)]
            if more and _and_the().fullmatch(text, actor.end, more[0].start):
                actors = unique([actor, *more])
        p = name_unnamed(doc, typ, hits, main, (lo, hi, c_lo, c_hi),
                         Parties(actor, actors, actor_score, affects, mentions, self.everyone), SUBJECT_TYPES)
        doc.new.extend(p.new)
        actor, actors, actor_score, affects, mentions, self.everyone = (p.actor, p.actors, p.score, p.affects,
                                                                        p.mentions, p.everyone)
        role = None
        if typ == "PersonnelChange":  # the people come or go; the organisation acts
            actor, affects, role = personnel_roles(doc, self.everyone, hits, actor, lo, hi)
            actors = (actor,) if actor is not None else ()
        elif typ in CORPORATE_TYPES or typ == "Listing":
            actor, affects = corporate_roles(doc, typ, mentions, main, actor, affects, lo, hi)
            actors = (actor,) if actor is not None else ()
        both = both_parties(doc, main, c_lo)
        if both and actor_score < 1:
            actors, actor, actor_score = both, both[0], 1.0
        if typ == "Investment":  # every investor acts; the organisation that raised the round is affected
            p, self.named_investors = round_roles(doc, main, hits, lo, hi, c_lo,
                                                  Parties(actor, actors, actor_score, affects, mentions, self.everyone))
            actor, actors, actor_score, affects, mentions = p.actor, p.actors, p.score, p.affects, p.mentions
        if words.lang == "zh":  # "A会同B对…进行调查", "A与B共同收购": both act
            actors, affects = joint_actors(text, typ, mentions, actors, affects, c_lo, main.start)
            actor = actors[0] if actors else actor
        participants: tuple[Mention, ...] = ()
        if typ == "Partnership":
            participants = partnership_parties(doc, mentions, main, lo, c_lo, c_hi, actor, both)
            if len(participants) < 2:
                return None  # "签约主播": one party signs people, not a partnership
            if actor is None or actor_score < 1 or actor.type not in ORGANIZATION_TYPES:
                actor, actor_score = participants[0], 1.0  # people sign for organisations, which are the parties
            actors = (actor,)
        about = self._about(typ, main, lo, hi)
        # (the tests that drop the event come before its dates, which they do not need)
        figures = self._figures(typ, lo, hi)
        if self.settings.get(typ, {}).get("needs_figure") and not figures:
            return None
        bare = typ in SUBJECT_TYPES and main.weight >= 0.8  # "CAD派客云图协作版发布": a strong trigger with no party named
        if actor is None and not about and not (typ in ("Investment", "Enforcement", "PersonnelChange") and affects) and not bare:
            return None
        if typ == "FinancialResult" and actor is None and not about:
            return None
        date, effective, dated = self._dates(typ, idx, lo, hi)
        self.dated = dated
        filled = sum((actor is not None, bool(affects or participants or about), date is not None))
        confidence = main.weight * (0.55 + 0.15 * filled) * (0.7 + 0.3 * actor_score) * (1.0 if dated else 0.9)
        markets: tuple[Mention, ...] = ()
        if typ in MARKET_TYPES:  # "华为在智利发布云服务", "exits the Indian market"
            markets = tuple(market_places(text, doc.places, *((c_lo, c_hi) if words.lang == "zh" else (lo, hi))))
        return EventMention(
            type=typ, doc_key=doc.ex.document.key, evidence=text[lo:hi], start=lo, end=hi, markets=markets,
            trigger=main.text, actors=actors, participants=participants,
            affects=unique(affects), about=about, date=date, effective_date=effective,
            figures=tuple(figures), confidence=round(min(confidence, 1.0), 3), role=role,
        )

    def _passive_hit(self, hits: list[TriggerHit], lo: int, hi: int) -> TriggerHit | None:
        """The strongest hit used passively with a party named before it in its clause ("青海查处…第一案
        X被罚5万元"): the passive says who undergoes the event, so that hit leads."""
        doc, text, words = self.doc, self.doc.text, self.doc.words
        for h in sorted(hits, key=lambda h: (-h.weight, h.start)):
            if is_passive(text, h.start, lo, words):
                c_lo, _ = clause_bounds(text, h.start, h.end, lo, hi, words.lang)
                if any(m.type in ORGANIZATION_TYPES for m in doc.mentions_in(c_lo, h.start)):
                    return h
        return None

    def _actor_affects(self, typ: str, hit: TriggerHit, lo: int, hi: int, c_lo: int, c_hi: int,
                       mentions: list[Mention]) -> tuple[Mention | None, list[Mention], float]:
        doc, text, words = self.doc, self.doc.text, self.doc.words
        affects: list[Mention] = []
        # the sentence's candidates, filtered once where the document names many: the windows of the
        # rules below lie within [lo, hi) (the clause, the text before the trigger), where these give
        # what the whole lists give; and for an enforcement, who may be punished: people too (`everyone`)
        here, here_all = mentions, self.everyone if typ == "Enforcement" else mentions
        if len(mentions) > _FEW_NAMES:
            here = [m for m in mentions if lo <= m.start and m.end <= hi]
            here_all = ([m for m in here_all if lo <= m.start and m.end <= hi] if here_all is not mentions else here)
        actor = passive_agent(text, here, hit.start, hit.end, lo, hi, words)
        score = 1.0
        if actor is not None or is_passive(text, hit.start, lo, words):
            near = max(c_lo, hit.start - PATIENT_WINDOW[words.lang])
            if actor is not None and words.lang == "zh" and actor.end <= hit.start:
                near = max(c_lo, actor.start - PATIENT_WINDOW["zh"])  # "B（下称b）被<long agent name>罚没": B before 被
            aside = asides(text, lo, hit.start) if words.lang == "en" else []
            # "歌手某某被罚款": a person may be punished, though never the body that punishes
            pool = here_all
            patients = [m for m in actor_candidates(pool, near, hit.start)
                        if m is not actor and not is_attribution(text, m, lo, words)
                        and (actor is None or m.end <= actor.start or words.lang == "en")
                        and not within(m, aside)]
            if actor is None and words.lang == "zh":  # "A、B、C三家服务商自7月10日起被清退": the whole list
                before = [m for m in actor_candidates(here, c_lo, hit.start) if m.type in ORGANIZATION_TYPES]
                if before and (not patients or before[-1] in patients):
                    patients = [*list_ending_at(text, before[:-1], before[-1], words), before[-1]]
            if not patients:  # "B（简称“b”）因…，被A处以罚款": the subject before the cause clause
                patients = [m for m in actor_candidates(pool, lo, near)
                            if m is not actor and reason_subject(text, m, hit.start, words)][-1:]
            affects.extend(patients)
        else:
            told = announced_subject(text, c_lo, hit.start, hit.end, lambda: [*doc.mentions, *doc.new, *doc.places]) \
                if words.lang == "zh" else None
            if told is not None and told not in doc.mentions and told not in doc.new:
                doc.new.append(told)  # "关于宁夏太阳能申请破产清算的公告": a name no rule had found
            actor = told or reporting_subject(text, here, hit.start, lo, words) or (
                coordinated_subject(text, here, hit.start, lo) if words.lang == "en" else None) or nearest_before(
                text, here, hit.start, lo, words, set())
            if (words.lang == "zh" and actor is not None and actor.end <= c_lo and typ in CLAUSE_OWN_TYPES
                    and len(text[hit.end : c_hi].strip()) >= 2):
                # "新规落地，X汽车召回一批电动车…": the trigger's own clause names its subject (with an
                # object after the trigger; "…，X已同步下线" has none: X is what goes, not who acts)
                own = clause_subject(text, c_lo, hit.start, hit.text, [*doc.mentions, *doc.new, *doc.places], True)
                if own is not None and own.type != "Person" and not is_attribution(text, own, lo, words):
                    doc.new.append(own)
                    actor = own
            if actor is not None and typ == "Enforcement" and reason_subject(text, actor, hit.start, words):
                affects.append(actor)  # "A宣布，B因…，处以罚款": B is punished, A (if named) punishes
                actor = nearest_before(text, here, actor.start, lo, words, set())
            dui = text.rfind("对", lo, hit.start) if words.lang == "zh" else -1
            if actor is not None and dui > actor.start:  # "该局对B作出处罚决定：B在…对所售商品…，并处罚款"
                first = next((m for m in actor_candidates(here, lo, hit.start) if text.endswith("对", lo, m.start)), None)
                dui = first.start - 1 if first is not None else -1  # the 对 that names a party
            if actor is not None and dui >= 0 and actor.start > dui:  # "A对B进行处罚": B is affected
                su = text.find("诉", dui, hit.start)  # "法院对A诉B一案宣判": A sued, B is affected
                punished = here_all  # "对姚某提起公诉": people too
                affects.extend(actor_candidates(punished, su if su >= 0 else dui, hit.start))
                before = [m for m in actor_candidates(here, lo, dui) if not is_attribution(text, m, lo, words)]
                actor = before[-1] if before else None
            received = investee_before(text, mentions, actor, hit, words) if typ == "Investment" else None
            if received is not None:  # "B获得A投资" / "B raised a round": B is the investee
                affects.append(received[0])
                actor = received[1]
                if actor is None:
                    return None, affects, 1.0  # investors unnamed here (a later sentence may name them)
        if actor is None and typ == "Enforcement":  # "a penalty the KFTC announced against X"
            actor = body_after(here, hit, c_hi)
            score = 0.9
        if actor is None:
            blanked = blank_names(text, mentions, lo, hit.start)  # 公司 inside 某某有限公司 is no pronoun
            said = words.regulator.search(blanked)
            named = doc.recent_regulator(hit.start, said.group().split()[-1]) if said else None
            if named is not None:
                actor, score = named, 0.8
            elif (pronoun := words.pronoun.search(blanked)) is not None:
                actor, score = doc.recent_platform(hit.start, pronoun.group().lower() in company_pronouns()), 0.8
            elif (typ == "Enforcement" and doc.main is not None and any(key(m) == key(doc.main) for m in affects)
                  and ((body := doc.recent_regulator(hit.start)) is not None or hit.text.startswith(("被", "遭")))):
                actor, score = body, 0.6  # the punished party never punishes itself (X被罚: not even without a body named)
            elif typ == "Investment" and doc.main is not None:
                return None, [doc.main], 0.6  # "本轮融资将用于…": the story's company raised it; investors unnamed here
            elif not (typ in DEAL_REVIEWED and doc.main is not None and doc.main.type == "GovernmentBody"):
                actor, score = doc.main, 0.6  # (a body the story is about reviews deals, it does not do them)
        if actor is not None:
            affects = [m for m in affects if key(m) != key(actor)]
        sentenced = sentenced_party(text, self.everyone, hit, lo, c_lo) if typ == "Enforcement" and words.lang == "zh" else None
        if sentenced is not None:  # "X被判处有期徒刑，并处罚金": the fine falls on X
            affects = [sentenced, *[m for m in affects if key(m) != key(sentenced)]]
            actor = None if actor is not None and key(actor) == key(sentenced) else actor
        if typ == "Enforcement":  # the body acts, the firm is punished
            actor, affects = enforcement_parties(doc, mentions, self.everyone, hit, actor, affects, score, lo, hi)
        if typ in AFFECTS_TYPES and not affects:  # "与上述三家服务商终止合作": the list named just before
            prev = self.spans[self.idx - 1][0] if self.idx else lo
            affects = [m for m in referred_list(text, mentions, lo, hi, prev, words)
                       if actor is None or key(m) != key(actor)]
        if typ in AFFECTS_TYPES and not affects:
            # persons never act in corporate events, but may be sued or fined beside their company
            affects = [m for m in list_after(text, self.everyone, hit.end, c_hi if words.lang == "zh" else hi, words)
                       if actor is None or key(m) != key(actor)]
            if affects and affects[0].type == "Person" and typ != "Enforcement":
                affects = []
            if not affects and typ == "Enforcement":
                found = fallback_list(text, hit.end, hi, words, mentions, "Company", "events")
                for m in found:
                    if m.extractor == "events" and m not in doc.new:
                        doc.new.append(m)
                affects = found
        return actor, affects, score

    def _about(self, typ: str, hit: TriggerHit, lo: int, hi: int) -> tuple[Mention, ...]:
        doc, text = self.doc, self.doc.text
        found = [m for m in doc.named_in(lo, hi) if m.type in ABOUT_TYPES]
        for a, b, kind in quoted_names(text, lo, hi):
            if any(m.start == a and m.end == b for m in found):
                continue
            if any(m.start < b and a < m.end and m.type in ABOUT_TYPES for m in found):
                continue
            if doc.words.source_after.match(text[b + 1 : b + 6]):
                continue  # 《商报》获悉: a cited outlet, not a rule
            if any(m.start <= a and b <= m.end and m.type not in ABOUT_TYPES for m in doc.mentions):
                continue  # 《晚点LatePost》: a name the text already reads as an outlet or company
            near = min(abs(hit.start - b), abs(a - hit.end)) <= 8
            app = bool(service_suffix().match(text, b + 1))
            if kind == "book":
                mtype = "Policy"
            elif typ in ("Launch", "Discontinuation") and (near or app):
                mtype = "Service"
            else:
                continue
            m = Mention(text=text[a:b], start=a, end=b, type=mtype, extractor="events", confidence=0.6)
            doc.new.append(m)
            found.append(m)
        found = rules_about(doc, typ, found, lo, hi)  # not the rule replaced; "the new rules": the one named before
        return unique(sorted(found, key=lambda m: m.start)) if found else ()

    def _dates(self, typ: str, idx: int, lo: int, hi: int) -> tuple[str | None, str | None, bool]:
        doc, text, words = self.doc, self.doc.text, self.doc.words
        here = dates_in(doc.ex.dates, lo, hi)
        if not here:  # (most sentences name no date: of the rules below, only the next sentence's may give one)
            date, dated = doc.report_date
            return date, self._effective_next(typ, idx), dated
        if len(here) > 1:  # "expected to price on April 16 and begin trading on April 17": nearest the trigger
            a, b = self.main.start, self.main.end
            here = sorted(here, key=lambda d: (max(a - d.end, d.start - b, 0), d.start < a))
        date = next((d.value for d in here if d.role == "date" and d.start > 16), None)
        effective = next((d.value for d in here if d.role == "effective"), None)
        if effective is None and typ in ("Acquisition", "Investment"):
            # "交易已于2025年6月30日完成交割", "the deal closed on Sept. 30": when it took effect
            effective = closing_date(text, here, words)
            if date == effective:
                date = None
        if effective is None and typ in EFFECT_TYPES:
            for d in here:
                if d.role == "date" and words.future.search(text[max(lo, d.start - FUTURE_WINDOW[words.lang]) : d.start]):
                    effective = d.value
                    if date == d.value:
                        date = None
                    break
        if effective is None:
            effective = self._effective_next(typ, idx)
        if date is None:
            date = next((d.value for d in here if d.role == "date" and d.value != effective), None)
        dated = date is not None
        if date is None:
            date, dated = doc.report_date
        return date, effective, dated

    def _effective_next(self, typ: str, idx: int) -> str | None:
        """The day the next sentence says a change takes effect, when it reports no event of another type."""
        if typ not in EFFECT_TYPES or idx + 1 >= len(self.spans):
            return None
        nlo, nhi = self.spans[idx + 1]
        if not {h.type for h in self.sentence_hits[idx + 1]} <= {typ, "PolicyChange", "Announcement"}:
            return None
        return next((d.value for d in dates_in(self.doc.ex.dates, nlo, nhi) if d.role == "effective"), None)

    def _figures(self, typ: str, lo: int, hi: int) -> list[Figure]:
        figs = [f for f in self.doc.ex.figures if lo <= f.start and f.end <= hi]
        if not figs:  # (most sentences)
            return figs
        if typ == "FinancialResult":  # only the figures of clauses that report a result
            strong = [h for h in self.hits if h.weight >= 0.7] or self.hits
            lang = self.doc.words.lang
            clauses = [clause_bounds(self.doc.text, h.start, h.end, lo, hi, lang) for h in strong]
            figs = [f for f in figs if any(a <= f.start and f.end <= b for a, b in clauses)]
        figs = [event_default(f, typ) for f in figs]  # a fine in an enforcement, funding in an investment
        if typ in ("FinancialResult", "Enforcement"):
            amounts = [f for f in figs if f.unit != "percent"]
            return amounts if amounts or typ == "Enforcement" else figs
        return figs


@EXTRACTORS.register("events")
class EventExtractor:
    """Pipeline step: typed events with roles from every sentence of the text."""

    def __init__(self, matcher: TriggerMatcher | None = None) -> None:
        self.matcher = matcher if matcher is not None else TriggerMatcher()
        self.headline = HeadlineDates(self.matcher)

    def __call__(self, ex: Extraction) -> None:
        text = ex.document.text
        if not text:
            return
        lang = "zh" if ex.document.lang == "zh" else "en"
        words = role_words(lang)
        head = ex.document.headline
        head_types: set[str] | None = None
        searched = False  # (whether the headline was searched, and head_types are its possible types)
        if lang == "zh" and head and head.strip() != text.strip():  # the headline names who the story's events are about
            head_found, head_types = self.matcher.find_typed(head, lang, [(0, len(head))])
            searched = True
            ex.mentions.extend(headline_subjects(head, text, head_found[0], ex.mentions))
        spans = sentences(text)
        found = self.matcher.find(text, lang, spans)
        hits = outside_names(found, ex.mentions)
        if lang == "zh":  # "星禾优选宣布…" tagged 星禾: the clause rule's longer name wins
            repaired = repair_tagger_spans(text, ex.mentions, spans, hits)
            if repaired is not ex.mentions:
                ex.mentions[:] = repaired
                hits = outside_names(found, ex.mentions)
        doc = EventDoc(ex, words)
        builder = _Builder(doc, spans, hits)
        settings = type_settings()
        for idx, sentence_hits in enumerate(hits):
            lo, hi = spans[idx]
            if not sentence_hits:  # no trigger: the sentence may still close a deal or set a deadline
                closing(doc, lo, hi)
                deadline(doc, lo, hi)
                continue
            by_type: dict[str, list[TriggerHit]] = {}
            for h in sentence_hits:
                by_type.setdefault(h.type, []).append(h)
            by_type = asserted(doc, by_type, lo, hi)  # "没有收购计划", "董事会由9名董事组成": no event
            if by_type.keys() <= _ANNOUNCED:  # none, or announcements only
                closing(doc, lo, hi)
                deadline(doc, lo, hi)
            back = [t for t, hs in by_type.items() if refers_back(doc, t, hs, lo, hi)]
            floor = max(settings[t]["priority"] for t in back) if back else 0
            for typ, hs in stake_type(by_type, ex, lo, hi).items():
                if typ in back or settings[typ]["priority"] < floor:
                    continue  # the sentence goes on about an event already reported
                event = builder.build(idx, typ, hs)
                if event is not None and not builder.dated and goes_on(doc, event, builder.named_investors):
                    continue  # an undated sentence about the same parties tells more of the last event
                if event is not None:
                    doc.last[typ] = len(ex.events)
                    ex.events.append(event)
                    ex.relations.extend(partner_relations(event))
        self.headline(ex, lang, head_types, searched)
        ex.mentions.extend(doc.new)


__all__ = ["EventExtractor", "partner_relations"]
