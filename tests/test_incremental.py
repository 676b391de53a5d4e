"""Incremental rebuilds (kg.cache): after files are added, changed, deleted or renamed, a
rebuild into the same folder reads only those files and gives the very bytes of a clean
`--jobs 1` build of the same corpus; a change of pipeline (--ner, a lexicon file) reads
everything again; a damaged cache never changes the output, it only costs a re-read."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.cache
from kg.build import build
from kg.cache import CACHE_DIR, DB_NAME
from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HOSTILE = ROOT / "tests" / "data" / "hostile"
OUTPUTS = ("graph.nq", "graph.trig", "texts.jsonl")
EXTRA = {
    "extra/amazon.txt": "Amazon closed 50,000 stores on August 13, 2021, the company said.\n",
    "extra/shopify.md": "# Shopify opens Berlin office\n\nShopify opened an office in Berlin on May 1, 2024, "
                        "and Amazon said it would partner with Shopify.\n",
}
runner = CliRunner()


def _options(**more) -> dict:
    return {"load_store": False, "site": False, "ner": "off", "jobs": 1, **more}


def _without_timings(value):
    """The manifest with every timing left out (they differ from run to run)."""
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if "seconds" not in k and "timing" not in k}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def _assert_same_as_clean(corpus: Path, out: Path, tmp_path: Path, **options) -> None:
    """`out` holds the bytes a clean build of `corpus` (a fresh folder, no cache) gives."""
    clean = tmp_path / f"clean-{time.monotonic_ns()}"
    build(corpus, clean, **_options(**options))
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    mine = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    theirs = json.loads((clean / "manifest.json").read_text(encoding="utf-8"))
    assert _without_timings(mine) == _without_timings(theirs)


def _rows(out: Path) -> dict[str, str]:
    with sqlite3.connect(out / CACHE_DIR / DB_NAME) as con:
        return {bytes(p).decode("utf-8", "surrogateescape"): s for p, s in con.execute("SELECT path, sha256 FROM outcomes")}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus (the seeds and two small files that share entities with them) built once."""
    root = tmp_path_factory.mktemp("base")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    for rel, text in EXTRA.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(text, encoding="utf-8")
    report = build(corpus, root / "out", **_options())
    assert report.reread == len(report.files) and report.from_cache == 0
    return corpus, root / "out"


