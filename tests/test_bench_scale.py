"""bench/bench_scale.py's bookkeeping: which cells run, the rows kept across runs, the
baselines' text cap and the table's arithmetic, on made-up rows (nothing is timed here)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_scale  # noqa: E402
from bench_scale import Cell, cells_for, parse_cell, same_as_other_jobs, save, table  # noqa: E402


def _row(size: int = 1000, jobs: int = 1, ner: str = "off", site: bool = False, sha: str = "a", **kw) -> dict:
    cell = Cell(size, ner, site, jobs)
    row = {"cell": cell.key, "size": size, "jobs": jobs, "ner": ner, "site": site, "code": 0, "wall": 10.0,
           "load_before": 6.0, "cpu": 20.0, "tree_rss_mb": 500.0, "main_cpu": 15.0, "main_rss_mb": 500.0,
           "worker_rss_mb": 300.0, "store_cpu": 2.0, "store_wall": 3.0, "site_cpu": None, "documents": 1000,
           "quads": 9, "failed": 0, "warnings": 0, "corpus_mb": 4.0, "text_mb": 10.0, "graph_sha256": sha,
           "when": "x", "run": "run A", "base": None}
    row.update(kw)
    return row


def test_parse_cell_reads_size_jobs_tagger_site_and_refuses_other_shapes() -> None:
    assert parse_cell("10000:2:on:site") == Cell(10000, "on", True, 2)
    assert parse_cell("1000:1:off:no-site") == Cell(1000, "off", False, 1)
    for bad in ("10000:2:on", "10000:two:on:site", "10000:2:on:maybe"):
        with pytest.raises(argparse.ArgumentTypeError, match="SIZE:JOBS:NER:SITE"):
            parse_cell(bad)


def test_cells_are_the_grid_plus_extra_each_once_jobs_variants_side_by_side() -> None:
    cells = cells_for([10000], [1, 2], ["off", "on"], ["off"], [Cell(10000, "on", True, 2), Cell(10000, "on", False, 1)])
    assert [c.key for c in cells] == ["10000:1:off:no-site", "10000:2:off:no-site", "10000:1:on:no-site",
                                      "10000:2:on:no-site", "10000:2:on:site"]
    assert cells_for([1000], [1, 2], ["off"], ["on"], [Cell(5, "off", False, 2)], only_extra=True) == [
        Cell(5, "off", False, 2)]
    assert "--no-site" in Cell(5, "off", False, 2).kg_args(Path("c"), Path("o"))
    assert "--no-site" not in Cell(5, "off", True, 2).kg_args(Path("c"), Path("o"))


def test_graph_digest_is_compared_with_the_cell_differing_only_in_jobs() -> None:
    rows = [_row(jobs=1, sha="a"), _row(jobs=2, sha="a"), _row(jobs=1, ner="on", sha="b"),
            _row(jobs=2, ner="on", sha="c"), _row(jobs=2, site=True, sha="z")]
    assert [same_as_other_jobs(r, rows) for r in rows] == ["yes", "yes", "NO", "NO", "—"]


def test_table_rates_and_ratios_come_from_the_row_and_its_size_baselines() -> None:
    base = {"size": 1000, "when": "t", "text_mb": 5.0, "jieba_cpu": 5.0, "aho_cpu": 0.5}  # 1 MB/CPU s, aho 10
    lines = table([_row(base=base), _row(size=2000)])
    cells = [c.strip() for c in lines[2].strip("|").split("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    got = dict(zip(header, cells, strict=True))
    assert got["docs/s"] == "100.0"  # 1000 documents in 10 s
    assert got["MB per CPU s"] == "0.200"  # 4 MB of files in 20 CPU s
    assert got["docs per CPU s"] == "50.0"
    assert got["store load CPU s (% of CPU)"] == "2.0 (10 %)"
    assert got["text MB per CPU s ÷ jieba's"] == "0.500"  # 10 MB of text / 20 s against 1 MB/s
    assert got["÷ pyahocorasick's"] == "0.0500"
    assert got["peak RSS MB (largest process: build / worker)"] == "500 (500 / 300)"
    no_base = dict(zip(header, [c.strip() for c in lines[3].strip("|").split("|")], strict=True))
    assert no_base["text MB per CPU s ÷ jieba's"] == "—"  # a row without baselines gets no ratio


def test_saved_rows_keep_other_runs_cells_and_replace_a_cell_run_again(tmp_path: Path) -> None:
    saved = tmp_path / "rows.json"
    save(saved, _row(size=1000, sha="old"))
    save(saved, _row(size=100000, jobs=2))
    rows = save(saved, _row(size=1000, sha="new"))
    assert {r["cell"] for r in rows} == {"1000:1:off:no-site", "100000:2:off:no-site"}
    assert [r["graph_sha256"] for r in rows if r["size"] == 1000] == ["new"]
    assert json.loads(saved.read_text(encoding="utf-8")) == {"rows": rows}


def test_each_run_and_baseline_is_listed_once_in_the_order_measured() -> None:
    early = {"size": 1000, "when": "13:53", "text_mb": 1.0, "documents": 9, "jieba_cpu": 1.0, "aho_cpu": 0.1,
             "aho_names": 3}
    late = {**early, "when": "14:11"}
    rows = [_row(jobs=2, when="2", run="run B", base=late), _row(when="1", run="run A", base=early),
            _row(ner="on", when="3", run="run B", base=late)]
    assert bench_scale.commands_of(rows) == ["run A", "run B"]
    assert bench_scale.baselines_of(rows) == [early, late]
    assert [line.split("|")[2].strip() for line in bench_scale.baseline_table([early, late])[2:]] == ["13:53", "14:11"]


def test_baselines_read_the_documents_text_up_to_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"doc": f"d{i}", "text": "x" * 400_000}) + "\n" for i in range(10)),
                     encoding="utf-8")
    seen: list[list[str]] = []
    monkeypatch.setattr(bench_scale, "_baselines", lambda chosen: (seen.append(chosen), (2.0, 0.1, 7))[1])
    base = bench_scale.baselines(1000, texts, cap_mb=1.0)
    assert len(seen[0]) == 3 and base["documents"] == 3  # 1.2 MB: the first document past the cap ends it
    assert base["text_mb"] == pytest.approx(1.2) and base["jieba_cpu"] == 2.0 and base["aho_names"] == 7
    assert bench_scale.text_mb(texts) == pytest.approx(4.0)


def test_results_file_keeps_its_hand_written_notes_when_written_again(tmp_path: Path) -> None:
    out = tmp_path / "R.md"
    bench_scale.write_results(out, [_row()])
    out.write_text(out.read_text(encoding="utf-8") + f"\n{bench_scale.NOTES}\n\nThe 10k rows say so.\n", encoding="utf-8")
    text = bench_scale.write_results(out, [_row(), _row(jobs=2, run="run B")])
    assert text.endswith(f"{bench_scale.NOTES}\n\nThe 10k rows say so.\n") and text.count(bench_scale.NOTES) == 1
    assert "`run B`" in text and "| 1000 | 1000 | 4.0 | 2 |" in text
