"""Writing records: what is written reads back the same (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kostra.catalog import FormDefinition, load
from kostra.records import (
    RecordTooLong,
    encode,
    format_extract,
    format_record,
    read_lines,
    split_fields,
)

FORMS = [load(form, year) for form in ("11F", "11CF") for year in (2022, 2024, 2026)]
# Characters an extract holds: printable ASCII and the Latin-1 letters (æøå, é, ü, …), no line
# breaks. Latin-1 symbols (U+00A0-U+00BF) are left out on purpose: in Windows-1252 they are the
# bytes 0x80-0xBF, so text such as "Â\xa0" is also valid UTF-8 and no reader can tell which was
# meant. Letters alone (bytes 0xC0-0xFF) never form valid UTF-8, so detection must get them right.
TEXT = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0xC0, max_codepoint=0xFF),
)


@st.composite
def records(draw: st.DrawFn, form: FormDefinition) -> dict[str, str]:
    values = {}
    for field in form.fields:
        assert field.width is not None
        values[field.name] = draw(st.text(TEXT, max_size=field.width))
    return values


@pytest.mark.parametrize("form", FORMS, ids=[f.key for f in FORMS])
@pytest.mark.parametrize("encoding", ["utf-8", "windows-1252"])
@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["lf", "crlf"])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_write_then_read_gives_back_every_value(
    form: FormDefinition, encoding: str, ending: str, data: st.DataObject
) -> None:
    written = [data.draw(records(form)) for _ in range(3)]
    text = format_extract(written, form, line_ending=ending)
    extract = read_lines(encode(text, encoding))
    read = split_fields(extract.lines, form)
    assert read.height == 3
    for row, values in zip(read.iter_rows(named=True), written, strict=True):
        for field in form.fields:
            assert field.width is not None
            assert row[field.name] == values[field.name].ljust(field.width)


def test_a_value_too_long_is_refused_not_cut() -> None:
    form = load("11F", 2025)
    with pytest.raises(RecordTooLong, match="KOMMUNE_NR"):
        format_record({"KOMMUNE_NR": "03011"}, form)
    with pytest.raises(KeyError, match="NOPE"):
        format_record({"NOPE": "1"}, form)
    assert len(format_record({}, form)) == 338
