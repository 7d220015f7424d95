"""Population by region, sex and age, 2020–2026: SSB's figures, estimates and projections."""

from __future__ import annotations

import subprocess
import sys
import time

import polars as pl
import pytest

from kostra.registry import (
    OSLO,
    YEARS,
    UnknownRegion,
    district_regions,
    municipalities,
    population,
    population_in,
)


def national(year: int, low: int = 0, high: int = 105) -> int:
    return sum(population_in(n, year, low, high) for n in municipalities(year))


@pytest.mark.parametrize(
    ("year", "total", "aged_18_66"),
    [
        (2020, 5_367_580, 3_421_552),  # SSB 07459, as domain-facts §2.5 computed them
        (2021, 5_391_369, 3_430_022),
        (2022, 5_425_270, 3_445_784),
        (2023, 5_488_984, 3_484_950),
        (2024, 5_550_203, 3_524_852),  # the 1 January 2024 total; 18–66 is estimated
    ],
)
def test_national_totals(year: int, total: int, aged_18_66: int) -> None:
    assert national(year) == total
    assert national(year, 18, 66) == aged_18_66


@pytest.mark.parametrize(
    ("region", "year", "low", "high", "persons"),
    [
        (OSLO, 2023, 0, 105, 709_037),
        (OSLO, 2023, 18, 66, 495_881),
        ("1151", 2023, 0, 105, 208),  # Utsira
        ("1151", 2023, 18, 66, 134),
        (OSLO, 2024, 0, 105, 717_710),
        ("1151", 2024, 0, 105, 215),
        ("030101", 2023, 0, 105, 61_756),  # Gamle Oslo, SSB 10826
        ("030101", 2023, 18, 66, 47_831),
        ("030115", 2023, 18, 66, 25_402),
    ],
)
def test_published_figures(region: str, year: int, low: int, high: int, persons: int) -> None:
    assert population_in(region, year, low, high) == persons


def test_sexes_add_up_and_match_the_frame() -> None:
    frame = population(2022)
    for region in (OSLO, "1103", "030105"):
        rows = frame.filter(pl.col("region") == region)
        men = rows.filter(pl.col("sex") == "1", pl.col("age").is_between(18, 24))["persons"].sum()
        assert population_in(region, 2022, 18, 24, sex="1") == men
        assert population_in(region, 2022) == rows["persons"].sum()
        assert population_in(region, 2022, sex="1") + population_in(region, 2022, sex="2") == (
            population_in(region, 2022)
        )


@pytest.mark.parametrize(
    ("year", "municipality_basis", "district_basis"),
    [
        (2020, "ssb-07459", "scaled-2021-districts"),
        (2023, "ssb-07459", "ssb-10826-sex-estimated"),
        (2024, "scaled-2024-total", "scaled-2024-total"),
        (2025, "projection", "projection"),
        (2026, "projection", "projection"),
    ],
)
def test_basis_per_year(year: int, municipality_basis: str, district_basis: str) -> None:
    frame = population(year)
    districts = frame["region"].is_in(district_regions())
    assert frame.filter(~districts)["basis"].unique().to_list() == [municipality_basis]
    assert frame.filter(districts)["basis"].unique().to_list() == [district_basis]


@pytest.mark.parametrize("year", YEARS)
def test_districts_sum_to_at_most_oslo(year: int) -> None:
    oslo = population_in(OSLO, year)
    districts = sum(population_in(d, year) for d in district_regions())
    assert 0.99 * oslo < districts <= oslo
    for age in (0, 30, 90, 105):
        for sex in ("1", "2"):
            parts = sum(population_in(d, year, age, age, sex) for d in district_regions())
            assert parts <= population_in(OSLO, year, age, age, sex)


@pytest.mark.parametrize("year", [2025, 2026])
def test_projections_move_at_most_three_percent(year: int) -> None:
    frame = population(year)
    assert (frame["persons"] >= 0).all()
    for region in [*municipalities(year), *district_regions()]:
        before, now = population_in(region, year - 1), population_in(region, year)
        assert abs(now - before) <= 0.03 * before, region


def test_2024_keeps_the_2023_structure_of_the_source() -> None:
    share_2023 = population_in("3001", 2023, 18, 66) / population_in("3001", 2023)
    share_2024 = population_in("3101", 2024, 18, 66) / population_in("3101", 2024)
    assert share_2024 == pytest.approx(share_2023, abs=0.001)
    haram = population_in("1580", 2024, 0, 17) / population_in("1580", 2024)
    alesund = population_in("1507", 2023, 0, 17) / population_in("1507", 2023)
    assert haram == pytest.approx(alesund, abs=0.001)


def test_lookups_are_fast() -> None:
    population_in(OSLO, 2020)  # load once
    start = time.perf_counter()
    for year in (2023, 2024, 2025):
        for region in [*municipalities(year), *district_regions()]:
            for low, high in ((18, 24), (25, 66), (18, 66)):
                population_in(region, year, low, high)
    assert time.perf_counter() - start < 0.05


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("3101", 2023), UnknownRegion, "ingen befolkningstall for region 3101 i 2023"),
        (("030116", 2023), UnknownRegion, "region 030116"),
        ((OSLO, 2019), UnknownRegion, "ingen befolkningstall for 2019"),
        ((OSLO, 2023, 67, 18), ValueError, "ugyldig aldersgruppe 67–18"),
        ((OSLO, 2023, 0, 106), ValueError, "ugyldig aldersgruppe"),
    ],
)
def test_bad_requests(
    args: tuple[str, int, int, int], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        population_in(*args)


def test_bad_sex() -> None:
    with pytest.raises(ValueError, match="ugyldig kjønn 'M'"):
        population_in(OSLO, 2023, sex="M")


def test_importing_the_registry_reads_no_data() -> None:
    code = (
        "import sys, kostra.registry as r\n"
        "from kostra.registry.population import _frame\n"
        "assert 'polars' not in sys.modules, 'polars imported'\n"
        "assert _frame.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
