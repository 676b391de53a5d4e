"""Pages, read back through the on-disk listing index, hold the un-paged answer's rows in its
order, on the seed build and on a generated corpus: an aggregate's pages are its rows exactly;
a keyed listing whose ORDER BY starts with its keys gives its rows key by key in the same key
order (rows of one key may tie in the question's order, so the engine may give those in any
order); any other keyed listing gives the same rows, ordered by its keys."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

import kg.query.paging as paging
from kg.query import Engine, load_canned
from kg.query.paging import Page, paged

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = [n for n, q in load_canned().items()
            if "CONSTRUCT" not in q.text and not any(p.required for p in q.params)]


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_corpus import write_corpus

    from kg.build import build

    work = tmp_path_factory.mktemp("generated")
    write_corpus(80, work / "corpus")
    build(work / "corpus", work / "out", ner="off", site=False, doc_timeout=None)
    return work / "out" / "store"


def _pages(eng: Engine, name: str, size: int) -> list:
    rows, n = [], 1
    paging._cache.clear()  # a fresh process: the listing comes from the disk index after page 1
    while True:
        result, _ = paged(eng, name, None, Page(n, size))
        if not result.rows:
            return rows
        rows += result.rows
        n += 1


def _keys_in_order(rows: list, cols: list[int]) -> list:
    """The key of each run of rows, in order (a key's rows come together)."""
    out: list = []
    for row in rows:
        key = tuple(str(row[c]) for c in cols)
        if not out or out[-1] != key:
            out.append(key)
    return out


def _check(store: Path, name: str) -> None:
    canned = load_canned()[name]
    with Engine(("store", (str(store),)), timeout=120) as eng:
        answer = eng.run(name)
        got = _pages(eng, name, 3)
    whole = answer.rows
    assert Counter(map(str, got)) == Counter(map(str, whole))
    if not canned.page_keys:
        assert got == whole
        return
    order = paging._shape(paging._without_header(canned.text))[0].order_terms.split()
    if order[:len(canned.page_keys)] == ["?" + k for k in canned.page_keys]:
        cols = [answer.variables.index(k) for k in canned.page_keys]
        assert _keys_in_order(got, cols) == _keys_in_order(whole, cols)


@pytest.mark.parametrize("name", LISTINGS)
def test_paging_order_on_seeds(seed_build, name: str) -> None:
    _check(seed_build.out / "store", name)


@pytest.mark.parametrize("name", LISTINGS)
def test_paging_order_on_generated_data(generated_store: Path, name: str) -> None:
    _check(generated_store, name)
