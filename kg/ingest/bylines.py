"""A byline -> its names: "By DANA WHITFIELD and MARCUS OYELARAN" -> ("Dana Whitfield",
"Marcus Oyelaran"), "本报记者 沈立言　实习生 吴可欣" -> ("沈立言", "吴可欣"). Separators and
the role words between names are data (`byline_sep_re`, `byline_role_re` in markers.tsv)."""
from __future__ import annotations

import re

from .head import is_outlet
from .lexicon import Markers, load_markers

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def title_case(name: str) -> str:
    """"DANA WHITFIELD" -> "Dana Whitfield", "O'NEIL" -> "O'Neil"; mixed case is kept."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or not name.isascii():
        return name
    return _LATIN_WORD.sub(lambda mt: re.sub(r"(^|['’-])([a-z])", lambda x: x[1] + x[2].upper(),
                                             mt[0].lower()), name)


def split_byline(text: str, markers: Markers | None = None) -> tuple[list[str], str | None]:
    """The names of a byline in order, and an outlet named in it ("… / Associated Press")."""
    m = markers or load_markers()
    s = text.strip()
    for p in m.of("byline_role_re"):
        s = p.sub("\u0000", s)
    pieces: list[str] = [s]
    for p in m.of("byline_sep_re"):
        pieces = [q for piece in pieces for q in p.split(piece)]
    names: list[str] = []
    outlet = None
    for piece in pieces:
        for part in piece.split("\u0000"):
            part = part.strip(" \u3000\t,，、;；/")
            if not part:
                continue
            if is_outlet(part, m) and len(names) > 0:
                outlet = outlet or part
                continue
            words = part.split() if _HAN.search(part) else [part]
            for w in words:
                w = title_case(" ".join(w.split()))
                if w and w not in names:
                    names.append(w)
    return names, outlet


def byline_names(text: str | None, markers: Markers | None = None) -> list[str]:
    """The names of a byline (see `split_byline`); [] for None or an empty string."""
    return split_byline(text, markers)[0] if text and text.strip() else []
