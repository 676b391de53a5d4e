"""Canned date ranges and publisher lists over groups where some members have none.

On Oxigraph an aggregate over a group holding an unbound value is unbound, so a MIN/MAX over
an OPTIONAL date blanked the whole range as soon as one event or document was undated, and a
GROUP_CONCAT of publishers blanked the list as soon as one reporting document had none.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.query import Engine
from kg.store import load_files

DATA = Path(__file__).resolve().parent / "data" / "query" / "partly_dated.trig"
K = "https://w3id.org/ecomkg/ontology#"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("partly-dated") / "store"
    load_files([DATA], folder)
    with Engine(("store", (str(folder),)), timeout=20) as eng:
        yield eng


def test_events_by_type_keeps_the_range_of_the_dated_events(engine: Engine) -> None:
    rows = {r["type"]: r for r in engine.run("events_by_type").records()}
    assert (rows[K + "Enforcement"]["events"], rows[K + "Enforcement"]["dated"]) == ("3", "2")
    assert (rows[K + "Enforcement"]["first"], rows[K + "Enforcement"]["last"]) == ("2024-05-01", "2024-07-09")


def test_events_by_type_counts_a_type_with_no_dated_event(engine: Engine) -> None:
    launch = {r["type"]: r for r in engine.run("events_by_type").records()}[K + "Launch"]
    assert (launch["events"], launch["dated"], launch["first"]) == ("1", "0", None)


def test_documents_by_publisher_keeps_the_range_of_the_dated_documents(engine: Engine) -> None:
    rows = engine.run("documents_by_publisher").records()
    assert [(r["publisher"], r["documents"], r["dated"], r["first"], r["last"]) for r in rows] == [
        ("Harbour Ledger", "2", "1", "2024-05-02", "2024-05-02"), ("(unknown)", "1", "0", None, None)]


def test_multi_source_events_names_the_publishers_it_knows(engine: Engine) -> None:
    rows = engine.run("multi_source_events").records()
    assert [(r["event"].rsplit("/", 1)[-1], r["sources"], r["publishers"]) for r in rows] == [
        ("e1", "2", "Harbour Ledger")]


def test_multi_source_events_gives_the_date_and_every_actor(engine: Engine) -> None:
    (row,) = engine.run("multi_source_events").records()
    assert row["date"] == "2024-05-01"
    assert sorted(row["actors"].split(" | ")) == ["Coastal Trade Office", "海港小店"]
