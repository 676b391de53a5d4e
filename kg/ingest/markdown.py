"""Markdown to plain text before repair: scraped Markdown wraps bylines and headlines in
markup ("# Title", "**By A** · *Outlet*"), which would hide them from the metadata rules."""
from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
SUFFIXES = (".md", ".markdown")


def plain(text: str) -> str:
    """Drop Markdown markup (headings, emphasis, images, link targets, quote marks), keep the words."""
    out = []
    for line in text.split("\n"):
        line = _IMAGE.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _HEADING.sub("", line)
        line = _QUOTE.sub("", line)
        line = _STRONG.sub(r"\2", line)
        line = _EMPHASIS.sub(r"\1", line)
        out.append(line)
    return "\n".join(out)
