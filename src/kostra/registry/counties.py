"""Counties (fylker) per reporting year: 11 in 2020–2023, 15 from the 2024 reform.

A municipality's county is the first two digits of its number (SSB's rule; the 2024 reform
renumbered every municipality that changed county), so `data/counties.csv` holds only the
counties with their years; the loader checks that every municipality's county exists.
"""

from __future__ import annotations

from functools import cache

from kostra.registry._tables import YEARS, by_year, fail_if, read_table, require_year
from kostra.registry.errors import UnknownRegion
from kostra.registry.regions import municipalities


@cache
def _table() -> dict[int, dict[str, str]]:
    table = by_year(read_table("counties.csv"), "code", "name", "counties.csv")
    fail_if([p for year in YEARS for p in problems(year, table[year])], "counties.csv")
    return table


def problems(year: int, table: dict[str, str] | None = None) -> list[str]:
    """What is wrong with the counties of `year`: every municipality needs an existing county."""
    known = _table()[year] if table is None else table
    bad = [f"{year}: {code!r} er ikke en fylkeskode" for code in known if len(code) != 2]
    bad += [
        f"{year}: kommune {number} har ikke noe fylke {number[:2]}"
        for number in municipalities(year)
        if number[:2] not in known
    ]
    return bad


def counties(year: int) -> dict[str, str]:
    """County code (two digits) → name for every county in `year`, by code."""
    require_year(year, "fylkesliste")
    return dict(_table()[year])


def county_of(municipality: str, year: int) -> str:
    """The two-digit county code of a municipality in `year` (the first two digits)."""
    require_year(year, "fylkesliste")
    if municipality not in municipalities(year):
        raise UnknownRegion(f"kommunenummer {municipality} finnes ikke i {year}")
    return municipality[:2]
