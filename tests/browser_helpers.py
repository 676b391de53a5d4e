"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

No browser is downloaded (`.ci/run` installs Debian's chromium and the playwright package;
`playwright install` is never run). Each page visit records what would mean a broken or
unsafe page: console errors, uncaught exceptions, failed requests and any request that
leaves the machine. Screenshots go to test-artifacts/site/ (or under $KG_TEST_ARTIFACTS), kept after
the run and ignored by git.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(os.environ.get("KG_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))
LOCAL = ("file://", "http://127.0.0.1:", "data:", "about:")


@dataclass
class Visit:
    """What happened while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console: {m}" for m in self.console_errors] + [f"exception: {m}" for m in self.page_errors]
                + [f"failed request: {u}" for u in self.failed] + [f"external request: {u}" for u in self.external])


def require_chromium() -> None:
    """Fail (not skip) when the browser is missing: CI installs it, and a skipped check proves nothing."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium chromium-driver), "
                    "as .ci/run does, or set KG_CHROMIUM")


@contextmanager
def browser_context() -> Iterator[Any]:
    """A fresh persistent context (its own new user-data-dir), closed and removed afterwards."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True, args=ARGS,
                                                           viewport={"width": 1280, "height": 900})
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextmanager
def open_page(context: Any, url: str) -> Iterator[tuple[Any, Visit]]:
    """Open `url` in a new tab, recording console errors, exceptions and requests until the block ends."""
    visit = Visit()
    page = context.new_page()
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    page.on("requestfailed", lambda r: visit.failed.append(f"{r.url} ({r.failure})"))

    def on_request(r: Any) -> None:
        visit.requests.append(r.url)
        if not r.url.startswith(LOCAL):
            visit.external.append(r.url)

    page.on("request", on_request)
    page.on("response", lambda r: visit.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
    try:
        page.goto(url, wait_until="load")
        yield page, visit
    finally:
        page.close()


def screenshot(page: Any, name: str, folder: str = "site") -> Path:
    """Save a screenshot as test-artifacts/FOLDER/NAME.png (kept after the run)."""
    (ARTIFACTS / folder).mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def wait_for_graph(page: Any, timeout_ms: int = 30000) -> int:
    """Wait until vis-network has drawn the page's graph; returns how many nodes it drew."""
    page.wait_for_selector(".kg-graph[data-drawn]", timeout=timeout_ms)
    return int(page.get_attribute(".kg-graph", "data-drawn"))


def canvas_painted(page: Any) -> int:
    """Non-blank pixels of the graph's canvas (0 means nothing was drawn)."""
    return int(page.evaluate("""() => {
        const c = document.querySelector('.kg-graph canvas');
        if (!c || !c.width || !c.height) return 0;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
        return n;
    }"""))
