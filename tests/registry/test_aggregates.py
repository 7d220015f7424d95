"""SSB's aggregate regions and names of any region code."""

from __future__ import annotations

import pytest

from kostra.registry import (
    GROUPS,
    OSLO,
    YEARS,
    UnknownRegion,
    aggregates,
    counties,
    district_regions,
    municipalities,
    region_name,
)


@pytest.mark.parametrize("year", YEARS)
def test_national_aggregates(year: int) -> None:
    found = aggregates(year)
    everyone = tuple(municipalities(year))
    assert found["EAK"].members == everyone
    assert found["EAKUO"].members == tuple(n for n in everyone if n != OSLO)
    assert found["EAB"].members == district_regions()
    assert found["EKG13"].members == (OSLO,)


@pytest.mark.parametrize("year", YEARS)
def test_counties_and_groups_partition_the_country(year: int) -> None:
    found = aggregates(year)
    county_members = [m for c in counties(year) for m in found[f"EKA{c}"].members]
    group_members = [m for g in GROUPS for m in found[g].members]
    assert sorted(county_members) == sorted(group_members) == list(municipalities(year))
    assert all(found[g].members for g in GROUPS)


@pytest.mark.parametrize(
    ("code", "year", "name"),
    [
        ("EAK", 2024, "Landet"),
        ("EAKUO", 2024, "Landet uten Oslo"),
        ("EKA46", 2022, "Vestland"),
        ("EKA30", 2023, "Viken"),
        ("EKA32", 2024, "Akershus"),
        ("EKG13", 2020, "KOSTRA-gruppe 13"),
        ("EAB", 2025, "Bydeler i Oslo i alt"),
        ("030112", 2025, "Alna"),
        ("0301", 2026, "Oslo - Oslove"),
        ("1580", 2024, "Haram"),
    ],
)
def test_region_names(code: str, year: int, name: str) -> None:
    assert region_name(code, year) == name


@pytest.mark.parametrize(
    ("code", "year", "message"),
    [
        ("EKA30", 2024, "regionkode EKA30 finnes ikke i 2024"),
        ("030116", 2024, "regionkode 030116 finnes ikke"),
        ("1580", 2023, "1580 finnes ikke i 2023"),
        ("EAK", 2019, "ingen regionsaggregater for 2019"),
    ],
)
def test_unknown_region_codes(code: str, year: int, message: str) -> None:
    with pytest.raises(UnknownRegion, match=message):
        region_name(code, year)
