"""Suppression of a national table of 2025, built from the region registry, with made-up counts:
every unit, Oslo, the counties, the KOSTRA groups, EAB, EAKUO and EAK."""

from __future__ import annotations

import random

import pytest

from kostra.disclosure import Table, suppress
from kostra.registry import OSLO, county_of, kostra_group, reporting_units
from tests.disclosure.guarantee import assert_protected

YEAR = 2025


def national_cells(year: int) -> dict[str, frozenset[str]]:
    """Published cell → the reporting units it adds up."""
    units = reporting_units(year)
    cells = {unit.code: frozenset({unit.code}) for unit in units}
    groups: dict[str, set[str]] = {}
    for unit in units:
        for code in (
            f"EKA{county_of(unit.municipality, year)}",
            kostra_group(unit.municipality, year),
            "EAK",
            *(("EAB", OSLO) if unit.municipality == OSLO else ("EAKUO",)),
        ):
            groups.setdefault(code, set()).add(unit.code)
    cells.update({code: frozenset(members) for code, members in groups.items()})
    return cells


def made_up(cells: dict[str, frozenset[str]], seed: int) -> Table:
    """Counts per unit: about one in eight small (0–2), the rest mostly tens to hundreds."""
    rng = random.Random(seed)
    units = sorted(c for c, members in cells.items() if members == {c})
    inner = {
        unit: rng.choice((0, 1, 1, 2, 2))
        if rng.random() < 0.12
        else int(rng.lognormvariate(3.5, 1.2)) + 3
        for unit in units
    }
    return Table(inner, cells)


CELLS = national_cells(YEAR)


def test_the_table_has_every_unit_and_aggregate() -> None:
    assert len([c for c, m in CELLS.items() if m == {c}]) == len(reporting_units(YEAR))
    assert CELLS[OSLO] == CELLS["EAB"] == CELLS["EKA03"] == CELLS["EKG13"]
    assert CELLS["EAK"] == CELLS["EAKUO"] | CELLS["EAB"]
    assert sum(1 for c in CELLS if c.startswith("EKG")) == 17


@pytest.mark.parametrize(
    ("seed", "max_n", "protect_zeros"),
    [(1, 2, False), (2, 3, False), (3, 2, True)],
    ids=["max2", "max3", "max2-zeros"],
)
def test_no_small_count_in_the_national_table_can_be_worked_out(
    seed: int, max_n: int, protect_zeros: bool
) -> None:
    table = made_up(CELLS, seed)
    result = suppress(table, max_n, protect_zeros=protect_zeros)
    assert 20 <= len(result.primary) <= 80
    assert_protected(table, result, max_n, protect_zeros=protect_zeros)
    # The four names of Oslo's total are one cell: published or suppressed together.
    assert len({c in result.suppressed for c in (OSLO, "EAB", "EKA03", "EKG13")}) == 1


def test_forcing_the_aggregates_keeps_them_published_and_still_protects() -> None:
    table = made_up(CELLS, 4)
    forced = frozenset(c for c in CELLS if c.startswith(("EKA", "EAK")))
    result = suppress(table, 2, forced=forced)
    assert not result.suppressed & forced
    assert_protected(table, result, 2, forced=forced)
