"""File names as the operating system gives them: any bytes, shown readably.

`os.walk` hands back names that are not UTF-8 with each bad byte as a lone surrogate
(surrogateescape). Such a name cannot be written as UTF-8 text (JSON, N-Quads, a log line),
so it is shown with `\\xNN` escapes, its raw bytes are kept beside it, and hashes are taken
of the raw bytes. Control characters (a newline in a name) are escaped the same way, so one
problem stays one log line.
"""
from __future__ import annotations

import os
import re

_UNSAFE = re.compile(r"[\udc80-\udcff\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def raw_bytes(name: str) -> bytes:
    """The bytes of a name as the file system holds them."""
    return os.fsencode(name) if os.name == "posix" else name.encode("utf-8", "surrogateescape")


def is_clean(name: str) -> bool:
    """True when the name is valid UTF-8 (no escaped bytes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escape(mt: re.Match[str]) -> str:
    ch = mt.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(ch) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def shown(name: str) -> str:
    """A one-line, valid-UTF-8 form of a name: bad bytes as \\xNN, control characters escaped."""
    return _UNSAFE.sub(_escape, name)


def storable(name: str) -> str:
    """A name that UTF-8 output can hold: unchanged unless it has bytes that are not UTF-8."""
    return name if is_clean(name) else shown(name)
