"""The regions figures are published for, and which reporting units each one adds up.

Units are the municipalities, Oslo's districts, and Oslo as a whole (0301) beside them: the
extracts come from the districts, skjema 7 from the districts and from Oslo for what they
cannot report (measures run or bought centrally), skjema 7B and 12 from Oslo as a whole only. A
unit delivers nothing of a form that is not its own, so each form's figures add up its own
units. A region is a unit, Oslo (0301: its districts and Oslo's own answers), a county (EKAxx),
a KOSTRA group (EKGxx), all of Oslo's districts (EAB: the districts only), the country without
Oslo (EAKUO) or the country (EAK), as in SSB's KOSTRA region hierarchy, on one year's borders;
and, for what is too thin to show per municipality (where participants go after the
qualification programme), the municipalities by size (`KSxx`, by inhabitants on 1 January).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from kostra.registry import (
    DISTRICTS_AND_OSLO,
    OSLO,
    aggregates,
    municipalities,
    population_in,
    region_name,
    reporting_units,
)


class Level(StrEnum):
    """The level of a region, in the order the tables list them."""

    COUNTRY = "country"
    COUNTY = "county"
    GROUP = "kostra_group"
    SIZE = "size"
    MUNICIPALITY = "municipality"
    DISTRICT = "district"

    @property
    def label(self) -> str:
        """The level as the tables name it."""
        return _LABELS[self]


_LABELS = {
    Level.COUNTRY: "Landet",
    Level.COUNTY: "Fylke",
    Level.GROUP: "KOSTRA-gruppe",
    Level.SIZE: "Kommunestørrelse",
    Level.MUNICIPALITY: "Kommune",
    Level.DISTRICT: "Bydel i Oslo",
}
PERSON_REGIONS = ("EAK", "EAKUO")  # where persons, not cases, are published
# Municipalities by size: code, name, fewest and most inhabitants (None: no upper bound).
SIZES = (
    ("KS01", "Kommuner med under 5 000 innbyggere", 0, 4_999),
    ("KS02", "Kommuner med 5 000–19 999 innbyggere", 5_000, 19_999),
    ("KS03", "Kommuner med 20 000–49 999 innbyggere", 20_000, 49_999),
    ("KS04", "Kommuner med 50 000 innbyggere eller flere", 50_000, None),
)


@dataclass(frozen=True)
class Region:
    """A region figures are published for."""

    code: str
    name: str
    level: Level
    units: tuple[str, ...]  # the reporting units it adds up


def level_of(code: str) -> Level:
    """The level of a region code."""
    if code in ("EAK", "EAKUO", "EAB"):
        return Level.COUNTRY if code != "EAB" else Level.DISTRICT
    if code.startswith("EKA"):
        return Level.COUNTY
    if code.startswith("EKG"):
        return Level.GROUP
    if code.startswith("KS"):
        return Level.SIZE
    return Level.DISTRICT if len(code) == 6 else Level.MUNICIPALITY


@cache
def units(year: int) -> tuple[str, ...]:
    """Every unit of `year`: the municipalities, Oslo's districts and Oslo as a whole."""
    return tuple(unit.code for unit in reporting_units(year, DISTRICTS_AND_OSLO))


@cache
def regions(year: int) -> tuple[Region, ...]:
    """Every region of `year`, country first, then counties, groups, municipalities, districts."""
    unit_codes = units(year)
    districts = tuple(code for code in unit_codes if len(code) == 6)
    oslo = (*districts, OSLO)  # Oslo's units: its districts, and its own answers

    def units_of(members: tuple[str, ...]) -> tuple[str, ...]:
        found: list[str] = []
        for member in members:
            found += list(oslo) if member == OSLO else [member]
        return tuple(found)

    # Names as SSB's tables give them: municipalities and districts with their number, counties
    # marked as such (county 03 and municipality 0301 are both "Oslo").
    made = [
        Region(a.code, _aggregate_name(a.code, a.name), level_of(a.code), units_of(a.members))
        for a in aggregates(year).values()
    ]
    inhabitants = {n: population_in(n, year) for n in municipalities(year)}
    for code, name, fewest, most in SIZES:
        members = tuple(
            n for n, people in inhabitants.items()
            if people >= fewest and (most is None or people <= most)
        )  # fmt: skip
        made.append(Region(code, name, Level.SIZE, units_of(members)))
    for code in unit_codes:
        if len(code) == 4 and code != OSLO:
            made.append(
                Region(code, f"{code} {region_name(code, year)}", Level.MUNICIPALITY, (code,))
            )
    made.append(Region(OSLO, f"{OSLO} {region_name(OSLO, year)}", Level.MUNICIPALITY, oslo))
    made += [
        Region(code, f"{code} {region_name(code, year)}", Level.DISTRICT, (code,))
        for code in districts
    ]
    order = {level: rank for rank, level in enumerate(Level)}
    return tuple(sorted(made, key=lambda r: (order[r.level], r.code == "EAB", r.code)))


def _aggregate_name(code: str, name: str) -> str:
    return f"{name} (fylke)" if code.startswith("EKA") else name
