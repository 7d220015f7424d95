"""Turn an extract's bytes into text: UTF-8 or ISO-8859-1/Windows-1252, detected, never failing.

Case-handling systems export either UTF-8 (sometimes with a byte-order mark, now and then UTF-16
from Windows tools) or a single-byte Western encoding. A file that is valid UTF-8 is read as
UTF-8; anything else is read one byte per character as Windows-1252, which agrees with
ISO-8859-1 on every printable character, so æøå come out right in either case and the record
length in characters equals the length in bytes, as SSB counts it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
UTF16 = "utf-16"
WINDOWS_1252 = "windows-1252"

# Windows-1252 leaves five bytes undefined; Python's codec refuses them. Read those five as
# ISO-8859-1 does (the C1 control character of the same number) so that no byte is ever lost.
_UNDEFINED_IN_1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(b) for b in bad), error.end


codecs.register_error("kostra-latin1-fallback", _latin1_fallback)


@dataclass(frozen=True)
class DecodedText:
    """The text of a file and the encoding it was read with."""

    text: str
    encoding: str


def decode(data: bytes) -> DecodedText:
    """Decode an extract, detecting its encoding (see module docstring)."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return DecodedText(body.decode(UTF8), UTF8_BOM)
        except UnicodeDecodeError:
            return DecodedText(body.decode("cp1252", "kostra-latin1-fallback"), WINDOWS_1252)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and len(data) % 2 == 0:
        try:
            return DecodedText(data.decode(UTF16), UTF16)
        except UnicodeDecodeError:
            pass
    try:
        return DecodedText(data.decode(UTF8), UTF8)
    except UnicodeDecodeError:
        return DecodedText(data.decode("cp1252", "kostra-latin1-fallback"), WINDOWS_1252)


def encode(text: str, encoding: str) -> bytes:
    """Encode text for an extract in `encoding` (`utf-8`, `utf-8-sig`, `windows-1252`, `iso-8859-1`)."""
    return text.encode(encoding)
