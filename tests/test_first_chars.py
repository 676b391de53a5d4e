"""`Markers.any_match` skips a line by its first character (`prefilter.first_chars`): the same
answers as the kind's alternation tried on every line."""
import re
from pathlib import Path

from kg.ingest.lexicon import load_markers
from kg.ingest.prefilter import first_chars

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LINES = [
    "", " ", "SEOUL, March 4 (Yonhap) - text", "seoul, March 4 (Yonhap) - text", "(Reuters) - text",
    "NEW YORK, May 21 (Reuters) - ", "ÉCOLE, May 2 (AFP) — x", "May 21 (AP) - x", " SEOUL (AP) - x",
    "新华社北京6月17日电（记者韩清源）", "2024年6月17日 消息", "本报讯 记者", "据新华社消息", "\ufeffBEIJING (Xinhua) -- x",
]


def _lines() -> list[str]:
    out = list(LINES)
    for p in sorted(SEEDS.rglob("*")):
        if p.is_file():
            out += [ln.strip() for ln in p.read_text(encoding="utf-8", errors="replace").splitlines()][:400]
    return out


def test_any_match_as_alternation() -> None:
    m = load_markers()
    for kind in ("wire_dateline_re", "lead_dateline_re", "source_re", "author_re", "byline_re"):
        joined = m.joined((kind,))
        for line in _lines():
            want = joined.match(line) is not None if joined is not None else any(p.match(line) for p in m.of(kind))
            assert m.any_match(kind, line) == want, (kind, line)


def test_first_chars() -> None:
    got = first_chars((re.compile(r"\s*(?:ab|[0-9])"), re.compile(r"(?P<x>)\(c")))
    assert got is not None and all(got.match(c) for c in " a0(") and not got.match("b")
    assert first_chars((re.compile(r"a?"),)) is None  # may match nothing
    assert first_chars((re.compile(r"."),)) is None  # any character
    assert first_chars((re.compile("a"), re.compile("b", re.I))) is None  # flags differ


def test_may_open_never_turns_down_a_match() -> None:
    m = load_markers()
    kinds = ("author_re", "source_re", "credit_source_re", "byline_re", "wire_dateline_re", "lead_source_re",
             "label_re", "related_re")
    extra = ["Core Insights: x", "- Key points: y", "More from Acme", "MORE FROM X",
             "By Jane Roe", "by jane roe", "来源：新华社", "文｜李思远", "From the Associated Press", "via Reuters"]
    for kind in kinds:
        for line in _lines() + extra:
            if any(p.match(line) for p in m.of(kind)):
                assert m.may_open(kind, line), (kind, line)
