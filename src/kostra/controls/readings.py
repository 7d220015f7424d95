"""Readings of a record that several controls share: age, reporting year, months, labels.

Each takes the run's context and returns a polars expression over the record frame, so that a
rule states its condition in a line and the definition of, say, "age" lives in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from kostra.controls.rule import Context
from kostra.linkage.identity import age_expr, fnr_or_dnr_valid_expr
from kostra.records.values import int0, trimmed

FNR = "PERSON_FODSELSNR"
OSLO = "0301"


def version_year() -> pl.Expr:
    """The record's VERSION as a year: `26` → 2026; blank or non-numeric → 0."""
    number = int0("VERSION")
    return pl.when(number.is_between(1, 99)).then(2000 + number).otherwise(number)


# Readings the control program computes once per file, as hidden columns beside the fields,
# before the controls run (`derived`): an identity number's age and validity are long
# expressions that several controls share, and the run's municipality is a column so that no
# control's expression depends on who delivers.
AGE = "_age"
IDENTIFIED = "_fnr_or_dnr_valid"
RUN_MUNICIPALITY = "_run_municipality"


def derived(ctx: Context) -> list[pl.Expr]:
    """The hidden reading columns of a record frame (see above)."""
    columns = [pl.lit(ctx.municipality, dtype=pl.String).alias(RUN_MUNICIPALITY)]
    if ctx.form.has(FNR):
        columns += [
            age_expr(FNR, ctx.year).alias(AGE),
            fnr_or_dnr_valid_expr(trimmed(FNR), ctx.year).alias(IDENTIFIED),
        ]
    return columns


def age(ctx: Context) -> pl.Expr:
    """Age reached in the reporting year, from the identity number; null when undefined."""
    return pl.col(AGE)


def identified(ctx: Context) -> pl.Expr:
    """True where the (trimmed) identity number is a valid fødselsnummer or d-nummer."""
    return pl.col(IDENTIFIED)


def run_municipality() -> pl.Expr:
    """The municipality the file is delivered for (the run's, not the record's)."""
    return pl.col(RUN_MUNICIPALITY)


def age_text(ctx: Context) -> pl.Expr:
    """Age for a message: `43 år`, or why it is unknown."""
    return (
        pl.when(age(ctx).is_null())
        .then(pl.lit("ukjent (fødselsnummeret mangler eller er ugyldig)"))
        .otherwise(age(ctx).cast(pl.String) + " år")
    )


def ticked(ctx: Context, name: str) -> pl.Expr:
    """True where a tick-box field holds its (single) code exactly."""
    return pl.col(name).is_in(list(ctx.codes(name)))


def any_ticked(ctx: Context, names: tuple[str, ...]) -> pl.Expr:
    """True where at least one of the tick-box fields that exist this year is ticked."""
    present = [n for n in names if ctx.form.has(n)]
    return pl.any_horizontal([ticked(ctx, n) for n in present]) if present else pl.lit(False)


MONTH_FIELDS = tuple(f"STMND_{month}" for month in range(1, 13))


def has_months(ctx: Context) -> pl.Expr:
    """True where at least one month with support is ticked (STMND_k holds its month code)."""
    return any_ticked(ctx, MONTH_FIELDS)


def month_count(ctx: Context) -> pl.Expr:
    """Number of months with support ticked (0–12)."""
    return pl.sum_horizontal([ticked(ctx, n).cast(pl.Int32) for n in MONTH_FIELDS])


def is_oslo() -> pl.Expr:
    """True where the record itself says it is from Oslo (KOMMUNE_NR 0301)."""
    return pl.col("KOMMUNE_NR") == OSLO


def code_label(ctx: Context, name: str) -> pl.Expr:
    """`04=Uføretrygd` for a coded value; `<value>=Ukjent` when it is not in the list."""
    field = ctx.form.field(name)
    labels = {c.code: f"{c.code}={c.label}" for c in field.codes}
    raw = pl.col(name)
    return raw.replace_strict(labels, default=trimmed(raw) + "=Ukjent", return_dtype=pl.String)


def summed(names: Sequence[str]) -> pl.Expr:
    """Sum of the integer readings (0 where not a number) of `names`."""
    return pl.sum_horizontal([int0(n) for n in names]) if names else pl.lit(0)
