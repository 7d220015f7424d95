"""Municipalities and districts per reporting year."""

from __future__ import annotations

import pytest

from kostra.registry import (
    OSLO,
    UnknownRegion,
    district_name,
    district_region,
    district_regions,
    municipalities,
    municipality_name,
    oslo_districts,
)


@pytest.mark.parametrize(
    ("year", "count"),
    [(2020, 356), (2021, 356), (2022, 356), (2023, 356), (2024, 357), (2025, 357), (2026, 357)],
)
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


def test_district_region_codes() -> None:
    assert district_region("01") == "030101"
    assert district_regions() == tuple(f"0301{n:02d}" for n in range(1, 16))
    with pytest.raises(UnknownRegion, match="bydel 16"):
        district_region("16")


@pytest.mark.parametrize(
    ("year", "number", "name"),
    [
        (2020, "1875", "Hamarøy"),  # SSB's 2020–2021 code list, before the Sami form was added
        (2021, "5412", "Tjeldsund"),
        (2022, "5412", "Dielddanuorri - Tjeldsund"),
        (2020, "5006", "Steinkjer"),  # the 07459 export has a garbled name here
        (2020, "1826", "Aarborte - Hattfjelldal"),
        (2020, "3018", "Våler (Viken)"),
    ],
)
def test_names_before_2022_are_ssbs_code_list(year: int, number: str, name: str) -> None:
    assert municipality_name(number, year) == name
