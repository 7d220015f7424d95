"""Counties and KOSTRA groups: every municipality of every year in exactly one of each."""

from __future__ import annotations

import pytest

from kostra.registry import (
    GROUPS,
    OSLO,
    YEARS,
    UnknownRegion,
    counties,
    county_of,
    group_name,
    kostra_group,
    kostra_groups,
    municipalities,
    validate,
)
from kostra.registry.counties import problems as county_problems
from kostra.registry.groups import problems as group_problems


@pytest.mark.parametrize("year", YEARS)
def test_every_year_validates(year: int) -> None:
    validate(year)


@pytest.mark.parametrize(("year", "count"), [(2020, 11), (2023, 11), (2024, 15), (2026, 15)])
def test_number_of_counties(year: int, count: int) -> None:
    assert len(counties(year)) == count


@pytest.mark.parametrize(
    ("number", "year", "county", "name"),
    [
        ("3001", 2023, "30", "Viken"),
        ("3101", 2024, "31", "Østfold"),
        ("5401", 2020, "54", "Troms og Finnmark"),
        ("5501", 2025, "55", "Troms"),
        (OSLO, 2026, "03", "Oslo"),
    ],
)
def test_county_of_a_municipality(number: str, year: int, county: str, name: str) -> None:
    assert county_of(number, year) == county
    assert counties(year)[county] == name


def test_unknown_years_and_numbers_are_refused() -> None:
    with pytest.raises(UnknownRegion, match="ingen fylkesliste for 2019"):
        counties(2019)
    with pytest.raises(UnknownRegion, match="3001 finnes ikke i 2024"):
        county_of("3001", 2024)
    with pytest.raises(UnknownRegion, match="1507 finnes ikke i 2024"):
        kostra_group("1507", 2024)
    with pytest.raises(UnknownRegion, match="ingen KOSTRA-gruppering for 2027"):
        kostra_groups(2027)


@pytest.mark.parametrize("year", YEARS)
def test_groups_cover_every_municipality_once(year: int) -> None:
    groups = kostra_groups(year)
    assert list(groups) == list(municipalities(year))
    assert set(groups.values()) == set(GROUPS)
    assert [n for n, g in groups.items() if g == "EKG13"] == [OSLO]


@pytest.mark.parametrize(
    ("number", "year", "group"),
    [
        ("1507", 2023, "EKG11"),  # Ålesund before the split …
        ("1508", 2024, "EKG11"),  # … stays in 11
        ("1580", 2024, "EKG01"),  # Haram: SSB put it in 01
        ("3401", 2023, "EKG07"),  # Kongsvinger, Lillehammer, Stavanger, Kristiansand: as in
        ("3405", 2023, "EKG09"),  # SSB's own test fixture (ssb-kostra-python, 2023)
        ("1103", 2023, "EKG12"),
        ("4204", 2023, "EKG12"),
        ("4222", 2020, "EKG17"),  # Bykle
        ("3101", 2024, "EKG10"),  # Halden keeps its group through the renumbering
    ],
)
def test_group_examples(number: str, year: int, group: str) -> None:
    assert kostra_group(number, year) == group


def test_group_names() -> None:
    assert group_name("EKG01") == "KOSTRA-gruppe 01"
    with pytest.raises(UnknownRegion, match="EKG18"):
        group_name("EKG18")


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({OSLO: "EKG13"}, "mangler KOSTRA-gruppe"),
        ({**kostra_groups(2020), "9999": "EKG01"}, "er ingen kommune"),
        ({**kostra_groups(2020), "1101": "EKG18"}, "ukjent gruppe EKG18"),
        ({**kostra_groups(2020), "1101": "EKG13"}, "EKG13 skal være Oslo alene"),
        ({n: "EKG13" if n == OSLO else "EKG01" for n in municipalities(2020)}, "EKG02 har ingen"),
    ],
    ids=["missing", "stray", "unknown", "oslo-not-alone", "empty-group"],
)
def test_group_checks_find_broken_tables(table: dict[str, str], problem: str) -> None:
    assert any(problem in p for p in group_problems(2020, table))


def test_county_check_finds_a_municipality_without_county() -> None:
    table = {code: name for code, name in counties(2020).items() if code != "54"}
    assert any("5401 har ikke noe fylke 54" in p for p in county_problems(2020, table))
