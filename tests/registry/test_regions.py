"""Municipalities and districts per reporting year."""

from __future__ import annotations

import pytest

from kostra.registry import (
    OSLO,
    UnknownRegion,
    district_name,
    municipalities,
    municipality_name,
    oslo_districts,
)


@pytest.mark.parametrize(("year", "count"), [(2022, 356), (2023, 356), (2024, 357), (2026, 357)])
def test_number_of_municipalities(year: int, count: int) -> None:
    assert len(municipalities(year)) == count


def test_reform_of_2024_renumbers() -> None:
    assert municipality_name("1507", 2023) == "Ålesund"
    assert municipality_name("1508", 2024) == "Ålesund"
    with pytest.raises(UnknownRegion, match="1507 finnes ikke i 2024"):
        municipality_name("1507", 2024)


def test_names_change_over_time() -> None:
    assert municipality_name(OSLO, 2025) == "Oslo"
    assert municipality_name(OSLO, 2026) == "Oslo - Oslove"


def test_years_outside_the_registry_are_refused() -> None:
    with pytest.raises(UnknownRegion, match="ingen kommuneliste"):
        municipalities(2015)


def test_oslo_has_fifteen_reporting_districts() -> None:
    districts = oslo_districts()
    assert list(districts) == [f"{n:02d}" for n in range(1, 16)]
    assert district_name(OSLO, "15") == "Søndre Nordstrand"
    with pytest.raises(UnknownRegion, match="bydel 16"):
        district_name(OSLO, "16")
    with pytest.raises(UnknownRegion, match="bare Oslo"):
        district_name("1103", "01")
