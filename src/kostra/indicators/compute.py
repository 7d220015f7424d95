"""Basic figures per unit and region, and key figures from them, as the definitions say.

Counts and sums add up: they are made per reporting unit from the microdata (a web form's
answers: one row per unit) and then summed into every region (`region_figures`). Persons do
not add up (one person, several municipalities): they are counted from the microdata for the
national regions directly. Population comes from the registry. Key figures are computed from
each region's own basic figures. All of it is polars over whole frames: one pass per form,
whatever the number of units. A sum with decimals (årsverk) is a float rounded to them, so the
same answers give the same figures however they are added up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from kostra.indicators.definitions import BasicFigure, Definitions, Kind
from kostra.indicators.regions import PERSON_REGIONS, Region
from kostra.production.microdata import PSEUDONYM, UNIT
from kostra.registry import OSLO, district_regions, population_in

ESTIMATED = "_estimated_"  # + form: the unit's figures of that form are estimates


def estimated_column(form: str) -> str:
    """The flag column of `form`'s estimates."""
    return ESTIMATED + form


def _condition(figure: BasicFigure) -> pl.Expr:
    # Without a condition, every record: a column-wise True (a bare literal would count once
    # per group, not once per record).
    if figure.where:
        return pl.sql_expr(figure.where).fill_null(False)
    return pl.col(UNIT).is_not_null()


def dtype(figure: BasicFigure) -> type[pl.DataType]:
    """The type a basic figure is kept as: a whole number, or a float when it has decimals."""
    return pl.Float64 if figure.decimals else pl.Int64


def _aggregation(figure: BasicFigure) -> pl.Expr:
    condition = _condition(figure)
    if figure.kind is Kind.COUNT:
        return condition.cast(pl.Int64).sum().alias(figure.id)
    assert figure.sum is not None  # checked when the definitions were read
    value = pl.sql_expr(figure.sum).cast(dtype(figure)).fill_null(0)
    total = pl.when(condition).then(value).otherwise(0).sum().cast(dtype(figure))
    return (total.round(figure.decimals) if figure.decimals else total).alias(figure.id)


def add(values: Sequence[int | float | None], decimals: int) -> int | float:
    """The sum of a figure's values over units (blank: zero), kept with its decimals."""
    if decimals:
        return round(sum(float(v or 0) for v in values), decimals)
    return sum(int(v or 0) for v in values)


def additive(defs: Definitions) -> tuple[BasicFigure, ...]:
    """The basic figures that add up over units (counts and sums)."""
    return tuple(f for f in defs.basic if f.kind in (Kind.COUNT, Kind.SUM))


def unit_figures(
    micro: Mapping[str, pl.DataFrame], units: Sequence[str], defs: Definitions
) -> pl.DataFrame:
    """Every count and sum per unit (column `unit`, one column per figure; 0 for a unit with no
    records), for `units` in the order given."""
    frame = pl.DataFrame({UNIT: list(units)}, schema={UNIT: pl.String})
    for form in sorted({f.form for f in additive(defs) if f.form is not None}):
        figures = [f for f in additive(defs) if f.form == form]
        records = micro.get(form)
        if records is None or records.height == 0:
            frame = frame.with_columns(pl.lit(0, dtype=dtype(f)).alias(f.id) for f in figures)
            continue
        per_unit = records.group_by(UNIT).agg(_aggregation(f) for f in figures)
        frame = frame.join(per_unit, on=UNIT, how="left").with_columns(
            pl.col(f.id).fill_null(0) for f in figures
        )
    return frame


