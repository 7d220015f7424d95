"""Records of a synthetic extract and how they are written: one line per record, fixed width.

A record is a mapping from field name to value, as `kostra.records.format_record` takes it;
fields left out are blank. `RecordWriter` writes the same line as `format_record`, a few times
faster, which matters for a whole country's file.
"""

from __future__ import annotations

from collections.abc import Mapping

from kostra.catalog import FormDefinition
from kostra.records import RecordTooLong

Record = dict[str, str]


class RecordWriter:
    """Writes records of one form and year as fixed-width lines."""

    def __init__(self, form: FormDefinition) -> None:
        self._slots = {f.name: (i, f.width or 0) for i, f in enumerate(form.fields)}
        self._blanks = [" " * (f.width or 0) for f in form.fields]
        self.length = form.record_length or 0
        self.form = form

    def line(self, values: Mapping[str, str]) -> str:
        """One record line (without line ending); values are left-aligned in their field."""
        parts = self._blanks.copy()
        slots = self._slots
        try:
            for name, value in values.items():
                index, width = slots[name]
                parts[index] = value.ljust(width)
        except KeyError:
            unknown = sorted(set(values) - set(slots))
            raise KeyError(f"{self.form.key} has no field(s) {unknown}") from None
        text = "".join(parts)
        if len(text) != self.length:
            for name, (_, width) in slots.items():
                if len(values.get(name, "")) > width:
                    raise RecordTooLong(f"{name}: {values[name]!r} is longer than {width}")
        return text
