"""`is_related_heading` turns long lines down before stripping: the same answers as the full test."""
from pathlib import Path

from kg.ingest.lexicon import load_markers
from kg.ingest.split import is_related_heading

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _full(line: str, m) -> bool:  # the test as written before the length check
    s = line.strip().strip("【】[]").strip().rstrip(":：").strip()
    return (len(s) <= m.related_longest and s.casefold() in m.related) or (len(s) <= 60 and m.fullmatch("related_re", s))


def test_related_heading_as_full_test() -> None:
    m = load_markers()
    pad = "x" * 70
    lines = ["相关阅读：", "【相关阅读】", "Related coverage", "MORE FROM Acme", "[" * 80 + "相关阅读" + "]" * 80,
             "相关阅读" + "：" * 90, "  " + "[" * 70 + "Related", pad, pad + ":", "【" + pad, pad + "】", ""]
    for p in sorted(SEEDS.rglob("*")):
        if p.is_file():
            lines += p.read_text(encoding="utf-8", errors="replace").splitlines()
    for line in lines:
        assert bool(is_related_heading(line, m)) == bool(_full(line, m)), line
