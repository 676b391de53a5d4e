"""The manifest name of a file read from its path's text answers as `Path.relative_to` does."""
from pathlib import Path

import pytest

from kg.ingest.corpus import _relative


def _by_parts(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


@pytest.mark.parametrize(("path", "root"), [
    ("/a/b/c.txt", "/a"), ("/a/b", "/a/b"), ("/ab/c", "/a"), ("/a/b", "/"), ("a/b", "a"), ("a/b", "."),
    ("b", "."), ("/x/y", "/a"), ("//a/b", "//a"), ("//a/b", "/a"), ("/a/b", "//a"), ("a", "a/b"),
    ("/a/b/c.txt", "/a/b/"), ("/a/./b/c", "/a/b"), ("/a//b/c", "/a/b"), ("a/b c/d", "a/b c"),
])
def test_relative_as_relative_to(path: str, root: str) -> None:
    assert _relative(Path(path), Path(root)) == _by_parts(Path(path), Path(root))


def test_relative_every_file_of_a_tree(tmp_path: Path) -> None:
    for rel in ("x.txt", "d/y.md", "d/e/z.json", "d/e f/g.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("t")
    for root in (tmp_path, tmp_path / "d"):
        for p in root.rglob("*"):
            assert _relative(p, root) == _by_parts(p, root)
