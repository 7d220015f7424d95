"""Benchmark: suppression (prikking) of a national table, timed (figures, not a test).

Run with `.venv/bin/python scripts/bench_disclosure.py`. It builds the 2025 region table (every
reporting unit, Oslo, the counties, the KOSTRA groups, EAB, EAKUO, EAK) once per made-up
variable, 30 of them, with seeded random counts of which about one in ten is 1 or 2, and times
`kostra.disclosure.suppress` with max_n = 2 over them, best of three rounds.
"""

from __future__ import annotations

import random
import statistics
import time

from kostra.disclosure import Table, suppress
from kostra.registry import OSLO, aggregates, reporting_units

YEAR = 2025
VARIABLES = 30
ROUNDS = 3
MAX_N = 2


def region_cells(year: int) -> dict[str, frozenset[str]]:
    """Published cell → the reporting units it adds up: each unit, Oslo and every aggregate."""
    units = [unit.code for unit in reporting_units(year)]
    districts = frozenset(code for code in units if code.startswith(OSLO) and len(code) == 6)
    cells = {code: frozenset({code}) for code in units}
    cells[OSLO] = districts
    for code, aggregate in aggregates(year).items():
        cells[code] = frozenset().union(*(cells[member] for member in aggregate.members))
    return cells


def made_up_counts(units: list[str], seed: int) -> dict[str, int]:
    """Counts per unit: mostly tens to hundreds, about one in ten a 1 or a 2, a few zeros."""
    rng = random.Random(seed)
    counts = {}
    for unit in units:
        draw = rng.random()
        if draw < 0.03:
            counts[unit] = 0
        elif draw < 0.12:
            counts[unit] = rng.choice((1, 1, 2))
        else:
            counts[unit] = int(rng.lognormvariate(3.5, 1.2)) + 3
    return counts


def main() -> None:
    cells = region_cells(YEAR)
    units = sorted({unit for members in cells.values() for unit in members})
    tables = [Table(made_up_counts(units, seed), cells) for seed in range(VARIABLES)]
    rounds = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        results = [suppress(table, MAX_N) for table in tables]
        rounds.append(time.perf_counter() - started)
    best = min(rounds)
    primary = statistics.mean(len(r.primary) for r in results)
    secondary = statistics.mean(len(r.secondary) for r in results)
    print(f"table: {len(units)} inner cells, {len(cells)} published cells, max_n = {MAX_N}")
    print(f"per table: {primary:.1f} primary and {secondary:.1f} secondary cells on average")
    print(
        f"{VARIABLES} tables: {best:.3f} s (best of {ROUNDS}), {best / VARIABLES * 1000:.1f} ms each"
    )


if __name__ == "__main__":
    main()
