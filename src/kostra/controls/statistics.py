"""Per-file statistics, as SSB's control program prints them under the error list.

Sums of what was paid, and recipients (participants) by age, by months with support and by
amount. Amounts are summed as 64-bit integers; a negative amount (a repaid loan) counts as it is.
What differs between forms (the age bands, the amounts and their bands) each form's program
declares (`controls.programs`).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

import polars as pl

from kostra.controls.readings import age, month_count
from kostra.controls.rule import Context
from kostra.records.values import int0

Band = tuple[str, int | None, int | None]  # label, lowest, highest (None: open)


@dataclass(frozen=True)
class StatTable:
    """One small table: a heading of two columns and rows of (label, number)."""

    title: str
    heading: tuple[str, str]
    rows: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, object]:
        """The table in the report's JSON."""
        return {
            "title": self.title,
            "heading": list(self.heading),
            "rows": [list(r) for r in self.rows],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StatTable:
        """A table read back from its JSON form (`to_dict`)."""
        first, second = data["heading"]
        return cls(
            title=data["title"],
            heading=(first, second),
            rows=tuple((label, int(value)) for label, value in data["rows"]),
        )


@dataclass(frozen=True)
class Amount:
    """An amount paid to a person: its field, and its row in the file's statistics."""

    field: str
    label: str


@dataclass(frozen=True)
class FileStatistics:
    """How a form's files are counted up: its age bands and its bands of amounts paid."""

    age_bands: tuple[Band, ...]
    amount_bands: tuple[Band, ...]
    everyone_by_age: bool = False  # the age table opens with everyone ("I alt")


_MONTH_BANDS: tuple[Band, ...] = (
    ("1 måned", 1, 1),
    ("2 - 3 måneder", 2, 3),
    ("4 - 6 måneder", 4, 6),
    ("7 - 9 måneder", 7, 9),
    ("10 - 11 måneder", 10, 11),
    ("12 måneder", 12, 12),
    ("Uoppgitt", 0, 0),
)


def _in_band(value: pl.Expr, band: Band) -> pl.Expr:
    _, low, high = band
    condition = pl.lit(True)
    if low is not None:
        condition = condition & (value >= low)
    if high is not None:
        condition = condition & (value <= high)
    return condition


def _counts(
    records: pl.DataFrame, column: str, bands: tuple[Band, ...]
) -> tuple[tuple[str, int], ...]:
    value = pl.col(column)
    counted = records.select(
        [_in_band(value, band).fill_null(False).sum().alias(str(i)) for i, band in enumerate(bands)]
    ).row(0)
    return tuple((band[0], int(n)) for band, n in zip(bands, counted, strict=True))


def statistics(
    records: pl.DataFrame,
    ctx: Context,
    layout: FileStatistics,
    amounts: Sequence[Amount],
    person: str,
    people: str = "personer",
) -> tuple[StatTable, ...]:
    """The statistics tables for a file of `ctx.form`'s records: what was paid (`amounts`, each
    on a row of its own when there are several), persons by age, by months with support and by
    amount paid to each (`person` names one of them: "Stønad per mottaker"; `people` heads the
    counts: "Mottakere")."""
    if records.height == 0:
        return ()
    paid = [int0(amount.field).alias(f"paid_{i}") for i, amount in enumerate(amounts)]
    # Each reading once, then the bands over the read columns.
    read = (
        records.lazy()
        .select(
            age(ctx).fill_null(-1).alias("age"),
            month_count(ctx).alias("months"),
            reduce(operator.add, (int0(amount.field) for amount in amounts)).alias("amount"),
            *paid,
        )
        .collect()
    )
    sums = read.select(pl.col(f"paid_{i}").sum() for i in range(len(amounts))).row(0)
    paid_rows: tuple[tuple[str, int], ...] = (("I alt", sum(sums)),)
    if len(amounts) > 1:
        paid_rows += tuple(
            (amount.label, int(total)) for amount, total in zip(amounts, sums, strict=True)
        )
    counted = people[:1].upper() + people[1:]
    ages = _counts(read, "age", layout.age_bands)
    if layout.everyone_by_age:
        ages = (("I alt", records.height), *ages)
    return (
        StatTable("Stønad", ("Stønad", "Sum"), paid_rows),
        StatTable("Alder", ("Alder", counted), ages),
        StatTable(
            "Stønadsvarighet",
            ("Stønadsvarighet", counted),
            _counts(read, "months", _MONTH_BANDS),
        ),
        StatTable(
            f"Stønad per {person}",
            ("Stønad", counted),
            _counts(read, "amount", layout.amount_bands),
        ),
    )
