"""Per-document scorers: one function per extractor output, each returning named Scores.

Matching rules (documented here because the numbers mean nothing without them):
- mentions: distinct surface forms per document; equal after folding (width, case, spaces,
  quote marks). "mentions" accepts compatible types (Organization/Company/Platform, and
  Organization with GovernmentBody); "mentions/<Type>" needs the exact primary type.
- dates: distinct (ISO value, role); "dates/value" ignores the role.
- figures: distinct (value, unit), a percentage also matching its fraction; "figures/value" ignores units.
- events: same type and a shared party (any name of actors/participants/affects matches any
  of the prediction's, loosely); without gold parties, a shared `about` or the type alone.
  Role scores compare (event type, value) tuples per role; a role the gold event leaves
  out is not scored for that type in that document.
- relations: same predicate, subject and object (either order for partnerOf) or literal.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import EventMention, Extraction, Figure
from .gold import GoldDocument, GoldEvent, GoldFigure, GoldRelation, Names
from .score import Score, compare, mention_key, names_match

ORG_LIKE = frozenset({"Organization", "Company", "Platform"})
ROLE_ATTRS = {"actors": "actors", "participants": "participants", "affects": "affects", "about": "about"}
ROLE_NAMES = {"actors": "actor", "participants": "participant", "affects": "affects", "about": "about"}
Scores = dict[str, Score]


def compatible(gold_type: str, pred_types: tuple[str, ...]) -> bool:
    """Types that count as the same for the overall mention score."""
    for t in pred_types:
        pair = {t, gold_type}
        if t == gold_type or pair <= ORG_LIKE or ("Organization" in pair and pair <= ORG_LIKE | {"GovernmentBody"}):
            return True
    return False


def score_mentions(gold: GoldDocument, ex: Extraction | None) -> Scores:
    pred: dict[tuple[str, str], tuple[str, ...]] = {}
    for m in ex.mentions if ex else ():
        key = (mention_key(m.text), m.type)
        pred[key] = tuple(dict.fromkeys((*pred.get(key, ()), m.type, *m.extra_types)))
    gold_items = sorted({(mention_key(t), ty) for t, ty in gold.entities})
    pred_items = sorted(pred.items())
    out = {"mentions": compare(gold_items, pred_items,
                               lambda g, p: g[0] == p[0][0] and compatible(g[1], p[1]))}
    for ty in sorted({ty for _, ty in gold_items} | {k[1] for k in pred}):
        out[f"mentions/{ty}"] = compare([g for g in gold_items if g[1] == ty],
                                        [k for k in pred if k[1] == ty], lambda g, p: g[0] == p[0])
    return out


def score_dates(gold: GoldDocument, ex: Extraction | None) -> Scores:
    pred = sorted({(d.value, d.role) for d in (ex.dates if ex else ())})
    g = sorted(set(gold.dates))
    return {"dates": compare(g, pred, lambda a, b: a == b),
            "dates/value": compare(sorted({v for v, _ in g}), sorted({v for v, _ in pred}), lambda a, b: a == b)}


def same_value(gold: GoldFigure, value: Decimal, unit: str | None) -> bool:
    """Equal values (a percentage may be given as 35 or 0.35); units compared when given."""
    if unit is not None and unit.casefold() != gold.unit.casefold():
        return False
    if value == gold.value:
        return True
    return gold.unit == "percent" and (value * 100 == gold.value or value == gold.value * 100)


def _figures(figs: tuple[Figure, ...] | list[Figure]) -> list[tuple[Decimal, str]]:
    return sorted({(f.value, f.unit) for f in figs})


def score_figures(gold: GoldDocument, ex: Extraction | None) -> Scores:
    pred = _figures(ex.figures if ex else [])
    g = sorted(set(gold.figures), key=lambda f: (f.value, f.unit))
    return {"figures": compare(g, pred, lambda a, b: same_value(a, b[0], b[1])),
            "figures/value": compare(g, pred, lambda a, b: same_value(a, b[0], None))}


def _parties(e: EventMention) -> list[str]:
    return [m.text for m in (*e.actors, *e.participants, *e.affects)]


def event_matches(gold: GoldEvent, pred: EventMention) -> bool:
    """Same type and a shared party (or a shared `about` when the gold event names no party)."""
    if gold.type != pred.type:
        return False
    parties = [alts for r in ("actors", "participants", "affects") for alts in gold.roles.get(r, ())]
    if parties:
        return any(names_match(alts, name) for alts in parties for name in _parties(pred))
    about = gold.roles.get("about", ())
    if about:
        return any(names_match(alts, m.text) for alts in about for m in pred.about)
    return True


def _role_items(gold: GoldDocument, preds: list[EventMention]) -> Iterator[tuple[str, list, list, object]]:
    """(score name, gold items, predicted items, match) for every role of every event type."""
    types = sorted({e.type for e in gold.events} | {e.type for e in preds})
    for role, attr in ROLE_ATTRS.items():
        g_items: list[tuple[str, Names]] = []
        p_items: list[tuple[str, str]] = []
        for ty in types:
            golds = [e for e in gold.events if e.type == ty]
            if golds and not any(role in e.roles for e in golds):
                continue  # not annotated for this type here
            g_items += [(ty, alts) for e in golds for alts in e.roles.get(role, ())]
            p_items += sorted({(ty, m.text) for e in preds if e.type == ty for m in getattr(e, attr)})
        yield (f"events/{ROLE_NAMES[role]}", g_items, p_items,
               lambda g, p: g[0] == p[0] and names_match(g[1], p[1]))
    for role, has in (("date", "has_date"), ("effective_date", "has_effective_date")):
        g_d: list[tuple[str, str]] = []
        p_d: list[tuple[str, str]] = []
        for ty in types:
            golds = [e for e in gold.events if e.type == ty]
            if golds and not any(getattr(e, has) for e in golds):
                continue
            g_d += sorted({(ty, getattr(e, role)) for e in golds if getattr(e, role)})
            p_d += sorted({(ty, getattr(e, role)) for e in preds if e.type == ty and getattr(e, role)})
        yield f"events/{role}", g_d, p_d, lambda g, p: g == p
    g_f: list[tuple[str, GoldFigure]] = []
    p_f: list[tuple[str, tuple[Decimal, str]]] = []
    for ty in types:
        golds = [e for e in gold.events if e.type == ty]
        if golds and all(e.figures is None for e in golds):
            continue
        g_f += [(ty, f) for e in golds for f in (e.figures or ())]
        p_f += [(ty, f) for f in _figures([f for e in preds if e.type == ty for f in e.figures])]
    yield "events/figure", g_f, p_f, lambda g, p: g[0] == p[0] and same_value(g[1], p[1][0], p[1][1])


def score_events(gold: GoldDocument, ex: Extraction | None) -> Scores:
    preds = list(ex.events) if ex else []
    out = {"events": compare(list(gold.events), preds, event_matches)}
    for ty in sorted({e.type for e in gold.events} | {e.type for e in preds}):
        out[f"events/type/{ty}"] = compare([e for e in gold.events if e.type == ty],
                                           [e for e in preds if e.type == ty], event_matches)
    for name, g, p, ok in _role_items(gold, preds):
        out[name] = compare(g, p, ok)  # type: ignore[arg-type]
    return out


def score_relations(gold: GoldDocument, ex: Extraction | None) -> Scores:
    preds = []
    for r in ex.relations if ex else ():
        obj = r.object.text if r.object is not None else None
        preds.append((r.subject.text, r.predicate, obj, r.literal))
    preds = sorted(set(preds), key=str)

    def ok(g: GoldRelation, p: tuple[str, str, str | None, str | None]) -> bool:
        if g.predicate != p[1]:
            return False
        if g.literal is not None:
            return names_match(g.subject, p[0]) and p[3] is not None and names_match(g.literal, p[3])
        if p[2] is None:
            return False
        if names_match(g.subject, p[0]) and names_match(g.object, p[2]):
            return True
        return g.predicate == "partnerOf" and names_match(g.subject, p[2]) and names_match(g.object, p[0])

    out = {"relations": compare(list(gold.relations), preds, ok)}
    for pred_name in sorted({r.predicate for r in gold.relations} | {p[1] for p in preds}):
        out[f"relations/{pred_name}"] = compare([r for r in gold.relations if r.predicate == pred_name],
                                                [p for p in preds if p[1] == pred_name], ok)
    return out


def score_meta(gold: GoldDocument, doc_meta: dict[str, str | None] | None) -> Scores:
    """Ingest metadata: date of publication (by day), publisher and author (loosely)."""
    out = {}
    for name in ("date_published", "publisher", "author"):
        want = gold.meta.get(name)
        got = (doc_meta or {}).get(name)
        if name == "date_published" and got:
            got = got[:10]
        hit = want is not None and got is not None and (
            want == got if name == "date_published" else names_match((want,), got))
        out[f"meta/{name}"] = Score(int(want is not None), int(got is not None), int(hit), int(hit))
    return out


SCORERS = {"mentions": score_mentions, "dates": score_dates, "figures": score_figures,
           "events": score_events, "relations": score_relations}
