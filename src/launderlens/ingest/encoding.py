"""Bytes to text: detect the encoding of collected material, refuse binary data.

Scraped articles arrive as UTF-8 mostly, but archives and older sites give Windows-1252,
Latin-1, KOI8-R or Windows-1251. A wrong guess produces mojibake that poisons every
later stage, so the common Western case is decided by a rule we can explain (below) and
the rest by charset-normalizer restricted to encodings news text actually uses.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import DecodeError

__all__ = ["Decoded", "decode_bytes", "decode_text", "looks_binary"]

# Encodings seen in news archives; limiting the detector to them avoids exotic guesses
# (cp852, mac_iceland) that decode without error and read as nonsense.
_CANDIDATES = [
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "koi8_r", "koi8_u",
    "cp1251", "iso8859_5", "mac_cyrillic", "cp1253", "iso8859_7", "cp1254", "iso8859_9",
    "cp1257", "iso8859_13", "cp1255", "cp1256", "gb18030", "big5", "shift_jis",
    "euc_jp", "euc_kr",
]

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
# C0 control bytes other than the whitespace ones; counted with bytes.translate, which
# runs in C, because this check runs on every file ingested.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True when the first ``sample`` bytes hold NULs or many control bytes."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05


@dataclass(frozen=True)
class Decoded:
    """Text and how it was decoded.

    ``encoding`` is a codec name, or ``"utf-8+NAME"`` for mixed bytes: the lines that
    are UTF-8 were read as UTF-8 and the others as NAME, whose 1-based line numbers
    ``legacy_lines`` lists.
    """

    text: str
    encoding: str
    legacy_lines: tuple[int, ...] = ()

    def meta(self) -> dict[str, Any]:
        """What an article's meta records of a mixed decoding (nothing otherwise)."""
        if not self.legacy_lines:
            return {}
        legacy = self.encoding.split("+", 1)[1]
        return {"encoding": self.encoding,
                "encoding_lines": {legacy: list(self.legacy_lines[:MAX_LISTED_LINES])}}


#: A mixed file's meta lists at most this many of its legacy lines.
MAX_LISTED_LINES = 100


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to ``str``, or raise DecodeError saying why it is not text.

    ``declared`` is an encoding the source itself named (an HTTP header, an XML
    prolog); it is tried after the BOM and UTF-8 because such declarations are often
    wrong in scraped material.
    """
    return decode_bytes(data, declared).text


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """:func:`decode_text`, saying which encoding it chose.

    Bytes that are UTF-8 on some lines and not on others (a file pasted together from a
    UTF-8 page and a Latin-1 one) are decided line by line: one encoding for the whole
    would garble either half.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(name), name)
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {name} byte-order mark but is not {name}: "
                                  f"{err.reason} at byte {err.start}") from None
    if looks_binary(data):
        raise DecodeError("binary data, not text (NUL or control bytes near the start)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    legacy = [number for number, line in enumerate(lines) if not _utf8(line)]
    if len(legacy) < sum(1 for line in lines if not line.isascii()):
        return _mixed(lines, legacy, declared)
    return _legacy(data, declared)


def _utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _legacy(data: bytes, declared: str | None) -> Decoded:
    """``data`` in the one non-UTF-8 encoding that fits it best."""
    if declared:
        text = _try(data, declared)
        if text is not None and _plausible(text):
            return Decoded(text, declared.lower())
    text = _try(data, "cp1252")
    if text is not None and _western(text):
        return Decoded(text, "cp1252")
    return _detect(data)


def _mixed(lines: list[bytes], legacy: list[int], declared: str | None) -> Decoded:
    """UTF-8 lines as UTF-8, the others in the encoding that fits all of them together."""
    chosen = _legacy(b"\n".join(lines[number] for number in legacy), declared).encoding
    legacy_set = set(legacy)
    text = "\n".join(line.decode(chosen if number in legacy_set else "utf-8")
                     for number, line in enumerate(lines))
    return Decoded(text, f"utf-8+{chosen}", tuple(number + 1 for number in legacy))


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _western(text: str) -> bool:
    """Whether a cp1252 reading looks like Western European prose.

    In real English, French or German text the non-ASCII letters are a small share of
    all letters; Cyrillic bytes read as cp1252 are nearly all accented capitals.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    non_ascii = [c for c in letters if ord(c) > 127]
    if len(non_ascii) / len(letters) > 0.3:
        return False
    upper = sum(1 for c in non_ascii if c.isupper())
    return not non_ascii or upper / len(non_ascii) < 0.5


def _plausible(text: str) -> bool:
    bad = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS)
    return bad == 0


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=_CANDIDATES).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no known encoding fits")
    text = _try(data, best.encoding)
    if text is None or not _plausible(text):
        raise DecodeError(f"undecodable bytes: not UTF-8, and {best.encoding} leaves control "
                          "characters in the text")
    return Decoded(text, best.encoding)
