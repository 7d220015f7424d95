"""A reporting year's figures: basic and key figures for every region, with what is missing and
what is estimated, from a statistics year (and last year's unit figures, for the estimates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from kostra.indicators.compute import (
    estimated_column,
    key_figures,
    persons,
    populations,
    region_figures,
    unit_figures,
)
from kostra.indicators.definitions import Definitions, KeyFigure, Kind
from kostra.indicators.regions import Level, Region, regions
from kostra.production.estimates import estimate
from kostra.production.microdata import UNIT
from kostra.production.year import StatisticsYear
from kostra.registry import YEARS, population_in
from kostra.registry import reporting_units as units_of


@dataclass(frozen=True)
class YearFigures:
    """Every region's figures of one reporting year."""

    year: int
    regions: tuple[Region, ...]
    basic: pl.DataFrame  # region, one column per basic figure, `_estimated_<form>` flags
    key: pl.DataFrame  # region, one column per key figure
    units: pl.DataFrame  # unit figures with estimates (the next year estimates from these)
    missing: dict[str, frozenset[str]]  # form → regions whose own figures have not come in

    def forms_of(self, key: KeyFigure, defs: Definitions) -> set[str]:
        """The forms a key figure's basic figures come from."""
        return {f for name in key.reads if (f := defs.basic_figure(name).form) is not None}

    def is_missing(self, region: str, forms: set[str]) -> bool:
        """Whether a region's figure from `forms` has not come in."""
        return any(region in self.missing.get(form, frozenset()) for form in forms)

    def is_estimated(self, region: str, forms: set[str]) -> bool:
        """Whether a region's figure from `forms` includes estimates."""
        row = self.basic.filter(pl.col("region") == region)
        return any(
            bool(row[estimated_column(form)].item())
            for form in forms
            if estimated_column(form) in row.columns
        )


def _missing_regions(all_regions: Sequence[Region], absent: set[str]) -> frozenset[str]:
    """Regions at municipality or district level none of whose units has delivered."""
    return frozenset(
        r.code
        for r in all_regions
        if r.level in (Level.MUNICIPALITY, Level.DISTRICT)
        and r.units
        and all(u in absent for u in r.units)
    )


def _with_estimated_persons(
    counted: pl.DataFrame, basic: pl.DataFrame, observed: pl.DataFrame, defs: Definitions
) -> pl.DataFrame:
    """Persons counted, scaled up where the region includes estimated units: by the ratio of its
    cases with the estimates to its cases without them (the form's count with no condition)."""
    columns = []
    for figure in (f for f in defs.basic if f.kind is Kind.PERSONS):
        count = next(
            (f.id for f in defs.basic if f.kind is Kind.COUNT and f.form == figure.form
             and f.where is None),
            None,
        )  # fmt: skip
        if count is None:
            continue
        ratio = (
            basic.select("region", pl.col(count).alias("_all"))
            .join(observed.select("region", pl.col(count).alias("_seen")), on="region")
            .select("region", (pl.col("_all") / pl.col("_seen")).fill_nan(1.0).alias("_ratio"))
        )
        counted = counted.join(ratio, on="region", how="left")
        columns.append(
            (pl.col(figure.id) * pl.col("_ratio").fill_null(1.0)).round(0).cast(pl.Int64)
            .alias(figure.id)
        )  # fmt: skip
        counted = counted.with_columns(columns[-1]).drop("_ratio")
    return counted


def year_figures(
    year: StatisticsYear, last_units: pl.DataFrame | None, defs: Definitions
) -> YearFigures:
    """The figures of `year`; `last_units` are last year's unit figures (for the estimates)."""
    codes = [unit.code for unit in units_of(year.year)]
    this = unit_figures(year.microdata, codes, defs)
    forms = sorted({f.form for f in defs.basic if f.form is not None})
    absent = {form: year.missing(form) & set(codes) for form in forms}
    inhabitants = {code: population_in(code, year.year, 18, 66) for code in codes}
    units = estimate(this, last_units, absent, inhabitants, year.year, defs)
    for form in forms:
        if estimated_column(form) not in units.columns:
            units = units.with_columns(pl.lit(False).alias(estimated_column(form)))
    all_regions = regions(year.year)
    basic = region_figures(units, all_regions, defs)
    counted = _with_estimated_persons(
        persons(year.microdata, all_regions, defs), basic, region_figures(this, all_regions, defs),
        defs,
    )  # fmt: skip
    basic = basic.join(counted, on="region", how="left")
    basic = basic.join(populations(all_regions, year.year, defs, YEARS), on="region", how="left")
    return YearFigures(
        year=year.year,
        regions=all_regions,
        basic=basic,
        key=key_figures(basic, defs),
        units=units.drop([c for c in units.columns if c.startswith("_")]).sort(UNIT),
        missing={form: _missing_regions(all_regions, absent[form]) for form in forms},
    )
