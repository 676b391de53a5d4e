"""First-page latency of every canned listing: embedded Oxigraph vs rdflib's engine, same data.

    python bench/bench_first_page.py [--triples 1000000] [--page-size 100] [--repeat 3] [--rdflib-limit 30]

Uses the synthetic dataset of bench/bench_queries.py, loads it as `kg build` loads its store,
and parses it into an rdflib Dataset (union default graph). Each SELECT question without
required parameters is asked for its first page exactly as `kg query --page 1` does
(kg.query.paging), in-process on both engines, so the table measures the engines, not the
worker round trip:

- cold: nothing kept: every key of the listing found and sorted (or an aggregate's whole
  answer computed), then the question bound to the page's keys. Both engines.
- index: what the first use of a listing on a store costs once: the cold work, written to
  STORE/kg-listings/ (kg.query.listing_index).
- first page with the index: a fresh process's first page (nothing in memory) once the index
  exists: read the page's keys from disk, then the question bound to them (keyed listings);
  an aggregate's page is read from the stored answer with no query. For keyed listings the
  same page (same keys, same rows) is also asked of rdflib: the engines' ratio on the same
  work. rdflib's grammar has no LATERAL, so there the keys join as a VALUES block (the same
  answer; Oxigraph runs the question once per key as a LATERAL group).

Also checks that the page read through the index equals the cold page. Writes
bench/RESULTS-FIRST-PAGE.md.
"""
from __future__ import annotations

import argparse
import platform
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from bench_queries import generate  # noqa: E402

import kg.query.paging as paging  # noqa: E402
from kg.query import load_canned  # noqa: E402
from kg.query.paging import Page, _without_header, page_query, run_page, sorted_keys, total  # noqa: E402
from kg.query.results import Result  # noqa: E402
from kg.store import load_dataset  # noqa: E402
from kg.vocab import PREFIXES  # noqa: E402


def _from_rdflib(term: Any) -> Any:
    """An rdflib result term as the pyoxigraph term kg.query.paging sorts and writes."""
    from rdflib import BNode, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


def oxigraph_runner(store: ox.Store):
    def run(q: str, cap: int | None = None) -> Result:
        res = store.query(q, prefixes=PREFIXES)
        names = [v.value for v in res.variables]
        return Result("select", variables=names, rows=[tuple(s[v] for v in names) for s in res])
    return run


def rdflib_runner(ds: Any):
    def run(q: str, cap: int | None = None) -> Result:
        res = ds.query(q, initNs=PREFIXES)
        names = [str(v) for v in res.vars]
        return Result("select", variables=names, rows=[tuple(_from_rdflib(t) for t in row) for row in res])
    return run


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _progress(what: str) -> None:
    sys.stderr.write(f"{time.strftime('%H:%M:%S')} {what}\n")
    sys.stderr.flush()


