"""Population on 1 January per municipality and Oslo district, by sex and single year of age.

`data/population.csv.gz` (see `data/population.README`) holds 2020–2026: SSB's figures where
SSB publishes them, documented estimates elsewhere (column `basis`). Oslo (0301) is held as a
municipality and as its 15 districts; the districts sum to at most Oslo, the rest living in
Sentrum, Marka or no known district. Loaded on first use, checked once, then answered from
cumulative sums so that `population_in` costs two dictionary look-ups.
"""

from __future__ import annotations

import gzip
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

from kostra.registry._tables import YEARS, data_bytes, fail_if, require_year
from kostra.registry.errors import UnknownRegion
from kostra.registry.regions import OSLO, district_regions, municipalities

if TYPE_CHECKING:
    import polars as pl

OLDEST = 105  # the last age class: 105 years or older
SEXES = ("1", "2")  # KJONN: 1 men, 2 women
BASES = (
    "ssb-07459",  # SSB table 07459 as published
    "ssb-10826-sex-estimated",  # SSB table 10826, split by sex with Oslo's ratio per age
    "scaled-2021-districts",  # Oslo districts 2020: 2021 scaled to Oslo's 2020 ages
    "scaled-2024-total",  # 1 January 2024 totals with the 2023 age and sex structure
    "projection",  # 2025, 2026: cohort shift, births, growth as 2023→2024 (±2 %)
)
_CELLS = len(SEXES) * (OLDEST + 1)

Key = tuple[int, str, str]  # year, region, sex


@cache
def _frame() -> pl.DataFrame:
    import polars as pl

    frame = pl.read_csv(
        gzip.decompress(data_bytes("population.csv.gz")),
        comment_prefix="#",
        schema={
            "year": pl.Int32,
            "region": pl.String,
            "sex": pl.String,
            "age": pl.Int32,
            "persons": pl.Int64,
            "basis": pl.String,
        },
    ).sort("year", "region", "sex", "age")
    fail_if([p for year in YEARS for p in _problems(frame, year)], "population.csv.gz")
    return frame


def _problems(frame: pl.DataFrame, year: int) -> list[str]:
    import polars as pl

    rows = frame.filter(pl.col("year") == year)
    expected = {*municipalities(year), *district_regions()}
    present = set(rows["region"].unique().to_list())
    bad = [f"{year}: mangler befolkning for {r}" for r in sorted(expected - present)]
    bad += [f"{year}: befolkning for ukjent region {r}" for r in sorted(present - expected)]
    if (
        rows.height != len(present) * _CELLS
        or rows.select("region", "sex", "age").is_duplicated().any()
    ):
        bad.append(f"{year}: ikke nøyaktig én rad per region, kjønn og alder 0–{OLDEST}")
    if not rows["sex"].is_in(SEXES).all() or not rows["age"].is_between(0, OLDEST).all():
        bad.append(f"{year}: ukjent kjønn eller alder")
    if rows["persons"].null_count() or (rows["persons"] < 0).any():
        bad.append(f"{year}: tomt eller negativt antall personer")
    if not rows["basis"].is_in(BASES).all():
        bad.append(f"{year}: ukjent grunnlag (basis)")
    cells = ["sex", "age"]
    oslo = rows.filter(pl.col("region") == OSLO).select(*cells, oslo="persons")
    parts = (
        rows.filter(pl.col("region").is_in(district_regions()))
        .group_by(cells)
        .agg(pl.col("persons").sum())
    )
    if parts.join(oslo, on=cells).filter(pl.col("persons") > pl.col("oslo")).height:
        bad.append(f"{year}: bydelene summerer til mer enn Oslo")
    return bad


def problems(year: int) -> list[str]:
    """What is wrong with the population of `year` (the whole table is checked on load)."""
    return _problems(_frame(), year)


@cache
def population(year: int) -> pl.DataFrame:
    """Columns year, region, sex, age, persons, basis for every unit of `year`, sorted."""
    import polars as pl

    require_year(year, "befolkningstall")
    return _frame().filter(pl.col("year") == year)


@cache
def _cumulative() -> dict[Key, tuple[int, ...]]:
    """(year, region, sex) → persons aged below a, for a = 0..106 (the frame is a full grid)."""
    frame = _frame()
    persons = frame["persons"].to_list()
    keys = frame.gather_every(OLDEST + 1).select("year", "region", "sex").rows()
    size = OLDEST + 1
    return {
        (year, region, sex): tuple(accumulate(persons[i * size : (i + 1) * size], initial=0))
        for i, (year, region, sex) in enumerate(keys)
    }


def population_in(
    region: str, year: int, low: int = 0, high: int = OLDEST, sex: str | None = None
) -> int:
    """Persons in `region` on 1 January `year` aged `low`–`high` (inclusive), of `sex` or both.

    `region` is a municipality number of that year or an Oslo district code (030101–030115).
    """
    if not 0 <= low <= high <= OLDEST:
        raise ValueError(f"ugyldig aldersgruppe {low}–{high} (alder 0–{OLDEST})")
    if sex is not None and sex not in SEXES:
        raise ValueError(f"ugyldig kjønn {sex!r} (1 = mann, 2 = kvinne)")
    cumulative = _cumulative()
    total = 0
    for one in SEXES if sex is None else (sex,):
        sums = cumulative.get((year, region, one))
        if sums is None:
            require_year(year, "befolkningstall")
            raise UnknownRegion(f"ingen befolkningstall for region {region} i {year}")
        total += sums[high + 1] - sums[low]
    return total
