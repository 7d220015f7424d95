"""Messages of findings: a rule's template filled in with the values of one failing record.

A template is parsed once per rule and run: replacement fields that do not depend on the record
(`{year}`, `{codes[KJONN]}`, constants among the rule's values) are filled in then, so that
each finding only joins the record's own values into prepared text. A file with hundreds of
thousands of wrong lines must not spend its time in `str.format`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from kostra.controls.rule import Context
from kostra.records.values import is_blank


class RawValue(str):
    """A field's value as it stands in the file; messages show it «quoted», or "(blank)"."""

    __slots__ = ()


def show(value: Any, spec: str = "") -> str:
    """How a value appears in a message."""
    if isinstance(value, RawValue):
        return "(blank)" if is_blank(value) else f"«{value}»"
    return format(value, spec)


class CodeLists(Mapping[str, str]):
    """`{codes[KJONN]}` in a message: the field's code list, rendered on demand."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def __getitem__(self, name: str) -> str:
        return self._ctx.form.field(name).render_codes()

    def __iter__(self) -> Iterator[str]:
        return iter(f.name for f in self._ctx.form.fields)

    def __len__(self) -> int:
        return len(self._ctx.form.fields)


CONTEXT_KEYS = frozenset({"year", "municipality", "district", "codes"})


def context_values(ctx: Context) -> dict[str, Any]:
    """What every template may name besides the record: the run's context (`CONTEXT_KEYS`)."""
    return {
        "year": ctx.year,
        "municipality": ctx.municipality,
        "district": ctx.district or "",
        "codes": CodeLists(ctx),
    }


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return show(value, format_spec)


_FORMATTER = _Formatter()
_ROOT = re.compile(r"[.\[]")


def prepare(template: str, constants: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], str]:
    """A function that fills `template` for one record, with `constants` filled in already."""
    parts: list[tuple[str, str, str]] = []  # text before, field name, format spec
    text = ""
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        text += literal
        if name is None:
            continue
        root = _ROOT.split(name, maxsplit=1)[0]
        if root in constants or conversion or name != root:
            text += _FORMATTER.vformat(
                "{" + name + "}" if not spec else f"{{{name}:{spec}}}", (), constants
            )
        else:
            parts.append((text, name, spec or ""))
            text = ""
    tail = text

    def fill(values: Mapping[str, Any]) -> str:
        return "".join(before + show(values[name], spec) for before, name, spec in parts) + tail

    return fill
