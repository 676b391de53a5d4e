"""Benchmark (not a test): canned queries on the embedded Oxigraph store vs rdflib's engine.

    python bench/bench_queries.py [--triples 1000000] [--repeat 5] [--rdflib-limit 300]

Generates a deterministic synthetic dataset that follows the public data model (documents
in named graphs, organisations with zh/en labels, events of every type with dates, figures
and sources) under bench/data/ (git-ignored), bulk-loads it into pyoxigraph and parses it
into an rdflib Dataset (union default graph), runs every canned query without parameters
and writes the median times and ratios to bench/RESULTS.md. rdflib runs each query once,
stopped after --rdflib-limit seconds.
"""
from __future__ import annotations

import argparse
import platform
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from kg.query import load_canned  # noqa: E402
from kg.store import load_dataset  # noqa: E402
from kg.vocab import PREFIXES  # noqa: E402

KG, KGR = PREFIXES["kg"], PREFIXES["kgr"]
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL, ALT = "<http://www.w3.org/2000/01/rdf-schema#label>", "<http://www.w3.org/2004/02/skos/core#altLabel>"
SUB = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
XSD = "http://www.w3.org/2001/XMLSchema#"
EVENTS = ["Partnership", "PolicyChange", "Launch", "Discontinuation", "Enforcement", "FinancialResult",
          "Acquisition", "Investment", "Listing", "Announcement"]


