"""What the public statistics pages show: a release's tables for a region against the regions it
is compared with (its county, its KOSTRA group, the country), with charts, and the fact sheet.

Everything is read from the release's own JSON-stat files, so a page shows exactly what was
published; parsed tables are kept in memory per release (a release never changes).
"""

from __future__ import annotations

from dataclasses import dataclass

from kostra.indicators.regions import Level, level_of
from kostra.publish import charts
from kostra.publish.dataset import Category, Dataset, Symbol, Value
from kostra.publish.jsonstat import from_jsonstat
from kostra.publish.release import Stage
from kostra.publish.tables import BASIC_TABLE, KEY_TABLE
from kostra.registry import OSLO, UnknownRegion, county_of, kostra_group
from kostra.store import releases
from kostra.store.models import Release
from kostra.web.errors import NotFound
from kostra.web.portal import Portal

# The key figures of the fact sheet, in the order it shows them.
FACT_SHEET = (
    "share_18_66",
    "share_18_24",
    "cases",
    "paid_per_case",
    "duration",
    "long_term_share",
    "main_income_assistance_share",
    "main_income_work_share",
    "with_children_share",
    "housing_none_share",
    "kvp_per_1000",
    "kvp_completed_share",
)
CHARTED = ("share_18_66", "duration", "kvp_per_1000")


@dataclass(frozen=True)
class Shown:
    """One published cell as a page shows it."""

    value: Value
    status: Symbol | None


@dataclass(frozen=True)
class Row:
    """One variable: its label, unit and decimals, and a cell per region and year."""

    code: str
    label: str
    unit: str
    decimals: int
    cells: dict[tuple[str, str], Shown]  # (region, year) → cell

    def text(self, region: str, year: str) -> str:
        """A cell's text with the variable's decimals."""
        cell = self.cells.get((region, year))
        if cell is None:
            return ""
        if cell.value is None:
            return cell.status.value if cell.status else ".."
        figure = charts.format_number(float(cell.value), self.decimals)
        return f"{figure}\u00a0e" if cell.status is Symbol.ESTIMATED else figure


@dataclass(frozen=True)
class RegionView:
    """A region's page: itself and the regions it is compared with, over the years."""

    release: Release
    stage: Stage
    region: Category
    compared: tuple[Category, ...]  # the region first, then county, group, country
    years: tuple[str, ...]
    rows: tuple[Row, ...]
    basic_rows: tuple[Row, ...]
    charts: tuple[str, ...]
    files: tuple[str, ...]
    symbols: tuple[Symbol, ...]
    published_years: tuple[int, ...]  # the years with a release, newest first


_TABLES: dict[tuple[str, int, str], Dataset] = {}  # (database, release, table) → its table


def dataset(portal: Portal, release_id: int, name: str) -> Dataset:
    """A table of a release (read once: a release never changes)."""
    key = (portal.db.url, release_id, name)
    if key not in _TABLES:
        with portal.db.read() as session:
            found = releases.release_file(session, release_id, f"{name}.json")
            if found is None:
                raise NotFound("Tabellen finnes ikke i denne publiseringen.")
            if len(_TABLES) > 64:
                _TABLES.clear()
            _TABLES[key] = from_jsonstat(found.data)
    return _TABLES[key]


def chosen_release(portal: Portal, year: int | None) -> Release:
    """The release a page shows: the newest (final before preliminary) of `year`, or of all."""
    with portal.db.read() as session:
        found = releases.latest(session, year)
    if found is None:
        raise NotFound(
            "Ingen tall er publisert ennå."
            if year is None
            else f"Ingen tall er publisert for {year}."
        )
    return found


def comparisons(code: str, year: int) -> tuple[str, ...]:
    """The regions a region is shown against: county, KOSTRA group and country for a
    municipality; Oslo, all districts and the country for an Oslo district."""
    level = level_of(code)
    if level is Level.DISTRICT and code != "EAB":
        return (code, OSLO, "EAB", "EAK")
    if level is Level.MUNICIPALITY:
        try:
            return (code, f"EKA{county_of(code, year)}", kostra_group(code, year), "EAK")
        except UnknownRegion:
            return (code, "EAK")
    return (code, "EAK") if code != "EAK" else ("EAK", "EAKUO")


def _rows(
    table: Dataset, regions: tuple[str, ...], wanted: tuple[str, ...] | None
) -> tuple[Row, ...]:
    variables = table.dimensions[1].categories
    years = [c.code for c in table.dimensions[2].categories]
    chosen = [v for v in variables if wanted is None or v.code in wanted]
    if wanted is not None:
        chosen.sort(key=lambda v: wanted.index(v.code))
    made = []
    for variable in chosen:
        cells = {}
        for region in regions:
            for year in years:
                index = table.flat_index((region, variable.code, year))
                cells[(region, year)] = Shown(table.values[index], table.status.get(index))
        unit = variable.unit
        made.append(Row(variable.code, variable.label, unit.base if unit else "",
                        unit.decimals if unit else 0, cells))  # fmt: skip
    return tuple(made)


def region_view(
    portal: Portal, code: str, year: int | None, *, fact_sheet: bool = False
) -> RegionView:
    """The page (or fact sheet) of region `code` in the release chosen for `year`."""
    release = chosen_release(portal, year)
    key = dataset(portal, release.id, KEY_TABLE)
    basic = dataset(portal, release.id, BASIC_TABLE)
    known = {c.code: c for c in key.dimensions[0].categories}
    if code not in known:
        raise NotFound(f"Regionen «{code}» finnes ikke i tallene for {release.year}.")
    compared = tuple(known[c] for c in comparisons(code, release.year) if c in known)
    codes = tuple(c.code for c in compared)
    rows = _rows(key, codes, FACT_SHEET if fact_sheet else None)
    years = tuple(c.code for c in key.dimensions[2].categories)
    drawn = []
    for row in rows:
        if row.code not in CHARTED:
            continue
        series = [
            charts.Series(region.label, [
                (y, _number(row.cells[(region.code, y)]), _status(row.cells[(region.code, y)]))
                for y in years
            ])
            for region in compared
        ]  # fmt: skip
        drawn.append(charts.line_chart(row.label, series, unit=row.unit, decimals=row.decimals,
                                       ident=f"chart-{row.code}"))  # fmt: skip
    with portal.db.read() as session:
        files = tuple(releases.file_names(session, release.id))
        published = tuple(sorted({r.year for r in releases.releases(session)}, reverse=True))
    symbols = tuple(
        s for s in Symbol if any(cell.status is s for r in rows for cell in r.cells.values())
    )
    return RegionView(
        release=release,
        stage=Stage(release.stage),
        region=known[code],
        compared=compared,
        years=years,
        rows=rows,
        basic_rows=() if fact_sheet else _rows(basic, codes, None),
        charts=tuple(drawn),
        files=files,
        symbols=symbols,
        published_years=published,
    )


def _number(cell: Shown) -> float | None:
    return float(cell.value) if cell.value is not None else None


def _status(cell: Shown) -> str | None:
    return cell.status.value if cell.status else None


def region_choices(
    portal: Portal, release: Release
) -> tuple[tuple[str, tuple[Category, ...]], ...]:
    """The regions of a release grouped by level, for the region picker."""
    key = dataset(portal, release.id, KEY_TABLE)
    groups: dict[Level, list[Category]] = {}
    for category in key.dimensions[0].categories:
        groups.setdefault(level_of(category.code), []).append(category)
    return tuple(
        (level.label, tuple(groups.get(level, ()))) for level in Level if groups.get(level)
    )