@pytest.fixture
def copy(base: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the base corpus and of its build (cache included)."""
    corpus, out = base
    shutil.copytree(corpus, tmp_path / "corpus")
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "corpus", tmp_path / "out"


def _seed(corpus: Path, n: int) -> Path:
    return sorted(corpus.glob("0*.txt"))[n]


def _add(corpus: Path) -> int:
    (corpus / "extra" / "new.txt").write_text("Walmart acquired Flipkart for 16 billion dollars on May 9, 2018.\n",
                                              encoding="utf-8")
    return 1


def _change(corpus: Path) -> int:
    path = _seed(corpus, 1)
    path.write_text(path.read_text(encoding="utf-8").replace("2", "3", 5) + "\nAmazon fined 5 million yuan.\n",
                    encoding="utf-8")
    (corpus / "extra" / "amazon.txt").write_text("Amazon opened 3 stores in Berlin on May 2, 2024.\n", encoding="utf-8")
    return 2


def _delete(corpus: Path) -> int:
    _seed(corpus, 2).unlink()
    (corpus / "extra" / "shopify.md").unlink()
    return 0


def _rename(corpus: Path) -> int:
    path = _seed(corpus, 0)
    path.rename(path.with_name("renamed.txt"))
    return 1


def _fail(corpus: Path) -> int:
    (corpus / "broken.json").write_text('{"title": "cut off", "text": "Amazon', encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    return 2


@pytest.mark.parametrize("step", [_add, _change, _delete, _rename, _fail])
def test_a_rebuild_reads_only_what_changed_and_equals_a_clean_build(step, copy, tmp_path: Path) -> None:
    corpus, out = copy
    before = _rows(out)
    expected_reads = step(corpus)
    report = build(corpus, out, **_options())
    files = sum(1 for p in corpus.rglob("*") if p.is_file())
    assert report.reread == expected_reads
    assert report.from_cache == files - expected_reads
    assert f"({expected_reads} files re-read, {files - expected_reads} from the cache)" in report.summary()
    _assert_same_as_clean(corpus, out, tmp_path)
    rows = _rows(out)  # exactly the files of this corpus: deleted and renamed ones dropped out
    assert set(rows) == {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {f["path"]: f["sha256"] for f in manifest["files"]} == rows
    kept = {k: v for k, v in before.items() if k in rows and rows[k] == v}
    assert len(kept) == report.from_cache


def test_a_failed_file_is_kept_failed_and_read_again_once_fixed(copy, tmp_path: Path) -> None:
    corpus, out = copy
    _fail(corpus)
    first = build(corpus, out, **_options())
    again = build(corpus, out, **_options())
    assert (again.reread, again.failed) == (0, first.failed) and first.failed == 2
    (corpus / "broken.json").write_text('{"title": "whole", "text": "Amazon fined 5 million yuan."}', encoding="utf-8")
    fixed = build(corpus, out, **_options())
    assert (fixed.reread, fixed.failed) == (1, 1)
    _assert_same_as_clean(corpus, out, tmp_path)


def test_full_ignores_the_cache_and_rewrites_it(copy) -> None:
    corpus, out = copy
    report = build(corpus, out, **_options(full=True))
    assert (report.reread, report.from_cache) == (len(report.files), 0)
    assert len(_rows(out)) == len(report.files)
    assert build(corpus, out, **_options()).reread == 0


def test_another_ner_mode_reads_everything_again(copy, tmp_path: Path) -> None:
    corpus, out = copy
    report = build(corpus, out, **_options(ner="en"))
    assert (report.reread, report.from_cache) == (len(report.files), 0)
    assert any("another kg, lexicon or option" in n for n in report.cache_notes)
    _assert_same_as_clean(corpus, out, tmp_path, ner="en")
    assert build(corpus, out, **_options(ner="en")).reread == 0


def test_another_doc_timeout_reads_everything_again(copy) -> None:
    corpus, out = copy
    report = build(corpus, out, **_options(doc_timeout=7.0))
    assert (report.reread, report.from_cache) == (len(report.files), 0)


def test_a_changed_lexicon_file_reads_everything_again(copy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint covers every file of the package: here a copy of it stands in, so
    changing one of its lexicon files changes nothing the build reads but the fingerprint."""
    corpus, out = copy
    package = tmp_path / "kg"
    shutil.copytree(kg.cache._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"), symlinks=False)
    monkeypatch.setattr(kg.cache, "_PACKAGE", package)
    build(corpus, out, **_options())  # the copy's fingerprint equals the package's only by content
    assert build(corpus, out, **_options()).reread == 0
    with (package / "lexicons" / "generic_words.txt").open("a", encoding="utf-8") as f:
        f.write("\n")
    report = build(corpus, out, **_options())
    assert (report.reread, report.from_cache) == (len(report.files), 0)
    _assert_same_as_clean(corpus, out, tmp_path)


def _blob(out: Path, rel: str, change) -> None:
    with sqlite3.connect(out / CACHE_DIR / DB_NAME) as con:
        (blob,) = con.execute("SELECT blob FROM outcomes WHERE path = ?", (rel.encode(),)).fetchone()
        con.execute("UPDATE outcomes SET blob = ? WHERE path = ?", (change(bytes(blob)), rel.encode()))


def test_a_damaged_entry_is_read_again_with_a_note(copy, tmp_path: Path) -> None:
    corpus, out = copy
    rel = _seed(corpus, 3).name
    _blob(out, rel, lambda b: b[:-9] + bytes(x ^ 0xFF for x in b[-9:]))
    report = build(corpus, out, **_options())
    assert (report.reread, report.from_cache) == (1, len(report.files) - 1)
    assert any(n.startswith(f"{rel}: its cache entry is damaged") for n in report.cache_notes)
    _assert_same_as_clean(corpus, out, tmp_path)
    assert build(corpus, out, **_options()).reread == 0  # and the cache is whole again


def test_a_forged_entry_cannot_run_code(copy, tmp_path: Path) -> None:
    """An entry whose checksum fits but whose pickle names anything but kg's data classes is
    refused (a cache is data, never code)."""
    import hashlib
    import zlib

    corpus, out = copy
    rel = _seed(corpus, 0).name
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    blob = zlib.compress(pickle.dumps(Evil()))
    with sqlite3.connect(out / CACHE_DIR / DB_NAME) as con:
        con.execute("UPDATE outcomes SET blob = ?, digest = ? WHERE path = ?",
                    (blob, hashlib.sha256(blob).digest(), rel.encode()))
    report = build(corpus, out, **_options())
    assert not marker.exists()
    assert report.reread == 1 and any("not allowed in the cache" in n for n in report.cache_notes)
    _assert_same_as_clean(corpus, out, tmp_path)


def test_a_cache_that_is_not_a_database_is_ignored(copy, tmp_path: Path) -> None:
    corpus, out = copy
    (out / CACHE_DIR / DB_NAME).write_bytes(b"not a database at all" * 100)
    report = build(corpus, out, **_options())
    assert (report.reread, report.from_cache) == (len(report.files), 0)
    assert any("cannot be read" in n for n in report.cache_notes)
    _assert_same_as_clean(corpus, out, tmp_path)


def test_an_interrupted_build_keeps_the_previous_cache(copy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build as kb

    corpus, out = copy
    before = (out / CACHE_DIR / DB_NAME).read_bytes()
    _add(corpus)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kb, "swap_in", broken)  # the last step of writing the new output
    with pytest.raises(OSError):
        build(corpus, out, **_options())
    monkeypatch.undo()
    assert (out / CACHE_DIR / DB_NAME).read_bytes() == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no staging folder left
    assert build(corpus, out, **_options()).reread == 1


def test_a_timed_out_document_is_never_cached(tmp_path: Path, hanging_corpus: Path) -> None:
    """An outcome cut off by the time budget depends on timing: read again by every build."""
    corpus = hanging_corpus
    build(corpus, tmp_path / "out", **_options(doc_timeout=1.0))
    report = build(corpus, tmp_path / "out", **_options(doc_timeout=1.0))
    assert (report.reread, report.from_cache) == (1, 1)
    assert {f["path"]: f["status"] for f in report.files} == {"a.txt": "ok", "hang.txt": "partial"}
    assert set(_rows(tmp_path / "out")) == {"a.txt"}


def test_hostile_inputs_rebuild_to_the_same_bytes(tmp_path: Path) -> None:
    """Links out of the corpus, a name that is not UTF-8, a newline in a name, an empty file,
    a FIFO, records of the wrong shape: a rebuild from the cache equals a clean build."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Zorblax Secret Holdings fined 9 million yuan.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    shutil.copytree(HOSTILE, corpus)
    (corpus / "leak.txt").symlink_to(outside / "secret.txt")
    (corpus / "inside.txt").symlink_to(corpus / "note.txt")
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "two\nlines.txt").write_bytes(b"")
    os.mkfifo(corpus / "pipe.txt")
    with open(os.fsencode(corpus) + b"/bad\xffname.txt", "wb") as f:
        f.write(b"Amazon closed 50,000 stores in 2021, the company said.\n")
    out = tmp_path / "out"
    first = build(corpus, out, **_options())
    second = build(corpus, out, **_options())
    assert second.reread == 0 and second.from_cache == first.reread >= 4
    assert "bad\udcffname.txt" in _rows(out)
    _assert_same_as_clean(corpus, out, tmp_path)
    nq = (out / "graph.nq").read_text(encoding="utf-8")
    assert "Zorblax" not in nq and '"bad\\\\xffname.txt"' in nq


def test_cli_full_and_the_summary(copy) -> None:
    corpus, out = copy
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--no-store", "--no-site", "--ner", "off", "-q"])
    assert result.exit_code == 0, result.output
    assert "(0 files re-read, " in result.output
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--no-store", "--no-site", "--ner", "off", "-q",
                                 "--full"])
    assert result.exit_code == 0, result.output
    assert " files re-read, 0 from the cache)" in result.output
    assert "--full" in runner.invoke(app, ["build", "--help"]).output


def test_the_staging_cache_of_a_dead_build_is_removed(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Amazon closed 50,000 stores in 2021.\n", encoding="utf-8")
    stale = tmp_path / f".out.cache-{proc.pid}"  # left by a build killed before it finished
    stale.mkdir()
    (stale / DB_NAME).write_bytes(b"half written")
    build(corpus, tmp_path / "out", **_options())
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]