def generate(path: Path, target: int, seed: int = 7) -> int:
    """Write about `target` quads of synthetic news data; returns the exact count."""
    rnd = random.Random(seed)
    n_org = max(200, target // 60)
    n_doc = max(100, target // 25)
    lines: list[str] = []
    for cls in ("Company", "Platform", "GovernmentBody"):
        lines.append(f"<{KG}{cls}> {SUB} <{KG}Organization> .\n")
    lines += [f"<{KG}{e}> {SUB} <{KG}Event> .\n" for e in EVENTS]

    def org(i: int) -> str:
        return f"<{KGR}entity/org{i}>"

    with path.open("w", encoding="utf-8") as out:
        out.writelines(lines)
        count = len(lines)
        for d in range(n_doc):
            g = f"<{KGR}doc/d{d}>"
            day = f"2022-{1 + d % 12:02d}-{1 + d % 28:02d}"
            quads = [
                (f"<{KGR}doc/d{d}>", RDF_TYPE, f"<{KG}Document>"),
                (f"<{KGR}doc/d{d}>", "<https://schema.org/headline>", f'"Headline {d}"'),
                (f"<{KGR}doc/d{d}>", "<https://schema.org/datePublished>", f'"{day}"^^<{XSD}date>'),
                (f"<{KGR}doc/d{d}>", "<https://schema.org/publisher>", org(rnd.randrange(20))),
                (f"<{KGR}doc/d{d}>", "<https://schema.org/inLanguage>", f'"{"zh" if d % 2 else "en"}"'),
            ]
            for _ in range(2):
                i = rnd.randrange(n_org)
                kind = "Platform" if i % 10 == 0 else "Company"
                quads += [(org(i), RDF_TYPE, f"<{KG}{kind}>"), (org(i), LABEL, f'"Org {i}"@en'),
                          (org(i), LABEL, f'"机构{i}"@zh'), (org(i), f"<{KG}source>", f"<{KGR}doc/d{d}>")]
                if i % 7 == 0:
                    quads.append((org(i), ALT, f'"O{i}"'))
                if kind == "Platform":
                    quads.append((org(i), f"<{KG}operatedBy>", org(i + 1)))
                ev = f"<{KGR}event/e{rnd.randrange(n_doc * 2)}>"
                etype = EVENTS[rnd.randrange(len(EVENTS))]
                other = org(rnd.randrange(n_org))
                quads += [(ev, RDF_TYPE, f"<{KG}{etype}>"), (ev, f"<{KG}actor>", org(i)),
                          (ev, f"<{KG}date>", f'"{day}"^^<{XSD}date>'), (ev, f"<{KG}source>", f"<{KGR}doc/d{d}>"),
                          (ev, f"<{KG}evidence>", f'"Sentence {d} about Org {i}."'),
                          (ev, f"<{KG}confidence>", f'"0.{rnd.randrange(5, 10)}"^^<{XSD}decimal>')]
                if etype == "Partnership":
                    quads += [(ev, f"<{KG}participant>", org(i)), (ev, f"<{KG}participant>", other)]
                elif etype in ("Enforcement", "Acquisition", "Investment"):
                    quads.append((ev, f"<{KG}affects>", other))
                if etype in ("PolicyChange", "Discontinuation"):
                    quads.append((ev, f"<{KG}effectiveDate>", f'"2022-{1 + rnd.randrange(12):02d}-15"^^<{XSD}date>'))
                if etype in ("FinancialResult", "Acquisition", "Investment"):
                    q = f"<{KGR}quantity/q{d}x{i}>"
                    quads += [(ev, f"<{KG}figure>", q), (q, f"<{KG}value>", f'"{rnd.randrange(10**9)}"^^<{XSD}decimal>'),
                              (q, f"<{KG}unit>", '"CNY"'), (q, LABEL, f'"{rnd.randrange(100)}亿元"')]
            if d % 10 == 0:
                p = f"<{KGR}entity/person{d}>"
                quads += [(p, RDF_TYPE, f"<{KG}Person>"), (p, LABEL, f'"Person {d}"@en'),
                          (p, f"<{KG}affiliatedWith>", org(rnd.randrange(n_org))), (p, f"<{KG}role>", '"CEO"')]
            out.writelines(f"{s} {p} {o} {g} .\n" for s, p, o in quads)
            count += len(quads)
    return count


def time_oxigraph(nq: Path, queries: dict, repeat: int) -> tuple[dict[str, float], float]:
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-store-")) / "store"
    started = time.perf_counter()
    load_dataset(nq, folder)  # the same load as `kg build` (materialised union default graph)
    load = time.perf_counter() - started
    store = ox.Store.read_only(str(folder))
    out = {}
    for name, q in queries.items():
        _progress(f"oxigraph {name}")
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            res = store.query(q, prefixes=PREFIXES)
            for _row in res:
                pass
            runs.append(time.perf_counter() - t)
        out[name] = statistics.median(runs)
    del store
    shutil.rmtree(folder.parent, ignore_errors=True)
    return out, load


class _Timeout(Exception):
    pass


errors: dict[str, str] = {}


def _progress(what: str) -> None:
    sys.stderr.write(f"{time.strftime('%H:%M:%S')} {what}\n")
    sys.stderr.flush()


def time_rdflib(nq: Path, queries: dict, limit: int) -> tuple[dict[str, float | None], float]:
    from rdflib import Dataset

    started = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    load = time.perf_counter() - started

    def alarm(signum: int, frame: object) -> None:
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)
    out: dict[str, float | None] = {}
    for name, q in queries.items():
        _progress(f"rdflib {name}")
        signal.alarm(limit)
        t = time.perf_counter()
        try:
            list(ds.query(q, initNs=PREFIXES))
            out[name] = time.perf_counter() - t
        except _Timeout:
            out[name] = None
        except Exception as err:  # rdflib bugs (e.g. NotBoundError in GROUP_CONCAT over OPTIONAL)
            out[name] = None
            errors[name] = f"{type(err).__name__}: {err}"
        finally:
            signal.alarm(0)
    return out, load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rdflib-limit", type=int, default=300)
    ap.add_argument("--skip-rdflib", action="store_true")
    args = ap.parse_args()
    data = ROOT / "data"
    data.mkdir(exist_ok=True)
    nq = data / f"synthetic-{args.triples}.nq"
    count = generate(nq, args.triples)
    queries = {n: q.text for n, q in load_canned().items() if not any(p.required for p in q.params)}
    ox_times, ox_load = time_oxigraph(nq, queries, args.repeat)
    rl_times, rl_load = ({}, float("nan")) if args.skip_rdflib else time_rdflib(nq, queries, args.rdflib_limit)
    rows = ["| query | oxigraph median (ms) | rdflib (ms) | rdflib / oxigraph |", "|---|---:|---:|---:|"]
    ratios = []
    for name in queries:
        o, r = ox_times[name], rl_times.get(name)
        if r is None:
            shown = ("error" if name in errors else f"> {args.rdflib_limit * 1000}") if name in rl_times else "not run"
            ratio = ""
        else:
            shown, ratio = f"{r * 1000:.0f}", f"{r / o:.0f}×"
            ratios.append(r / o)
        rows.append(f"| {name} | {o * 1000:.1f} | {shown} | {ratio} |")
    summary = (f"Median ratio over the queries rdflib finished: {statistics.median(ratios):.0f}×." if ratios else "")
    text = "\n".join([
        "# Canned queries: embedded Oxigraph vs rdflib", "",
        f"Generated by `python bench/bench_queries.py --triples {args.triples}` on {platform.platform()}, "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}.", "",
        f"Synthetic dataset: {count:,} quads (deterministic, data-model shaped). "
        f"Load: oxigraph bulk_load {ox_load:.1f} s; rdflib parse {rl_load:.1f} s.", "",
        f"Oxigraph: median of {args.repeat} runs, results fully iterated. rdflib: one run, stopped after "
        f"{args.rdflib_limit} s. Queries with required parameters are skipped.", "",
        *rows, "", summary, "",
        *(["rdflib errors: " + "; ".join(f"{k}: {v}" for k, v in errors.items()), ""] if errors else [])])
    (ROOT / "RESULTS.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
