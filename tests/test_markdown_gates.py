"""`markdown.plain` tests a pattern only on lines holding its string: the same text as every pattern on every line."""
from pathlib import Path

from kg.ingest import markdown as md

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _every_pattern(text: str) -> str:
    out = []
    after_image = False
    for line in text.split("\n"):
        if after_image and md._WHOLE_EMPHASIS.fullmatch(line):
            after_image = False
            continue
        if line.strip():
            after_image = bool(md._IMAGE.fullmatch(line.strip()))
        line = md._IMAGE.sub("", line)
        line = md._LINK.sub(r"\1", line)
        line = md._HEADING.sub("", line)
        line = md._QUOTE.sub("", line)
        line = md._STRONG.sub(r"\2", line)
        line = md._EMPHASIS.sub(r"\1", line)
        out.append(line)
    return "\n".join(out)


CASES = [
    "# Title\n\n**By Jane Roe** · *Outlet*\n> quoted\n   ## sub #tag",
    "![img](a.png)\n*caption under it*\ntext [link](http://x) and ![i](b)\n[a]![b](c)(d)",
    "__bold__ and **x** *y* a*b*c 2*3 = 6\n\t# not a heading\n    > not a quote\n#hash",
    "plain prose, no markup at all\n\n中文正文。\n>> nested\n***\n* item\n",
]


def test_plain_as_every_pattern() -> None:
    for text in CASES:
        assert md.plain(text) == _every_pattern(text)


def test_plain_as_every_pattern_on_seeds() -> None:
    files = [p for p in SEEDS.rglob("*") if p.suffix in (".md", ".markdown", ".txt")]
    assert files
    for p in files:
        text = p.read_text(encoding="utf-8", errors="replace")
        assert md.plain(text) == _every_pattern(text), p
