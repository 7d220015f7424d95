"""Exact linear algebra for the disclosure tests, written apart from `kostra.disclosure` so
that its guarantee is checked by other code than its own elimination.

Vectors are mappings from inner cell to coefficient. A `Span` first takes out the inner cells
that are published on their own (and those that become so once those are known), then brings
the rest to echelon form over fractions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from fractions import Fraction

Vector = Mapping[str, int | Fraction]


def indicator(members: Iterable[str]) -> dict[str, int]:
    """The vector of a cell that adds up `members`."""
    return dict.fromkeys(members, 1)


def without(vector: Vector, rows: Collection[str]) -> dict[str, int | Fraction]:
    """`vector` with the coordinates in `rows` left out."""
    return {row: value for row, value in vector.items() if row not in rows}


class Span:
    """The linear span of some vectors: its dimension, and whether it holds a vector."""

    def __init__(self, vectors: Iterable[Vector]) -> None:
        rest = [{k: Fraction(v) for k, v in vector.items() if v} for vector in vectors]
        self.known: set[str] = set()  # inner cells whose own vector lies in the span
        while True:
            single = {next(iter(v)) for v in rest if len(v) == 1}
            if not single:
                break
            self.known |= single
            rest = [w for v in rest if (w := {k: x for k, x in v.items() if k not in single})]
        self.basis: dict[str, dict[str, Fraction]] = {}
        for vector in rest:
            reduced = self._reduce(vector)
            if reduced:
                self.basis[min(reduced)] = reduced

    @property
    def dimension(self) -> int:
        return len(self.known) + len(self.basis)

    def __contains__(self, vector: Vector) -> bool:
        return not self._reduce({k: Fraction(v) for k, v in vector.items() if k not in self.known})

    def _reduce(self, vector: dict[str, Fraction]) -> dict[str, Fraction]:
        vector = {k: v for k, v in vector.items() if v}
        while vector:
            lead = min(vector)
            base = self.basis.get(lead)
            if base is None:
                return vector
            factor = vector[lead] / base[lead]
            for k, v in base.items():
                value = vector.get(k, Fraction(0)) - factor * v
                if value:
                    vector[k] = value
                else:
                    vector.pop(k, None)
        return vector
