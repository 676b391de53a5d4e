"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), GB18030 and
Big5 told apart by how common the decoded characters are, then charset-normalizer."""
from __future__ import annotations

import codecs
from dataclasses import dataclass, replace

from charset_normalizer import from_bytes

from ..errors import IngestError
from .glosses import strip_pinyin_glosses

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 1 << 16  # bytes looked at when guessing


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec used, a note when the result is a guess or lossy, and the
    repairs made to the text (each becomes a warning)."""

    text: str
    encoding: str
    note: str | None = None
    lossy: bool = False
    repairs: tuple[str, ...] = ()


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _common_share(text: str, codec: str, lo: int, hi: int) -> float:
    """Share of Han characters whose code in `codec` lies in its common-character block.

    GB2312 level 1 (lead bytes 0xB0-0xD7) holds the 3755 most used simplified characters;
    Big5 0xA440-0xC67E holds the 5401 most used traditional ones. Text decoded with the
    wrong codec lands mostly outside these blocks.
    """
    han = total = 0
    for ch in text:
        if not _is_han(ch):
            continue
        total += 1
        try:
            code = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(code) == 2 and lo <= (code[0] << 8 | code[1]) <= hi:
            han += 1
    return han / total if total else 0.0


def _plausible_utf16(text: str) -> float:
    """Share of characters that real text uses (ASCII, CJK, CJK punctuation, whitespace)."""
    if not text:
        return 0.0
    good = sum(
        1 for ch in text
        if (" " <= ch <= "~") or ch in "\n\r\t" or _is_han(ch) or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u206f"
    )
    return good / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 by NULs in alternate bytes (ASCII) or, failing that, by content."""
    if len(data) < 2 or len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    guess = None
    if odd > half * 0.05 and even < odd * 0.1:
        guess = "utf-16-le"
    elif even > half * 0.05 and odd < even * 0.1:
        guess = "utf-16-be"
    if guess:
        return guess if _plausible_utf16(sample.decode(guess, errors="replace")) > 0.9 else None
    if even or odd:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible_utf16(text) > 0.97 and _common_share(text, "gb2312", 0xB0A1, 0xD7FE) + \
                _common_share(text, "big5", 0xA440, 0xC67E) > 0.9:
            return codec
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _cjk(data: bytes) -> Decoded | None:
    """GB18030 vs Big5: decode with both and keep the one whose characters are common."""
    gb, big5 = _strict(data, "gb18030"), _strict(data, "big5hkscs")
    if gb is None and big5 is None:
        return None
    if big5 is None:
        return Decoded(gb or "", "gb18030")
    if gb is None:
        return Decoded(big5, "big5")
    gb_score = _common_share(gb[:_SAMPLE], "gb2312", 0xB0A1, 0xD7FE)
    big5_score = _common_share(big5[:_SAMPLE], "big5", 0xA440, 0xC67E)
    return Decoded(big5, "big5") if big5_score > gb_score else Decoded(gb, "gb18030")


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """NUL or control bytes that no text encoding here produces."""
    sample = data[:_SAMPLE]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls / len(sample) > 0.1 or (b"\x00" in sample and controls / len(sample) > 0.01)


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode a file's bytes or raise `IngestError` saying why it is not text; pinyin glosses
    inserted after Chinese characters are removed (`kg.ingest.glosses`)."""
    decoded = _decode(data, path)
    text, glosses = strip_pinyin_glosses(decoded.text)
    if not glosses:
        return decoded
    return replace(decoded, text=text, repairs=(f"removed {glosses} pinyin glosses inserted after Chinese "
                                                 "characters (監(jiān)管 -> 監管)",))


def _decode(data: bytes, path: str) -> Decoded:
    if not data.strip():
        raise IngestError(path, "empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], codec.replace("-sig", ""))
            if text is None:
                text = data[len(bom):].decode(codec.replace("-sig", ""), errors="replace")
                return Decoded(text, codec, f"undecodable bytes in {codec} replaced", lossy=True)
            return Decoded(text, codec)
    text = _strict(data, "utf-8")
    if text is not None:
        if "\x00" in text[:_SAMPLE] and (codec16 := _utf16_without_bom(data)):
            return Decoded(data.decode(codec16, errors="replace"), codec16)
        if looks_binary(data):
            raise IngestError(path, "binary file (control bytes), not text")
        return Decoded(text, "utf-8")
    codec16 = _utf16_without_bom(data)
    if codec16:
        return Decoded(data.decode(codec16, errors="replace"), codec16)
    if looks_binary(data):
        raise IngestError(path, "binary file (NUL or control bytes), not text")
    cjk = _cjk(data)
    if cjk is not None:
        return cjk
    best = from_bytes(data[: _SAMPLE * 4]).best()
    if best is not None and best.encoding and (text := _strict(data, best.encoding)) is not None:
        return Decoded(text, best.encoding, f"encoding guessed as {best.encoding}")
    bad = 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = err.start
    text = data.decode("utf-8", errors="replace")
    return Decoded(text, "utf-8", f"undecodable bytes (first at byte {bad}) replaced", lossy=True)
