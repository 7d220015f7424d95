"""A reporting year's figures: basic and key figures for every region, with what is missing and
what is estimated, from a statistics year (and last year's unit figures, for the estimates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from kostra.indicators.compute import (
    ESTIMATED,
    estimated_column,
    key_figures,
    persons,
    region_figures,
    unit_figures,
    unit_populations,
)
from kostra.indicators.definitions import Definitions, KeyFigure, Kind
from kostra.indicators.regions import Level, Region, regions
from kostra.production.estimates import estimate
from kostra.production.microdata import UNIT
from kostra.production.year import StatisticsYear
from kostra.registry import YEARS, correspondence, population_in
from kostra.registry import reporting_units as units_of


@dataclass(frozen=True)
class YearFigures:
    """Every region's figures of one reporting year."""

    year: int
    regions: tuple[Region, ...]
    basic: pl.DataFrame  # region, one column per basic figure, `_estimated_<form>` flags
    key: pl.DataFrame  # region, one column per key figure
    units: pl.DataFrame  # unit figures with estimates and their flags, and population
    missing: dict[str, frozenset[str]]  # form → regions whose own figures have not come in
    estimated: dict[str, frozenset[str]]  # form → regions whose figures include estimates

    def forms_of(self, key: KeyFigure, defs: Definitions) -> set[str]:
        """The forms a key figure's basic figures come from."""
        return {f for name in key.reads if (f := defs.basic_figure(name).form) is not None}

    def is_missing(self, region: str, forms: set[str]) -> bool:
        """Whether a region's figure from `forms` has not come in."""
        return any(region in self.missing.get(form, frozenset()) for form in forms)

    def is_estimated(self, region: str, forms: set[str]) -> bool:
        """Whether a region's figure from `forms` includes estimates."""
        return any(region in self.estimated.get(form, frozenset()) for form in forms)


def _estimated_regions(basic: pl.DataFrame) -> dict[str, frozenset[str]]:
    """Form → the regions flagged as including estimates."""
    flags = [c for c in basic.columns if c.startswith(ESTIMATED)]
    return {
        flag.removeprefix(ESTIMATED): frozenset(basic.filter(pl.col(flag))["region"].to_list())
        for flag in flags
    }


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
    cases with the estimates to its cases without them (the form's count with no condition);
    where no case was observed at all, the estimated cases stand for persons."""
    for figure in (f for f in defs.basic if f.kind is Kind.PERSONS):
        count = next(
            (f.id for f in defs.basic if f.kind is Kind.COUNT and f.form == figure.form
             and f.where is None),
            None,
        )  # fmt: skip
        if count is None:
            continue
        cases = basic.select("region", pl.col(count).alias("_all")).join(
            observed.select("region", pl.col(count).alias("_seen")), on="region"
        )
        scaled = (
            pl.when(pl.col("_seen") > 0)
            .then(pl.col(figure.id) * pl.col("_all") / pl.col("_seen"))
            .otherwise(pl.col("_all"))
        )
        counted = (
            counted.join(cases, on="region", how="left")
            .with_columns(scaled.round(0).cast(pl.Int64).alias(figure.id))
            .drop("_all", "_seen")
        )
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
    units = units.join(unit_populations(codes, year.year, defs, YEARS), on=UNIT, how="left")
    all_regions = regions(year.year)
    basic = region_figures(units, all_regions, defs)
    counted = _with_estimated_persons(
        persons(year.microdata, all_regions, defs), basic, region_figures(this, all_regions, defs),
        defs,
    )  # fmt: skip
    basic = basic.join(counted, on="region", how="left")
    return YearFigures(
        year=year.year,
        regions=all_regions,
        basic=basic,
        key=key_figures(basic, defs),
        units=units.sort(UNIT),
        missing={form: _missing_regions(all_regions, absent[form]) for form in forms},
        estimated=_estimated_regions(basic),
    )


def on_borders(figures: YearFigures, to_year: int, defs: Definitions) -> YearFigures:
    """`figures` of an earlier year on `to_year`'s borders, for time series: a renumbered
    municipality's figures under its new number, a split one's shared out by population share
    (SSB's correspondence), each region summed anew from the units. Persons are national and
    stay as they are."""
    if to_year == figures.year:
        return figures
    links: dict[str, list[tuple[str, float]]] = {}
    for link in correspondence(figures.year, to_year):
        links.setdefault(link.new, []).append((link.old, link.share))
    old = {row[UNIT]: row for row in figures.units.iter_rows(named=True)}
    numbers = [c for c in figures.units.columns if c != UNIT and not c.startswith("_")]
    flags = [c for c in figures.units.columns if c.startswith("_")]
    rows = []
    for unit in units_of(to_year):
        sources = [(unit.code, 1.0)] if unit.district is not None else links.get(unit.code, [])
        parts = [(old[code], share) for code, share in sources if code in old]
        row: dict[str, object] = {UNIT: unit.code}
        for name in numbers:
            row[name] = round(sum(float(p[name] or 0) * share for p, share in parts))
        for flag in flags:
            row[flag] = any(bool(p[flag]) for p, _ in parts)
        rows.append(row)
    schema = {UNIT: pl.String} | dict.fromkeys(numbers, pl.Int64) | dict.fromkeys(flags, pl.Boolean)
    units = pl.DataFrame(rows, schema=schema)
    new_regions = regions(to_year)
    basic = region_figures(units, new_regions, defs)
    national = figures.basic.select("region", *[f.id for f in defs.basic if f.kind is Kind.PERSONS])
    basic = basic.join(national, on="region", how="left")

    def sources_of(code: str, district: str | None) -> list[str]:
        return [code] if district is not None else [old for old, _ in links.get(code, [])]

    missing_units = {
        form: {
            u.code
            for u in units_of(to_year)
            if (found := sources_of(u.code, u.district)) and all(code in gone for code in found)
        }
        for form, gone in figures.missing.items()
    }
    return YearFigures(
        year=figures.year,
        regions=new_regions,
        basic=basic,
        key=key_figures(basic, defs),
        units=units,
        missing={
            form: _missing_regions(new_regions, absent) for form, absent in missing_units.items()
        },
        estimated=_estimated_regions(basic),
    )
