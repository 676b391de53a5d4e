"""Resolution: mentions -> entities (one per real-world thing), reports -> events (one per happening)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Document, Extraction, Mention, Resolved
from .entities import EntityResolver
from .events import ResolvedReport, merge_reports

__all__ = ["EntityResolver", "merge_reports", "resolve"]

# Lexicon facts that become triples when their subject appears in the corpus.
_LEXICON_LINKS = (("operated_by", "operatedBy"), ("subsidiary_of", "subsidiaryOf"), ("offered_on", "offeredOn"))


def resolve(extractions: Sequence[Extraction], documents: Iterable[Document] = (),
            lexicon: Iterable[object] = ()) -> Resolved:
    """Resolve every document's findings into one set of entities, relations and events.

    `documents` are all documents (containers too) so that publishers and authors from
    metadata become entities as well.
    """
    resolver = EntityResolver(lexicon)
    resolver.learn_short_forms(m for ex in extractions for m in ex.mentions)
    resolver.learn_heads(m for ex in extractions for m in ex.mentions)
    out = Resolved()

    for doc in documents:
        pub, authors = resolver.add_document_people(doc)
        if pub:
            out.publishers[doc.key] = pub
        if authors:
            out.authors[doc.key] = authors

    def key_of(m: Mention, doc_key: str) -> str:
        k = out.mention_keys.get((doc_key, m.start, m.end))
        if k is None:
            k = resolver.add_mention(m, doc_key)
            out.mention_keys[(doc_key, m.start, m.end)] = k
        return k

    reports: list[ResolvedReport] = []
    for ex in extractions:
        dk = ex.document.key
        for m in ex.mentions:
            key_of(m, dk)
        for rel in ex.relations:
            subj = key_of(rel.subject, dk)
            if rel.object is not None:
                obj = key_of(rel.object, dk)
                if obj != subj:
                    out.relations.append((subj, rel.predicate, obj, dk))
            elif rel.literal:
                out.relations.append((subj, rel.predicate, rel.literal, dk))
        for ev in ex.events:
            def keys(ms: tuple[Mention, ...], _dk: str = dk) -> frozenset[str]:
                return frozenset(key_of(m, _dk) for m in ms)
            reports.append(ResolvedReport(
                report=ev, actors=keys(ev.actors), participants=keys(ev.participants),
                affects=keys(ev.affects), about=keys(ev.about),
                when=ev.date or ex.document.date_published,
            ))

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
    out.events = merge_reports(reports)
    out.relations = sorted(set(out.relations))
    return out
