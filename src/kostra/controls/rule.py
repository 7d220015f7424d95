"""A control as a small declarative object: id, severity, the fields it reads, a vectorised
predicate and a message template.

`passes(ctx)` returns a polars boolean expression, True where a row is fine; the engine evaluates
it over the whole frame at once and reports the rows where it is False (null counts as fine: a
missing value is the business of the mandatory-field control).

A message is a `str.format` template. Its replacement fields may name the rule's `fields` (the raw
value, shown as «value», or "(blank)"), the keys of `values` (expressions or constants computed
for the message), and the run's context: `{year}`, `{municipality}`, `{district}` and
`{codes[FIELD]}` (the field's code list as `[1=Mann, 2=Kvinne]`). Identity numbers never reach a
message: the engine does not hand them to the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import polars as pl

from kostra.catalog import FormDefinition
from kostra.controls.severity import Severity

ALL_YEARS = range(2022, 2027)


class Stage(StrEnum):
    """When a rule runs. A finding in FILE or LINES stops the run (pre-validation)."""

    FILE = "file"  # on the file as a whole: one row with `content_length`, `records`, flags
    LINES = "lines"  # on each raw line: `_line`, `_record`
    RECORDS = "records"  # on each record, one column per field


@dataclass(frozen=True)
class Context:
    """What a run knows besides the file: the form's definition and who reports for when."""

    form: FormDefinition
    municipality: str
    district: str | None = None
    has_attachment: bool = True

    @property
    def year(self) -> int:
        """The reporting year being checked."""
        return self.form.year

    def codes(self, name: str) -> tuple[str, ...]:
        """The permitted codes of field `name` in the year being checked."""
        return self.form.codes(name)


ExprFactory = Callable[[Context], pl.Expr]
ValueFactory = Callable[[Context], pl.Expr | str | int]
Message = str | Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True)
class Rule:
    """One control (or one variant of a control that reports several kinds of finding)."""

    id: str
    severity: Severity
    title: str
    message: Message
    passes: ExprFactory
    fields: tuple[str, ...] = ()
    values: Mapping[str, ValueFactory] = field(default_factory=dict)
    order: ExprFactory | None = None  # order of findings within the rule; line order if None
    # The rule compares a record with others in the file (duplicates): its values and order
    # are computed over the whole file. Otherwise they must be row by row.
    cross_record: bool = False
    years: range = ALL_YEARS
    stage: Stage = Stage.RECORDS
    variant: str | None = None  # e.g. K002's "mangler obligatorisk verdi"
    record_level: bool = True  # findings carry the record's case worker and journal number
    description: str = ""  # what the rule checks, where the message alone does not say it
    points_at: tuple[str, ...] = ()  # a web form's questions its findings are shown at

    @property
    def documentation(self) -> str:
        """What the rule checks, for the rule list: its description, else its message template
        with replacement fields shown as ‹FIELD›."""
        if self.description or callable(self.message):
            return self.description
        return re.sub(r"\{([^{}]+)\}", r"‹\1›", self.message)

    def applies_to(self, form: FormDefinition) -> bool:
        """Whether the rule runs on `form`: its year is covered and every field exists."""
        return form.year in self.years and all(form.has(name) for name in self.fields)

    def expand(self, form: FormDefinition) -> tuple[Rule, ...]:
        """The rules that run for `form` (a plain rule is itself)."""
        return (self,) if self.applies_to(form) else ()


@dataclass(frozen=True)
class RuleFamily:
    """A control that becomes one rule per field of the form (K002, the layout check)."""

    id: str
    severity: Severity
    title: str
    expand_fn: Callable[[FormDefinition], Iterable[Rule]]
    description: str = ""
    years: range = ALL_YEARS
    stage: Stage = Stage.RECORDS

    @property
    def documentation(self) -> str:
        """What the control checks, for the rule list."""
        return self.description

    def expand(self, form: FormDefinition) -> tuple[Rule, ...]:
        """One rule per (field, kind of finding) of `form`."""
        return tuple(self.expand_fn(form)) if form.year in self.years else ()


AnyRule = Rule | RuleFamily
