"""No input can hang or crash a build: links out of the corpus, absurdly deep pages, a whole
file on one line, names of any bytes, records of the wrong shape. The big inputs are made
here in tmp_path; each build must finish (with a generous bound) and leave the good file
beside them exactly as complete as when it is built alone."""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.ingest.corpus import walk_corpus
from kg.ingest.limits import MAX_DOC_CHARS, MAX_LINE_CHARS, break_long_lines, origin_key, split_document
from kg.ingest.paths import shown
from kg.ingest.records import read_jsonl
from kg.model import Document

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "seeds" / "001_710bd98a8605bf67.txt"  # a real news file, built beside every hostile one
FINISH = 60.0  # seconds: the acceptance bound for each big input (they take 5-25 s)
BUDGET = 4.0  # --doc-timeout for the big inputs, to keep the suite short
SENTENCE = ("Acme Holdings said on Monday that Northwind Traders will invest 20 million dollars in "
            "Beta Logistics Co., Ltd., according to Jane Roe, chief executive of Gamma Partners. ")

runner = CliRunner()


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _entry(out: Path, path: str) -> dict:
    return next(f for f in _manifest(out)["files"] if f["path"] == path)


@pytest.fixture(scope="module")
def good_alone(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The good file's manifest entry when it is built alone."""
    corpus = tmp_path_factory.mktemp("good")
    shutil.copy(GOOD, corpus / GOOD.name)
    report = build(corpus, corpus.parent / "good-out", load_store=False)
    assert report.events > 0
    return _entry(report.out, GOOD.name)


def _build_beside(tmp_path: Path, name: str, make) -> tuple[object, float]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / GOOD.name)
    make(corpus / name)
    began = time.monotonic()
    report = build(corpus, tmp_path / "out", load_store=False, doc_timeout=BUDGET)
    return report, time.monotonic() - began


def _assert_good_complete(report, good_alone: dict) -> None:
    good = _entry(report.out, GOOD.name)
    assert good["status"] == "ok"
    assert good["documents"] == good_alone["documents"]
    assert good["triples"] == good_alone["triples"] > 0


# -- symbolic links -----------------------------------------------------------------

def _linked_corpus(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Zorblax Secret Holdings fined 9 million yuan by regulators.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("Amazon closed 50,000 stores in 2021, the company said.\n", encoding="utf-8")
    (corpus / "leak.txt").symlink_to(outside / "secret.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "outdir").symlink_to(outside, target_is_directory=True)
    (corpus / "inside.txt").symlink_to(corpus / "a.txt")
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    return corpus


def test_walk_keeps_to_the_corpus_folder(tmp_path: Path) -> None:
    corpus = _linked_corpus(tmp_path)
    seen = {p.relative_to(corpus).as_posix(): r for p, r in walk_corpus(corpus)}
    assert seen["a.txt"] is None and seen["inside.txt"] is None  # a link inside the corpus is read
    for name in ("leak.txt", "passwd.txt", "outdir"):
        assert "outside the corpus" in seen[name].problems[0].message, name
    assert "loop" in seen["sub/loop"].problems[0].message
    assert "loop" in seen["self.txt"].problems[0].message
    assert "broken" in seen["broken.txt"].problems[0].message
    followed = {p.relative_to(corpus).as_posix() for p, r in walk_corpus(corpus, follow_symlinks=True) if r is None}
    assert {"leak.txt", "passwd.txt", "outdir/secret.txt"} <= followed
    assert not any(p.startswith("sub/loop/") for p in followed)


def test_symlinks_out_of_the_corpus_are_skipped_and_listed(tmp_path: Path) -> None:
    corpus = _linked_corpus(tmp_path)
    report = build(corpus, tmp_path / "out", load_store=False)
    files = {f["path"]: f for f in _manifest(report.out)["files"]}
    for name in ("leak.txt", "passwd.txt", "outdir", "sub/loop", "broken.txt", "self.txt"):
        assert files[name]["status"] == "skipped", files[name]
        assert files[name]["problems"][0]["message"].startswith("skipped: "), files[name]
    assert files["a.txt"]["status"] == files["inside.txt"]["status"] == "ok"
    nq = (report.out / "graph.nq").read_text(encoding="utf-8")
    assert "Zorblax" not in nq and "root:" not in nq
    assert report.failed == 0


def test_follow_symlinks_reads_links_out(tmp_path: Path) -> None:
    corpus = _linked_corpus(tmp_path)
    (corpus / "passwd.txt").unlink()
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--no-store",
                                 "--follow-symlinks", "-q"])
    assert result.exit_code == 0, result.output
    files = {f["path"]: f for f in _manifest(tmp_path / "out")["files"]}
    assert files["leak.txt"]["status"] == "ok" and files["outdir/secret.txt"]["status"] == "ok"
    assert files["sub/loop"]["status"] == "skipped"


