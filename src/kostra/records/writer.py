"""Write records as a fixed-width extract, as a case-handling system would export them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kostra.catalog import FormDefinition


class RecordTooLong(ValueError):
    """A value does not fit its field."""


def format_record(values: Mapping[str, str], form: FormDefinition) -> str:
    """One record line (without line ending). Missing fields are blank; values are left-aligned.

    Values are written as given: right-align numbers yourself (`f"{n:>7}"`) if you want them as
    most systems write them. A value wider than its field is an error, never cut silently.
    """
    unknown = set(values) - {f.name for f in form.fields}
    if unknown:
        raise KeyError(f"{form.key} has no field(s) {sorted(unknown)}")
    parts: list[str] = []
    for field in form.fields:
        assert field.width is not None, "only fixed-width forms can be written"
        value = values.get(field.name, "")
        if len(value) > field.width:
            raise RecordTooLong(f"{field.name}: {value!r} is longer than {field.width}")
        parts.append(value.ljust(field.width))
    return "".join(parts)


def format_extract(
    records: Iterable[Mapping[str, str]], form: FormDefinition, line_ending: str = "\n"
) -> str:
    """All records as the text of an extract, each line ended by `line_ending`."""
    return "".join(format_record(r, form) + line_ending for r in records)
