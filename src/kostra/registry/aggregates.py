"""SSB's aggregate regions per year, with their codes (KOSTRA's region hierarchy).

EAK Landet (all municipalities), EAKUO Landet uten Oslo, EKAxx per county, EKGxx per KOSTRA
group, EAB Oslo's 15 reporting districts (Sentrum and Marka left out), as in SSB's
`regionshierarki` for KOSTRA.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kostra.registry._tables import require_year
from kostra.registry.counties import counties
from kostra.registry.errors import UnknownRegion
from kostra.registry.groups import GROUPS, group_name, kostra_groups
from kostra.registry.regions import (
    OSLO,
    district_name,
    district_regions,
    municipalities,
    municipality_name,
)


@dataclass(frozen=True)
class Aggregate:
    """An aggregate region: SSB's code, its Norwegian label and the units it sums."""

    code: str
    name: str
    members: tuple[str, ...]  # municipality numbers, or six-digit district codes for EAB


@cache
def _aggregates(year: int) -> dict[str, Aggregate]:
    numbers = tuple(municipalities(year))
    found = [
        Aggregate("EAK", "Landet", numbers),
        Aggregate("EAKUO", "Landet uten Oslo", tuple(n for n in numbers if n != OSLO)),
    ]
    found += [
        Aggregate(f"EKA{code}", name, tuple(n for n in numbers if n[:2] == code))
        for code, name in counties(year).items()
    ]
    groups = kostra_groups(year)
    found += [
        Aggregate(group, group_name(group), tuple(n for n in numbers if groups[n] == group))
        for group in GROUPS
    ]
    found.append(Aggregate("EAB", "Bydeler i Oslo i alt", district_regions()))
    return {aggregate.code: aggregate for aggregate in found}


def aggregates(year: int) -> dict[str, Aggregate]:
    """Aggregate code → Aggregate for `year`: EAK, EAKUO, EKAxx, EKG01–EKG17, EAB."""
    require_year(year, "regionsaggregater")
    return dict(_aggregates(year))


def region_name(code: str, year: int) -> str:
    """The name of any region code in `year`: municipality, Oslo district or aggregate."""
    if len(code) == 4 and code.isdigit():
        return municipality_name(code, year)
    if code in district_regions():
        return district_name(OSLO, code[4:])
    found = aggregates(year).get(code)
    if found is None:
        raise UnknownRegion(f"regionkode {code} finnes ikke i {year}")
    return found.name