def test_a_fifo_is_skipped_not_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "pipe.txt")  # reading it would block forever
    (seen,) = list(walk_corpus(corpus))
    assert seen[1] is not None and "not a regular file" in seen[1].problems[0].message


# -- bounded cost -------------------------------------------------------------------

def test_long_lines_are_broken_at_sentences_and_nothing_is_lost() -> None:
    text = SENTENCE * 400
    broken, n = break_long_lines(text)
    lines = broken.split("\n")
    assert n == 1 and len(lines) > 1
    assert all(len(ln) <= MAX_LINE_CHARS for ln in lines)
    assert all(ln.endswith("Partners.") for ln in lines[:-1])  # cut after a sentence
    assert "".join(ln + " " for ln in lines).split() == text.split()


def test_long_documents_become_parts() -> None:
    doc = Document(key="f.jsonl#record 2", source_path="f.jsonl", position="record 2",
                   text=(SENTENCE * 40 + "\n") * 40, lang="en", headline="H")
    parts = split_document(doc)
    assert len(parts) > 1 and all(len(p.text) <= MAX_DOC_CHARS for p in parts)
    assert [p.position for p in parts[:2]] == ["record 2, part 1", "record 2, part 2"]
    assert {origin_key(p) for p in parts} == {doc.key}
    assert " ".join(p.text for p in parts).split() == doc.text.split()
    assert all(p.headline == "H" for p in parts)


def test_100k_nested_elements_finish(tmp_path: Path, good_alone: dict) -> None:
    def make(path: Path) -> None:
        n = 100_000
        path.write_text("<html><body>" + "<div>" * n + "<p>Deep page text.</p>" + "</div>" * n + "</body></html>",
                        encoding="utf-8")

    report, seconds = _build_beside(tmp_path, "deep.html", make)
    print(f"100k nested <div>: {seconds:.1f} s")
    assert seconds < FINISH
    deep = _entry(report.out, "deep.html")
    assert deep["status"] == "ok" and len(deep["documents"]) == 1
    assert any("nested 100,00" in p["message"] for p in deep["problems"])
    _assert_good_complete(report, good_alone)


def test_a_10mb_json_line_finishes_and_is_reported(tmp_path: Path, good_alone: dict) -> None:
    def make(path: Path) -> None:
        text = SENTENCE * (10_000_000 // len(SENTENCE))
        path.write_text(json.dumps({"title": "Long", "text": text}) + "\n", encoding="utf-8")

    report, seconds = _build_beside(tmp_path, "big.jsonl", make)
    print(f"10 MB JSON line: {seconds:.1f} s")
    assert seconds < FINISH
    big = _entry(report.out, "big.jsonl")
    assert big["status"] == "partial"  # read, but its extraction was cut off
    assert len(big["documents"]) > 300 and big["documents"][0] == "big.jsonl#record 1, part 1"
    messages = [p["message"] for p in big["problems"]]
    assert any("split into" in m for m in messages)
    assert any("record 1" in m and "time budget" in m and "have no facts" in m for m in messages)
    _assert_good_complete(report, good_alone)


def test_a_50mb_single_line_text_finishes(tmp_path: Path, good_alone: dict) -> None:
    def make(path: Path) -> None:
        with path.open("w", encoding="utf-8") as f:
            chunk = SENTENCE * 1000
            for _ in range(50_000_000 // len(chunk)):
                f.write(chunk)

    report, seconds = _build_beside(tmp_path, "huge.txt", make)
    print(f"50 MB single line: {seconds:.1f} s")
    assert seconds < FINISH
    huge = _entry(report.out, "huge.txt")
    assert huge["status"] == "partial" and len(huge["documents"]) > 1500
    assert any("time budget" in p["message"] for p in huge["problems"])
    _assert_good_complete(report, good_alone)


# -- names of any bytes ---------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    raw = os.fsencode(corpus) + b"/bad\xffname.txt"
    with open(raw, "wb") as f:
        f.write(b"Amazon closed 50,000 stores in 2021, the company said.\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--no-store", "-q"])
    assert result.exit_code == 0, result.output
    (entry,) = _manifest(out)["files"]
    assert entry["path"] == "bad\\xffname.txt" and entry["status"] == "ok"
    assert bytes.fromhex(entry["path_bytes"]) == b"bad\xffname.txt"
    assert '"bad\\\\xffname.txt"' in (out / "graph.nq").read_text(encoding="utf-8")


def test_a_newline_in_a_file_name_stays_on_one_log_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "two\nlines.txt").write_bytes(b"")
    (corpus / "ok.txt").write_text("Amazon closed 50,000 stores in 2021.\n", encoding="utf-8")
    report = build(corpus, tmp_path / "out", load_store=False)
    (line,) = report.problems()
    assert line == "two\\nlines.txt: error: empty file"
    assert shown("a\x1b[31mb") == "a\\x1b[31mb"


