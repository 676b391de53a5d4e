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
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>(?:[^\n]*\n){0,40}?)---[ \t]*(?:\n|\Z)")
_FIELD = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)")
# a line set wholly in emphasis ("*An Amazon fulfillment center. (File photo)*")
_WHOLE_EMPHASIS = re.compile(r"\s*(?:\*(?!\*)[^*\n]+\*|_(?!_)[^_\n]+_)\s*")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter ("---\\ntitle: …\\nauthor: …\\n---") -> (its fields, the text after it).

    Only flat `key: value` fields are read (quotes stripped, lists kept as written); text
    without front matter comes back unchanged with no fields.
    """
    mt = _FRONT.match(text)
    if not mt:
        return {}, text
    fields: dict[str, str] = {}
    for line in mt["body"].splitlines():
        if line.strip().startswith("#") or not line.strip():
            continue
        fm = _FIELD.fullmatch(line.strip())
        if fm is None:
            return {}, text  # not front matter: a rule line above a paragraph
        value = fm["value"].strip().strip("'\"").strip()
        if value:
            fields[fm["key"].lower()] = value
    return (fields, text[mt.end():]) if fields else ({}, text)


def plain(text: str) -> str:
    """Drop Markdown markup (headings, emphasis, images, link targets, quote marks), keep the words."""
    out = []
    after_image = False
    for line in text.split("\n"):
        if after_image and _WHOLE_EMPHASIS.fullmatch(line):
            after_image = False
            continue  # an image's caption: an emphasised line right under it
        # each pattern needs a string of its own ("](", "#", ">", "**" or "__", "*"): a line
        # without it (most prose) is not scanned for that markup
        link = "](" in line
        if line.strip():
            after_image = link and bool(_IMAGE.fullmatch(line.strip()))
        if link:
            line = _LINK.sub(r"\1", _IMAGE.sub("", line))
        if "#" in line:
            line = _HEADING.sub("", line)
        if ">" in line:
            line = _QUOTE.sub("", line)
        if "**" in line or "__" in line:
            line = _STRONG.sub(r"\2", line)
        if "*" in line:
            line = _EMPHASIS.sub(r"\1", line)
        out.append(line)
    return "\n".join(out)
