"""Secondary suppression (sekundærprikking) by Gaussian elimination, after SSB's GaussSuppression.

A table is a set of published cells, each the sum of some inner cells (a municipality, an Oslo
district). Once the small counts are suppressed (`primary`), more cells must go, or a suppressed
count could be worked out from the rest: Oslo minus fourteen published districts gives the
fifteenth. The method (Langsrud 2024, doi:10.1007/978-3-031-69651-0_6) takes the other cells one
by one, the ones most worth publishing first, and publishes a cell unless that would make a
primary cell a linear combination of the published ones; then it suppresses it instead. Each
cell is a vector over the inner cells; every vector still undecided is kept reduced against the
published ones, so "would it become computable" is "is it proportional to the candidate".

Written here rather than taken from a library: no maintained Python library does this (SSB's
reference implementation is R, `SSBtools::GaussSuppression`; τ-Argus is a separate program).
Arithmetic is exact: sparse vectors of Python ints, kept small by dividing out common factors.
Pivot rows are chosen to touch few vectors, so a national table (about 370 inner and 410
published cells) takes some milliseconds (`scripts/bench_disclosure.py`).

What is protected:

* no suppressed primary cell is a linear combination of the published cells;
* the singleton problem, in the spirit of SSB's default `anySum`: no combination of singleton
  inner cells alone can be worked out from the published cells. With zeros visible a reader
  takes every suppressed count to be at least 1 (zeros are published first, so hardly ever
  suppressed), and two suppressed cells known to add up to 2 are two ones: the singletons are
  the inner cells counting 1. With `protect_zeros` they are the zeros, since suppressed cells
  known to add up to 0 are all zeros. An inner cell published on its own as a forced cell is no
  singleton. This is stricter than SSB's, which lets some differences of singletons (s₁ − s₂)
  through: here they count too.

What is not:

* bounds in general: that counts are never negative, or that a suppressed cell is at most
  `max_n`, can narrow a suppressed cell without revealing it exactly (SSB's interval methods);
* what one person knows about himself: the only person in a cell of 1 who knows he is alone
  could subtract himself from a worked-out sum with one other small cell (1 + 2). SSB handles
  this for magnitude tables; a recipient does not know he is his municipality's only one;
* linked tables: each table (variable, year) is protected on its own;
* forced cells: they are published whatever they give away; small counts they publish or make
  computable are reported as `Suppression.unsafe`, not protected.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from kostra.disclosure.primary import primary as small_counts

SYMBOL = ":"  # SSB's symbol for a suppressed cell

Vector = dict[int, int]  # inner cell (row number) → coefficient, zeros left out


@dataclass(frozen=True)
class Table:
    """A table to publish: the count of each inner cell, and each published cell as a sum of
    inner cells (a unit's own cell, Oslo, a county, a KOSTRA group, EAK …)."""

    inner: Mapping[str, int]  # inner cell → its count
    cells: Mapping[str, frozenset[str]]  # published cell → the inner cells it adds up

    def __post_init__(self) -> None:
        negative = sorted(cell for cell, count in self.inner.items() if count < 0)
        if negative:
            raise ValueError(f"negative counts in inner cells {negative}")
        for cell, members in self.cells.items():
            if not members:
                raise ValueError(f"published cell {cell!r} adds up no inner cell")
            unknown = members - self.inner.keys()
            if unknown:
                raise ValueError(f"published cell {cell!r} adds up unknown cells {sorted(unknown)}")

    @cached_property
    def freq(self) -> Mapping[str, int]:
        """Published cell → its count."""
        return {cell: sum(self.inner[i] for i in members) for cell, members in self.cells.items()}


class Reason(StrEnum):
    """Why a cell is suppressed."""

    PRIMARY = "primary"  # its own count is small
    SECONDARY = "secondary"  # publishing it would let a small count be worked out


@dataclass(frozen=True)
class Suppression:
    """The suppressed cells of one table (one variable, one year) and why."""

    reasons: Mapping[str, Reason]  # suppressed cell → why
    # Small counts that forced cells publish, or make computable although suppressed.
    unsafe: frozenset[str] = frozenset()

    @property
    def suppressed(self) -> frozenset[str]:
        """Every suppressed cell."""
        return frozenset(self.reasons)

    @property
    def primary(self) -> frozenset[str]:
        """The cells suppressed for their own small count."""
        return frozenset(c for c, why in self.reasons.items() if why is Reason.PRIMARY)

    @property
    def secondary(self) -> frozenset[str]:
        """The cells suppressed to protect others."""
        return frozenset(c for c, why in self.reasons.items() if why is Reason.SECONDARY)

    def shown(self, freq: Mapping[str, int]) -> dict[str, int | str]:
        """Each cell as published: its count, or SSB's ":" where suppressed."""
        return {cell: SYMBOL if cell in self.reasons else count for cell, count in freq.items()}


def suppress(
    table: Table,
    max_n: int,
    *,
    protect_zeros: bool = False,
    forced: frozenset[str] = frozenset(),
    order: Sequence[str] | None = None,
) -> Suppression:
    """Primary and secondary suppression of `table`: counts of 1 to `max_n` (and zeros with
    `protect_zeros`), then whatever else must go so that none of them can be worked out.

    Forced cells are published even if small (they come back as `unsafe`). The singletons are
    the inner cells of 1 (of 0 with `protect_zeros`), except those published as forced cells.
    """
    marked = small_counts(table.freq, max_n, protect_zeros=protect_zeros)
    shown = {next(iter(table.cells[c])) for c in forced if len(table.cells.get(c, ())) == 1}
    single = 0 if protect_zeros else 1
    singletons = frozenset(
        i
        for i, count in table.inner.items()
        if count == single and i not in shown and (protect_zeros or max_n >= 1)
    )
    hidden, unsafe = _eliminate(table, marked, forced, order, singletons)
    reasons = dict.fromkeys(sorted(marked - forced), Reason.PRIMARY)
    reasons.update((cell, Reason.SECONDARY) for cell in sorted(hidden))
    return Suppression(reasons, unsafe | (marked & forced))


def secondary(
    table: Table,
    primary: frozenset[str],
    *,
    forced: frozenset[str] = frozenset(),
    order: Sequence[str] | None = None,
    singletons: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """The cells to suppress besides `primary` so that no primary cell can be worked out from
    the published ones, nor any combination of `singletons` (inner cells) alone.

    `forced` cells are published whatever they reveal (forced wins over primary). `order`
    ranks the cells by how much they are wanted published, first most; cells it leaves out
    follow in the default order: zeros first (SSB's `secondaryZeros = FALSE`), then by count,
    largest first, then by number of inner cells, most first, then by id.
    """
    return _eliminate(table, primary, forced, order, singletons)[0]


def default_order(table: Table) -> list[str]:
    """The cells of `table` by how much they are wanted published (see `secondary`)."""
    freq, cells = table.freq, table.cells
    return sorted(cells, key=lambda c: (freq[c] != 0, -freq[c], -len(cells[c]), c))


def _eliminate(
    table: Table,
    primary: frozenset[str],
    forced: frozenset[str],
    order: Sequence[str] | None,
    singletons: frozenset[str],
) -> tuple[frozenset[str], frozenset[str]]:
    """(cells suppressed besides the primary ones, primary cells left computable by forced)."""
    for what, given, known in (
        ("primary", primary, table.cells),
        ("forced", forced, table.cells),
        ("order", frozenset(order or ()), table.cells),
        ("singleton", singletons, table.inner),
    ):
        unknown = given - known.keys()
        if unknown:
            raise ValueError(f"{what} cells not in the table: {sorted(unknown)}")
    rows = {inner: number for number, inner in enumerate(sorted(table.inner))}
    columns = {cell: {rows[i]: 1 for i in members} for cell, members in table.cells.items()}
    work = _Reduction(columns, len(rows), frozenset(rows[i] for i in singletons))
    for cell in sorted(forced):
        work.publish(cell)
    protect = primary - forced
    unsafe = frozenset(p for p in protect if not work.columns[p])
    guarded = sorted(protect - unsafe)
    for p in unsafe:
        work.drop(p)
    if not guarded and not singletons:
        return frozenset(), unsafe
    decided = primary | forced
    wanted = [c for c in dict.fromkeys(order or ()) if c not in decided]
    named = set(wanted)
    wanted += [c for c in default_order(table) if c not in decided and c not in named]
    hidden: set[str] = set()
    for cell in wanted:
        vector = work.columns[cell]
        if vector and (
            work.only_singletons(vector)
            or any(_proportional(work.columns[p], vector) for p in guarded)
        ):
            hidden.add(cell)
            work.drop(cell)
        else:
            work.publish(cell)
    return frozenset(hidden), unsafe


class _Reduction:
    """The undecided cells as vectors over the inner cells, each reduced against the cells
    published so far: every one is zero in every pivot row chosen. Reduced vectors are unique
    up to a factor, so a published set plus one candidate makes a primary cell computable
    exactly when their reduced vectors are proportional."""

    def __init__(self, columns: dict[str, Vector], n_rows: int, singleton_rows: frozenset[int]):
        self.columns = columns
        self.singleton_rows = singleton_rows
        self.holding: list[set[str]] = [set() for _ in range(n_rows)]  # row → columns using it
        for cell, vector in columns.items():
            for row in vector:
                self.holding[row].add(cell)

    def only_singletons(self, vector: Vector) -> bool:
        """True if publishing this reduced vector reveals a combination of singletons alone."""
        return bool(self.singleton_rows) and all(row in self.singleton_rows for row in vector)

    def drop(self, cell: str) -> None:
        """Take a decided cell out of the reduction."""
        for row in self.columns.pop(cell):
            self.holding[row].discard(cell)

    def publish(self, cell: str) -> None:
        """Publish `cell`: pick a pivot row in its reduced vector and clear that row in every
        undecided vector."""
        vector = self.columns[cell]
        self.drop(cell)
        if not vector:
            return  # already computable from the published cells
        pivot = self._pivot(vector)
        for other in tuple(self.holding[pivot]):
            self._clear(other, vector, pivot)

    def _pivot(self, vector: Vector) -> int:
        # A row outside the singletons whenever there is one: then the reduced vectors that
        # lie in singleton rows only are exactly the singleton combinations that would become
        # computable. Among those, the row that the fewest undecided vectors use.
        rows = [row for row in vector if row not in self.singleton_rows] or list(vector)
        return min(rows, key=lambda r: (len(self.holding[r]), abs(vector[r]) != 1, r))

    def _clear(self, cell: str, vector: Vector, pivot: int) -> None:
        target = self.columns[cell]
        common = math.gcd(target[pivot], vector[pivot])
        scale, factor = vector[pivot] // common, target[pivot] // common
        if scale != 1:
            for row in target:
                target[row] *= scale
        holding = self.holding
        for row, value in vector.items():
            result = target.get(row, 0) - factor * value
            if result:
                if row not in target:
                    holding[row].add(cell)
                target[row] = result
            else:
                del target[row]
                holding[row].discard(cell)
        if abs(scale) != 1 or abs(factor) != 1:
            common = math.gcd(*target.values())
            if common > 1:
                for row in target:
                    target[row] //= common


def _proportional(first: Vector, second: Vector) -> bool:
    if len(first) != len(second) or first.keys() != second.keys():
        return False
    row = next(iter(second))
    a, b = first[row], second[row]
    return all(first[r] * b == value * a for r, value in second.items())
