"""Comparison with last year at the source: an upload's totals against the unit's accepted
delivery of the year before. Large changes are warnings, shown with both numbers: the reporter
confirms them, or finds what is missing (a month's payments left out, a run exported twice).

One rule per measure of the form (`totals.measures`), run by the control engine on a one-row
frame: the measure's total this year (`recipients`) and last year (`recipients_last`, null when
there is nothing to compare with). A change warns when it is larger than `SHARE` of last year's
figure and larger than the measure's floor, so that the natural variation of a small
municipality (3 recipients becoming 5) is left alone. A unit that declared nothing to report
last year has 0 last year; a unit with no delivery last year has nothing to compare with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import polars as pl

from kostra import text
from kostra.controls import Context, Finding, Rule, Severity
from kostra.controls.engine import evaluate
from kostra.intake.totals import Measure, Totals, measures

SHARE = 0.30  # a change of more than 30 % of last year's figure ...
_FLOORS = {"": 10, "kr": 100_000}  # ... and of more than 10 persons, or 100 000 kr,
_MONTH_FLOOR = 30  # ... or 30 months
LAST = "_last"


def _percent(this: int, last: int) -> str:
    if last == 0:
        return "ingen i fjor"
    shown = text.number((this - last) / last * 100, 1)
    return f"{shown if shown.startswith(text.MINUS) else '+' + shown} %"


def _amount(value: int, unit: str) -> str:
    return text.amount(value) if unit == "kr" else text.number(value)


@dataclass(frozen=True)
class Threshold:
    """When a measure's change since last year is large: by more than `share` of last year's
    figure and by more than `floor` (the one definition, for the upload's warning and for the
    staff's revision list)."""

    share: float
    floor: int

    def exceeded(self, this: int, last: int | None) -> bool:
        """Whether `this` is a large change from `last` (None: nothing to compare with)."""
        if last is None:
            return False
        change = abs(this - last)
        return change > self.floor and change > last * self.share

    def passes(self, this: pl.Expr, last: pl.Expr) -> pl.Expr:
        """`exceeded` negated, as a polars expression (True where the change is not large)."""
        change = (this - last).abs()
        return (
            last.is_null() | (change <= self.floor) | (change <= last.cast(pl.Float64) * self.share)
        )

    def weight(self, this: int, last: int | None) -> float:
        """The change counted in floors, so persons, months and kroner can be ranked together
        (0 without last year)."""
        return 0.0 if last is None else abs(this - last) / max(self.floor, 1)


def threshold(measure: Measure) -> Threshold:
    """The threshold of `measure`'s change since last year."""
    return Threshold(SHARE, _MONTH_FLOOR if measure.months else _FLOORS[measure.unit])


def _rule(number: int, measure: Measure) -> Rule:
    large = threshold(measure)
    floor = large.floor
    this, last = pl.col(measure.key), pl.col(measure.key + LAST)

    def message(values: Mapping[str, Any]) -> str:
        now, before = int(values["this"]), int(values["last"])
        return (
            f"{measure.label}: {_amount(now, measure.unit)} i år mot "
            f"{_amount(before, measure.unit)} i fjor ({_percent(now, before)}). {measure.advice}"
        )

    return Rule(
        id=f"FJOR{number}",
        severity=Severity.WARNING,
        title=f"{measure.label}, endring fra i fjor",
        message=message,
        passes=lambda ctx: large.passes(this, last),
        values={"this": lambda ctx: this, "last": lambda ctx: last},
        record_level=False,
        description=(
            f"Advarer når {measure.label[0].lower()}{measure.label[1:]} har endret seg med mer "
            f"enn {round(SHARE * 100)} % fra den godkjente innsendingen året før, og med mer "
            f"enn {_amount(floor, measure.unit)}."
        ),
    )


@cache
def rules(form: str) -> tuple[Rule, ...]:
    """The comparison rules of `form`, FJOR1, FJOR2, … in the order of its measures."""
    return tuple(_rule(number, m) for number, m in enumerate(measures(form), start=1))


def compare(totals: Totals, last: Totals | None, ctx: Context) -> tuple[Finding, ...]:
    """Warnings for the totals that changed much since `last` (None: nothing to compare with)."""
    form_rules = rules(ctx.form.form)
    if not form_rules or last is None or not totals:
        return ()
    row: dict[str, list[int | None]] = {}
    for measure in measures(ctx.form.form):
        row[measure.key] = [totals.get(measure.key, 0)]
        row[measure.key + LAST] = [last.get(measure.key, 0)]
    frame = pl.DataFrame(row, schema=dict.fromkeys(row, pl.Int64))
    return tuple(evaluate(form_rules, frame, ctx))
