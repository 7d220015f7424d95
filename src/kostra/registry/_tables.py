"""Reading the registry's data files, and the years the registry covers.

Every table under `data/` is a CSV with `#` comment lines on top (the first names its source);
rows valid for a range of years carry `valid_from` and `valid_to` (empty: still valid).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from importlib import resources

from kostra.registry.errors import RegistryDataError, UnknownRegion

FIRST_YEAR = 2020
LAST_YEAR = 2026
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)  # reporting years with counties, groups, population

Row = dict[str, str]


def data_bytes(name: str) -> bytes:
    return resources.files("kostra.registry").joinpath(f"data/{name}").read_bytes()


def read_table(name: str) -> tuple[Row, ...]:
    """The rows of `data/<name>` as dicts of strings, comment lines skipped."""
    lines = data_bytes(name).decode("utf-8").splitlines()
    return tuple(csv.DictReader(line for line in lines if not line.startswith("#")))


def valid_in(row: Row, year: int) -> bool:
    """Whether a row with `valid_from`/`valid_to` holds in `year`."""
    return int(row["valid_from"]) <= year and (not row["valid_to"] or year <= int(row["valid_to"]))


def by_year(rows: Iterable[Row], key: str, value: str, table: str) -> dict[int, dict[str, str]]:
    """key → value for each covered year; a key valid twice in one year is broken data."""
    result: dict[int, dict[str, str]] = {year: {} for year in YEARS}
    for row in rows:
        for year in YEARS:
            if not valid_in(row, year):
                continue
            if row[key] in result[year]:
                raise RegistryDataError(f"{table}: {row[key]} står to ganger i {year}")
            result[year][row[key]] = row[value]
    return {year: dict(sorted(found.items())) for year, found in result.items()}


def require_year(year: int, what: str) -> None:
    """Refuse a year outside the registry's range, naming what was asked for."""
    if year not in YEARS:
        raise UnknownRegion(f"ingen {what} for {year} (registeret dekker {FIRST_YEAR}–{LAST_YEAR})")


def fail_if(problems: list[str], table: str) -> None:
    """Raise one error listing every broken invariant of a table, if there is any."""
    if problems:
        shown = "; ".join(problems[:10]) + (
            f" (og {len(problems) - 10} til)" if len(problems) > 10 else ""
        )
        raise RegistryDataError(f"registeret er ugyldig ({table}): {shown}")
