"""Network analysis of a build: the entity graph (networkx), rankings, communities and paths."""
from __future__ import annotations

from .frame import to_dataframe
from .graph import Fact, open_dataset, to_networkx
from .rank import community_table, rankings

__all__ = ["Fact", "community_table", "open_dataset", "rankings", "to_dataframe", "to_networkx"]