def persons(
    micro: Mapping[str, pl.DataFrame], regions: Sequence[Region], defs: Definitions
) -> pl.DataFrame:
    """Distinct persons per national region (`PERSON_REGIONS`): columns `region` and one per
    persons figure."""
    national = [r for r in regions if r.code in PERSON_REGIONS]
    frame = pl.DataFrame({"region": [r.code for r in national]}, schema={"region": pl.String})
    for figure in (f for f in defs.basic if f.kind is Kind.PERSONS):
        records = micro.get(figure.form or "")
        counted = []
        for region in national:
            if records is None or records.height == 0:
                counted.append(0)
                continue
            chosen = records.filter(
                pl.col(UNIT).is_in(list(region.units))
                & (pl.col(PSEUDONYM) != "")
                & _condition(figure)
            )
            counted.append(chosen.select(pl.col(PSEUDONYM).n_unique()).item())
        frame = frame.with_columns(pl.Series(figure.id, counted, dtype=pl.Int64))
    return frame


def population_year(year: int, available: Sequence[int]) -> int:
    """The population year for `year`'s figures: 1 January of the next year (31 December of the
    reporting year), or the reporting year's own when the next is not in the registry."""
    return year + 1 if year + 1 in available else year


def own_inhabitants(unit: str, year: int, low: int = 0, high: int = 105) -> int:
    """The inhabitants of a unit that are no other unit's: Oslo as a whole (0301), a unit
    beside its districts, has those registered in no district."""
    if unit != OSLO:
        return population_in(unit, year, low, high)
    in_districts = sum(population_in(d, year, low, high) for d in district_regions())
    return max(0, population_in(OSLO, year, low, high) - in_districts)


def unit_populations(
    units: Sequence[str], year: int, defs: Definitions, registry_years: Sequence[int]
) -> pl.DataFrame:
    """Inhabitants per unit in the age bands of the population figures (they add up like counts,
    so a region's population is the sum over its units: Oslo's is its districts' and those in
    no district)."""
    at = population_year(year, registry_years)
    rows: dict[str, list[object]] = {UNIT: list(units)}
    for figure in (f for f in defs.basic if f.kind is Kind.POPULATION):
        assert figure.ages is not None  # checked when the definitions were read
        low, high = figure.ages
        rows[figure.id] = [own_inhabitants(unit, at, low, high) for unit in units]
    schema = {UNIT: pl.String} | {name: pl.Int64 for name in rows if name != UNIT}
    return pl.DataFrame(rows, schema=schema)


def summed(defs: Definitions) -> tuple[BasicFigure, ...]:
    """The basic figures a region has as the sum over its units (all but persons)."""
    return tuple(f for f in defs.basic if f.kind is not Kind.PERSONS)


def region_figures(
    units: pl.DataFrame, regions: Sequence[Region], defs: Definitions
) -> pl.DataFrame:
    """Counts, sums and population per region: the sum over the region's units (column
    `region`, one per figure, and per form `_estimated_<form>`: some of the region's units are
    estimates)."""
    names = [f.id for f in summed(defs) if f.id in units.columns]
    decimals = {f.id: f.decimals for f in defs.basic}
    flags = [c for c in units.columns if c.startswith(ESTIMATED)]
    # A few hundred units and regions: plain Python is clear, and fast enough.
    by_unit = {row[UNIT]: row for row in units.select(UNIT, *names, *flags).iter_rows(named=True)}
    rows: dict[str, list[object]] = {
        "region": [],
        **{f: [] for f in flags},
        **{n: [] for n in names},
    }
    for region in regions:
        members = [by_unit[u] for u in region.units if u in by_unit]
        rows["region"].append(region.code)
        for flag in flags:
            rows[flag].append(any(bool(m[flag]) for m in members))
        for name in names:
            rows[name].append(add([m[name] for m in members], decimals[name]))
    schema = (
        {"region": pl.String}
        | dict.fromkeys(flags, pl.Boolean)
        | {name: dtype(defs.basic_figure(name)) for name in names}
    )
    return pl.DataFrame(rows, schema=schema)


def key_figures(basic: pl.DataFrame, defs: Definitions) -> pl.DataFrame:
    """Every key figure per region from the region's basic figures (null where a formula divides
    by zero: the figure cannot be given)."""
    expressions = []
    for key in defs.key:
        value = pl.sql_expr(key.formula).cast(pl.Float64)
        expressions.append(pl.when(value.is_finite()).then(value).otherwise(None).alias(key.id))
    return basic.select("region", *expressions)
