"""What the public statistics pages show: a release's tables for a region against the regions it
is compared with (its county, its KOSTRA group, the country), with charts, and the fact sheet.

The extracts' key and basic figures come first; then a section per web form (`SECTIONS`:
staffing, skjema 7; crisis centres, 7B; rates, 12), each from its own table. A municipality's
page also compares its rate for a single person with every municipality of its county.

A region is found by its name or its code (`match_regions`): the search page without script
and the suggestions as one types both ask that one function.

Everything is read from the release's own JSON-stat files, so a page shows exactly what was
published; parsed tables are kept in memory per release (a release never changes). A release
made before the web forms were published has no such tables, and its pages no such sections.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kostra import text
from kostra.errors import NotFound
from kostra.indicators.regions import Level, level_of
from kostra.publish import charts
from kostra.publish.dataset import Category, Dataset, Symbol, Value
from kostra.publish.jsonstat import from_jsonstat
from kostra.publish.release import Stage
from kostra.publish.tables import BASIC_TABLE, KEY_TABLE
from kostra.registry import OSLO, UnknownRegion, county_of, kostra_group
from kostra.store import releases
from kostra.store.models import Release

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
class Section:
    """A web form's part of a region's page: its table, and what the fact sheet shows of it."""

    table: str  # the release's table (publish.tables.TABLES)
    form: str
    title: str
    lead: str
    fact_sheet: tuple[str, ...]  # the key figures on the fact sheet, in order
    charted: str  # the key figure charted: over the years, and the regions in the last year


SECTIONS = (
    Section(
        "bemanning", "7", "Bemanning i sosiale tjenester i NAV og rusmiddeltiltak",
        "Årsverk per 31.12 (skjema 7). For Oslo både bydelene og Oslo sentralt.",
        ("staff_242_per_10000", "social_worker_share", "staff_243_per_10000", "outreach_share"),
        "staff_242_per_10000",
    ),
    Section(
        "krisesenter", "7B", "Krisesentertilbud og arbeid mot vold i nære relasjoner",
        "Kostnader i året og plasser per 31.12 (skjema 7B). Oslo svarer samlet.",
        ("shelter_costs_per_inhabitant", "shelter_places_women_per_10000",
         "shelter_places_men_per_10000", "violence_plan_share"),
        "shelter_places_women_per_10000",
    ),
    Section(
        "stonadssatser", "12", "Stønadssatser i økonomisk sosialhjelp",
        "Kommunens veiledende satser per måned per 31.12 (skjema 12). For fylke, KOSTRA-gruppe "
        "og landet er satsen et uvektet gjennomsnitt av kommunene som har svart, og andelene "
        "er av kommunene som har svart.",
        ("rate_single", "rate_couple", "follows_state_share", "covers_food_share",
         "covers_leisure_share", "housing_ceiling_share"),
        "rate_single",
    ),
)  # fmt: skip
ACROSS = ("stonadssatser", "rate_single")  # compared across the county's municipalities


NARROW = 360  # a chart's width in a narrow column (a phone), where its text keeps its size


@dataclass(frozen=True)
class Chart:
    """A chart drawn twice, so that its text is read at its own size: across a wide column, and
    for a narrow one (a phone). The page's stylesheet shows the one that fits the column."""

    wide: str
    narrow: str


def _drawn(draw: Callable[[int, str], str], ident: str) -> Chart:
    """A chart drawn by `draw(width, ident)` at the default width and at `NARROW`."""
    return Chart(draw(640, ident), draw(NARROW, f"{ident}-smal"))


@dataclass(frozen=True)
class SectionView:
    """A web form's section as the page shows it: its figures and charts."""

    section: Section
    rows: tuple[Row, ...]
    charts: tuple[Chart, ...]

    @property
    def group(self) -> tuple[str, tuple[Row, ...]]:
        """The section as a group of a table: its title and rows."""
        return self.section.title, self.rows


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
        figure = text.number(float(cell.value), self.decimals, space=text.NO_BREAK_SPACE)
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
    charts: tuple[Chart, ...]
    files: tuple[str, ...]
    symbols: tuple[Symbol, ...]
    published_years: tuple[int, ...]  # the years with a release, newest first
    sections: tuple[SectionView, ...] = ()  # the web forms' figures, when the release has them
    withdrawn: tuple[str, ...] = ()  # what was published of the year and withdrawn, and why


_TABLES: dict[tuple[str, int, str], Dataset] = {}  # (database, release, table) → its table


def dataset(session: Session, release_id: int, name: str) -> Dataset:
    """A table of a release (read once: a release never changes)."""
    found = optional_dataset(session, release_id, name)
    if found is None:
        raise NotFound("Tabellen finnes ikke i denne publiseringen.")
    return found


def optional_dataset(session: Session, release_id: int, name: str) -> Dataset | None:
    """A table of a release, or None when the release has no such table."""
    key = (str(session.get_bind().engine.url), release_id, name)
    if key not in _TABLES:
        found = releases.release_file(session, release_id, f"{name}.json")
        if found is None:
            return None
        if len(_TABLES) > 64:
            _TABLES.clear()
        _TABLES[key] = from_jsonstat(found.data)
    return _TABLES[key]