def _median_ms(fn: Any, repeat: int, before: Any = None) -> tuple[float, Any]:
    runs, out = [], None
    for _ in range(repeat):
        if before:
            before()
        t = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1000, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--page-size", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-limit", type=int, default=30)
    ap.add_argument("--out", type=Path, default=ROOT / "RESULTS-FIRST-PAGE.md")
    args = ap.parse_args()
    data = ROOT / "data"
    data.mkdir(exist_ok=True)
    nq = data / f"synthetic-{args.triples}.nq"
    count = generate(nq, args.triples)
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-page-")) / "store"
    t = time.perf_counter()
    load_dataset(nq, folder)  # the store as `kg build` loads it
    ox_load = time.perf_counter() - t
    store = ox.Store.read_only(str(folder))
    questions = {n: q for n, q in load_canned().items()
                 if "CONSTRUCT" not in q.text and not any(p.required for p in q.params)}
    page = Page(1, args.page_size)
    ox_run = oxigraph_runner(store)
    cold: dict[str, float] = {}
    index_s: dict[str, float] = {}
    warm: dict[str, float] = {}
    counts: dict[str, tuple[float, int]] = {}
    same: dict[str, bool] = {}
    shown_keys: dict[str, list] = {}
    for name, q in questions.items():
        _progress(f"oxigraph {name}")
        text = _without_header(q.text)
        cold[name], cold_page = _median_ms(lambda text=text, q=q: run_page(ox_run, text, q.page_keys, page),
                                           args.repeat)
        where = ("bench", name)
        paging._cache.clear()
        t = time.perf_counter()
        n = total(ox_run, text, q.page_keys, where, folder)  # computes the listing and writes it to disk
        index_s[name] = time.perf_counter() - t
        warm[name], warm_page = _median_ms(lambda text=text, q=q, where=where: run_page(ox_run, text, q.page_keys, page,
                                                                                        where, folder),
                                           args.repeat, paging._cache.clear)
        paging._cache.clear()
        t = time.perf_counter()
        total(ox_run, text, q.page_keys, where, folder)
        counts[name] = ((time.perf_counter() - t) * 1000, n)
        same[name] = (warm_page.variables, warm_page.rows) == (cold_page.variables, cold_page.rows)
        if q.page_keys:
            shown_keys[name] = sorted_keys(ox_run, text, q.page_keys, where, folder).rows(0, args.page_size)

    del store
    shutil.rmtree(folder.parent, ignore_errors=True)
    from rdflib import Dataset

    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    rl_load = time.perf_counter() - t
    rl_run = rdflib_runner(ds)
    paging.LATERAL_JOIN = False  # rdflib's grammar has no LATERAL: the page's keys join as a VALUES block
    signal.signal(signal.SIGALRM, _alarm)
    rl_cold: dict[str, float | None] = {}
    rl_page: dict[str, float | None] = {}
    errors: dict[str, str] = {}

    def limited(name: str, fn: Any) -> float | None:
        signal.alarm(args.rdflib_limit)
        t = time.perf_counter()
        try:
            fn()
            return (time.perf_counter() - t) * 1000
        except _Timeout:
            return None
        except Exception as err:  # rdflib bugs, e.g. NotBoundError in GROUP_CONCAT over OPTIONAL
            errors[name] = f"{type(err).__name__}: {err}"
            return None
        finally:
            signal.alarm(0)

    for name, q in questions.items():
        _progress(f"rdflib {name}")
        text = _without_header(q.text)
        rl_cold[name] = limited(name, lambda text=text, q=q: run_page(rl_run, text, q.page_keys, page))
        if shown_keys.get(name):
            keys = shown_keys[name]
            rl_page[name] = limited(name, lambda text=text, q=q, keys=keys: rl_run(page_query(text, q.page_keys, keys)))

    def ratio(slow: float | None, fast: float, name: str) -> str:
        if slow is None:
            return "error" if name in errors else f"> {args.rdflib_limit * 1000 / fast:.0f}×"
        return f"{slow / fast:.0f}×"

    def ms(v: float | None, name: str) -> str:
        return f"{v:.0f}" if v is not None else ("error" if name in errors else f"> {args.rdflib_limit * 1000}")

    rows = ["| question | page keys | index: once per store, s | **first page with the index, median ms** "
            "| Oxigraph cold first page, ms | rdflib cold first page, ms | rdflib / Oxigraph, cold "
            "| rdflib same page query, ms | rdflib / Oxigraph, same page query | total with the index, ms (rows) "
            "| same rows as cold |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    cold_ratios, page_ratios = [], []
    for name, q in questions.items():
        keys = " ".join("?" + k for k in q.page_keys) or "(whole answer)"
        rc, rp = rl_cold.get(name), rl_page.get(name)
        if rc is not None:
            cold_ratios.append(rc / cold[name])
        if q.page_keys and shown_keys.get(name):
            page_cell, page_ratio = ms(rp, name), ratio(rp, warm[name], name)
            if rp is not None:
                page_ratios.append(rp / warm[name])
        elif q.page_keys:
            page_cell, page_ratio = "(no rows)", ""
        else:
            page_cell, page_ratio = "(no query: stored answer)", ""
        c, n = counts[name]
        rows.append(f"| {name} | {keys} | {index_s[name]:.1f} | {warm[name]:.1f} | {cold[name]:.0f} | {ms(rc, name)} "
                    f"| {ratio(rc, cold[name], name)} | {page_cell} | {page_ratio} | {c:.1f} ({n:,}) "
                    f"| {'yes' if same[name] else 'NO'} |")
    med_warm, med_cold = statistics.median(warm.values()), statistics.median(cold.values())
    under = sum(v < 200 for v in warm.values())
    text = "\n".join([
        "# First page of each canned listing: Oxigraph vs rdflib", "",
        f"Generated by `python bench/bench_first_page.py --triples {args.triples} --page-size {args.page_size} "
        f"--repeat {args.repeat} --rdflib-limit {args.rdflib_limit}` on "
        f"{platform.platform()}, Python {platform.python_version()}, pyoxigraph {ox.__version__} "
        "(2 cores shared with other work: absolute times are noisy, ratios less so).", "",
        f"Synthetic dataset of bench/bench_queries.py: {count:,} quads. Load: Oxigraph {ox_load:.1f} s, "
        f"rdflib parse {rl_load:.1f} s. Page of {args.page_size} keys; Oxigraph medians of {args.repeat} runs, "
        f"rdflib one run stopped after {args.rdflib_limit} s. Both run kg.query.paging's queries in-process. "
        "See the script's docstring for what each column computes.", "",
        *rows, "",
        f"First page with the index: median {med_warm:.0f} ms over {len(warm)} questions, {under} under 200 ms "
        f"(cold: median {med_cold:.0f} ms). The index costs {sum(index_s.values()):.0f} s once per store for all "
        f"{len(index_s)} listings. rdflib / Oxigraph: cold first pages, median "
        + (f"{statistics.median(cold_ratios):.0f}× over the {len(cold_ratios)} rdflib finished" if cold_ratios else "n/a")
        + "; the same page query (same keys), median "
        + (f"{statistics.median(page_ratios):.0f}× over {len(page_ratios)} keyed listings" if page_ratios else "n/a")
        + ". Cells \"> N×\" are lower bounds set by the time limit.", "",
        *(["rdflib errors: " + "; ".join(f"{k}: {v}" for k, v in errors.items()), ""] if errors else [])])
    args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
