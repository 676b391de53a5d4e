"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint and an offline query page."""
from __future__ import annotations

from .http import SparqlServer, make_server

__all__ = ["SparqlServer", "make_server"]