def chosen_release(session: Session, year: int | None) -> Release:
    """The release a page shows: the newest the public may read now (final before
    preliminary) of `year`, or of all; when there is none, why (perhaps it was withdrawn)."""
    found = releases.latest(session, text.now(), year)
    if found is None:
        withdrawn = [r for r in releases.once_public(session, text.now(), year) if r.withdrawn_at]
        said = (
            f" Publiseringen av {Stage(withdrawn[0].stage).label.lower()} for "
            f"{withdrawn[0].year} ble trukket tilbake {_withdrawn(withdrawn[0])}"
            if withdrawn
            else ""
        )
        raise NotFound(
            ("Ingen tall er publisert ennå." if year is None
             else f"Ingen tall er publisert for {year}.") + said
        )  # fmt: skip
    return found


def _withdrawn(release: Release) -> str:
    """`16. juni 2026: <the reason>.`"""
    when = text.long_date(release.withdrawn_at) if release.withdrawn_at else ""
    reason = (release.withdrawn_reason or "").rstrip()
    return f"{when}: {reason}" + ("" if reason.endswith((".", "!", "?")) else ".")


def withdrawn_notices(session: Session, year: int) -> tuple[str, ...]:
    """What the public reads about the releases of `year` that were withdrawn: `Endelige tall
    for 2025, publisert …, trukket tilbake 16. juni 2026: <the reason>`."""
    return tuple(
        f"{Stage(r.stage).label} for {r.year}, publisert "
        f"{text.long_time(r.publish_at) if r.publish_at else ''}, ble trukket tilbake "
        f"{_withdrawn(r)}"
        for r in releases.once_public(session, text.now(), year)
        if r.withdrawn_at is not None
    )


def published_years(session: Session) -> tuple[int, ...]:
    """The years with a release the public may read now, newest first."""
    return tuple(
        sorted({r.year for r in releases.public_releases(session, text.now())}, reverse=True)
    )


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
    session: Session, code: str, year: int | None, *, fact_sheet: bool = False
) -> RegionView:
    """The page (or fact sheet) of region `code` in the release chosen for `year`."""
    release = chosen_release(session, year)
    key = dataset(session, release.id, KEY_TABLE)
    basic = dataset(session, release.id, BASIC_TABLE)
    known = {c.code: c for c in key.dimensions[0].categories}
    if code not in known:
        raise NotFound(f"Regionen «{code}» finnes ikke i tallene for {release.year}.")
    compared = tuple(known[c] for c in comparisons(code, release.year) if c in known)
    codes = tuple(c.code for c in compared)
    rows = _rows(key, codes, FACT_SHEET if fact_sheet else None)
    years = tuple(c.code for c in key.dimensions[2].categories)
    drawn = [_line(row, compared, years) for row in rows if row.code in CHARTED]
    sections = tuple(
        made
        for section in SECTIONS
        if (made := _section(session, release, section, known[code], compared, years, fact_sheet))
    )
    files = tuple(releases.file_names(session, release.id))
    published = published_years(session)
    shown = [*rows, *(row for section in sections for row in section.rows)]
    symbols = tuple(
        s for s in Symbol if any(cell.status is s for r in shown for cell in r.cells.values())
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
        sections=sections,
        withdrawn=withdrawn_notices(session, release.year),
    )


def _line(row: Row, compared: tuple[Category, ...], years: tuple[str, ...]) -> Chart:
    """A key figure over the years, one line per region compared."""
    series = [
        charts.Series(region.label, [
            (y, _number(row.cells[(region.code, y)]), _status(row.cells[(region.code, y)]))
            for y in years
        ])
        for region in compared
    ]  # fmt: skip
    return _drawn(
        lambda width, ident: charts.line_chart(
            row.label, series, unit=row.unit, decimals=row.decimals, width=width, ident=ident
        ),
        f"chart-{row.code}",
    )


def _bars(row: Row, compared: tuple[Category, ...], year: str, highlight: str) -> Chart:
    """A key figure of the regions compared, in one year."""
    bars = [
        (region.label, _number(row.cells[(region.code, year)]),
         _status(row.cells[(region.code, year)]))
        for region in compared
    ]  # fmt: skip
    return _drawn(
        lambda width, ident: charts.bar_chart(
            f"{row.label}, {year}", bars, unit=row.unit, decimals=row.decimals,
            highlight=highlight, width=width, ident=ident,
        ),
        f"bars-{row.code}",
    )  # fmt: skip


def _section(
    session: Session,
    release: Release,
    section: Section,
    region: Category,
    compared: tuple[Category, ...],
    years: tuple[str, ...],
    fact_sheet: bool,
) -> SectionView | None:
    """A web form's section of a region's page (None if the release has no table of it)."""
    table = optional_dataset(session, release.id, section.table)
    if table is None:
        return None
    codes = tuple(c.code for c in compared)
    rows = _rows(table, codes, section.fact_sheet if fact_sheet else None)
    charted = next((row for row in rows if row.code == section.charted), None)
    drawn: list[Chart] = []
    if charted is not None:
        last = years[-1]
        drawn.append(_bars(charted, compared, last, region.label))
        if not fact_sheet:
            drawn.insert(0, _line(charted, compared, years))
    if not fact_sheet and (section.table, section.charted) == ACROSS:
        across = _across(table, region.code, release.year, last_year=years[-1])
        if across:
            drawn.append(across)
    return SectionView(section, rows, tuple(drawn))


