"""Resolution: mentions -> entities (one per real-world thing), reports -> events (one per happening)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..frozen import replaced
from ..model import Document, EventMention, Extraction, Mention, Resolved
from .entities import EntityResolver
from .events import EventHead, ResolvedReport, merge_reports

__all__ = ["DocumentKeys", "EntityResolver", "Resolution", "merge_reports", "resolve"]

# Lexicon facts that become triples when their subject appears in the corpus.
_NONE: frozenset[str] = frozenset()  # one shared empty role set (most reports leave most roles empty)
_LEXICON_LINKS = (("operated_by", "operatedBy"), ("subsidiary_of", "subsidiaryOf"), ("offered_on", "offeredOn"))


@dataclass
class DocumentKeys:
    """What resolution decided for one group of documents: the tables the RDF of exactly those
    documents needs, so a streamed build keeps them on disk beside the group, not in memory."""

    mention_keys: dict[tuple[str, int, int], str] = field(default_factory=dict)  # (doc, start, end) -> entity
    relations: list[tuple[str, str, str, str]] = field(default_factory=list)  # sorted, distinct
    publishers: dict[str, str] = field(default_factory=dict)
    authors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    first_report: int = 0  # number of the group's first event report in corpus order (see `report_events`)


class Resolution:
    """Resolution in passes over groups of documents in corpus order, so the corpus need not be
    in memory: `learn` every group (short forms and name heads), then `assign` every group
    (entity keys, relations, event reports), then `finish` (entities, merged events).

    With `compact_reports`, each entity keeps only its first source document (see
    `EntityResolver`), the event reports kept for merging drop their text and role
    mentions (merging needs neither), `finish` gives each event as an `EventHead` (key,
    type, confidence) rather than a whole `Event`, and `report_events` tells the event of
    each report by its number in corpus order."""

    def __init__(self, lexicon: Iterable[Any] = (), *, compact_reports: bool = False) -> None:
        self.resolver = EntityResolver(lexicon, first_source_only=compact_reports)
        self.compact = compact_reports
        self.reports: list[ResolvedReport] = []
        self.report_events: list[str] = []
        self._settled = False

    def learn(self, extractions: Iterable[Extraction]) -> None:
        """First pass: the short forms documents introduce and the long names whose heads count."""
        for ex in extractions:
            self.resolver.learn_short_forms(ex.mentions)
            self.resolver.note_head_names(ex.mentions)

    def assign(self, documents: Iterable[Document], extractions: Iterable[Extraction]) -> DocumentKeys:
        """Second pass over one group: every mention's entity key, the group's relations, and
        its event reports (kept for `finish`). `documents` are all the group's documents
        (containers too), so that publishers and authors from metadata become entities."""
        if not self._settled:
            self.resolver.settle_heads()
            self._settled = True
        resolver = self.resolver
        out = DocumentKeys(first_report=len(self.reports))
        for doc in documents:
            pub, authors = resolver.add_document_people(doc)
            if pub:
                out.publishers[doc.key] = pub
            if authors:
                out.authors[doc.key] = authors

        written: dict[tuple[int, int], str] = {}  # of the extraction at hand (traditional Chinese as written)
        mention_keys = out.mention_keys

        def key_of(m: Mention, doc_key: str) -> str:
            where = (doc_key, m.start, m.end)  # (made once: looked up, then stored)
            k = mention_keys.get(where)
            if k is None:
                k = mention_keys[where] = resolver.add_mention(m, doc_key)
                if written and (as_written := written.get((m.start, m.end))) is not None:
                    resolver.add_written(k, as_written)
            return k

        def keys(ms: tuple[Mention, ...], dk: str) -> frozenset[str]:
            return frozenset([key_of(m, dk) for m in ms]) if ms else _NONE

        relations: list[tuple[str, str, str, str]] = []
        for ex in extractions:
            dk = ex.document.key
            written = ex.written
            for m in ex.mentions:
                key_of(m, dk)
            for rel in ex.relations:
                subj = key_of(rel.subject, dk)
                if rel.object is not None:
                    obj = key_of(rel.object, dk)
                    if obj != subj:
                        relations.append((subj, rel.predicate, obj, dk))
                elif rel.literal:
                    relations.append((subj, rel.predicate, rel.literal, dk))
            for ev in ex.events:
                self.reports.append(ResolvedReport(
                    report=_compact(ev) if self.compact else ev, actors=keys(ev.actors, dk),
                    participants=keys(ev.participants, dk), affects=keys(ev.affects, dk), about=keys(ev.about, dk),
                    when=ev.date or ex.document.date_published,
                ))
        out.relations = sorted(set(relations))
        return out

    def finish(self) -> Resolved:
        """Entities (with what the lexicon knows about them) and events; the per-document
        tables stay with the `DocumentKeys` of each group."""
        resolver = self.resolver
        out = Resolved()
        # Lexicon knowledge about entities the corpus mentions pulls in the related entity.
        for key in sorted(resolver.drafts):
            entry = resolver.lexicon.get(key)
            if entry is None:
                continue
            for attr, prop in _LEXICON_LINKS:
                target = getattr(entry, attr, None)
                if target and target in resolver.lexicon:
                    other = resolver.lexicon[target]
                    if target not in resolver.drafts:
                        resolver.add(other.label_zh or other.label_en or target, other.types[0], "", known=target)
                    out.lexicon_relations.append((key, prop, target))

        out.entities = resolver.entities()
        for ent in out.entities.values():
            ent.sources.discard("")
        out.events = merge_reports(self.reports)
        if self.compact:
            number = {id(r.report): i for i, r in enumerate(self.reports)}
            self.report_events = [""] * len(self.reports)
            for ev in out.events.values():
                for rep in ev.reports:
                    self.report_events[number[id(rep)]] = ev.key
            out.events = {k: EventHead(k, ev.type, ev.confidence) for k, ev in out.events.items()}  # type: ignore[misc]
        self.reports = []
        return out


_COMPACTED = {"evidence": "", "trigger": "", "actors": (), "participants": (), "affects": (), "about": (),
              "markets": (), "role": None}


def _compact(ev: EventMention) -> EventMention:
    """The report as merging sees it: type, place, dates, figures, confidence (no text, no
    mentions); `dataclasses.replace` of those fields, at a third of its cost."""
    return replaced(ev, _COMPACTED)


def resolve(extractions: Sequence[Extraction], documents: Iterable[Document] = (),
            lexicon: Iterable[Any] = ()) -> Resolved:
    """Resolve every document's findings into one set of entities, relations and events.

    `documents` are all documents (containers too) so that publishers and authors from
    metadata become entities as well.
    """
    resolution = Resolution(lexicon)
    resolution.learn(extractions)
    keys = resolution.assign(documents, extractions)
    out = resolution.finish()
    out.mention_keys, out.relations = keys.mention_keys, keys.relations
    out.publishers, out.authors = keys.publishers, keys.authors
    return out
