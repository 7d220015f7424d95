"""The release's tables: key figures and basic figures for every region and year held, with
SSB's symbols where a figure cannot be shown.

Each table is region × statistical variable × year (`region`, `statistikkvariabel`, `tid`), on
the release year's borders. A cell is `.` where the figure cannot be given (a share of nobody,
or a region none of whose units delivers the form: an Oslo district in skjema 7B and 12), `..`
where the figures have not come in, `:` where they are suppressed, and keeps its value with `e`
where it includes estimates for units that have not delivered.

The tables (`TABLES`): the extracts' key figures (`nokkeltall`) and basic figures
(`grunnlagstall`, with population), and one table per web form with its key figures first and
then its basic figures: `bemanning` (skjema 7), `krisesenter` (7B), `stonadssatser` (12).
Every table has every region, so a page can show a region's figures from any of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kostra.controls.programs import extract_forms
from kostra.indicators.definitions import BasicFigure, Definitions, KeyFigure
from kostra.indicators.figures import YearFigures
from kostra.indicators.regions import Region
from kostra.publish.dataset import Category, Dataset, Dimension, Role, Symbol, Unit, Value
from kostra.publish.jsonstat import rounded
from kostra.publish.protection import Protected

KEY_TABLE = "nokkeltall"
BASIC_TABLE = "grunnlagstall"


@dataclass(frozen=True)
class Table:
    """One table of the release: which forms' figures it has, and whether key or basic ones."""

    id: str
    label: str
    matrix: str  # the PX file's MATRIX
    forms: frozenset[str]
    key: bool  # its key figures
    basic: bool  # its published basic figures
    notes: tuple[str, ...]
    population: bool = False  # the population figures too


_POPULATION_NOTE = "Befolkningen er per 31. desember i rapporteringsåret."
_EXTRACTS_NOTE = (
    "Økonomisk sosialhjelp (skjema 11F) og kvalifiseringsprogrammet (skjema 11CF). "
    "Et sosialhjelpstilfelle er en person som har fått hjelp i en kommune; en person "
    "som har fått hjelp i to kommuner, telles i begge."
)
_RESPONDENTS_NOTE = (
    "Sum av årsverk, kostnader og plasser for regioner omfatter anslag for kommuner som ikke har "
    "levert (e). Andeler av kommuner og gjennomsnitt av satser er regnet bare over kommunene "
    "som har svart, uten vekt etter innbyggere."
)
TABLES = (
    Table(KEY_TABLE, "Sosialtjenesten: nøkkeltall", "SOSKOSTRA2", frozenset(extract_forms()),
          key=True, basic=False, notes=(_EXTRACTS_NOTE, _POPULATION_NOTE)),
    Table(BASIC_TABLE, "Sosialtjenesten: grunnlagstall", "SOSKOSTRA3",
          frozenset(extract_forms()), key=False, basic=True,
          notes=(_EXTRACTS_NOTE, _POPULATION_NOTE), population=True),
    Table("bemanning", "Sosiale tjenester i NAV og rusmiddeltiltak: årsverk og virksomhet",
          "SOSKOSTRA7", frozenset({"7"}), key=True, basic=True,
          notes=("Skjema 7. Oslo leverer per bydel, og Oslo samlet for det bydelene ikke kan "
                 "rapportere; tallene for Oslo omfatter begge. Årsverk per 31.12.",
                 _RESPONDENTS_NOTE, _POPULATION_NOTE)),
    Table("krisesenter", "Kommunenes krisesentertilbud og arbeid mot vold i nære relasjoner",
          "SOSKOSTRA7B", frozenset({"7B"}), key=True, basic=True,
          notes=("Skjema 7B. Oslo svarer samlet, ikke per bydel. Plasser per 31.12.",
                 _RESPONDENTS_NOTE, _POPULATION_NOTE)),
    Table("stonadssatser", "Stønadssatser til livsopphold i økonomisk sosialhjelp",
          "SOSKOSTRA12", frozenset({"12"}), key=True, basic=True,
          notes=("Skjema 12. Kommunenes veiledende satser per måned per 31.12, og hva satsen for "
                 "en enslig dekker. Oslo svarer samlet, ikke per bydel.", _RESPONDENTS_NOTE)),
)  # fmt: skip
MATRICES = {table.id: table.matrix for table in TABLES}


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
    not_applicable: bool,
    missing: bool,
    suppressed: bool,
    estimated: bool,
) -> tuple[Value, Symbol | None]:
    if not_applicable:
        return None, Symbol.NOT_POSSIBLE
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


Rows = dict[str, dict[str, Any]]  # region → its figures


def _table(
    table: Table,
    regions: Sequence[Region],
    variables: Sequence[BasicFigure | KeyFigure],
    years: Sequence[Year],
    lookups: Sequence[tuple[Rows, Rows]],  # per year: its key figures and basic figures
    defs: Definitions,
    updated: str,
) -> Dataset:
    units = {v.id: Unit(v.unit, v.decimals) for v in variables}
    variable = Dimension(
        "statistikkvariabel",
        "statistikkvariabel",
        tuple(Category(v.id, v.name, units[v.id]) for v in variables),
        Role.METRIC,
    )
    values: list[Value] = []
    status: dict[int, Symbol] = {}
    forms = {v.id: defs.forms_of(v) for v in variables}
    estimates = {v.id: defs.estimated_forms(v) for v in variables}
    for region in regions:
        for item in variables:
            for year, (key, basic) in zip(years, lookups, strict=True):
                figures, protected = year.figures, year.protected
                is_key = isinstance(item, KeyFigure)
                suppressed = protected.key if is_key else protected.basic
                row = (key if is_key else basic).get(region.code)
                value, symbol = _cell(
                    row.get(item.id) if row is not None else None,
                    units[item.id].decimals,
                    not_applicable=figures.is_not_applicable(region.code, forms[item.id]),
                    missing=row is None or figures.is_missing(region.code, forms[item.id]),
                    suppressed=region.code in suppressed.get(item.id, frozenset()),
                    estimated=figures.is_estimated(region.code, estimates[item.id]),
                )
                if symbol is not None:
                    status[len(values)] = symbol
                values.append(value)
    return Dataset(
        id=table.id,
        label=table.label,
        dimensions=(_region_dimension(regions), variable, _time_dimension(years)),
        values=tuple(values),
        status=status,
        updated=updated,
        notes=table.notes,
    )


def variables(table: Table, defs: Definitions) -> list[BasicFigure | KeyFigure]:
    """The figures of a table, in the order of the definitions: key figures, then basic ones."""
    found: list[BasicFigure | KeyFigure] = []
    if table.key:
        found += [k for k in defs.key if defs.forms_of(k) and defs.forms_of(k) <= table.forms]
    if table.basic:
        found += [
            f
            for f in defs.basic
            if f.publish and (f.form in table.forms or (f.form is None and table.population))
        ]
    return found


def tables(years: Sequence[Year], defs: Definitions, updated: str) -> list[Dataset]:
    """The tables of a release (years oldest first)."""
    regions = years[-1].figures.regions
    lookups = [
        ({row["region"]: row for row in year.figures.key.iter_rows(named=True)},
         {row["region"]: row for row in year.figures.basic.iter_rows(named=True)})
        for year in years
    ]  # fmt: skip
    return [_table(t, regions, variables(t, defs), years, lookups, defs, updated) for t in TABLES]
