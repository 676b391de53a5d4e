"""Plain, frozen data passed between the stages of the pipeline.

Every stage takes and returns these types only, so that each can be tested alone and
the flow (ingest -> extract -> resolve -> rdf) stays one-way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from .frozen import set_state

_C = TypeVar("_C", bound=type)

# Entity types of the public data model (local names of kg: classes).
ENTITY_TYPES = ("Organization", "Company", "Platform", "GovernmentBody", "Person", "Policy", "Service", "Place")
ORGANIZATION_TYPES = ("Organization", "Company", "Platform", "GovernmentBody")
EVENT_TYPES = (
    "Partnership", "PolicyChange", "Launch", "Discontinuation", "Enforcement",
    "FinancialResult", "Acquisition", "Investment", "Listing", "Layoff", "PersonnelChange",
    "PriceChange", "Recall", "ContractAward", "Bankruptcy", "Announcement",
)


def _interpreted(cls: _C) -> _C:
    """Keeps a class interpreted (with a `__dict__`) when mypyc compiles this module: mypyc makes
    any class with a decorator of its own a plain Python class."""
    return cls


@_interpreted  # kg.ingest.html rebuilds documents from their __dict__
@dataclass(frozen=True)
class Document:
    """One news article or item after segmentation.

    `key` is the stable identity of the document (source path and position), from which
    its IRI is minted; `text` is the body only (no headline, byline or source line).
    """

    key: str
    source_path: str  # relative to the corpus root, with "/" separators
    position: str  # where in the file: "" for a whole file, "item 3", "line 12", "record 4"
    text: str
    lang: str  # "zh" or "en"
    headline: str | None = None
    date_published: str | None = None  # ISO date "2023-03-13" or datetime "2023-03-13T17:16:00"
    publisher: str | None = None
    authors: tuple[str, ...] = ()  # every byline name, in byline order
    url: str | None = None
    parent_key: str | None = None  # key of the container document (a file holding several items)
    is_container: bool = False  # a file-level document whose items are separate documents

    @property
    def author(self) -> str | None:
        """The first byline name (for readers that want one)."""
        return self.authors[0] if self.authors else None


@dataclass(frozen=True)
class Problem:
    """A warning or error about one input, kept for the manifest and never dropped."""

    path: str
    message: str
    line: int | None = None
    severity: str = "error"  # "error" (input not read) or "warning" (read, with a repair or gap)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class FileResult:
    """What ingest made of one input file: its documents and its problems."""

    path: str
    format: str
    encoding: str | None
    documents: tuple[Document, ...] = ()
    problems: tuple[Problem, ...] = ()
    sha256: str | None = None  # of the bytes read (None: not read); the manifest shows it, the cache keys on it

    @property
    def status(self) -> str:
        if any(p.severity == "error" for p in self.problems):
            return "failed" if not self.documents else "partial"
        return "ok"


@dataclass(frozen=True)
class Mention:
    """A name of an entity found in a document's text (offsets into `Document.text`)."""

    text: str
    start: int
    end: int
    type: str  # one of ENTITY_TYPES
    key: str | None = None  # lexicon id when the gazetteer knows the entity
    extractor: str = ""
    confidence: float = 1.0
    extra_types: tuple[str, ...] = ()  # further types (Amazon: Platform and Company)
    alias_of: str | None = None  # the long name a short form stands for: 星禾网络 for 杭州星禾网络科技有限公司


@dataclass(frozen=True)
class DateMention:
    """A date found in text, resolved to an ISO day (never guessed from the clock)."""

    text: str
    start: int
    end: int
    value: str  # "2023-03-10"
    role: str = "date"  # "date" (when it happened) or "effective" (when it takes effect / stops)
    end_value: str | None = None  # the last day of a range


