"""Read an extract into a frame of raw lines, then cut the lines into fields.

`read_lines` keeps every line exactly as received (only the line ending removed), with its line
number as an editor shows it. `split_fields` cuts each line by the positions of the year's
definition into one string column per field, untrimmed: what a value *means* (blank, a number, a
date) is for the controls to decide, so nothing is lost or guessed here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import polars as pl

from kostra.catalog import FormDefinition
from kostra.records.encoding import decode

LINE = "_line"
RECORD = "_record"

# Archive and document signatures of files that are surely not an extract (zip: also xlsx/docx).
_NOT_TEXT_SIGNATURES = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x1f\x8b")


@dataclass(frozen=True)
class Extract:
    """A file as read: its lines (frame with `_line`, `_record`) and what was learnt reading it."""

    lines: pl.DataFrame
    encoding: str
    content_length: int  # characters in the decoded content, BOM excluded
    looks_binary: bool

    @property
    def record_count(self) -> int:
        """Lines that hold a record (non-empty after the line ending is removed)."""
        return self.lines.height


def looks_binary(data: bytes) -> bool:
    """Whether the bytes are an archive, a document or otherwise not text (NUL bytes)."""
    return data.startswith(_NOT_TEXT_SIGNATURES) or b"\x00" in data[:65536]


def read_lines(data: bytes) -> Extract:
    """Split an extract into its non-empty lines.

    Lines end with LF or CRLF (a lone trailing CR is also removed, as SSB does). Empty lines,
    such as trailing blank lines, hold no record and are dropped, but line numbers stay those of
    the file, so a finding on line 12 is on the twelfth line in the reporter's editor. A line of
    spaces is kept: it is a (wrong) record.
    """
    binary = looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    decoded = decode(data)
    text = decoded.text
    pieces = text.split("\n")
    numbers: list[int] = []
    records: list[str] = []
    for number, piece in enumerate(pieces, start=1):
        piece = piece.strip("\r")
        if piece:
            numbers.append(number)
            records.append(piece)
    frame = pl.DataFrame(
        {LINE: numbers, RECORD: records},
        schema={LINE: pl.Int64, RECORD: pl.String},
    )
    return Extract(frame, decoded.encoding, len(text), binary)


def split_fields(
    lines: pl.DataFrame, form: FormDefinition, only: Collection[str] | None = None
) -> pl.DataFrame:
    """One untrimmed string column per field of `form` (or of the fields in `only`), beside
    `_line`.

    Lines are expected to have the form's record length (checked before, by K001); a shorter
    line gives shorter (or empty) values rather than an error.
    """
    fields = [
        f
        for f in form.fields
        if f.start is not None and f.width is not None and (only is None or f.name in only)
    ]
    # Cutting bytes is several times faster than cutting characters, and in a line of plain
    # ASCII (nearly every line) a character is a byte. Lines with æøå are cut by characters.
    ascii_only = pl.col(RECORD).str.len_bytes() == pl.col(RECORD).str.len_chars()
    as_bytes = lines.filter(ascii_only).select(pl.col(LINE), pl.col(RECORD).cast(pl.Binary))
    fast = as_bytes.select(
        pl.col(LINE),
        *(
            pl.col(RECORD).bin.slice(f.start - 1, f.width).cast(pl.String).alias(f.name)  # type: ignore[operator]
            for f in fields
        ),
    )
    other = lines.filter(~ascii_only)
    if other.height == 0:
        return fast
    slow = other.select(
        pl.col(LINE),
        *(pl.col(RECORD).str.slice(f.start - 1, f.width).alias(f.name) for f in fields),  # type: ignore[operator]
    )
    return pl.concat([fast, slow]).sort(LINE)
