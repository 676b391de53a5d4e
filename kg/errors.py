"""One base error and one subclass per stage, so the CLI can report any failure plainly."""
from __future__ import annotations


class KgError(Exception):
    """Any error kg reports to a user: the message names the input and what to do."""


class IngestError(KgError):
    """A file could not be read, decoded or parsed."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path, self.line, self.reason = path, line, message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class ExtractError(KgError):
    """An extractor or lexicon is misconfigured."""


class LexiconError(ExtractError):
    """A lexicon data file is malformed (names the file and line)."""


class RdfError(KgError):
    """The graph could not be built or serialised."""


class ValidationError(KgError):
    """A graph does not conform to the SHACL shapes."""


class StoreError(KgError):
    """The store could not be opened, loaded or reached."""


class QueryError(KgError):
    """A SPARQL query is malformed, refused, or ran out of time."""


class RegistryError(KgError):
    """An unknown name was asked of a registry."""
