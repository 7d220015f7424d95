"""Per-file statistics, as SSB's control program prints them under the error list.

Sums of what was paid, and recipients (participants) by age, by months with support and by
amount. Amounts are summed as 64-bit integers; a negative amount (a repaid loan) counts as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
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


_MONTH_BANDS: tuple[Band, ...] = (
    ("1 måned", 1, 1),
    ("2 - 3 måneder", 2, 3),
    ("4 - 6 måneder", 4, 6),
    ("7 - 9 måneder", 7, 9),
    ("10 - 11 måneder", 10, 11),
    ("12 måneder", 12, 12),
    ("Uoppgitt", 0, 0),
)
_AGE_BANDS_11F: tuple[Band, ...] = (
    ("Under 18", 0, 17),
    ("18 - 24", 18, 24),
    ("25 - 44", 25, 44),
    ("45 - 66", 45, 66),
    ("67 og over", 67, None),
    ("Ugyldig fnr", None, -1),
)
_AGE_BANDS_11CF: tuple[Band, ...] = (
    ("Under 20", 0, 19),
    ("20 - 24", 20, 24),
    ("25 - 29", 25, 29),
    ("30 - 39", 30, 39),
    ("40 - 49", 40, 49),
    ("50 - 66", 50, 66),
    ("67 og over", 67, None),
    ("Ugyldig fnr", None, -1),
)
_AMOUNT_BANDS_11F: tuple[Band, ...] = (
    ("1 - 9999", 1, 9_999),
    ("10000 - 49999", 10_000, 49_999),
    ("50000 - 99999", 50_000, 99_999),
    ("100000 - 149999", 100_000, 149_999),
    ("150000 og over", 150_000, None),
    ("Uoppgitt", None, 0),
)
_AMOUNT_BANDS_11CF: tuple[Band, ...] = (
    ("1 - 7999", 1, 7_999),
    ("8000 - 49999", 8_000, 49_999),
    ("50000 - 99999", 50_000, 99_999),
    ("100000 - 149999", 100_000, 149_999),
    ("150000 og over", 150_000, None),
    ("Uoppgitt", None, 0),
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


def statistics(records: pl.DataFrame, ctx: Context) -> tuple[StatTable, ...]:
    """The statistics tables for a file of `ctx.form`'s records."""
    if records.height == 0 or ctx.form.form not in ("11F", "11CF"):
        return ()
    # Each reading once, then the bands over the read columns.
    amount = (
        int0("BIDRAG") + int0("LAAN") if ctx.form.form == "11F" else int0("KVP_STONAD")
    ).alias("amount")
    read = (
        records.lazy()
        .select(
            age(ctx).fill_null(-1).alias("age"),
            month_count(ctx).alias("months"),
            amount,
            *(
                (int0("BIDRAG").alias("bidrag"), int0("LAAN").alias("laan"))
                if ctx.form.form == "11F"
                else ()
            ),
        )
        .collect()
    )
    ages = _counts(read, "age", _AGE_BANDS_11F if ctx.form.form == "11F" else _AGE_BANDS_11CF)
    durations = StatTable(
        "Stønadsvarighet", ("Stønadsvarighet", "Deltakere"), _counts(read, "months", _MONTH_BANDS)
    )
    if ctx.form.form == "11F":
        bidrag, laan = read.select(pl.col("bidrag").sum(), pl.col("laan").sum()).row(0)
        return (
            StatTable(
                "Stønad",
                ("Stønad", "Sum"),
                (("I alt", bidrag + laan), ("Bidrag", bidrag), ("Lån", laan)),
            ),
            StatTable("Alder", ("Alder", "Deltakere"), ages),
            durations,
            StatTable(
                "Stønad per mottaker",
                ("Stønad", "Deltakere"),
                _counts(read, "amount", _AMOUNT_BANDS_11F),
            ),
        )
    return (
        StatTable("Stønad", ("Stønad", "Sum"), (("I alt", int(read["amount"].sum())),)),
        StatTable("Alder", ("Alder", "Deltakere"), (("I alt", records.height), *ages)),
        durations,
        StatTable(
            "Stønad per deltaker",
            ("Stønad", "Deltakere"),
            _counts(read, "amount", _AMOUNT_BANDS_11CF),
        ),
    )
