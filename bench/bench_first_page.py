"""First-page latency of every canned listing: embedded Oxigraph vs rdflib's engine, same data.

    python bench/bench_first_page.py [--triples 1000000] [--page-size 100] [--repeat 5] [--rdflib-limit 60]

Uses the synthetic dataset of bench/bench_queries.py, loads it as `kg build` loads its store,
and parses it into an rdflib Dataset (union default graph). Each SELECT question without
required parameters is asked for its first page exactly as `kg query --page 1` does
(kg.query.paging: every key of the listing, sorted, then the question bound to the page's
keys; LIMIT/OFFSET for aggregates), in-process on both engines, so the table measures the
engines, not the worker round trip. Also times a next page once the sorted keys are kept
(as `kg serve` and the Python API keep them) and the total (`--count`) on Oxigraph.
Writes bench/RESULTS-FIRST-PAGE.md.
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

from kg.query import load_canned  # noqa: E402
from kg.query.paging import Page, _without_header, run_page, total  # noqa: E402
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--page-size", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rdflib-limit", type=int, default=60)
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
    ox_times: dict[str, float] = {}
    ox_next: dict[str, float] = {}
    ox_count: dict[str, tuple[float, int]] = {}
    for name, q in questions.items():
        _progress(f"oxigraph {name}")
        text = _without_header(q.text)
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            run_page(ox_run, text, q.page_keys, page)
            runs.append(time.perf_counter() - t)
        ox_times[name] = statistics.median(runs)
        t = time.perf_counter()
        n = total(ox_run, text, q.page_keys)
        ox_count[name] = (time.perf_counter() - t, n)
        where = ("bench", name)  # keys kept after page 1, as in `kg serve` and the Python API
        run_page(ox_run, text, q.page_keys, page, where)
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            run_page(ox_run, text, q.page_keys, Page(2, args.page_size), where)
            runs.append(time.perf_counter() - t)
        ox_next[name] = statistics.median(runs)

    del store
    shutil.rmtree(folder.parent, ignore_errors=True)
    from rdflib import Dataset

    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    rl_load = time.perf_counter() - t
    rl_run = rdflib_runner(ds)
    signal.signal(signal.SIGALRM, _alarm)
    rl_times: dict[str, float | None] = {}
    errors: dict[str, str] = {}
    for name, q in questions.items():
        _progress(f"rdflib {name}")
        signal.alarm(args.rdflib_limit)
        t = time.perf_counter()
        try:
            run_page(rl_run, _without_header(q.text), q.page_keys, page)
            rl_times[name] = time.perf_counter() - t
        except _Timeout:
            rl_times[name] = None
        except Exception as err:  # rdflib bugs, e.g. NotBoundError in GROUP_CONCAT over OPTIONAL
            rl_times[name] = None
            errors[name] = f"{type(err).__name__}: {err}"
        finally:
            signal.alarm(0)

    rows = ["| question | page keys | Oxigraph first page, median ms | Oxigraph next page (keys kept), ms "
            "| rdflib first page ms | rdflib / Oxigraph | Oxigraph count ms (total) |",
            "|---|---|---:|---:|---:|---:|---:|"]
    ratios, under = [], 0
    for name, q in questions.items():
        o, r = ox_times[name], rl_times.get(name)
        under += o < 0.2
        if r is None:
            shown, ratio = ("error" if name in errors else f"> {args.rdflib_limit * 1000}"), ""
            if name not in errors:
                ratio = f"> {args.rdflib_limit / o:.0f}×"
        else:
            shown, ratio = f"{r * 1000:.0f}", f"{r / o:.0f}×"
            ratios.append(r / o)
        c, n = ox_count[name]
        keys = " ".join("?" + k for k in q.page_keys) or "(LIMIT/OFFSET)"
        rows.append(f"| {name} | {keys} | {o * 1000:.1f} | {ox_next[name] * 1000:.1f} | {shown} | {ratio} "
                    f"| {c * 1000:.0f} ({n:,}) |")
    med = statistics.median(ox_times.values())
    under_next = sum(v < 0.2 for v in ox_next.values())
    text = "\n".join([
        "# First page of each canned listing: Oxigraph vs rdflib", "",
        f"Generated by `python bench/bench_first_page.py --triples {args.triples} --page-size {args.page_size}` on "
        f"{platform.platform()}, Python {platform.python_version()}, pyoxigraph {ox.__version__} "
        "(2 cores shared with other work: absolute times are noisy, ratios less so).", "",
        f"Synthetic dataset of bench/bench_queries.py: {count:,} quads. Load: Oxigraph {ox_load:.1f} s, "
        f"rdflib parse {rl_load:.1f} s. Page of {args.page_size} keys; Oxigraph median of {args.repeat} runs, "
        f"rdflib one run stopped after {args.rdflib_limit} s. Both run kg.query.paging's queries in-process.", "",
        *rows, "",
        f"Median over questions of the Oxigraph first page: {med * 1000:.0f} ms; {under} of {len(ox_times)} "
        f"under 200 ms; next pages: median {statistics.median(ox_next.values()) * 1000:.0f} ms, {under_next} under "
        "200 ms." + (f" Median rdflib / Oxigraph over the questions rdflib finished: "
                           f"{statistics.median(ratios):.0f}×." if ratios else ""), "",
        *(["rdflib errors: " + "; ".join(f"{k}: {v}" for k, v in errors.items()), ""] if errors else [])])
    args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
