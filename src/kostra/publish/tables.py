"""The release's tables: key figures and basic figures for every region and year held, with
SSB's symbols where a figure cannot be shown.

Each table is region × statistical variable × year (`region`, `statistikkvariabel`, `tid`), on
the release year's borders. A cell is `..` where the figures have not come in, `:` where they
are suppressed, `.` where the figure cannot be given (a share of nobody), and keeps its value
with `e` where it includes estimates for units that have not delivered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kostra.indicators.definitions import BasicFigure, Definitions, KeyFigure
from kostra.indicators.figures import YearFigures
from kostra.indicators.regions import Region
from kostra.publish.dataset import Category, Dataset, Dimension, Role, Symbol, Unit, Value
from kostra.publish.jsonstat import rounded
from kostra.publish.protection import Protected

KEY_TABLE = "nokkeltall"
BASIC_TABLE = "grunnlagstall"
_DECIMALS = {"antall": 0, "kr": 0, "personer": 0, "måneder": 0}


@dataclass(frozen=True)
class Year:
    """One year of a release: its figures on the release's borders, and what is suppressed."""

    figures: YearFigures
    protected: Protected


def _rounded(value: float, decimals: int) -> Value:
    """`value` rounded as SSB rounds (the writers' `rounded`), as an int when no decimals."""
    figure = rounded(value, decimals)
    return int(figure) if decimals == 0 else float(figure)


def _region_dimension(regions: Sequence[Region]) -> Dimension:
    categories = tuple(Category(r.code, r.name) for r in regions)
    return Dimension("region", "region", categories, Role.GEO)


def _time_dimension(years: Sequence[Year]) -> Dimension:
    categories = tuple(Category(str(y.figures.year), str(y.figures.year)) for y in years)
    return Dimension("tid", "år", categories, Role.TIME)


def _cell(
    value: object,
    decimals: int,
    *,
    missing: bool,
    suppressed: bool,
    estimated: bool,
) -> tuple[Value, Symbol | None]:
    if missing:
        return None, Symbol.MISSING
    if suppressed:
        return None, Symbol.SUPPRESSED
    if value is None:
        return None, Symbol.NOT_POSSIBLE
    number = _rounded(float(value), decimals) if isinstance(value, int | float) else None
    if number is None:
        return None, Symbol.NOT_POSSIBLE
    return number, Symbol.ESTIMATED if estimated else None


def _table(
    table_id: str,
    label: str,
    regions: Sequence[Region],
    variables: Sequence[BasicFigure | KeyFigure],
    years: Sequence[Year],
    defs: Definitions,
    updated: str,
) -> Dataset:
    units = {
        v.id: Unit(v.unit, v.decimals if isinstance(v, KeyFigure) else _DECIMALS.get(v.unit, 0))
        for v in variables
    }
    variable = Dimension(
        "statistikkvariabel",
        "statistikkvariabel",
        tuple(Category(v.id, v.name, units[v.id]) for v in variables),
        Role.METRIC,
    )
    lookups = []
    for year in years:
        source = year.figures.key if table_id == KEY_TABLE else year.figures.basic
        lookups.append({row["region"]: row for row in source.iter_rows(named=True)})
    values: list[Value] = []
    status: dict[int, Symbol] = {}
    for region in regions:
        for item in variables:
            forms = _forms(item, defs)
            for year, rows in zip(years, lookups, strict=True):
                figures, protected = year.figures, year.protected
                suppressed = protected.key if isinstance(item, KeyFigure) else protected.basic
                row = rows.get(region.code)
                value, symbol = _cell(
                    row.get(item.id) if row is not None else None,
                    units[item.id].decimals,
                    missing=row is None or figures.is_missing(region.code, forms),
                    suppressed=region.code in suppressed.get(item.id, frozenset()),
                    estimated=bool(forms) and figures.is_estimated(region.code, forms),
                )
                if symbol is not None:
                    status[len(values)] = symbol
                values.append(value)
    return Dataset(
        id=table_id,
        label=label,
        dimensions=(_region_dimension(regions), variable, _time_dimension(years)),
        values=tuple(values),
        status=status,
        updated=updated,
        notes=(
            "Økonomisk sosialhjelp (skjema 11F) og kvalifiseringsprogrammet (skjema 11CF). "
            "Et sosialhjelpstilfelle er en person som har fått hjelp i en kommune; en person "
            "som har fått hjelp i to kommuner, telles i begge.",
            "Befolkningen er per 31. desember i rapporteringsåret.",
        ),
    )


def _forms(item: BasicFigure | KeyFigure, defs: Definitions) -> set[str]:
    if isinstance(item, BasicFigure):
        return {item.form} if item.form else set()
    return {f for name in item.reads if (f := defs.basic_figure(name).form) is not None}


def tables(years: Sequence[Year], defs: Definitions, updated: str) -> list[Dataset]:
    """The key-figure and basic-figure tables of a release (years oldest first)."""
    regions = years[-1].figures.regions
    basic = [f for f in defs.basic if f.publish]
    return [
        _table(KEY_TABLE, "Sosialtjenesten: nøkkeltall", regions, defs.key, years, defs, updated),
        _table(BASIC_TABLE, "Sosialtjenesten: grunnlagstall", regions, basic, years, defs, updated),
    ]
