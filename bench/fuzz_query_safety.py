"""Mutation fuzzing of the query safety check (exploratory, not a unit test).

    python bench/fuzz_query_safety.py [--seconds 120] [--seed 1]

Takes the generated SERVICE queries of tests/test_query_fuzz.py, inserts characters where
readers tend to disagree (CR, LF, `#`, backslashes, quotes, `<>`, braces, odd whitespace,
`\\u` escapes of quotes and `>`, long-string quotes) or deletes a few, and keeps every
mutant that kg's check lets through. Each of those runs on a bare, unchecked pyoxigraph
store; a connection to the loopback listener is a bypass and is printed. Exit code 1 when
any bypass was found.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.errors import QueryError  # noqa: E402
from kg.query.safety import check  # noqa: E402
from kg.vocab import PREFIXES  # noqa: E402
from tests.test_query_fuzz import Listener, corpus  # noqa: E402

INSERTS = ["\r", "\n", "#", "\\", '"', "'", "<", ">", "{", "}", "\x0b", "\x0c", "\u2028", "\x85", " ", "\t",
           "\\u0022", "\\u0027", "\\u003E", "'''", '"""', "\\#", ".", ";", "(", ")", "\x00", "\ufeff", "\u00a0"]


def mutate(rnd: random.Random, text: str) -> str:
    for _ in range(rnd.randrange(1, 4)):
        i = rnd.randrange(len(text) + 1)
        if rnd.random() < 0.6:
            text = text[:i] + rnd.choice(INSERTS) + text[i:]
        else:
            text = text[:i] + text[i + rnd.randrange(1, 4):]
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    listener = Listener()
    dangerous, _ = corpus(listener.port)
    store = ox.Store()
    iri = ox.NamedNode("https://w3id.org/ecomkg/id/a")
    store.add(ox.Quad(iri, iri, ox.Literal("c"), ox.NamedNode("https://w3id.org/ecomkg/id/doc/a")))
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    rnd = random.Random(args.seed)
    started, tried, passed, bypasses = time.monotonic(), 0, 0, 0
    while time.monotonic() - started < args.seconds:
        text = mutate(rnd, rnd.choice(dangerous))
        tried += 1
        try:
            check(text, has_graph=lambda _iri: True, prefixes=PREFIXES)
        except QueryError:
            continue
        passed += 1
        before = len(listener.seen)
        try:
            result = store.query(text, prefixes=PREFIXES)
            list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
        except (SyntaxError, OSError, ValueError, RuntimeError):
            pass
        if len(listener.seen) > before:
            bypasses += 1
            print(f"BYPASS: {text!r}")
    listener.close()
    print(f"{tried} mutants in {args.seconds:g}s, {passed} let through by the check (run unchecked), {bypasses} bypasses")
    sys.exit(1 if bypasses else 0)


if __name__ == "__main__":
    main()
