"""One build per output folder at a time, and no leftovers from builds that died.

A build holds an exclusive `fcntl.flock` on `.NAME.lock` beside the output folder `NAME`
for its whole run and removes the file when it ends; the kernel frees the lock when the
process ends, however it ends, so a `kill -9` never leaves a stale lock (only an unlocked
file, which the next build takes over). The lock file holds the owner's PID, to name it in
the message a second build gets. Temporary folders (`.NAME.tmp-PID`, `.NAME.old-PID`) of a
build whose process is gone are removed by the next build of the same folder.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import KgError

_POLL = 0.1  # seconds between attempts while waiting for another build


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


def _owner(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def _acquire(path: Path, out: Path, wait: float) -> int:
    """An open descriptor of `path` holding its lock. The file is removed when a build ends,
    so a lock taken on a file that was meanwhile removed (or replaced) is dropped and taken
    again on the file now at `path`: two builds never hold locks on different files."""
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise KgError(f"{path}: cannot create the lock file of {out}: {err.strerror or err}") from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        pid = _owner(fd)
                        who = f"another build (PID {pid})" if pid else "another build"
                        waited = f" after waiting {wait:g} s" if wait > 0 else ""
                        raise KgError(f"{out}: {who} is writing to this folder{waited}; let it finish, "
                                      "or pass --wait SECONDS to wait for it") from None
                    time.sleep(_POLL)
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            return fd
        os.close(fd)


@contextmanager
def out_lock(out: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock of `out` for the duration of the block; wait up to `wait` seconds for
    another build to finish, then raise a `KgError` naming that build's PID. The lock file
    is removed on the way out (a killed build leaves it, unlocked, for the next to reuse)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(out)
    fd = _acquire(path, out, wait)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        try:
            os.unlink(path)  # while still holding the lock: see _acquire
        except OSError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def remove_stale(out: Path) -> list[Path]:
    """Remove the temporary folders of builds of `out` whose process is gone; call it while
    holding the lock. Returns what was removed."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(?:tmp|old|cache)-(\d+)$")
    removed = []
    try:
        names = os.listdir(out.parent)
    except OSError:
        return removed
    for name in names:
        mt = pattern.match(name)
        if mt and int(mt[1]) != os.getpid() and not _alive(int(mt[1])):
            shutil.rmtree(out.parent / name, ignore_errors=True)
            removed.append(out.parent / name)
    return removed


def swap_in(tmp: Path, out: Path) -> None:
    """Replace `out` by `tmp` with renames only, so readers never see a half-written folder."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
