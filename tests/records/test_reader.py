"""Reading extracts: encodings, line endings, byte-order marks, blank lines, junk."""

from __future__ import annotations

import codecs

import pytest

from kostra.catalog import load
from kostra.records import LINE, RECORD, decode, looks_binary, read_lines, split_fields
from tests.builders import line

FORM = load("11F", 2025)
NAME = "Ærlig Øye"  # æøå must survive either encoding


def _file(encoding: str, ending: str, *, bom: bytes = b"", trailing: str = "") -> bytes:
    lines = [line(FORM, SAKSBEHANDLER=NAME), line(FORM, PERSON_JOURNALNR="J0000002")]
    return bom + ("".join(text + ending for text in lines) + trailing).encode(encoding)


CASES = [
    ("utf-8", "\n", b"", "utf-8"),
    ("utf-8", "\r\n", b"", "utf-8"),
    ("utf-8", "\n", codecs.BOM_UTF8, "utf-8-sig"),
    ("cp1252", "\n", b"", "windows-1252"),
    ("cp1252", "\r\n", b"", "windows-1252"),
    ("latin-1", "\r\n", b"", "windows-1252"),
]


@pytest.mark.parametrize(
    ("encoding", "ending", "bom", "detected"),
    CASES,
    ids=["utf8-lf", "utf8-crlf", "utf8-bom", "cp1252-lf", "cp1252-crlf", "latin1-crlf"],
)
def test_both_encodings_and_line_endings_read_the_same(
    encoding: str, ending: str, bom: bytes, detected: str
) -> None:
    extract = read_lines(_file(encoding, ending, bom=bom))
    assert extract.encoding == detected
    assert extract.lines[LINE].to_list() == [1, 2]
    assert extract.lines[RECORD].str.len_chars().to_list() == [338, 338]
    fields = split_fields(extract.lines, FORM)
    assert fields["SAKSBEHANDLER"][0] == NAME.ljust(10)
    assert fields["PERSON_JOURNALNR"].to_list() == ["J0000001", "J0000002"]


def test_utf16_with_byte_order_mark() -> None:
    data = ("\n".join([line(FORM), line(FORM)]) + "\n").encode("utf-16")
    extract = read_lines(data)
    assert extract.encoding == "utf-16"
    assert extract.record_count == 2
    assert not extract.looks_binary


def test_trailing_blank_lines_hold_no_records() -> None:
    extract = read_lines(_file("utf-8", "\n", trailing="\n\n\r\n"))
    assert extract.record_count == 2


def test_line_numbers_are_the_editors_even_after_an_empty_line() -> None:
    data = (line(FORM) + "\n\n" + line(FORM) + "\n").encode()
    assert read_lines(data).lines[LINE].to_list() == [1, 3]


def test_a_line_of_spaces_is_a_record_and_a_last_line_needs_no_line_ending() -> None:
    data = (" " * 338 + "\n" + line(FORM)).encode()
    extract = read_lines(data)
    assert extract.lines[LINE].to_list() == [1, 2]


def test_empty_file() -> None:
    extract = read_lines(b"")
    assert extract.record_count == 0
    assert extract.content_length == 0


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00",
        b"%PDF-1.7\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"abc\x00def\n",
    ],
    ids=["zip", "pdf", "ole", "nul"],
)
def test_binary_files_are_recognised(data: bytes) -> None:
    assert looks_binary(data)
    assert read_lines(data).looks_binary


def test_every_byte_decodes_one_character_each_when_not_utf8() -> None:
    junk = bytes(range(1, 256))
    decoded = decode(junk)
    assert decoded.encoding == "windows-1252"
    assert len(decoded.text) == len(junk)
    assert decode("æøå ÆØÅ".encode("cp1252")).text == "æøå ÆØÅ"


def test_short_lines_give_short_values_not_errors() -> None:
    extract = read_lines(b"0301\n")
    fields = split_fields(extract.lines, FORM)
    assert fields["KOMMUNE_NR"].to_list() == ["0301"]
    assert fields["VERSION"].to_list() == [""]
