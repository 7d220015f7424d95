"""Municipalities valid in a reporting year, and the districts (bydeler) Oslo reports per.

The municipality list is SSB's per-year code list (from the 11CF file descriptions from 2022,
from SSB's control program for 2020–2021), folded into validity ranges in
`data/municipalities.csv`; a number can change name (0301 became "Oslo - Oslove" in 2026) or
disappear in a reform (1507 Ålesund became 1508 in 2024).
"""

from __future__ import annotations

from functools import cache

from kostra.registry._tables import by_year, read_table
from kostra.registry.errors import UnknownRegion

OSLO = "0301"

# Oslo's 15 reporting districts (bydeler). Sentrum (16) and Marka (17) have residents (about 1,600
# each) but no district administration: they do not report and are left out of EAB.
_OSLO_DISTRICTS = {
    "01": "Gamle Oslo",
    "02": "Grünerløkka",
    "03": "Sagene",
    "04": "St. Hanshaugen",
    "05": "Frogner",
    "06": "Ullern",
    "07": "Vestre Aker",
    "08": "Nordre Aker",
    "09": "Bjerke",
    "10": "Grorud",
    "11": "Stovner",
    "12": "Alna",
    "13": "Østensjø",
    "14": "Nordstrand",
    "15": "Søndre Nordstrand",
}


@cache
def _rows() -> tuple[tuple[str, str, int, int | None], ...]:
    rows = read_table("municipalities.csv")
    by_year(rows, "number", "name", "municipalities.csv")  # a number twice in a year: refuse
    return tuple(
        (
            row["number"],
            row["name"],
            int(row["valid_from"]),
            int(row["valid_to"]) if row["valid_to"] else None,
        )
        for row in rows
    )


@cache
def municipalities(year: int) -> dict[str, str]:
    """Municipality number → name for every municipality that exists in `year`, by number."""
    found = {
        number: name
        for number, name, first, last in _rows()
        if first <= year and (last is None or year <= last)
    }
    if not found:
        first_year = min(r[2] for r in _rows())
        raise UnknownRegion(f"ingen kommuneliste for {year} (registeret starter i {first_year})")
    return dict(sorted(found.items()))


def municipality_name(number: str, year: int) -> str:
    """The name of municipality `number` in `year`; UnknownRegion if it did not exist then."""
    try:
        return municipalities(year)[number]
    except KeyError:
        raise UnknownRegion(f"kommunenummer {number} finnes ikke i {year}") from None


def oslo_districts() -> dict[str, str]:
    """Oslo's reporting districts: two-digit number → name."""
    return dict(_OSLO_DISTRICTS)


def district_region(district: str) -> str:
    """The six-digit region code of an Oslo district: "01" → "030101" (SSB's KLASS 241)."""
    if district not in _OSLO_DISTRICTS:
        raise UnknownRegion(f"bydel {district} finnes ikke i Oslo (gyldige: 01–15)")
    return OSLO + district


def district_regions() -> tuple[str, ...]:
    """The six-digit codes of Oslo's 15 reporting districts, 030101–030115."""
    return tuple(OSLO + district for district in _OSLO_DISTRICTS)


def district_name(municipality: str, district: str) -> str:
    """The name of a district; only Oslo reports per district."""
    if municipality != OSLO:
        raise UnknownRegion(
            f"kommune {municipality} rapporterer ikke per bydel; bare Oslo ({OSLO}) gjør det"
        )
    try:
        return _OSLO_DISTRICTS[district]
    except KeyError:
        raise UnknownRegion(f"bydel {district} finnes ikke i Oslo (gyldige: 01–15)") from None
