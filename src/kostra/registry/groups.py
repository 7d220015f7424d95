"""KOSTRA groups (kommunegrupper EKG01–EKG17): every municipality in exactly one per year.

SSB groups municipalities by population, "bundne kostnader" and "frie disponible inntekter"
(the 2020 grouping, in force 2020–2026). SSB's member list (KLASS 112) was not at hand, so
`data/kostra_groups.csv` holds a membership derived from the published criteria with proxies;
see docs/registry.md before relying on a single municipality's group.
"""

from __future__ import annotations

from functools import cache

from kostra.registry._tables import YEARS, by_year, fail_if, read_table, require_year
from kostra.registry.errors import UnknownRegion
from kostra.registry.regions import OSLO, municipalities

GROUPS = tuple(f"EKG{n:02d}" for n in range(1, 18))


def group_name(group: str) -> str:
    """SSB's label of a group code: "EKG13" → "KOSTRA-gruppe 13"."""
    if group not in GROUPS:
        raise UnknownRegion(f"KOSTRA-gruppe {group} finnes ikke (gyldige: EKG01–EKG17)")
    return f"KOSTRA-gruppe {group[3:]}"


@cache
def _table() -> dict[int, dict[str, str]]:
    table = by_year(read_table("kostra_groups.csv"), "number", "group", "kostra_groups.csv")
    fail_if([p for year in YEARS for p in problems(year, table[year])], "kostra_groups.csv")
    return table


def problems(year: int, table: dict[str, str] | None = None) -> list[str]:
    """What is wrong with the groups of `year`: each municipality in exactly one known group."""
    members = _table()[year] if table is None else table
    numbers = municipalities(year)
    bad = [f"{year}: kommune {n} mangler KOSTRA-gruppe" for n in numbers if n not in members]
    bad += [f"{year}: {n} har gruppe, men er ingen kommune" for n in members if n not in numbers]
    bad += [f"{year}: {n} har ukjent gruppe {g}" for n, g in members.items() if g not in GROUPS]
    used = set(members.values())
    bad += [f"{year}: {g} har ingen kommuner" for g in GROUPS if g not in used]
    if [n for n, g in members.items() if g == "EKG13"] != [OSLO]:
        bad.append(f"{year}: EKG13 skal være Oslo alene")
    return bad


def kostra_groups(year: int) -> dict[str, str]:
    """Municipality number → KOSTRA group code ("EKG07") for every municipality in `year`."""
    require_year(year, "KOSTRA-gruppering")
    return dict(_table()[year])


def kostra_group(municipality: str, year: int) -> str:
    """The KOSTRA group code of a municipality in `year`, e.g. "EKG12"."""
    require_year(year, "KOSTRA-gruppering")
    try:
        return _table()[year][municipality]
    except KeyError:
        raise UnknownRegion(f"kommunenummer {municipality} finnes ikke i {year}") from None
