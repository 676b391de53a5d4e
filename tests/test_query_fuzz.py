"""Fuzz the query safety check against a loopback listener that must never be called.

A seeded generator writes SERVICE queries in the shapes that fooled token scanners
(escaped local names holding `#`, comments, strings with braces, `\\u` escapes, mixed
case, SILENT, variables as endpoints, deep nesting, all four query forms) and harmless
queries with the same noise. Both go through kg's own query path (the Engine's worker
process, and `kg serve` over HTTP for a sample); the listener must see no connection and
every harmless query must answer. A control test runs the same dangerous queries on a bare
pyoxigraph store, unchecked, and shows they do reach the listener, so the fuzz has teeth.
"""
from __future__ import annotations

import random
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query import Engine
from kg.serve import make_server
from kg.vocab import PREFIXES
from tests.query_fixtures import KGR, make_store

SEED = 20261203
DANGEROUS, HARMLESS = 900, 300


class Listener:
    """A loopback TCP server that records every connection and answers 500 at once."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.seen: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.seen.append(conn.recv(200))
                    conn.sendall(b"HTTP/1.1 500 Nope\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    self.seen.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


def bypass_query(port: int) -> str:
    """The reproduction from the hardening issue: `\\#` in a local name hid SERVICE."""
    return (f"PREFIX ex: <http://e/>\nSELECT * WHERE {{ VALUES ?q {{ ex:a\\#b }} "
            f"SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?z }} }}")


class Generator:
    """Seeded random SPARQL: `dangerous()` always holds a SERVICE to the listener, `harmless()` never."""

    def __init__(self, port: int, seed: int = SEED) -> None:
        self.r = random.Random(seed)
        self.port = port
        self.fresh = 0  # numbers the variables of noise elements: binding one variable twice is an error

    def case(self, word: str) -> str:
        pick = self.r.random()
        if pick < 0.4:
            return word
        if pick < 0.6:
            return word.lower()
        return "".join(c.upper() if self.r.random() < 0.5 else c.lower() for c in word)

    def gap(self) -> str:
        return self.r.choice([" ", "  ", "\n", "\t", "\r\n", " # a comment with } and { and SERVICE\n", "\n# ex:a\\#b\n ",
                              " # a comment ended by a carriage return\r", "#\r", " "])

    def noise(self) -> str:
        """Harmless group elements whose text fooled or could fool a scanner."""
        self.fresh += 1
        return self.r.choice([
            "VALUES ?q{n} { ex:a\\#b }",
            "VALUES ?q{n} { ex:a\\#b ex:c\\.d }",
            "?s ?p ?o .",
            "BIND(ex:a\\#SERVICE AS ?e{n})",
            'FILTER(?o != "}{ # SERVICE <http://127.0.0.1:1/> {")',
            "FILTER(?o != '#')",
            'BIND("""multi\nline } SERVICE # { """ AS ?m{n})',
            "BIND('''{ # '''  AS ?l{n})",
            "OPTIONAL { ?s <http://e/p#SERVICE> ?z{n} }",
            "OPTIONAL { ?s ex:x\\#y\\-z ?w{n} }",
            'BIND("\\u0053ERVICE" AS ?u{n})',
            "BIND(<http://e/a\\u0023b> AS ?i{n})",
            'BIND("a\\"b # c" AS ?d{n})',
            "BIND(ex:SERVICE AS ?n{n})",
            "# SERVICE <http://127.0.0.1:1/sparql> { ?a ?b ?c }\n",
        ]).replace("{n}", str(self.fresh))

    def endpoint(self) -> tuple[str, str]:
        """(text before the SERVICE pattern, endpoint term)."""
        base = f"http://127.0.0.1:{self.port}/"
        pick = self.r.randrange(7)
        if pick == 0:
            return "", f"<{base}sparql>"
        if pick == 1:
            return "", f"<{base}sparql#{self.r.choice(['x', '}', 'SERVICE'])}>"
        if pick == 2:
            return "", "svc:sparql"
        if pick == 3:
            return "", "svc:a\\#b"
        if pick == 4:
            return "", f"<{base}\\u0073parql>"
        if pick == 5:
            return f"VALUES ?svc {{ <{base}sparql> }}", "?svc"
        return f"BIND(<{base}sparql> AS ?svc)", "?svc"

    def keyword(self) -> str:
        return self.r.choice(["SERVICE", "SERVICE", self.case("SERVICE"), self.case("SERVICE"), "\\u0053ERVICE",
                              "S\\u0045RVICE", "\\U00000053ERVICE", "\u017fERVICE", "service"])

    def service(self) -> str:
        before, target = self.endpoint()
        silent = self.case("SILENT") + self.gap() if self.r.random() < 0.4 else ""
        inner = self.r.choice(["?x ?y ?z", "?x ?y ?z . ?x ?y2 'a#b'", "{ ?x ?y ?z }"])
        return f"{before}{self.gap()}{self.keyword()}{self.gap()}{silent}{target}{self.gap()}{{ {inner} }}"

    def wrap(self, core: str, depth: int) -> str:
        for _ in range(depth):
            core = self.r.choice([
                "{{ {} }}", "OPTIONAL {{ {} }}", "{{ ?s ?p ?o }} UNION {{ {} }}", "{{ {} }} UNION {{ ?s ?p ?o }}",
                "{{ SELECT * WHERE {{ {} }} LIMIT 3 }}", "GRAPH ?g {{ {} }}", "MINUS {{ {} }}",
                "FILTER EXISTS {{ {} }}", "FILTER NOT EXISTS {{ {} }}",
            ]).format(core)
        return core

    def query(self, core: str) -> str:
        body = " ".join([*(self.noise() for _ in range(self.r.randrange(3))), "?s ?p ?o .",
                         self.wrap(core, self.r.randrange(4)), *(self.noise() for _ in range(self.r.randrange(2)))])
        form = self.r.choice(["SELECT *", "SELECT ?s", "ASK", "CONSTRUCT { ?s ?p ?o }", "DESCRIBE ?s"])
        head, *rest = form.split(" ", 1)
        form = " ".join([self.case(head), *rest])
        limit = "" if head == "ASK" else f" {self.case('LIMIT')} 3"
        prologue = f"PREFIX ex: <http://e/>\nPREFIX svc: <http://127.0.0.1:{self.port}/>{self.gap()}"
        return f"{prologue}{form}{self.gap()}{self.case('WHERE')} {{ {body} }}{limit}"

    def dangerous(self) -> str:
        if self.r.random() < 0.08:  # the long-string trick: `'\u0027'` is one quote for Oxigraph, three for SPARQL 1.1
            return f"{self.case('SELECT')} * WHERE {{ BIND('\\u0027' AS ?q) {self.service()} }} # ''' AS ?q) }}"
        return self.query(self.service())

    def harmless(self) -> str:
        return self.query(self.r.choice(["?s ?p ?o .", "?s a ?t .", "{ ?s ?p ?o }", "?s ?p ex:a\\#b ."]))


