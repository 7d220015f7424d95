"""A published table as data: dimensions with their categories, a value per cell, and a status
per cell where the value is not a plain published number.

The shape is JSON-stat 2.0's (https://json-stat.org/format/): values in row-major order, the
last dimension varying fastest; the writers (`jsonstat.py`, `csv.py`, `px.py`) only lay it out.
Statuses are SSB's symbols, plus one of kostra's own for estimates:

| status | value | meaning |
|---|---|---|
| `.` | None | not possible: the category did not exist (a KOSTRA group before 2020) |
| `..` | None | figures missing: not delivered, or too uncertain to publish |
| `:` | None | suppressed for confidentiality |
| `e` | a number | estimated: the figure includes estimates for units that have not delivered |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from itertools import product
from math import prod


class Symbol(StrEnum):
    """Why a cell is not a plain published number."""

    NOT_POSSIBLE = "."
    MISSING = ".."
    SUPPRESSED = ":"
    ESTIMATED = "e"

    @property
    def label(self) -> str:
        """What the symbol means, in bokmål."""
        return _LABELS[self]

    @property
    def has_value(self) -> bool:
        """Whether a cell with this status still shows a number (only estimates do)."""
        return self is Symbol.ESTIMATED


_LABELS = {
    Symbol.NOT_POSSIBLE: "Ikke mulig å oppgi tall",
    Symbol.MISSING: "Tallgrunnlag mangler",
    Symbol.SUPPRESSED: "Vises ikke av konfidensialitetshensyn",
    Symbol.ESTIMATED: "Anslått: omfatter anslag for enheter som ikke har levert",
}


class Role(StrEnum):
    """The role of a dimension (JSON-stat's `role`)."""

    TIME = "time"
    GEO = "geo"
    METRIC = "metric"


@dataclass(frozen=True)
class Unit:
    """The unit of a metric category: what it counts or measures, and its decimals."""

    base: str  # "antall", "kr", "prosent", "måneder", "per 1 000 innbyggere"
    decimals: int


@dataclass(frozen=True)
class Category:
    """One category of a dimension."""

    code: str
    label: str
    unit: Unit | None = None  # metric categories only


@dataclass(frozen=True)
class Dimension:
    """One dimension of a dataset."""

    id: str
    label: str
    categories: tuple[Category, ...]
    role: Role | None = None

    def index(self, code: str) -> int:
        """The position of category `code`."""
        for position, category in enumerate(self.categories):
            if category.code == code:
                return position
        raise KeyError(f"{self.id} has no category {code!r}")


Value = int | float | None


@dataclass(frozen=True)
class Dataset:
    """One published table."""

    id: str
    label: str
    dimensions: tuple[Dimension, ...]
    values: tuple[Value, ...]
    status: dict[int, Symbol] = field(default_factory=dict)  # flat index → symbol
    updated: str = ""  # ISO 8601 date-time of the release (from its manifest: reproducible)
    source: str = "Statistisk sentralbyrå"
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        expected = prod(len(d.categories) for d in self.dimensions)
        if len(self.values) != expected:
            raise ValueError(f"{self.id}: {len(self.values)} values for {expected} cells")
        for index, symbol in self.status.items():
            if not 0 <= index < expected:
                raise ValueError(f"{self.id}: status for cell {index} of {expected}")
            if not symbol.has_value and self.values[index] is not None:
                raise ValueError(f"{self.id}: cell {index} has a value and status {symbol}")

    @property
    def size(self) -> tuple[int, ...]:
        """The number of categories of each dimension."""
        return tuple(len(d.categories) for d in self.dimensions)

    def flat_index(self, codes: tuple[str, ...]) -> int:
        """The position in `values` of the cell with one category code per dimension."""
        index = 0
        for dimension, code in zip(self.dimensions, codes, strict=True):
            index = index * len(dimension.categories) + dimension.index(code)
        return index

    def cells(self) -> list[tuple[tuple[Category, ...], Value, Symbol | None]]:
        """Every cell in row-major order: its categories, value and status."""
        # The product of the dimensions' categories is row-major, the last varying fastest.
        combinations = product(*(d.categories for d in self.dimensions))
        return [
            (categories, value, self.status.get(index))
            for index, (categories, value) in enumerate(zip(combinations, self.values, strict=True))
        ]
