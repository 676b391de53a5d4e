"""Peak RSS of Oxigraph's bulk loads: Python quads by `bulk_extend` (one call, or calls of a
bounded batch) against Rust parsing by `bulk_load` (one call for a whole file, or one call per
part file of `kg.graph_files.PART_LINES` lines, as `kg build` loads its store).

    python bench/bench_bulk_load_memory.py [--quads 1000000 3000000] [--batch 200000]
                                           [--cases extend,extend-batch,load,load-parts]

Each case runs in a fresh interpreter (peak RSS and CPU over all threads from `wait4`) and
loads the same synthetic quads (100 per graph, 10 per subject, literal objects) into a new
store; the N-Quads files are written before the clock starts. It tells whether a load keeps
memory flat as the data grows. Not a test: run it by hand and put the table in the results
it informs (STORE-LOAD-RESULTS.md).
"""
from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CASES = {"extend": "one bulk_extend call", "extend-batch": "bulk_extend per {batch} quads",
         "load": "one bulk_load of the whole file", "load-parts": "bulk_load per part file of {part} lines"}


def line(i: int) -> str:
    return (f'<http://example.org/s{i // 10}> <http://example.org/p{i % 20}> "value number {i} with some text" '
            f"<http://example.org/g{i // 100}> .\n")


def write_files(n: int, folder: Path, part: int) -> None:
    """The quads as one file and as part files of `part` lines."""
    with (folder / "all.nq").open("w", encoding="utf-8") as whole:
        for start in range(0, n, part):
            text = "".join(line(i) for i in range(start, min(n, start + part)))
            whole.write(text)
            (folder / f"part-{start // part:06d}.nq").write_text(text, encoding="utf-8")


def load(case: str, folder: Path, n: int, batch: int) -> None:
    import pyoxigraph as ox

    store = ox.Store(str(folder / "store"))
    nq = ox.RdfFormat.N_QUADS
    if case == "load":
        store.bulk_load(path=str(folder / "all.nq"), format=nq, lenient=True)
    elif case == "load-parts":
        for part in sorted(folder.glob("part-*.nq")):
            store.bulk_load(path=str(part), format=nq, lenient=True)
    else:
        quads = iter(ox.parse(path=str(folder / "all.nq"), format=nq))
        if case == "extend-batch":
            while chunk := list(itertools.islice(quads, batch)):
                store.bulk_extend(chunk)
        else:
            store.bulk_extend(quads)
    store.flush()
    del store


def main() -> None:
    from kg.graph_files import PART_LINES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quads", type=int, nargs="+", default=[1_000_000, 3_000_000])
    ap.add_argument("--batch", type=int, default=200_000)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        case, folder, n, batch = args.child
        load(case, Path(folder), int(n), int(batch))
        return
    print("| quads | load | peak RSS MB | CPU s |\n|---:|---|---:|---:|")
    for n in args.quads:
        folder = Path(tempfile.mkdtemp(prefix="kg-bulk-"))
        try:
            write_files(n, folder, PART_LINES)
            for case in args.cases.split(","):
                shutil.rmtree(folder / "store", ignore_errors=True)
                child = subprocess.Popen([sys.executable, __file__, "--child", case, str(folder), str(n),
                                          str(args.batch)])
                _, status, usage = os.wait4(child.pid, 0)
                if status:
                    raise SystemExit(f"{case}: the load failed")
                what = CASES[case].format(batch=args.batch, part=PART_LINES)
                print(f"| {n:,} | {what} | {usage.ru_maxrss / 1024:.0f} | {usage.ru_utime + usage.ru_stime:.1f} |",
                      flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
