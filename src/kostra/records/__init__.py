"""Read and write fixed-width extracts (11F, 11CF) as columnar frames; detect encodings."""

from kostra.records.encoding import DecodedText, decode, encode
from kostra.records.reader import LINE, RECORD, Extract, looks_binary, read_lines, split_fields
from kostra.records.writer import RecordTooLong, format_extract, format_record

__all__ = [
    "LINE",
    "RECORD",
    "DecodedText",
    "Extract",
    "RecordTooLong",
    "decode",
    "encode",
    "format_extract",
    "format_record",
    "looks_binary",
    "read_lines",
    "split_fields",
]
