"""kg/native.py: compiled modules found beside their sources, stale ones detected, and the
source-first import that replaces them (checked with a broken extension file, which Python
would otherwise load and fail on)."""
from __future__ import annotations

import importlib
import importlib.machinery
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import native

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _package(root: Path, name: str) -> Path:
    pkg = root / name
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "hot.py").write_text("WHERE = 'source'\n")
    (pkg / "sub" / "plain.py").write_text("WHERE = 'plain'\n")
    (pkg / "sub" / f"hot{SUFFIX}").write_bytes(b"not an ELF file")  # what Python would load first
    (pkg / f"orphan{SUFFIX}").write_bytes(b"")  # no source beside it: not one of kg's modules
    return pkg


def test_compiled_modules_pairs_sources_with_their_extension_files(tmp_path: Path) -> None:
    pkg = _package(tmp_path, "fakekg")
    found = native.compiled_modules(pkg)
    assert found == {pkg / "sub" / "hot.py": pkg / "sub" / f"hot{SUFFIX}"}


def test_a_source_newer_than_its_extension_is_stale(tmp_path: Path) -> None:
    pkg = _package(tmp_path, "fakekg")
    source, ext = pkg / "sub" / "hot.py", pkg / "sub" / f"hot{SUFFIX}"
    os.utime(source, (1_000_000, 1_000_000))
    os.utime(ext, (2_000_000, 2_000_000))
    assert native.stale_modules(pkg) == []
    os.utime(source, (3_000_000, 3_000_000))
    assert native.stale_modules(pkg) == [source]


def test_source_first_imports_the_py_file_over_the_extension(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _package(tmp_path, "fakekg_a")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ImportError):  # the extension file wins without the finder
        importlib.import_module("fakekg_a.sub.hot")
    _package(tmp_path, "fakekg_b")
    finder = native.SourceFirst("fakekg_b")
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    hot = importlib.import_module("fakekg_b.sub.hot")
    assert hot.WHERE == "source" and hot.__file__.endswith("hot.py")
    assert importlib.import_module("fakekg_b.sub.plain").WHERE == "plain"
    assert finder.find_spec("elsewhere.hot", [str(tmp_path / "fakekg_b" / "sub")]) is None


def test_kg_pure_python_makes_every_kg_module_load_from_source() -> None:
    code = ("import kg, kg.native as n, kg.text as t; "
            "print(t.__file__.endswith('.py'), n.running_compiled())")
    env = {**os.environ, "KG_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=Path(native.PACKAGE).parent)
    assert out.stdout.split() == ["True", "False"]


@pytest.mark.parametrize("checkout", [True, False])
def test_guard_falls_back_only_for_a_stale_module_of_a_source_checkout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checkout: bool) -> None:
    pkg = _package(tmp_path, "fakekg")
    os.utime(pkg / "sub" / f"hot{SUFFIX}", (1_000_000, 1_000_000))  # built before its source was edited
    if checkout:
        (tmp_path / "pyproject.toml").write_text("")
    monkeypatch.setattr(native, "PACKAGE", pkg)
    monkeypatch.delenv("KG_PURE_PYTHON", raising=False)
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if not isinstance(f, native.SourceFirst)])
    if checkout:
        with pytest.warns(RuntimeWarning, match=r"older than their sources \(first: fakekg/sub/hot.py\)"):
            native.guard()
    else:  # an installed wheel: its files are written a moment apart, never edited
        native.guard()
    assert any(isinstance(f, native.SourceFirst) for f in sys.meta_path) == checkout


def test_describe_says_whether_the_compiled_modules_run(monkeypatch: pytest.MonkeyPatch) -> None:
    without = [f for f in sys.meta_path if not isinstance(f, native.SourceFirst)]
    monkeypatch.setattr(native, "compiled_modules", lambda root=native.PACKAGE: {})
    assert native.describe().startswith("none")
    monkeypatch.setattr(native, "compiled_modules", lambda root=native.PACKAGE: {Path("a.py"): Path(f"a{SUFFIX}")})
    monkeypatch.setattr(sys, "meta_path", without)
    assert native.describe() == "1 in use" and native.running_compiled()
    monkeypatch.setattr(sys, "meta_path", [native.SourceFirst(), *without])
    assert native.describe().startswith("1 built but not used") and not native.running_compiled()