@dataclass(frozen=True)
class Figure:
    """A reported number normalised to base units."""

    text: str
    start: int
    end: int
    value: Decimal
    unit: str  # "CNY", "USD", "merchants", "users", "percent", ...
    measure: str | None = None  # what it measures: "revenue", "net_profit", "fine", ... (kg/lexicons/measures.json)
    period: str | None = None  # the period covered, as written: "2021年第三季度", "FY2023"
    period_start: str | None = None  # ISO dates of that period, when it resolves
    period_end: str | None = None


@dataclass(frozen=True)
class Relation:
    """A fact between two entities that is not an event (operatedBy, subsidiaryOf, ...)."""

    subject: Mention
    predicate: str  # local name of the kg: property
    object: Mention | None = None
    literal: str | None = None  # for kg:role
    evidence: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class EventMention:
    """An event as one document reports it, with roles and the sentence it came from."""

    type: str  # one of EVENT_TYPES
    doc_key: str
    evidence: str
    start: int  # character offsets of the evidence in the document text
    end: int
    trigger: str
    actors: tuple[Mention, ...] = ()
    participants: tuple[Mention, ...] = ()
    affects: tuple[Mention, ...] = ()
    about: tuple[Mention, ...] = ()
    date: str | None = None
    effective_date: str | None = None
    figures: tuple[Figure, ...] = ()
    confidence: float = 0.5
    markets: tuple[Mention, ...] = ()  # places where a launch, expansion or exit happens
    role: str | None = None  # the position a personnel change concerns, as written


@dataclass
class Extraction:
    """Everything the extractors found in one document."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    # names read through a simplified copy of a traditional text (kg.extract.script): the span's
    # text as written, kept as an alias of the entity (京東 for 京东)
    written: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class FileOutcome:
    """One input file after ingest and extraction. The unit that a worker returns, a cache
    entry keeps and a spooled shard holds, so a file's documents, facts and problems always
    travel together (and a file is never half counted)."""

    file: FileResult
    extractions: list[Extraction] = field(default_factory=list)  # one per non-container document, in order
    problems: list[Problem] = field(default_factory=list)  # found while extracting: time budgets, failed extractors


@dataclass
class Entity:
    """One real-world thing after resolution, across names, languages and documents."""

    key: str  # stable resolution key, from which the IRI is minted
    types: set[str]
    label_zh: str | None = None
    label_en: str | None = None
    alt_labels: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)  # document keys
    role: str | None = None  # kg:role of a person


@dataclass
class Event:
    """One happening after merging every report of it."""

    key: str
    type: str
    reports: list[EventMention] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)  # entity keys
    participants: set[str] = field(default_factory=set)
    affects: set[str] = field(default_factory=set)
    about: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    effective_dates: set[str] = field(default_factory=set)
    figures: list[Figure] = field(default_factory=list)
    confidence: float = 0.5


@dataclass
class Resolved:
    """The resolved graph content: entities, entity relations and events."""

    entities: dict[str, Entity] = field(default_factory=dict)
    # (subject key, property, object entity key or literal for "role", doc key)
    relations: list[tuple[str, str, str, str]] = field(default_factory=list)
    events: dict[str, Event] = field(default_factory=dict)
    mention_keys: dict[tuple[str, int, int], str] = field(default_factory=dict)  # (doc, start, end) -> entity
    publishers: dict[str, str] = field(default_factory=dict)  # doc key -> entity key
    authors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # doc key -> entity keys, byline order
    lexicon_relations: list[tuple[str, str, str]] = field(default_factory=list)  # (subj, prop, obj) known a priori


# A frozen class compiled by mypyc unpickles with its own `__setstate__`, which sets each field with
# setattr, which the frozen class refuses: `kg.frozen.set_state` (an interpreted function, so that it
# binds as a method) sets them as the dataclass's `__init__` does. Its `__getstate__` gives the
# fields in order, as the `__dict__` of the interpreted class does, so pickles read the same either way.
for _cls in (Problem, FileResult, Mention, DateMention, Figure, Relation, EventMention):
    if hasattr(_cls, "__mypyc_attrs__"):
        setattr(_cls, "__setstate__", set_state)  # noqa: B010 (mypy: a method cannot be assigned)