def _across(table: Dataset, code: str, year: int, last_year: str) -> Chart | None:
    """A municipality's rate against every municipality of its county (None for a region that
    is not a municipality with a county)."""
    if level_of(code) is not Level.MUNICIPALITY:
        return None
    try:
        county = county_of(code, year)
    except UnknownRegion:
        return None
    variable = table.dimensions[1].categories[table.dimensions[1].index(ACROSS[1])]
    shown = [
        c for c in table.dimensions[0].categories
        if level_of(c.code) is Level.MUNICIPALITY and _county(c.code, year) == county
    ]  # fmt: skip
    bars = []
    for category in shown:
        index = table.flat_index((category.code, variable.code, last_year))
        value, status = table.values[index], table.status.get(index)
        bars.append((category.label, float(value) if value is not None else None,
                     status.value if status else None))  # fmt: skip
    unit = variable.unit
    county_label = next(
        (c.label for c in table.dimensions[0].categories if c.code == f"EKA{county}"), county
    )
    return _drawn(
        lambda width, ident: charts.bar_chart(
            f"{variable.label} i kommunene i {county_label.removesuffix(' (fylke)')}, {last_year}",
            bars, unit=unit.base if unit else "", decimals=unit.decimals if unit else 0,
            highlight=next((c.label for c in shown if c.code == code), None), width=width,
            ident=ident,
        ),
        "bars-across",
    )  # fmt: skip


def _county(code: str, year: int) -> str | None:
    try:
        return county_of(code, year)
    except UnknownRegion:
        return None


def _number(cell: Shown) -> float | None:
    return float(cell.value) if cell.value is not None else None


def _status(cell: Shown) -> str | None:
    return cell.status.value if cell.status else None


@dataclass(frozen=True)
class Found:
    """A region a search found: its category, its name without the code and its level."""

    category: Category
    name: str
    level: Level
    exact: bool  # the code or the whole name typed

    @property
    def code(self) -> str:
        """The region's code."""
        return self.category.code

    @property
    def detail(self) -> str:
        """What tells regions of the same name apart: the level, and a unit's number."""
        if self.level in (Level.MUNICIPALITY, Level.DISTRICT) and self.code != "EAB":
            return f"{self.level.label} {self.code}"
        return self.level.label


# Best match first: the code itself, the whole name, the name's start, a word's start, the
# start of a code, anywhere in the name.
_CODE, _NAME, _NAME_START, _WORD_START, _CODE_START, _INSIDE = range(6)
# Among equally good matches: municipalities first, then districts, counties, groups, the rest.
_LEVEL_ORDER = (Level.MUNICIPALITY, Level.DISTRICT, Level.COUNTY, Level.GROUP, Level.COUNTRY,
                Level.SIZE)  # fmt: skip
_CODE_PREFIX = re.compile(r"^[0-9]+ ")
_QUALIFIER = re.compile(r" \([^)]*\)$")  # "Oslo (fylke)"


def _name(category: Category) -> str:
    """A region's name without the number SSB's tables put before a unit's."""
    return (
        _CODE_PREFIX.sub("", category.label)
        if category.label.startswith(f"{category.code} ")
        else category.label
    )


def _rank(category: Category, name: str, query: str) -> int | None:
    folded, code = text.fold(name), category.code.casefold()
    if query == code:
        return _CODE
    if query in (folded, text.fold(_QUALIFIER.sub("", name))):
        return _NAME
    if folded.startswith(query):
        return _NAME_START
    if f" {query}" in f" {folded}":
        return _WORD_START
    if code.startswith(query):
        return _CODE_START
    if query in folded:
        return _INSIDE
    return None


def match_regions(categories: Iterable[Category], query: str) -> list[Found]:
    """The regions whose name or code matches `query`, best first: the code typed whole, the
    name typed whole, names that start with it, names with a word that starts with it, codes
    that start with it, names that hold it anywhere. Case, accents and æ ø å do not matter
    (`tromso` finds Tromsø); municipalities come before districts, counties and groups, then
    alphabetical. An empty query finds nothing."""
    wanted = text.fold(query)
    if not wanted:
        return []
    ranked = []
    for category in categories:
        name = _name(category)
        rank = _rank(category, name, wanted)
        if rank is not None:
            level = level_of(category.code)
            found = Found(category, name, level, exact=rank <= _NAME)
            ranked.append((rank, _LEVEL_ORDER.index(level), text.fold(name), category.code, found))
    ranked.sort(key=lambda found: found[:4])
    return [found[-1] for found in ranked]


def find_regions(session: Session, release: Release, query: str) -> list[Found]:
    """The regions of a release that match `query`, best first (`match_regions`)."""
    key = dataset(session, release.id, KEY_TABLE)
    return match_regions(key.dimensions[0].categories, query)
