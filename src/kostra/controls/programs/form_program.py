"""What a form program declares: everything kostra does its own way for one extract form.

An extract form (11F, 11CF) is more than its yearly layouts in the catalog: it has its controls,
the statistics printed under its error list, the totals compared with last year's delivery, the
amounts paid that production reads as numbers, and the words a reporter reads for the persons
its records are about. A `FormProgram` holds them together, and `controls.programs` lists the
programs, so code that differs per form reads the program instead of asking which form it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from kostra.controls.rule import AnyRule, Context
from kostra.controls.statistics import Amount, FileStatistics, StatTable, statistics

# What to look at when an amount paid has changed much since last year (every form's advice).
ALL_PAID = "Kontroller at alle utbetalinger i året er med, og at beløpene er i hele kroner."


@dataclass(frozen=True)
class Persons:
    """Who a form's records are about, in the words a reporter reads (bokmål)."""

    one: str  # "mottaker"
    many: str  # "mottakere"
    described: str  # "mottakere av økonomisk sosialhjelp": who they are, said in full


@dataclass(frozen=True)
class Measure:
    """One total of a form: its key, its name for a reporter, and the fields it is summed from."""

    key: str
    label: str
    unit: str  # "kr" or "" (a count)
    advice: str  # what to look at when the total has changed much since last year
    amounts: tuple[str, ...] = ()  # summed fields; none: a count of records or months
    months: bool = False


@dataclass(frozen=True)
class FormProgram:
    """One extract form's program: its controls in SSB's run order, its persons, the amounts
    paid to them, its per-file statistics and the totals kept of each delivery."""

    form: str
    rules: tuple[AnyRule, ...]
    persons: Persons
    amounts: tuple[Amount, ...]
    statistics: FileStatistics
    measures: tuple[Measure, ...]

    def __post_init__(self) -> None:
        if not self.amounts:
            raise ValueError(f"{self.form}: a form program names the amounts paid")

    @property
    def amount_fields(self) -> tuple[str, ...]:
        """The fields of the amounts paid, in the program's order (11F: BIDRAG, LAAN)."""
        return tuple(amount.field for amount in self.amounts)

    def file_statistics(self, records: pl.DataFrame, ctx: Context) -> tuple[StatTable, ...]:
        """The statistics tables printed under the error list of a file of `records`."""
        return statistics(
            records, ctx, self.statistics, self.amounts, self.persons.one, self.persons.many
        )
