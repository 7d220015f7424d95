"""A reporting year's figures: basic and key figures for every region, with what is missing, what
is estimated and what cannot be given, from a statistics year (and last year's unit figures,
for the estimates).

Each form has its own units (`production.year.units_of`): a region none of whose units
delivers a form has no figure from it (`.`: an Oslo district in skjema 7B and 12); a
municipality or district none of whose units of the form has delivered it is missing (`..`);
and a form that no unit has delivered or declared nothing to report for is missing everywhere
(there is nothing to estimate from).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from kostra.indicators.compute import (
    ESTIMATED,
    estimated_column,
    key_figures,
    own_inhabitants,
    persons,
    region_figures,
    unit_figures,
    unit_populations,
)
from kostra.indicators.definitions import Definitions, Kind
from kostra.indicators.regions import Level, Region, regions
from kostra.indicators.regions import units as all_units
from kostra.production.estimates import estimate
from kostra.production.microdata import UNIT
from kostra.production.year import StatisticsYear
from kostra.production.year import units_of as form_units
from kostra.registry import OSLO, YEARS, correspondence, population_in


@dataclass(frozen=True)
class Coverage:
    """Which units deliver each form, which have not, and the forms nobody has delivered."""

    own: dict[str, frozenset[str]]  # form → its units
    absent: dict[str, frozenset[str]]  # form → its units that have not delivered
    silent: frozenset[str] = frozenset()  # forms no unit has delivered or declared

    def missing(self, all_regions: Sequence[Region]) -> dict[str, frozenset[str]]:
        """Form → regions whose figures have not come in: a municipality or district none of
        whose units of the form has delivered; every region with such units when the form is
        silent."""
        found: dict[str, frozenset[str]] = {}
        for form, own in self.own.items():
            chosen = set()
            for region in all_regions:
                members = [u for u in region.units if u in own]
                local = region.level in (Level.MUNICIPALITY, Level.DISTRICT)
                if members and (
                    form in self.silent or (local and all(u in self.absent[form] for u in members))
                ):
                    chosen.add(region.code)
            found[form] = frozenset(chosen)
        return found

    def not_applicable(self, all_regions: Sequence[Region]) -> dict[str, frozenset[str]]:
        """Form → regions none of whose units delivers the form."""
        return {
            form: frozenset(r.code for r in all_regions if not any(u in own for u in r.units))
            for form, own in self.own.items()
        }


@dataclass(frozen=True)
class YearFigures:
    """Every region's figures of one reporting year."""

    year: int
    regions: tuple[Region, ...]
    basic: pl.DataFrame  # region, one column per basic figure, `_estimated_<form>` flags
    key: pl.DataFrame  # region, one column per key figure
    units: pl.DataFrame  # unit figures with estimates and their flags, and population
    coverage: Coverage
    missing: dict[str, frozenset[str]]  # form → regions whose own figures have not come in
    estimated: dict[str, frozenset[str]]  # form → regions whose figures include estimates
    not_applicable: dict[str, frozenset[str]]  # form → regions with no unit delivering it

    def is_missing(self, region: str, forms: Collection[str]) -> bool:
        """Whether a region's figure from `forms` has not come in."""
        return any(region in self.missing.get(form, frozenset()) for form in forms)

    def is_estimated(self, region: str, forms: Collection[str]) -> bool:
        """Whether a region's figure from `forms` includes estimates."""
        return any(region in self.estimated.get(form, frozenset()) for form in forms)

    def is_not_applicable(self, region: str, forms: Collection[str]) -> bool:
        """Whether no unit of a region delivers any of `forms` (its figure cannot be given)."""
        return bool(forms) and all(
            region in self.not_applicable.get(form, frozenset()) for form in forms
        )


def _made(
    year: int,
    all_regions: tuple[Region, ...],
    basic: pl.DataFrame,
    units: pl.DataFrame,
    coverage: Coverage,
    defs: Definitions,
) -> YearFigures:
    return YearFigures(
        year=year,
        regions=all_regions,
        basic=basic,
        key=key_figures(basic, defs),
        units=units,
        coverage=coverage,
        missing=coverage.missing(all_regions),
        estimated=_estimated_regions(basic),
        not_applicable=coverage.not_applicable(all_regions),
    )


