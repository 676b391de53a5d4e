"""`kg build` end to end: outputs, manifest, determinism, bad input, atomic output, CLI."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import KgError

runner = CliRunner()


def test_build_writes_every_output(seed_build) -> None:
    out = seed_build.out
    for name in ("graph.nq", "graph.trig", "manifest.json"):
        assert (out / name).stat().st_size > 0
    assert (out / "store").is_dir()


def test_build_manifest_accounts_for_every_input(seed_build, seeds_dir: Path) -> None:
    manifest = json.loads((seed_build.out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    assert listed == {p.name for p in seeds_dir.iterdir() if p.is_file()}
    for f in manifest["files"]:
        assert f["status"] == "ok", f
        assert f["documents"] and f["triples"] > 0
    assert manifest["totals"]["documents"] == sum(len(f["documents"]) for f in manifest["files"])


def test_build_is_deterministic(seeds_dir: Path, tmp_path: Path, seed_build) -> None:
    again = build(seeds_dir, tmp_path / "again", load_store=False)
    first = (seed_build.out / "graph.nq").read_bytes()
    assert (again.out / "graph.nq").read_bytes() == first


def test_build_named_graph_per_document(seed_store) -> None:
    q = """PREFIX kg: <https://w3id.org/ecomkg/ontology#>
    SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a kg:Document } }"""
    (row,) = list(seed_store.query(q))
    docs = list(seed_store.query(
        "PREFIX kg: <https://w3id.org/ecomkg/ontology#> SELECT DISTINCT ?d WHERE { GRAPH ?g { ?d a kg:Document } }"))
    assert int(row["n"].value) == len(docs) > 20


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("阿里巴巴1688今日发布通知，自2023年3月10日起下架“1688工业品”APP。\n", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "mixed.jsonl").write_text(
        '{"text": "Amazon closed 50,000 stores.", "date": "2021-08-15"}\n{not json\n', encoding="utf-8")
    return corpus


def test_build_bad_input_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    report = build(_corpus(tmp_path), tmp_path / "out", load_store=False)
    by_path = {f["path"]: f for f in report.files}
    assert by_path["good.txt"]["status"] == "ok" and by_path["good.txt"]["triples"] > 0
    assert by_path["empty.txt"]["status"] == "failed"
    assert by_path["binary.txt"]["status"] == "failed"
    assert by_path["mixed.jsonl"]["status"] == "partial"
    assert any(p["line"] == 2 for p in by_path["mixed.jsonl"]["problems"])
    assert report.failed == 3


def test_build_cli_exit_codes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    res = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--no-store"])
    assert res.exit_code == 1
    assert "empty.txt" in res.output and "mixed.jsonl:2" in res.output
    for bad in ("empty.txt", "binary.txt", "mixed.jsonl"):
        (corpus / bad).unlink()
    res = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--no-store"])
    assert res.exit_code == 0, res.output
    assert "1 files" in res.output
    res = runner.invoke(app, ["build", str(tmp_path / "missing"), "--out", str(tmp_path / "o2")])
    assert res.exit_code == 2 and "missing" in res.output


def test_build_help_on_every_command() -> None:
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    commands = [c for c in ("build", "validate", "query", "load", "serve", "push") if f" {c} " in res.output]
    assert "build" in commands
    for c in commands:
        sub = runner.invoke(app, [c, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output


def test_build_interrupted_keeps_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Amazon closed 50,000 stores on August 13, 2021.", encoding="utf-8")
    out = tmp_path / "out"
    build(corpus, out, load_store=False)
    before = (out / "graph.nq").read_bytes()

    import kg.graph_files as gf

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(gf.ox, "serialize", boom)  # graph.trig
    (corpus / "b.txt").write_text("JD.com reported revenue.", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build(corpus, out, load_store=False)
    assert (out / "graph.nq").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_build_refuses_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="no such file"):
        build(tmp_path / "nope", tmp_path / "out")


def test_build_single_file(tmp_path: Path, seeds_dir: Path) -> None:
    src = next(seeds_dir.glob("003_*"))
    shutil.copy(src, tmp_path / src.name)
    report = build(tmp_path / src.name, tmp_path / "out", load_store=False)
    assert [f["path"] for f in report.files] == [src.name]


def test_build_extractor_bug_keeps_other_facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash in one extractor is a warning naming the document; the other extractors' facts stay."""
    from kg.extract.figures import extractor as figures

    def broken(self, ex) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(figures.FigureFinder, "__call__", broken)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Shein was fined 1.2 million euros by the European Commission on 3 May 2024.\n",
                                  encoding="utf-8")
    report = build(corpus, tmp_path / "out", load_store=False)
    assert report.failed == 0 and report.warnings == 1
    assert any("figures: RuntimeError: boom" in p and "a.txt" in p for p in report.problems())
    nq = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    assert "ontology#Enforcement" in nq and "2024-05-03" in nq
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o2"), "--no-store", "--strict"])
    assert result.exit_code == 1


@pytest.mark.parametrize("folder", sorted((Path(__file__).parent / "data" / "questions").glob("*/docs")),
                         ids=lambda p: p.parent.name)
def test_build_every_question_corpus_conforms_to_the_shapes(folder: Path, tmp_path: Path) -> None:
    """Unseen-style corpora (every format, both languages) build without errors and pass SHACL."""
    from kg.validate import validate

    report = build(folder, tmp_path / "out", load_store=False)
    assert report.failed == 0, report.problems()
    result = validate(tmp_path / "out" / "graph.nq")
    assert result.conforms, result.summary()