def corpus(port: int) -> tuple[list[str], list[str]]:
    gen = Generator(port)
    return [bypass_query(port), *(gen.dangerous() for _ in range(DANGEROUS))], [gen.harmless() for _ in range(HARMLESS)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("fuzz") / "store")


@pytest.fixture()
def listener() -> Iterator[Listener]:
    lis = Listener()
    yield lis
    lis.close()


def test_query_fuzz_generator_is_deterministic() -> None:
    assert corpus(1234) == corpus(1234)
    dangerous, harmless = corpus(1234)
    assert len(set(dangerous)) > 0.9 * len(dangerous) and len(dangerous) + len(harmless) >= 1000
    assert all("SERVICE" not in q.upper().replace("EX:SERVICE", "").replace("#SERVICE", "") or "#" in q or '"' in q
               for q in harmless)


def test_query_fuzz_engine_makes_no_connection(store: Path, listener: Listener) -> None:
    dangerous, harmless = corpus(listener.port)
    stopped, answered = 0, 0
    with Engine(("store", (str(store),)), timeout=20, max_rows=1000) as engine:
        for text in dangerous:
            with pytest.raises(QueryError):
                engine.run(text)  # the whole path: the token pre-check, then the worker's parse-tree check
            # the worker's gate alone, as if the token pre-check had missed it: refused by name in the parse
            # tree, or unreadable to the checker and mentioning SERVICE; either way Oxigraph never sees it
            answer = engine.pool.run({"query": text, "from_iris": (), "max_rows": 1000}, 20)
            stopped += "SERVICE" in answer.get("error", "")
        for text in harmless:
            result = engine.run(text)
            answered += result.kind in ("select", "ask", "graph")
    assert listener.seen == []
    assert answered == len(harmless)
    assert stopped == len(dangerous)


def test_query_fuzz_serve_sample_makes_no_connection(store: Path, listener: Listener) -> None:
    dangerous, harmless = corpus(listener.port)
    sample = random.Random(SEED).sample(dangerous, 40)
    server = make_server(store, port=0, timeout=20, workers=2)
    server.start_background()
    base = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        dangerous_status = [_post(base, text)[0] for text in [dangerous[0], *sample]]
        harmless_status = [_post(base, text)[0] for text in harmless[:40]]
    finally:
        server.shutdown_all()
    assert listener.seen == []
    assert set(dangerous_status) <= {400, 403} and dangerous_status[0] in (400, 403)
    assert harmless_status == [200] * 40


def _post(url: str, text: str) -> tuple[int, bytes]:
    data = urllib.parse.urlencode({"query": text}).encode()
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                            "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_query_fuzz_control_unchecked_oxigraph_does_call_out(listener: Listener) -> None:
    """Without kg's check, the same queries make Oxigraph connect: the bypass and many generated ones."""
    dangerous, _ = corpus(listener.port)
    raw = ox.Store()
    raw.add(ox.Quad(ox.NamedNode(KGR + "a"), ox.NamedNode(KGR + "b"), ox.Literal("c"), ox.NamedNode(KGR + "doc/a")))
    raw.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    reached: list[bool] = []
    for text in dangerous[:150]:
        before = len(listener.seen)
        try:
            result = raw.query(text, prefixes=PREFIXES)
            list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
        except (SyntaxError, OSError, ValueError, RuntimeError):
            pass
        reached.append(len(listener.seen) > before)
    assert reached[0], "the issue's bypass query no longer reaches Oxigraph's SERVICE client: update the control"
    assert sum(reached) > 20


def test_query_fuzz_cli_sample_makes_no_connection(store: Path, listener: Listener) -> None:
    """`kg query` itself: a few dangerous queries exit 1 with an error, harmless ones answer."""
    from typer.testing import CliRunner

    from kg.cli import app

    dangerous, harmless = corpus(listener.port)
    runner = CliRunner()
    for text in [dangerous[0], *random.Random(SEED + 1).sample(dangerous, 4)]:
        result = runner.invoke(app, ["query", text, "--store", str(store)])
        assert result.exit_code == 1 and result.output.startswith("error:")
    for text in harmless[:2]:
        assert runner.invoke(app, ["query", text, "--store", str(store), "-F", "json"]).exit_code == 0
    assert listener.seen == []
