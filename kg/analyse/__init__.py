"""Network analysis of a build: the entity graph (networkx), rankings, communities and paths."""
from __future__ import annotations

from .graph import Fact, open_dataset, to_networkx

__all__ = ["Fact", "open_dataset", "to_networkx"]