def _estimated_regions(basic: pl.DataFrame) -> dict[str, frozenset[str]]:
    """Form → the regions flagged as including estimates."""
    flags = [c for c in basic.columns if c.startswith(ESTIMATED)]
    return {
        flag.removeprefix(ESTIMATED): frozenset(basic.filter(pl.col(flag))["region"].to_list())
        for flag in flags
    }


def coverage(year: StatisticsYear, forms: Sequence[str]) -> Coverage:
    """Which units deliver each form in `year`, and which of them have not."""
    own = {form: frozenset(u.code for u in form_units(form, year.year)) for form in forms}
    silent = frozenset(form for form in forms if not year.responded(form))
    absent = {
        form: own[form] if form in silent else frozenset(year.missing(form) & own[form])
        for form in forms
    }
    return Coverage(own, absent, silent)


def inhabitants(own: Collection[str], year: int) -> dict[str, int]:
    """The inhabitants 18–66 each unit of a form reports for (a missing unit with no figure last
    year is estimated from them): Oslo as a whole reports for all of Oslo when its districts do
    not report the form, and else for those registered in no district."""
    whole = OSLO in own and not any(len(u) == 6 for u in own)
    return {
        u: population_in(u, year, 18, 66) if whole else own_inhabitants(u, year, 18, 66)
        for u in own
    }


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
    codes = list(all_units(year.year))
    this = unit_figures(year.microdata, codes, defs)
    forms = sorted({f.form for f in defs.basic if f.form is not None})
    covered = coverage(year, forms)
    people = {form: inhabitants(covered.own[form], year.year) for form in forms}
    units = estimate(this, last_units, covered.absent, people, year.year, defs, covered.own)
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
    return _made(year.year, all_regions, basic, units.sort(UNIT), covered, defs)


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
    # A district is itself; Oslo as a whole is in the correspondence like any municipality.
    sources = {
        code: [(code, 1.0)] if len(code) == 6 else links.get(code, [])
        for code in all_units(to_year)
    }
    old = {row[UNIT]: row for row in figures.units.iter_rows(named=True)}
    numbers = [c for c in figures.units.columns if c != UNIT and not c.startswith("_")]
    decimals = {name: defs.decimals(name) for name in numbers}
    flags = [c for c in figures.units.columns if c.startswith("_")]
    rows = []
    for code, found in sources.items():
        parts = [(old[was], share) for was, share in found if was in old]
        row: dict[str, object] = {UNIT: code}
        for name in numbers:
            value = sum(float(p[name] or 0) * share for p, share in parts)
            row[name] = round(value, decimals[name]) if decimals[name] else round(value)
        for flag in flags:
            row[flag] = any(bool(p[flag]) for p, _ in parts)
        rows.append(row)
    schema = (
        {UNIT: pl.String}
        | {name: pl.Float64 if decimals[name] else pl.Int64 for name in numbers}
        | dict.fromkeys(flags, pl.Boolean)
    )
    units = pl.DataFrame(rows, schema=schema)
    new_regions = regions(to_year)
    basic = region_figures(units, new_regions, defs)
    national = figures.basic.select("region", *[f.id for f in defs.basic if f.kind is Kind.PERSONS])
    basic = basic.join(national, on="region", how="left")
    return _made(figures.year, new_regions, basic, units,
                 _moved(figures.coverage, sources), defs)  # fmt: skip


def _moved(covered: Coverage, sources: Mapping[str, list[tuple[str, float]]]) -> Coverage:
    """`covered` on new borders: a unit delivers a form if any of its sources did, and has not
    delivered it if none of its sources has."""
    own = {
        form: frozenset(
            code for code, found in sources.items() if any(w in units for w, _ in found)
        )
        for form, units in covered.own.items()
    }
    absent = {
        form: frozenset(
            code for code, found in sources.items()
            if found and all(w in gone for w, _ in found)
        ) & own[form]
        for form, gone in covered.absent.items()
    }  # fmt: skip
    return Coverage(own, absent, covered.silent)