# -- records of the wrong shape ------------------------------------------------------------

def test_json_records_with_wrong_types_are_reported_by_line() -> None:
    data = "\n".join([
        json.dumps({"title": 123, "text": "Amazon closed 50,000 stores in 2021.", "author": ["Jane Roe"]}),
        json.dumps({"title": "List", "text": ["Amazon closed", "50,000 stores"]}),
        json.dumps({"title": "Odd", "text": "Shopify opened an office in Berlin.", "date": {"y": 2024}}),
        json.dumps({"text": "Bad \ud800 text about Amazon."}),
    ]).encode("utf-8")
    result = read_jsonl(data, "r.jsonl")
    assert [d.position for d in result.documents] == ["record 1", "record 3", "record 4"]
    first = result.documents[0]
    assert first.headline is None and first.authors == ("Jane Roe",)  # the number is no title
    problems = {(p.line, p.severity, p.message) for p in result.problems}
    assert (1, "warning", "record 1: field 'title' is a number, expected text; field ignored") in problems
    assert (2, "warning", "record 2: field 'text' is a list, expected text; field ignored") in problems
    assert any(line == 2 and sev == "error" and "record 2 has no text" in m for line, sev, m in problems)
    assert any(line == 3 and "'date' is an object" in m for line, _, m in problems)
    assert any(line == 4 and "U+FFFD" in m for line, _, m in problems)
    assert "\ufffd" in result.documents[2].text
    assert result.status == "partial"


# -- linear HTML helpers give get_text's exact results ---------------------------------------

def test_html_helpers_equal_get_text_on_real_pages() -> None:
    from bs4 import BeautifulSoup, Tag

    from kg.ingest.htmltree import flatten_deep, short_texts, text_lengths

    pages = sorted((ROOT / "tests" / "data").rglob("*.htm*"))
    assert len(pages) >= 5
    extra = "<div><script>var a = 1;</script><p> x <b>y</b></p><ruby>漢<rt>kan</rt></ruby><!-- c --></div>"
    for page in [*pages, None]:
        text = extra if page is None else page.read_text(encoding="utf-8", errors="replace")
        assert flatten_deep(text)[0] is text  # real pages are never flattened
        soup = BeautifulSoup(text, "lxml")
        short, sizes = short_texts(soup, 40), text_lengths(soup)
        for tag in soup.find_all(True):
            assert isinstance(tag, Tag)
            full = tag.get_text(" ", strip=True)
            assert short.get(id(tag)) == (full if len(full) <= 40 else None), (page, tag.name)
            assert sizes[id(tag)] == len(tag.get_text()), (page, tag.name)


def test_a_document_that_never_ends_is_cut_off_by_the_alarm(tmp_path: Path, hanging_corpus: Path) -> None:
    """An extractor stuck in a loop on one document (no parts, no return between them): the
    signal stops it at the budget, the document is reported, the others keep their facts."""
    corpus = hanging_corpus
    began = time.monotonic()
    report = build(corpus, tmp_path / "out", load_store=False, doc_timeout=1.0)
    assert time.monotonic() - began < FINISH
    files = {f["path"]: f for f in _manifest(report.out)["files"]}
    assert files["a.txt"]["status"] == "ok" and files["a.txt"]["triples"] > 5
    assert files["hang.txt"]["status"] == "partial" and files["hang.txt"]["documents"] == ["hang.txt"]
    (problem,) = files["hang.txt"]["problems"]
    assert problem["message"] == ("extraction of the document stopped after its time budget of 1 s (--doc-timeout): "
                                  "it has no facts; its text is kept")
    assert report.events >= 1  # a.txt's event
