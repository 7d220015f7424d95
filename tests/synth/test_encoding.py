"""Extracts in UTF-8 and Windows-1252, with LF or CRLF, read back with æøå intact."""

from __future__ import annotations

import pytest

from kostra.catalog import load
from kostra.records import read_lines, split_fields
from kostra.synth import generate

from .conftest import control


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1252"])
@pytest.mark.parametrize("line_ending", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("form", ["11F", "11CF"])
def test_norwegian_letters_round_trip(encoding: str, line_ending: str, form: str) -> None:
    made = generate(form, 2025, "0301", 200, seed=3, encoding=encoding, line_ending=line_ending)
    extract = read_lines(made.data)
    assert extract.encoding == encoding
    assert extract.record_count == 200
    assert made.data.count(line_ending.encode()) == 200
    workers = split_fields(extract.lines, load(form, 2025))["SAKSBEHANDLER"].to_list()
    assert any(set(name) & set("æøåÆØÅ") for name in workers)
    assert extract.lines["_record"].str.len_chars().unique().to_list() == [
        152 if form == "11CF" else 338
    ]
    assert made.data.decode(encoding).count("ø") > 0
    assert control(made).findings == ()


def test_windows_1252_is_one_byte_per_character() -> None:
    made = generate("11F", 2023, "0301", 100, seed=9)
    assert len(made.data) == 100 * (324 + 1)
