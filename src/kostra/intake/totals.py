"""An extract's totals, the figures compared with the unit's accepted delivery of last year.

Counted from the records as the control program read them: recipients (participants) are
records; amounts are summed as written (a repaid loan counts negative, as in the control
program's statistics); months with support are the ticked months. Last year's totals of a unit
that was renumbered or split in a reform are its predecessors' totals, each by its share
(`registry.correspondence`), so Halden 3101 in 2024 is compared with Halden 3001 in 2023.
Which totals a form keeps its program says (`controls.programs`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from kostra.catalog import FormDefinition
from kostra.controls.programs import Measure, find
from kostra.controls.readings import month_count, summed
from kostra.controls.rule import Context
from kostra.registry import ReportingUnit, correspondence

__all__ = ["Measure", "Totals", "combine", "extract_totals", "measures", "predecessors"]

Totals = dict[str, int]


def measures(form: str) -> tuple[Measure, ...]:
    """The totals kept for `form`, as its program declares them (none for a web form)."""
    program = find(form)
    return program.measures if program is not None else ()


def extract_totals(records: pl.DataFrame, ctx: Context) -> Totals:
    """The totals of an extract's records (one column per field, as the control program reads)."""
    form: FormDefinition = ctx.form
    expressions = []
    for measure in measures(form.form):
        if measure.amounts:
            present = [name for name in measure.amounts if form.has(name)]
            expression = summed(present).cast(pl.Int64).sum()
        elif measure.months:
            expression = month_count(ctx).cast(pl.Int64).sum()
        else:
            expression = pl.len().cast(pl.Int64)
        expressions.append(expression.alias(measure.key))
    if not expressions:
        return {}
    if records.height == 0:
        return {measure.key: 0 for measure in measures(form.form)}
    row = records.select(expressions).row(0, named=True)
    return {key: int(value or 0) for key, value in row.items()}


def predecessors(unit: ReportingUnit, year: int) -> list[tuple[ReportingUnit, float]]:
    """Last year's units whose people are now `unit`'s, each with the share that came over."""
    if unit.district is not None:
        return [(unit, 1.0)]
    found = [
        (ReportingUnit(link.old), link.share)
        for link in correspondence(year - 1, year)
        if link.new == unit.municipality
    ]
    return found or [(unit, 1.0)]


def combine(parts: Iterable[tuple[Mapping[str, int], float]]) -> Totals:
    """Totals of several predecessors, each scaled by its share, rounded to whole numbers."""
    combined: dict[str, float] = {}
    for totals, share in parts:
        for key, value in totals.items():
            combined[key] = combined.get(key, 0.0) + value * share
    return {key: round(value) for key, value in combined.items()}
