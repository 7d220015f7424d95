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

FIRST_YEAR = 2022  # the first reporting year kostra's catalog holds


@dataclass(frozen=True)
class NotApplicable:
    """A control in force that cannot run on a year's layout, and why (in Norwegian)."""

    rule: AnyRule
    reason: str


@dataclass(frozen=True, kw_only=True)
class InForce:
    """The reporting years a control holds: from `since` on, new years included, to `until`
    where SSB retired it."""

    since: int = FIRST_YEAR
    until: int | None = None

    @property
    def years(self) -> str:
        """The years in force, as the rule list shows them: `fra 2022`, `2022–2024`."""
        return f"{self.since}–{self.until}" if self.until is not None else f"fra {self.since}"

    def in_force(self, year: int) -> bool:
        """Whether the control holds in reporting year `year`."""
        return self.since <= year and (self.until is None or year <= self.until)

    def not_run_because(self, form: FormDefinition) -> str | None:
        """Why the control does not run on `form` (in Norwegian); None when it runs."""
        if form.year < self.since:
            return f"innført fra {self.since}"
        if self.until is not None and form.year > self.until:
            return f"tatt ut etter {self.until}"
        return None


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
class Rule(InForce):
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
    stage: Stage = Stage.RECORDS
    variant: str | None = None  # e.g. K002's "mangler obligatorisk verdi"
    record_level: bool = True  # findings carry the record's case worker and journal number
    description: str = ""  # what the rule checks, where the message alone does not say it
    points_at: tuple[str, ...] = ()  # a web form's questions its findings are shown at
    # "Slik retter du det": what a case worker does about a finding, in the case-handling
    # system (bokmål, a sentence or two); shown with the rule's findings in the error list.
    fix: str = ""

    @property
    def documentation(self) -> str:
        """What the rule checks, for the rule list: its description, else its message template
        with replacement fields shown as ‹FIELD›."""
        if self.description or callable(self.message):
            return self.description
        return re.sub(r"\{([^{}]+)\}", r"‹\1›", self.message)

    def missing_fields(self, form: FormDefinition) -> tuple[str, ...]:
        """The fields the rule reads that `form`'s layout does not have."""
        return tuple(name for name in self.fields if not form.has(name))

    def applies_to(self, form: FormDefinition) -> bool:
        """Whether the rule runs on `form`: in force in its year, and every field exists."""
        return self.in_force(form.year) and not self.missing_fields(form)

    def not_run_because(self, form: FormDefinition) -> str | None:
        """Why the rule does not run on `form`: not in force in its year, or fields missing
        from its layout (never dropped in silence); None when it runs."""
        if (reason := super().not_run_because(form)) is not None:
            return reason
        missing = self.missing_fields(form)
        if not missing:
            return None
        word = "feltet" if len(missing) == 1 else "feltene"
        return f"{word} {', '.join(missing)} finnes ikke i {form.form} {form.year}"

    def expand(self, form: FormDefinition) -> tuple[Rule, ...]:
        """The rules that run for `form` (a plain rule is itself)."""
        return (self,) if self.applies_to(form) else ()


@dataclass(frozen=True)
class RuleFamily(InForce):
    """A control that becomes one rule per field of the form (K002, the layout check)."""

    id: str
    severity: Severity
    title: str
    expand_fn: Callable[[FormDefinition], Iterable[Rule]]
    description: str = ""
    stage: Stage = Stage.RECORDS

    @property
    def documentation(self) -> str:
        """What the control checks, for the rule list."""
        return self.description

    def expand(self, form: FormDefinition) -> tuple[Rule, ...]:
        """One rule per (field, kind of finding) of `form`."""
        return tuple(self.expand_fn(form)) if self.in_force(form.year) else ()


AnyRule = Rule | RuleFamily
