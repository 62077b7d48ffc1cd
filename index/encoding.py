"""Decoding a corpus file: UTF-8 first, else the encoding charset-normalizer detects.

Every offset in the index is a character offset into the text returned here, decoded without
newline translation, so ``open(path, encoding=enc, newline="").read()[start:end]`` is the text
of any chunk or statement (``enc`` being the `Decoded.encoding` recorded for the document).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BinaryFileError", "Decoded", "decode_bytes", "read_decoded"]

UTF8 = "utf-8"
# Choosing among charset-normalizer's candidates: its `best()` (least "chaos", then most
# coherent), except that windows-1252 wins when it is at most CHAOS_MARGIN more chaotic and at
# most COHERENCE_MARGIN less coherent (its language model fits the text about as well).
# `best()` alone picks the wrong code page for an English text with one stray byte:
# sport/199.txt of the BBC corpus (one 0xA3, "£15.8m") gives cp932 (chaos 0.0, coherence 0.0,
# "Japanese": "｣15.8m") against cp1252 (chaos 0.083, coherence 0.975, English). On 15 samples
# (`scripts/eval_encodings.py`: English, French, German, Spanish, Polish, Russian, Japanese in
# their legacy encodings) this rule decodes 13 exactly, `best()` 8 (both miss Polish in
# cp1250/iso8859-2). A small sample that includes the file the rule was made for: a guess,
# not a measurement of real folders. Windows-1252 because the WHATWG Encoding Standard makes
# it the fallback for unlabelled legacy text in most locales (and maps "latin1" to it).
# CHAOS_MARGIN: hand-set, one suspicious character in charset-normalizer's 12-character
# scoring unit (1/12 = 0.083) plus rounding. COHERENCE_MARGIN: hand-set from the samples:
# Latin code pages decoding an English article identically but for "£" and "é" score
# coherence 0.849-0.894 (iso8859_10 first).
CHAOS_MARGIN = 0.09
COHERENCE_MARGIN = 0.05
PREFERRED_SINGLE_BYTE = "cp1252"
# A NUL byte among the first bytes of a file without a UTF-16/32 byte order mark means binary
# (the rule git and grep use, over the same 8 KiB).
BINARY_PROBE_BYTES = 8192
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE
)


class BinaryFileError(ValueError):
    """A file that is not text in any encoding we can recognise."""


@dataclass(frozen=True)
class Decoded:
    """A file's text and the (Python codec) name of the encoding it was decoded with."""

    text: str
    encoding: str


def decode_bytes(data: bytes, name: str = "<bytes>") -> Decoded:
    """Decode file bytes: by a UTF-16/32 byte order mark; NUL bytes mean binary; then strict
    UTF-8 (a UTF-8 BOM is kept, as on disk); else the encoding charset-normalizer finds.
    BinaryFileError when nothing decodes sensibly."""
    if data.startswith(_UTF16_32_BOMS):
        enc = "utf-32" if data.startswith(_UTF16_32_BOMS[:2]) else "utf-16"
        try:
            return Decoded(data.decode(enc), enc)
        except UnicodeDecodeError:
            raise BinaryFileError(f"{name}: binary (bad {enc})") from None
    if b"\x00" in data[:BINARY_PROBE_BYTES]:
        raise BinaryFileError(f"{name}: binary (NUL bytes)")
    try:
        return Decoded(data.decode(UTF8), UTF8)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise BinaryFileError(f"{name}: binary (no text encoding fits)")
    encoding = best.encoding
    for m in matches:
        # charset-normalizer merges encodings that decode these bytes to the same text
        # (`could_be_from_charset`): windows-1252 may stand behind another name.
        if (PREFERRED_SINGLE_BYTE in m.could_be_from_charset
                and m.chaos <= best.chaos + CHAOS_MARGIN
                and m.coherence >= best.coherence - COHERENCE_MARGIN):
            encoding = PREFERRED_SINGLE_BYTE
            break
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise BinaryFileError(f"{name}: binary (undecodable as {encoding})") from None
    return Decoded(text, codecs.lookup(encoding).name)


def read_decoded(path: Path) -> Decoded:
    """Read and decode one file (see `decode_bytes`); OSError if it cannot be read."""
    return decode_bytes(path.read_bytes(), str(path))
